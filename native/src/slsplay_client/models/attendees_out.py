from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.attendee_out import AttendeeOut
  from ..models.waiting_out import WaitingOut





T = TypeVar("T", bound="AttendeesOut")



@_attrs_define
class AttendeesOut:
    """ 
        Attributes:
            attendees (list[AttendeeOut]):
            waitlist (list[WaitingOut]): Who waits for a seat, first in line first: a freed seat goes to them.
     """

    attendees: list[AttendeeOut]
    waitlist: list[WaitingOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.attendee_out import AttendeeOut # noqa: PLC0415
        from ..models.waiting_out import WaitingOut # noqa: PLC0415
        attendees = []
        for attendees_item_data in self.attendees:
            attendees_item = attendees_item_data.to_dict()
            attendees.append(attendees_item)



        waitlist = []
        for waitlist_item_data in self.waitlist:
            waitlist_item = waitlist_item_data.to_dict()
            waitlist.append(waitlist_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "attendees": attendees,
            "waitlist": waitlist,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.attendee_out import AttendeeOut # noqa: PLC0415
        from ..models.waiting_out import WaitingOut # noqa: PLC0415
        d = dict(src_dict)
        attendees = []
        _attendees = d.pop("attendees")
        for attendees_item_data in (_attendees):
            attendees_item = AttendeeOut.from_dict(attendees_item_data)



            attendees.append(attendees_item)


        waitlist = []
        _waitlist = d.pop("waitlist")
        for waitlist_item_data in (_waitlist):
            waitlist_item = WaitingOut.from_dict(waitlist_item_data)



            waitlist.append(waitlist_item)


        attendees_out = cls(
            attendees=attendees,
            waitlist=waitlist,
        )


        attendees_out.additional_properties = d
        return attendees_out

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
