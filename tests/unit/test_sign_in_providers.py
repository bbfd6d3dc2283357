"""The social sign-in providers' settings: what is taken, and what is refused with a reason."""

from __future__ import annotations

import json
import re

import pytest

from slsplay.adapters.oidc import parse_providers

GOOGLE = {
    "discovery_url": "https://accounts.google.com/.well-known/openid-configuration",
    "client_id": "id",
    "client_secret": "secret",
}


def test_no_settings_means_no_providers() -> None:
    assert parse_providers(None) == []
    assert parse_providers("") == []


def test_an_oidc_issuer_and_github_are_read_in_order() -> None:
    github = {"kind": "github", "client_id": "gh", "client_secret": "s", "display_name": "GitHub"}

    found = parse_providers(json.dumps({"google": GOOGLE, "github": github}))

    assert [(p.name, p.kind, p.client_id) for p in found] == [
        ("google", "oidc", "id"),
        ("github", "github", "gh"),
    ]
    assert found[0].discovery_url == GOOGLE["discovery_url"]
    assert found[1].display_name == "GitHub"


@pytest.mark.parametrize(
    ("settings", "reason"),
    [
        ({"google": {**GOOGLE, "client_secret": ""}}, "missing ['client_secret']"),
        ({"google": {"client_id": "id", "client_secret": "s"}}, "missing ['discovery_url']"),
        ({"okta": {**GOOGLE, "kind": "saml"}}, "kind 'saml'"),
        ({"google": "id"}, "a JSON object of objects"),
        (["google"], "a JSON object of objects"),
    ],
)
def test_settings_that_cannot_work_are_refused_with_the_reason(
    settings: object, reason: str
) -> None:
    with pytest.raises(ValueError, match=re.escape(reason)):
        parse_providers(json.dumps(settings))
