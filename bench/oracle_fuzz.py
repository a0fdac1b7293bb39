"""Random routines against the exact oracle: counts, and the slowest routines' times.

Each seed makes one routine (tests/random_routines.py); it is planned without and with
best effort, each plan is checked by tests/plan_checker.py, and the oracle
(tests/oracle.py, a CP-SAT model written apart from the scheduler) says how many
sessions the fullest plan holds and whether the wishes fit at all. Prints one line per
routine, then the counts and the five slowest routines (CPU seconds of the refusal or
plan, and of best effort). Exits 1 when anything is wrong. Not part of the test run:

    python bench/oracle_fuzz.py [FIRST_SEED [LAST_SEED]]      # default 0 159
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.random_routines import judge, make_case


def main(argv: list[str]) -> int:
    first = int(argv[0]) if argv else 0
    last = int(argv[1]) if len(argv) > 1 else 159
    verdicts = []
    for seed in range(first, last + 1):
        v = judge(make_case(seed))
        wrong = [n for n in ("false_refusal", "false_plan", "below", "above") if getattr(v, n)]
        print(
            f"{seed:5d} {'refused' if v.refused else 'planned':7s} best effort {v.sessions:4d}"
            f"{'' if v.proven else ' (not proven)':13s} oracle {v.oracle.most:4d} of "
            f"{v.oracle.asked:4d}{'' if v.oracle.proven else ' (not proven)':13s} "
            f"{v.plan_seconds:6.1f}s {v.best_seconds:6.1f}s {' '.join(wrong)} "
            f"{'; '.join(v.violations[:2])}",
            flush=True,
        )
        verdicts.append(v)
    counts = {
        "routines": len(verdicts),
        "refused": sum(v.refused for v in verdicts),
        "rule violations": sum(len(v.violations) for v in verdicts),
        "false refusals": sum(v.false_refusal for v in verdicts),
        "plans accepted that cannot fit": sum(v.false_plan for v in verdicts),
        "best effort below the proven most": sum(v.below for v in verdicts),
        "best effort above the proven most": sum(v.above for v in verdicts),
        "oracle could not prove its most": sum(not v.oracle.proven for v in verdicts),
        "best effort not proven by the scheduler": sum(not v.proven for v in verdicts),
    }
    print()
    for name, n in counts.items():
        print(f"{name:42s} {n}")
    print("\nslowest (CPU s: without best effort, with it):")
    for v in sorted(verdicts, key=lambda v: -(v.plan_seconds + v.best_seconds))[:5]:
        print(f"  seed {v.seed}: {v.plan_seconds:.1f} s, {v.best_seconds:.1f} s")
    bad = list(counts.values())[2:7]
    return 1 if any(bad) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
