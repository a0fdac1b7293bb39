"""The map a workbook carries of its own tick boxes and rating cells.

The workbook writer fills a hidden sheet with it; the workbook reader finds the
person's marks through it, so reading never guesses from the printed layout. Both
sides take the names and the plan's fingerprint from here.

The sheet (never printed, ``sheet_state`` hidden) holds, from row 1::

    remedy-planner workbook map | 1        (MAP_TITLE, MAP_VERSION)
    routine     | back-care
    title       | Back care
    start       | 2026-11-30
    weeks       | 4
    timezone    | Europe/Berlin
    fingerprint | 3f2a...                 (plan_fingerprint)
    sessions    | 28                      (rows in the session table)
    days        | 28                      (rows in the rating table)

then a blank row, the header row (SESSION_HEAD in A:H, RATING_HEAD in J:K, DONE_HEAD
in M:P) and one row per session (its tick boxes as "Plan!C7", "Tracker!D18"; "" where
it has none), one per plan day (its rating cell) and one per session already done
when the plan was made (``Plan.done``; the table ends at its first empty row, and a
map without it has none). Every value is text except weeks, counts, start minutes,
minutes, slot and the done sessions' times (minutes, empty when none was given).
"""

from __future__ import annotations

from collections.abc import Iterable

from planner.core.plan import Session

MAP_SHEET = "_planner"
MAP_TITLE = "remedy-planner workbook map"
MAP_VERSION = 1
HEADER_KEYS = ("routine", "title", "start", "weeks", "timezone", "fingerprint", "sessions", "days")
SESSION_HEAD = ("date", "start", "recipe", "minutes", "slot", "name", "plan box", "tracker box")
RATING_HEAD = ("day", "rating cell")
RATING_COLUMN = 10  # J: the rating table, beside the session table
RATING_LABEL = "Skin 1-5"  # the Tracker's heading above the rating cells
DONE_HEAD = ("done date", "done time", "done recipe", "done source")
DONE_COLUMN = 13  # M: the sessions already done, beside the rating table


def plan_fingerprint(sessions: Iterable[Session]) -> str:
    """A short digest of the sessions (date, start, recipe, minutes, slot), in any order:
    equal for the same sessions, whether read from the plan JSON or from a workbook."""
    import hashlib

    lines = sorted(
        f"{s.date.isoformat()} {s.start} {s.recipe} {s.minutes} {s.slot}" for s in sessions
    )
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()[:16]
