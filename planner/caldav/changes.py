"""What the person changed in the calendar, read from an event of ours.

Sync writes into each event what it wrote: ``X-REMEDY-PLANNER-DIGEST``, a hash of its
title, times, repeat rule and description (``planner.formats.ics.written_digest``), and
``X-REMEDY-PLANNER-PLANNED``, its start as written. A phone's calendar app changes an
event in a few ways, and each is read here:

- dragging an event changes its DTSTART (and DTEND): the session was **moved**;
- moving one day of a daily series adds a VEVENT with the same UID, a RECURRENCE-ID
  (the day it replaces) and its own DTSTART: that day was moved;
- "delete this occurrence" adds an EXDATE (some apps add a cancelled VEVENT with a
  RECURRENCE-ID instead): that day was **deleted**, a session skipped;
- a new title or a note in the description: the event was **changed**.

An event with any of these is the person's: sync never updates or deletes it, and the
plan counts its sessions where the person put them (``Occurrence``). An event written by
an earlier version, without the digest, is taken as unchanged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from planner.core.record import record
from planner.formats.ics import DIGEST_PROPERTY, PLANNED_PROPERTY, read_uid, written_digest


@record
class Occurrence:
    """One session a changed event of ours holds (or held, when the person deleted it)."""

    recipe: str
    date: dt.date
    start: int  # minutes since midnight, local
    kept: bool  # False: the person deleted it (a session skipped)


@record
class Edit:
    """One change the person made, as the summary names it."""

    kind: str  # "moved", "deleted" or "changed"
    label: str  # "2026-12-08 20:00 Baking-soda mask", as it was planned
    to: str = ""  # moved: the new day and time; changed: what changed


def _master(components: Sequence[Any]) -> Any | None:
    masters = [c for c in components if "RECURRENCE-ID" not in c]
    return masters[0] if len(masters) == 1 else None


def person_changed(components: Sequence[Any]) -> bool:
    """Whether the person changed this event of ours (see the module's note)."""
    master = _master(components)
    if master is None or len(components) > 1 or "EXDATE" in master:
        return True
    written = master.get(DIGEST_PROPERTY)
    return written is not None and str(written) != written_digest(master)


def _local(value: Any, zone: Any) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return (value if value.tzinfo else value.replace(tzinfo=zone)).astimezone(zone)
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time(), zone)
    return None


def _decoded(component: Any, name: str, zone: Any) -> dt.datetime | None:
    try:
        return _local(component.decoded(name), zone)
    except (KeyError, ValueError, TypeError):
        return None


def _times(component: Any, name: str, zone: Any) -> set[dt.datetime]:
    """Every date-time of a property that may be given several times (EXDATE)."""
    found: set[dt.datetime] = set()
    values = component.get(name)
    for value in values if isinstance(values, list) else [values] if values else []:
        for item in getattr(value, "dts", []):
            when = _local(item.dt, zone)
            if when is not None:
                found.add(when)
    return found


def _days(master: Any, start: dt.datetime) -> list[dt.datetime]:
    """The starts of a DAILY series as it stands (COUNT or UNTIL), or the one start."""
    rule = master.get("rrule")
    if rule is None or rule.get("FREQ") != ["DAILY"]:
        return [start]
    step = max(1, int((rule.get("INTERVAL") or [1])[0]))
    count = int((rule.get("COUNT") or [0])[0]) or 366
    until = (rule.get("UNTIL") or [None])[0]
    last = until.date() if isinstance(until, dt.datetime) else until
    days = [start + dt.timedelta(days=n * step) for n in range(min(count, 366))]
    return [d for d in days if last is None or d.date() <= last]


def _only_cut(master: Any, length: str, written: str) -> bool:
    """Whether the series' rule is all that changed ("delete this and all following"
    shortens it): with the rule as written, the digest is as written."""
    if not length.isdigit() or master.get("rrule") is None:
        return False
    from icalendar import Event

    before = Event.from_ical(master.to_ical())
    before.pop("rrule")
    before.add("rrule", {"FREQ": "DAILY", "COUNT": int(length)})
    return written_digest(before) == written


def _label(when: dt.datetime, name: str) -> str:
    return f"{when:%Y-%m-%d %H:%M} {name}"


def _minutes(when: dt.datetime) -> int:
    return when.hour * 60 + when.minute


def read_changes(
    components: Sequence[Any], zone: Any, names: Mapping[str, str]
) -> tuple[list[Edit], list[Occurrence]]:
    """The person's changes to one event of ours, and the sessions it holds now (with the
    ones deleted from it); sessions only for an event of planned sessions."""
    master = _master(components)
    uid = str(components[0].get("uid", "")) if components else ""
    parts = read_uid(uid)
    start = None if master is None else _decoded(master, "dtstart", zone)
    if master is None or parts is None or start is None:
        return [Edit("changed", uid, "no longer readable as a session")], []
    name = names.get(parts.name, parts.name)
    edits: list[Edit] = []
    planned, _, length = str(master.get(PLANNED_PROPERTY, "")).partition("/")
    try:
        was = dt.datetime.strptime(planned, "%Y%m%dT%H%M%S").replace(tzinfo=zone)
    except ValueError:
        was = start
    if was != start:
        edits.append(Edit("moved", _label(was, name), f"{start:%Y-%m-%d %H:%M}"))
    written = master.get(DIGEST_PROPERTY)
    title = str(master.get("summary", ""))
    if (written is not None and str(written) != written_digest(master) and was == start
            and not _only_cut(master, length, str(written))):  # fmt: skip
        what = f"title '{title}'" if title != name and parts.kind == "" else "text"
        edits.append(Edit("changed", _label(start, name), what))
    deleted = _times(master, "exdate", zone)
    moved = {
        when: c
        for c in components
        if c is not master and (when := _decoded(c, "recurrence-id", zone)) is not None
    }
    series = _days(master, start)
    # Days the series was written with and no longer has ("delete this and following"):
    # deleted too.
    written_days = int(length) if length.isdigit() and was == start else len(series)
    cut = [start + dt.timedelta(days=n) for n in range(len(series), min(written_days, 366))]
    deleted |= set(cut)
    occurrences: list[Occurrence] = []
    for day in series + cut:
        override = moved.get(day)
        gone = day in deleted or (
            override is not None and str(override.get("status", "")).upper() == "CANCELLED"
        )
        if gone:
            what = "one day of a series" if len(series) + len(cut) > 1 else ""
            edits.append(Edit("deleted", _label(day, name), what))
            occurrences.append(Occurrence(parts.name, day.date(), _minutes(day), False))
            continue
        now = day if override is None else (_decoded(override, "dtstart", zone) or day)
        if now != day:
            edits.append(Edit("moved", _label(day, name), f"{now:%Y-%m-%d %H:%M}"))
        occurrences.append(Occurrence(parts.name, now.date(), _minutes(now), True))
    if parts.kind != "":  # a session done, or an appointment: not planned sessions
        occurrences = []
    if not edits:
        edits.append(Edit("changed", _label(start, name), "text"))
    return edits, occurrences
