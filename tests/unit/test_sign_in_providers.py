"""The social sign-in providers' settings: what is taken, and what is refused with a reason."""

from __future__ import annotations

import json
import re

import pytest

from slsplay.adapters.oidc import AuthlibProviders, parse_providers

GOOGLE = {
    "discovery_url": "https://accounts.google.com/.well-known/openid-configuration",
    "client_id": "id",
    "client_secret": "secret",
}
GITHUB = {"kind": "github", "client_id": "gh", "client_secret": "s"}
ENTERPRISE = {
    **GITHUB,
    "base_url": "https://git.example.com",
    "api_url": "https://git.example.com/api/v3",
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


def test_github_is_github_com_unless_its_hosts_are_named() -> None:
    (public,) = parse_providers(json.dumps({"github": GITHUB}))
    (enterprise,) = parse_providers(json.dumps({"ghe": ENTERPRISE}))

    assert (public.base_url, public.api_url) == ("https://github.com", "https://api.github.com")
    assert (enterprise.base_url, enterprise.api_url) == (
        "https://git.example.com",
        "https://git.example.com/api/v3",
    )


def test_the_hosts_lose_a_trailing_slash_and_may_be_plain_http() -> None:
    hosts = {"base_url": "http://127.0.0.1:8123/", "api_url": "http://127.0.0.1:8123/api/v3/"}

    (found,) = parse_providers(json.dumps({"github": {**GITHUB, **hosts}}))

    assert (found.base_url, found.api_url) == (
        "http://127.0.0.1:8123",
        "http://127.0.0.1:8123/api/v3",
    )


def test_naming_github_com_s_own_host_alone_changes_nothing() -> None:
    (found,) = parse_providers(json.dumps({"github": {**GITHUB, "base_url": "https://github.com"}}))

    assert found.api_url == "https://api.github.com"


def test_the_sign_in_address_is_on_the_named_host() -> None:
    providers = AuthlibProviders(parse_providers(json.dumps({"ghe": ENTERPRISE})))

    url = providers.authorization_url(
        "ghe",
        redirect_uri="https://slsplay.example.com/api/auth/oidc/ghe/callback",
        state="the-state",
        nonce="unused",
        code_verifier="v" * 43,
    )

    assert url.startswith("https://git.example.com/login/oauth/authorize?")
    assert "client_id=gh" in url
    assert "nonce" not in url


@pytest.mark.parametrize(
    ("settings", "reason"),
    [
        ({"google": {**GOOGLE, "client_secret": ""}}, "missing ['client_secret']"),
        ({"google": {"client_id": "id", "client_secret": "s"}}, "missing ['discovery_url']"),
        ({"okta": {**GOOGLE, "kind": "saml"}}, "kind 'saml'"),
        ({"google": "id"}, "a JSON object of objects"),
        (["google"], "a JSON object of objects"),
        (
            {"google": {**GOOGLE, "base_url": "https://github.com"}},
            "base_url only for kind 'github'",
        ),
        (
            {"github": {**GITHUB, "base_url": "https://git.example.com"}},
            "base_url given without api_url, probably https://git.example.com/api/v3",
        ),
        (
            {"github": {**GITHUB, "api_url": "https://git.example.com/api/v3"}},
            "api_url given without base_url",
        ),
        (
            {"github": {**ENTERPRISE, "base_url": "git.example.com"}},
            "base_url 'git.example.com' is not an http(s) URL",
        ),
        (
            {"github": {**ENTERPRISE, "api_url": "ftp://git.example.com/api/v3"}},
            "api_url 'ftp://git.example.com/api/v3' is not an http(s) URL",
        ),
        (
            {"github": {**ENTERPRISE, "api_url": "https://git.example.com/api/v3?x=1"}},
            "is not an http(s) URL",
        ),
        ({"github": {**ENTERPRISE, "base_url": 443}}, "base_url 443 is not an http(s) URL"),
        ({"github": {**ENTERPRISE, "base_url": ""}}, "base_url '' is not an http(s) URL"),
    ],
)
def test_settings_that_cannot_work_are_refused_with_the_reason(
    settings: object, reason: str
) -> None:
    with pytest.raises(ValueError, match=re.escape(reason)):
        parse_providers(json.dumps(settings))
