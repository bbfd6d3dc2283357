from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="RevenueOfDayOut")



@_attrs_define
class RevenueOfDayOut:
    """ 
        Attributes:
            amount_minor (int):
            currency (str):
            day (datetime.date): The UTC day of the sales (refunds subtract on theirs).
            tickets (int):
     """

    amount_minor: int
    currency: str
    day: datetime.date
    tickets: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        amount_minor = self.amount_minor

        currency = self.currency

        day = self.day.isoformat()

        tickets = self.tickets


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "amount_minor": amount_minor,
            "currency": currency,
            "day": day,
            "tickets": tickets,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        amount_minor = d.pop("amount_minor")

        currency = d.pop("currency")

        day = datetime.date.fromisoformat(d.pop("day"))




        tickets = d.pop("tickets")

        revenue_of_day_out = cls(
            amount_minor=amount_minor,
            currency=currency,
            day=day,
            tickets=tickets,
        )


        revenue_of_day_out.additional_properties = d
        return revenue_of_day_out

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
