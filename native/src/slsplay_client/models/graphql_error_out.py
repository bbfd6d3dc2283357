from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.graphql_error_out_extensions_type_0 import GraphqlErrorOutExtensionsType0
  from ..models.graphql_error_out_locations_type_0_item import GraphqlErrorOutLocationsType0Item





T = TypeVar("T", bound="GraphqlErrorOut")



@_attrs_define
class GraphqlErrorOut:
    """ 
        Attributes:
            message (str):
            extensions (GraphqlErrorOutExtensionsType0 | None | Unset): code: the stable code, as problem documents carry
                it.
            locations (list[GraphqlErrorOutLocationsType0Item] | None | Unset):
            path (list[int | str] | None | Unset):
     """

    message: str
    extensions: GraphqlErrorOutExtensionsType0 | None | Unset = UNSET
    locations: list[GraphqlErrorOutLocationsType0Item] | None | Unset = UNSET
    path: list[int | str] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.graphql_error_out_extensions_type_0 import GraphqlErrorOutExtensionsType0 # noqa: PLC0415
        from ..models.graphql_error_out_locations_type_0_item import GraphqlErrorOutLocationsType0Item # noqa: PLC0415
        message = self.message

        extensions: dict[str, Any] | None | Unset
        if isinstance(self.extensions, Unset):
            extensions = UNSET
        elif isinstance(self.extensions, GraphqlErrorOutExtensionsType0):
            extensions = self.extensions.to_dict()
        else:
            extensions = self.extensions

        locations: list[dict[str, Any]] | None | Unset
        if isinstance(self.locations, Unset):
            locations = UNSET
        elif isinstance(self.locations, list):
            locations = []
            for locations_type_0_item_data in self.locations:
                locations_type_0_item = locations_type_0_item_data.to_dict()
                locations.append(locations_type_0_item)


        else:
            locations = self.locations

        path: list[int | str] | None | Unset
        if isinstance(self.path, Unset):
            path = UNSET
        elif isinstance(self.path, list):
            path = []
            for path_type_0_item_data in self.path:
                path_type_0_item: int | str
                path_type_0_item = path_type_0_item_data
                path.append(path_type_0_item)


        else:
            path = self.path


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "message": message,
        })
        if extensions is not UNSET:
            field_dict["extensions"] = extensions
        if locations is not UNSET:
            field_dict["locations"] = locations
        if path is not UNSET:
            field_dict["path"] = path

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.graphql_error_out_extensions_type_0 import GraphqlErrorOutExtensionsType0 # noqa: PLC0415
        from ..models.graphql_error_out_locations_type_0_item import GraphqlErrorOutLocationsType0Item # noqa: PLC0415
        d = dict(src_dict)
        message = d.pop("message")

        def _parse_extensions(data: object) -> GraphqlErrorOutExtensionsType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                extensions_type_0 = GraphqlErrorOutExtensionsType0.from_dict(data)



                return extensions_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(GraphqlErrorOutExtensionsType0 | None | Unset, data)

        extensions = _parse_extensions(d.pop("extensions", UNSET))


        def _parse_locations(data: object) -> list[GraphqlErrorOutLocationsType0Item] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                locations_type_0 = []
                _locations_type_0 = data
                for locations_type_0_item_data in (_locations_type_0):
                    locations_type_0_item = GraphqlErrorOutLocationsType0Item.from_dict(locations_type_0_item_data)



                    locations_type_0.append(locations_type_0_item)

                return locations_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[GraphqlErrorOutLocationsType0Item] | None | Unset, data)

        locations = _parse_locations(d.pop("locations", UNSET))


        def _parse_path(data: object) -> list[int | str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                path_type_0 = []
                _path_type_0 = data
                for path_type_0_item_data in (_path_type_0):
                    def _parse_path_type_0_item(data: object) -> int | str:
                        return cast(int | str, data)

                    path_type_0_item = _parse_path_type_0_item(path_type_0_item_data)

                    path_type_0.append(path_type_0_item)

                return path_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[int | str] | None | Unset, data)

        path = _parse_path(d.pop("path", UNSET))


        graphql_error_out = cls(
            message=message,
            extensions=extensions,
            locations=locations,
            path=path,
        )


        graphql_error_out.additional_properties = d
        return graphql_error_out

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
