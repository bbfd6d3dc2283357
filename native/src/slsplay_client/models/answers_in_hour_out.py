from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="AnswersInHourOut")



@_attrs_define
class AnswersInHourOut:
    """ 
        Attributes:
            attending (int):
            declined (int):
            hour (datetime.datetime): The UTC hour the answers were given in.
            waiting (int):
     """

    attending: int
    declined: int
    hour: datetime.datetime
    waiting: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        attending = self.attending

        declined = self.declined

        hour = self.hour.isoformat()

        waiting = self.waiting


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "attending": attending,
            "declined": declined,
            "hour": hour,
            "waiting": waiting,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        attending = d.pop("attending")

        declined = d.pop("declined")

        hour = datetime.datetime.fromisoformat(d.pop("hour"))




        waiting = d.pop("waiting")

        answers_in_hour_out = cls(
            attending=attending,
            declined=declined,
            hour=hour,
            waiting=waiting,
        )


        answers_in_hour_out.additional_properties = d
        return answers_in_hour_out

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
