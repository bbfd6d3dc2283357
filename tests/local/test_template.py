"""The template reader resolves parameters and intrinsic functions as CloudFormation does."""

from __future__ import annotations

from typing import Any

import pytest

from slsplay.local.functions import lambda_functions
from slsplay.local.template import Stack, TemplateError
from tests.local.helpers import FIXTURE_TEMPLATE


def stack(**parameters: str) -> Stack:
    return Stack.load(FIXTURE_TEMPLATE, parameters, region="eu-central-1")


def test_ref_to_a_table_is_its_name_which_is_a_sub_of_the_stage() -> None:
    assert stack(Stage="local").ref("Table") == "fixture-local"


def test_sub_resolves_parameters_pseudo_parameters_and_the_literal_escape() -> None:
    resolved = stack(Stage="local", PublicUrl="http://127.0.0.1:8000").resolve(
        {"Fn::Sub": "${PublicUrl} in ${AWS::Region} on ${AWS::AccountId} (${!literal})"}
    )

    assert resolved == "http://127.0.0.1:8000 in eu-central-1 on 123456789012 (${literal})"


def test_sub_with_its_own_variables_and_an_attribute_of_a_resource() -> None:
    resolved = stack(Stage="local").resolve(
        {"Fn::Sub": ["${Name}:${Table.Arn}", {"Name": {"Ref": "Stage"}}]}
    )

    assert resolved == "local:arn:aws:dynamodb:eu-central-1:123456789012:table/fixture-local"


def test_ref_to_a_function_is_its_name_and_its_logical_id_when_it_has_none() -> None:
    assert stack(Stage="qa").ref("ContextFunction") == "fixture-qa-context"
    assert stack().ref("EchoFunction") == "EchoFunction"


def test_join_select_split_and_no_value_resolve() -> None:
    resolved = stack().resolve(
        {
            "joined": {"Fn::Join": ["-", ["a", {"Ref": "Stage"}]]},
            "second": {"Fn::Select": [1, {"Fn::Split": [",", "x,y,z"]}]},
            "gone": {"Ref": "AWS::NoValue"},
        }
    )

    assert resolved == {"joined": "a-dev", "second": "y"}


def test_globals_merge_into_each_function_and_the_function_wins() -> None:
    properties: dict[str, Any] = stack(Stage="local").properties("ContextFunction")

    assert properties["Timeout"] == 7
    assert properties["MemorySize"] == 1024
    assert properties["Environment"]["Variables"] == {
        "SLSPLAY_BACKEND": "aws",
        "FIXTURE_STAGE": "local",
        "FIXTURE_TABLE": "fixture-local",
        "FIXTURE_QUEUE_ARN": "arn:aws:sqs:eu-central-1:123456789012:slsplay-Jobs",
        "FIXTURE_ORIGIN": "https://fixture.example.com in eu-central-1 (${literal})",
        "FIXTURE_OWN": "context-only",
    }


def test_each_function_gets_its_handler_timeout_memory_and_code_directory() -> None:
    functions = lambda_functions(stack())

    echo = functions["EchoFunction"].config
    assert echo.handler == "tests.local.fixture_functions.echo"
    assert (echo.timeout, echo.memory_size) == (5, 256)
    assert echo.code_dir == FIXTURE_TEMPLATE.parents[2]
    assert functions["StuckFunction"].config.timeout == 1


def test_a_parameter_value_outside_its_allowed_pattern_is_refused() -> None:
    with pytest.raises(TemplateError, match="Stage"):
        stack(Stage="Not Allowed!")


def test_an_override_of_a_parameter_the_template_lacks_is_refused() -> None:
    with pytest.raises(TemplateError, match="Colour"):
        stack(Colour="blue")


def test_a_ref_to_nothing_and_an_unsupported_function_are_refused() -> None:
    with pytest.raises(TemplateError, match="Missing"):
        stack().resolve({"Ref": "Missing"})
    with pytest.raises(TemplateError, match="Fn::ImportValue"):
        stack().resolve({"Fn::ImportValue": "shared-vpc"})
    with pytest.raises(TemplateError, match="IsProd"):
        stack().resolve({"Fn::If": ["IsProd", "a", "b"]})


def test_if_takes_the_branch_its_condition_picks_for_the_parameter_values() -> None:
    template: dict[str, Any] = {
        "Parameters": {
            "Reserved": {"Type": "Number", "Default": 0},
            "Stage": {"Type": "String", "Default": "dev"},
        },
        "Conditions": {
            "Reserves": {"Fn::Not": [{"Fn::Equals": [{"Ref": "Reserved"}, 0]}]},
            "ReservesInProd": {
                "Fn::And": [
                    {"Condition": "Reserves"},
                    {"Fn::Or": [{"Fn::Equals": [{"Ref": "Stage"}, "prod"]}]},
                ]
            },
        },
        "Resources": {},
    }
    chosen = {
        "reserved": {"Fn::If": ["Reserves", {"Ref": "Reserved"}, {"Ref": "AWS::NoValue"}]},
        "prod": {"Fn::If": ["ReservesInProd", "yes", "no"]},
    }

    assert Stack(template).resolve(chosen) == {"prod": "no"}
    assert Stack(template, {"Reserved": "5"}).resolve(chosen) == {"reserved": "5", "prod": "no"}
    assert Stack(template, {"Reserved": "5", "Stage": "prod"}).resolve(chosen)["prod"] == "yes"
