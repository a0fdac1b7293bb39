"""Keeping a CalDAV calendar equal to the plan: create, update and delete our own events.

Importing a file cannot change or remove events later; a calendar server can.
Each run compares the plan's events with the calendar's and changes only the
difference. An event is ours when its UID ends in ``@remedy-planner`` and its
X-REMEDY-PLANNER-ROUTINE names this routine: anything else in the calendar
(the person's own appointments, other routines) is never touched.

Whether an event changed is decided by comparing what the server holds with
what the plan wants (DTSTAMP and SEQUENCE aside), so a run with an unchanged plan
changes nothing, and an event edited on the server is put back. A run that
stops part-way leaves only finished changes behind, and the next run finishes
the job, because it starts again from the server's state.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from planner.errors import PlannerError
from planner.export.ics import (
    ROUTINE_PROPERTY,
    UID_DOMAIN,
    IcsOptions,
    calendar_events,
    calendar_head,
)
from planner.model import Recipe
from planner.plan import Plan


class SyncError(PlannerError):
    """Raised when the calendar server cannot be reached, refuses us, or rejects an event."""

    exit_code = 1


@dataclass(frozen=True)
class Change:
    kind: str  # create | update | delete
    uid: str
    label: str  # "2026-11-30 20:00 Baking-soda mask"


@dataclass
class SyncReport:
    calendar: str
    created_calendar: bool = False
    changes: list[Change] = field(default_factory=list)
    unchanged: int = 0
    dry_run: bool = False

    def count(self, kind: str) -> int:
        return sum(1 for c in self.changes if c.kind == kind)


@dataclass(frozen=True)
class Wanted:
    uid: str
    label: str
    digest: str
    event: Any  # icalendar Event


_VOLATILE = (b"DTSTAMP", b"SEQUENCE", b"LAST-MODIFIED", b"CREATED")


def _digest(event: Any) -> str:
    """A hash of what an event says, read back through icalendar so that the same
    content gives the same hash whoever wrote it; stamps and counters left out."""
    from icalendar import Event

    canonical = Event.from_ical(bytes(event.to_ical()))
    lines = [
        line for line in bytes(canonical.to_ical()).split(b"\r\n") if not line.startswith(_VOLATILE)
    ]
    return hashlib.sha256(b"\r\n".join(lines)).hexdigest()


def _label(event: Any) -> str:
    start = event.decoded("dtstart")
    when = start.strftime("%Y-%m-%d %H:%M") if isinstance(start, dt.datetime) else str(start)
    return f"{when} {event.get('summary', '')}"


def wanted_events(
    plan: Plan, recipes: Mapping[str, Recipe], now: dt.datetime, options: IcsOptions | None = None
) -> dict[str, Wanted]:
    """The plan's events by UID, each with the hash of its content."""
    out: dict[str, Wanted] = {}
    for event in calendar_events(plan, recipes, now, options):
        uid = str(event["uid"])
        out[uid] = Wanted(uid, _label(event), _digest(event), event)
    return out


def _object(plan: Plan, event: Any) -> str:
    """One calendar object resource: a VCALENDAR with the VTIMEZONE and one VEVENT."""
    cal = calendar_head(plan, method=False)
    cal.add_component(event)
    return bytes(cal.to_ical()).decode("utf-8")


def _connect(url: str, user: str | None, password: str | None) -> Any:
    import caldav

    client_class: Any = caldav.DAVClient
    # TLS certificates are verified (the client's default); there is no switch to turn it off.
    return client_class(url=url, username=user, password=password)


