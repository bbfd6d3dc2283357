from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="RenditionOut")



@_attrs_define
class RenditionOut:
    """ 
        Attributes:
            content_type (str):
            height (int | None):
            name (str): "w960.webp", "720p.mp4", "hls/index.m3u8", "poster.jpg"...
            url (str): Signed; works for an hour (HTTP ranges too).
            width (int | None):
     """

    content_type: str
    height: int | None
    name: str
    url: str
    width: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        content_type = self.content_type

        height: int | None
        height = self.height

        name = self.name

        url = self.url

        width: int | None
        width = self.width


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "content_type": content_type,
            "height": height,
            "name": name,
            "url": url,
            "width": width,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        content_type = d.pop("content_type")

        def _parse_height(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        height = _parse_height(d.pop("height"))


        name = d.pop("name")

        url = d.pop("url")

        def _parse_width(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        width = _parse_width(d.pop("width"))


        rendition_out = cls(
            content_type=content_type,
            height=height,
            name=name,
            url=url,
            width=width,
        )


        rendition_out.additional_properties = d
        return rendition_out

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
