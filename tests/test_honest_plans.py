"""Honest plans: a refusal is a proof, best effort is the best, the person's own times and
the recipes' health rules win. Cases from an outside review live in data/review-cases."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from planner.core.recipe import EventWindow, Limit
from planner.core.routine import EventSpec, Wish
from planner.errors import InfeasibleError
from planner.formats.json import plan_to_dict
from planner.load.routine import builtin_routine_files, load_routine_file
from planner.schedule import build_schedule, plan_or_refuse
from planner.schedule.exact import solve
from planner.schedule.search import _Scheduler
from planner.view.describe import shortfall_text

from .factories import P, make_recipe, make_routine
from .libraries import with_review_recipes
from .oracle import events_of, fullest
from .plan_checker import check_plan, check_wishes_met
from .random_routines import judge, make_case

CASES = Path(__file__).parent / "data" / "review-cases"
# Random routines checked against the exact oracle on every full run: those of the first
# 160 seeds with an aftercare two or three times a day from the appointment's own day,
# leaving out the five that take the exact search 5 s or more. Before a day could hold
# some of a remedy's sessions, best effort fell short of the proven most on 21 of them
# (seed 7: 55 of 56; seed 92: 68 of 74). bench/oracle_fuzz.py runs all 160.
FUZZ_SEEDS = (
    7,
    11,
    12,
    16,
    21,
    24,
    27,
    42,
    45,
    46,
    56,
    57,
    59,
    61,
    66,
    67,
    68,
    71,
    79,
    80,
    83,
    88,
    90,
    92,
    93,
    103,
    107,
    127,
    128,
    135,
    137,
    138,
    141,
    143,
    145,
    150,
    151,
    154,
    158,
)


def case(name: str):
    return load_routine_file(CASES / name, with_review_recipes())


def checked(plan, routine, recipes=None) -> dict:
    recipes = recipes or with_review_recipes().recipes
    d = plan_to_dict(plan, recipes)
    assert check_plan(d, recipes, routine) == []
    return d


@pytest.mark.parametrize(
    ("name", "start"),
    [("incomplete-search.toml", dt.date(2026, 12, 3)),
     ("incomplete-search-2.toml", dt.date(2026, 12, 6))],
)  # fmt: skip
def test_routines_the_fast_search_gives_up_on_still_get_their_plan(name, start) -> None:
    routine = case(name)
    plan = build_schedule(routine, with_review_recipes().recipes, start, timezone="UTC")
    d = checked(plan, routine)
    assert check_wishes_met(d, routine) == [] and plan.shortfalls == ()


def test_a_refusal_after_the_search_gives_up_is_the_exact_models() -> None:
    routine = case("incomplete-search-builtin.toml")
    start = dt.date(2026, 12, 2)
    with pytest.raises(InfeasibleError) as info:
        build_schedule(routine, with_review_recipes().recipes, start, timezone="UTC")
    assert any("of 10 days fit beside the other remedies" in p for p in info.value.problems)
    s = _Scheduler(routine, with_review_recipes().recipes, start, routine.weeks, (), False, "UTC")
    s.event_dates()
    tasks = s.make_tasks()
    for t in tasks:
        t.asked = 0
    assert solve(s.exact_model(tasks, maximize=False)).status == "none"
    # Best effort places exactly what the exact model says is the most that fits.
    best = build_schedule(
        routine, with_review_recipes().recipes, start, timezone="UTC", best_effort=True
    )
    checked(best, routine)
    most = solve(s.exact_model(tasks, maximize=True), maximize=True)
    assert most.optimal and len(best.sessions) == most.sessions


def _three_a_day(per_day: int):
    recipes = {"twice": make_recipe("twice", per_day=3, max_per_week=21, minutes=5)}
    routine = make_routine([Wish("twice", None, per_day)], weeks=1,
                           windows=((19 * 60, 22 * 60 + 30),))  # fmt: skip
    return recipes, routine


def test_best_effort_fits_as_many_a_day_as_the_window_holds() -> None:
    recipes, routine = _three_a_day(3)
    with pytest.raises(InfeasibleError) as info:
        build_schedule(routine, recipes, dt.date(2026, 11, 30))
    assert any(p.endswith("; 2 a day would fit") for p in info.value.problems)
    plan = build_schedule(routine, recipes, dt.date(2026, 11, 30), best_effort=True)
    checked(plan, routine, recipes)
    assert len(plan.sessions) == 14  # 19:00 and 22:00 every day; a third cannot fit
    assert [shortfall_text(f, "Twice") for f in plan.shortfalls] == [
        "Twice: 14 of 21 sessions. 3 sessions a day, 3 h apart, do not fit into the time "
        "windows 19:00-22:30; 2 a day would fit"
    ]


def test_a_time_the_person_wrote_outranks_a_recipe_default() -> None:
    """README's routine: the soda mask at 20:00 as written, the anti-ingrown product
    (whose 20:00 is only its recipe's default) moves."""
    text = (Path(__file__).parents[1] / "README.md").read_text()
    block = text.split("# my-routine.toml", 1)[1].split("```", 1)[0]
    path = CASES.parent / "my-routine.toml"
    try:
        path.write_text("# my-routine.toml" + block)
        routine = load_routine_file(path, with_review_recipes())
    finally:
        path.unlink()
    plan = build_schedule(
        routine, with_review_recipes().recipes, dt.date(2026, 11, 30), timezone="Europe/Berlin"
    )
    checked(plan, routine)
    soda = [s for s in plan.sessions if s.recipe == "soda-mask"]
    assert soda and all(s.start == 20 * 60 for s in soda)
    assert not any(n.startswith("soda-mask: your time") for n in plan.notices)


def test_a_written_time_that_cannot_be_kept_is_reported() -> None:
    recipes = {
        "a": make_recipe("a", times=("20:00",), minutes=30),
        "b": make_recipe("b", times=("20:00",), minutes=30),
    }
    routine = make_routine(
        [Wish("a", None, 1, times=(20 * 60,)), Wish("b", None, 1, times=(20 * 60,))], weeks=1
    )
    plan = build_schedule(routine, recipes, dt.date(2026, 11, 30))
    checked(plan, routine, recipes)
    assert [n for n in plan.notices if "your time 20:00 could not be kept on 7 day(s)" in n]


def test_missing_or_outside_events_are_never_silent(cli, tmp_path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    missing = tmp_path / "ev3.toml"
    missing.write_text('title = "ev"\nweeks = 3\n[[remedies]]\nrecipe = "anti-ingrown"\n')
    plain = cli("plan", str(missing), "--start", "2026-11-30", "--out", str(out))
    assert plain.exit_code == 1 and "but the routine has no such event" in plain.stderr
    best = cli("plan", str(missing), "--start", "2026-11-30", "--out", str(out), "--best-effort")
    # Nothing at all can be planned: nothing is written, and the reason is given.
    assert best.exit_code == 1 and "but the routine has no such event" in best.stderr
    assert list(out.iterdir()) == []

    after = tmp_path / "ev1.toml"
    after.write_text(
        'title = "ev"\nweeks = 2\n[[remedies]]\nrecipe = "calendula-wipe"\nper_day = 1\n'
        '[[events]]\nevent = "hair-removal"\ntitle = "Waxing"\ndate = 2027-05-01\n'
    )
    refused = cli("plan", str(after), "--start", "2026-11-30", "--out", str(tmp_path))
    assert refused.exit_code == 1
    assert "error: hair-removal on 2027-05-01 is after the plan ends on 2026-12-13" in (
        refused.stderr.splitlines()
    )
    kept = cli("plan", str(after), "--start", "2026-11-30", "--out", str(tmp_path),
               "--best-effort", "--no-xlsx", "--no-ics")  # fmt: skip
    assert kept.exit_code == 0, kept.stderr
    assert "hair-removal on 2027-05-01 is after the plan ends" in kept.stdout
    data = json.loads((tmp_path / "ev1.json").read_text())
    assert any("after the plan ends" in f["reason"] for f in data["shortfalls"])


@pytest.mark.parametrize("name", ["runup-day1.toml", "runup-day2.toml"])
def test_a_run_up_before_the_plan_is_reported(name) -> None:
    routine = case(name)
    with pytest.raises(InfeasibleError) as info:
        build_schedule(routine, with_review_recipes().recipes, dt.date(2026, 11, 30))
    assert any("outside the plan's dates" in p for p in info.value.problems)


def test_aftercare_comes_after_its_event() -> None:
    routine = case("aftercare-before-event.toml")
    plan = build_schedule(
        routine, with_review_recipes().recipes, dt.date(2026, 11, 30), timezone="Europe/Berlin"
    )
    checked(plan, routine)
    first = min(s for s in plan.sessions if s.recipe == "chlorhexidine-aftercare")
    assert first.date == dt.date(2026, 11, 30) and first.start >= 21 * 60 + 30


def test_the_run_up_skips_the_days_of_an_earlier_waxing_and_its_aftercare() -> None:
    routine = case("acid-on-waxing-day.toml")
    plan = build_schedule(
        routine, with_review_recipes().recipes, dt.date(2026, 11, 30), timezone="Europe/Berlin"
    )
    checked(plan, routine)
    acid = {s.date for s in plan.sessions if s.recipe == "anti-ingrown"}
    first_waxing = dt.date(2026, 12, 14)
    assert not acid & {first_waxing + dt.timedelta(days=k) for k in range(3)}
    assert any(n.startswith("anti-ingrown: not on 2026-12-14, 2026-12-15, 2026-12-16") for n in
               plan.notices)  # fmt: skip


def test_best_effort_drops_an_appointment_with_all_its_rules_or_none() -> None:
    routine = case("salon-dropped-rules.toml")
    plan = build_schedule(routine, with_review_recipes().recipes, dt.date(2026, 11, 30), timezone="Europe/Berlin",
                          best_effort=True)  # fmt: skip
    checked(plan, routine)
    assert [(e.title, e.minutes) for e in plan.events] == [("Salon A", 120)]
    salon_days = {e.date for e in plan.events}
    assert not any(s.recipe == "soda-mask" and s.date in salon_days for s in plan.sessions)


def test_one_drying_or_exfoliating_treatment_a_day() -> None:
    routine = load_routine_file(builtin_routine_files()["acid-peel-course"], with_review_recipes())
    plan = build_schedule(
        routine, with_review_recipes().recipes, dt.date(2026, 11, 30), timezone="Europe/Berlin"
    )
    checked(plan, routine)
    peel = {s.date for s in plan.sessions if s.recipe == "fruit-acid-peel"}
    bath = {s.date for s in plan.sessions if s.recipe == "sea-salt-bath"}
    assert peel and bath and not peel & bath
    # Different skin: a leg product and a back mask may share a day; a bath may not.
    legs = make_recipe("legs", effects=("exfoliating",), area="legs", max_per_week=7)
    back = make_recipe("back", effects=("drying",), area="back", max_per_week=7)
    bath_r = make_recipe("bath", effects=("drying",), area="body", max_per_week=7)
    recipes = {"legs": legs, "back": back, "bath": bath_r}
    both = make_routine([Wish("legs", None, 1), Wish("back", None, 1)], weeks=1,
                        windows=((7 * 60, 22 * 60),))  # fmt: skip
    checked(build_schedule(both, recipes, dt.date(2026, 11, 30)), both, recipes)
    clash = make_routine([Wish("legs", None, 1), Wish("bath", 1, None)], weeks=1,
                         windows=((7 * 60, 22 * 60),))  # fmt: skip
    with pytest.raises(InfeasibleError, match="one such treatment a day"):
        build_schedule(clash, recipes, dt.date(2026, 11, 30))


@pytest.mark.parametrize(
    ("name", "zone", "start", "gone"),
    [("nuuk-gap.toml", "America/Nuuk", dt.date(2026, 3, 23), dt.date(2026, 3, 28)),
     ("berlin-gap.toml", "Europe/Berlin", dt.date(2027, 3, 22), None)],
)  # fmt: skip
def test_no_session_at_a_time_the_clock_skips(name, zone, start, gone) -> None:
    routine = case(name)
    plan = build_schedule(
        routine, with_review_recipes().recipes, start, timezone=zone, best_effort=True
    )
    checked(plan, routine)  # the checker looks for sessions in skipped time
    if gone is not None:
        assert gone not in {s.date for s in plan.sessions}


def test_a_skipped_date_gets_nothing_and_is_not_asked_for() -> None:
    recipes = {"w": make_recipe("w", per_day=1, max_per_week=7, times=("07:15",))}
    routine = make_routine([Wish("w", None, 1)], weeks=2, windows=((7 * 60, 22 * 60),))
    plan = build_schedule(routine, recipes, dt.date(2011, 12, 26), timezone="Pacific/Apia")
    checked(plan, routine, recipes)
    assert dt.date(2011, 12, 30) not in {s.date for s in plan.sessions}
    assert len(plan.sessions) == 13 and plan.shortfalls == ()
    assert any("2011-12-30 does not exist in Pacific/Apia" in n for n in plan.notices)


def test_an_event_at_a_skipped_time_is_moved_with_a_notice() -> None:
    from planner.core.routine import EventSpec

    recipes = {"w": make_recipe("w", max_per_week=7)}
    routine = make_routine([Wish("w", None, 1)], weeks=1, windows=((1 * 60, 23 * 60),))
    waxing = EventSpec("hair-removal", "Waxing", date=dt.date(2027, 3, 28), time=150, minutes=60)
    routine = replace(routine, events=(waxing,))
    plan = build_schedule(routine, recipes, dt.date(2027, 3, 22), timezone="Europe/Berlin")
    assert [(e.date, e.start) for e in plan.events] == [(dt.date(2027, 3, 28), 180)]
    assert any("02:30: that time does not exist in Europe/Berlin" in n for n in plan.notices)


def test_a_plan_with_nothing_in_it_writes_nothing(cli, tmp_path) -> None:
    routine = tmp_path / "soda.toml"
    routine.write_text(
        'title = "Soda"\nweeks = 1\n[[remedies]]\nrecipe = "soda-mask"\nper_week = 1\n'
    )
    out = tmp_path / "out"
    out.mkdir()
    result = cli("plan", str(routine), "--condition", "open-pimples", "--out", str(out))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == "error: no sessions: nothing in this routine can be planned"
    assert "Baking-soda mask is left out: not advised with open-pimples" in lines[1]
    assert list(out.iterdir()) == []


def test_a_fullest_plan_not_proven_says_so_in_the_plan_the_json_and_its_notes() -> None:
    # The review's slow refusal (correctness review of 2026-12-04, defect 2): the exact
    # search cannot prove its best count within a small budget.
    routine = case("slow-refusal.toml")
    recipes = with_review_recipes().recipes
    start = dt.date(2027, 3, 16)
    plan = build_schedule(routine, recipes, start, conditions=(), timezone="Europe/Dublin",
                          best_effort=True, work=0.5)  # fmt: skip
    assert not plan.proven_most
    d = checked(plan, routine)
    assert d["proven_most"] is False
    assert [n for n in d["notices"] if n.startswith("not proven the fullest")] == [
        "not proven the fullest: this is the most sessions the exact search found within "
        "its budget; a plan with more may exist"
    ]
    # A fullest plan the search proves is said to be proven, with no such notice.
    recipes, routine = _three_a_day(3)
    short = build_schedule(routine, recipes, dt.date(2026, 11, 30), best_effort=True)
    assert short.shortfalls and short.proven_most
    assert not [n for n in short.notices if n.startswith("not proven")]


@pytest.mark.slow  # the refusal's hint searches for about 4 s of CPU
def test_a_refusal_a_pair_check_proves_says_at_least_in_its_hint(cli) -> None:
    result = cli("--recipes", str(CASES / "recipes"), "plan", str(CASES / "slow-refusal.toml"),
                 "--start", "2027-03-16", "--tz", "Europe/Dublin", "--no-xlsx", "--no-ics")  # fmt: skip
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert "soda-mask can never be placed: oak-bark-bath is planned every available day" in (
        result.stderr
    )
    assert re.fullmatch(
        r"error: hint: --best-effort plans at least \d+ sessions that fit and lists what "
        r"falls short",
        lines[-1],
    ), lines[-1]


def test_an_event_day_gets_the_sessions_that_fit_after_the_event() -> None:
    # Correctness review of 2026-12-04, defect 1: aftercare twice a day after a
    # 20:00-21:00 appointment on Wed 9 Dec. One session fits after it that day (a second
    # would start at midnight), and two on Thu 10 Dec: 3 of 4, not 2.
    routine = case("aftercare-late-event.toml")
    recipes = with_review_recipes().recipes
    start = dt.date(2026, 12, 7)
    with pytest.raises(InfeasibleError) as info:
        plan_or_refuse(routine, recipes, start, timezone="UTC")
    reason = (
        "asked every day of hair-removal days +0 to +1 (4 sessions); 3 fit: 1 of 2 on "
        "2026-12-09 (the free time after the hair-removal ends at 21:00 holds only 1, with "
        "one remedy's sessions 3 hours apart)"
    )
    assert info.value.problems == [f"after-twice: {reason}"]
    assert info.value.fullest == 3 and info.value.fullest_proven
    plan = build_schedule(routine, recipes, start, timezone="UTC", best_effort=True)
    d = checked(plan, routine, recipes)
    assert [(s["date"], s["start"]) for s in d["sessions"]] == [
        ("2026-12-09", "21:00"), ("2026-12-10", "08:00"), ("2026-12-10", "20:00")
    ]  # fmt: skip
    assert [(f.asked, f.placed, f.reason) for f in plan.shortfalls] == [(4, 3, reason)]
    assert plan.proven_most
    answer = fullest(recipes, routine, start, "UTC", events_of(d))
    assert (answer.most, answer.proven, answer.asked) == (3, True, 4)


def test_a_run_up_ending_on_the_event_day_gets_the_sessions_that_fit_before_it() -> None:
    recipes = {"prep": make_recipe("prep", per_day=2, max_per_week=14, minutes=10)}
    window = Limit(EventWindow("waxing", -1, 0), P)
    routine = replace(
        make_routine([Wish("prep", None, None, window=window)], weeks=1,
                     windows=((7 * 60, 22 * 60),)),
        events=(EventSpec("waxing", "Waxing", day=3, time=9 * 60, minutes=60),),
    )  # fmt: skip
    start = dt.date(2026, 12, 7)
    plan = build_schedule(routine, recipes, start, timezone="UTC", best_effort=True)
    d = checked(plan, routine, recipes)
    assert [(s["date"], s["start"]) for s in d["sessions"]] == [
        ("2026-12-08", "08:00"), ("2026-12-08", "20:00"), ("2026-12-09", "08:00")
    ]  # fmt: skip
    assert [f.reason for f in plan.shortfalls] == [
        "asked every day of waxing days -1 to +0 (4 sessions); 3 fit: 1 of 2 on 2026-12-09 "
        "(the free time before the waxing at 09:00 holds only 1, with one remedy's sessions "
        "3 hours apart)"
    ]


@pytest.mark.slow  # about 40 routines, a few of them at the exact search's budget
def test_random_routines_meet_the_exact_oracle() -> None:
    """Plans of random routines (tests/random_routines.py) against an exact model written
    apart from the scheduler (tests/oracle.py): no rule broken, no refusal of a routine
    that fits, no plan accepted that cannot fit, and best effort exactly the proven most."""
    wrong = []
    for seed in FUZZ_SEEDS:
        v = judge(make_case(seed))
        if v.violations or v.false_refusal or v.false_plan or v.below or v.above:
            wrong.append((seed, v))
    assert wrong == []
