"""Progress: planned, done, missed and extra sessions, counted by hand on a small plan."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result
from openpyxl import load_workbook

from planner.core.done import Done
from planner.core.plan import Plan, Session
from planner.core.progress import RemedyProgress, WeekProgress, measure_progress, percent
from planner.formats.json import progress_to_dict
from planner.view.terminal import render_progress

from .clock import PINNED_TODAY

MON = dt.date(2026, 11, 2)
TODAY = dt.date(2026, 11, 10)  # Tuesday of week 2


def day(n: int) -> dt.date:
    return MON + dt.timedelta(days=n)


PLAN = Plan(
    "small", "Small", MON, 2, "UTC",
    (Session(day(0), 1200, "soda-mask", 30), Session(day(3), 1200, "soda-mask", 30),
     Session(day(5), 1140, "bath", 20), Session(day(7), 1200, "soda-mask", 30),
     Session(day(10), 1200, "soda-mask", 30), Session(day(12), 1140, "bath", 20)),
)  # fmt: skip
NAMES = {"soda-mask": "Baking-soda mask", "bath": "Chamomile bath"}
DONE = [
    Done("soda-mask", day(0), 1230),  # done, half an hour late: still done
    Done("soda-mask", day(3), 1200, "small.xlsx"),  # the same session from two sources:
    Done("soda-mask", day(3), 1205),  # counted once
    Done("bath", day(5), None, "small.xlsx"),
    Done("bath", day(6), 1140),  # Sunday, not planned: an extra
    # soda-mask on day 7 (Monday of week 2) not done: missed
    Done("soda-mask", day(10), 1200),  # Thursday, after today: not counted yet
    Done("soda-mask", day(20), 1200),  # after the plan: not this plan's
    Done("soda-mask", day(-1), 1200),  # before the plan
]
RATINGS = [(day(0), 3), (day(1), 2), (day(3), 4), (day(1), 4), (day(10), 5)]


def test_counts_by_hand() -> None:
    p = measure_progress(PLAN, DONE, TODAY, RATINGS)
    assert p.remedies == (
        RemedyProgress("soda-mask", planned=4, done=2, missed=1, extra=0, to_come=1),
        RemedyProgress("bath", planned=2, done=1, missed=0, extra=1, to_come=1),
    )
    assert p.weeks == (
        WeekProgress(1, day(0), day(6), planned=3, done=3, missed=0, extra=1, to_come=0),
        WeekProgress(2, day(7), day(13), planned=3, done=0, missed=1, extra=0, to_come=2),
    )
    assert [w.adherence for w in p.weeks] == [100, 0]
    assert p.adherence == 75  # 3 of the 4 sessions due
    # The later of two ratings of a day counts; a rating after today does not yet.
    assert p.ratings == ((day(0), 3), (day(1), 4), (day(3), 4))


def test_two_sessions_a_day_need_two_records_and_a_third_is_an_extra() -> None:
    plan = Plan("t", "T", MON, 1, "UTC", (Session(MON, 480, "wipe", 5, 1),
                                           Session(MON, 1200, "wipe", 5, 2)))  # fmt: skip
    one = measure_progress(plan, [Done("wipe", MON, 480)], MON)
    assert (one.remedies[0].done, one.remedies[0].missed) == (1, 1)
    three = [Done("wipe", MON, 480), Done("wipe", MON, 1200), Done("wipe", MON, 1300)]
    counted = measure_progress(plan, three, MON).remedies[0]
    assert (counted.done, counted.missed, counted.extra) == (2, 0, 1)


def test_two_untimed_records_of_one_day_are_two_sessions() -> None:
    plan = Plan("t", "T", MON, 1, "UTC", (Session(MON, 480, "wipe", 5, 1),
                                           Session(MON, 1200, "wipe", 5, 2)))  # fmt: skip
    counted = measure_progress(plan, [Done("wipe", MON), Done("wipe", MON)], MON).remedies[0]
    assert (counted.done, counted.missed) == (2, 0)


def test_sessions_a_plan_kept_as_done_are_planned_and_done_once() -> None:
    kept = (Done("soda-mask", day(1), 1200), Done("bath", day(2)))
    plan = Plan("small", "Small", MON, 1, "UTC", (Session(day(4), 1200, "soda-mask", 30),),
                done=kept)  # fmt: skip
    alone = measure_progress(plan, [], day(6))
    assert alone.remedies == (
        RemedyProgress("soda-mask", planned=2, done=1, missed=1, extra=0, to_come=0),
        RemedyProgress("bath", planned=1, done=1, missed=0, extra=0, to_come=0),
    )
    # The history the plan was made from, given again, is the same sessions.
    again = measure_progress(plan, [*kept, Done("soda-mask", day(4), 1210)], day(6))
    assert [(r.planned, r.done, r.missed, r.extra) for r in again.remedies] == [
        (2, 2, 0, 0),
        (1, 1, 0, 0),
    ]


WEEKLY_PLAN = Plan(
    "w", "W", MON, 2, "UTC",
    (Session(day(0), 1200, "soda-mask", 30), Session(day(3), 1200, "soda-mask", 30),
     Session(day(7), 1200, "soda-mask", 30), Session(day(10), 1200, "soda-mask", 30),
     *(Session(day(n), 480, "wipe", 5) for n in range(14))),
)  # fmt: skip


def test_a_weekly_remedy_done_on_another_day_of_the_week_is_done_and_moved() -> None:
    # Masks planned Monday and Thursday, done Monday and Friday: 2 of 2, one moved.
    done = [Done("soda-mask", day(0), 1200), Done("soda-mask", day(4), 1230)]
    p = measure_progress(WEEKLY_PLAN, done, day(6), weekly={"soda-mask"})
    mask = p.remedies[0]
    assert (mask.planned, mask.done, mask.moved, mask.missed, mask.extra, mask.to_come) == (
        4, 2, 1, 0, 0, 2)  # fmt: skip
    assert (p.weeks[0].done, p.weeks[0].moved, p.weeks[0].missed) == (2, 1, 7)
    # Counted by the day (the rule before), the same records are one missed and one extra.
    by_day = measure_progress(WEEKLY_PLAN, done, day(6)).remedies[0]
    assert (by_day.done, by_day.moved, by_day.missed, by_day.extra) == (1, 0, 1, 1)


def test_a_week_counts_apart_and_a_third_record_is_an_extra() -> None:
    # Week 1: three masks for two planned. Week 2: the Monday mask done on Sunday of
    # week 1 does not count for week 2.
    done = [Done("soda-mask", day(n), 1200) for n in (1, 2, 6)]
    p = measure_progress(WEEKLY_PLAN, done, day(8), weekly={"soda-mask"})
    mask = p.remedies[0]
    assert (mask.done, mask.moved, mask.missed, mask.extra, mask.to_come) == (2, 2, 1, 1, 1)
    assert (p.weeks[0].done, p.weeks[0].moved, p.weeks[0].missed, p.weeks[0].extra) == (2, 2, 7, 1)


def test_a_record_on_a_day_before_a_planned_one_counts_for_it_not_for_a_missed_one() -> None:
    # Planned Mon and Thu; done Tue only; today Wednesday: Monday's session was done a
    # day late (moved), Thursday's is still to come.
    p = measure_progress(WEEKLY_PLAN, [Done("soda-mask", day(1), 1200)], day(2),
                         weekly={"soda-mask"})  # fmt: skip
    mask = p.remedies[0]
    assert (mask.done, mask.moved, mask.missed, mask.to_come) == (1, 1, 0, 3)


def test_a_daily_remedy_counts_by_the_day() -> None:
    # A wipe skipped on Monday and done twice on Tuesday: one missed, one extra.
    done = [Done("wipe", day(1), 480), Done("wipe", day(1), 1200)]
    wipe = measure_progress(WEEKLY_PLAN, done, day(1), weekly={"soda-mask"}).remedies[1]
    assert (wipe.done, wipe.moved, wipe.missed, wipe.extra) == (1, 0, 1, 1)


def test_which_remedies_count_by_the_week(library) -> None:
    from planner.core.progress import counts_by_week

    recipes = library.recipes
    assert counts_by_week(recipes["soda-mask"]) and counts_by_week(recipes["clay-mask"])
    # Twice a day every day, once a day every day, and tied to an appointment's days.
    assert not counts_by_week(recipes["calendula-wipe"])
    assert not counts_by_week(recipes["fruit-acid-peel-daily"])
    assert not counts_by_week(recipes["chlorhexidine-aftercare"])


def test_before_the_plan_nothing_is_due() -> None:
    p = measure_progress(PLAN, DONE, MON - dt.timedelta(days=1))
    assert p.adherence is None and p.total("to_come") == 6 and p.total("extra") == 0
    assert "Nothing due yet; 6 sessions to come." in render_progress(PLAN, p, NAMES)


def test_percent_rounds_halves_up() -> None:
    assert [percent(1, 8), percent(1, 3), percent(2, 3), percent(0, 0)] == [13, 33, 67, None]


def test_text_by_hand() -> None:
    text = render_progress(PLAN, measure_progress(PLAN, DONE, TODAY, RATINGS), NAMES)
    assert text.splitlines() == [
        "Small (small)",
        "Mon 2 Nov to Sun 15 Nov 2026, 2 weeks; counted up to Tue 10 Nov 2026",
        "",
        "Done 3 of 4 sessions due (75%), 1 missed, 1 extra; 2 to come.",
        "",
        "Remedy            Planned  Done  Moved  Missed  Extra  To come",
        "Baking-soda mask        4     2      0       1      0        1",
        "Chamomile bath          2     1      0       0      1        1",
        "Total                   6     3      0       1      1        2",
        "",
        "Week  Days           Planned  Done  Moved  Missed  Extra  To come  Done %",
        "   1  2 Nov-8 Nov          3     3      0       0      1        0    100%",
        "   2  9 Nov-15 Nov         3     0      0       1      0        2      0%",
        "",
        "Skin, 1 (bad) to 5 (very good):",
        "  Mon 2 Nov   ###    3",
        "  Tue 3 Nov   ####   4",
        "  Thu 5 Nov   ####   4",
    ]


def test_json_by_hand() -> None:
    data = progress_to_dict(measure_progress(PLAN, DONE, TODAY, RATINGS), NAMES)
    assert data == {
        "remedies": [
            {"recipe": "soda-mask", "name": "Baking-soda mask", "planned": 4, "done": 2,
             "moved": 0, "missed": 1, "extra": 0, "to_come": 1, "adherence": 67},  # 2 of 3 due
            {"recipe": "bath", "name": "Chamomile bath", "planned": 2, "done": 1,
             "moved": 0, "missed": 0, "extra": 1, "to_come": 1, "adherence": 100},
        ],
        "weeks": [
            {"week": 1, "first": "2026-11-02", "last": "2026-11-08", "planned": 3, "done": 3,
             "moved": 0, "missed": 0, "extra": 1, "to_come": 0, "adherence": 100},
            {"week": 2, "first": "2026-11-09", "last": "2026-11-15", "planned": 3, "done": 0,
             "moved": 0, "missed": 1, "extra": 0, "to_come": 2, "adherence": 0},
        ],
        "ratings": [
            {"date": "2026-11-02", "rating": 3},
            {"date": "2026-11-03", "rating": 4},
            {"date": "2026-11-05", "rating": 4},
        ],
    }  # fmt: skip


def test_an_extra_of_a_remedy_the_plan_lacks_is_listed_after_the_plans() -> None:
    p = measure_progress(PLAN, [Done("nettle-bath", day(1), None)], TODAY)
    assert [r.recipe for r in p.remedies] == ["soda-mask", "bath", "nettle-bath"]
    assert p.remedies[-1] == RemedyProgress("nettle-bath", 0, 0, 0, 1, 0)


ROUTINE = """title = "Small"
weeks = 2

