from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="SeriesRefOut")



@_attrs_define
class SeriesRefOut:
    """ 
        Attributes:
            id (str):
            occurrence (int): This meetup's number in the series (the first is 1).
            rrule (None | str): The RFC 5545 RRULE, from the series' first start (null in lists).
            summary (None | str): The rule in words: "Monthly on the 2nd Tuesday" (null in lists).
     """

    id: str
    occurrence: int
    rrule: None | str
    summary: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        id = self.id

        occurrence = self.occurrence

        rrule: None | str
        rrule = self.rrule

        summary: None | str
        summary = self.summary


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "occurrence": occurrence,
            "rrule": rrule,
            "summary": summary,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        occurrence = d.pop("occurrence")

        def _parse_rrule(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        rrule = _parse_rrule(d.pop("rrule"))


        def _parse_summary(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        summary = _parse_summary(d.pop("summary"))


        series_ref_out = cls(
            id=id,
            occurrence=occurrence,
            rrule=rrule,
            summary=summary,
        )


        series_ref_out.additional_properties = d
        return series_ref_out

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
