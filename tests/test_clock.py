"""One clock: the real date and time are read in one function of the command line, and the
tests run on a day they choose (tests/clock.py), never on the real one."""

from __future__ import annotations

import ast
import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from planner.history.store import read_history

from .clock import PINNED_NOW, PINNED_TODAY

ROOT = Path(__file__).parents[1]

# Calls that read the real date or time. time.monotonic and time.perf_counter stay allowed:
# they measure how long something takes (a server's time-out), not what day it is.
_CLOCK_METHODS = {"today", "now", "utcnow"}
_TIME_READS = {"time", "time_ns", "localtime", "gmtime", "ctime", "asctime", "strftime"}
_NEED_NO_ARGS = {"localtime", "gmtime", "ctime", "asctime"}  # with a timestamp: a conversion


def _clock_reads(source: str) -> list[tuple[str, int]]:
    """(enclosing function, line) of every read of the real clock in ``source``."""
    tree = ast.parse(source)
    from_time = {
        (a.asname or a.name)
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "time"
        for a in node.names
        if a.name in _TIME_READS
    }
    found: list[tuple[str, int]] = []

    def visit(node: ast.AST, where: str) -> None:
        for child in ast.iter_child_nodes(node):
            inner = where
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                inner = child.name
            if isinstance(child, ast.Call):
                func = child.func
                name = func.attr if isinstance(func, ast.Attribute) else None
                owner = func.value if isinstance(func, ast.Attribute) else None
                reads = (
                    name in _CLOCK_METHODS
                    or (
                        isinstance(owner, ast.Name)
                        and owner.id == "time"
                        and name in _TIME_READS
                        and not (name in _NEED_NO_ARGS and child.args)
                        and not (name == "strftime" and len(child.args) > 1)
                    )
                    or (isinstance(func, ast.Name) and func.id in from_time)
                )
                if reads:
                    found.append((where, child.lineno))
            visit(child, inner)

    visit(tree, "<module>")
    return found


@pytest.mark.parametrize(
    "source",
    [
        "import datetime as dt\ndef f():\n    return dt.date.today()\n",
        "from datetime import datetime\ndef f():\n    return datetime.now()\n",
        "import datetime\nx = datetime.datetime.utcnow()\n",
        "import time\ndef f():\n    return time.time()\n",
        "import time\ndef f():\n    return time.localtime()\n",
        "import time\ndef f():\n    return time.strftime('%Y')\n",
        "from time import time as t\ndef f():\n    return t()\n",
    ],
)
def test_the_check_finds_a_read_of_the_clock(source: str) -> None:
    assert len(_clock_reads(source)) == 1


@pytest.mark.parametrize(
    "source",
    [
        "import time\ndef f():\n    return time.monotonic() + time.perf_counter()\n",
        "import time\ndef f(ts):\n    return time.localtime(ts)\n",
        "import datetime as dt\ndef f(d):\n    return d.astimezone(dt.UTC).date()\n",
    ],
)
def test_the_check_lets_durations_and_conversions_pass(source: str) -> None:
    assert _clock_reads(source) == []


def test_only_the_one_clock_function_reads_the_real_time() -> None:
    reads = {
        (str(path.relative_to(ROOT)), where, line)
        for path in sorted((ROOT / "planner").rglob("*.py"))
        for where, line in _clock_reads(path.read_text(encoding="utf-8"))
    }
    assert [where for _, where, _ in reads] == ["read_clock"], reads
    assert all(path.startswith("planner/cli/") for path, _, _ in reads)


def test_the_clock_is_the_real_one_when_nothing_pins_it(monkeypatch) -> None:
    import time_machine

    from planner.cli import read_clock

    monkeypatch.delenv("REMEDY_PLANNER_NOW")
    moment = dt.datetime(2031, 7, 15, 9, 30, 12, 654321, tzinfo=dt.UTC)
    with time_machine.travel(moment, tick=False):
        assert read_clock() == moment.replace(microsecond=0)


def test_a_pinned_moment_is_read_in_utc(monkeypatch) -> None:
    from planner.cli import read_clock

    monkeypatch.setenv("REMEDY_PLANNER_NOW", "2027-03-28T01:30:00.5+01:00")
    assert read_clock() == dt.datetime(2027, 3, 28, 0, 30, tzinfo=dt.UTC)


@pytest.mark.parametrize("value", ["tomorrow", "2026-11-27", "2026-11-27T12:00:00"])
def test_a_pinned_moment_without_its_offset_is_one_error_line(cli, value: str) -> None:
    result = cli("done", "soda-mask", env={"REMEDY_PLANNER_NOW": value})
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"error: REMEDY_PLANNER_NOW: '{value}' is not a date and time with its UTC offset "
        "(YYYY-MM-DDTHH:MM:SS+HH:MM)\n"
    )


def test_every_test_runs_on_the_pinned_day(cli, tmp_path: Path) -> None:
    assert os.environ["REMEDY_PLANNER_NOW"] == PINNED_NOW
    result = cli("done", "soda-mask", "--history", str(tmp_path / "h.json"))
    assert result.exit_code == 0, result.stderr
    assert [d.date for d in read_history(tmp_path / "h.json")] == [PINNED_TODAY]


@pytest.mark.parametrize(
    ("now", "first"),
    [
        ("2026-11-27T12:00:00+00:00", "2026-11-30"),  # a Friday: the coming Monday
        ("2026-11-30T00:00:00+00:00", "2026-11-30"),  # a Monday: today
        ("2026-11-29T23:59:59+00:00", "2026-11-30"),  # the last second of a Sunday
        ("2028-02-29T23:50:00+00:00", "2028-03-06"),  # a leap day, a Tuesday
    ],
)
def test_the_default_start_is_the_coming_monday_of_the_pinned_day(
    cli, tmp_path: Path, now: str, first: str
) -> None:
    result = cli("plan", "--weeks", "1", "--tz", "UTC", "--out", str(tmp_path), "--quiet",
                 "--no-xlsx", "--no-ics", env={"REMEDY_PLANNER_NOW": now})  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""  # never "in the past"
    assert result.stdout.splitlines()[1].startswith(f"{first} to ")


def test_one_command_sees_one_moment(cli, tmp_path: Path) -> None:
    """The workbook's "Generated" time and the calendar's stamps are the pinned moment."""
    result = cli("plan", "--weeks", "1", "--tz", "UTC", "--out", str(tmp_path), "--quiet",
                 "--no-xlsx")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    stamps = {
        line for line in (tmp_path / "back-care.ics").read_text().splitlines()
        if line.startswith("DTSTAMP")
    }  # fmt: skip
    assert stamps == {"DTSTAMP:20261127T120000Z"}


def test_today_is_the_computers_own_day(tmp_path: Path) -> None:
    """At 20:00 UTC on a Sunday it is already Monday in Tokyo: a session recorded there
    without --date is Monday's."""
    env = {
        **os.environ,
        "TZ": "Asia/Tokyo",
        "REMEDY_PLANNER_NOW": "2026-11-29T20:00:00+00:00",
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    history = tmp_path / "h.json"
    done = subprocess.run([sys.executable, "-m", "planner", "done", "soda-mask", "--history",
                           str(history)], capture_output=True, text=True, env=env, timeout=60,
                          cwd=ROOT)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert [d.date for d in read_history(history)] == [dt.date(2026, 11, 30)]
