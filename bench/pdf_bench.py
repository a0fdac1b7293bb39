"""The PDF of a year: CPU time to draw a 52-week plan of the default routine, its size,
and its pages. Prints the figures and their ratios to the goals; exits 1 when a goal is
missed. Not part of the test run:  python bench/pdf_bench.py

Measured in this process (process CPU time, the median of 5 runs after one unmeasured
run): the plan, the shopping list and the fonts are made before the clock starts, so the
figure is the drawing and the writing of the PDF alone.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time

GOAL_SECONDS = 2.0  # a 52-week PDF in under 2 s of CPU
GOAL_BYTES = 1_500_000  # subset fonts keep it small


def main() -> int:
    from planner.formats.pdf import render_pdf
    from planner.load.catalogue import known_conditions
    from planner.load.library import load_library
    from planner.load.routine import builtin_routine_files, load_routine_file
    from planner.schedule import build_schedule
    from planner.shopping.compute import shopping_list

    lib = load_library()
    routine = load_routine_file(builtin_routine_files()["back-care"], lib)
    plan = build_schedule(routine, lib.recipes, dt.date(2026, 11, 30), 52,
                          timezone="Europe/Berlin")  # fmt: skip
    shop = shopping_list(plan, lib.recipes, lib.catalogue)
    conditions = known_conditions(lib)
    times = []
    data = b""
    for k in range(6):
        t0 = time.process_time()
        data, _ = render_pdf(plan, lib.recipes, shop, conditions)
        if k:
            times.append(time.process_time() - t0)
    cpu = statistics.median(times)
    print(f"52-week PDF: {cpu:.2f} s CPU (goal {GOAL_SECONDS:.1f} s, ratio "
          f"{cpu / GOAL_SECONDS:.2f}); {len(data):,} bytes (goal {GOAL_BYTES:,}, ratio "
          f"{len(data) / GOAL_BYTES:.2f}); {len(plan.sessions)} sessions")  # fmt: skip
    return 0 if cpu <= GOAL_SECONDS and len(data) <= GOAL_BYTES else 1


if __name__ == "__main__":
    sys.exit(main())
