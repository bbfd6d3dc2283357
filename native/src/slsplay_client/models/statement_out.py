from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.balance_out import BalanceOut
  from ..models.entry_out import EntryOut
  from ..models.payout_account_out import PayoutAccountOut





T = TypeVar("T", bound="StatementOut")



@_attrs_define
class StatementOut:
    """ 
        Attributes:
            balances (list[BalanceOut]):
            entries (list[EntryOut]):
            payout_account (None | PayoutAccountOut):
     """

    balances: list[BalanceOut]
    entries: list[EntryOut]
    payout_account: None | PayoutAccountOut
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.balance_out import BalanceOut # noqa: PLC0415
        from ..models.entry_out import EntryOut # noqa: PLC0415
        from ..models.payout_account_out import PayoutAccountOut # noqa: PLC0415
        balances = []
        for balances_item_data in self.balances:
            balances_item = balances_item_data.to_dict()
            balances.append(balances_item)



        entries = []
        for entries_item_data in self.entries:
            entries_item = entries_item_data.to_dict()
            entries.append(entries_item)



        payout_account: dict[str, Any] | None
        if isinstance(self.payout_account, PayoutAccountOut):
            payout_account = self.payout_account.to_dict()
        else:
            payout_account = self.payout_account


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "balances": balances,
            "entries": entries,
            "payout_account": payout_account,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.balance_out import BalanceOut # noqa: PLC0415
        from ..models.entry_out import EntryOut # noqa: PLC0415
        from ..models.payout_account_out import PayoutAccountOut # noqa: PLC0415
        d = dict(src_dict)
        balances = []
        _balances = d.pop("balances")
        for balances_item_data in (_balances):
            balances_item = BalanceOut.from_dict(balances_item_data)



            balances.append(balances_item)


        entries = []
        _entries = d.pop("entries")
        for entries_item_data in (_entries):
            entries_item = EntryOut.from_dict(entries_item_data)



            entries.append(entries_item)


        def _parse_payout_account(data: object) -> None | PayoutAccountOut:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                payout_account_type_0 = PayoutAccountOut.from_dict(data)



                return payout_account_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PayoutAccountOut, data)

        payout_account = _parse_payout_account(d.pop("payout_account"))


        statement_out = cls(
            balances=balances,
            entries=entries,
            payout_account=payout_account,
        )


        statement_out.additional_properties = d
        return statement_out

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