def _explain(exc: Exception, url: str) -> SyncError:
    from caldav.lib import error

    reason = str(getattr(exc, "reason", "") or "")
    if isinstance(exc, error.AuthorizationError):
        if "forbidden" in reason.lower() or "403" in reason:
            return SyncError(f"{url}: this user may not use that calendar (403 Forbidden)")
        return SyncError(f"{url}: the server refused the user name or password (401 Unauthorized)")
    if isinstance(exc, error.NotFoundError):
        return SyncError(f"{url}: not found on the server (404)")
    if isinstance(exc, error.DAVError):
        return SyncError(f"{url}: the server answered with an error: {reason or exc}")
    text = str(exc).split("(Caused by", 1)[0].strip() or type(exc).__name__
    # Only a failed certificate check is called one; other TLS trouble (a plain-HTTP
    # server behind https://, a refused handshake) is reported as what it is.
    if "CERTIFICATE_VERIFY_FAILED" in str(exc) or "certificate verify failed" in str(exc):
        return SyncError(f"{url}: the server's TLS certificate could not be verified ({text})")
    if "SSL" in str(exc) or "TLS" in str(exc):
        return SyncError(f"{url}: no secure (TLS) connection could be made ({text})")
    return SyncError(f"cannot reach {url}: {text}")


def _explain_write(exc: Exception, url: str) -> str:
    """Why the server would not store or delete an event (we are already logged in)."""
    from caldav.lib import error

    if isinstance(exc, error.DAVError) and not isinstance(exc, error.NotFoundError):
        reason = getattr(exc, "reason", "") or str(exc)
        return f"the server rejected it: {reason}"
    return str(_explain(exc, url))


def _calendar_id(name: str) -> str:
    slug = "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-")
    return "-".join(part for part in slug.split("-") if part) or "remedy-planner"


def _find_calendar(principal: Any, client: Any, name: str) -> Any | None:
    """The calendar with this display name (or at this URL), or None."""
    if name.startswith(("http://", "https://")):
        cal = client.calendar(url=name)
        cal.get_display_name()  # raises NotFoundError when there is no such calendar
        return cal
    for cal in principal.calendars():
        try:
            shown = cal.get_display_name()
        except Exception:
            shown = None
        if shown == name:
            return cal
    return None


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
) -> SyncReport:
    """Make the calendar hold exactly the plan's events for this routine."""
    wanted = wanted_events(plan, recipes, now, options)
    name = calendar or plan.title
    report = SyncReport(calendar=name, dry_run=dry_run)
    try:
        client = _connect(url, user, password)
        principal = client.principal()
        cal = _find_calendar(principal, client, name)
        if cal is None:
            report.created_calendar = True
            if dry_run:
                report.changes = [Change("create", w.uid, w.label) for w in wanted.values()]
                return report
            cal = principal.make_calendar(name=name, cal_id=_calendar_id(name))
        existing: dict[str, tuple[Any, Any]] = {}
        for obj in cal.events():
            component = _ours(obj, plan.routine)
            if component is not None:
                existing[str(component["uid"])] = (obj, component)
    except SyncError:
        raise
    except Exception as exc:
        raise _explain(exc, url) from None

    for uid, want in wanted.items():
        if uid not in existing:
            report.changes.append(Change("create", uid, want.label))
        elif _digest(existing[uid][1]) != want.digest:
            report.changes.append(Change("update", uid, want.label))
        else:
            report.unchanged += 1
    for uid, (_obj, component) in existing.items():
        if uid not in wanted:
            report.changes.append(Change("delete", uid, _label(component)))
    if dry_run:
        return report

    for change in report.changes:
        try:
            if change.kind == "create":
                # Stored verbatim: the client would otherwise raise SEQUENCE on its own.
                cal.add_event(_object(plan, wanted[change.uid].event), increase_seqno=False)
            elif change.kind == "update":
                obj, old = existing[change.uid]
                event = wanted[change.uid].event
                event["sequence"] = int(old.get("sequence", 0)) + 1
                obj.data = _object(plan, event)
                obj.save(increase_seqno=False)
            else:
                existing[change.uid][0].delete()
        except Exception as exc:
            raise SyncError(
                f"{change.kind} {change.label} ({change.uid}): {_explain_write(exc, url)}"
            ) from None
        if progress:
            progress(change)
    return report


def _ours(obj: Any, routine: str) -> Any | None:
    """The VEVENT of a calendar object if this routine wrote it, else None."""
    try:
        instance = obj.icalendar_instance
    except Exception:
        return None
    for component in instance.walk("VEVENT"):
        uid = str(component.get("uid", ""))
        if uid.endswith("@" + UID_DOMAIN) and str(component.get(ROUTINE_PROPERTY, "")) == routine:
            return component
    return None
