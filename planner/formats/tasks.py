"""The plan's sessions as tasks (VTODO) that a phone's task app can tick off.

Task apps that speak CalDAV (a CalDAV account's reminders on iOS and macOS,
Thunderbird, jtx Board, Tasks.org or OpenTasks through DAVx5) read a task's SUMMARY,
DTSTART and DUE, its DESCRIPTION and STATUS. Each session becomes one task: the
remedy's name, the session's start and end as DTSTART and DUE (local times with the
plan's VTIMEZONE), the recipe card's steps, and STATUS:NEEDS-ACTION. No alarm: the
session's event already reminds.

The UID says which session a task stands for (``routine.recipe.YYYYMMDD.tN``), so a
task is known by it even after an app has dropped our X- properties or the person has
renamed it. X-REMEDY-PLANNER-DIGEST holds a hash of what the task says (title, times,
description) as it was written: a task whose words or times no longer match it was
changed by the person, and is theirs to keep.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

from planner.core.plan import Plan, Session
from planner.core.recipe import Recipe
from planner.formats.ics import (
    DIGEST_PROPERTY,
    ROUTINE_PROPERTY,
    UID_DOMAIN,
    UidParts,
    description,
    mark_written,
    read_uid,
    written_digest,
)

TASK_DAYS = 14  # tasks are published for today and the 13 days after it


def task_uid(routine: str, s: Session) -> str:
    """``routine.recipe.YYYYMMDD.tN@remedy-planner``: the "t" keeps a session's task
    apart from its event (``...N``), a session done (``dN``) and an appointment (``eN``)."""
    return f"{routine}.{s.recipe}.{s.date:%Y%m%d}.t{s.slot}@{UID_DOMAIN}"


def read_task_uid(uid: str) -> UidParts | None:
    """The session a task UID of ours names; None for any other UID."""
    found = read_uid(uid)
    return found if found is not None and found.kind == "t" else None


def changed_by_person(todo: Any) -> bool:
    """Whether a task of ours no longer says what was written (or lost its digest)."""
    written = todo.get(DIGEST_PROPERTY)
    return written is None or str(written) != written_digest(todo)


def plan_tasks(
    plan: Plan,
    recipes: Mapping[str, Recipe],
    now: dt.datetime,
    first: dt.date,
    last: dt.date,
) -> Iterator[Any]:
    """One VTODO for each session of the plan from ``first`` to ``last``, in time order."""
    import zoneinfo

    from icalendar import Todo

    zone = zoneinfo.ZoneInfo(plan.timezone)
    stamp = now.astimezone(dt.UTC).replace(microsecond=0)
    for s in sorted(plan.sessions):
        if not first <= s.date <= last:
            continue
        recipe = recipes[s.recipe]
        begin = dt.datetime.combine(s.date, dt.time(s.start // 60, s.start % 60), zone)
        todo = Todo()
        todo.add("uid", task_uid(plan.routine, s))
        todo.add("dtstamp", stamp)
        todo.add("sequence", 0)
        todo.add("summary", recipe.name)
        todo.add("dtstart", begin)
        todo.add("due", begin + dt.timedelta(minutes=s.minutes))
        todo.add("description", description(recipe))
        todo.add("categories", [recipe.kind])
        todo.add("status", "NEEDS-ACTION")
        todo.add(ROUTINE_PROPERTY, plan.routine)
        mark_written(todo)
        yield todo
