"""Keeping a CalDAV calendar equal to the plan: create, update and delete our own events.

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

Whether an event changed is decided by comparing what the server holds with
what the plan wants (DTSTAMP and SEQUENCE aside), so a run with an unchanged plan
changes nothing, and an event edited on the server is put back. A run that
stops part-way leaves only finished changes behind (new events are stored
before old ones are deleted), and the next run finishes the job, because it
starts again from the server's state. Events written under the earlier UID
scheme carry our routine marker, so they are replaced by the next run.
"""

from __future__ import annotations

import datetime as dt
import urllib.parse
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

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
    object_url,
    stored_objects,
)
from planner.core.plan import Plan
from planner.core.recipe import Recipe
from planner.errors import SyncError
from planner.formats.ics import ROUTINE_PROPERTY, UID_DOMAIN, IcsOptions, calendar_events

__all__ = ["Change", "Conflict", "SyncError", "SyncReport", "events_of", "sync_plan",
           "wanted_events"]  # fmt: skip


@dataclass
class SyncReport(Tally):
    """What a sync of the events changed, found unchanged, or left alone."""

    calendar: str = ""
    created_calendar: bool = False
    past: int = 0  # events of earlier plans, over before this plan's first day: kept
    dry_run: bool = False


def events_of(routine: str) -> Kind:
    """This routine's events: a UID of ours and the routine's marker."""

    def owns(component: Any) -> bool:
        return (
            str(component.get("uid", "")).endswith("@" + UID_DOMAIN)
            and str(component.get(ROUTINE_PROPERTY, "")) == routine
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
    """The plan's events by UID, each with the hash of its content."""
    out: dict[str, Wanted] = {}
    for event in calendar_events(plan, recipes, now, options):
        uid = str(event["uid"])
        out[uid] = Wanted(uid, label(event), digest(event), event)
    return out


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
    """Make the calendar hold exactly the plan's events for this routine.

    Foreign objects in the way are listed in ``report.conflicts`` and left alone;
    everything else is done. ``timeout`` bounds the whole conversation in seconds.
    """
    check_url(url, allow_insecure_http)
    by_url = calendar is not None and calendar.startswith(("http://", "https://"))
    if by_url:
        assert calendar is not None
        check_url(calendar, allow_insecure_http)  # no password inside it either
    wanted = wanted_events(plan, recipes, now, options)
    name = calendar or plan.title
    report = SyncReport(calendar=redact(name), dry_run=dry_run)
    kind = events_of(plan.routine)
    own = session is None  # a session given by the caller is the caller's to close
    session = session or Session(url, user, password, timeout=timeout)
    try:
        if by_url and calendar is not None:
            cal_url: str | None = calendar_at(session, calendar)
            made = False
        else:
            cal_url, made = find_or_make(session, url, name, dry_run, report.conflicts)
        report.created_calendar = made
        stored = [] if cal_url is None else stored_objects(session, cal_url, kind, report)
        import zoneinfo

        zone = zoneinfo.ZoneInfo(plan.timezone)
        # Earlier weeks are the record of what was planned then: a plan made again from
        # a later day leaves the events that were over before both it and now.
        cutoff = min(now, dt.datetime.combine(plan.start, dt.time(), zone))
        planned = _compare(wanted, stored, cal_url, report, cutoff, zone)
        if dry_run:
            report.changes = [change for change, *_ in planned]
            return report
        assert cal_url is not None
        Writer(session, plan, report, kind).apply(planned, progress)
    finally:
        if own:
            session.close()
    return report


def _compare(
    wanted: dict[str, Wanted],
    stored: list[Stored],
    cal_url: str | None,
    report: SyncReport,
    cutoff: dt.datetime,
    zone: Any,
) -> list[tuple[Change, Any, Any]]:
    """What to do to each event: creates and updates first, deletes last. An event the
    plan lacks that was over by ``cutoff`` is kept, not deleted."""
    ours: dict[str, Stored] = {}
    copies: list[Stored] = []  # a second object of ours with the same UID
    foreign_uids: dict[str, Stored] = {}
    by_path: dict[str, Stored] = {}
    for obj in stored:
        by_path[urllib.parse.unquote(urllib.parse.urlsplit(obj.url).path)] = obj
        if obj.ours:
            if obj.uid in ours:
                copies.append(obj)
            else:
                ours[obj.uid] = obj
        else:
            for uid in obj.uids:
                foreign_uids.setdefault(uid, obj)
    planned: list[tuple[Change, Any, Any]] = []
    for uid, want in wanted.items():
        if uid in ours:
            if digest(*ours[uid].ours) == want.digest:
                report.unchanged += 1
            else:
                planned.append((Change("update", uid, want.label), want, ours[uid]))
            continue
        if uid in foreign_uids:
            holder = foreign_uids[uid]
            report.conflicts.append(Conflict("foreign", uid, want.label, holder.url))
            continue
        target = object_url(cal_url, uid) if cal_url else uid
        occupant = by_path.get(urllib.parse.unquote(urllib.parse.urlsplit(target).path))
        if cal_url and occupant is not None:
            report.conflicts.append(Conflict("occupied", uid, want.label, target))
            continue
        planned.append((Change("create", uid, want.label), want, target))
    for uid, obj in ours.items():
        if uid in wanted:
            continue
        ends = [_last_end(event, zone) for event in obj.ours]
        if all(end is not None and end <= cutoff for end in ends):
            report.past += 1
            continue
        planned.append((Change("delete", uid, label(obj.ours[0])), None, obj))
    for obj in copies:
        planned.append((Change("delete", obj.uid, label(obj.ours[0])), None, obj))
    return planned
