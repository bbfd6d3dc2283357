from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.invitee_in import InviteeIn





T = TypeVar("T", bound="InviteRequest")



@_attrs_define
class InviteRequest:
    """ 
        Attributes:
            invitees (list[InviteeIn]):
     """

    invitees: list[InviteeIn]





    def to_dict(self) -> dict[str, Any]:
        from ..models.invitee_in import InviteeIn # noqa: PLC0415
        invitees = []
        for invitees_item_data in self.invitees:
            invitees_item = invitees_item_data.to_dict()
            invitees.append(invitees_item)




        field_dict: dict[str, Any] = {}

        field_dict.update({
            "invitees": invitees,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.invitee_in import InviteeIn # noqa: PLC0415
        d = dict(src_dict)
        invitees = []
        _invitees = d.pop("invitees")
        for invitees_item_data in (_invitees):
            invitees_item = InviteeIn.from_dict(invitees_item_data)



            invitees.append(invitees_item)


        invite_request = cls(
            invitees=invitees,
        )

        return invite_request

