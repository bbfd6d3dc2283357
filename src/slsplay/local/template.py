"""Reading ``template.yaml``: CloudFormation's short tags, parameters and intrinsic functions.

``load_template`` gives the document as plain data: ``!Ref X`` becomes ``{"Ref": "X"}``,
``!GetAtt A.B`` becomes ``{"Fn::GetAtt": ["A", "B"]}`` and every other ``!Tag`` becomes
``{"Fn::Tag": ...}``, as CloudFormation reads them. ``Stack`` gives it the parameter values of
a deployment (``Stage=local``) and resolves the intrinsic functions the way CloudFormation
would, so the local runtime wires exactly what the cloud would.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

DEFAULT_TEMPLATE = Path(__file__).resolve().parents[3] / "template.yaml"


if TYPE_CHECKING:
    _SafeLoader = yaml.SafeLoader
else:
    # LibYAML's parser where PyYAML has it (its wheels do): the template parses in a seventh
    # of the pure-Python parser's time, and the runtime parses it at every start.
    _SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _CloudFormationLoader(_SafeLoader):
    """A safe loader plus the short intrinsic-function tags."""


def _intrinsic(
    loader: yaml.constructor.SafeConstructor, tag_suffix: str, node: yaml.Node
) -> dict[str, Any]:
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


# -- the template with its parameter values, resolved as CloudFormation would ---------------


class TemplateError(ValueError):
    """The template asks for something CloudFormation would refuse or slsplay cannot emulate."""


class _NoValue:
    """``AWS::NoValue``: the property that refers to it is removed."""


NO_VALUE = _NoValue()

PSEUDO_DEFAULTS = {"AWS::Partition": "aws", "AWS::URLSuffix": "amazonaws.com"}

# SAM's Globals section: which resource type takes which key's properties.
_GLOBALS_KEY = {
    "AWS::Serverless::Function": "Function",
    "AWS::Serverless::HttpApi": "HttpApi",
    "AWS::Serverless::Api": "Api",
    "AWS::Serverless::SimpleTable": "SimpleTable",
    "AWS::Serverless::StateMachine": "StateMachine",
    "AWS::Serverless::LayerVersion": "LayerVersion",
}

# The property that names a resource, where its type has one.
_NAME_PROPERTY = {
    "AWS::DynamoDB::Table": "TableName",
    "AWS::Serverless::SimpleTable": "TableName",
    "AWS::Serverless::Function": "FunctionName",
    "AWS::Lambda::Function": "FunctionName",
    "AWS::SQS::Queue": "QueueName",
    "AWS::S3::Bucket": "BucketName",
    "AWS::SNS::Topic": "TopicName",
    "AWS::IAM::Role": "RoleName",
    "AWS::KinesisFirehose::DeliveryStream": "DeliveryStreamName",
}
_FUNCTION_TYPES = {"AWS::Serverless::Function", "AWS::Lambda::Function"}
_TABLE_TYPES = {"AWS::DynamoDB::Table", "AWS::Serverless::SimpleTable"}
_API_TYPES = {"AWS::Serverless::HttpApi", "AWS::Serverless::Api"}

_SUB_VARIABLE = re.compile(r"\$\{([^}]*)\}")


class Stack:
    """A template and its parameter values: what CloudFormation would deploy, read locally.

    Intrinsic functions resolve as CloudFormation resolves them, for the ones slsplay needs:
    ``Ref`` (parameters, pseudo parameters, resources), ``Fn::Sub``, ``Fn::GetAtt`` (the ARNs
    and names of functions, tables, queues, buckets), ``Fn::Join``, ``Fn::Select``,
    ``Fn::Split``, ``Fn::FindInMap``, ``Fn::Base64``, and ``Fn::If`` on the template's
    ``Conditions`` (``Fn::Equals``, ``Fn::Not``, ``Fn::And``, ``Fn::Or``). Imports raise
    ``TemplateError`` rather than guess. Names CloudFormation would generate with a random
    suffix are stable here: ``<stack>-<LogicalId>``, and a function's is its logical id.
    """

    def __init__(
        self,
        template: dict[str, Any],
        parameters: Mapping[str, str] | None = None,
        *,
        path: Path | None = None,
        name: str = "slsplay",
        region: str = "eu-west-1",
        account_id: str = "123456789012",
    ) -> None:
        self.template = template
        self.path = path
        self.name = name
        self.region = region
        self.account_id = account_id
        self.parameters = _parameter_values(template.get("Parameters") or {}, parameters or {})
        self._resolving: set[str] = set()

    @classmethod
    def load(
        cls,
        path: str | Path = DEFAULT_TEMPLATE,
        parameters: Mapping[str, str] | None = None,
        **options: str,
    ) -> Stack:
        """The template at ``path`` with parameter overrides (``Stage=local``...)."""
        return cls(load_template(path), parameters, path=Path(path).resolve(), **options)

    @property
    def directory(self) -> Path:
        """Where relative paths in the template (``CodeUri``) start from."""
        return self.path.parent if self.path is not None else Path.cwd()

    def resources(self, resource_type: str) -> dict[str, dict[str, Any]]:
        """The resources of one type by logical id, in template order, unresolved."""
        return {
            logical_id: resource
            for logical_id, resource in self.template["Resources"].items()
            if resource.get("Type") == resource_type
        }

    def resource_type(self, logical_id: str) -> str:
        """The ``Type`` of a resource, or ``TemplateError`` when there is none of that id."""
        resource = self.template["Resources"].get(logical_id)
        if not isinstance(resource, dict):
            raise TemplateError(f"no resource {logical_id!r} in the template")
        return str(resource.get("Type", ""))

    def properties(self, logical_id: str) -> dict[str, Any]:
        """A resource's properties with SAM's Globals merged in, every intrinsic resolved."""
        resource_type = self.resource_type(logical_id)
        own = self.template["Resources"][logical_id].get("Properties") or {}
        globals_key = _GLOBALS_KEY.get(resource_type)
        shared = (self.template.get("Globals") or {}).get(globals_key) or {}
        resolved = self.resolve(_merge_globals(shared, own))
        assert isinstance(resolved, dict)
        return resolved

    def resolve(self, value: Any) -> Any:
        """``value`` with every intrinsic function in it replaced by what it stands for."""
        if isinstance(value, list):
            items = [self.resolve(item) for item in value]
            return [item for item in items if item is not NO_VALUE]
        if isinstance(value, dict):
            if _is_intrinsic(value):
                ((function, argument),) = value.items()
                return self._intrinsic(function, argument)
            entries = {key: self.resolve(item) for key, item in value.items()}
            return {key: item for key, item in entries.items() if item is not NO_VALUE}
        return value

    def ref(self, name: str) -> Any:
        """What ``!Ref name`` gives: a parameter's value, a pseudo parameter, a resource's id."""
        if name in self.parameters:
            return self.parameters[name]
        if name.startswith("AWS::"):
            return self._pseudo(name)
        resource_type = self.resource_type(name)
        if resource_type == "AWS::SQS::Queue":
            return self._queue_url(name)
        if resource_type == "AWS::SNS::Topic":
            return self._arn("sns", self.physical_name(name))
        if resource_type in _API_TYPES:
            return self.api_id(name)
        if resource_type in _NAME_PROPERTY:
            return self.physical_name(name)
        return name

    def get_att(self, logical_id: str, attribute: str) -> Any:
        """What ``!GetAtt logical_id.attribute`` gives, for the attributes slsplay knows."""
        resource_type = self.resource_type(logical_id)
        if resource_type in _FUNCTION_TYPES and attribute == "Arn":
            return self._arn("lambda", f"function:{self.physical_name(logical_id)}")
        if resource_type in _TABLE_TYPES and attribute in ("Arn", "StreamArn"):
            table = self._arn("dynamodb", f"table/{self.physical_name(logical_id)}")
            # A real stream label is the time the stream was enabled; a fixed one is stable.
            return table if attribute == "Arn" else f"{table}/stream/1970-01-01T00:00:00.000"
        if resource_type == "AWS::SQS::Queue" and attribute in ("Arn", "QueueName", "QueueUrl"):
            name = self.physical_name(logical_id)
            if attribute == "QueueUrl":
                return self._queue_url(logical_id)
            return name if attribute == "QueueName" else self._arn("sqs", name)
        if resource_type == "AWS::S3::Bucket" and attribute == "Arn":
            return f"arn:aws:s3:::{self.physical_name(logical_id)}"
        if resource_type == "AWS::IAM::Role" and attribute == "Arn":
            return f"arn:aws:iam::{self.account_id}:role/{self.physical_name(logical_id)}"
        if resource_type == "AWS::SNS::Topic" and attribute == "TopicArn":
            return self._arn("sns", self.physical_name(logical_id))
        raise TemplateError(f"!GetAtt {logical_id}.{attribute} is not supported locally")

    def physical_name(self, logical_id: str) -> str:
        """The name a resource has once deployed (its name property, or a generated one)."""
        resource_type = self.resource_type(logical_id)
        name_property = _NAME_PROPERTY.get(resource_type)
        if name_property is not None:
            if logical_id in self._resolving:
                raise TemplateError(f"the name of {logical_id} refers to itself")
            self._resolving.add(logical_id)
            try:
                named = self.properties(logical_id).get(name_property)
            finally:
                self._resolving.discard(logical_id)
            if named is not None:
                return str(named)
        if resource_type in _FUNCTION_TYPES:
            return logical_id
        generated = f"{self.name}-{logical_id}"
        return generated.lower() if resource_type == "AWS::S3::Bucket" else generated

    def api_id(self, logical_id: str) -> str:
        """A stable ten-character id, shaped like API Gateway's, for an API resource."""
        digest = hashlib.sha256(f"{self.name}/{logical_id}".encode()).digest()
        alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
        return "".join(alphabet[byte % len(alphabet)] for byte in digest[:10])

    # -- intrinsic functions ----------------------------------------------------------------

    def _intrinsic(self, function: str, argument: Any) -> Any:
        if function == "Ref":
            return self.ref(str(self.resolve(argument)))
        if function == "Fn::GetAtt":
            parts = argument.split(".", 1) if isinstance(argument, str) else argument
            logical_id, attribute = (str(part) for part in self.resolve(parts))
            return self.get_att(logical_id, attribute)
        if function == "Fn::Sub":
            return self._sub(argument)
        if function == "Fn::Join":
            delimiter, items = self.resolve(argument)
            return str(delimiter).join(str(item) for item in items)
        if function == "Fn::Select":
            index, items = self.resolve(argument)
            return items[int(index)]
        if function == "Fn::Split":
            delimiter, text = self.resolve(argument)
            return str(text).split(str(delimiter))
        if function == "Fn::FindInMap":
            map_name, top_key, second_key = (str(part) for part in self.resolve(argument))
            try:
                return self.template["Mappings"][map_name][top_key][second_key]
            except (KeyError, TypeError) as e:
                raise TemplateError(f"!FindInMap {map_name}.{top_key}.{second_key}: none") from e
        if function == "Fn::Base64":
            return base64.b64encode(str(self.resolve(argument)).encode()).decode()
        if function == "Fn::If":
            name, when_true, when_false = argument
            return self.resolve(when_true if self.condition(str(name)) else when_false)
        raise TemplateError(f"{function} is not supported by slsplay's template reader")

    def condition(self, name: str) -> bool:
        """Whether one of the template's ``Conditions`` holds for these parameter values."""
        declared = self.template.get("Conditions") or {}
        if name not in declared:
            raise TemplateError(f"no condition {name!r} in the template")
        return self._holds(declared[name])

    def _holds(self, expression: Any) -> bool:
        if not isinstance(expression, dict) or len(expression) != 1:
            raise TemplateError(f"{expression!r} is not a condition")
        ((function, argument),) = expression.items()
        if function == "Condition":
            return self.condition(str(argument))
        if function == "Fn::Equals":
            # CloudFormation compares the two as strings: a Number parameter equals 0.
            left, right = (str(self.resolve(side)) for side in argument)
            return left == right
        if function == "Fn::Not":
            (inner,) = argument
            return not self._holds(inner)
        if function == "Fn::And":
            return all(self._holds(inner) for inner in argument)
        if function == "Fn::Or":
            return any(self._holds(inner) for inner in argument)
        raise TemplateError(f"{function} is not a condition function")

    def _sub(self, argument: Any) -> str:
        if isinstance(argument, str):
            text, variables = argument, {}
        else:
            text, raw_variables = argument
            variables = {name: self.resolve(value) for name, value in raw_variables.items()}

        def substitute(match: re.Match[str]) -> str:
            name = match.group(1)
            if name.startswith("!"):  # ${!Literal} is the escape for a literal ${Literal}
                return "${" + name[1:] + "}"
            if name in variables:
                return str(variables[name])
            if "." in name and not name.startswith("AWS::"):
                logical_id, attribute = name.split(".", 1)
                return str(self.get_att(logical_id, attribute))
            return str(self.ref(name))

        return _SUB_VARIABLE.sub(substitute, str(text))

    def _pseudo(self, name: str) -> Any:
        values: dict[str, Any] = {
            **PSEUDO_DEFAULTS,
            "AWS::Region": self.region,
            "AWS::AccountId": self.account_id,
            "AWS::StackName": self.name,
            "AWS::StackId": self._arn("cloudformation", f"stack/{self.name}/local"),
            "AWS::NoValue": NO_VALUE,
        }
        if name not in values:
            raise TemplateError(f"!Ref {name}: no such pseudo parameter")
        return values[name]

    def _arn(self, service: str, resource: str) -> str:
        return f"arn:aws:{service}:{self.region}:{self.account_id}:{resource}"

    def _queue_url(self, logical_id: str) -> str:
        name = self.physical_name(logical_id)
        return f"https://sqs.{self.region}.amazonaws.com/{self.account_id}/{name}"


