from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.upload_out_fields import UploadOutFields





T = TypeVar("T", bound="UploadOut")



@_attrs_define
class UploadOut:
    """ 
        Attributes:
            fields (UploadOutFields): POST them as multipart/form-data to url, with the file last, as 'file'.
            url (str):
     """

    fields: UploadOutFields
    url: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.upload_out_fields import UploadOutFields # noqa: PLC0415
        fields = self.fields.to_dict()

        url = self.url


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "fields": fields,
            "url": url,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.upload_out_fields import UploadOutFields # noqa: PLC0415
        d = dict(src_dict)
        fields = UploadOutFields.from_dict(d.pop("fields"))




        url = d.pop("url")

        upload_out = cls(
            fields=fields,
            url=url,
        )


        upload_out.additional_properties = d
        return upload_out

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
