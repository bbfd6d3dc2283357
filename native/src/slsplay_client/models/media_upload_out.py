from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.media_out import MediaOut
  from ..models.upload_out import UploadOut





T = TypeVar("T", bound="MediaUploadOut")



@_attrs_define
class MediaUploadOut:
    """ 
        Attributes:
            media (MediaOut):
            upload (UploadOut):
     """

    media: MediaOut
    upload: UploadOut
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.media_out import MediaOut # noqa: PLC0415
        from ..models.upload_out import UploadOut # noqa: PLC0415
        media = self.media.to_dict()

        upload = self.upload.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "media": media,
            "upload": upload,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.media_out import MediaOut # noqa: PLC0415
        from ..models.upload_out import UploadOut # noqa: PLC0415
        d = dict(src_dict)
        media = MediaOut.from_dict(d.pop("media"))




        upload = UploadOut.from_dict(d.pop("upload"))




        media_upload_out = cls(
            media=media,
            upload=upload,
        )


        media_upload_out.additional_properties = d
        return media_upload_out

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
