"""Import time of every function's handler module: the part of a cold start the code decides.

Run: .venv/bin/python bench/import_time.py [--runs 5]
For each function of template.yaml, imports its handler module in --runs fresh Python
processes with ``-X importtime`` and prints the median and the least of the module's
cumulative import time in milliseconds (its body and every import it is the first to make;
the interpreter's start-up is not in it), and the three costliest third-party top-level
packages in its fastest run, as a hint at where the time goes: a package's figure is the
cumulative time of its imports not nested in its own (what it imported first included, so
pydantic under aws_lambda_powertools counts in both).

Then the figure tests/unit/test_import_time.py budgets: the least CPU time of the import,
from --runs more fresh processes, over the least CPU time of ``import boto3`` from as many,
run in turn with them in the same environment (tests/support/import_time.py says why CPU
time, the test why a ratio).

The processes have the environment the function has once deployed (its template variables,
SLSPLAY_BACKEND=aws, AWS_DEFAULT_REGION=eu-west-1, its code first on the import path) with
bytecode caches allowed, as a Lambda layer has them: one untimed run of each module first
writes them. The test's budget for a function is about twice its ratio here; a new function
needs one.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from slsplay.local.functions import lambda_functions
from slsplay.local.template import Stack

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.support.import_time import (
    REFERENCE_MODULE,
    cumulative_ms,
    deployed_environment,
    handler_module,
    import_cpu_ms,
    largest_packages,
    module_imports,
)

# What a handler's import may cost at most, in times boto3's (issue 21's cold starts).
MAX_RATIO = 1.5


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5, help="fresh processes per function")
    runs = parser.parse_args().runs
    if runs < 1:
        parser.error("--runs must be at least 1")
    started = time.perf_counter()
    functions = lambda_functions(Stack.load())
    version = sys.version.split()[0]
    print(
        f"handler module import time (-X importtime, cumulative), {runs} fresh processes each, "
        f"AWS backend, bytecode cached (Python {version}); "
        "CPU time and its ratio to boto3's (least of each, in turn); "
        "costliest third-party packages of the fastest run"
    )
    print(
        f"{'function':<18} {'module':<26} {'median ms':>9} {'min ms':>7} {'cpu ms':>6} "
        f"{'x ' + REFERENCE_MODULE:>8}  top packages (ms)"
    )
    warmed: set[str] = set()
    ratios: dict[str, float] = {}
    for logical_id, function in functions.items():
        module = handler_module(function.config.handler)
        environment = deployed_environment(function)
        if module not in warmed:
            module_imports(module, environment)  # writes the bytecode caches; not timed
            warmed.add(module)
        samples = []
        for _ in range(runs):
            lines = module_imports(module, environment)
            samples.append((cumulative_ms(lines, module), lines))
        reference_cpu_ms = []
        module_cpu_ms = []
        for _ in range(runs):
            reference_cpu_ms.append(import_cpu_ms(REFERENCE_MODULE, environment))
            module_cpu_ms.append(import_cpu_ms(module, environment))
        fastest, fastest_lines = min(samples, key=lambda sample: sample[0])
        median = statistics.median(milliseconds for milliseconds, _ in samples)
        packages = ", ".join(f"{name} {ms:.0f}" for name, ms in largest_packages(fastest_lines))
        cpu_ms = min(module_cpu_ms)
        ratio = ratios[logical_id] = cpu_ms / min(reference_cpu_ms)
        print(
            f"{logical_id:<18} {module:<26} {median:>9.0f} {fastest:>7.0f} {cpu_ms:>6.0f} "
            f"{ratio:>8.2f}  {packages}"
        )
    heaviest = max(ratios, key=ratios.__getitem__)
    print(
        f"\nheaviest: {heaviest}, {ratios[heaviest]:.2f} times {REFERENCE_MODULE}'s CPU time "
        f"(issue 21 asks at most {MAX_RATIO})"
    )
    print(f"({time.perf_counter() - started:.0f} s in all)")


if __name__ == "__main__":
    main()
