"""Tasks on the phone, without a server: the VTODOs written, the ticks read from what apps
write, the history records they become, and which tasks a sync may change."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar, Todo

from planner.caldav.objects import Stored, parse_object
from planner.caldav.tasks import TaskReport, _compare, read_tick, tasks_of
from planner.core.done import Done
from planner.core.plan import Plan, Session
from planner.errors import DataError
from planner.formats.ics import DIGEST_PROPERTY, UidParts, written_digest
from planner.formats.tasks import changed_by_person, plan_tasks, read_task_uid, task_uid
from planner.history.phone import SOURCE, reconcile_ticks
from planner.history.published import published_file, read_published, write_published
from planner.history.store import read_history

BERLIN = ZoneInfo("Europe/Berlin")
MON = dt.date(2026, 11, 30)
NOW = dt.datetime(2026, 12, 5, 10, 0, tzinfo=dt.UTC)
PLAN = Plan(
    "back-care", "Back care", MON, 2, "Europe/Berlin",
    (Session(MON, 20 * 60, "soda-mask", 30), Session(MON + dt.timedelta(days=3), 20 * 60,
     "soda-mask", 30), Session(MON + dt.timedelta(days=1), 7 * 60 + 15, "calendula-wipe", 5),
     Session(MON + dt.timedelta(days=1), 21 * 60 + 45, "calendula-wipe", 5, 2),
     Session(MON + dt.timedelta(days=10), 20 * 60, "soda-mask", 30)),
)  # fmt: skip


def uid(recipe: str, day: dt.date, slot: int = 1) -> str:
    return f"back-care.{recipe}.{day:%Y%m%d}.t{slot}@remedy-planner"


# ---- the UIDs ------------------------------------------------------------------------------


def test_a_task_uid_names_its_session_and_nothing_else_is_read_as_one() -> None:
    s = Session(MON, 1200, "soda-mask", 30, 2)
    assert task_uid("back-care", s) == "back-care.soda-mask.20261130.t2@remedy-planner"
    assert read_task_uid(task_uid("back-care", s)) == UidParts(
        "back-care", "soda-mask", MON, "t", 2
    )
    for other in (
        "back-care.soda-mask.20261130.2@remedy-planner",  # the session's event
        "back-care.soda-mask.20261130.d1@remedy-planner",  # a session done
        "back-care.dentist.20261130.e1@remedy-planner",  # an appointment
        "back-care.soda-mask.20261130.t1@example.org",
        "back-care.soda-mask.20261331.t1@remedy-planner",  # no such day
        "back-care.soda-mask.20261130.t0@remedy-planner",
        "back-care.soda-mask.20261130.t1@remedy-planner\nX",
        "Back-care.soda-mask.20261130.t1@remedy-planner",
        "",
    ):
        assert read_task_uid(other) is None, other


# ---- the tasks written ---------------------------------------------------------------------


def test_each_session_of_the_days_asked_is_one_task_as_task_apps_read_it(library) -> None:
    todos = list(plan_tasks(PLAN, library.recipes, NOW, MON + dt.timedelta(days=1),
                            MON + dt.timedelta(days=3)))  # fmt: skip
    assert [str(t["uid"]) for t in todos] == [
        uid("calendula-wipe", MON + dt.timedelta(days=1)),
        uid("calendula-wipe", MON + dt.timedelta(days=1), 2),
        uid("soda-mask", MON + dt.timedelta(days=3)),
    ]
    mask = todos[2]
    assert str(mask["summary"]) == "Baking-soda mask"
    assert mask.decoded("dtstart") == dt.datetime(2026, 12, 3, 20, 0, tzinfo=BERLIN)
    assert mask.decoded("due") == dt.datetime(2026, 12, 3, 20, 30, tzinfo=BERLIN)
    assert mask["dtstart"].params["TZID"] == "Europe/Berlin"
    assert str(mask["status"]) == "NEEDS-ACTION"
    assert "Steps:" in str(mask["description"])
    assert mask.decoded("dtstamp") == NOW
    assert not mask.walk("VALARM")  # the session's event reminds; the task does not too
    assert str(mask[DIGEST_PROPERTY]) == written_digest(mask)


def _round_trip(todo: Todo) -> Todo:
    """A task as a server hands it back."""
    cal = Calendar()
    cal.add_component(todo)
    return Calendar.from_ical(cal.to_ical()).walk("VTODO")[0]


def test_a_task_the_person_changed_is_told_from_one_only_rewritten(library) -> None:
    todo = _round_trip(next(plan_tasks(PLAN, library.recipes, NOW, MON, MON)))
    assert not changed_by_person(todo)
    # An app that writes the same moment in UTC, or adds its own properties, changed nothing.
    start = todo.decoded("dtstart").astimezone(dt.UTC)
    todo.pop("dtstart")
    todo.add("dtstart", start)
    todo.add("x-apple-sort-order", "3")
    todo["status"] = "COMPLETED"
    assert not changed_by_person(_round_trip(todo))
    renamed = _round_trip(todo)
    renamed["summary"] = "Mask (mild)"
    assert changed_by_person(renamed)
    later = _round_trip(todo)
    later.pop("due")
    later.add("due", dt.datetime(2026, 12, 1, 9, 0, tzinfo=BERLIN))
    assert changed_by_person(later)
    stripped = _round_trip(todo)  # an app that drops X- properties
    stripped.pop(DIGEST_PROPERTY)
    assert changed_by_person(stripped)


# ---- the ticks read ------------------------------------------------------------------------


def _task(**props: object) -> Todo:
    todo = Todo()
    todo.add("uid", uid("soda-mask", MON))
    todo.add("summary", "Baking-soda mask")
    todo.add("dtstart", dt.datetime(2026, 11, 30, 20, 0, tzinfo=BERLIN))
    for key, value in props.items():
        todo.add(key.replace("_", "-"), value)
    return _round_trip(todo)


TICKED = dt.datetime(2026, 11, 30, 19, 10, tzinfo=dt.UTC)  # 20:10 in Berlin


@pytest.mark.parametrize(
    "props",
    [
        {"status": "COMPLETED", "completed": TICKED, "percent_complete": 100},  # most apps
        {"status": "COMPLETED", "completed": TICKED},  # Apple
        {"status": "NEEDS-ACTION", "completed": TICKED},  # COMPLETED alone
        {"percent_complete": 100, "completed": TICKED},
    ],
)
def test_every_way_an_app_marks_a_task_done_is_a_tick(props: dict[str, object]) -> None:
    tick = read_tick(_task(**props), BERLIN)
    assert tick is not None and tick.done and tick.exact
    assert tick.when == TICKED


def test_when_an_app_gives_no_completion_time_the_best_stand_in_is_used() -> None:
    edited = dt.datetime(2026, 11, 30, 21, 0, tzinfo=dt.UTC)
    only_status = read_tick(_task(status="COMPLETED", last_modified=edited), BERLIN)
    assert only_status is not None and only_status.done and not only_status.exact
    assert only_status.when == edited
    only_percent = read_tick(_task(percent_complete=100), BERLIN)
    assert only_percent is not None and only_percent.done
    assert only_percent.when == dt.datetime(2026, 11, 30, 20, 0, tzinfo=BERLIN)  # its start
    bare = _task(status="COMPLETED")
    bare.pop("dtstart")
    tick = read_tick(bare, BERLIN)
    assert tick is not None and tick.done and tick.when is None  # recorded untimed
    floating = read_tick(_task(status="COMPLETED", completed=dt.datetime(2026, 11, 30, 20, 10)),
                         BERLIN)  # fmt: skip
    assert floating is not None and floating.when == TICKED  # read in the plan's zone


def test_an_open_or_cancelled_task_is_not_a_tick() -> None:
    for props in ({}, {"status": "NEEDS-ACTION"}, {"percent_complete": 50},
                  {"status": "CANCELLED", "completed": TICKED}):  # fmt: skip
        tick = read_tick(_task(**props), BERLIN)
        assert tick is not None and not tick.done, props


def test_whose_task_it_is_comes_from_the_uid_and_a_marker_if_any() -> None:
    owns = tasks_of("back-care").owns
    assert owns(_task())  # no marker: an app dropped it; the UID says whose
    assert owns(_task(x_remedy_planner_routine="back-care"))
    assert not owns(_task(x_remedy_planner_routine="legs"))
    other = _task()
    other["uid"] = "legs.soda-mask.20261130.t1@remedy-planner"
    assert not owns(other)


# ---- the records they become ---------------------------------------------------------------


def _tick(recipe: str, day: dt.date, when: dt.datetime | None, done: bool = True,
          exact: bool = True, slot: int = 1):  # fmt: skip
    return read_tick(_with(recipe, day, slot, when, done, exact), BERLIN)


def _with(recipe: str, day: dt.date, slot: int, when: dt.datetime | None, done: bool,
          exact: bool) -> Todo:  # fmt: skip
    todo = Todo()
    todo.add("uid", uid(recipe, day, slot))
    todo.add("summary", recipe)
    if done:
        todo.add("status", "COMPLETED")
        if when is not None:
            todo.add("completed" if exact else "last-modified", when)
    return _round_trip(todo)


def test_a_tick_is_recorded_once_on_the_day_and_time_it_was_ticked() -> None:
    ticks = [_tick("soda-mask", MON, TICKED)]
    history, outcome = reconcile_ticks([], ticks, BERLIN, NOW)
    record = Done("soda-mask", MON, 20 * 60 + 10, SOURCE, uid("soda-mask", MON))
    assert history == [record] and outcome.recorded == (record,)
    again, second = reconcile_ticks(history, ticks, BERLIN, NOW)
    assert again == history and not second.changed and second.held == 1


def test_a_task_ticked_a_day_late_is_recorded_on_the_day_it_was_ticked() -> None:
    late = dt.datetime(2026, 12, 4, 19, 5, tzinfo=dt.UTC)
    history, _ = reconcile_ticks([], [_tick("soda-mask", MON + dt.timedelta(days=3), late)],
                                 BERLIN, NOW)  # fmt: skip
    assert [(d.date, d.time) for d in history] == [(dt.date(2026, 12, 4), 20 * 60 + 5)]


def test_an_untick_takes_back_its_own_record_and_no_other() -> None:
    own = Done("soda-mask", MON, 1210, SOURCE, uid("soda-mask", MON))
    typed = Done("soda-mask", MON, 1210)  # the same session, also recorded with done
    workbook = Done("soda-mask", MON, 1210, "plan.xlsx")
    history, outcome = reconcile_ticks([typed, own, workbook],
                                       [_tick("soda-mask", MON, None, done=False)], BERLIN, NOW)  # fmt: skip
    assert history == [typed, workbook] and outcome.taken_back == (own,)


def test_a_task_gone_from_the_list_keeps_its_record() -> None:
    own = Done("soda-mask", MON, 1210, SOURCE, uid("soda-mask", MON))
    history, outcome = reconcile_ticks([own], [], BERLIN, NOW)
    assert history == [own] and not outcome.changed


def test_ticked_again_later_moves_the_record_only_when_the_app_says_when() -> None:
    own = Done("soda-mask", MON, 1210, SOURCE, uid("soda-mask", MON))
    later = dt.datetime(2026, 11, 30, 20, 40, tzinfo=dt.UTC)
    history, outcome = reconcile_ticks([own], [_tick("soda-mask", MON, later)], BERLIN, NOW)
    assert [d.time for d in history] == [21 * 60 + 40] and outcome.moved == ((own, history[0]),)
    # A stand-in time (the app's last change, say after a rename) does not move it.
    kept, outcome = reconcile_ticks([own], [_tick("soda-mask", MON, later, exact=False)],
                                    BERLIN, NOW)  # fmt: skip
    assert kept == [own] and outcome.held == 1


def test_a_tick_later_than_now_is_refused_a_few_minutes_ahead_is_not() -> None:
    ahead = _tick("soda-mask", MON, NOW + dt.timedelta(minutes=5))
    future = _tick("soda-mask", MON + dt.timedelta(days=3), NOW + dt.timedelta(days=29))
    history, outcome = reconcile_ticks([], [ahead, future], BERLIN, NOW)
    assert len(history) == 1 and history[0].task == ahead.uid
    assert [t.uid for t, _ in outcome.refused] == [future.uid]


def test_two_copies_of_one_task_count_once_and_a_tick_in_either_counts() -> None:
    done = _tick("soda-mask", MON, TICKED)
    open_copy = _tick("soda-mask", MON, None, done=False)
    history, _ = reconcile_ticks([], [open_copy, done, open_copy], BERLIN, NOW)
    assert len(history) == 1


def test_the_history_file_keeps_the_task_and_refuses_a_bad_one(tmp_path: Path) -> None:
    path = tmp_path / "history.json"
    path.write_text(json.dumps([
        {"recipe": "soda-mask", "date": "2026-11-30", "time": "20:10", "source": "calendar",
         "task": uid("soda-mask", MON)},
    ]))  # fmt: skip
    assert read_history(path)[0].task == uid("soda-mask", MON)
    path.write_text('[\n{"recipe": "soda-mask", "date": "2026-11-30", "task": 7},\n'
                    '{"recipe": "soda-mask", "date": "2026-11-30", "task": "a\\nb"}\n]')  # fmt: skip
    with pytest.raises(DataError) as caught:
        read_history(path)
    assert caught.value.problems == [
        f"{path}:2: [1].task: must be text, not a number",
        f"{path}:3: [2].task: must be one line of at most 255 characters",
    ]


# ---- which tasks a sync may change -----------------------------------------------------------


def _stored(todo: Todo, name: str) -> Stored:
    cal = Calendar()
    cal.add_component(todo)
    return parse_object(f"http://dav/list/{name}.ics", '"1"', cal.to_ical().decode(),
                        tasks_of("back-care"))  # fmt: skip


def test_a_sync_deletes_only_open_unchanged_tasks_the_plan_dropped_or_long_overdue(
    library,
) -> None:
    today = dt.date(2026, 12, 12)
    old_plan = Plan("back-care", "Back care", MON, 2, "Europe/Berlin", (
        *(Session(MON + dt.timedelta(days=n), 20 * 60, "soda-mask", 30) for n in range(14)),
    ))  # fmt: skip
    todos = {t.decoded("dtstart").date(): t for t in plan_tasks(old_plan, library.recipes, NOW,
                                                                MON, MON + dt.timedelta(13))}  # fmt: skip
    day = {n: MON + dt.timedelta(days=n) for n in range(14)}
    todos[day[13]]["status"] = "COMPLETED"  # ticked ahead of time
    todos[day[12]]["summary"] = "Mask, mild"  # renamed by the person
    report = TaskReport(url="http://dav/list/")
    report.stored = [_stored(t, str(d)) for d, t in todos.items()]
    in_plan = {uid("soda-mask", day[n]) for n in (11,)}  # the new plan keeps only day 11
    planned = _compare(report, {}, in_plan, set(), today, today)
    deleted = sorted(change.label[:10] for change, *_ in planned)
    # Days 0-4: more than a week overdue. Days 5-11 before today: left (they may still be
    # ticked late). Day 11 is still the plan's; 12 was renamed (kept); 13 is ticked.
    assert deleted == [str(day[n]) for n in range(5)]
    assert report.kept == ["2026-12-12 20:00 Mask, mild"]
    assert report.left_ticked == 1


def test_a_deleted_task_is_skipped_unless_the_list_is_new(library) -> None:
    todo = next(plan_tasks(PLAN, library.recipes, NOW, MON, MON))
    wanted = {str(todo["uid"]): todo}
    from planner.caldav.objects import Wanted, label

    want = {u: Wanted(u, label(t), written_digest(t), t) for u, t in wanted.items()}
    report = TaskReport(url="http://dav/list/")
    assert _compare(report, want, set(want), set(want), MON, MON) == []
    assert report.skipped == ["2026-11-30 20:00 Baking-soda mask"]
    fresh = TaskReport(url="http://dav/list/")
    assert [c.kind for c, *_ in _compare(fresh, want, set(want), set(), MON, MON)] == ["create"]


# ---- what was published --------------------------------------------------------------------


def test_what_was_published_is_remembered_per_list_for_a_month(tmp_path: Path) -> None:
    path = published_file(tmp_path / "data" / "history.json")
    assert read_published(path, "http://dav/a/") == set()
    recent, old = uid("soda-mask", MON), uid("soda-mask", MON - dt.timedelta(days=40))
    write_published(path, "http://dav/a/", [recent, old, "not ours"], MON)
    write_published(path, "http://dav/b/", [recent], MON)
    assert read_published(path, "http://dav/a/") == {recent}
    assert read_published(path, "http://dav/b/") == {recent}


def test_a_broken_or_linked_memory_of_published_tasks_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "published.json"
    for text in ("{", "[]", '{"a": [1]}', "[" * 100_000):
        path.write_text(text)
        with pytest.raises(DataError, match="not a list of what sync published; remove it"):
            read_published(path, "http://dav/a/")
    path.unlink()
    os.symlink(tmp_path / "elsewhere", path)
    with pytest.raises(DataError, match="is a link"):
        read_published(path, "http://dav/a/")