[[remedies]]
recipe = "soda-mask"
per_week = 2

[[remedies]]
recipe = "chamomile-bath"
per_week = 1
"""


def _planned(cli: Callable[..., Result], tmp_path: Path) -> Path:
    """Soda mask Mon and Thu 20:00, chamomile bath Tue 20:00, from Mon 3 Nov 2025, 2 weeks."""
    (tmp_path / "small.toml").write_text(ROUTINE)
    made = cli("plan", str(tmp_path / "small.toml"), "--start", "2025-11-03", "--tz", "UTC",
               "--out", str(tmp_path / "out"), "--no-ics", "-q")  # fmt: skip
    assert made.exit_code == 0, made.stderr
    plan = json.loads((tmp_path / "out" / "small.json").read_text())
    assert [(s["date"], s["start"], s["recipe"]) for s in plan["sessions"]] == [
        ("2025-11-03", "20:00", "soda-mask"), ("2025-11-04", "20:00", "chamomile-bath"),
        ("2025-11-06", "20:00", "soda-mask"), ("2025-11-10", "20:00", "soda-mask"),
        ("2025-11-11", "20:00", "chamomile-bath"), ("2025-11-13", "20:00", "soda-mask"),
    ]  # fmt: skip
    return tmp_path / "out"


def test_progress_command_on_a_ticked_workbook_and_a_history(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    out = _planned(cli, tmp_path)
    book = out / "small.xlsx"
    wb = load_workbook(book)
    plan, tracker = wb["Plan"], wb["Tracker"]
    # The boxes by the printed layout: Mon 3 Nov's soda mask on the Plan sheet (first
    # day column, the first box row under the legend); the Tracker's rows from row 18.
    mon_box = next(c for c in plan["B"] if c.has_style and c.border.left.style == "medium")
    mon_box.value = "x"
    tracker["D19"] = "✓"  # Tue 4 Nov, the one evening lane's Done box: the bath
    tracker["D21"] = "x"  # Thu 6 Nov: soda mask, ticked here...
    assert tracker["C19"].value == "20:00 Chamomile bath"
    assert tracker["C21"].value == "20:00 Baking-soda mask"
    assert tracker["E17"].value == "Skin 1-5"
    tracker["E18"], tracker["E21"] = 4, 2
    wb.save(book)
    history = tmp_path / "history.json"
    history.write_text(json.dumps([
        {"recipe": "soda-mask", "date": "2025-11-06", "time": "20:10", "source": "done"},
        {"recipe": "soda-mask", "date": "2025-11-10", "time": "21:00", "source": "done"},
        {"recipe": "chamomile-bath", "date": "2025-11-12", "time": None, "source": "done"},
    ]))  # fmt: skip
    # ...and recorded with the done command too: the same session, counted once.
    result = cli("progress", str(book), "--history", str(history))
    assert result.exit_code == 0, result.stderr
    today = PINNED_TODAY  # no --today: the command's own day counts
    assert result.stdout.splitlines() == [
        "Small (small)",
        f"Mon 3 Nov to Sun 16 Nov 2025, 2 weeks; counted up to {today:%a} {today.day} "
        f"{today:%b} {today.year}",
        "",
        # The bath done on Wednesday 12 Nov is the week's planned bath, a day late: a
        # remedy with a weekly limit counts by the week.
        "Done 5 of 6 sessions due (83%), 1 missed, 0 extra; 0 to come.",
        "1 of them was done on another day of the same week.",
        "",
        "Remedy            Planned  Done  Moved  Missed  Extra  To come",
        "Baking-soda mask        4     3      0       1      0        0",
        "Chamomile bath          2     2      1       0      0        0",
        "Total                   6     5      1       1      0        0",
        "",
        "Week  Days           Planned  Done  Moved  Missed  Extra  To come  Done %",
        "   1  3 Nov-9 Nov          3     3      0       0      0        0    100%",
        "   2  10 Nov-16 Nov        3     2      1       1      0        0     67%",
        "",
        "Skin, 1 (bad) to 5 (very good):",
        "  Mon 3 Nov   ####   4",
        "  Thu 6 Nov   ##     2",
    ]
    as_json = cli("progress", str(out / "small.json"), "--history", str(book), "--history",
                  str(history), "--format", "json")  # fmt: skip
    assert as_json.exit_code == 0, as_json.stderr
    data = json.loads(as_json.stdout)
    assert [(r["recipe"], r["planned"], r["done"], r["moved"], r["missed"], r["extra"])
            for r in data["remedies"]] == [("soda-mask", 4, 3, 0, 1, 0),
                                           ("chamomile-bath", 2, 2, 1, 0, 0)]  # fmt: skip
    assert [(w["done"], w["missed"], w["adherence"]) for w in data["weeks"]] == [(3, 0, 100),
                                                                                (2, 1, 67)]  # fmt: skip
    assert data["ratings"] == [{"date": "2025-11-03", "rating": 4},
                               {"date": "2025-11-06", "rating": 2}]  # fmt: skip


def test_progress_command_errors(cli: Callable[..., Result], tmp_path: Path) -> None:
    out = _planned(cli, tmp_path)
    foreign = tmp_path / "notes.xlsx"
    foreign.write_text("hello")
    result = cli("progress", str(out / "small.json"), "--history", str(foreign))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"error: {foreign}: not a workbook written by remedy-planner plan\n"
    result = cli("progress", str(foreign))
    assert result.stderr == f"error: {foreign}: not a workbook written by remedy-planner plan\n"
    not_plan = tmp_path / "plan.json"
    not_plan.write_text("[]")
    result = cli("progress", str(not_plan))
    assert (result.exit_code, result.stderr) == (
        1, f"error: {not_plan}: not a plan JSON written by remedy-planner plan\n"
    )  # fmt: skip
    # A workbook of the same routine from another week is another plan.
    again = cli("plan", str(tmp_path / "small.toml"), "--start", "2025-11-10", "--tz", "UTC",
                "--out", str(tmp_path / "later"), "--no-ics", "-q")  # fmt: skip
    assert again.exit_code == 0
    result = cli("progress", str(out / "small.json"), "--history",
                 str(tmp_path / "later" / "small.xlsx"))  # fmt: skip
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {tmp_path / 'later' / 'small.xlsx'}: this workbook is for routine 'small' from "
        "2025-11-10, not for the plan of 'small' from 2025-11-03\n"
    )
    missing = cli("progress", str(tmp_path / "nowhere.json"))
    assert missing.exit_code == 2 and missing.stderr.startswith("error: ")


def test_progress_counts_up_to_the_day_given_and_reads_the_default_history(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    out = _planned(cli, tmp_path)
    recorded = cli("done", "soda-mask", "--date", "2025-11-03")
    assert recorded.exit_code == 0, recorded.stderr
    result = cli("progress", str(out / "small.json"), "--today", "2025-11-05", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    # Due by Wed 5 Nov: Monday's mask (done, from the data folder's history) and
    # Tuesday's bath (missed); the rest is to come.
    assert [(r["recipe"], r["done"], r["missed"], r["to_come"]) for r in data["remedies"]] == [
        ("soda-mask", 1, 0, 3),
        ("chamomile-bath", 0, 1, 1),
    ]
    bad = cli("progress", str(out / "small.json"), "--today", "5 Nov")
    assert bad.exit_code == 2 and bad.stderr.startswith("error: --today:")


def test_a_copy_of_the_workbook_with_the_same_ticks_counts_once(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    out = _planned(cli, tmp_path)
    book = out / "small.xlsx"
    wb = load_workbook(book)
    tracker = wb["Tracker"]
    assert tracker["C19"].value == "20:00 Chamomile bath"
    tracker["D19"] = "x"  # Tue 4 Nov's bath
    wb.save(book)
    (tmp_path / "phone").mkdir()
    copy = tmp_path / "phone" / "small.xlsx"  # the same name in another folder
    copy.write_bytes(book.read_bytes())
    result = cli("progress", str(book), "--history", str(copy), "--history", str(book),
                 "--today", "2025-11-05", "--format", "json")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    bath = next(r for r in json.loads(result.stdout)["remedies"] if r["recipe"] == "chamomile-bath")
    assert (bath["done"], bath["extra"]) == (1, 0)


def test_a_workbook_of_a_plan_made_from_a_history_counts_what_it_kept_as_done(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    (tmp_path / "small.toml").write_text(ROUTINE)
    history = tmp_path / "history.json"
    history.write_text(json.dumps([
        {"recipe": "soda-mask", "date": "2025-11-03", "time": "20:10", "source": "done"},
    ]))  # fmt: skip
    made = cli("plan", str(tmp_path / "small.toml"), "--start", "2025-11-03", "--tz", "UTC",
               "--history", str(history), "--out", str(tmp_path / "out"), "--no-ics", "-q")  # fmt: skip
    assert made.exit_code == 0, made.stderr
    counted = []
    for name in ("small.json", "small.xlsx"):
        result = cli("progress", str(tmp_path / "out" / name), "--today", "2025-11-04",
                     "--format", "json")  # fmt: skip
        assert result.exit_code == 0, result.stderr
        counted.append(json.loads(result.stdout)["remedies"])
    assert counted[0] == counted[1]
    soda = next(r for r in counted[0] if r["recipe"] == "soda-mask")
    assert (soda["planned"], soda["done"], soda["missed"]) == (4, 1, 0)


def test_a_plan_json_with_sessions_outside_its_weeks_is_an_error(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    out = _planned(cli, tmp_path)
    data = json.loads((out / "small.json").read_text())
    data["weeks"] = 1
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    result = cli("progress", str(bad))
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {bad}: the plan JSON is damaged (a session on 2025-11-10 is outside the "
        "plan's days)\n"
    )


def test_a_session_ticked_beside_one_the_plan_kept_as_done_is_one_more() -> None:
    """The morning wipe was done before the plan was made; the evening one is ticked."""
    plan = Plan("t", "T", MON, 1, "UTC", (Session(MON, 1305, "wipe", 25, 2),),
                done=(Done("wipe", MON, 435),))  # fmt: skip
    ticked = [Done("wipe", MON, 1305, "t.xlsx")]
    wipe = measure_progress(plan, ticked, MON).remedies[0]
    assert (wipe.planned, wipe.done, wipe.missed, wipe.extra) == (2, 2, 0, 0)
    # The kept one recorded again, half an hour off, is still the same session.
    again = measure_progress(plan, [*ticked, Done("wipe", MON, 465)], MON).remedies[0]
    assert (again.done, again.extra) == (2, 0)
