from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.rsvp_invitation_out_response import check_rsvp_invitation_out_response
from ..models.rsvp_invitation_out_response import RsvpInvitationOutResponse
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="RsvpInvitationOut")



@_attrs_define
class RsvpInvitationOut:
    """ 
        Attributes:
            email (str):
            name (None | str):
            response (RsvpInvitationOutResponse): Answering "attending" when the meetup is full gives "waitlisted".
            joined (bool | Unset): They joined a public meetup themselves: nobody invited them. Default: False.
     """

    email: str
    name: None | str
    response: RsvpInvitationOutResponse
    joined: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        email = self.email

        name: None | str
        name = self.name

        response: str = self.response

        joined = self.joined


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "email": email,
            "name": name,
            "response": response,
        })
        if joined is not UNSET:
            field_dict["joined"] = joined

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        email = d.pop("email")

        def _parse_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        name = _parse_name(d.pop("name"))


        response = check_rsvp_invitation_out_response(d.pop("response"))




        joined = d.pop("joined", UNSET)

        rsvp_invitation_out = cls(
            email=email,
            name=name,
            response=response,
            joined=joined,
        )


        rsvp_invitation_out.additional_properties = d
        return rsvp_invitation_out

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
