from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="UserOut")



@_attrs_define
class UserOut:
    """ 
        Attributes:
            email (None | str):
            id (str):
            is_guest (bool):
            name (str):
            email_verified (bool | Unset): The address was proved (an emailed link or code). Default: False.
     """

    email: None | str
    id: str
    is_guest: bool
    name: str
    email_verified: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        email: None | str
        email = self.email

        id = self.id

        is_guest = self.is_guest

        name = self.name

        email_verified = self.email_verified


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "email": email,
            "id": id,
            "is_guest": is_guest,
            "name": name,
        })
        if email_verified is not UNSET:
            field_dict["email_verified"] = email_verified

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_email(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        email = _parse_email(d.pop("email"))


        id = d.pop("id")

        is_guest = d.pop("is_guest")

        name = d.pop("name")

        email_verified = d.pop("email_verified", UNSET)

        user_out = cls(
            email=email,
            id=id,
            is_guest=is_guest,
            name=name,
            email_verified=email_verified,
        )


        user_out.additional_properties = d
        return user_out

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
