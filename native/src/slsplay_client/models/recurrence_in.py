from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.recurrence_in_by import check_recurrence_in_by
from ..models.recurrence_in_by import RecurrenceInBy
from ..models.recurrence_in_nth_type_0 import check_recurrence_in_nth_type_0
from ..models.recurrence_in_nth_type_0 import RecurrenceInNthType0
from ..types import UNSET, Unset
from typing import cast
from typing import Literal, cast
import datetime






T = TypeVar("T", bound="RecurrenceIn")



@_attrs_define
class RecurrenceIn:
    """ Repeats monthly from the meetup's start, on the same day of the month or on the same
    nth weekday ("2nd Tuesday"; nth -1 is the last); ends after ``count`` or on ``until``.

        Attributes:
            frequency (Literal['monthly']):
            by (RecurrenceInBy | Unset):  Default: 'day_of_month'.
            count (int | None | Unset): Occurrences in all, the first included.
            nth (None | RecurrenceInNthType0 | Unset): 1 to 4, or -1: the last (by weekday).
            until (datetime.date | None | Unset): The last day, in the meetup's zone.
     """

    frequency: Literal['monthly']
    by: RecurrenceInBy | Unset = 'day_of_month'
    count: int | None | Unset = UNSET
    nth: None | RecurrenceInNthType0 | Unset = UNSET
    until: datetime.date | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        frequency = self.frequency

        by: str | Unset = UNSET
        if not isinstance(self.by, Unset):
            by = self.by


        count: int | None | Unset
        if isinstance(self.count, Unset):
            count = UNSET
        else:
            count = self.count

        nth: int | None | Unset
        if isinstance(self.nth, Unset):
            nth = UNSET
        elif isinstance(self.nth, int):
            nth = self.nth
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

        field_dict.update({
            "frequency": frequency,
        })
        if by is not UNSET:
            field_dict["by"] = by
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
        frequency = cast(Literal['monthly'] , d.pop("frequency"))
        if frequency != 'monthly':
            raise ValueError(f"frequency must match const 'monthly', got '{frequency}'")

        _by = d.pop("by", UNSET)
        by: RecurrenceInBy | Unset
        if isinstance(_by,  Unset):
            by = UNSET
        else:
            by = check_recurrence_in_by(_by)




        def _parse_count(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        count = _parse_count(d.pop("count", UNSET))


        def _parse_nth(data: object) -> None | RecurrenceInNthType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, int):
                    raise TypeError()
                nth_type_0 = check_recurrence_in_nth_type_0(data)



                return nth_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RecurrenceInNthType0 | Unset, data)

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


        recurrence_in = cls(
            frequency=frequency,
            by=by,
            count=count,
            nth=nth,
            until=until,
        )

        return recurrence_in

