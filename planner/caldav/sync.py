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
import hashlib
import urllib.parse
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from planner.caldav.client import (
    Reply,
    Session,
    check_url,
    child_name,
    is_itself,
    redact,
    status_text,
)
from planner.caldav.xml import (
    CALDAV,
    DAV,
    EVENTS_QUERY,
    mkcalendar_body,
    parse_multistatus,
    propfind_body,
)
from planner.core.plan import Plan
from planner.core.recipe import Recipe
from planner.core.record import record
from planner.errors import SyncError
from planner.formats.ics import (
    ROUTINE_PROPERTY,
    UID_DOMAIN,
    IcsOptions,
    calendar_events,
    calendar_head,
)

__all__ = ["Change", "Conflict", "SyncError", "SyncReport", "sync_plan", "wanted_events"]

_XML = {"Content-Type": "application/xml; charset=utf-8"}
_ICS = "text/calendar; charset=utf-8"


@record
class Change:
    """One event created, updated or deleted on the server."""

    kind: str  # create | update | delete
    uid: str
    label: str  # "2026-11-30 20:00 Baking-soda mask"


@record
class Conflict:
    """Something sync left as it is, and why; ``str()`` is the sentence shown.

    ``kind`` is one of: "foreign" (an object not this routine's holds one of its UIDs),
    "occupied" (a foreign object stands where an event belongs), "refused" (the server
    answered 409 for a UID), "changed" (the object changed on the server while this sync
    ran), "outside" (the server listed ``count`` objects or collections outside the one
    calendar or home asked about; ``url`` is the first).
    """

    kind: str
    uid: str = ""
    label: str = ""
    url: str = ""
    count: int = 0
    where: str = ""  # "outside": the calendar or home, and "object" or "collection"

    def __str__(self) -> str:
        url = redact(self.url)
        if self.kind == "foreign":
            return f"a foreign event holds UID {self.uid} ({self.label}) at {url}; left as it is"
        if self.kind == "occupied":
            return (
                f"a foreign object is stored at {url}, where the event {self.uid} "
                f"({self.label}) belongs; left as it is"
            )
        if self.kind == "refused":
            return (
                f"the server reports a conflict (409) for UID {self.uid} ({self.label}): an "
                "event that is not this routine's holds that UID; left as it is"
            )
        if self.kind == "changed":
            return (
                f"{self.uid} ({self.label}) changed on the server while this sync ran; "
                "left as it is (the next sync looks again)"
            )
        what, _, outside_of = self.where.partition(" ")
        return (
            f"the server listed {self.count} {what}{'s' if self.count != 1 else ''} outside "
            f"{outside_of} (such as {url}); not read and not changed"
        )


@dataclass
class SyncReport:
    """What a sync changed, found unchanged, or left alone."""

    calendar: str
    created_calendar: bool = False
    changes: list[Change] = field(default_factory=list)
    unchanged: int = 0
    past: int = 0  # events of earlier plans, over before this plan's first day: kept
    dry_run: bool = False
    conflicts: list[Conflict] = field(default_factory=list)  # what was left as it is

    def count(self, kind: str) -> int:
        return sum(1 for c in self.changes if c.kind == kind)

    def listed(self, kind: str) -> list[Change]:
        """The changes of one kind in date and time order, as a calendar shows them
        (``changes`` is in the order they were made, which follows the server's)."""
        return sorted((c for c in self.changes if c.kind == kind), key=_time_order)


def _time_order(change: Change) -> tuple[str, str, str]:
    """Labels start with the ISO date, then the time unless the event lasts all day."""
    day, _, rest = change.label.partition(" ")
    clock = rest[:5] if len(rest) > 5 and rest[2] == ":" and rest[5] == " " else ""
    return day, clock, change.label


@record
class Wanted:
    """An event as the plan wants it on the server."""

    uid: str
    label: str
    digest: str
    event: Any  # icalendar Event


@dataclass
class Stored:
    """One calendar object resource as the server holds it."""

    url: str
    etag: str | None
    uids: list[str]
    ours: list[Any]  # this routine's VEVENTs in it (empty: not ours)

    @property
    def uid(self) -> str:
        return self.uids[0] if self.uids else ""


_VOLATILE = (b"DTSTAMP", b"SEQUENCE", b"LAST-MODIFIED", b"CREATED")


def _digest(*events: Any) -> str:
    """A hash of what events say, read back through icalendar so that the same
    content gives the same hash whoever wrote it; stamps and counters left out."""
    from icalendar import Event

    lines: list[bytes] = []
    for event in events:
        canonical = Event.from_ical(bytes(event.to_ical()))
        lines += [
            line
            for line in bytes(canonical.to_ical()).split(b"\r\n")
            if not line.startswith(_VOLATILE)
        ]
    return hashlib.sha256(b"\r\n".join(lines)).hexdigest()


