from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.meetup_out_category import check_meetup_out_category
from ..models.meetup_out_category import MeetupOutCategory
from ..models.meetup_out_phase import check_meetup_out_phase
from ..models.meetup_out_phase import MeetupOutPhase
from ..models.meetup_out_status import check_meetup_out_status
from ..models.meetup_out_status import MeetupOutStatus
from ..models.meetup_out_visibility import check_meetup_out_visibility
from ..models.meetup_out_visibility import MeetupOutVisibility
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.counts_out import CountsOut
  from ..models.media_out import MediaOut
  from ..models.organizer_out import OrganizerOut
  from ..models.price_out import PriceOut
  from ..models.series_ref_out import SeriesRefOut





T = TypeVar("T", bound="MeetupOut")



@_attrs_define
class MeetupOut:
    """ 
        Attributes:
            answers_close_at (datetime.datetime): When answers stop: the start by default.
            capacity (int | None):
            category (MeetupOutCategory):
            counts (CountsOut):
            created_at (datetime.datetime):
            description (str):
            duration_minutes (int):
            ends_at (datetime.datetime):
            id (str):
            join_url (None | str): Only for the organizer and for attendees.
            media (list[MediaOut]): The organizer sees every upload; others, only what is ready.
            organizer (OrganizerOut):
            phase (MeetupOutPhase):
            price (None | PriceOut):
            rsvp_closes_at (datetime.datetime | None): As set by the organizer (null: none).
            starts_at (datetime.datetime):
            status (MeetupOutStatus):
            timezone (str):
            title (str):
            updated_at (datetime.datetime):
            version (int):
            visibility (MeetupOutVisibility):
            series (None | SeriesRefOut | Unset): For an occurrence of a monthly series: which one.
     """

    answers_close_at: datetime.datetime
    capacity: int | None
    category: MeetupOutCategory
    counts: CountsOut
    created_at: datetime.datetime
    description: str
    duration_minutes: int
    ends_at: datetime.datetime
    id: str
    join_url: None | str
    media: list[MediaOut]
    organizer: OrganizerOut
    phase: MeetupOutPhase
    price: None | PriceOut
    rsvp_closes_at: datetime.datetime | None
    starts_at: datetime.datetime
    status: MeetupOutStatus
    timezone: str
    title: str
    updated_at: datetime.datetime
    version: int
    visibility: MeetupOutVisibility
    series: None | SeriesRefOut | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.counts_out import CountsOut # noqa: PLC0415
        from ..models.media_out import MediaOut # noqa: PLC0415
        from ..models.organizer_out import OrganizerOut # noqa: PLC0415
        from ..models.price_out import PriceOut # noqa: PLC0415
        from ..models.series_ref_out import SeriesRefOut # noqa: PLC0415
        answers_close_at = self.answers_close_at.isoformat()

        capacity: int | None
        capacity = self.capacity

        category: str = self.category

        counts = self.counts.to_dict()

        created_at = self.created_at.isoformat()

        description = self.description

        duration_minutes = self.duration_minutes

        ends_at = self.ends_at.isoformat()

        id = self.id

        join_url: None | str
        join_url = self.join_url

        media = []
        for media_item_data in self.media:
            media_item = media_item_data.to_dict()
            media.append(media_item)



        organizer = self.organizer.to_dict()

        phase: str = self.phase

        price: dict[str, Any] | None
        if isinstance(self.price, PriceOut):
            price = self.price.to_dict()
        else:
            price = self.price

        rsvp_closes_at: None | str
        if isinstance(self.rsvp_closes_at, datetime.datetime):
            rsvp_closes_at = self.rsvp_closes_at.isoformat()
        else:
            rsvp_closes_at = self.rsvp_closes_at

        starts_at = self.starts_at.isoformat()

        status: str = self.status

        timezone = self.timezone

        title = self.title

        updated_at = self.updated_at.isoformat()

        version = self.version

        visibility: str = self.visibility

        series: dict[str, Any] | None | Unset
        if isinstance(self.series, Unset):
            series = UNSET
        elif isinstance(self.series, SeriesRefOut):
            series = self.series.to_dict()
        else:
            series = self.series


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "answers_close_at": answers_close_at,
            "capacity": capacity,
            "category": category,
            "counts": counts,
            "created_at": created_at,
            "description": description,
            "duration_minutes": duration_minutes,
            "ends_at": ends_at,
            "id": id,
            "join_url": join_url,
            "media": media,
            "organizer": organizer,
            "phase": phase,
            "price": price,
            "rsvp_closes_at": rsvp_closes_at,
            "starts_at": starts_at,
            "status": status,
            "timezone": timezone,
            "title": title,
            "updated_at": updated_at,
            "version": version,
            "visibility": visibility,
        })
        if series is not UNSET:
            field_dict["series"] = series

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.counts_out import CountsOut # noqa: PLC0415
        from ..models.media_out import MediaOut # noqa: PLC0415
        from ..models.organizer_out import OrganizerOut # noqa: PLC0415
        from ..models.price_out import PriceOut # noqa: PLC0415
        from ..models.series_ref_out import SeriesRefOut # noqa: PLC0415
        d = dict(src_dict)
        answers_close_at = datetime.datetime.fromisoformat(d.pop("answers_close_at"))




        def _parse_capacity(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        capacity = _parse_capacity(d.pop("capacity"))


        category = check_meetup_out_category(d.pop("category"))




        counts = CountsOut.from_dict(d.pop("counts"))




        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        description = d.pop("description")

        duration_minutes = d.pop("duration_minutes")

        ends_at = datetime.datetime.fromisoformat(d.pop("ends_at"))




        id = d.pop("id")

        def _parse_join_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        join_url = _parse_join_url(d.pop("join_url"))


        media = []
        _media = d.pop("media")
        for media_item_data in (_media):
            media_item = MediaOut.from_dict(media_item_data)



            media.append(media_item)


        organizer = OrganizerOut.from_dict(d.pop("organizer"))




        phase = check_meetup_out_phase(d.pop("phase"))




        def _parse_price(data: object) -> None | PriceOut:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                price_type_0 = PriceOut.from_dict(data)



                return price_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PriceOut, data)

        price = _parse_price(d.pop("price"))


        def _parse_rsvp_closes_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                rsvp_closes_at_type_0 = datetime.datetime.fromisoformat(data)



                return rsvp_closes_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        rsvp_closes_at = _parse_rsvp_closes_at(d.pop("rsvp_closes_at"))


        starts_at = datetime.datetime.fromisoformat(d.pop("starts_at"))




        status = check_meetup_out_status(d.pop("status"))




        timezone = d.pop("timezone")

        title = d.pop("title")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        version = d.pop("version")

        visibility = check_meetup_out_visibility(d.pop("visibility"))




        def _parse_series(data: object) -> None | SeriesRefOut | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                series_type_0 = SeriesRefOut.from_dict(data)



                return series_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SeriesRefOut | Unset, data)

        series = _parse_series(d.pop("series", UNSET))


        meetup_out = cls(
            answers_close_at=answers_close_at,
            capacity=capacity,
            category=category,
            counts=counts,
            created_at=created_at,
            description=description,
            duration_minutes=duration_minutes,
            ends_at=ends_at,
            id=id,
            join_url=join_url,
            media=media,
            organizer=organizer,
            phase=phase,
            price=price,
            rsvp_closes_at=rsvp_closes_at,
            starts_at=starts_at,
            status=status,
            timezone=timezone,
            title=title,
            updated_at=updated_at,
            version=version,
            visibility=visibility,
            series=series,
        )


        meetup_out.additional_properties = d
        return meetup_out

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
