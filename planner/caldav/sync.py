"""Keeping a CalDAV calendar equal to the plan, and the person's changes there theirs.

Importing a file cannot change or remove events later; a calendar server can.
Each run compares the plan's events with the calendar's and changes only the
difference. An event is ours when its UID ends in ``@remedy-planner`` and its
X-REMEDY-PLANNER-ROUTINE names this routine: anything else in the calendar
(the person's own appointments, other routines) is never touched.

Nothing foreign is overwritten, even in a race: a new event is stored with
``If-None-Match: *`` (the server refuses it if anything is at that address),
and an update or delete carries ``If-Match`` with the ETag this run saw, so an
object that changed meanwhile is looked at again instead of replaced. A foreign
object that holds one of our UIDs, or sits where one of our events belongs, is
reported and left as it is; the rest of the sync still happens.

Each event carries what sync wrote (``planner.caldav.changes``), so an event the
person changed on the phone (moved, a day of it deleted, renamed, a note added) is
told from one the plan changed: the person's is never updated or deleted, and the
caller plans its sessions where the person put them (``person_sessions``). An event
sync published that is gone was deleted by the person: a session skipped, not made
again (the caller remembers what was published). Otherwise, whether an event changed
is decided by comparing what the server holds with what the plan wants (DTSTAMP and
SEQUENCE aside), so a run with an unchanged plan changes nothing. A run that stops
part-way leaves only finished changes behind (new events are stored before old ones
are deleted), and the next run finishes the job, because it starts again from the
server's state.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from planner.caldav.changes import Edit, Occurrence, person_changed, read_changes
from planner.caldav.client import Session, check_url, redact
from planner.caldav.collections import calendar_at, find_or_make
from planner.caldav.objects import (
    Change,
    Conflict,
    Kind,
    Stored,
    Tally,
    Wanted,
    Writer,
    digest,
    label,
    path_of,
    place_new,
    sessions,
    stored_objects,
)
from planner.core.plan import Plan
from planner.core.recipe import Recipe
from planner.errors import SyncError
from planner.formats.ics import (
    ROUTINE_PROPERTY,
    UID_DOMAIN,
    IcsOptions,
    calendar_events,
    mark_written,
    read_uid,
)

__all__ = ["Change", "Conflict", "SyncError", "SyncReport", "events_of", "open_calendar",
           "person_sessions", "remove_all", "sync_events", "sync_plan",
           "wanted_events"]  # fmt: skip


@dataclass
class SyncReport(Tally):
    """The calendar: found or made, what it holds, and what a sync changed or left."""

    calendar: str = ""
    url: str | None = None  # None: missing (a dry run would make it)
    created_calendar: bool = False
    past: int = 0  # events of earlier plans, over before this plan's first day: kept
    dry_run: bool = False
    kept: list[Edit] = field(default_factory=list)  # the person's changes, left as they are
    skipped: list[Change] = field(default_factory=list)  # deleted by the person: not remade
    others: dict[str, int] = field(default_factory=dict)  # other routines' events, same days


def events_of(routine: str) -> Kind:
    """This routine's events: a UID of ours and the routine's marker (a day of a series
    the person moved may come without it: its app copied only what it knew)."""

    def owns(component: Any) -> bool:
        marker = str(component.get(ROUTINE_PROPERTY, ""))
        return str(component.get("uid", "")).endswith("@" + UID_DOMAIN) and (
            marker == routine or (not marker and "RECURRENCE-ID" in component)
        )

    return Kind("VEVENT", owns, "event", "calendar")


def _last_end(event: Any, zone: Any) -> dt.datetime | None:
    """When an event of ours ends, its last day's if it is a daily series; None when
    that cannot be told (a rule edited on the server, say)."""
    try:
        end = event.decoded("dtend")
    except (KeyError, ValueError):
        return None
    rule = event.get("rrule")
    if rule is not None:
        count = rule.get("COUNT") or [0]
        if rule.get("FREQ") != ["DAILY"] or set(rule) != {"FREQ", "COUNT"} or count[0] < 1:
            return None
        end += dt.timedelta(days=count[0] - 1)
    if not isinstance(end, dt.datetime):  # an all-day event ends at midnight
        end = dt.datetime.combine(end, dt.time())
    return end if end.tzinfo is not None else end.replace(tzinfo=zone)


def wanted_events(
    plan: Plan, recipes: Mapping[str, Recipe], now: dt.datetime, options: IcsOptions | None = None
) -> dict[str, Wanted]:
    """The plan's events by UID, each marked with what is written and hashed."""
    out: dict[str, Wanted] = {}
    for event in calendar_events(plan, recipes, now, options):
        mark_written(event, sessions(event))
        uid = str(event["uid"])
        out[uid] = Wanted(uid, label(event), digest(event), event)
    return out


