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


@pytest.mark.parametrize(
    "path", _modules("services") + _modules("store"), ids=lambda p: f"{p.parent.name}/{p.name}"
)
def test_services_and_repositories_know_nothing_of_who_calls_them(path: Path) -> None:
    callers = ("slsplay.handlers", "slsplay.graphql", "slsplay.local", "slsplay.cli")
    assert {name for name in _imports(path) if name.startswith(callers)} == set()


def _port_types() -> set[str]:
    import slsplay.ports  # noqa: PLC0415  (only this rule needs the ports themselves)

    # The ports are the Protocols, and ItemStore (an abstract class: its adapters share code).
    return {
        name
        for name in slsplay.ports.__all__
        if getattr(getattr(slsplay.ports, name), "_is_protocol", False)
    } | {"ItemStore"}


@pytest.mark.parametrize("path", _modules("services"), ids=lambda p: p.name)
def test_use_cases_take_their_ports_in_one_bundle(path: Path) -> None:
    # A use case takes ``ports`` (StorePorts, or its family's bundle), never a port on its
    # own: one way, whichever use case a reader opens.
    ports = _port_types()
    loose = [
        f"{node.name}({argument.arg})"
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.FunctionDef)
        for argument in node.args.args + node.args.kwonlyargs
        if argument.annotation is not None
        and ast.unparse(argument.annotation).split(".")[-1] in ports
    ]
    assert loose == []


# Past this, a module holds more than one thing a reader can keep in mind at once.
MAX_MODULE_LINES = 600


def test_no_module_is_longer_than_a_reader_can_hold() -> None:
    lengths = {
        path.relative_to(SRC).as_posix(): len(path.read_text().splitlines())
        for path in SRC.rglob("*.py")
    }
    assert {path: n for path, n in lengths.items() if n > MAX_MODULE_LINES} == {}


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(path): path for path in SRC.rglob("*.py")}


def _our_imports(path: Path) -> set[str]:
    """The modules of ours ``path`` imports, anywhere in it (a function's too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # ``from package import module`` imports the module; ``from module import name``,
            # the module.
            found.update(
                f"{node.module}.{alias.name}"
                if f"{node.module}.{alias.name}" in MODULES
                else node.module
                for alias in node.names
            )
    return {name for name in found if name in MODULES and MODULES[name].name != "__init__.py"}


def _find_circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every circle a depth-first walk of ``graph`` meets, each from where it closes."""
    circles: list[list[str]] = []
    done: set[str] = set()

    def visit(name: str, trail: list[str]) -> None:
        if name in trail:
            circles.append([*trail[trail.index(name) :], name])
            return
        if name in done:
            return
        for imported in sorted(graph[name]):
            visit(imported, [*trail, name])
        done.add(name)

    for name in sorted(graph):
        visit(name, [])
    return circles


def test_no_module_of_ours_imports_itself_through_others() -> None:
    graph = {name: _our_imports(path) for name, path in MODULES.items()}
    assert _find_circles(graph) == []


def test_the_circle_finder_sees_a_circle(tmp_path: Path) -> None:
    # The rule above would pass vacuously if the finder never found one: show it one.
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}}
    assert _find_circles(graph) == [["a", "b", "c", "a"]]


# What a handler may import of ours: services, ports and the domain, its own helpers, and
# these, each for the reason given. Storage (store/) and adapters come only through services
# and the container.
HANDLERS_MAY_IMPORT = {
    "slsplay.handlers": "the handlers' own helpers: context, logs, problems, presenters",
    "slsplay.services": "the use cases",
    "slsplay.ports": "the ports' types and errors",
    "slsplay.domain": "the domain's types and errors",
    "slsplay.graphql": "the GraphQL function serves the schema",
    "slsplay.bootstrap": "handlers/context.py builds the container: the composition root",
    "slsplay.mail.calendar": "the .ics answer of a series is a calendar file, as mailed",
    "slsplay.attribute_values": "the stream function decodes its records' AttributeValue JSON",
}


@pytest.mark.parametrize("path", _modules("handlers"), ids=lambda p: p.name)
def test_handlers_import_services_ports_and_the_domain_only(path: Path) -> None:
    ours = _our_imports(path)
    allowed = tuple(HANDLERS_MAY_IMPORT)
    assert {
        name for name in ours if not any(name == a or name.startswith(a + ".") for a in allowed)
    } == set()


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


# The modules that may read the process's environment, and why each may. Every setting of the
# product comes from config.py's Settings; the local runtime's modules set up the processes
# of the execution environments it runs, whose variables are what Lambda would give them.
ENVIRONMENT_READERS = {
    "config.py": "Settings: the one place the product reads its settings",
    "local/functions.py": "builds each execution environment's variables from the host's"
    " (the developer's settings, PATH, locale), the template's and the runtime's",
    "local/worker.py": "an execution environment's process: its variables become os.environ,"
    " as Lambda sets them before importing a handler",
    "local/apigateway.py": "gives the functions at an AWS endpoint stand-in credentials, unless"
    " the host has its own",
}
ENVIRONMENT_NAMES = {"environ", "environb", "getenv", "getenvb"}


def _reads_environment(path: Path) -> bool:
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        attribute = isinstance(node, ast.Attribute) and node.attr in ENVIRONMENT_NAMES
        imported = (
            isinstance(node, ast.ImportFrom)
            and node.module == "os"
            and any(alias.name in ENVIRONMENT_NAMES for alias in node.names)
        )
        if attribute or imported:
            return True
    return False


def test_only_the_settings_and_the_runtimes_process_setup_read_the_environment() -> None:
    readers = {
        path.relative_to(SRC).as_posix() for path in SRC.rglob("*.py") if _reads_environment(path)
    }

    assert readers - ENVIRONMENT_READERS.keys() == set()
