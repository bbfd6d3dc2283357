from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.meetup_out import MeetupOut
  from ..models.quote_out import QuoteOut
  from ..models.rsvp_invitation_out import RsvpInvitationOut
  from ..models.ticket_out import TicketOut





T = TypeVar("T", bound="RsvpOut")



@_attrs_define
class RsvpOut:
    """ 
        Attributes:
            invitation (RsvpInvitationOut):
            meetup (MeetupOut):
            quote (None | QuoteOut | Unset): A paid meetup's price, fee and total, shown before paying.
            ticket (None | TicketOut | Unset):
     """

    invitation: RsvpInvitationOut
    meetup: MeetupOut
    quote: None | QuoteOut | Unset = UNSET
    ticket: None | TicketOut | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.meetup_out import MeetupOut # noqa: PLC0415
        from ..models.quote_out import QuoteOut # noqa: PLC0415
        from ..models.rsvp_invitation_out import RsvpInvitationOut # noqa: PLC0415
        from ..models.ticket_out import TicketOut # noqa: PLC0415
        invitation = self.invitation.to_dict()

        meetup = self.meetup.to_dict()

        quote: dict[str, Any] | None | Unset
        if isinstance(self.quote, Unset):
            quote = UNSET
        elif isinstance(self.quote, QuoteOut):
            quote = self.quote.to_dict()
        else:
            quote = self.quote

        ticket: dict[str, Any] | None | Unset
        if isinstance(self.ticket, Unset):
            ticket = UNSET
        elif isinstance(self.ticket, TicketOut):
            ticket = self.ticket.to_dict()
        else:
            ticket = self.ticket


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "invitation": invitation,
            "meetup": meetup,
        })
        if quote is not UNSET:
            field_dict["quote"] = quote
        if ticket is not UNSET:
            field_dict["ticket"] = ticket

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.meetup_out import MeetupOut # noqa: PLC0415
        from ..models.quote_out import QuoteOut # noqa: PLC0415
        from ..models.rsvp_invitation_out import RsvpInvitationOut # noqa: PLC0415
        from ..models.ticket_out import TicketOut # noqa: PLC0415
        d = dict(src_dict)
        invitation = RsvpInvitationOut.from_dict(d.pop("invitation"))




        meetup = MeetupOut.from_dict(d.pop("meetup"))




        def _parse_quote(data: object) -> None | QuoteOut | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                quote_type_0 = QuoteOut.from_dict(data)



                return quote_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | QuoteOut | Unset, data)

        quote = _parse_quote(d.pop("quote", UNSET))


        def _parse_ticket(data: object) -> None | TicketOut | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                ticket_type_0 = TicketOut.from_dict(data)



                return ticket_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TicketOut | Unset, data)

        ticket = _parse_ticket(d.pop("ticket", UNSET))


        rsvp_out = cls(
            invitation=invitation,
            meetup=meetup,
            quote=quote,
            ticket=ticket,
        )


        rsvp_out.additional_properties = d
        return rsvp_out

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
