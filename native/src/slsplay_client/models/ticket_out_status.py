from typing import Literal

TicketOutStatus = Literal['forfeited', 'held', 'lapsed', 'paid', 'refunded']

TICKET_OUT_STATUS_VALUES: set[TicketOutStatus] = { 'forfeited', 'held', 'lapsed', 'paid', 'refunded',  }

def check_ticket_out_status(value: str) -> TicketOutStatus:
    if value in TICKET_OUT_STATUS_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {TICKET_OUT_STATUS_VALUES!r}")
