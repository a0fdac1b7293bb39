"""Time the scheduler on a generated routine of 30 remedies over 52 weeks.

Prints the median of several runs and its ratio to the goal; exits 1 when the
goal is missed. Not part of the test run:  python bench/schedule_bench.py
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time

from planner.core.recipe import Limit, Limits, Provenance, Recipe
from planner.core.routine import Availability, Routine, TimeWindow, Wish
from planner.schedule import build_schedule

GOAL_SECONDS = 0.3  # also the goal bench/run.py checks
P = Provenance("default", "bench")


def generated(n_recipes: int = 30, weeks: int = 52) -> tuple[Routine, dict[str, Recipe]]:
    recipes: dict[str, Recipe] = {}
    wishes: list[Wish] = []
    for i in range(n_recipes):
        rid = f"remedy-{i:02d}"
        per_week = 1 + i % 3
        conflicts = (f"remedy-{i - 1:02d}",) if i % 4 == 1 else ()
        recipes[rid] = Recipe(
            id=rid,
            name=f"Remedy {i}",
            kind="mask",
            summary="bench",
            ingredients=(),
            steps=("Apply.",),
            prep_minutes=0,
            skin_minutes=10,
            minutes=10,
            limits=Limits(
                max_per_week=Limit(per_week, P),
                min_days_between=Limit(7 // per_week - 1 or 1, P),
                per_day=Limit(1, P),
                times=Limit((dt.time(19 + i % 4, 0),), P),
                time_of_day=Limit("evening", P),
                not_same_day_as=Limit(conflicts, P),
            ),
        )
        wishes.append(Wish(rid, per_week, None))
    routine = Routine(
        id="bench",
        title="Bench",
        weeks=weeks,
        remedies=tuple(wishes),
        availability=Availability(windows=(TimeWindow(6 * 60, 23 * 60),)),
    )
    return routine, recipes


def main() -> int:
    routine, recipes = generated()
    runs = []
    for _ in range(5):
        t0 = time.perf_counter()
        plan = build_schedule(routine, recipes, dt.date(2026, 11, 30))
        runs.append(time.perf_counter() - t0)
    median = statistics.median(runs)
    ratio = median / GOAL_SECONDS
    print(f"scheduler, 30 remedies x 52 weeks: {len(plan.sessions)} sessions")
    print(f"{'figure':<28}{'measured':>10}{'goal':>10}{'ratio':>8}")
    print(f"{'median seconds (5 runs)':<28}{median:>10.3f}{GOAL_SECONDS:>10.3f}{ratio:>8.2f}")
    return 0 if ratio <= 1 else 1


if __name__ == "__main__":
    sys.exit(main())
