from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="FunnelOut")



@_attrs_define
class FunnelOut:
    """ 
        Attributes:
            answered (int): Invitees who answered at least once.
            attending (int): Answers as they stand now.
            declined (int):
            emailed (int): Invitation emails sent.
            invited (int):
            joined (int): Attendees who opened the join link.
            opened (int): Invitees who opened their answer link (first visits).
            waiting (int):
     """

    answered: int
    attending: int
    declined: int
    emailed: int
    invited: int
    joined: int
    opened: int
    waiting: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        answered = self.answered

        attending = self.attending

        declined = self.declined

        emailed = self.emailed

        invited = self.invited

        joined = self.joined

        opened = self.opened

        waiting = self.waiting


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "answered": answered,
            "attending": attending,
            "declined": declined,
            "emailed": emailed,
            "invited": invited,
            "joined": joined,
            "opened": opened,
            "waiting": waiting,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        answered = d.pop("answered")

        attending = d.pop("attending")

        declined = d.pop("declined")

        emailed = d.pop("emailed")

        invited = d.pop("invited")

        joined = d.pop("joined")

        opened = d.pop("opened")

        waiting = d.pop("waiting")

        funnel_out = cls(
            answered=answered,
            attending=attending,
            declined=declined,
            emailed=emailed,
            invited=invited,
            joined=joined,
            opened=opened,
            waiting=waiting,
        )


        funnel_out.additional_properties = d
        return funnel_out

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
