"""The committed client (src/slsplay_client) is what the generator makes of the server's
current OpenAPI document: a change to the API without `make native-client` fails here."""

from __future__ import annotations

import filecmp
import os
import sys
from pathlib import Path

NATIVE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(NATIVE / "scripts"))

from generate_client import generate  # noqa: E402  (a script, not a package)

# The server's Python (make sets it to the project's .venv); its code prints the document.
SERVER_PYTHON = os.environ.get("SLSPLAY_SERVER_PYTHON", str(NATIVE.parent / ".venv/bin/python"))


def differences(left: Path, right: Path) -> list[str]:
    """Paths under the two trees that are missing on one side or differ."""
    found: list[str] = []
    compared = filecmp.dircmp(left, right, ignore=["__pycache__"])
    found += [f"only in the committed client: {name}" for name in compared.left_only]
    found += [f"only in a fresh one: {name}" for name in compared.right_only]
    found += [f"differs: {name}" for name in compared.diff_files]
    for name in compared.common_dirs:
        found += [f"{name}/{entry}" for entry in differences(left / name, right / name)]
    return found


def test_the_committed_client_matches_the_servers_document(tmp_path: Path) -> None:
    fresh = tmp_path / "slsplay_client"

    generate(SERVER_PYTHON, fresh)

    stale = differences(NATIVE / "src" / "slsplay_client", fresh)
    assert not stale, "the client is stale: run make native-client\n" + "\n".join(stale)