def _label(event: Any) -> str:
    try:
        start = event.decoded("dtstart")
    except (KeyError, ValueError):
        return str(event.get("summary", ""))
    when = start.strftime("%Y-%m-%d %H:%M") if isinstance(start, dt.datetime) else str(start)
    return f"{when} {event.get('summary', '')}"


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
        out[uid] = Wanted(uid, _label(event), _digest(event), event)
    return out


def _object(plan: Plan, event: Any) -> bytes:
    """One calendar object resource: a VCALENDAR with the VTIMEZONE and one VEVENT."""
    cal = calendar_head(plan, method=False)
    cal.add_component(event)
    return bytes(cal.to_ical())


def _calendar_id(name: str) -> str:
    slug = "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-")
    return "-".join(part for part in slug.split("-") if part)[:60] or "remedy-planner"


def _fail(reply: Reply, what: str = "") -> SyncError:
    """The one-line error for a reply that is not what was asked for."""
    where = redact(reply.url)
    if reply.status == 401:
        return SyncError(
            f"{where}: the server refused the user name or password (401 Unauthorized)"
        )
    if reply.status == 403:
        return SyncError(
            f"{where}: this user may not use that {what or 'resource'} (403 Forbidden)"
        )
    if reply.status == 404:
        found = f"there is no {what}" if what else "nothing was found"
        return SyncError(f"{where}: {found} at this address (404 Not Found)")
    return SyncError(f"{where}: the server answered {status_text(reply)}")


def _propfind(
    session: Session, url: str, depth: str, *props: str, what: str = ""
) -> tuple[Reply, list[Any]]:
    reply = session.request("PROPFIND", url, propfind_body(*props), {**_XML, "Depth": depth})
    if reply.status != 207:
        raise _fail(reply, what)
    return reply, parse_multistatus(reply)


def _home(session: Session, url: str) -> str:
    """The calendar home of the signed-in user (RFC 6764 discovery, one origin only)."""
    props = ("d:current-user-principal", "c:calendar-home-set", "d:resourcetype")
    reply, found = _propfind(session, url, "0", *props)
    here = found[0] if found else None
    if here is not None and (home := here.href_of(f"{CALDAV}calendar-home-set")):
        return session.resolve(reply.url, home, "calendar home")
    principal = None if here is None else here.href_of(f"{DAV}current-user-principal")
    if principal is None:
        raise SyncError(
            f"{redact(url)}: no CalDAV account found there (the server names no "
            "current-user-principal); give the address of the server's CalDAV root"
        )
    account = session.resolve(reply.url, principal, "account")
    reply, found = _propfind(session, account, "0", "c:calendar-home-set", what="account")
    home = found[0].href_of(f"{CALDAV}calendar-home-set") if found else None
    if home is None:
        raise SyncError(f"{redact(account)}: the server names no calendar home for this user")
    return session.resolve(reply.url, home, "calendar home")


def _calendar_at(session: Session, url: str) -> str:
    """A calendar given by its URL: it must exist and be a calendar."""
    url = session.resolve(url, url, "calendar")
    _, found = _propfind(session, url, "0", "d:resourcetype", "d:displayname", what="calendar")
    if not found or not found[0].is_calendar():
        raise SyncError(f"{redact(url)}: this is not a calendar")
    return url


def _find_or_make(
    session: Session, url: str, name: str, dry_run: bool, report: SyncReport
) -> tuple[str | None, bool]:
    """The calendar with this display name, made if missing (None: a dry run would make it).

    Only the home's direct children are candidates; anything else listed is reported."""
    home = _home(session, url)
    reply, found = _propfind(
        session, home, "1", "d:resourcetype", "d:displayname", what="calendar home"
    )
    taken: dict[str, str | None] = {}
    outside: list[str] = []
    for item in found:
        item_url = _absolute(reply.url, item.href)
        if is_itself(home, item_url):
            continue
        if child_name(home, item_url, folder=True) is None:
            outside.append(item_url)
            continue
        shown = item.text(f"{DAV}displayname")
        if item.is_calendar() and shown == name:
            return item_url, False
        taken[urllib.parse.unquote(urllib.parse.urlsplit(item_url).path).rstrip("/")] = (
            shown if item.is_calendar() else None
        )
    if outside:
        report.conflicts.append(_outside("collection", f"the calendar home {redact(home)}",
                                         outside))  # fmt: skip
    slug = _calendar_id(name)
    target = urllib.parse.urljoin(home if home.endswith("/") else home + "/", slug + "/")
    path = urllib.parse.unquote(urllib.parse.urlsplit(target).path).rstrip("/")
    if path in taken:
        other = taken[path]
        if other is not None:
            raise SyncError(
                f"{redact(target)}: a calendar named '{other}' is already there (renamed?); "
                "choose it by that name or by its URL, or choose another calendar name"
            )
        for n in range(2, 100):
            target = urllib.parse.urljoin(
                home if home.endswith("/") else home + "/", f"{slug}-{n}/"
            )
            if urllib.parse.unquote(urllib.parse.urlsplit(target).path).rstrip("/") not in taken:
                break
    if dry_run:
        return None, True
    made = session.request("MKCALENDAR", target, mkcalendar_body(name), _XML)
    if made.ok:
        return target, True
    if made.status in (405, 409):
        # Another run may have made it a moment ago: use it if it is the calendar we want.
        _, again = _propfind(session, target, "0", "d:resourcetype", "d:displayname")
        if again and again[0].is_calendar() and again[0].text(f"{DAV}displayname") == name:
            return target, False
        raise SyncError(
            f"{redact(target)}: the calendar '{name}' cannot be made there; "
            f"the server answered {status_text(made)}"
        )
    raise _fail(made, "calendar home")


