from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="CodeIn")



@_attrs_define
class CodeIn:
    """ 
        Attributes:
            code (str): The 6 digits emailed.
            email (str):
     """

    code: str
    email: str





    def to_dict(self) -> dict[str, Any]:
        code = self.code

        email = self.email


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "code": code,
            "email": email,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code")

        email = d.pop("email")

        code_in = cls(
            code=code,
            email=email,
        )

        return code_in

