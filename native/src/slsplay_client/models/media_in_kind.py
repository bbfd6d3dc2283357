from typing import Literal

MediaInKind = Literal['photo', 'video']

MEDIA_IN_KIND_VALUES: set[MediaInKind] = { 'photo', 'video',  }

def check_media_in_kind(value: str) -> MediaInKind:
    if value in MEDIA_IN_KIND_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {MEDIA_IN_KIND_VALUES!r}")
