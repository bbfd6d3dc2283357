"""Reading ``template.yaml``: a YAML loader that understands CloudFormation's short tags.

``!Ref X`` becomes ``{"Ref": "X"}``, ``!GetAtt A.B`` becomes ``{"Fn::GetAtt": ["A", "B"]}``
and every other ``!Tag`` becomes ``{"Fn::Tag": ...}``, as CloudFormation reads them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

DEFAULT_TEMPLATE = Path(__file__).resolve().parents[3] / "template.yaml"


class _CloudFormationLoader(yaml.SafeLoader):
    """A safe loader plus the short intrinsic-function tags."""


def _intrinsic(loader: yaml.SafeLoader, tag_suffix: str, node: yaml.Node) -> dict[str, Any]:
    value: Any
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        assert isinstance(node, yaml.MappingNode)
        value = loader.construct_mapping(node, deep=True)
    if tag_suffix == "Ref":
        return {"Ref": value}
    if tag_suffix == "GetAtt" and isinstance(value, str):
        return {"Fn::GetAtt": value.split(".", 1)}
    return {f"Fn::{tag_suffix}": value}


_CloudFormationLoader.add_multi_constructor("!", _intrinsic)


def load_template(path: str | Path = DEFAULT_TEMPLATE) -> dict[str, Any]:
    """The template as plain data."""
    with open(path, encoding="utf-8") as f:
        document = yaml.load(f, Loader=_CloudFormationLoader)  # noqa: S506  (a SafeLoader subclass)
    if not isinstance(document, dict) or "Resources" not in document:
        raise ValueError(f"{path} is not a CloudFormation template")
    return document


def table_properties(template: dict[str, Any]) -> dict[str, Any]:
    """The properties of the template's one DynamoDB table."""
    tables = [
        resource["Properties"]
        for resource in template["Resources"].values()
        if resource.get("Type") == "AWS::DynamoDB::Table"
    ]
    if len(tables) != 1:
        raise ValueError(f"expected one DynamoDB table in the template, found {len(tables)}")
    properties: dict[str, Any] = tables[0]
    return properties
