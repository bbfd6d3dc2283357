from typing import Literal

MediaOutStatus = Literal['failed', 'processing', 'ready', 'uploading']

MEDIA_OUT_STATUS_VALUES: set[MediaOutStatus] = { 'failed', 'processing', 'ready', 'uploading',  }

def check_media_out_status(value: str) -> MediaOutStatus:
    if value in MEDIA_OUT_STATUS_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {MEDIA_OUT_STATUS_VALUES!r}")
