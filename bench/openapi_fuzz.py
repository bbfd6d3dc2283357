"""The OpenAPI fuzzer for minutes, not seconds: schemathesis with several workers against
slsplay serve on 127.0.0.1, every answer checked against the document.

Run: .venv/bin/python bench/openapi_fuzz.py [--seconds 240] [--workers 4] [--seed N]
     (make fuzz)
tests/integration/test_openapi_fuzz.py runs the same for under a minute. This prints the
fuzzer's own summary (failures, each with a curl line to replay it), then the figures:
test cases, requests by status class, and each operation's answers, marking those that
never answered with a success (their success bodies went unchecked in this run). Exits
with the fuzzer's status: non-zero when a check failed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.fuzz import answers_by_operation, run_fuzzer  # noqa: E402
from tests.support.server import running_server  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=240, help="the fuzzer's time budget")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        work = Path(directory)
        report = work / "report.ndjson"
        started = time.monotonic()
        with running_server(work / "data") as server:
            run = run_fuzzer(
                server,
                work,
                workers=args.workers,
                seed=args.seed,
                max_time=args.seconds,
                report=report,
            )
        elapsed = time.monotonic() - started
        summary = run.stdout[run.stdout.find("=" * 20) :] if "=" * 20 in run.stdout else run.stdout
        print(summary.strip() or run.stderr[-3000:])
        answers = answers_by_operation(report)

    classes: Counter[str] = Counter()
    for statuses in answers.values():
        for status, count in statuses.items():
            classes[f"{status // 100}xx"] += count
    succeeded = [op for op, s in answers.items() if any(200 <= code < 400 for code in s)]
    print()
    print(f"seed {args.seed}, {args.workers} workers, {elapsed:.0f} s in all")
    print(f"requests answered: {sum(classes.values())} ({', '.join(sorted_classes(classes))})")
    print(f"operations answered with a success: {len(succeeded)} of {len(answers)}")
    for operation in sorted(answers):
        mark = "  " if operation in succeeded else "- "
        print(f"{mark}{operation:68} {dict(sorted(answers[operation].items()))}")
    return run.returncode


def sorted_classes(classes: Counter[str]) -> list[str]:
    return [f"{name}: {classes[name]}" for name in sorted(classes)]


if __name__ == "__main__":
    sys.exit(main())
