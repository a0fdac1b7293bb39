"""The routine's task list on a CalDAV server: what was ticked there, and the coming
sessions published as tasks.

The task list is a collection of its own whose supported-calendar-component-set is
VTODO (Apple and Nextcloud show task lists by that property), named after the routine
("Back care - to do") unless the person names or points to another.

Reading: every task of this routine (known by its UID, see ``planner.formats.tasks``)
says whether it was ticked. Apps mark a task done in different ways: STATUS:COMPLETED,
a COMPLETED time, PERCENT-COMPLETE:100, alone or together; any of them counts, unless
the task was cancelled. The moment of the tick is COMPLETED, else the last change the
app stamped (LAST-MODIFIED), else the session's own start.

Publishing keeps the list short and the person's changes theirs:
- tasks are made for the sessions of today and the next ``TASK_DAYS - 1`` days, and
  topped up at each sync;
- a task that is ticked, or that the person changed (title, times, description), is
  never changed or deleted;
- an open, unchanged task is updated when the plan moved its session, and deleted when
  the plan no longer has that session from today on, or when it is more than
  ``OVERDUE_DAYS`` days overdue (it counts as missed);
- a task published before (the caller remembers which) that the person deleted is a
  session skipped: it is not made again, unless the whole list was made anew;
- everything else (tasks of earlier weeks, anything not ours) is left as it is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from planner.caldav.client import Session, redact
from planner.caldav.collections import calendar_at, find_or_make
from planner.caldav.objects import (
    Change,
    Kind,
    Stored,
    Tally,
    Wanted,
    Writer,
    label,
    path_of,
    place_new,
    stored_objects,
)
from planner.core.plan import Plan
from planner.core.recipe import Recipe
from planner.core.record import record
from planner.formats.ics import ROUTINE_PROPERTY, UidParts, written_digest
from planner.formats.tasks import (
    TASK_DAYS,
    changed_by_person,
    plan_tasks,
    read_task_uid,
    task_uid,
)

OVERDUE_DAYS = 7


def task_list_name(title: str) -> str:
    """The default task list of a routine: "Back care - to do"."""
    return f"{title} - to do"


@record
class Tick:
    """What one task of the routine says about its session."""

    uid: str
    task: UidParts
    title: str  # as the task list shows it now
    done: bool
    when: dt.datetime | None  # the moment it was ticked (aware), when the task tells it
    exact: bool  # ``when`` is the app's COMPLETED, not a stand-in


def _owns(routine: str) -> Callable[[Any], bool]:
    def owns(component: Any) -> bool:
        found = read_task_uid(str(component.get("uid", "")))
        # Some apps drop X- properties: the UID alone then says whose the task is.
        marker = str(component.get(ROUTINE_PROPERTY, routine))
        return found is not None and found.routine == routine and marker == routine

    return owns


def _ticked(stored: Stored) -> bool:
    return any(_is_done(todo) for todo in stored.ours)


def tasks_of(routine: str) -> Kind:
    """This routine's tasks; a task ticked or changed by the person is never written."""
    return Kind(
        "VTODO",
        _owns(routine),
        "task",
        "task list",
        digest=lambda *todos: written_digest(todos[0]) if len(todos) == 1 else "",
        may_change=lambda stored: (
            not _ticked(stored) and not any(changed_by_person(t) for t in stored.ours)
        ),
    )


def _is_done(todo: Any) -> bool:
    status = str(todo.get("status", "")).upper()
    if status == "CANCELLED":
        return False
    try:
        percent = int(str(todo.get("percent-complete", "0")).strip() or 0)
    except ValueError:
        percent = 0
    return status == "COMPLETED" or percent >= 100 or "COMPLETED" in todo


def _instant(todo: Any, name: str, zone: Any) -> dt.datetime | None:
    """A property as an aware moment; a floating time is read in the plan's zone, a date
    as its midnight there; None when missing or unreadable."""
    try:
        value = todo.decoded(name)
    except (KeyError, ValueError, TypeError):
        return None
    if isinstance(value, dt.datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=zone)
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time(), zone)
    return None


def read_tick(todo: Any, zone: Any) -> Tick | None:
    """The tick a task of ours holds; None when its UID names no session."""
    uid = str(todo.get("uid", ""))
    task = read_task_uid(uid)
    if task is None:
        return None
    done = _is_done(todo)
    when = _instant(todo, "completed", zone) if done else None
    exact = when is not None
    if done and when is None:
        when = _instant(todo, "last-modified", zone) or _instant(todo, "dtstart", zone)
    return Tick(uid, task, str(todo.get("summary", "")), done, when, exact)


