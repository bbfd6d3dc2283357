from typing import Literal

MediaInContentType = Literal['image/jpeg', 'image/png', 'image/webp', 'video/mp4', 'video/quicktime', 'video/webm']

MEDIA_IN_CONTENT_TYPE_VALUES: set[MediaInContentType] = { 'image/jpeg', 'image/png', 'image/webp', 'video/mp4', 'video/quicktime', 'video/webm',  }

def check_media_in_content_type(value: str) -> MediaInContentType:
    if value in MEDIA_IN_CONTENT_TYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {MEDIA_IN_CONTENT_TYPE_VALUES!r}")
