from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.entry_out_kind import check_entry_out_kind
from ..models.entry_out_kind import EntryOutKind
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.price_out import PriceOut





T = TypeVar("T", bound="EntryOut")



@_attrs_define
class EntryOut:
    """ 
        Attributes:
            amount (PriceOut):
            available_at (datetime.datetime):
            id (str):
            kind (EntryOutKind):
            meetup_id (None | str):
            recorded_at (datetime.datetime):
     """

    amount: PriceOut
    available_at: datetime.datetime
    id: str
    kind: EntryOutKind
    meetup_id: None | str
    recorded_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.price_out import PriceOut # noqa: PLC0415
        amount = self.amount.to_dict()

        available_at = self.available_at.isoformat()

        id = self.id

        kind: str = self.kind

        meetup_id: None | str
        meetup_id = self.meetup_id

        recorded_at = self.recorded_at.isoformat()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "amount": amount,
            "available_at": available_at,
            "id": id,
            "kind": kind,
            "meetup_id": meetup_id,
            "recorded_at": recorded_at,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.price_out import PriceOut # noqa: PLC0415
        d = dict(src_dict)
        amount = PriceOut.from_dict(d.pop("amount"))




        available_at = datetime.datetime.fromisoformat(d.pop("available_at"))




        id = d.pop("id")

        kind = check_entry_out_kind(d.pop("kind"))




        def _parse_meetup_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        meetup_id = _parse_meetup_id(d.pop("meetup_id"))


        recorded_at = datetime.datetime.fromisoformat(d.pop("recorded_at"))




        entry_out = cls(
            amount=amount,
            available_at=available_at,
            id=id,
            kind=kind,
            meetup_id=meetup_id,
            recorded_at=recorded_at,
        )


        entry_out.additional_properties = d
        return entry_out

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
