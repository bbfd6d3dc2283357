from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.meetup_out import MeetupOut





T = TypeVar("T", bound="MeetupsPage")



@_attrs_define
class MeetupsPage:
    """ 
        Attributes:
            meetups (list[MeetupOut]):
            next_cursor (None | str):
     """

    meetups: list[MeetupOut]
    next_cursor: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.meetup_out import MeetupOut # noqa: PLC0415
        meetups = []
        for meetups_item_data in self.meetups:
            meetups_item = meetups_item_data.to_dict()
            meetups.append(meetups_item)



        next_cursor: None | str
        next_cursor = self.next_cursor


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "meetups": meetups,
            "next_cursor": next_cursor,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.meetup_out import MeetupOut # noqa: PLC0415
        d = dict(src_dict)
        meetups = []
        _meetups = d.pop("meetups")
        for meetups_item_data in (_meetups):
            meetups_item = MeetupOut.from_dict(meetups_item_data)



            meetups.append(meetups_item)


        def _parse_next_cursor(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        next_cursor = _parse_next_cursor(d.pop("next_cursor"))


        meetups_page = cls(
            meetups=meetups,
            next_cursor=next_cursor,
        )


        meetups_page.additional_properties = d
        return meetups_page

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
