"""The limit on requests per client: the template's WAF rule, and the local runtime's same."""

from __future__ import annotations

import json
from pathlib import Path

import httpx

from slsplay.local.client_limits import (
    PARAMETER,
    PATH_PREFIX,
    REFUSAL,
    RETRY_AFTER_SECONDS,
    WINDOW_SECONDS,
    ClientLimits,
)
from slsplay.local.server import LocalServer
from slsplay.local.template import Stack, load_template

TEMPLATE = load_template()


class Clock:
    def __init__(self) -> None:
        self.now = 10_000.0 * WINDOW_SECONDS

    def __call__(self) -> float:
        return self.now


def test_the_template_has_no_rule_until_a_limit_is_set_and_then_a_rule_like_the_runtimes() -> None:
    parameter = TEMPLATE["Parameters"][PARAMETER]
    acl = TEMPLATE["Resources"]["ClientRateLimits"]
    rule = acl["Properties"]["Rules"][0]
    rate = rule["Statement"]["RateBasedStatement"]
    block = rule["Action"]["Block"]["CustomResponse"]
    body = acl["Properties"]["CustomResponseBodies"][block["CustomResponseBodyKey"]]

    assert parameter["Default"] == 0
    assert TEMPLATE["Conditions"][acl["Condition"]] == {
        "Fn::Not": [{"Fn::Equals": [{"Ref": PARAMETER}, 0]}]
    }
    assert acl["Properties"]["Scope"] == "CLOUDFRONT"
    assert TEMPLATE["Resources"]["WebDistribution"]["Properties"]["DistributionConfig"][
        "WebACLId"
    ] == {
        "Fn::If": [
            acl["Condition"],
            {"Fn::GetAtt": ["ClientRateLimits", "Arn"]},
            {"Ref": "AWS::NoValue"},
        ]
    }
    assert rate["Limit"] == {"Ref": PARAMETER}
    assert rate["AggregateKeyType"] == "IP"
    assert rate["EvaluationWindowSec"] == WINDOW_SECONDS
    assert rate["ScopeDownStatement"]["ByteMatchStatement"]["SearchString"] == PATH_PREFIX
    assert block["ResponseCode"] == 429
    assert block["ResponseHeaders"] == [{"Name": "Retry-After", "Value": str(RETRY_AFTER_SECONDS)}]
    assert json.loads(body["Content"]) == REFUSAL


def test_no_limit_is_set_by_default() -> None:
    assert ClientLimits.from_stack(Stack(TEMPLATE)) is None
    assert ClientLimits.from_stack(Stack(TEMPLATE, {PARAMETER: "100"})) is not None


def test_a_client_past_its_limit_is_refused_until_its_rate_falls() -> None:
    clock = Clock()
    limits = ClientLimits(10, clock)
    assert all(limits.admits("10.0.0.1", "/api/meetups") for _ in range(10))

    assert not limits.admits("10.0.0.1", "/api/meetups")
    assert limits.admits("10.0.0.2", "/api/meetups")  # another client
    assert limits.admits("10.0.0.1", "/index.html")  # not the API
    clock.now += WINDOW_SECONDS / 2  # the previous window's 11 still count for half
    assert not limits.admits("10.0.0.1", "/api/meetups")
    clock.now += WINDOW_SECONDS
    assert limits.admits("10.0.0.1", "/api/meetups")


def test_the_runtime_answers_a_client_past_the_templates_limit_with_the_rules_problem(
    tmp_path: Path,
) -> None:
    with (
        LocalServer(
            port=0,
            data_dir=tmp_path / "data",
            static_dir=tmp_path / "web-not-built",
            pumps=False,
            parameters={PARAMETER: "10"},
        ) as server,
        httpx.Client(base_url=server.url, timeout=10) as client,
    ):
        answers = [client.get("/api/no-such-route") for _ in range(11)]

    assert [a.status_code for a in answers] == [404] * 10 + [429]
    assert answers[-1].json() == REFUSAL
    assert answers[-1].headers["Retry-After"] == str(RETRY_AFTER_SECONDS)