def open_calendar(
    session: Session,
    url: str,
    name: str,
    routine: str,
    *,
    dry_run: bool = False,
    make: bool = True,
) -> SyncReport:
    """Find the calendar (by name, made if missing and ``make``; or by URL) and read it."""
    report = SyncReport(calendar=redact(name), dry_run=dry_run)
    if name.startswith(("http://", "https://")):
        report.url = calendar_at(session, name)
    else:
        report.url, report.created_calendar = find_or_make(
            session, url, name, dry_run or not make, report.conflicts, make=make
        )
        report.created_calendar = report.created_calendar and make
    if report.url is not None:
        report.stored = stored_objects(session, report.url, events_of(routine), report)
    return report


def person_sessions(report: SyncReport, zone: Any, names: Mapping[str, str]) -> list[Occurrence]:
    """The sessions the events the person changed hold (kept where the person put them, or
    deleted), and their changes in ``report.kept``."""
    found: list[Occurrence] = []
    report.kept = []
    for obj in report.stored:
        if obj.ours and person_changed(obj.ours):
            edits, occurrences = read_changes(obj.ours, zone, names)
            report.kept += edits
            found += occurrences
    report.kept.sort(key=lambda e: (e.label[:16], e.kind))
    return found


def sync_events(
    session: Session,
    report: SyncReport,
    plan: Plan,
    recipes: Mapping[str, Recipe],
    now: dt.datetime,
    options: IcsOptions | None = None,
    published: Collection[str] = (),
    progress: Callable[[Change], None] | None = None,
) -> None:
    """Make the calendar hold the plan's events (see the module's note); in a dry run,
    only say what would change."""
    import zoneinfo

    wanted = wanted_events(plan, recipes, now, options)
    zone = zoneinfo.ZoneInfo(plan.timezone)
    # Earlier weeks are the record of what was planned then: a plan made again from
    # a later day leaves the events that were over before both it and now.
    cutoff = min(now, dt.datetime.combine(plan.start, dt.time(), zone))
    skippable = set() if report.created_calendar else set(published)
    planned = _compare(wanted, report, skippable, cutoff, zone)
    _count_others(report, plan)
    if report.dry_run or report.url is None:
        report.changes = [change for change, *_ in planned]
        report.planned = len(planned)
        return
    Writer(session, plan, report, events_of(plan.routine)).apply(planned, progress)


def remove_all(
    session: Session, report: Tally, kind: Kind, dry_run: bool,
    progress: Callable[[Change], None] | None = None,
) -> None:  # fmt: skip
    """Delete every object of ``kind`` (this routine's events, or its tasks) from the
    collection read into ``report``, the person's changed ones too, and nothing else."""
    planned = [
        (Change("delete", obj.uid, label(obj.ours[0]), sessions(obj.ours[0])), None, obj)
        for obj in report.stored
        if obj.ours
    ]
    if dry_run:
        report.changes = [change for change, *_ in planned]
        report.planned = len(planned)
        return
    Writer(session, None, report, kind).apply(planned, progress)


