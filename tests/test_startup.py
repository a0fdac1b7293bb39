"""Quick commands stay quick: they never import the heavy libraries (checked, not timed)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .clock import PINNED_NOW

# These programs start with an environment of their own: the test day goes with it.
PINNED = {"REMEDY_PLANNER_NOW": PINNED_NOW}

HEAVY = ("openpyxl", "icalendar", "reportlab", "pint", "recurring_ical_events", "caldav", "ortools")
PROBE = """
import json, sys
from planner.cli import main
sys.argv = ["remedy-planner", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted(m for m in {heavy!r} if m in sys.modules)), file=sys.stderr)
"""


@pytest.mark.parametrize(
    "args",
    [["--help"], ["recipes", "list"], ["recipes", "show", "soda-mask"], ["routines", "list"]],
)
def test_quick_commands_do_not_import_heavy_libraries(args: list[str], tmp_path: Path) -> None:
    env = {"XDG_CONFIG_HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path), "PATH": "", **PINNED}
    out = subprocess.run([sys.executable, "-c", PROBE.format(heavy=HEAVY), *args],
                         capture_output=True, text=True, env=env, check=True)  # fmt: skip
    assert json.loads(out.stderr.strip().splitlines()[-1]) == []
    assert out.stdout


def test_the_main_job_imports_only_what_its_outputs_need(tmp_path: Path) -> None:
    """The workbook, PDF and calendar libraries, and nothing else heavy: no unit library, no
    CalDAV client, no solver on a routine the fast search decides (this also shows the
    probe can see a heavy import when there is one)."""
    env = {"XDG_CONFIG_HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path), "PATH": "", **PINNED}
    out = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY), "plan", "--start", "2026-11-30",
         "--out", str(tmp_path), "--tz", "UTC"],
        capture_output=True, text=True, env=env, check=True,
    )  # fmt: skip
    assert json.loads(out.stderr.strip().splitlines()[-1]) == ["icalendar", "openpyxl", "reportlab"]


def test_the_solver_is_imported_when_the_fast_search_cannot_decide(tmp_path: Path) -> None:
    """The other side of the test above: a routine the fast search gives up on loads it."""
    cases = Path(__file__).parent / "data" / "review-cases"
    env = {"XDG_CONFIG_HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path), "PATH": "", **PINNED}
    out = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY), "--recipes", str(cases / "recipes"),
         "plan", str(cases / "incomplete-search.toml"), "--start", "2026-12-03", "--tz", "UTC",
         "--out", str(tmp_path), "--no-xlsx", "--no-ics", "--no-pdf"],
        capture_output=True, text=True, env=env, check=True,
    )  # fmt: skip
    assert json.loads(out.stderr.strip().splitlines()[-1]) == ["ortools"]


def test_with_a_warm_cache_the_main_job_parses_no_toml(tmp_path: Path) -> None:
    """Recipes, catalogue, conditions and the routine all come from the parse cache once
    one run has filled it; a routine edited since is read again."""
    env = {"XDG_CONFIG_HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "cache"),
           "PATH": "", **PINNED}  # fmt: skip
    routine = tmp_path / "r.toml"
    routine.write_text('title = "Masks"\nweeks = 1\n[[remedies]]\nrecipe = "soda-mask"\n'
                       "per_week = 1\n")  # fmt: skip
    probe = PROBE.format(heavy=("tomllib",))

    def run() -> tuple[list[str], str]:
        out = subprocess.run(
            [sys.executable, "-c", probe, "plan", str(routine), "--start", "2026-11-30",
             "--out", str(tmp_path / "out"), "--force", "--tz", "UTC", "--no-xlsx", "--no-ics"],
            capture_output=True, text=True, env=env, check=True,
        )  # fmt: skip
        return json.loads(out.stderr.strip().splitlines()[-1]), out.stdout

    assert run()[0] == ["tomllib"]  # the first run parses and fills the cache
    parsed, printed = run()
    assert parsed == [] and printed.startswith("Masks\n")
    routine.write_text(routine.read_text().replace("Masks", "Soda masks, edited"))
    parsed, printed = run()
    assert parsed == ["tomllib"] and printed.startswith("Soda masks, edited\n")
