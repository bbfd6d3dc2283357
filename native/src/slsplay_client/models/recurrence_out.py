from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.recurrence_out_by import check_recurrence_out_by
from ..models.recurrence_out_by import RecurrenceOutBy
from ..types import UNSET, Unset
from typing import cast
from typing import Literal, cast
import datetime






T = TypeVar("T", bound="RecurrenceOut")



@_attrs_define
class RecurrenceOut:
    """ 
        Attributes:
            by (RecurrenceOutBy):
            frequency (Literal['monthly']):
            count (int | None | Unset):
            nth (int | None | Unset):
            until (datetime.date | None | Unset):
     """

    by: RecurrenceOutBy
    frequency: Literal['monthly']
    count: int | None | Unset = UNSET
    nth: int | None | Unset = UNSET
    until: datetime.date | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        by: str = self.by

        frequency = self.frequency

        count: int | None | Unset
        if isinstance(self.count, Unset):
            count = UNSET
        else:
            count = self.count

        nth: int | None | Unset
        if isinstance(self.nth, Unset):
            nth = UNSET
        else:
            nth = self.nth

        until: None | str | Unset
        if isinstance(self.until, Unset):
            until = UNSET
        elif isinstance(self.until, datetime.date):
            until = self.until.isoformat()
        else:
            until = self.until


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "by": by,
            "frequency": frequency,
        })
        if count is not UNSET:
            field_dict["count"] = count
        if nth is not UNSET:
            field_dict["nth"] = nth
        if until is not UNSET:
            field_dict["until"] = until

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        by = check_recurrence_out_by(d.pop("by"))




        frequency = cast(Literal['monthly'] , d.pop("frequency"))
        if frequency != 'monthly':
            raise ValueError(f"frequency must match const 'monthly', got '{frequency}'")

        def _parse_count(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        count = _parse_count(d.pop("count", UNSET))


        def _parse_nth(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        nth = _parse_nth(d.pop("nth", UNSET))


        def _parse_until(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                until_type_0 = datetime.date.fromisoformat(data)



                return until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        until = _parse_until(d.pop("until", UNSET))


        recurrence_out = cls(
            by=by,
            frequency=frequency,
            count=count,
            nth=nth,
            until=until,
        )


        recurrence_out.additional_properties = d
        return recurrence_out

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
