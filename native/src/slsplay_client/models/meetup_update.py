from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.meetup_update_category_type_0 import check_meetup_update_category_type_0
from ..models.meetup_update_category_type_0 import MeetupUpdateCategoryType0
from ..models.meetup_update_timezone_type_0 import check_meetup_update_timezone_type_0
from ..models.meetup_update_timezone_type_0 import MeetupUpdateTimezoneType0
from ..models.meetup_update_visibility_type_0 import check_meetup_update_visibility_type_0
from ..models.meetup_update_visibility_type_0 import MeetupUpdateVisibilityType0
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.price_in import PriceIn





T = TypeVar("T", bound="MeetupUpdate")



@_attrs_define
class MeetupUpdate:
    """ Only the fields present change; ``null`` clears capacity or price.

        Attributes:
            capacity (int | None | Unset):
            category (MeetupUpdateCategoryType0 | None | Unset):
            description (None | str | Unset):
            duration_minutes (int | None | Unset):
            join_url (None | str | Unset):
            price (None | PriceIn | Unset):
            rsvp_closes_at (datetime.datetime | None | Unset):
            starts_at (datetime.datetime | None | Unset):
            timezone (MeetupUpdateTimezoneType0 | None | Unset):
            title (None | str | Unset):
            visibility (MeetupUpdateVisibilityType0 | None | Unset):
     """

    capacity: int | None | Unset = UNSET
    category: MeetupUpdateCategoryType0 | None | Unset = UNSET
    description: None | str | Unset = UNSET
    duration_minutes: int | None | Unset = UNSET
    join_url: None | str | Unset = UNSET
    price: None | PriceIn | Unset = UNSET
    rsvp_closes_at: datetime.datetime | None | Unset = UNSET
    starts_at: datetime.datetime | None | Unset = UNSET
    timezone: MeetupUpdateTimezoneType0 | None | Unset = UNSET
    title: None | str | Unset = UNSET
    visibility: MeetupUpdateVisibilityType0 | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.price_in import PriceIn # noqa: PLC0415
        capacity: int | None | Unset
        if isinstance(self.capacity, Unset):
            capacity = UNSET
        else:
            capacity = self.capacity

        category: None | str | Unset
        if isinstance(self.category, Unset):
            category = UNSET
        elif isinstance(self.category, str):
            category = self.category
        else:
            category = self.category

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        duration_minutes: int | None | Unset
        if isinstance(self.duration_minutes, Unset):
            duration_minutes = UNSET
        else:
            duration_minutes = self.duration_minutes

        join_url: None | str | Unset
        if isinstance(self.join_url, Unset):
            join_url = UNSET
        else:
            join_url = self.join_url

        price: dict[str, Any] | None | Unset
        if isinstance(self.price, Unset):
            price = UNSET
        elif isinstance(self.price, PriceIn):
            price = self.price.to_dict()
        else:
            price = self.price

        rsvp_closes_at: None | str | Unset
        if isinstance(self.rsvp_closes_at, Unset):
            rsvp_closes_at = UNSET
        elif isinstance(self.rsvp_closes_at, datetime.datetime):
            rsvp_closes_at = self.rsvp_closes_at.isoformat()
        else:
            rsvp_closes_at = self.rsvp_closes_at

        starts_at: None | str | Unset
        if isinstance(self.starts_at, Unset):
            starts_at = UNSET
        elif isinstance(self.starts_at, datetime.datetime):
            starts_at = self.starts_at.isoformat()
        else:
            starts_at = self.starts_at

        timezone: None | str | Unset
        if isinstance(self.timezone, Unset):
            timezone = UNSET
        elif isinstance(self.timezone, str):
            timezone = self.timezone
        else:
            timezone = self.timezone

        title: None | str | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        else:
            title = self.title

        visibility: None | str | Unset
        if isinstance(self.visibility, Unset):
            visibility = UNSET
        elif isinstance(self.visibility, str):
            visibility = self.visibility
        else:
            visibility = self.visibility


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if capacity is not UNSET:
            field_dict["capacity"] = capacity
        if category is not UNSET:
            field_dict["category"] = category
        if description is not UNSET:
            field_dict["description"] = description
        if duration_minutes is not UNSET:
            field_dict["duration_minutes"] = duration_minutes
        if join_url is not UNSET:
            field_dict["join_url"] = join_url
        if price is not UNSET:
            field_dict["price"] = price
        if rsvp_closes_at is not UNSET:
            field_dict["rsvp_closes_at"] = rsvp_closes_at
        if starts_at is not UNSET:
            field_dict["starts_at"] = starts_at
        if timezone is not UNSET:
            field_dict["timezone"] = timezone
        if title is not UNSET:
            field_dict["title"] = title
        if visibility is not UNSET:
            field_dict["visibility"] = visibility

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.price_in import PriceIn # noqa: PLC0415
        d = dict(src_dict)
        def _parse_capacity(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        capacity = _parse_capacity(d.pop("capacity", UNSET))


        def _parse_category(data: object) -> MeetupUpdateCategoryType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                category_type_0 = check_meetup_update_category_type_0(data)



                return category_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(MeetupUpdateCategoryType0 | None | Unset, data)

        category = _parse_category(d.pop("category", UNSET))


        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))


        def _parse_duration_minutes(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        duration_minutes = _parse_duration_minutes(d.pop("duration_minutes", UNSET))


        def _parse_join_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        join_url = _parse_join_url(d.pop("join_url", UNSET))


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


        def _parse_starts_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                starts_at_type_0 = datetime.datetime.fromisoformat(data)



                return starts_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        starts_at = _parse_starts_at(d.pop("starts_at", UNSET))


        def _parse_timezone(data: object) -> MeetupUpdateTimezoneType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                timezone_type_0 = check_meetup_update_timezone_type_0(data)



                return timezone_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(MeetupUpdateTimezoneType0 | None | Unset, data)

        timezone = _parse_timezone(d.pop("timezone", UNSET))


        def _parse_title(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        title = _parse_title(d.pop("title", UNSET))


        def _parse_visibility(data: object) -> MeetupUpdateVisibilityType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                visibility_type_0 = check_meetup_update_visibility_type_0(data)



                return visibility_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(MeetupUpdateVisibilityType0 | None | Unset, data)

        visibility = _parse_visibility(d.pop("visibility", UNSET))


        meetup_update = cls(
            capacity=capacity,
            category=category,
            description=description,
            duration_minutes=duration_minutes,
            join_url=join_url,
            price=price,
            rsvp_closes_at=rsvp_closes_at,
            starts_at=starts_at,
            timezone=timezone,
            title=title,
            visibility=visibility,
        )

        return meetup_update

