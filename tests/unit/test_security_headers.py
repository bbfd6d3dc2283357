"""The browser security headers: the template's CloudFront policy sends what the local runtime
sends (one definition, ``local/security_headers.py``), on every behaviour of the distribution."""

from __future__ import annotations

import base64
import hashlib
import re
from http import HTTPStatus
from typing import Any

from slsplay.handlers import pages
from slsplay.handlers.pages import own_policy
from slsplay.local.security_headers import SecurityHeaders, security_headers
from slsplay.local.template import Stack, load_template

TEMPLATE = load_template()
POLICY = TEMPLATE["Resources"]["SecurityHeaders"]["Properties"]["ResponseHeadersPolicyConfig"]


def as_cloudfront_sends(config: dict[str, Any]) -> dict[str, str]:
    """The headers a SecurityHeadersConfig makes CloudFront send, as a browser receives them."""
    hsts = config["StrictTransportSecurity"]
    return {
        "content-security-policy": config["ContentSecurityPolicy"]["ContentSecurityPolicy"],
        "strict-transport-security": f"max-age={hsts['AccessControlMaxAgeSec']}"
        + ("; includeSubDomains" if hsts["IncludeSubdomains"] else "")
        + ("; preload" if hsts["Preload"] else ""),
        "x-content-type-options": "nosniff",
        "referrer-policy": config["ReferrerPolicy"]["ReferrerPolicy"],
        "x-frame-options": config["FrameOptions"]["FrameOption"],
    }


def test_the_templates_policy_sends_what_the_local_runtime_sends() -> None:
    stack = Stack(TEMPLATE)
    bucket = stack.physical_name("MediaBucket")
    media = [
        f"https://{bucket}.s3.amazonaws.com",
        f"https://{bucket}.s3.{stack.region}.amazonaws.com",
    ]

    sent = as_cloudfront_sends(stack.resolve(POLICY["SecurityHeadersConfig"]))

    assert sent == security_headers(media)


def test_the_policy_replaces_the_origins_headers_but_a_pages_own_content_security_policy() -> None:
    overrides = {name: entry["Override"] for name, entry in POLICY["SecurityHeadersConfig"].items()}

    assert overrides == {
        "ContentSecurityPolicy": False,
        "StrictTransportSecurity": True,
        "ContentTypeOptions": True,
        "ReferrerPolicy": True,
        "FrameOptions": True,
    }


def test_every_behaviour_of_the_distribution_sends_the_policy() -> None:
    config = TEMPLATE["Resources"]["WebDistribution"]["Properties"]["DistributionConfig"]
    behaviours = [config["DefaultCacheBehavior"], *config["CacheBehaviors"]]

    assert [b.get("ResponseHeadersPolicyId") for b in behaviours] == [
        {"Ref": "SecurityHeaders"}
    ] * len(behaviours)


def test_the_policy_allows_no_inline_script_and_no_framing() -> None:
    text = security_headers()["content-security-policy"]
    policy = dict(directive.split(" ", 1) for directive in text.split("; "))

    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["object-src"] == "'none'"


def test_the_local_runtime_replaces_a_responses_headers_but_keeps_a_pages_own_policy() -> None:
    headers = SecurityHeaders()
    page_policy = (b"content-security-policy", b"default-src 'none'")

    plain = dict(headers.applied([(b"content-type", b"text/html"), (b"x-frame-options", b"x")]))
    own = headers.applied([page_policy])

    assert plain[b"x-frame-options"] == b"DENY"
    site_policy = security_headers()["content-security-policy"].encode()
    assert plain[b"content-security-policy"] == site_policy
    assert [value for name, value in own if name == b"content-security-policy"] == [page_policy[1]]


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_a_page_the_api_makes_may_run_its_own_inline_blocks_and_nothing_else() -> None:
    policy = own_policy("<style>p { color: red }</style><p>Hi</p><script>go()</script>")

    assert f"script-src {sha256('go()')};" in policy
    assert f"style-src {sha256('p { color: red }')};" in policy
    assert policy.startswith("default-src 'none';")
    assert "frame-ancestors 'none'" in policy


def test_the_unsubscribe_pages_allow_the_style_their_template_holds_and_no_script() -> None:
    answer = pages.page("not_found", HTTPStatus.NOT_FOUND, title="Unknown link <script>")
    style = re.search(r"<style>(.*?)</style>", str(answer.body), re.DOTALL)

    assert style is not None
    assert answer.headers["Content-Security-Policy"] == own_policy(style.group(0))
    assert "script-src 'none'" in str(answer.headers["Content-Security-Policy"])
