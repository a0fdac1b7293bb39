"""Reading what the person changed in an event of ours, without a server: each way a
calendar app stores an edit (see planner/caldav/changes.py), on the events sync writes."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from planner.caldav.changes import person_changed, read_changes
from planner.caldav.sync import wanted_events
from planner.formats.ics import DIGEST_PROPERTY, PLANNED_PROPERTY

from .libraries import builtin
from .test_sync_safety import builtin_plan

BERLIN = ZoneInfo("Europe/Berlin")
NOW = dt.datetime(2026, 11, 25, 9, 30, tzinfo=dt.UTC)
NAMES = {rid: recipe.name for rid, recipe in builtin().recipes.items()}
PLAN = builtin_plan(weeks=1)  # Monday 30 November to Sunday 6 December, in Berlin
WANTED = wanted_events(PLAN, builtin().recipes, NOW)
SERIES = "back-care.calendula-wipe.20261130.1@remedy-planner"  # 07:15, seven days
MASK = "back-care.soda-mask.20261203.1@remedy-planner"  # Thursday 20:00


def written(uid: str) -> Event:
    """The event as the server hands it back: written, then read again."""
    return Calendar.from_ical(WANTED[uid].event.to_ical()).walk("VEVENT")[0]


def at(day: int, clock: str) -> dt.datetime:
    """A time on a day of December 2026, in Berlin."""
    hour, minute = map(int, clock.split(":"))
    return dt.datetime(2026, 12, day, hour, minute, tzinfo=BERLIN)


def changes(*components: Event) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, bool]]]:
    edits, occurrences = read_changes(components, BERLIN, NAMES)
    return (
        [(e.kind, e.label, e.to) for e in edits],
        [(o.date.isoformat(), f"{o.start // 60:02}:{o.start % 60:02}", o.kept)
         for o in occurrences],
    )  # fmt: skip


def test_an_event_as_written_is_not_the_persons_nor_one_from_before_the_digest() -> None:
    event = written(MASK)
    assert not person_changed([event])
    # What an app adds beside (its stamps, a property of its own) is no change.
    event["dtstamp"] = event["dtstamp"]
    event.add("x-apple-travel-advisory-behavior", "AUTOMATIC")
    event["sequence"] = 4
    assert not person_changed([event])
    # Written by an earlier version: no digest, so nothing can be told; taken as unchanged.
    old = written(MASK)
    old.pop(DIGEST_PROPERTY)
    old.pop(PLANNED_PROPERTY)
    old["summary"] = "Something else"
    assert not person_changed([old])


def test_a_moved_event_holds_its_session_at_the_new_time() -> None:
    event = written(MASK)
    for key in ("dtstart", "dtend"):
        when = event.decoded(key) + dt.timedelta(days=1, hours=-1)
        event.pop(key)
        event.add(key, when)
    assert person_changed([event])
    assert changes(event) == (
        [("moved", "2026-12-03 20:00 Baking-soda mask", "2026-12-04 19:00")],
        [("2026-12-04", "19:00", True)],
    )


def test_each_day_of_a_series_is_read_moved_deleted_or_cancelled() -> None:
    master = written(SERIES)
    master.add("exdate", at(1, "07:15"))  # Tuesday: "delete this occurrence"
    moved = Event()
    moved.add("uid", SERIES)
    moved.add("recurrence-id", at(2, "07:15"))  # Wednesday: moved to 08:00
    moved.add("dtstart", at(2, "08:00"))
    moved.add("dtend", at(2, "08:25"))
    cancelled = Event()
    cancelled.add("uid", SERIES)
    cancelled.add("recurrence-id", at(4, "07:15"))  # Friday: an app's other way to delete
    cancelled.add("dtstart", at(4, "07:15"))
    cancelled.add("status", "CANCELLED")
    assert person_changed([master, moved, cancelled])
    edits, occurrences = changes(master, moved, cancelled)
    assert edits == [
        ("deleted", "2026-12-01 07:15 Calendula wipe", "one day of a series"),
        ("moved", "2026-12-02 07:15 Calendula wipe", "2026-12-02 08:00"),
        ("deleted", "2026-12-04 07:15 Calendula wipe", "one day of a series"),
    ]
    assert occurrences == [
        ("2026-11-30", "07:15", True),
        ("2026-12-01", "07:15", False),
        ("2026-12-02", "08:00", True),
        ("2026-12-03", "07:15", True),
        ("2026-12-04", "07:15", False),
        ("2026-12-05", "07:15", True),
        ("2026-12-06", "07:15", True),
    ]


def test_a_series_cut_short_this_and_following_deletes_its_last_days() -> None:
    for end in ({"count": 5}, {"until": at(4, "06:15").astimezone(dt.UTC)}):
        master = written(SERIES)
        master.pop("rrule")
        master.add("rrule", {"freq": "daily", **end})
        master = Calendar.from_ical(master.to_ical())  # as the server hands it back
        assert person_changed([master])
        edits, occurrences = changes(master)
        assert edits == [
            ("deleted", "2026-12-05 07:15 Calendula wipe", "one day of a series"),
            ("deleted", "2026-12-06 07:15 Calendula wipe", "one day of a series"),
        ], end
        assert [o[2] for o in occurrences] == [True] * 5 + [False] * 2


def test_a_new_title_or_note_is_a_change_and_keeps_the_session_where_it_was() -> None:
    renamed = written(MASK)
    renamed["summary"] = "DONE Baking-soda mask"
    assert person_changed([renamed])
    assert changes(renamed) == (
        [("changed", "2026-12-03 20:00 Baking-soda mask", "title 'DONE Baking-soda mask'")],
        [("2026-12-03", "20:00", True)],
    )
    noted = written(MASK)
    noted["description"] = "Done at 20:10, skin 4/5\n" + str(noted["description"])
    assert changes(noted)[0] == [("changed", "2026-12-03 20:00 Baking-soda mask", "text")]


def test_an_event_that_cannot_be_read_as_a_session_is_still_the_persons() -> None:
    event = written(MASK)
    event.pop("dtstart")
    assert person_changed([event])
    assert changes(event) == ([("changed", MASK, "no longer readable as a session")], [])
    # Two masters for one UID: not a shape sync writes; left alone, no sessions read.
    assert person_changed([written(MASK), written(MASK)])
    assert changes(written(MASK), written(MASK))[1] == []
