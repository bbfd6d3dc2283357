from typing import Literal

MediaOutKind = Literal['photo', 'video']

MEDIA_OUT_KIND_VALUES: set[MediaOutKind] = { 'photo', 'video',  }

def check_media_out_kind(value: str) -> MediaOutKind:
    if value in MEDIA_OUT_KIND_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {MEDIA_OUT_KIND_VALUES!r}")
