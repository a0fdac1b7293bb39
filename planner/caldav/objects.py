"""The objects of one calendar collection: reading them, telling ours from anyone
else's, and changing ours one at a time without ever overwriting someone else's.

An object is ours only when everything in it (beside its time zones) is one of our
components, as an ``owns`` test says; the events of ``planner.caldav.sync`` and the
tasks of ``planner.caldav.tasks`` each bring their own. Only direct children of the
collection are read, and so only they can ever be changed or deleted; anything else a
server lists is reported and left. A new object is stored with ``If-None-Match: *``,
an update or delete carries ``If-Match`` with the ETag this run saw, so an object that
changed meanwhile is looked at again (once) instead of replaced.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import urllib.parse
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from planner.caldav.client import Reply, Session, child_name, is_itself, redact, status_text
from planner.caldav.xml import CALDAV, DAV, component_query, parse_multistatus
from planner.core.plan import Plan
from planner.core.record import record
from planner.errors import SyncError
from planner.formats.ics import calendar_head

_XML = {"Content-Type": "application/xml; charset=utf-8"}
_ICS = "text/calendar; charset=utf-8"

Owns = Callable[[Any], bool]  # whether one component (VEVENT or VTODO) is ours


@dataclass(frozen=True)
class Kind:
    """What one sync keeps in one collection: this routine's events, or its tasks."""

    component: str  # "VEVENT" or "VTODO"
    owns: Owns
    word: str  # "event" or "task", in messages
    collection: str  # "calendar" or "task list", in messages
    # What is compared with the plan's wish (``Wanted.digest``), and whether a copy
    # found again after a race may still be changed (a task the person ticked may not).
    digest: Callable[..., str] = field(default=lambda *parts: digest(*parts))
    may_change: Callable[[Stored], bool] = field(default=lambda _stored: True)


@record
class Change:
    """One event created, updated or deleted on the server."""

    kind: str  # create | update | delete
    uid: str
    label: str  # "2026-11-30 20:00 Baking-soda mask"
    sessions: int = 1  # a daily series holds one a day


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


@record
class Wanted:
    """An event as the plan wants it on the server."""

    uid: str
    label: str
    digest: str
    event: Any  # icalendar Event


@dataclass
class Tally:
    """What a sync of one collection changed, found unchanged, or left alone."""

    changes: list[Change] = field(default_factory=list)
    unchanged: int = 0
    conflicts: list[Conflict] = field(default_factory=list)  # what was left as it is
    stored: list[Stored] = field(default_factory=list)  # what the collection held
    planned: int = 0  # changes this run set out to make

    def count(self, kind: str) -> int:
        return sum(1 for c in self.changes if c.kind == kind)

    def published(self, before: Collection[str]) -> set[str]:
        """The UIDs of ours in the collection after this run's changes, with those
        published ``before`` (the ones since deleted by the person stay remembered)."""
        made = {c.uid for c in self.changes if c.kind == "create"}
        gone = {c.uid for c in self.changes if c.kind == "delete"}
        on_server = {uid for obj in self.stored if obj.ours for uid in obj.uids}
        return (set(before) | on_server | made) - gone

    def listed(self, kind: str) -> list[Change]:
        """The changes of one kind in date and time order, as a calendar shows them
        (``changes`` is in the order they were made, which follows the server's)."""
        return sorted((c for c in self.changes if c.kind == kind), key=_time_order)


def _time_order(change: Change) -> tuple[str, str, str]:
    """Labels start with the ISO date, then the time unless the event lasts all day."""
    day, _, rest = change.label.partition(" ")
    clock = rest[:5] if len(rest) > 5 and rest[2] == ":" and rest[5] == " " else ""
    return day, clock, change.label


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


def digest(*events: Any) -> str:
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


def label(event: Any) -> str:
    try:
        start = event.decoded("dtstart")
    except (KeyError, ValueError):
        return str(event.get("summary", ""))
    when = start.strftime("%Y-%m-%d %H:%M") if isinstance(start, dt.datetime) else str(start)
    return f"{when} {event.get('summary', '')}"


def sessions(component: Any = None) -> int:
    """How many sessions an event stands for: the days of a daily series, else one."""
    rule = None if component is None else component.get("rrule")
    count = None if rule is None else rule.get("COUNT")
    if isinstance(count, list):  # as read back; as built, the number itself
        count = count[0] if count else None
    return count if isinstance(count, int) and count > 0 else 1


def object_bytes(plan: Plan, component: Any) -> bytes:
    """One calendar object resource: a VCALENDAR with the VTIMEZONE and one component."""
    cal = calendar_head(plan, method=False)
    cal.add_component(component)
    return bytes(cal.to_ical())


def fail(reply: Reply, what: str = "") -> SyncError:
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


def parse_object(url: str, etag: str | None, data: str, kind: Kind) -> Stored:
    from icalendar import Calendar

    try:
        cal = Calendar.from_ical(data)
        # Beside the time zones, what the object holds: a person's to-do or note in it
        # makes it theirs, however many of our components sit beside it.
        parts = [c for c in cal.subcomponents if c.name != "VTIMEZONE"]
    except Exception:  # anything unreadable is simply not ours
        return Stored(url, etag, [], [])
    uids = [str(part.get("uid", "")) for part in parts if part.name == kind.component]
    ours = [part for part in parts if part.name == kind.component and kind.owns(part)]
    # An object is ours only if everything in it is one of our components.
    return Stored(url, etag, list(dict.fromkeys(uids)), ours if len(ours) == len(parts) else [])


def get_object(session: Session, url: str, kind: Kind) -> Stored | None:
    reply = session.request("GET", url)
    if reply.status == 404 or reply.status == 410:
        return None
    if not reply.ok:
        raise fail(reply, kind.word)
    return parse_object(url, reply.header("ETag"), reply.body.decode("utf-8", "replace"), kind)


