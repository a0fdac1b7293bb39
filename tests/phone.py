"""A real CalDAV server (Radicale or Xandikos) started for a test, and the phone's view
of it: the ``caldav`` library, acting as the phone's calendar and task apps."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .servers import free_port, radicale, xandikos

LIST = "Back care - to do"  # back-care's task list
CALENDAR = "Back care"  # and its calendar
# The person's own task, in the routine's task list.
DENTIST_TASK = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//someone else//EN\r
BEGIN:VTODO\r
UID:call-dentist@example.org\r
DTSTAMP:20261101T090000Z\r
SUMMARY:Call the dentist\r
STATUS:NEEDS-ACTION\r
END:VTODO\r
END:VCALENDAR\r
"""


class Server:
    """A running server: its URL, the sign-in sync needs, and the phone's view of it."""

    def __init__(self, name: str, url: str, user: str | None, password: str | None) -> None:
        self.name, self.url, self.user, self.password = name, url, user, password

    def sync_args(self) -> tuple[str, ...]:
        return ("--url", self.url, *(("--user", self.user) if self.user else ()))

    def env(self, now: str) -> dict[str, str]:
        return {"REMEDY_PLANNER_NOW": now, "REMEDY_PLANNER_PASSWORD": self.password or ""}

    def client(self) -> Any:
        import caldav

        return caldav.DAVClient(url=self.url, username=self.user, password=self.password)

    def collection(self, name: str) -> Any:
        found = [c for c in self.client().principal().calendars() if c.get_display_name() == name]
        assert len(found) == 1, [
            c.get_display_name() for c in self.client().principal().calendars()
        ]
        return found[0]

    def tasks(self) -> dict[str, Any]:
        """The task list's tasks by UID, ticked ones too."""
        todos = self.collection(LIST).todos(include_completed=True)
        return {str(t.icalendar_component["uid"]): t for t in todos}

    def tick(self, uid: str, when: dt.datetime) -> None:
        self.tasks()[uid].complete(completion_timestamp=when)

    def untick(self, uid: str) -> None:
        self.tasks()[uid].uncomplete()

    def delete(self, uid: str) -> None:
        self.tasks()[uid].delete()

    def edit(self, uid: str, **values: Any) -> None:
        todo = self.tasks()[uid]
        component = todo.icalendar_component
        for key, value in values.items():
            component.pop(key, None)
            component.add(key, value)
        todo.save()

    def events(self, name: str = CALENDAR) -> dict[str, Any]:
        """The calendar's events by UID (an event with its moved days is one object)."""
        return {str(e.icalendar_component["uid"]): e for e in self.collection(name).events()}

    def change_event(self, uid: str, change: Any) -> None:
        """Change an event as a calendar app does: read it, change its components
        (``change(calendar, master)``), and save it whole."""
        event = self.events()[uid]
        calendar = event.icalendar_instance
        master = next(c for c in calendar.walk("VEVENT") if "RECURRENCE-ID" not in c)
        change(calendar, master)
        event.save(increase_seqno=False)

    def state(self, name: str) -> dict[str, str]:
        """Every object of a collection by UID, its text as the server holds it."""
        cal = self.collection(name)
        objects = cal.todos(include_completed=True) if name == LIST else cal.events()
        return {str(obj.icalendar_component["uid"]): obj.data for obj in objects}


@pytest.fixture(name="server", params=["radicale", "xandikos"])
def running_server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Server]:
    if request.param == "radicale":
        users = tmp_path / "users"
        users.write_text("alice:secret\n")
        with radicale(tmp_path, htpasswd=users, port=free_port()) as url:
            yield Server("radicale", url, "alice", "secret")
    else:
        with xandikos(tmp_path) as url:
            yield Server("xandikos", url, None, None)
