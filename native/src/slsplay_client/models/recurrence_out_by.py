from typing import Literal

RecurrenceOutBy = Literal['day_of_month', 'weekday']

RECURRENCE_OUT_BY_VALUES: set[RecurrenceOutBy] = { 'day_of_month', 'weekday',  }

def check_recurrence_out_by(value: str) -> RecurrenceOutBy:
    if value in RECURRENCE_OUT_BY_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {RECURRENCE_OUT_BY_VALUES!r}")