def absolute(base: str, href: str) -> str:
    """An href of an answer as an absolute URL; as written when it cannot be read (a
    broken IPv6 address), which then names nothing inside any collection."""
    try:
        return urllib.parse.urljoin(base, href)
    except ValueError:
        return href


def outside(what: str, where: str, urls: list[str]) -> Conflict:
    """What to report of objects a server listed outside the one collection asked about."""
    return Conflict("outside", url=urls[0], count=len(urls), where=f"{what} {where}")


def stored_objects(session: Session, cal_url: str, kind: Kind, tally: Tally) -> list[Stored]:
    """The collection's objects that hold a component of ``kind``: only its direct
    children are read, and so only they can ever be changed or deleted. Anything else
    the server lists is reported and left."""
    query = component_query(kind.component)
    reply = session.request("REPORT", cal_url, query, {**_XML, "Depth": "1"})
    if reply.status != 207:
        raise fail(reply, "calendar")
    out: list[Stored] = []
    elsewhere: list[str] = []
    for item in parse_multistatus(reply):
        url = absolute(reply.url, item.href)
        if is_itself(cal_url, url):
            continue
        if child_name(cal_url, url) is None:
            elsewhere.append(url)
            continue
        data = item.text(f"{CALDAV}calendar-data")
        etag = item.text(f"{DAV}getetag")
        if data:
            out.append(parse_object(url, etag, data, kind))
        else:
            fetched = get_object(session, url, kind)
            if fetched is not None:
                out.append(fetched)
    if elsewhere:
        where = f"the {kind.collection} {redact(cal_url)}"
        tally.conflicts.append(outside("object", where, elsewhere))
    return out


def path_of(url: str) -> str:
    """A URL's path as the server stores it, for telling which object is where."""
    return urllib.parse.unquote(urllib.parse.urlsplit(url).path)


def place_new(
    tally: Tally,
    collection: str | None,
    want: Wanted,
    change: Change,
    foreign: Mapping[str, Stored],
    paths: Collection[str],
    skippable: Collection[str],
) -> tuple[Change, Any, Any] | str:
    """Where a new object of ours goes, as a planned change; "skipped" when the person
    deleted it (``skippable``), "left" when a foreign object holds its UID or its place
    (reported in ``tally``)."""
    uid = want.uid
    if uid in foreign:
        tally.conflicts.append(Conflict("foreign", uid, want.label, foreign[uid].url))
        return "left"
    if uid in skippable:
        return "skipped"
    target = object_url(collection, uid) if collection else uid
    if collection and path_of(target) in paths:
        tally.conflicts.append(Conflict("occupied", uid, want.label, target))
        return "left"
    return change, want, target


def object_url(cal_url: str, uid: str) -> str:
    base = cal_url if cal_url.endswith("/") else cal_url + "/"
    return base + urllib.parse.quote(uid, safe="") + ".ics"


class Writer:
    """Applies one change at a time with the ETag preconditions, settling races."""

    def __init__(self, session: Session, plan: Plan | None, report: Tally, kind: Kind) -> None:
        self.session = session
        self.plan = plan
        self.report = report
        self.kind = kind

    def _plan(self) -> Plan:
        assert self.plan is not None, "only deleting needs no plan"
        return self.plan

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
        change = Change("create", want.uid, want.label, sessions(event))
        reply = self._put(url, object_bytes(self._plan(), event), create=True, etag=None)
        if reply.ok:
            self.report.changes.append(change)
            return
        if reply.status == 412 and not retry:
            self._changed_meanwhile(want.uid, want.label)
            return
        if reply.status == 412:
            # Something is at that address now: ours from another run, or foreign.
            found = get_object(self.session, url, self.kind)
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
        elif self.kind.digest(*found.ours) == want.digest:
            self.report.unchanged += 1
        elif not self.kind.may_change(found):
            self._changed_meanwhile(want.uid, want.label)
        else:
            self.update(want, found, event, retry=False)

    def update(self, want: Wanted, stored: Stored, event: Any, retry: bool = True) -> None:
        change = Change("update", want.uid, want.label, sessions(event))
        event["sequence"] = int(stored.ours[0].get("sequence", 0)) + 1
        reply = self._put(
            stored.url, object_bytes(self._plan(), event), create=False, etag=stored.etag
        )
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
            found = get_object(self.session, stored.url, self.kind)
            if found is None:
                event["sequence"] = 0
                self.create(want, stored.url, event, retry=False)
            else:
                self._settle(want, found, event)
            return
        raise self._rejected(change, reply)

    def delete(self, stored: Stored, label: str, retry: bool = True) -> None:
        change = Change("delete", stored.uid, label, sessions(*stored.ours[:1]))
        headers = {"If-Match": stored.etag} if stored.etag else {}
        reply = self.session.request("DELETE", stored.url, None, headers)
        if reply.ok or reply.status in (404, 410):
            self.report.changes.append(change)
            return
        if reply.status == 412 and retry:
            found = get_object(self.session, stored.url, self.kind)
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

    def apply(
        self, planned: list[tuple[Change, Any, Any]], progress: Callable[[Change], None] | None
    ) -> None:
        """Make each change in turn: (change, Wanted or None, target URL or Stored)."""
        self.report.planned = len(planned)
        for change, want, target in planned:
            before = len(self.report.changes)
            if change.kind == "create":
                url = target.url if isinstance(target, Stored) else target
                self.create(want, url, want.event)
            elif change.kind == "update":
                assert isinstance(target, Stored)
                self.update(want, target, want.event)
            else:
                assert isinstance(target, Stored)
                self.delete(target, change.label)
            if progress and len(self.report.changes) > before:
                progress(self.report.changes[-1])
