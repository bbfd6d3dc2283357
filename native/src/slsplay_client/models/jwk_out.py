from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import Literal, cast






T = TypeVar("T", bound="JwkOut")



@_attrs_define
class JwkOut:
    """ An RSA public key (RFC 7517).

        Attributes:
            alg (Literal['RS256']):
            e (str):
            kid (str):
            kty (Literal['RSA']):
            n (str):
            use (Literal['sig']):
     """

    alg: Literal['RS256']
    e: str
    kid: str
    kty: Literal['RSA']
    n: str
    use: Literal['sig']
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        alg = self.alg

        e = self.e

        kid = self.kid

        kty = self.kty

        n = self.n

        use = self.use


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "alg": alg,
            "e": e,
            "kid": kid,
            "kty": kty,
            "n": n,
            "use": use,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        alg = cast(Literal['RS256'] , d.pop("alg"))
        if alg != 'RS256':
            raise ValueError(f"alg must match const 'RS256', got '{alg}'")

        e = d.pop("e")

        kid = d.pop("kid")

        kty = cast(Literal['RSA'] , d.pop("kty"))
        if kty != 'RSA':
            raise ValueError(f"kty must match const 'RSA', got '{kty}'")

        n = d.pop("n")

        use = cast(Literal['sig'] , d.pop("use"))
        if use != 'sig':
            raise ValueError(f"use must match const 'sig', got '{use}'")

        jwk_out = cls(
            alg=alg,
            e=e,
            kid=kid,
            kty=kty,
            n=n,
            use=use,
        )


        jwk_out.additional_properties = d
        return jwk_out

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
