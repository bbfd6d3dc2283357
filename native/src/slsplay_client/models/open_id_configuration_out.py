from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="OpenIdConfigurationOut")



@_attrs_define
class OpenIdConfigurationOut:
    """ What API Gateway's JWT authorizer reads to find the keys that verify access tokens.

        Attributes:
            id_token_signing_alg_values_supported (list[str]):
            issuer (str):
            jwks_uri (str):
            response_types_supported (list[str]):
            subject_types_supported (list[str]):
     """

    id_token_signing_alg_values_supported: list[str]
    issuer: str
    jwks_uri: str
    response_types_supported: list[str]
    subject_types_supported: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        id_token_signing_alg_values_supported = self.id_token_signing_alg_values_supported



        issuer = self.issuer

        jwks_uri = self.jwks_uri

        response_types_supported = self.response_types_supported



        subject_types_supported = self.subject_types_supported




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id_token_signing_alg_values_supported": id_token_signing_alg_values_supported,
            "issuer": issuer,
            "jwks_uri": jwks_uri,
            "response_types_supported": response_types_supported,
            "subject_types_supported": subject_types_supported,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id_token_signing_alg_values_supported = cast(list[str], d.pop("id_token_signing_alg_values_supported"))


        issuer = d.pop("issuer")

        jwks_uri = d.pop("jwks_uri")

        response_types_supported = cast(list[str], d.pop("response_types_supported"))


        subject_types_supported = cast(list[str], d.pop("subject_types_supported"))


        open_id_configuration_out = cls(
            id_token_signing_alg_values_supported=id_token_signing_alg_values_supported,
            issuer=issuer,
            jwks_uri=jwks_uri,
            response_types_supported=response_types_supported,
            subject_types_supported=subject_types_supported,
        )


        open_id_configuration_out.additional_properties = d
        return open_id_configuration_out

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
