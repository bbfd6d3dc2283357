from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.media_in_content_type import check_media_in_content_type
from ..models.media_in_content_type import MediaInContentType
from ..models.media_in_kind import check_media_in_kind
from ..models.media_in_kind import MediaInKind
from typing import cast






T = TypeVar("T", bound="MediaIn")



@_attrs_define
class MediaIn:
    """ 
        Attributes:
            content_type (MediaInContentType): Photos: image/jpeg, image/png, image/webp; videos: video/mp4,
                video/quicktime, video/webm.
            kind (MediaInKind):
            size (int): In bytes: photos up to 10 MB, videos up to 200 MB.
     """

    content_type: MediaInContentType
    kind: MediaInKind
    size: int





    def to_dict(self) -> dict[str, Any]:
        content_type: str = self.content_type

        kind: str = self.kind

        size = self.size


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "content_type": content_type,
            "kind": kind,
            "size": size,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        content_type = check_media_in_content_type(d.pop("content_type"))




        kind = check_media_in_kind(d.pop("kind"))




        size = d.pop("size")

        media_in = cls(
            content_type=content_type,
            kind=kind,
            size=size,
        )

        return media_in

