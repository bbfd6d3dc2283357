from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.price_out import PriceOut





T = TypeVar("T", bound="BalanceOut")



@_attrs_define
class BalanceOut:
    """ 
        Attributes:
            available (PriceOut):
            currency (str):
            total (PriceOut):
     """

    available: PriceOut
    currency: str
    total: PriceOut
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.price_out import PriceOut # noqa: PLC0415
        available = self.available.to_dict()

        currency = self.currency

        total = self.total.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "available": available,
            "currency": currency,
            "total": total,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.price_out import PriceOut # noqa: PLC0415
        d = dict(src_dict)
        available = PriceOut.from_dict(d.pop("available"))




        currency = d.pop("currency")

        total = PriceOut.from_dict(d.pop("total"))




        balance_out = cls(
            available=available,
            currency=currency,
            total=total,
        )


        balance_out.additional_properties = d
        return balance_out

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
