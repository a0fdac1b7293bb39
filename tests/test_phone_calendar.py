"""Changing the plan's events on the phone, against two real CalDAV servers (Radicale and
Xandikos), with the ``caldav`` library acting as the phone's calendar app: what the
person moved, deleted or renamed there stays as they left it, sync after sync."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from click.testing import Result

from .phone import CALENDAR, DENTIST_TASK, LIST, Server, running_server  # noqa: F401 (the fixture 'server')

# Every test here starts a CalDAV server.
pytestmark = pytest.mark.slow

ZONE = ZoneInfo("UTC")  # the computer's zone in README's examples, the plan's
FRIDAY = "2026-11-27T12:00:00+00:00"  # every sync runs before the plan's first day
PLAN_ARGS = ("back-care", "--start", "2026-11-30", "--weeks", "2")
DENTIST = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//someone else//EN\r
BEGIN:VEVENT\r
UID:dentist-2026-12-03@example.org\r
DTSTAMP:20261101T090000Z\r
DTSTART;TZID=Europe/Berlin:20261203T200000\r
DTEND;TZID=Europe/Berlin:20261203T203000\r
SUMMARY:Dentist\r
END:VEVENT\r
END:VCALENDAR\r
"""


def uid(recipe: str, day: str, slot: int = 1) -> str:
    return f"back-care.{recipe}.{day.replace('-', '')}.{slot}@remedy-planner"


def at(day: str, clock: str) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=ZONE)


def sync(cli: Callable[..., Result], server: Server, *extra: str, routine: str = "") -> Result:
    args = (routine, *PLAN_ARGS[1:]) if routine else PLAN_ARGS
    return cli("sync", *args, *server.sync_args(), *extra, env={**server.env(FRIDAY), "TZ": "UTC"})


def move(by: dt.timedelta) -> Callable[[Any, Any], None]:
    """Drag an event: its start and end change, nothing else."""

    def change(_calendar: Any, master: Any) -> None:
        for key in ("dtstart", "dtend"):
            when = master.decoded(key) + by
            master.pop(key)
            master.add(key, when)

    return change


def move_one_day(day: str, clock: str, to: str) -> Callable[[Any, Any], None]:
    """Move one day of a daily series: a second VEVENT with the same UID, whose
    RECURRENCE-ID names the day it replaces (what Apple, Google and Thunderbird write)."""

    def change(calendar: Any, master: Any) -> None:
        from icalendar import Event

        was = at(day, clock)
        length = master.decoded("dtend") - master.decoded("dtstart")
        override = Event()
        for key in ("uid", "summary", "description"):
            override.add(key, master[key])
        override.add("dtstamp", dt.datetime(2026, 11, 27, 13, tzinfo=dt.UTC))
        override.add("recurrence-id", was)
        override.add("dtstart", at(day, to))
        override.add("dtend", at(day, to) + length)
        calendar.add_component(override)

    return change


def exclude(day: str, clock: str) -> Callable[[Any, Any], None]:
    """ "Delete this occurrence" of a series: an EXDATE."""

    def change(_calendar: Any, master: Any) -> None:
        master.add("exdate", at(day, clock))

    return change


def rename(title: str) -> Callable[[Any, Any], None]:
    def change(_calendar: Any, master: Any) -> None:
        master["summary"] = title

    return change


def readme_runs() -> tuple[list[str], list[str]]:
    """What README's two examples of this print: the sync after the phone edits, and
    ``--remove``."""
    import re

    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Change it on the phone", 1)[1].split("\n## ", 1)[0]
    pattern = r"tests/test_phone_calendar\.py runs it[^\n]*\n```console\n(.*?)```"
    blocks = re.findall(pattern, section, re.S)
    assert len(blocks) == 2
    first, remove = (block.splitlines() for block in blocks)
    assert first[0].endswith(" ".join(PLAN_ARGS[1:]) + " --url https://cloud.example.org/"
                             "remote.php/dav/ --user anna")  # fmt: skip
    assert remove[0].endswith(" --remove")
    return first[1:], remove[1:]


def test_what_the_person_changed_in_the_calendar_stays_sync_after_sync(
    cli: Callable[..., Result], server: Server
) -> None:
    first = sync(cli, server)
    assert first.exit_code == 0, first.stderr
    assert "12 event(s) were created (36 sessions)" in first.stdout
    server.collection(CALENDAR).add_event(DENTIST)
    dentist = server.state(CALENDAR)["dentist-2026-12-03@example.org"]

    # The person's edits on the phone.
    server.change_event(uid("soda-mask", "2026-12-03"), move(dt.timedelta(hours=1)))
    server.change_event(uid("calendula-wipe", "2026-11-30"),
                        move_one_day("2026-12-02", "07:15", "08:00"))  # fmt: skip
    server.events()[uid("salt-clay-mask", "2026-12-05")].delete()
    server.change_event(uid("calendula-wipe", "2026-12-07", 2), exclude("2026-12-09", "21:45"))
    server.change_event(uid("chamomile-bath", "2026-12-06"),
                        rename("Chamomile bath - done, skin 4/5"))  # fmt: skip
    edited = server.state(CALENDAR)

    dry = sync(cli, server, "--dry-run")
    assert dry.exit_code == 0, dry.stderr
    second = sync(cli, server)
    assert second.exit_code == 0, second.stderr
    # README's example is this sync: what it prints, as README shows it.
    shown, _ = readme_runs()
    assert second.stdout.splitlines() == shown
    lines = second.stdout.splitlines()
    assert lines[0] == "kept 5 changes made in the calendar, as they are:"
    assert dry.stdout.splitlines()[:6] == [
        "would keep 5 changes made in the calendar, as they are:",
        *lines[1:6],
    ]
    for word in ("created", "updated", "deleted"):
        assert f"0 event(s) were {word}" in lines
        assert f"0 event(s) would be {word}" in dry.stdout.splitlines()
    # Nothing the person did was undone, and their own appointment is as it was.
    assert server.state(CALENDAR) == edited
    assert edited["dentist-2026-12-03@example.org"] == dentist
    # The third sync: the same, again.
    third = sync(cli, server)
    assert third.exit_code == 0, third.stderr
    assert third.stdout == second.stdout
    assert server.state(CALENDAR) == edited


