from typing import Literal

MeetupUpdateCategoryType0 = Literal['arts', 'business', 'community', 'education', 'food', 'gaming', 'health', 'music', 'networking', 'other', 'science', 'sports', 'technology']

MEETUP_UPDATE_CATEGORY_TYPE_0_VALUES: set[MeetupUpdateCategoryType0] = { 'arts', 'business', 'community', 'education', 'food', 'gaming', 'health', 'music', 'networking', 'other', 'science', 'sports', 'technology',  }

def check_meetup_update_category_type_0(value: str) -> MeetupUpdateCategoryType0:
    if value in MEETUP_UPDATE_CATEGORY_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {MEETUP_UPDATE_CATEGORY_TYPE_0_VALUES!r}")