def _is_intrinsic(value: dict[str, Any]) -> bool:
    if len(value) != 1:
        return False
    (key,) = value
    return key == "Ref" or key.startswith("Fn::")


def _merge_globals(shared: Any, own: Any) -> Any:
    """SAM's rule: maps merge (the resource's keys win), lists add up, scalars are replaced."""
    if isinstance(shared, dict) and isinstance(own, dict):
        if _is_intrinsic(shared) or _is_intrinsic(own):
            return own
        merged = dict(shared)
        for key, value in own.items():
            merged[key] = _merge_globals(shared[key], value) if key in shared else value
        return merged
    if isinstance(shared, list) and isinstance(own, list):
        return shared + own
    return own


def _parameter_values(declared: Mapping[str, Any], overrides: Mapping[str, str]) -> dict[str, Any]:
    """Each parameter's value, checked as CloudFormation checks it before a deployment."""
    unknown = sorted(set(overrides) - set(declared))
    if unknown:
        raise TemplateError(f"the template has no parameter {', '.join(unknown)}")
    values: dict[str, Any] = {}
    for name, declaration in declared.items():
        spec = declaration or {}
        if name in overrides:
            value = str(overrides[name])
        elif "Default" in spec:
            value = str(spec["Default"])
        else:
            raise TemplateError(f"parameter {name} has no default: give it a value")
        pattern = spec.get("AllowedPattern")
        if pattern is not None and re.fullmatch(str(pattern), value) is None:
            raise TemplateError(f"parameter {name}={value!r} does not match {pattern}")
        allowed = spec.get("AllowedValues")
        if allowed is not None and value not in [str(option) for option in allowed]:
            raise TemplateError(f"parameter {name}={value!r} is not one of {allowed}")
        is_list = str(spec.get("Type", "String")).startswith(("List<", "CommaDelimitedList"))
        values[name] = [item.strip() for item in value.split(",")] if is_list else value
    return values
