"""Speed and memory goals, measured side by side on this machine; prints a table of ratios.

    python bench/run.py              # every figure; exits 1 when a goal is missed
    python bench/run.py --quick      # fewer runs
    python bench/run.py --markdown   # the table as Markdown, for README's "Performance"

Not part of the test run; needs Linux or macOS (os.wait4). Run it from a regular install
(`pip install .`): an editable install adds an import hook to every Python start in its
environment, the floors' too, which blurs the ratios (the output says which install it is).

How it measures: a command's figure is the CPU time (user + system) of its whole child
process, as os.wait4 reports it when the child ends, so other load on the machine counts
little. Commands that are compared run in one process and take turns (a, b, c, a, b, c, ...),
after one unmeasured round (file cache, bytecode, the warm recipe cache); each figure is the
median of its runs, so drift hits all alike. XDG_CONFIG_HOME always points to an empty
folder, so one's own recipes do not count; PYTHONDONTWRITEBYTECODE and
REMEDY_PLANNER_NO_CACHE are removed from the children's environment, as an installed
package has its bytecode and a user has a cache folder.

Goals (see README, "Performance"):
  1. main job: `remedy-planner plan back-care --start 2026-11-30 --tz Europe/Berlin --out DIR
     --force` (JSON, shopping list, workbook, PDF, calendar; warm recipe cache) at most 1.5x
     the floor `python -c "import click, openpyxl, icalendar, reportlab.platypus"`: the
     imports no implementation of the job can avoid. Checked, not timed: which of pint,
     caldav and ortools it imports (`python -X importtime`); it needs none of them.
  2. start-up: `remedy-planner --help` and `remedy-planner recipes list` each at most 1.5x
     `python -c "import click"`, with a cold recipe cache (XDG_CACHE_HOME a fresh empty
     folder for every single run, so there is no cache folder yet) and with a warm one (a
     fixed XDG_CACHE_HOME, filled by the unmeasured first round). Every command measured
     with a warm cache has a folder of its own, so no other command's run changes it.
  3. growth, in CPU time: 30 generated remedies over 520 weeks at most 12x the same over 52
     weeks (median of 3 alternating pairs, 1 with --quick), peak resident memory of the
     520-week run under 400 MB. A 520-week run is stopped once its wall time passes 1.5x
     the goal (18x the 52-week figure): the goal is missed, and the figure is a lower bound.
     The scheduler alone (build_schedule in this process, process CPU time, on
     bench/schedule_bench.py's generated routine) for 52 weeks x 30 remedies under 0.3 s.
  4. exact solver, reported with no goal: the routines in bench/cases/ (from the review of
     2026-11-26; recipes in bench/cases/recipes/), which the fast search cannot decide, so
     `plan` imports OR-tools CP-SAT and solves them exactly: incomplete-search.toml from
     2026-12-03 and incomplete-search-2.toml from 2026-12-06, with the main job's options.
     Their CPU time and its ratio to the main job (measured in turns with it), and the same
     for `python -c "from ortools.sat.python import cp_model"` alone; checked that they do
     import ortools (else they no longer measure the solver).
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"
START = "2026-11-30"
MAIN_GOAL = 1.5  # main job / its floor
STARTUP_GOAL = 1.5  # quick commands / `import click`
GROWTH_GOAL = 12.0  # 520 weeks / 52 weeks
MEMORY_LIMIT_MB = 400.0
STOP_AFTER = 1.5  # a 520-week run is stopped at this many times its goal (wall time)
EXACT_CASES = {"incomplete-search": "2026-12-03", "incomplete-search-2": "2026-12-06"}
CHECKED_IMPORTS = ("pint", "caldav", "ortools")
OUTPUTS = (".json", ".shopping.md", ".xlsx", ".pdf", ".ics")


def command() -> list[str]:
    found = Path(sys.executable).parent / "remedy-planner"
    if found.exists():
        return [str(found)]
    exe = shutil.which("remedy-planner")
    if exe is None:
        sys.exit("remedy-planner is not installed in this environment")
    return [exe]


@dataclass(frozen=True)
class Usage:
    cpu: float  # user + system seconds of the child (and any children it waited for)
    peak_mb: float  # its peak resident memory
    wall: float
    returncode: int  # negative: ended by that signal
    stopped: bool  # killed for running longer than it was allowed
    stderr: str


def run(cmd: Sequence[str], env: dict[str, str], stop_after: float | None = None) -> Usage:
    """Run a command to its end and read its own resource use from os.wait4."""
    with tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err, env=env
        )
        stopped = False
        if stop_after is None:
            _, status, usage = os.wait4(proc.pid, 0)
        else:
            while True:
                pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
                if pid:
                    break
                if not stopped and time.perf_counter() - t0 > stop_after:
                    os.kill(proc.pid, signal.SIGKILL)
                    stopped = True
                time.sleep(0.01)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        err.seek(0)
        stderr = err.read().decode(errors="replace")
    per_mb = 2**20 if sys.platform == "darwin" else 2**10  # ru_maxrss: bytes there, KiB here
    return Usage(
        usage.ru_utime + usage.ru_stime,
        usage.ru_maxrss / per_mb,
        wall,
        proc.returncode,
        stopped,
        stderr,
    )


@dataclass(frozen=True)
class Job:
    argv: list[str]
    cold: bool = False  # a fresh empty XDG_CACHE_HOME for every run


class Bench:
    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "config").mkdir()
        (root / "cache").mkdir()
        env = {**os.environ, "XDG_CONFIG_HOME": str(root / "config")}
        env.pop("REMEDY_PLANNER_NO_CACHE", None)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        self.env = env

    def warm_env(self, name: str) -> dict[str, str]:
        """A fixed cache folder of the job's own, filled by its first run."""
        folder = self.root / "cache" / "".join(c if c.isalnum() else "-" for c in name)
        return {**self.env, "XDG_CACHE_HOME": str(folder)}

    def run(self, job: Job, name: str, stop_after: float | None = None) -> Usage:
        if not job.cold:
            usage = run(job.argv, self.warm_env(name), stop_after)
        else:
            cache = Path(tempfile.mkdtemp(prefix="cold-cache-", dir=self.root))
            try:
                usage = run(job.argv, {**self.env, "XDG_CACHE_HOME": str(cache)}, stop_after)
            finally:
                shutil.rmtree(cache)
        if usage.returncode and stop_after is None:
            sys.exit(
                f"{name} failed (exit {usage.returncode}): {' '.join(job.argv)}\n{usage.stderr}"
            )
        return usage

    def alternate(self, jobs: dict[str, Job], runs: int) -> dict[str, float]:
        """Median CPU time of each job, the jobs taking turns after one unmeasured round."""
        cpu: dict[str, list[float]] = {k: [] for k in jobs}
        for round_no in range(runs + 1):
            for name, job in jobs.items():
                usage = self.run(job, name)
                if round_no:
                    cpu[name].append(usage.cpu)
        return {k: statistics.median(v) for k, v in cpu.items()}

    def imports(self, cmd: Sequence[str], name: str) -> set[str]:
        """Top-level packages a command imports, from `python -X importtime`."""
        out = subprocess.run(
            [sys.executable, "-X", "importtime", *cmd],
            capture_output=True,
            text=True,
            env=self.warm_env(name),
        )
        if out.returncode:
            sys.exit(f"failed (exit {out.returncode}): {' '.join(cmd)}\n{out.stderr[-2000:]}")
        return {
            line.rsplit("|", 1)[1].strip().split(".")[0]
            for line in out.stderr.splitlines()
            if line.startswith("import time:") and "|" in line
        }


