from typing import Literal

RecurrenceInBy = Literal['day_of_month', 'weekday']

RECURRENCE_IN_BY_VALUES: set[RecurrenceInBy] = { 'day_of_month', 'weekday',  }

def check_recurrence_in_by(value: str) -> RecurrenceInBy:
    if value in RECURRENCE_IN_BY_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {RECURRENCE_IN_BY_VALUES!r}")
