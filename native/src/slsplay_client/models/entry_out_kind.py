from typing import Literal

EntryOutKind = Literal['fee_refund', 'payout', 'platform_fee', 'refund', 'sale']

ENTRY_OUT_KIND_VALUES: set[EntryOutKind] = { 'fee_refund', 'payout', 'platform_fee', 'refund', 'sale',  }

def check_entry_out_kind(value: str) -> EntryOutKind:
    if value in ENTRY_OUT_KIND_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ENTRY_OUT_KIND_VALUES!r}")
