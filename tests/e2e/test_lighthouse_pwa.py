"""Lighthouse's Progressive Web App checks on the built app: installable (a manifest Chromium
accepts, with its icons), a splash screen and a themed address bar, a maskable icon, content
that fits a phone's viewport. Lighthouse 11 is the last with a PWA category (web/package.json
pins it); it drives Debian's Chromium, never a browser of its own. That the service worker
serves the app offline is test_offline.py's."""

from __future__ import annotations

import json
import os
import subprocess
from typing import Any

import pytest

from tests.e2e.conftest import CHROMIUM, ROOT
from tests.support.server import Server

LIGHTHOUSE = ROOT / "web" / "node_modules" / ".bin" / "lighthouse"
# Lighthouse launches Chromium itself: as the other browser tests do, headless and without
# the sandbox (which needs privileges a container lacks).
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"
# A hang guard, not a measure: a run takes about 15 s.
RUN_TIMEOUT_SECONDS = 120


def lighthouse_report(url: str) -> dict[str, Any]:
    """Lighthouse's JSON report of ``url``, PWA category only, on a phone (its default)."""
    if not LIGHTHOUSE.is_file():
        pytest.fail(f"{LIGHTHOUSE} is missing: cd web && npm ci", pytrace=False)
    run = subprocess.run(  # noqa: S603  (our own command)
        [
            str(LIGHTHOUSE),
            url,
            "--only-categories=pwa",
            "--output=json",
            "--output-path=stdout",
            "--quiet",
            "--no-enable-error-reporting",
            f"--chrome-flags={CHROME_FLAGS}",
        ],
        # Lighthouse 11 takes the browser from CHROME_PATH (it has no --chrome-path flag).
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_SECONDS,
        check=False,
    )
    assert run.returncode == 0, f"lighthouse failed ({run.returncode}):\n{run.stderr[-3000:]}"
    report: dict[str, Any] = json.loads(run.stdout)
    return report


def test_the_app_passes_every_pwa_check_of_lighthouse(server: Server) -> None:
    report = lighthouse_report(f"{server.url}/")

    assert "runtimeError" not in report, report["runtimeError"]
    checks = [
        report["audits"][ref["id"]]
        for ref in report["categories"]["pwa"]["auditRefs"]
        # The manual ones (cross-browser, page transitions) are for a person to judge.
        if report["audits"][ref["id"]]["scoreDisplayMode"] != "manual"
    ]
    failed = [
        f"{audit['id']} ({audit['title']}): "
        + (audit.get("explanation") or audit.get("errorMessage") or audit["description"])
        for audit in checks
        if audit["score"] != 1
    ]
    assert failed == [], "failed PWA audits:\n" + "\n".join(failed)
    # Each check ran: an audit Lighthouse could not run would not count as passed.
    assert {audit["id"] for audit in checks} >= {
        "installable-manifest",
        "splash-screen",
        "themed-omnibox",
        "content-width",
        "viewport",
        "maskable-icon",
    }
