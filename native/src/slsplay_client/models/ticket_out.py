from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.ticket_out_status import check_ticket_out_status
from ..models.ticket_out_status import TicketOutStatus
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.price_out import PriceOut





T = TypeVar("T", bound="TicketOut")



@_attrs_define
class TicketOut:
    """ 
        Attributes:
            checkout_url (None | str): Where to pay, while the seat is held.
            code (None | str): The ticket's short code, once paid.
            expires_at (datetime.datetime | None): When the held seat goes back.
            id (str):
            paid_at (datetime.datetime | None):
            status (TicketOutStatus):
            total (PriceOut):
     """

    checkout_url: None | str
    code: None | str
    expires_at: datetime.datetime | None
    id: str
    paid_at: datetime.datetime | None
    status: TicketOutStatus
    total: PriceOut
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.price_out import PriceOut # noqa: PLC0415
        checkout_url: None | str
        checkout_url = self.checkout_url

        code: None | str
        code = self.code

        expires_at: None | str
        if isinstance(self.expires_at, datetime.datetime):
            expires_at = self.expires_at.isoformat()
        else:
            expires_at = self.expires_at

        id = self.id

        paid_at: None | str
        if isinstance(self.paid_at, datetime.datetime):
            paid_at = self.paid_at.isoformat()
        else:
            paid_at = self.paid_at

        status: str = self.status

        total = self.total.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "checkout_url": checkout_url,
            "code": code,
            "expires_at": expires_at,
            "id": id,
            "paid_at": paid_at,
            "status": status,
            "total": total,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.price_out import PriceOut # noqa: PLC0415
        d = dict(src_dict)
        def _parse_checkout_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        checkout_url = _parse_checkout_url(d.pop("checkout_url"))


        def _parse_code(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        code = _parse_code(d.pop("code"))


        def _parse_expires_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expires_at_type_0 = datetime.datetime.fromisoformat(data)



                return expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        expires_at = _parse_expires_at(d.pop("expires_at"))


        id = d.pop("id")

        def _parse_paid_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                paid_at_type_0 = datetime.datetime.fromisoformat(data)



                return paid_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        paid_at = _parse_paid_at(d.pop("paid_at"))


        status = check_ticket_out_status(d.pop("status"))




        total = PriceOut.from_dict(d.pop("total"))




        ticket_out = cls(
            checkout_url=checkout_url,
            code=code,
            expires_at=expires_at,
            id=id,
            paid_at=paid_at,
            status=status,
            total=total,
        )


        ticket_out.additional_properties = d
        return ticket_out

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
