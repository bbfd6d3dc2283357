from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.media_out_kind import check_media_out_kind
from ..models.media_out_kind import MediaOutKind
from ..models.media_out_status import check_media_out_status
from ..models.media_out_status import MediaOutStatus
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.rendition_out import RenditionOut





T = TypeVar("T", bound="MediaOut")



@_attrs_define
class MediaOut:
    """ 
        Attributes:
            content_type (str):
            created_at (datetime.datetime):
            duration_seconds (float | None):
            id (str):
            kind (MediaOutKind):
            poster_url (None | str): A video's poster image.
            reason (None | str): Why it failed, for the organizer to read.
            renditions (list[RenditionOut]): Once ready.
            size (int):
            status (MediaOutStatus):
            stream_url (None | str): A video's HLS playlist, signed.
            updated_at (datetime.datetime):
     """

    content_type: str
    created_at: datetime.datetime
    duration_seconds: float | None
    id: str
    kind: MediaOutKind
    poster_url: None | str
    reason: None | str
    renditions: list[RenditionOut]
    size: int
    status: MediaOutStatus
    stream_url: None | str
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.rendition_out import RenditionOut # noqa: PLC0415
        content_type = self.content_type

        created_at = self.created_at.isoformat()

        duration_seconds: float | None
        duration_seconds = self.duration_seconds

        id = self.id

        kind: str = self.kind

        poster_url: None | str
        poster_url = self.poster_url

        reason: None | str
        reason = self.reason

        renditions = []
        for renditions_item_data in self.renditions:
            renditions_item = renditions_item_data.to_dict()
            renditions.append(renditions_item)



        size = self.size

        status: str = self.status

        stream_url: None | str
        stream_url = self.stream_url

        updated_at = self.updated_at.isoformat()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "content_type": content_type,
            "created_at": created_at,
            "duration_seconds": duration_seconds,
            "id": id,
            "kind": kind,
            "poster_url": poster_url,
            "reason": reason,
            "renditions": renditions,
            "size": size,
            "status": status,
            "stream_url": stream_url,
            "updated_at": updated_at,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rendition_out import RenditionOut # noqa: PLC0415
        d = dict(src_dict)
        content_type = d.pop("content_type")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        def _parse_duration_seconds(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        duration_seconds = _parse_duration_seconds(d.pop("duration_seconds"))


        id = d.pop("id")

        kind = check_media_out_kind(d.pop("kind"))




        def _parse_poster_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        poster_url = _parse_poster_url(d.pop("poster_url"))


        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))


        renditions = []
        _renditions = d.pop("renditions")
        for renditions_item_data in (_renditions):
            renditions_item = RenditionOut.from_dict(renditions_item_data)



            renditions.append(renditions_item)


        size = d.pop("size")

        status = check_media_out_status(d.pop("status"))




        def _parse_stream_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        stream_url = _parse_stream_url(d.pop("stream_url"))


        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        media_out = cls(
            content_type=content_type,
            created_at=created_at,
            duration_seconds=duration_seconds,
            id=id,
            kind=kind,
            poster_url=poster_url,
            reason=reason,
            renditions=renditions,
            size=size,
            status=status,
            stream_url=stream_url,
            updated_at=updated_at,
        )


        media_out.additional_properties = d
        return media_out

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