@dataclass(frozen=True)
class Row:
    figure: str  # plain text
    md: str  # Markdown
    measured: float
    floor: float  # what the measured figure is divided by
    floor_md: str  # Markdown floor cell; "" when the floor is an absolute limit
    goal: float | None  # None: reported only
    unit: str = "s"  # or "MB"
    note: str = ""  # "stopped after ...", "exit 1": the figure did not complete

    @property
    def ratio(self) -> float:
        return self.measured / self.floor

    @property
    def ok(self) -> bool | None:
        if self.goal is None:
            return None
        return self.ratio <= self.goal and not self.note


def amount(value: float, unit: str) -> str:
    if unit == "MB":
        return f"{value:.0f} MB"
    digits = 3 if value < 1 else 2 if value < 10 else 1
    return f"{value:.{digits}f} s"


def generated_files(folder: Path, n: int = 30) -> tuple[Path, Path]:
    """30 recipe files and a routine that asks for each of them, in ``folder``."""
    recipes = folder / "recipes"
    recipes.mkdir(parents=True)
    lines = [
        'title = "Generated"',
        "weeks = 52",
        "",
        "[availability]",
        'windows = ["06:00-23:00"]',
        "",
    ]
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
    return routine, recipes


def machine() -> str:
    memory = "memory unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 2**20:.0f} GiB"
    except OSError:
        try:
            total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
            memory = f"{total / 2**30:.0f} GiB"
        except (ValueError, OSError, AttributeError):
            pass
    return (
        f"{platform.machine()}, {os.cpu_count()} cores, {memory}, "
        f"Python {platform.python_version()}, {platform.system()}"
    )


def install_kind() -> str:
    try:
        direct = importlib.metadata.distribution("remedy-planner").read_text("direct_url.json")
    except importlib.metadata.PackageNotFoundError:
        return "not found by importlib.metadata"
    if direct and json.loads(direct).get("dir_info", {}).get("editable"):
        return "editable (an import hook in every Python start here; publish from `pip install .`)"
    return "regular"