@dataclass
class TaskReport(Tally):
    """The task list: found or made, what it holds, and what publishing changed."""

    task_list: str = ""  # its name as given or made
    url: str | None = None  # None: missing (or a dry run would make it)
    created: bool = False
    dry_run: bool = False
    kept: list[str] = field(default_factory=list)  # tasks the person changed, left alone
    skipped: list[str] = field(default_factory=list)  # deleted by the person: not made again
    left_ticked: int = 0  # ticked tasks the plan no longer has: kept as the record


def open_task_list(
    session: Session,
    url: str,
    name: str,
    routine: str,
    *,
    make: bool,
    dry_run: bool,
) -> TaskReport:
    """Find the task list (by name or URL; made when ``make`` and missing) and read the
    routine's tasks in it."""
    report = TaskReport(task_list=redact(name), dry_run=dry_run)
    if name.startswith(("http://", "https://")):
        report.url = calendar_at(session, name, "task list")
    else:
        report.url, report.created = find_or_make(session, url, name, dry_run and make,
                                                  report.conflicts, "VTODO", make)  # fmt: skip
    if report.url is not None:
        report.stored = stored_objects(session, report.url, tasks_of(routine), report)
    return report


def read_ticks(report: TaskReport, zone: Any) -> list[Tick]:
    """Every task of the routine in the list, ticked or not."""
    ticks = []
    for stored in report.stored:
        for todo in stored.ours:
            tick = read_tick(todo, zone)
            if tick is not None:
                ticks.append(tick)
    return ticks


def publish_tasks(
    session: Session,
    report: TaskReport,
    plan: Plan,
    recipes: Mapping[str, Recipe],
    now: dt.datetime,
    today: dt.date,
    published: Collection[str] = (),
    progress: Callable[[Change], None] | None = None,
) -> None:
    """Make the list hold a task for each session from ``today`` for TASK_DAYS days,
    by the rules above (``published``: the UIDs published to it before); in a dry run,
    only say what would change."""
    last = today + dt.timedelta(days=TASK_DAYS - 1)
    wanted: dict[str, Wanted] = {}
    for todo in plan_tasks(plan, recipes, now, today, last):
        uid = str(todo["uid"])
        wanted[uid] = Wanted(uid, label(todo), written_digest(todo), todo)
    skippable = set() if report.created else set(published)
    planned = _compare(report, wanted, {task_uid(plan.routine, s) for s in plan.sessions},
                       skippable, today, max(today, plan.start))  # fmt: skip
    if report.dry_run or report.url is None:
        report.changes = [change for change, *_ in planned]
        return
    Writer(session, plan, report, tasks_of(plan.routine)).apply(planned, progress)


def _compare(
    report: TaskReport, wanted: dict[str, Wanted], in_plan: set[str], published: set[str],
    today: dt.date, from_day: dt.date,
) -> list[tuple[Change, Any, Any]]:  # fmt: skip
    """What to do to each task: creates and updates first, deletes last."""
    ours: dict[str, Stored] = {}
    copies: list[Stored] = []
    foreign: dict[str, Stored] = {}
    paths: set[str] = set()
    for obj in report.stored:
        paths.add(path_of(obj.url))
        if len(obj.ours) == 1:
            if obj.uid in ours:
                copies.append(obj)
            else:
                ours[obj.uid] = obj
        elif not obj.ours:
            for uid in obj.uids:
                foreign.setdefault(uid, obj)
    planned: list[tuple[Change, Any, Any]] = []
    for uid, want in wanted.items():
        stored = ours.get(uid)
        if stored is not None:
            todo = stored.ours[0]
            if _is_done(todo):
                report.unchanged += 1  # ticked: the person's record, never rewritten
            elif written_digest(todo) == want.digest:
                report.unchanged += 1
            elif changed_by_person(todo):
                report.kept.append(label(todo))
            else:
                planned.append((Change("update", uid, want.label), want, stored))
            continue
        placed = place_new(report, report.url, want, Change("create", uid, want.label),
                           foreign, paths, published)  # fmt: skip
        if placed == "skipped":
            report.skipped.append(want.label)
        elif not isinstance(placed, str):
            planned.append(placed)
    overdue = today - dt.timedelta(days=OVERDUE_DAYS)
    for uid, stored in ours.items():
        if uid in wanted:
            continue
        todo = stored.ours[0]
        task = read_task_uid(uid)
        if _is_done(todo):
            report.left_ticked += 1
            continue
        gone = task is not None and task.date >= from_day and uid not in in_plan
        if not (gone or (task is not None and task.date < overdue)):
            continue  # a task of earlier days, or beyond the days published: left
        if changed_by_person(todo):
            report.kept.append(label(todo))
        else:
            planned.append((Change("delete", uid, label(todo)), None, stored))
    for obj in copies:
        if not _ticked(obj):
            planned.append((Change("delete", obj.uid, label(obj.ours[0])), None, obj))
    return planned
