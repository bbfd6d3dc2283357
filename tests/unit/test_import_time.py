"""Every function's handler imports within its budget: the cold start a deploy would pay.

A budget is a ratio, not milliseconds: the CPU time of importing the handler module over that
of ``import boto3``, each in a fresh interpreter in the environment the function has once
deployed (tests/support/import_time.py). Milliseconds measure the machine as much as the code:
on a busy two-core machine CleanupJob's import took 202 ms against a 200 ms budget, and
DocsFunction's over three times its idle 340 ms. Two things keep the machine out of the figure:

- CPU time, not wall time: a busy machine makes a process wait for a CPU, in bursts that can
  stretch one import's wall time tenfold and spare the next; a wall-time ratio under such load
  swung from a quarter to eight times its idle value, where the CPU-time ratio stayed within
  a quarter of it;
- the ratio to boto3, imported in turn with the handler, the best of each counting: what is
  left of a load (caches shared with other processes, a slower or throttled CPU) weighs on
  both alike, and a slow run is the machine's noise while the best is the least disturbed.

The budgets are about twice the ratios bench/import_time.py prints: a failure means a heavy
import now runs at module load; find it with that script and move it into the code path that
needs it. boto3 is pinned in constraints.txt; a release that imports much faster or slower
shifts every ratio: measure the budgets again then.
"""

from __future__ import annotations

import pytest

from slsplay.local.functions import lambda_functions
from slsplay.local.template import Stack
from tests.support.import_time import (
    REFERENCE_MODULE,
    deployed_environment,
    handler_module,
    import_cpu_ms,
)

# Handler import time over boto3's, by logical id: about twice the measured ratio, rounded up
# to a half.
# The HTTP functions' resolver, pydantic and the API's models load on the first request
# (handlers/lazy.py); mail composition (jinja2, icalendar, markdown-it) with the first mail.
BUDGET_RATIO = {
    "AuthFunction": 2.5,
    "MeetupsFunction": 2.5,
    "DocsFunction": 2.5,
    "StreamFunction": 2.0,
    "NotifierFunction": 2.0,
    "MediaFunction": 2.0,
    "AttendeeListJob": 1.0,
    "RemindersJob": 1.0,
    "CleanupJob": 1.5,
    "GraphqlFunction": 2.0,  # strawberry and the schema load on the first request
    "PaymentsFunction": 2.5,  # stripe loads on the first call to the provider
    "CheckoutsJob": 1.0,
    "PayoutsJob": 1.0,
    "SearchFunction": 2.0,
    "AnalyticsFunction": 2.0,
    "SeriesJob": 1.0,
    "StalledMediaJob": 1.0,  # handlers/jobs.py, as the other jobs
    "PublicPagesFunction": 2.5,  # Markdown and the sanitiser load on the first request
    "EdgeCacheFunction": 1.5,
}

# Rounds of one boto3 and one handler import, at most: the first round under budget settles
# it; only a function over budget is tried again (the first import after a change also writes
# its bytecode caches).
RUNS = 5

FUNCTIONS = lambda_functions(Stack.load())


@pytest.mark.parametrize("logical_id", sorted(FUNCTIONS))
def test_handler_imports_within_budget(logical_id: str) -> None:
    budget = BUDGET_RATIO.get(logical_id)
    assert budget is not None, (
        f"{logical_id} has no import time budget: measure its ratio to {REFERENCE_MODULE} with "
        "bench/import_time.py and add about twice that to BUDGET_RATIO"
    )
    function = FUNCTIONS[logical_id]
    module = handler_module(function.config.handler)
    environment = deployed_environment(function)
    reference_ms: list[float] = []
    module_ms: list[float] = []
    while len(module_ms) < RUNS and (not module_ms or min(module_ms) / min(reference_ms) >= budget):
        reference_ms.append(import_cpu_ms(REFERENCE_MODULE, environment))
        module_ms.append(import_cpu_ms(module, environment))
    ratio = min(module_ms) / min(reference_ms)
    assert ratio < budget, (
        f"{logical_id}: import {module} took {ratio:.2f} times the CPU time of import "
        f"{REFERENCE_MODULE} ({min(module_ms):.0f} ms against {min(reference_ms):.0f} ms, best "
        f"of {len(module_ms)} fresh interpreters each), over its budget of {budget}: it now "
        "imports something heavy at module load; find it with bench/import_time.py and "
        "import it in the code that needs it"
    )
