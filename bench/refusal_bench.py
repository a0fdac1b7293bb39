"""Time a refusal that a pair check proves, and best effort on the same routine.

The routine is the correctness review's slowest (bench/cases/slow-refusal.toml, 6 weeks,
6 remedies): its refusal used to take two minutes, because the hint ran the maximising
model to its time limit. Prints each command's CPU time and its ratio to the goal; exits
1 when a goal is missed. Not part of the test run:  python bench/refusal_bench.py
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
CASE = HERE / "cases" / "slow-refusal.toml"
ARGS = ("--start", "2027-03-16", "--tz", "Europe/Dublin", "--no-xlsx", "--no-ics", "-q")
REFUSAL_GOAL = 10.0  # CPU seconds: a refusal a quick check proves comes at once
BEST_EFFORT_GOAL = 30.0  # CPU seconds: best effort within its budget (exact.MOST_WORK)


def cpu_of(argv: list[str]) -> tuple[float, int]:
    """The CPU time (user + system) of one run of ``argv``, and its exit code."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    code = subprocess.run(argv, capture_output=True, check=False).returncode
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return used, code


def main() -> int:
    cli = [sys.executable, "-m", "planner"]
    recipes = ["--recipes", str(HERE / "cases" / "recipes")]
    ok = True
    with tempfile.TemporaryDirectory() as out:
        plan = [*cli, *recipes, "plan", str(CASE), *ARGS, "--out", out]
        refusal, code = cpu_of(plan)
        ok &= code == 1
        best, code = cpu_of([*plan, "--best-effort"])
        ok &= code == 0
        data = json.loads((Path(out) / "slow-refusal.json").read_text())
    print(f"{'figure':<40}{'CPU':>8}{'goal':>8}{'ratio':>8}")
    for name, used, goal in (("refusal (exit 1, with its hint)", refusal, REFUSAL_GOAL),
                             ("--best-effort", best, BEST_EFFORT_GOAL)):  # fmt: skip
        print(f"{name:<40}{used:>7.1f}s{goal:>7.0f}s{used / goal:>8.2f}")
        ok &= used <= goal
    print(f"best effort: {len(data['sessions'])} sessions, proven the most: "
          f"{str(data['proven_most']).lower()}")  # fmt: skip
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
