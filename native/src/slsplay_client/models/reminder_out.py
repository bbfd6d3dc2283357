from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="ReminderOut")



@_attrs_define
class ReminderOut:
    """ 
        Attributes:
            answered_after (int): Answers from the reminder's time on.
            joined_after (int): Joins from the reminder's time on.
            lead_hours (int):
            sent (int):
            sent_at (datetime.datetime): When its first email went out.
     """

    answered_after: int
    joined_after: int
    lead_hours: int
    sent: int
    sent_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        answered_after = self.answered_after

        joined_after = self.joined_after

        lead_hours = self.lead_hours

        sent = self.sent

        sent_at = self.sent_at.isoformat()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "answered_after": answered_after,
            "joined_after": joined_after,
            "lead_hours": lead_hours,
            "sent": sent,
            "sent_at": sent_at,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        answered_after = d.pop("answered_after")

        joined_after = d.pop("joined_after")

        lead_hours = d.pop("lead_hours")

        sent = d.pop("sent")

        sent_at = datetime.datetime.fromisoformat(d.pop("sent_at"))




        reminder_out = cls(
            answered_after=answered_after,
            joined_after=joined_after,
            lead_hours=lead_hours,
            sent=sent,
            sent_at=sent_at,
        )


        reminder_out.additional_properties = d
        return reminder_out

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
