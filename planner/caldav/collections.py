"""Finding the collections sync writes to: the account's calendar home, a calendar given
by its URL, or one found by its name and made when missing (for events or for tasks).

Only the home's direct children are candidates; anything else a server lists there is
reported and left alone.
"""

from __future__ import annotations

import urllib.parse
from typing import Any

from planner.caldav.client import Reply, Session, child_name, is_itself, redact, status_text
from planner.caldav.objects import _XML, Conflict, absolute, fail, outside
from planner.caldav.xml import CALDAV, DAV, mkcalendar_body, parse_multistatus, propfind_body
from planner.errors import SyncError


def collection_id(name: str) -> str:
    slug = "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-")
    return "-".join(part for part in slug.split("-") if part)[:60] or "remedy-planner"


def propfind(
    session: Session, url: str, depth: str, *props: str, what: str = ""
) -> tuple[Reply, list[Any]]:
    reply = session.request("PROPFIND", url, propfind_body(*props), {**_XML, "Depth": depth})
    if reply.status != 207:
        raise fail(reply, what)
    return reply, parse_multistatus(reply)


def calendar_home(session: Session, url: str) -> str:
    """The calendar home of the signed-in user (RFC 6764 discovery, one origin only)."""
    props = ("d:current-user-principal", "c:calendar-home-set", "d:resourcetype")
    reply, found = propfind(session, url, "0", *props)
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
    reply, found = propfind(session, account, "0", "c:calendar-home-set", what="account")
    home = found[0].href_of(f"{CALDAV}calendar-home-set") if found else None
    if home is None:
        raise SyncError(f"{redact(account)}: the server names no calendar home for this user")
    return session.resolve(reply.url, home, "calendar home")


def calendar_at(session: Session, url: str, what: str = "calendar") -> str:
    """A calendar (or task list) given by its URL: it must exist and be a calendar."""
    url = session.resolve(url, url, what)
    _, found = propfind(session, url, "0", "d:resourcetype", "d:displayname", what=what)
    if not found or not found[0].is_calendar():
        raise SyncError(f"{redact(url)}: this is not a {what}")
    return url


def find_or_make(
    session: Session,
    url: str,
    name: str,
    dry_run: bool,
    conflicts: list[Conflict],
    component: str = "VEVENT",
    make: bool = True,
) -> tuple[str | None, bool]:
    """The calendar with this display name, made (for ``component``) if missing; None when
    a dry run would make it, or when it is missing and ``make`` is false.

    Only the home's direct children are candidates; anything else listed is reported."""
    home = calendar_home(session, url)
    reply, found = propfind(
        session, home, "1", "d:resourcetype", "d:displayname", what="calendar home"
    )
    taken: dict[str, str | None] = {}
    elsewhere: list[str] = []
    for item in found:
        item_url = absolute(reply.url, item.href)
        if is_itself(home, item_url):
            continue
        if child_name(home, item_url, folder=True) is None:
            elsewhere.append(item_url)
            continue
        shown = item.text(f"{DAV}displayname")
        if item.is_calendar() and shown == name:
            return item_url, False
        taken[urllib.parse.unquote(urllib.parse.urlsplit(item_url).path).rstrip("/")] = (
            shown if item.is_calendar() else None
        )
    if elsewhere:
        where = f"the calendar home {redact(home)}"
        conflicts.append(outside("collection", where, elsewhere))
    if not make:
        return None, False
    slug = collection_id(name)
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
    made = session.request("MKCALENDAR", target, mkcalendar_body(name, component), _XML)
    if made.ok:
        return target, True
    if made.status in (405, 409):
        # Another run may have made it a moment ago: use it if it is the calendar we want.
        _, again = propfind(session, target, "0", "d:resourcetype", "d:displayname")
        if again and again[0].is_calendar() and again[0].text(f"{DAV}displayname") == name:
            return target, False
        raise SyncError(
            f"{redact(target)}: the calendar '{name}' cannot be made there; "
            f"the server answered {status_text(made)}"
        )
    raise fail(made, "calendar home")
