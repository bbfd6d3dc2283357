"""Every function's handler imports within its budget: the cold start a deploy would pay.

Each handler module is imported in fresh processes with ``-X importtime``, in the environment
the function has once deployed (tests/support/import_time.py), and the best of ``RUNS`` must
be under the function's budget. The budgets are about twice the median bench/import_time.py
measured: loose enough for a busy CI machine, so a failure means a heavy new import at module
load; move it into the code path that needs it.
"""

from __future__ import annotations

import pytest

from slsplay.local.functions import lambda_functions
from slsplay.local.template import Stack
from tests.support.import_time import deployed_environment, handler_module, import_time_ms

# Milliseconds, by logical id: about twice the median of bench/import_time.py, rounded up.
BUDGET_MS = {
    "AuthFunction": 500,
    "MeetupsFunction": 550,
    "DocsFunction": 650,
    "StreamFunction": 350,
    "NotifierFunction": 450,
    "MediaFunction": 300,
    "AttendeeListJob": 400,
    "RemindersJob": 400,
    "CleanupJob": 200,
    "GraphqlFunction": 300,  # strawberry and the schema load on the first request
    "PaymentsFunction": 550,  # stripe loads on the first call to the provider
    "CheckoutsJob": 400,
    "PayoutsJob": 400,
    "SearchFunction": 350,
    "SeriesJob": 400,
}

# Fresh processes per function, the best of which counts: one slow run is the machine's noise.
RUNS = 3

FUNCTIONS = lambda_functions(Stack.load())


@pytest.mark.parametrize("logical_id", sorted(FUNCTIONS))
def test_handler_imports_within_budget(logical_id: str) -> None:
    budget = BUDGET_MS.get(logical_id)
    assert budget is not None, (
        f"{logical_id} has no import time budget: measure it with bench/import_time.py "
        "and add a budget for it to BUDGET_MS (about twice its median)"
    )
    function = FUNCTIONS[logical_id]
    module = handler_module(function.config.handler)
    environment = deployed_environment(function)
    measured: list[float] = []
    # A run under budget settles it; only a slow one is tried again, up to RUNS in all.
    while len(measured) < RUNS and (not measured or min(measured) >= budget):
        measured.append(import_time_ms(module, environment))
    best = min(measured)
    assert best < budget, (
        f"{logical_id}: import {module} took {best:.0f} ms at best of {RUNS} fresh processes, "
        f"over its {budget} ms budget; see what it now imports at module load with "
        "bench/import_time.py"
    )
