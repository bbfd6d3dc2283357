from typing import Literal

MeetupOutCategory = Literal['arts', 'business', 'community', 'education', 'food', 'gaming', 'health', 'music', 'networking', 'other', 'science', 'sports', 'technology']

MEETUP_OUT_CATEGORY_VALUES: set[MeetupOutCategory] = { 'arts', 'business', 'community', 'education', 'food', 'gaming', 'health', 'music', 'networking', 'other', 'science', 'sports', 'technology',  }

def check_meetup_out_category(value: str) -> MeetupOutCategory:
    if value in MEETUP_OUT_CATEGORY_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {MEETUP_OUT_CATEGORY_VALUES!r}")
