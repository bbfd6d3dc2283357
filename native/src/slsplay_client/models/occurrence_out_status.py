from typing import Literal

OccurrenceOutStatus = Literal['cancelled', 'draft', 'published']

OCCURRENCE_OUT_STATUS_VALUES: set[OccurrenceOutStatus] = { 'cancelled', 'draft', 'published',  }

def check_occurrence_out_status(value: str) -> OccurrenceOutStatus:
    if value in OCCURRENCE_OUT_STATUS_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {OCCURRENCE_OUT_STATUS_VALUES!r}")
