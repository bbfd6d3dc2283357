from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.invitation_out_response import check_invitation_out_response
from ..models.invitation_out_response import InvitationOutResponse
from typing import cast
import datetime






T = TypeVar("T", bound="InvitationOut")



@_attrs_define
class InvitationOut:
    """ 
        Attributes:
            email (str):
            id (str):
            name (None | str):
            responded_at (datetime.datetime | None):
            response (InvitationOutResponse):
            sent (bool):
     """

    email: str
    id: str
    name: None | str
    responded_at: datetime.datetime | None
    response: InvitationOutResponse
    sent: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        email = self.email

        id = self.id

        name: None | str
        name = self.name

        responded_at: None | str
        if isinstance(self.responded_at, datetime.datetime):
            responded_at = self.responded_at.isoformat()
        else:
            responded_at = self.responded_at

        response: str = self.response

        sent = self.sent


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "email": email,
            "id": id,
            "name": name,
            "responded_at": responded_at,
            "response": response,
            "sent": sent,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        email = d.pop("email")

        id = d.pop("id")

        def _parse_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        name = _parse_name(d.pop("name"))


        def _parse_responded_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                responded_at_type_0 = datetime.datetime.fromisoformat(data)



                return responded_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        responded_at = _parse_responded_at(d.pop("responded_at"))


        response = check_invitation_out_response(d.pop("response"))




        sent = d.pop("sent")

        invitation_out = cls(
            email=email,
            id=id,
            name=name,
            responded_at=responded_at,
            response=response,
            sent=sent,
        )


        invitation_out.additional_properties = d
        return invitation_out

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