def _parse_object(url: str, etag: str | None, data: str, routine: str) -> Stored:
    from icalendar import Calendar

    try:
        cal = Calendar.from_ical(data)
        events = list(cal.walk("VEVENT"))
        # Beside the time zones, what the object holds: a person's to-do or note in it
        # makes it theirs, however many of our events sit beside it.
        parts = [c for c in cal.subcomponents if c.name != "VTIMEZONE"]
    except Exception:  # anything unreadable is simply not ours
        return Stored(url, etag, [], [])
    uids = [str(ev.get("uid", "")) for ev in events]
    ours = [
        ev
        for ev in parts
        if ev.name == "VEVENT"
        and str(ev.get("uid", "")).endswith("@" + UID_DOMAIN)
        and str(ev.get(ROUTINE_PROPERTY, "")) == routine
    ]
    # An object is ours only if everything in it is one of our events.
    return Stored(url, etag, list(dict.fromkeys(uids)), ours if len(ours) == len(parts) else [])


def _get(session: Session, url: str, routine: str) -> Stored | None:
    reply = session.request("GET", url)
    if reply.status == 404 or reply.status == 410:
        return None
    if not reply.ok:
        raise _fail(reply, "event")
    return _parse_object(url, reply.header("ETag"), reply.body.decode("utf-8", "replace"), routine)


def _absolute(base: str, href: str) -> str:
    """An href of an answer as an absolute URL; as written when it cannot be read (a
    broken IPv6 address), which then names nothing inside any collection."""
    try:
        return urllib.parse.urljoin(base, href)
    except ValueError:
        return href


def _outside(what: str, where: str, urls: list[str]) -> Conflict:
    """What to report of objects a server listed outside the one collection asked about."""
    return Conflict("outside", url=urls[0], count=len(urls), where=f"{what} {where}")


def _stored_objects(
    session: Session, cal_url: str, routine: str, report: SyncReport
) -> list[Stored]:
    """The calendar's objects: only its direct children are read, and so only they can
    ever be changed or deleted. Anything else the server lists is reported and left."""
    reply = session.request("REPORT", cal_url, EVENTS_QUERY, {**_XML, "Depth": "1"})
    if reply.status != 207:
        raise _fail(reply, "calendar")
    out: list[Stored] = []
    outside: list[str] = []
    for item in parse_multistatus(reply):
        url = _absolute(reply.url, item.href)
        if is_itself(cal_url, url):
            continue
        if child_name(cal_url, url) is None:
            outside.append(url)
            continue
        data = item.text(f"{CALDAV}calendar-data")
        etag = item.text(f"{DAV}getetag")
        if data:
            out.append(_parse_object(url, etag, data, routine))
        else:
            fetched = _get(session, url, routine)
            if fetched is not None:
                out.append(fetched)
    if outside:
        report.conflicts.append(_outside("object", f"the calendar {redact(cal_url)}", outside))
    return out


def _event_url(cal_url: str, uid: str) -> str:
    base = cal_url if cal_url.endswith("/") else cal_url + "/"
    return base + urllib.parse.quote(uid, safe="") + ".ics"


