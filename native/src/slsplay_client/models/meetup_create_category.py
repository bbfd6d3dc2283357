from typing import Literal

MeetupCreateCategory = Literal['arts', 'business', 'community', 'education', 'food', 'gaming', 'health', 'music', 'networking', 'other', 'science', 'sports', 'technology']

MEETUP_CREATE_CATEGORY_VALUES: set[MeetupCreateCategory] = { 'arts', 'business', 'community', 'education', 'food', 'gaming', 'health', 'music', 'networking', 'other', 'science', 'sports', 'technology',  }

def check_meetup_create_category(value: str) -> MeetupCreateCategory:
    if value in MEETUP_CREATE_CATEGORY_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {MEETUP_CREATE_CATEGORY_VALUES!r}")
