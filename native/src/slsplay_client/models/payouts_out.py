from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.entry_out import EntryOut





T = TypeVar("T", bound="PayoutsOut")



@_attrs_define
class PayoutsOut:
    """ 
        Attributes:
            payouts (list[EntryOut]):
     """

    payouts: list[EntryOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.entry_out import EntryOut # noqa: PLC0415
        payouts = []
        for payouts_item_data in self.payouts:
            payouts_item = payouts_item_data.to_dict()
            payouts.append(payouts_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "payouts": payouts,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.entry_out import EntryOut # noqa: PLC0415
        d = dict(src_dict)
        payouts = []
        _payouts = d.pop("payouts")
        for payouts_item_data in (_payouts):
            payouts_item = EntryOut.from_dict(payouts_item_data)



            payouts.append(payouts_item)


        payouts_out = cls(
            payouts=payouts,
        )


        payouts_out.additional_properties = d
        return payouts_out

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