class _Writer:
    """Applies one change at a time with the ETag preconditions, settling races."""

    def __init__(self, session: Session, plan: Plan, report: SyncReport) -> None:
        self.session = session
        self.plan = plan
        self.report = report

    def _put(self, url: str, body: bytes, *, create: bool, etag: str | None) -> Reply:
        headers = {"Content-Type": _ICS}
        if create:
            headers["If-None-Match"] = "*"
        elif etag:
            headers["If-Match"] = etag
        return self.session.request("PUT", url, body, headers)

    def _rejected(self, change: Change, reply: Reply) -> SyncError:
        return SyncError(
            f"{change.kind} {change.label} ({change.uid}): the server rejected it: "
            f"{reply.reason or status_text(reply)} ({reply.status}, {redact(reply.url)})"
        )

    def _changed_meanwhile(self, uid: str, label: str) -> None:
        self.report.conflicts.append(Conflict("changed", uid, label))

    def _foreign(self, uid: str, label: str, url: str) -> None:
        self.report.conflicts.append(Conflict("foreign", uid, label, url))

    # Each event gets one re-look: a 412 or 404 that still holds after it is a server that
    # keeps changing its mind, reported as changed meanwhile rather than asked again forever.

    def create(self, want: Wanted, url: str, event: Any, retry: bool = True) -> None:
        change = Change("create", want.uid, want.label)
        reply = self._put(url, _object(self.plan, event), create=True, etag=None)
        if reply.ok:
            self.report.changes.append(change)
            return
        if reply.status == 412 and not retry:
            self._changed_meanwhile(want.uid, want.label)
            return
        if reply.status == 412:
            # Something is at that address now: ours from another run, or foreign.
            found = _get(self.session, url, self.plan.routine)
            if found is None:
                raise self._rejected(change, reply)
            self._settle(want, found, event)
            return
        if reply.status == 409:
            self.report.conflicts.append(Conflict("refused", want.uid, want.label, url))
            return
        raise self._rejected(change, reply)

    def _settle(self, want: Wanted, found: Stored, event: Any) -> None:
        """After the re-look: what is there now decides, without another re-look."""
        if not found.ours or found.uid != want.uid:
            self._foreign(want.uid, want.label, found.url)
        elif _digest(*found.ours) == want.digest:
            self.report.unchanged += 1
        else:
            self.update(want, found, event, retry=False)

    def update(self, want: Wanted, stored: Stored, event: Any, retry: bool = True) -> None:
        change = Change("update", want.uid, want.label)
        event["sequence"] = int(stored.ours[0].get("sequence", 0)) + 1
        reply = self._put(stored.url, _object(self.plan, event), create=False, etag=stored.etag)
        if reply.ok:
            self.report.changes.append(change)
            return
        if reply.status in (404, 410, 412) and not retry:
            self._changed_meanwhile(want.uid, want.label)
            return
        if reply.status in (404, 410):
            event["sequence"] = 0
            self.create(want, stored.url, event, retry=False)
            return
        if reply.status == 412:
            found = _get(self.session, stored.url, self.plan.routine)
            if found is None:
                event["sequence"] = 0
                self.create(want, stored.url, event, retry=False)
            else:
                self._settle(want, found, event)
            return
        raise self._rejected(change, reply)

    def delete(self, stored: Stored, label: str, retry: bool = True) -> None:
        change = Change("delete", stored.uid, label)
        headers = {"If-Match": stored.etag} if stored.etag else {}
        reply = self.session.request("DELETE", stored.url, None, headers)
        if reply.ok or reply.status in (404, 410):
            self.report.changes.append(change)
            return
        if reply.status == 412 and retry:
            found = _get(self.session, stored.url, self.plan.routine)
            if found is None:
                self.report.changes.append(change)
            elif found.ours:
                self.delete(found, label, retry=False)
            else:
                self._foreign(stored.uid, label, stored.url)
            return
        if reply.status == 412:
            self._changed_meanwhile(stored.uid, label)
            return
        raise self._rejected(change, reply)


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
    session = session or Session(url, user, password, timeout=timeout)
    try:
        if by_url and calendar is not None:
            cal_url: str | None = _calendar_at(session, calendar)
            made = False
        else:
            cal_url, made = _find_or_make(session, url, name, dry_run, report)
        report.created_calendar = made
        stored = [] if cal_url is None else _stored_objects(session, cal_url, plan.routine, report)
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
        writer = _Writer(session, plan, report)
        for change, want, target in planned:
            before = len(report.changes)
            if change.kind == "create":
                writer.create(want, target.url if isinstance(target, Stored) else target,
                              want.event)  # fmt: skip
            elif change.kind == "update":
                assert isinstance(target, Stored)
                writer.update(want, target, want.event)
            else:
                assert isinstance(target, Stored)
                writer.delete(target, change.label)
            if progress and len(report.changes) > before:
                progress(report.changes[-1])
    finally:
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
            if _digest(*ours[uid].ours) == want.digest:
                report.unchanged += 1
            else:
                planned.append((Change("update", uid, want.label), want, ours[uid]))
            continue
        if uid in foreign_uids:
            holder = foreign_uids[uid]
            report.conflicts.append(Conflict("foreign", uid, want.label, holder.url))
            continue
        target = _event_url(cal_url, uid) if cal_url else uid
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
        planned.append((Change("delete", uid, _label(obj.ours[0])), None, obj))
    for obj in copies:
        planned.append((Change("delete", obj.uid, _label(obj.ours[0])), None, obj))
    return planned