def test_a_move_that_breaks_a_limit_is_left_with_a_warning_naming_it(
    cli: Callable[..., Result], server: Server
) -> None:
    assert sync(cli, server, "--tasks").exit_code == 0
    # Both of the first week's masks moved to Wednesday: two drying treatments that day.
    server.change_event(uid("soda-mask", "2026-11-30"), move(dt.timedelta(days=2)))
    server.change_event(uid("soda-mask", "2026-12-03"), move(dt.timedelta(days=-1, hours=1)))
    edited = server.state(CALENDAR)
    result = sync(cli, server, "--tasks")
    assert result.exit_code == 0, result.stderr
    # Their tasks were for the planned times, and are gone (README says so).
    masks = [u for u in server.tasks() if ".soda-mask." in u]
    assert masks == [] or all(u.split(".")[2] > "20261208" for u in masks), masks
    limit = (
        "as set in the calendar: 2 Baking-soda mask sessions on Wed 2 Dec; at most 1 a day "
        "(default: once a day unless the recipe says otherwise); left as it is"
    )
    assert result.stderr.splitlines() == [
        f"warning: 2026-12-02 20:00 Baking-soda mask, {limit}",
        f"warning: 2026-12-02 21:00 Baking-soda mask, {limit}",
    ]
    after = server.state(CALENDAR)
    for moved in (uid("soda-mask", "2026-11-30"), uid("soda-mask", "2026-12-03")):
        assert after[moved] == edited[moved]
    # The rest is planned around them: no third mask in the 7 days from 2 December.
    masks = sorted(u.split(".")[2] for u in after if ".soda-mask." in u)
    assert masks[:2] == ["20261130", "20261203"]  # the two the person moved
    assert masks[2] >= "20261209" and len(masks) == 4, masks
    third = sync(cli, server)
    assert (third.exit_code, third.stderr) == (0, result.stderr)
    assert server.state(CALENDAR) == after


def test_a_copied_routine_is_named_and_remove_takes_one_routine_away(
    cli: Callable[..., Result], server: Server, tmp_path: Path
) -> None:
    assert sync(cli, server, "--tasks").exit_code == 0
    server.collection(CALENDAR).add_event(DENTIST)
    server.collection(LIST).add_todo(DENTIST_TASK)
    tasks = server.state(LIST)
    assert len(tasks) == 1 + 28  # today and the 13 days after it
    # A session of back-care moved on the phone: still back-care's, removed with it.
    server.change_event(uid("soda-mask", "2026-12-03"), move(dt.timedelta(hours=1)))
    # README's way to change the mask days, done the obvious wrong way: a copy with a new
    # id (its file name) and the same title, so the same calendar.
    template = (Path(__file__).parents[1] / "templates" / "back-care.toml").read_text()
    copy = tmp_path / "my-back.toml"
    copy.write_text(template.replace('days = ["mon", "thu"]', 'days = ["tue", "fri"]'))
    assert copy.read_text() != template
    warning = (
        f"warning: the calendar '{CALENDAR}' also holds 12 event(s) of routine 'back-care' "
        "on these days; if 'my-back' is a copy of it, put id = \"back-care\" in its file so "
        "that it takes their place, or remove them with: remedy-planner sync back-care --remove"
    )
    before = server.state(CALENDAR)
    dry = sync(cli, server, "--dry-run", routine=str(copy))
    assert (dry.exit_code, dry.stderr.splitlines()) == (0, [warning])
    assert "12 event(s) would be created (36 sessions)" in dry.stdout
    assert server.state(CALENDAR) == before
    copied = sync(cli, server, routine=str(copy))
    assert (copied.exit_code, copied.stderr.splitlines()) == (0, [warning])
    both = server.state(CALENDAR)
    assert len(both) == 12 + 12 + 1

    # --remove: back-care's events go, the copy's and the dentist stay.
    dry = sync(cli, server, "--remove", "--dry-run")
    assert (dry.exit_code, dry.stderr) == (0, "")
    assert dry.stdout == (
        "12 event(s) would be deleted from 'Back care' (36 sessions)\n"
        f"28 task(s) would be deleted from '{LIST}'\n"
    )
    assert server.state(CALENDAR) == both
    assert server.state(LIST) == tasks
    removed = sync(cli, server, "--remove")
    assert (removed.exit_code, removed.stderr) == (0, "")
    _, shown = readme_runs()
    assert removed.stdout.splitlines() == shown
    assert server.state(LIST) == {"call-dentist@example.org": tasks["call-dentist@example.org"]}
    left = server.state(CALENDAR)
    assert {u: text for u, text in both.items() if not u.startswith("back-care.")} == left
    assert left["dentist-2026-12-03@example.org"] == before["dentist-2026-12-03@example.org"]
    again = sync(cli, server, "--remove")
    assert again.stdout == (
        "0 event(s) were deleted from 'Back care' (0 sessions)\n"
        f"0 task(s) were deleted from '{LIST}'\n"
    )
    # The copy alone now: nothing to warn about, nothing to change.
    alone = sync(cli, server, routine=str(copy))
    assert (alone.exit_code, alone.stderr) == (0, "")
    assert "12 event(s) already up to date in 'Back care'" in alone.stdout
    assert server.state(CALENDAR) == left
