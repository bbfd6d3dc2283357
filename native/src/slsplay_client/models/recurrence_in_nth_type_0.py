from typing import Literal

RecurrenceInNthType0 = Literal[-1, 1, 2, 3, 4]

RECURRENCE_IN_NTH_TYPE_0_VALUES: set[RecurrenceInNthType0] = { -1, 1, 2, 3, 4,  }

def check_recurrence_in_nth_type_0(value: int) -> RecurrenceInNthType0:
    if value in RECURRENCE_IN_NTH_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {RECURRENCE_IN_NTH_TYPE_0_VALUES!r}")