def _count_others(report: SyncReport, plan: Plan) -> None:
    """Events of other routines of ours on the plan's days (a copy of a routine under a
    new id would otherwise double the calendar without a word)."""
    for obj in report.stored:
        if obj.ours:
            continue
        for uid in obj.uids:
            parts = read_uid(uid)
            if parts and parts.routine != plan.routine and plan.start <= parts.date <= plan.end:
                report.others[parts.routine] = report.others.get(parts.routine, 0) + 1


def sync_plan(
    plan: Plan,
    recipes: Mapping[str, Recipe],
    now: dt.datetime,
    url: str,
    *,
    user: str | None = None,
    password: str | None = None,
    calendar: str | None = None,
    dry_run: bool = False,
    options: IcsOptions | None = None,
    progress: Callable[[Change], None] | None = None,
    timeout: float = 120.0,
    allow_insecure_http: bool = False,
    session: Session | None = None,
) -> SyncReport:
    """Open the calendar and make it hold the plan's events, in one call.

    Foreign objects in the way are listed in ``report.conflicts`` and left alone;
    everything else is done. ``timeout`` bounds the whole conversation in seconds.
    """
    check_url(url, allow_insecure_http)
    if calendar is not None and calendar.startswith(("http://", "https://")):
        check_url(calendar, allow_insecure_http)  # no password inside it either
    own = session is None  # a session given by the caller is the caller's to close
    session = session or Session(url, user, password, timeout=timeout)
    try:
        report = open_calendar(session, url, calendar or plan.title, plan.routine,
                               dry_run=dry_run)  # fmt: skip
        sync_events(session, report, plan, recipes, now, options, progress=progress)
    finally:
        if own:
            session.close()
    return report


def _compare(
    wanted: dict[str, Wanted],
    report: SyncReport,
    skippable: set[str],
    cutoff: dt.datetime,
    zone: Any,
) -> list[tuple[Change, Any, Any]]:
    """What to do to each event: creates and updates first, deletes last. An event the
    person changed is left; an event the plan lacks that was over by ``cutoff`` is kept."""
    ours: dict[str, Stored] = {}
    theirs: set[str] = set()  # UIDs of events of ours the person changed
    copies: list[Stored] = []  # a second object of ours with the same UID
    foreign_uids: dict[str, Stored] = {}
    by_path: dict[str, Stored] = {}
    for obj in report.stored:
        by_path[path_of(obj.url)] = obj
        if obj.ours and person_changed(obj.ours):
            theirs.add(obj.uid)
        elif obj.ours:
            if obj.uid in ours:
                copies.append(obj)
            else:
                ours[obj.uid] = obj
        else:
            for uid in obj.uids:
                foreign_uids.setdefault(uid, obj)
    planned: list[tuple[Change, Any, Any]] = []
    for uid, want in wanted.items():
        if uid in theirs:
            continue  # the person's now
        n = sessions(want.event)
        if uid in ours:
            if digest(*ours[uid].ours) == want.digest:
                report.unchanged += 1
            else:
                planned.append((Change("update", uid, want.label, n), want, ours[uid]))
            continue
        change = Change("create", uid, want.label, n)
        placed = place_new(report, report.url, want, change, foreign_uids, by_path, skippable)
        if placed == "skipped":
            report.skipped.append(change)
        elif not isinstance(placed, str):
            planned.append(placed)
    for uid, obj in ours.items():
        if uid in wanted:
            continue
        ends = [_last_end(event, zone) for event in obj.ours]
        if all(end is not None and end <= cutoff for end in ends):
            report.past += 1
            continue
        planned.append((Change("delete", uid, label(obj.ours[0]), sessions(obj.ours[0])),
                        None, obj))  # fmt: skip
    for obj in copies:
        planned.append((Change("delete", obj.uid, label(obj.ours[0]), sessions(obj.ours[0])),
                        None, obj))  # fmt: skip
    return planned
