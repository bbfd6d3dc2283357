from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.meetup_create_category import check_meetup_create_category
from ..models.meetup_create_category import MeetupCreateCategory
from ..models.meetup_create_timezone import check_meetup_create_timezone
from ..models.meetup_create_timezone import MeetupCreateTimezone
from ..models.meetup_create_visibility import check_meetup_create_visibility
from ..models.meetup_create_visibility import MeetupCreateVisibility
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.price_in import PriceIn
  from ..models.recurrence_in import RecurrenceIn





T = TypeVar("T", bound="MeetupCreate")



@_attrs_define
class MeetupCreate:
    """ 
        Attributes:
            duration_minutes (int):
            join_url (str): The https link to join online.
            starts_at (datetime.datetime): ISO 8601 with an offset.
            timezone (MeetupCreateTimezone): The organizer's IANA time zone, e.g. Europe/Berlin.
            title (str):
            capacity (int | None | Unset):
            category (MeetupCreateCategory | Unset):  Default: 'other'.
            description (str | Unset):  Default: ''.
            price (None | PriceIn | Unset):
            recurrence (None | RecurrenceIn | Unset): Makes the meetup the first occurrence of a monthly series.
            rsvp_closes_at (datetime.datetime | None | Unset): Answers are taken until then (at or before the start).
            visibility (MeetupCreateVisibility | Unset):  Default: 'private'.
     """

    duration_minutes: int
    join_url: str
    starts_at: datetime.datetime
    timezone: MeetupCreateTimezone
    title: str
    capacity: int | None | Unset = UNSET
    category: MeetupCreateCategory | Unset = 'other'
    description: str | Unset = ''
    price: None | PriceIn | Unset = UNSET
    recurrence: None | RecurrenceIn | Unset = UNSET
    rsvp_closes_at: datetime.datetime | None | Unset = UNSET
    visibility: MeetupCreateVisibility | Unset = 'private'





    def to_dict(self) -> dict[str, Any]:
        from ..models.price_in import PriceIn # noqa: PLC0415
        from ..models.recurrence_in import RecurrenceIn # noqa: PLC0415
        duration_minutes = self.duration_minutes

        join_url = self.join_url

        starts_at = self.starts_at.isoformat()

        timezone: str = self.timezone

        title = self.title

        capacity: int | None | Unset
        if isinstance(self.capacity, Unset):
            capacity = UNSET
        else:
            capacity = self.capacity

        category: str | Unset = UNSET
        if not isinstance(self.category, Unset):
            category = self.category


        description = self.description

        price: dict[str, Any] | None | Unset
        if isinstance(self.price, Unset):
            price = UNSET
        elif isinstance(self.price, PriceIn):
            price = self.price.to_dict()
        else:
            price = self.price

        recurrence: dict[str, Any] | None | Unset
        if isinstance(self.recurrence, Unset):
            recurrence = UNSET
        elif isinstance(self.recurrence, RecurrenceIn):
            recurrence = self.recurrence.to_dict()
        else:
            recurrence = self.recurrence

        rsvp_closes_at: None | str | Unset
        if isinstance(self.rsvp_closes_at, Unset):
            rsvp_closes_at = UNSET
        elif isinstance(self.rsvp_closes_at, datetime.datetime):
            rsvp_closes_at = self.rsvp_closes_at.isoformat()
        else:
            rsvp_closes_at = self.rsvp_closes_at

        visibility: str | Unset = UNSET
        if not isinstance(self.visibility, Unset):
            visibility = self.visibility



        field_dict: dict[str, Any] = {}

        field_dict.update({
            "duration_minutes": duration_minutes,
            "join_url": join_url,
            "starts_at": starts_at,
            "timezone": timezone,
            "title": title,
        })
        if capacity is not UNSET:
            field_dict["capacity"] = capacity
        if category is not UNSET:
            field_dict["category"] = category
        if description is not UNSET:
            field_dict["description"] = description
        if price is not UNSET:
            field_dict["price"] = price
        if recurrence is not UNSET:
            field_dict["recurrence"] = recurrence
        if rsvp_closes_at is not UNSET:
            field_dict["rsvp_closes_at"] = rsvp_closes_at
        if visibility is not UNSET:
            field_dict["visibility"] = visibility

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.price_in import PriceIn # noqa: PLC0415
        from ..models.recurrence_in import RecurrenceIn # noqa: PLC0415
        d = dict(src_dict)
        duration_minutes = d.pop("duration_minutes")

        join_url = d.pop("join_url")

        starts_at = datetime.datetime.fromisoformat(d.pop("starts_at"))




        timezone = check_meetup_create_timezone(d.pop("timezone"))




        title = d.pop("title")

        def _parse_capacity(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        capacity = _parse_capacity(d.pop("capacity", UNSET))


        _category = d.pop("category", UNSET)
        category: MeetupCreateCategory | Unset
        if isinstance(_category,  Unset):
            category = UNSET
        else:
            category = check_meetup_create_category(_category)




        description = d.pop("description", UNSET)

        def _parse_price(data: object) -> None | PriceIn | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                price_type_0 = PriceIn.from_dict(data)



                return price_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PriceIn | Unset, data)

        price = _parse_price(d.pop("price", UNSET))


        def _parse_recurrence(data: object) -> None | RecurrenceIn | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                recurrence_type_0 = RecurrenceIn.from_dict(data)



                return recurrence_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RecurrenceIn | Unset, data)

        recurrence = _parse_recurrence(d.pop("recurrence", UNSET))


        def _parse_rsvp_closes_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                rsvp_closes_at_type_0 = datetime.datetime.fromisoformat(data)



                return rsvp_closes_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        rsvp_closes_at = _parse_rsvp_closes_at(d.pop("rsvp_closes_at", UNSET))


        _visibility = d.pop("visibility", UNSET)
        visibility: MeetupCreateVisibility | Unset
        if isinstance(_visibility,  Unset):
            visibility = UNSET
        else:
            visibility = check_meetup_create_visibility(_visibility)




        meetup_create = cls(
            duration_minutes=duration_minutes,
            join_url=join_url,
            starts_at=starts_at,
            timezone=timezone,
            title=title,
            capacity=capacity,
            category=category,
            description=description,
            price=price,
            recurrence=recurrence,
            rsvp_closes_at=rsvp_closes_at,
            visibility=visibility,
        )

        return meetup_create

