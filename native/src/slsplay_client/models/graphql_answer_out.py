from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.graphql_answer_out_data_type_0 import GraphqlAnswerOutDataType0
  from ..models.graphql_error_out import GraphqlErrorOut





T = TypeVar("T", bound="GraphqlAnswerOut")



@_attrs_define
class GraphqlAnswerOut:
    """ 
        Attributes:
            data (GraphqlAnswerOutDataType0 | None):
            errors (list[GraphqlErrorOut] | None | Unset): What went wrong; data holds what could be answered.
     """

    data: GraphqlAnswerOutDataType0 | None
    errors: list[GraphqlErrorOut] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.graphql_answer_out_data_type_0 import GraphqlAnswerOutDataType0 # noqa: PLC0415
        from ..models.graphql_error_out import GraphqlErrorOut # noqa: PLC0415
        data: dict[str, Any] | None
        if isinstance(self.data, GraphqlAnswerOutDataType0):
            data = self.data.to_dict()
        else:
            data = self.data

        errors: list[dict[str, Any]] | None | Unset
        if isinstance(self.errors, Unset):
            errors = UNSET
        elif isinstance(self.errors, list):
            errors = []
            for errors_type_0_item_data in self.errors:
                errors_type_0_item = errors_type_0_item_data.to_dict()
                errors.append(errors_type_0_item)


        else:
            errors = self.errors


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "data": data,
        })
        if errors is not UNSET:
            field_dict["errors"] = errors

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.graphql_answer_out_data_type_0 import GraphqlAnswerOutDataType0 # noqa: PLC0415
        from ..models.graphql_error_out import GraphqlErrorOut # noqa: PLC0415
        d = dict(src_dict)
        def _parse_data(data: object) -> GraphqlAnswerOutDataType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                data_type_0 = GraphqlAnswerOutDataType0.from_dict(data)



                return data_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(GraphqlAnswerOutDataType0 | None, data)

        data = _parse_data(d.pop("data"))


        def _parse_errors(data: object) -> list[GraphqlErrorOut] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                errors_type_0 = []
                _errors_type_0 = data
                for errors_type_0_item_data in (_errors_type_0):
                    errors_type_0_item = GraphqlErrorOut.from_dict(errors_type_0_item_data)



                    errors_type_0.append(errors_type_0_item)

                return errors_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[GraphqlErrorOut] | None | Unset, data)

        errors = _parse_errors(d.pop("errors", UNSET))


        graphql_answer_out = cls(
            data=data,
            errors=errors,
        )


        graphql_answer_out.additional_properties = d
        return graphql_answer_out

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
