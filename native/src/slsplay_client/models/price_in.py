from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.price_in_currency import check_price_in_currency
from ..models.price_in_currency import PriceInCurrency
from typing import cast






T = TypeVar("T", bound="PriceIn")



@_attrs_define
class PriceIn:
    """ 
        Attributes:
            amount_minor (int): The price in the currency's minor unit (cents).
            currency (PriceInCurrency): ISO 4217 code, e.g. EUR.
     """

    amount_minor: int
    currency: PriceInCurrency





    def to_dict(self) -> dict[str, Any]:
        amount_minor = self.amount_minor

        currency: str = self.currency


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "amount_minor": amount_minor,
            "currency": currency,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        amount_minor = d.pop("amount_minor")

        currency = check_price_in_currency(d.pop("currency"))




        price_in = cls(
            amount_minor=amount_minor,
            currency=currency,
        )

        return price_in

