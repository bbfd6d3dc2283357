"""Generate the app's typed API client (slsplay_client) from the server's OpenAPI document.

The document comes from the server's own code (what /api/openapi.json serves), printed by
the server's Python: the app's virtualenv holds no server code. `make native-client` writes
into src/slsplay_client; the stale-client test writes into a temporary folder and compares.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

NATIVE = Path(__file__).resolve().parents[1]
CONFIG = NATIVE / "openapi-client.yaml"
PRINT_DOCUMENT = (
    "import json; from slsplay.handlers.docs import openapi_schema; "
    "print(json.dumps(openapi_schema(), indent=2, sort_keys=True))"
)


def openapi_document(server_python: str) -> str:
    """The OpenAPI document's text, as the server's code makes it."""
    return subprocess.run(  # noqa: S603  (the project's own interpreter and code)
        [server_python, "-c", PRINT_DOCUMENT], check=True, capture_output=True, text=True
    ).stdout


def generate(server_python: str, output: Path) -> None:
    """Write the client package for the current document into ``output`` (replaced)."""
    with tempfile.TemporaryDirectory() as work:
        document = Path(work) / "openapi.json"
        document.write_text(openapi_document(server_python))
        shutil.rmtree(output, ignore_errors=True)
        subprocess.run(  # noqa: S603  (the generator installed beside this interpreter)
            [
                str(Path(sys.executable).with_name("openapi-python-client")),
                "generate",
                "--path",
                str(document),
                "--config",
                str(CONFIG),
                "--output-path",
                str(output),
                "--meta",
                "none",
                "--fail-on-warning",
            ],
            check=True,
            capture_output=True,
            text=True,
        )


def main() -> None:
    """Command line: generate_client.py SERVER_PYTHON [OUTPUT]."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("server_python", help="the Python that has the server (slsplay) installed")
    parser.add_argument("output", nargs="?", type=Path, default=NATIVE / "src" / "slsplay_client")
    arguments = parser.parse_args()
    generate(arguments.server_python, arguments.output)


if __name__ == "__main__":
    main()
