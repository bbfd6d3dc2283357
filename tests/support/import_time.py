"""A handler module's import time, as a function's cold start pays it (for tests and benchmarks).

Each measurement imports the module in a fresh interpreter, as a cold start does, and times
its body and every import it is the first to make, not the interpreter's start-up. Two clocks:

- wall time, from ``python -X importtime -c "import <module>"``: the cumulative microseconds
  of the module's own line among the ``import time: self [us] | cumulative | imported
  package`` lines it writes to stderr, which also tell where the time goes;
- CPU time, ``time.process_time()`` around the import: what the import itself costs, without
  the time the process waits for a CPU. On an idle machine the two agree within a few per
  cent (an import is CPU-bound once files are in the page cache); on a busy one the wall time
  of the same import grows many times over, in bursts, while its CPU time barely moves.

The environment is the one the function has when deployed: the template's variables of that
function, on the AWS backend, in its region, its code first on the import path, and bytecode
caches allowed (a Lambda layer ships them; only the first run after a change compiles).

A machine's speed sets milliseconds as much as the code does, so tests weigh the CPU time of a
handler's import against ``REFERENCE_MODULE``'s, measured in turn with it in the same
environment.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from slsplay.local.functions import LambdaFunction

# A fresh interpreter imports a handler in well under a second; this is only a stop for a hang.
TIMEOUT_SECONDS = 60
REGION = "eu-west-1"
# The yardstick of import times: of about a handler's weight (well over 100 ms of pure Python
# imports), and set by its pinned release in constraints.txt, not by slsplay's code.
REFERENCE_MODULE = "boto3"
_LINE = re.compile(r"^import time:\s+(\d+) \|\s+(\d+) \| ( *)(\S+)\s*$")
# What the host's own environment must not pass on to a deployed function's.
_HOST_ONLY_PREFIXES = ("SLSPLAY_", "AWS_", "POWERTOOLS_")
_HOST_ONLY = {"PYTHONDONTWRITEBYTECODE", "PYTHONPATH"}


@dataclass(frozen=True)
class ImportLine:
    """One line of ``-X importtime``: a module imported for the first time, and its cost."""

    name: str
    self_us: int
    cumulative_us: int
    depth: int  # 0 for an import the program made, one more per level of nesting


def handler_module(handler: str) -> str:
    """The module of a ``Handler`` setting: ``slsplay.handlers.jobs`` for ``...jobs.reminders``."""
    module, _, _ = handler.rpartition(".")
    if not module:
        raise ValueError(f"handler {handler!r} names no module")
    return module


def deployed_environment(function: LambdaFunction) -> dict[str, str]:
    """The environment ``function`` imports its handler in once deployed on the AWS backend."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(_HOST_ONLY_PREFIXES) and name not in _HOST_ONLY
    }
    environment |= function.config.environment
    environment |= {
        "SLSPLAY_BACKEND": "aws",
        "AWS_DEFAULT_REGION": REGION,
        "AWS_REGION": REGION,
    }
    if function.config.code_dir is not None:
        # Lambda puts the function's code (its CodeUri) first on the import path.
        environment["PYTHONPATH"] = str(function.config.code_dir)
    return environment


def parse_import_times(stderr: str) -> list[ImportLine]:
    """The ``-X importtime`` lines of ``stderr``, in order; any other line is left out."""
    lines = []
    for text in stderr.splitlines():
        found = _LINE.match(text)
        if found is None:
            continue
        self_us, cumulative_us, indent, name = found.groups()
        lines.append(ImportLine(name, int(self_us), int(cumulative_us), len(indent) // 2))
    return lines


def module_imports(module: str, env: Mapping[str, str]) -> list[ImportLine]:
    """Every import line of ``import <module>`` in a fresh interpreter run with ``env``."""
    answer = _import_in_fresh_interpreter(
        module, ["-X", "importtime", "-c", f"import {module}"], env
    )
    return parse_import_times(answer.stderr)


def import_cpu_ms(module: str, env: Mapping[str, str]) -> float:
    """CPU milliseconds to import ``module`` in a fresh interpreter run with ``env``."""
    # sys and time are built into the interpreter: importing them first costs microseconds.
    # A module already imported at start-up would cost nothing here: fail as cumulative_ms does.
    program = (
        f"import sys, time; assert {module!r} not in sys.modules, 'imported before the program'; "
        f"started = time.process_time(); import {module}; print(time.process_time() - started)"
    )
    answer = _import_in_fresh_interpreter(module, ["-c", program], env)
    return float(answer.stdout) * 1000


def _import_in_fresh_interpreter(
    module: str, arguments: Sequence[str], env: Mapping[str, str]
) -> subprocess.CompletedProcess[str]:
    # On a timeout subprocess.run kills the interpreter before raising: none is left behind.
    answer = subprocess.run(  # noqa: S603  (our own interpreter, importing our own module)
        [sys.executable, *arguments],
        capture_output=True,
        text=True,
        env=dict(env),
        check=False,
        timeout=TIMEOUT_SECONDS,
    )
    if answer.returncode != 0:
        raise RuntimeError(f"import {module} failed (exit {answer.returncode})\n{answer.stderr}")
    return answer


def cumulative_ms(lines: Sequence[ImportLine], module: str) -> float:
    """The cumulative milliseconds of ``module``'s own line."""
    for line in lines:
        if line.name == module:
            return line.cumulative_us / 1000
    raise LookupError(f"no import time line for {module}: it was imported before the program")


def largest_packages(lines: Sequence[ImportLine], count: int = 3) -> list[tuple[str, float]]:
    """The ``count`` costliest third-party top-level packages of ``lines``, with their ms.

    A package's cost is the cumulative time of its outermost lines: those not nested in a
    line of the same package (``aws_lambda_powertools.event_handler`` under the handler, not
    only ``aws_lambda_powertools``' own ``__init__``). A hint at what a handler pulls in:
    a package imported by another one is counted within that one too.
    """
    # -X importtime prints a module after the modules it imported, one level deeper each.
    parents: list[int | None] = [None] * len(lines)
    open_lines: list[int] = []
    for index, line in enumerate(lines):
        while open_lines and lines[open_lines[-1]].depth > line.depth:
            parents[open_lines.pop()] = index
        open_lines.append(index)
    costs: dict[str, float] = {}
    for line, parent in zip(lines, parents, strict=True):
        package = line.name.partition(".")[0]
        if package == "slsplay" or package in sys.stdlib_module_names:
            continue
        if parent is None or lines[parent].name.partition(".")[0] != package:
            costs[package] = costs.get(package, 0.0) + line.cumulative_us / 1000
    return sorted(costs.items(), key=lambda cost: cost[1], reverse=True)[:count]
