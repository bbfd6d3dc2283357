"""The layering and storage rules of DESIGN.md, checked on the source itself."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from slsplay.local.template import load_template, table_properties
from slsplay.store.schema import TABLE

SRC = Path(__file__).resolve().parents[2] / "src" / "slsplay"

# What the domain may import: the standard library's pure parts and one pure validator.
DOMAIN_ALLOWED = {
    "__future__",
    "base64",  # the spelling of cursors: text in, bytes out
    "binascii",
    "collections",
    "copy",
    "dataclasses",
    "datetime",
    "dateutil",  # python-dateutil's rrule: pure date arithmetic, no I/O
    "email_validator",
    "enum",
    "hmac",  # comparing a cursor's signature in constant time
    "re",
    "typing",
    "unicodedata",  # folding case and accents
    "urllib.parse",
    "zoneinfo",
}


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def _modules(package: str) -> list[Path]:
    return sorted((SRC / package).rglob("*.py"))


@pytest.mark.parametrize("path", _modules("domain"), ids=lambda p: p.name)
def test_the_domain_imports_nothing_but_itself_and_pure_libraries(path: Path) -> None:
    foreign = {
        name
        for name in _imports(path)
        if not name.startswith("slsplay.domain")
        and not any(name == ok or name.startswith(ok + ".") for ok in DOMAIN_ALLOWED)
    }
    assert foreign == set()


@pytest.mark.parametrize(
    "path", _modules("services") + _modules("store"), ids=lambda p: f"{p.parent.name}/{p.name}"
)
def test_services_and_repositories_reach_storage_only_through_the_port(path: Path) -> None:
    forbidden = {"boto3", "botocore", "sqlite3", "slsplay.adapters", "slsplay.bootstrap"}
    used = {
        name
        for name in _imports(path)
        if name.split(".")[0] in forbidden or any(name.startswith(f) for f in forbidden)
    }
    assert used == set()


@pytest.mark.parametrize("path", _modules("handlers"), ids=lambda p: p.name)
def test_handlers_reach_storage_and_adapters_only_through_services_and_the_container(
    path: Path,
) -> None:
    forbidden = ("slsplay.adapters", "slsplay.store")
    used = {name for name in _imports(path) if name.startswith(forbidden)}
    assert used == set()


def test_nothing_under_src_scans_the_table() -> None:
    scans = []
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            called = isinstance(node, ast.Attribute) and node.attr.lower() == "scan"
            named = isinstance(node, ast.Constant) and node.value in ("Scan", "scan")
            if called or named:
                scans.append(f"{path.relative_to(SRC)}:{node.lineno}")
    assert scans == []


def test_the_template_table_has_exactly_the_key_schema_the_code_uses() -> None:
    properties = table_properties(load_template())

    for name, expected in TABLE.cloudformation_properties().items():
        assert properties[name] == expected, name
    assert properties["StreamSpecification"] == {"StreamViewType": "NEW_AND_OLD_IMAGES"}


FUNCTIONS = {
    name: resource["Properties"]["Handler"].rpartition(".")[0]
    for name, resource in load_template()["Resources"].items()
    if resource["Type"] == "AWS::Serverless::Function"
}


@pytest.mark.parametrize("module", sorted(set(FUNCTIONS.values())))
def test_no_handler_loads_boto3_at_import(module: str) -> None:
    # boto3 costs ~130 ms of cold start: a function imports it when it first calls AWS.
    loaded = subprocess.run(  # noqa: S603  (our own interpreter and module)
        [sys.executable, "-c", f"import sys, {module}; print('boto3' in sys.modules)"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert loaded.stdout.strip() == "False"
