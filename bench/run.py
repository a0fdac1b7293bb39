"""Speed and memory goals, measured side by side on this machine; prints a table of ratios.

    python bench/run.py            # all goals; exits 1 when one is missed
    python bench/run.py --quick    # fewer repetitions

Not part of the test run. Goals (see README, "Performance"):
  1. start-up: `--help` and `recipes list` take at most 1.5x `python -c "import click"`
  2. main job: `plan` (workbook, calendar, JSON, shopping list) at most 1.5x bench/floor.py
  3. growth: 30 remedies over 520 weeks at most 12x the same over 52 weeks, peak memory
     under 400 MB; the scheduler alone for 52 weeks x 30 remedies under 0.3 s
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
ENV = {**os.environ, "XDG_CONFIG_HOME": tempfile.mkdtemp(prefix="bench-cfg-")}


def command() -> list[str]:
    found = Path(sys.executable).parent / "remedy-planner"
    if found.exists():
        return [str(found)]
    exe = shutil.which("remedy-planner")
    if exe is None:
        sys.exit("remedy-planner is not installed in this environment")
    return [exe]


def wall(cmd: Sequence[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=ENV)
    return time.perf_counter() - t0


def alternate(cmds: dict[str, list[str]], runs: int) -> dict[str, float]:
    """Median wall time of each command, the commands taking turns so drift hits all alike."""
    times: dict[str, list[float]] = {k: [] for k in cmds}
    for cmd in cmds.values():
        wall(cmd)  # warm the file cache
    for _ in range(runs):
        for name, cmd in cmds.items():
            times[name].append(wall(cmd))
    return {k: statistics.median(v) for k, v in times.items()}


def peak(cmd: Sequence[str]) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MB) of a command, from a fresh parent."""
    probe = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)\n"
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", probe, *cmd], check=True, capture_output=True,
                         text=True, env=ENV).stdout.split()  # fmt: skip
    return float(out[0]), int(out[1]) / 1024


def generated_files(folder: Path, n: int = 30) -> Path:
    """30 recipe files and a routine that asks for each of them, in ``folder``."""
    recipes = folder / "recipes"
    recipes.mkdir()
    lines = ['title = "Generated"', "weeks = 52", "", "[availability]",
             'windows = ["06:00-23:00"]', ""]  # fmt: skip
    for i in range(n):
        per_week = 1 + i % 3
        conflict = f'not_same_day_as = ["gen-{i - 1:02d}"]' if i % 4 == 1 else ""
        (recipes / f"gen-{i:02d}.toml").write_text(
            f'name = "Generated remedy {i}"\nkind = "mask"\nsummary = "Generated."\n'
            f'minutes = 10\nsteps = ["Mix.", "Apply.", "Rinse."]\n\n'
            f'[[ingredients]]\nitem = "powder {i % 7}"\namount = "{1 + i % 3} tbsp"\n'
            f'section = "pharmacy"\n\n[[ingredients]]\nitem = "water"\ntype = "tap"\n\n'
            f"[limits]\nmax_per_week = {per_week}\n{conflict}\n"
        )
        lines += ["[[remedies]]", f'recipe = "gen-{i:02d}"', f"per_week = {per_week}", ""]
    routine = folder / "generated.toml"
    routine.write_text("\n".join(lines))
    return recipes


def output_counts(out: Path, routine: str) -> tuple[int, int, int, int]:
    """Sheets, filled cells, calendar events and unit conversions of a finished plan."""
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO((out / f"{routine}.xlsx").read_bytes()))
    cells = sum(1 for ws in wb.worksheets for row in ws.iter_rows() for c in row
                if c.value is not None)  # fmt: skip
    events = (out / f"{routine}.ics").read_text().count("BEGIN:VEVENT")
    shopping = json.loads((out / f"{routine}.json").read_text())
    recipes = {s["recipe"] for s in shopping["sessions"]}
    from planner.load.library import load_library

    lib = load_library()
    conversions = sum(
        1 for rid in recipes for ing in lib.recipes[rid].ingredients if ing.quantity.amount
    )
    with zipfile.ZipFile(out / f"{routine}.xlsx"):
        pass
    return len(wb.worksheets), cells, events, conversions * 2


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    args = parser.parse_args()
    runs = 5 if args.quick else 11
    cli = command()
    rows: list[tuple[str, float, float, float, float]] = []  # name, measured, floor, ratio, goal

    # 1. start-up
    t = alternate({
        "click": [sys.executable, "-c", "import click"],
        "help": [*cli, "--help"],
        "list": [*cli, "recipes", "list"],
    }, runs)  # fmt: skip
    rows.append(("start-up: --help (s)", t["help"], t["click"], t["help"] / t["click"], 1.5))
    rows.append(("start-up: recipes list (s)", t["list"], t["click"], t["list"] / t["click"], 1.5))

    # 2. main job against the floor
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        out.mkdir()
        job = [*cli, "plan", "back-care", "--start", "2026-11-30", "--tz", "Europe/Berlin",
               "--out", str(out), "--force"]  # fmt: skip
        wall(job)
        sheets, cells, events, conversions = output_counts(out, "back-care")
        floor_out = Path(tmp) / "floor"
        floor_out.mkdir()
        floor = [sys.executable, str(HERE / "floor.py"), str(sheets), str(cells), str(events),
                 str(conversions), str(floor_out)]  # fmt: skip
        t = alternate({"job": job, "floor": floor}, runs)
        rows.append(
            ("main job: plan back-care (s)", t["job"], t["floor"], t["job"] / t["floor"], 1.5)
        )
        print(f"floor work: {sheets} sheets, {cells} cells, {events} events, "
              f"{conversions} conversions")  # fmt: skip

        # 3. growth
        recipes = generated_files(Path(tmp))
        routine = str(Path(tmp) / "generated.toml")
        base = [*cli, "--recipes", str(recipes), "plan", routine, "--start", "2026-11-30",
                "--tz", "UTC", "--out", str(out), "--force"]  # fmt: skip
        small = min(peak([*base, "--weeks", "52"])[0] for _ in range(3))
        big_time, big_mem = peak([*base, "--weeks", "520"])
        rows.append(("growth: 520 vs 52 weeks (s)", big_time, small, big_time / small, 12.0))
        rows.append(("growth: peak memory 520 weeks (MB)", big_mem, 400.0, big_mem / 400.0, 1.0))

    sys.path.insert(0, str(HERE))
    import datetime as dt

    from schedule_bench import generated

    from planner.schedule import build_schedule

    routine_obj, recipe_objs = generated()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        build_schedule(routine_obj, recipe_objs, dt.date(2026, 11, 30))
        times.append(time.perf_counter() - t0)
    sched = statistics.median(times)
    rows.append(("scheduler: 52 weeks x 30 (s)", sched, 0.3, sched / 0.3, 1.0))

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}, {platform.system()}")  # fmt: skip
    print(f"{'figure':<36}{'measured':>10}{'floor':>10}{'ratio':>8}{'goal':>7}  ok")
    missed = 0
    for name, measured, floor_value, ratio, goal in rows:
        ok = ratio <= goal
        missed += not ok
        print(f"{name:<36}{measured:>10.3f}{floor_value:>10.3f}{ratio:>8.2f}{goal:>7.1f}  "
              f"{'yes' if ok else 'NO'}")  # fmt: skip
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
