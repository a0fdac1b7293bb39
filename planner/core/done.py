"""What was really done: one session from a history, and the rule for when records from
different places (a history file, a ticked workbook, the phone) are the same session.

Where histories live, their file format and which of them count: ``planner.history``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from planner.core.recipe import SAME_RECIPE_SPACING
from planner.core.record import record


@record
class Done:
    """A session that really happened (from the history)."""

    recipe: str
    date: dt.date
    time: int | None = None  # minutes since midnight, when known
    source: str = "done"  # how it was recorded: "done" (the command), "calendar" (a task
    # ticked on the phone) or a workbook's file name
    task: str = ""  # the UID of the task ticked on the phone, for "calendar"


def merge_histories(groups: Sequence[Sequence[Done]]) -> list[Done]:
    """Histories read from several places (the history file, ticked workbooks, copies of
    one), as one list in which each session done is once.

    The records of one place are distinct sessions. A record of a later place is the
    same session as one already kept when it names the same remedy and day and their
    times are less than SAME_RECIPE_SPACING apart (a remedy's sessions of one day are
    at least that far apart), or either has no time; then the kept one stays (with the
    time, when only the later one has it). Otherwise it is one more session.
    """
    kept: dict[tuple[str, dt.date], list[Done]] = {}
    for group in groups:
        taken: dict[tuple[str, dt.date], set[int]] = {}  # kept records this place matched
        for d in sorted(group, key=lambda d: d.time is None):  # timed first: they tell apart
            key = (d.recipe, d.date)
            here, used = kept.setdefault(key, []), taken.setdefault(key, set())
            free = [n for n, k in enumerate(here) if n not in used and _same_session(k, d)]
            if not free:
                here.append(d)
                used.add(len(here) - 1)
                continue
            n = min(free, key=lambda n: _apart(here[n], d))
            used.add(n)
            if here[n].time is None and d.time is not None:
                here[n] = d
    return [d for records in kept.values() for d in records]


def _apart(a: Done, b: Done) -> int:
    return abs(a.time - b.time) if a.time is not None and b.time is not None else 0


def _same_session(a: Done, b: Done) -> bool:
    return _apart(a, b) < SAME_RECIPE_SPACING
