from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.price_out import PriceOut





T = TypeVar("T", bound="QuoteOut")



@_attrs_define
class QuoteOut:
    """ 
        Attributes:
            fee (None | PriceOut): The platform's service fee, paid on top.
            price (PriceOut):
            total (PriceOut):
     """

    fee: None | PriceOut
    price: PriceOut
    total: PriceOut
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.price_out import PriceOut # noqa: PLC0415
        fee: dict[str, Any] | None
        if isinstance(self.fee, PriceOut):
            fee = self.fee.to_dict()
        else:
            fee = self.fee

        price = self.price.to_dict()

        total = self.total.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "fee": fee,
            "price": price,
            "total": total,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.price_out import PriceOut # noqa: PLC0415
        d = dict(src_dict)
        def _parse_fee(data: object) -> None | PriceOut:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                fee_type_0 = PriceOut.from_dict(data)



                return fee_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PriceOut, data)

        fee = _parse_fee(d.pop("fee"))


        price = PriceOut.from_dict(d.pop("price"))




        total = PriceOut.from_dict(d.pop("total"))




        quote_out = cls(
            fee=fee,
            price=price,
            total=total,
        )


        quote_out.additional_properties = d
        return quote_out

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
