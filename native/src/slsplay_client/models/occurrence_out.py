from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.occurrence_out_status import check_occurrence_out_status
from ..models.occurrence_out_status import OccurrenceOutStatus
from typing import cast
import datetime






T = TypeVar("T", bound="OccurrenceOut")



@_attrs_define
class OccurrenceOut:
    """ 
        Attributes:
            meetup_id (str):
            occurrence (int):
            starts_at (datetime.datetime):
            status (OccurrenceOutStatus):
     """

    meetup_id: str
    occurrence: int
    starts_at: datetime.datetime
    status: OccurrenceOutStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        meetup_id = self.meetup_id

        occurrence = self.occurrence

        starts_at = self.starts_at.isoformat()

        status: str = self.status


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "meetup_id": meetup_id,
            "occurrence": occurrence,
            "starts_at": starts_at,
            "status": status,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        meetup_id = d.pop("meetup_id")

        occurrence = d.pop("occurrence")

        starts_at = datetime.datetime.fromisoformat(d.pop("starts_at"))




        status = check_occurrence_out_status(d.pop("status"))




        occurrence_out = cls(
            meetup_id=meetup_id,
            occurrence=occurrence,
            starts_at=starts_at,
            status=status,
        )


        occurrence_out.additional_properties = d
        return occurrence_out

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
