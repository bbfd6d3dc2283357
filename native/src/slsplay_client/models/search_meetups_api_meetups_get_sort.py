from typing import Literal

SearchMeetupsApiMeetupsGetSort = Literal['closing', 'newest', 'popular', 'relevance', 'soonest']

SEARCH_MEETUPS_API_MEETUPS_GET_SORT_VALUES: set[SearchMeetupsApiMeetupsGetSort] = { 'closing', 'newest', 'popular', 'relevance', 'soonest',  }

def check_search_meetups_api_meetups_get_sort(value: str) -> SearchMeetupsApiMeetupsGetSort:
    if value in SEARCH_MEETUPS_API_MEETUPS_GET_SORT_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {SEARCH_MEETUPS_API_MEETUPS_GET_SORT_VALUES!r}")
