from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="UnsubscribedOut")



@_attrs_define
class UnsubscribedOut:
    """ 
        Attributes:
            email (str):
            meetup_id (str):
            meetup_title (str):
            unsubscribed_at (datetime.datetime):
     """

    email: str
    meetup_id: str
    meetup_title: str
    unsubscribed_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        email = self.email

        meetup_id = self.meetup_id

        meetup_title = self.meetup_title

        unsubscribed_at = self.unsubscribed_at.isoformat()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "email": email,
            "meetup_id": meetup_id,
            "meetup_title": meetup_title,
            "unsubscribed_at": unsubscribed_at,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        email = d.pop("email")

        meetup_id = d.pop("meetup_id")

        meetup_title = d.pop("meetup_title")

        unsubscribed_at = datetime.datetime.fromisoformat(d.pop("unsubscribed_at"))




        unsubscribed_out = cls(
            email=email,
            meetup_id=meetup_id,
            meetup_title=meetup_title,
            unsubscribed_at=unsubscribed_at,
        )


        unsubscribed_out.additional_properties = d
        return unsubscribed_out

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