def progress(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def plan(cli: list[str], routine: str, out: Path, start: str, tz: str, *extra: str) -> Job:
    argv = [*cli, "plan", routine, "--start", start, "--tz", tz, "--out", str(out), "--force"]
    return Job([*argv, *extra])


def python(code: str) -> Job:
    return Job([sys.executable, "-c", code])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs")
    parser.add_argument("--markdown", action="store_true", help="the table as Markdown")
    args = parser.parse_args()
    runs = 5 if args.quick else 11
    growth_runs = 1 if args.quick else 3
    cli = command()
    rows: list[Row] = []
    notes: list[str] = []

    with tempfile.TemporaryDirectory(prefix="remedy-bench-") as tmp:
        bench = Bench(Path(tmp))
        out = Path(tmp) / "out"

        # 1. the main job against the imports it cannot avoid; the exact solver's cases
        progress(f"main job and exact solver, {runs} alternating runs ...")
        floor_code = "import click, openpyxl, icalendar, reportlab.platypus"
        solver_code = "from ortools.sat.python import cp_model"
        berlin = "Europe/Berlin"
        jobs = {
            "floor": python(floor_code),
            "job": plan(cli, "back-care", out / "main", START, berlin),
            "solver import": python(solver_code),
        }
        for case, start in EXACT_CASES.items():
            routine = str(CASES / f"{case}.toml")
            recipes = ("--recipes", str(CASES / "recipes"))
            jobs[case] = plan(cli, routine, out / case, start, berlin, *recipes)
        t = bench.alternate(jobs, runs)
        missing = [s for s in OUTPUTS if not (out / "main" / f"back-care{s}").is_file()]
        if missing:
            sys.exit(f"plan back-care did not write {', '.join(missing)}")
        figure = "main job: `plan back-care` (JSON, shopping list, workbook, PDF, calendar)"
        floor_md = f'{amount(t["floor"], "s")} (`python -c "{floor_code}"`)'
        rows.append(Row("main job: plan back-care", figure, t["job"], t["floor"], floor_md,
                        MAIN_GOAL))  # fmt: skip

        # 2. start-up, with a cold and a warm recipe cache
        progress(f"start-up, {runs} alternating runs ...")
        quick = {"--help": ["--help"], "recipes list": ["recipes", "list"]}
        start_jobs = {"click": python("import click")}
        for name, argv in quick.items():
            start_jobs[f"{name}, cold cache"] = Job([*cli, *argv], cold=True)
            start_jobs[f"{name}, warm cache"] = Job([*cli, *argv])
        t_start = bench.alternate(start_jobs, runs)
        click = t_start.pop("click")
        click_md = f'{amount(click, "s")} (`python -c "import click"`)'
        for name, measured in t_start.items():
            figure = f"start-up: `remedy-planner {name.replace(', ', '`, ')}"
            rows.append(Row(f"start-up: {name}", figure, measured, click, click_md,
                            STARTUP_GOAL))  # fmt: skip
            click_md = amount(click, "s")

        # 3. growth: 520 weeks against 52, peak memory
        progress(f"growth, {growth_runs} alternating pair(s) of 52 and 520 weeks ...")
        routine_file, recipes_dir = generated_files(Path(tmp) / "generated")
        generated_args = (str(routine_file), out / "generated", START, "UTC")
        recipes = ("--recipes", str(recipes_dir))
        small_job = plan(cli, *generated_args, *recipes, "--weeks", "52")
        big_job = plan(cli, *generated_args, *recipes, "--weeks", "520")
        bench.run(small_job, "generated routine")  # unmeasured
        small: list[float] = []
        big: list[Usage] = []
        for _ in range(growth_runs):
            small.append(bench.run(small_job, "generated routine").cpu)
            cap = STOP_AFTER * GROWTH_GOAL * statistics.median(small)
            big.append(bench.run(big_job, "generated routine", stop_after=cap))
            if big[-1].returncode:
                break
        last, note = big[-1], ""
        if last.stopped:
            note = f"stopped after {last.wall:.0f} s, a lower bound"
        elif last.returncode:
            note = f"exit {last.returncode}"
            error = [line for line in last.stderr.splitlines() if line.strip()]
            notes.append(f"520 weeks failed: {error[0] if error else '(no message)'}")
        big_cpu = last.cpu if note else statistics.median(u.cpu for u in big)
        small_cpu = statistics.median(small)
        figure = "growth: 30 remedies over 520 weeks vs 52 weeks (CPU time)"
        rows.append(Row("growth: 520 vs 52 weeks, CPU", figure, big_cpu, small_cpu,
                        amount(small_cpu, "s"), GROWTH_GOAL, note=note))  # fmt: skip
        figure = "peak memory, 30 remedies over 520 weeks"
        peak = max(u.peak_mb for u in big)
        rows.append(Row("growth: peak memory, 520 weeks", figure, peak, MEMORY_LIMIT_MB, "",
                        1.0, unit="MB", note=note))  # fmt: skip

        # imports of the main job and of the exact cases (checked, not timed)
        progress("imports ...")
        found = bench.imports(jobs["job"].argv, "job")
        imported = ", ".join(m for m in CHECKED_IMPORTS if m in found)
        imported = imported or f"none of {', '.join(CHECKED_IMPORTS)}"
        for case in EXACT_CASES:
            if "ortools" not in bench.imports(jobs[case].argv, case):
                notes.append(f"{case} does not import ortools: it no longer measures the solver")

    # 3. the scheduler alone, in this process
    progress("scheduler ...")
    sys.path.insert(0, str(HERE))
    import datetime as dt

    from schedule_bench import GOAL_SECONDS, generated

    from planner.schedule import build_schedule

    routine_obj, recipe_objs = generated()
    times = []
    for round_no in range(runs + 1):
        t0 = time.process_time()
        build_schedule(routine_obj, recipe_objs, dt.date(2026, 11, 30))
        if round_no:
            times.append(time.process_time() - t0)
    sched = statistics.median(times)
    figure = "scheduler alone, 30 remedies x 52 weeks (CPU time)"
    rows.append(Row("scheduler alone: 52 weeks x 30, CPU", figure, sched, GOAL_SECONDS, "",
                    1.0))  # fmt: skip
    if "ortools" in sys.modules:
        notes.append("the scheduler alone imported ortools: its figure includes the solver")

    # 4. reported only: the exact solver against the main job
    main_md = f"{amount(t['job'], 's')} (main job)"
    for case in EXACT_CASES:
        figure = f"exact solver: `bench/cases/{case}.toml`"
        rows.append(Row(f"exact solver: {case}", figure, t[case], t["job"], main_md, None))
        main_md = amount(t["job"], "s")
    figure = f'exact solver: `python -c "{solver_code}"`'
    rows.append(Row("exact solver: its import alone", figure, t["solver import"], t["job"],
                    main_md, None))  # fmt: skip

    if args.markdown:
        print_markdown(rows, runs, imported, notes)
    else:
        print_table(rows, runs, imported, notes)
    return 1 if any(row.ok is False for row in rows) else 0


def print_table(rows: list[Row], runs: int, imported: str, notes: list[str]) -> None:
    print(f"machine: {machine()}")
    print(f"install: {install_kind()}")
    print(
        f"CPU time (user + system) of whole child processes, median of {runs} alternating "
        f"runs; (s) seconds, (MB) MiB"
    )
    print(f"{'figure':<44}{'measured':>9}{'floor':>9}{'ratio':>8}{'goal':>7}  ok")
    for row in rows:
        ok = {None: "-", True: "yes", False: "NO"}[row.ok]
        goal = "-" if row.goal is None else f"{row.goal:.1f}"
        measured = f"{row.measured:.0f}" if row.unit == "MB" else f"{row.measured:.3f}"
        floor = f"{row.floor:.0f}" if row.unit == "MB" else f"{row.floor:.3f}"
        name = f"{row.figure} ({row.unit})"
        print(
            f"{name:<44}{measured:>9}{floor:>9}{row.ratio:>8.2f}{goal:>7}  {ok}"
            + (f"  ({row.note})" if row.note else "")
        )
    print(f"plan back-care imports: {imported}")
    for note in notes:
        print(f"note: {note}")


def print_markdown(rows: list[Row], runs: int, imported: str, notes: list[str]) -> None:
    print(
        f"Measured on {machine()}: CPU time (user + system) of whole processes, median of "
        f"{runs} alternating runs:"
    )
    print()
    print("| figure | measured | floor | ratio | goal |")
    print("|---|---|---|---|---|")
    for row in rows:
        measured = amount(row.measured, row.unit) + (f" ({row.note})" if row.note else "")
        if row.floor_md:
            ratio = f"{row.ratio:.2f}"
        else:
            ratio = f"{row.ratio:.2f} of {row.floor:g} {row.unit}"
        goal = "none" if row.goal is None else f"{row.goal:.1f}".removesuffix(".0")
        if row.goal is not None and not row.floor_md:
            goal = f"{row.goal:.1f}"  # a share of an absolute limit
        line = f"| {row.md} | {measured} | {row.floor_md} | {ratio} | {goal} |"
        print(line.replace("|  |", "| |"))
    print()
    print(f"`plan back-care` imports: {imported}.")
    for note in notes:
        print(f"Note: {note}.")


if __name__ == "__main__":
    sys.exit(main())
