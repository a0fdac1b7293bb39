"""Quick commands stay quick: they never import the heavy libraries (checked, not timed)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("openpyxl", "icalendar", "pint", "recurring_ical_events", "caldav", "ortools")
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
    env = {"XDG_CONFIG_HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path), "PATH": ""}
    out = subprocess.run([sys.executable, "-c", PROBE.format(heavy=HEAVY), *args],
                         capture_output=True, text=True, env=env, check=True)  # fmt: skip
    assert json.loads(out.stderr.strip().splitlines()[-1]) == []
    assert out.stdout


def test_the_plan_command_does_import_them(tmp_path: Path) -> None:
    """The probe can see a heavy import when there is one."""
    env = {"XDG_CONFIG_HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path), "PATH": ""}
    out = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY), "plan", "--start", "2026-11-30",
         "--out", str(tmp_path), "--tz", "UTC"],
        capture_output=True, text=True, env=env, check=True,
    )  # fmt: skip
    assert json.loads(out.stderr.strip().splitlines()[-1]) == ["icalendar", "openpyxl", "pint"]
