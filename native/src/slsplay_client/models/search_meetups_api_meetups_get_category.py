from typing import Literal

SearchMeetupsApiMeetupsGetCategory = Literal['arts', 'business', 'community', 'education', 'food', 'gaming', 'health', 'music', 'networking', 'other', 'science', 'sports', 'technology']

SEARCH_MEETUPS_API_MEETUPS_GET_CATEGORY_VALUES: set[SearchMeetupsApiMeetupsGetCategory] = { 'arts', 'business', 'community', 'education', 'food', 'gaming', 'health', 'music', 'networking', 'other', 'science', 'sports', 'technology',  }

def check_search_meetups_api_meetups_get_category(value: str) -> SearchMeetupsApiMeetupsGetCategory:
    if value in SEARCH_MEETUPS_API_MEETUPS_GET_CATEGORY_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {SEARCH_MEETUPS_API_MEETUPS_GET_CATEGORY_VALUES!r}")
