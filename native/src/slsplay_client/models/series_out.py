from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.occurrence_out import OccurrenceOut
  from ..models.recurrence_out import RecurrenceOut





T = TypeVar("T", bound="SeriesOut")



@_attrs_define
class SeriesOut:
    """ 
        Attributes:
            first_starts_at (datetime.datetime):
            id (str):
            occurrences (list[OccurrenceOut]): Those created so far (60 days ahead).
            published (bool):
            rule (RecurrenceOut):
            skipped (list[int]): Numbers of the occurrences cancelled.
            summary (str):
            timezone (str):
     """

    first_starts_at: datetime.datetime
    id: str
    occurrences: list[OccurrenceOut]
    published: bool
    rule: RecurrenceOut
    skipped: list[int]
    summary: str
    timezone: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.occurrence_out import OccurrenceOut # noqa: PLC0415
        from ..models.recurrence_out import RecurrenceOut # noqa: PLC0415
        first_starts_at = self.first_starts_at.isoformat()

        id = self.id

        occurrences = []
        for occurrences_item_data in self.occurrences:
            occurrences_item = occurrences_item_data.to_dict()
            occurrences.append(occurrences_item)



        published = self.published

        rule = self.rule.to_dict()

        skipped = self.skipped



        summary = self.summary

        timezone = self.timezone


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "first_starts_at": first_starts_at,
            "id": id,
            "occurrences": occurrences,
            "published": published,
            "rule": rule,
            "skipped": skipped,
            "summary": summary,
            "timezone": timezone,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.occurrence_out import OccurrenceOut # noqa: PLC0415
        from ..models.recurrence_out import RecurrenceOut # noqa: PLC0415
        d = dict(src_dict)
        first_starts_at = datetime.datetime.fromisoformat(d.pop("first_starts_at"))




        id = d.pop("id")

        occurrences = []
        _occurrences = d.pop("occurrences")
        for occurrences_item_data in (_occurrences):
            occurrences_item = OccurrenceOut.from_dict(occurrences_item_data)



            occurrences.append(occurrences_item)


        published = d.pop("published")

        rule = RecurrenceOut.from_dict(d.pop("rule"))




        skipped = cast(list[int], d.pop("skipped"))


        summary = d.pop("summary")

        timezone = d.pop("timezone")

        series_out = cls(
            first_starts_at=first_starts_at,
            id=id,
            occurrences=occurrences,
            published=published,
            rule=rule,
            skipped=skipped,
            summary=summary,
            timezone=timezone,
        )


        series_out.additional_properties = d
        return series_out

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
