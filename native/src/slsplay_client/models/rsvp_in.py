from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.rsvp_in_response import check_rsvp_in_response
from ..models.rsvp_in_response import RsvpInResponse
from ..models.rsvp_in_scope import check_rsvp_in_scope
from ..models.rsvp_in_scope import RsvpInScope
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="RsvpIn")



@_attrs_define
class RsvpIn:
    """ 
        Attributes:
            response (RsvpInResponse):
            forfeit_ticket (bool | Unset): Declining with a paid ticket: true confirms that nothing is refunded. Default:
                False.
            scope (RsvpInScope | Unset): series: this occurrence and every later one of its series, to come too. Default:
                'this'.
     """

    response: RsvpInResponse
    forfeit_ticket: bool | Unset = False
    scope: RsvpInScope | Unset = 'this'





    def to_dict(self) -> dict[str, Any]:
        response: str = self.response

        forfeit_ticket = self.forfeit_ticket

        scope: str | Unset = UNSET
        if not isinstance(self.scope, Unset):
            scope = self.scope



        field_dict: dict[str, Any] = {}

        field_dict.update({
            "response": response,
        })
        if forfeit_ticket is not UNSET:
            field_dict["forfeit_ticket"] = forfeit_ticket
        if scope is not UNSET:
            field_dict["scope"] = scope

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        response = check_rsvp_in_response(d.pop("response"))




        forfeit_ticket = d.pop("forfeit_ticket", UNSET)

        _scope = d.pop("scope", UNSET)
        scope: RsvpInScope | Unset
        if isinstance(_scope,  Unset):
            scope = UNSET
        else:
            scope = check_rsvp_in_scope(_scope)




        rsvp_in = cls(
            response=response,
            forfeit_ticket=forfeit_ticket,
            scope=scope,
        )

        return rsvp_in

