from __future__ import annotations

import datetime as dt
import itertools
import json
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.core.routine import Wish
from planner.errors import InfeasibleError
from planner.formats.json import plan_to_dict, render_plan_json
from planner.load.routine import builtin_routine_files, load_routine_file
from planner.schedule import build_schedule

from .brute import brute_feasible
from .factories import instances, make_recipe, make_routine
from .libraries import builtin
from .plan_checker import check_plan, check_wishes_met

MONDAY = dt.date(2026, 11, 30)
GOLDEN = Path(__file__).parent / "golden"


def _days(plan_dict: dict, rid: str) -> list[dt.date]:
    return sorted(
        {dt.date.fromisoformat(s["date"]) for s in plan_dict["sessions"] if s["recipe"] == rid}
    )


@pytest.mark.parametrize("rid", sorted(builtin_routine_files()))
def test_builtin_routines_keep_every_rule(rid: str) -> None:
    routine = load_routine_file(builtin_routine_files()[rid], builtin())
    for start in (MONDAY, MONDAY + dt.timedelta(days=3)):
        plan = plan_to_dict(build_schedule(routine, builtin().recipes, start), builtin().recipes)
        assert check_plan(plan, builtin().recipes, routine) == []
        assert check_wishes_met(plan, routine) == []
        assert plan["shortfalls"] == []


@pytest.mark.parametrize("rid", sorted(builtin_routine_files()))
def test_builtin_routines_match_their_golden_plan(rid: str, request: pytest.FixtureRequest) -> None:
    """Golden files are reviewed by hand; regenerate with --regen-golden on purpose only."""
    routine = load_routine_file(builtin_routine_files()[rid], builtin())
    data = render_plan_json(
        build_schedule(routine, builtin().recipes, MONDAY, timezone="Europe/Berlin"),
        builtin().recipes,
    )
    path = GOLDEN / f"{rid}.json"
    if request.config.getoption("--regen-golden"):
        path.write_bytes(data)
    assert data.decode() == path.read_text(encoding="utf-8")


def test_twice_a_week_is_spaced_three_and_four_days() -> None:
    routine = make_routine([Wish("a", 2, None)], weeks=6)
    recipes = {"a": make_recipe("a", max_per_week=2)}
    plan = plan_to_dict(build_schedule(routine, recipes, MONDAY), recipes)
    days = _days(plan, "a")
    gaps = [(b - a).days for a, b in itertools.pairwise(days)]
    assert set(gaps) == {3, 4}


def test_rolling_week_counts_across_week_boundaries() -> None:
    # Only Sat, Sun, Mon are free: per calendar week two fit, but Sat+Sun+Mon would be 3 in 3 days.
    routine = make_routine([Wish("a", 2, None)], weeks=3, weekdays=(0, 5, 6))
    recipes = {"a": make_recipe("a", max_per_week=2)}
    plan = plan_to_dict(build_schedule(routine, recipes, MONDAY), recipes)
    assert check_plan(plan, recipes, routine) == []
    days = _days(plan, "a")
    for d in days:
        window = [x for x in days if d <= x <= d + dt.timedelta(days=6)]
        assert len(window) <= 2


def test_preferred_days_are_used_when_limits_allow() -> None:
    routine = make_routine([Wish("a", 2, None, days=(1, 4))], weeks=3)
    recipes = {"a": make_recipe("a", max_per_week=2, gap=3)}
    plan = plan_to_dict(build_schedule(routine, recipes, MONDAY), recipes)
    assert {d.weekday() for d in _days(plan, "a")} == {1, 4}


def test_conflicting_remedies_never_share_a_day() -> None:
    routine = make_routine([Wish("a", 3, None), Wish("b", 3, None)], weeks=2)
    recipes = {"a": make_recipe("a", conflicts=("b",)), "b": make_recipe("b")}
    plan = plan_to_dict(build_schedule(routine, recipes, MONDAY), recipes)
    assert not set(_days(plan, "a")) & set(_days(plan, "b"))
    assert check_plan(plan, recipes, routine) == []


def test_twice_a_day_sessions_get_distinct_spaced_times() -> None:
    routine = make_routine(
        [Wish("w", None, 2)], weeks=1, windows=((7 * 60, 9 * 60), (19 * 60, 22 * 60))
    )
    recipes = {
        "w": make_recipe("w", per_day=2, max_per_week=14, minutes=10, times=("08:00", "20:00"))
    }
    plan = plan_to_dict(build_schedule(routine, recipes, MONDAY), recipes)
    assert len(plan["sessions"]) == 14
    assert {s["start"] for s in plan["sessions"]} == {"08:00", "20:00"}


def test_declared_condition_removes_the_remedy_and_says_why() -> None:
    routine = load_routine_file(builtin_routine_files()["back-care"], builtin())
    plan = build_schedule(routine, builtin().recipes, MONDAY, conditions=["open-pimples"])
    assert "soda-mask" not in {s.recipe for s in plan.sessions}
    assert [x.recipe for x in plan.excluded] == ["soda-mask"]
    assert "open-pimples" in plan.excluded[0].reason


def test_wish_above_the_limit_explains_and_says_what_fits() -> None:
    routine = make_routine([Wish("soda-mask", 3, None)], weeks=2)
    with pytest.raises(InfeasibleError) as info:
        build_schedule(routine, builtin().recipes, MONDAY)
    text = "\n".join(info.value.problems)
    assert text.startswith("soda-mask: asked 3 a week, but at most 2 in any 7 days (source:")
    assert "2 a week would fit" in text


def test_two_conflicting_remedies_with_three_free_days_are_explained() -> None:
    routine = make_routine([Wish("a", 2, None), Wish("b", 2, None)], weeks=2, weekdays=(0, 2, 4))
    recipes = {"a": make_recipe("a", conflicts=("b",)), "b": make_recipe("b")}
    with pytest.raises(InfeasibleError) as info:
        build_schedule(routine, recipes, MONDAY)
    assert info.value.problems == [
        "a (2 a week) and b (2 a week) may not share a day, but only 3 days a week are "
        "available; at most 3 of their 4 fit"
    ]


def test_a_long_routine_that_fits_never_needs_the_solver(monkeypatch) -> None:
    """Five years of twelve remedies: the fast search plans them without one step back,
    so its budget for backtracking must not run out on the length alone."""
    import planner.schedule.exact as exact

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the exact solver was called")

    monkeypatch.setattr(exact, "solve", refuse)
    wishes = [Wish(f"r{i:02d}", 1 + i % 3, None) for i in range(12)]
    routine = make_routine(wishes, weeks=260, windows=((6 * 60, 23 * 60),))
    recipes = {w.recipe: make_recipe(w.recipe, max_per_week=3, gap=2, minutes=10) for w in wishes}
    plan = build_schedule(routine, recipes, MONDAY)
    assert len(plan.sessions) == 260 * sum(w.per_week or 0 for w in wishes)


def test_best_effort_plans_the_most_that_fits_and_lists_shortfalls() -> None:
    routine = make_routine([Wish("a", 2, None), Wish("b", 2, None)], weeks=2, weekdays=(0, 2, 4))
    recipes = {"a": make_recipe("a", conflicts=("b",)), "b": make_recipe("b")}
    plan = build_schedule(routine, recipes, MONDAY, best_effort=True)
    d = plan_to_dict(plan, recipes)
    assert check_plan(d, recipes, routine) == []
    assert len(plan.sessions) == 6  # three free days a week, one remedy each
    assert sum(f.asked - f.placed for f in plan.shortfalls) == 2
    assert all(f.reason for f in plan.shortfalls)


def test_too_long_for_the_window_is_explained() -> None:
    routine = make_routine([Wish("long", 1, None)], weeks=1, windows=((20 * 60, 21 * 60),))
    recipes = {"long": make_recipe("long", minutes=90)}
    with pytest.raises(InfeasibleError, match="takes 90 min but the longest time window is 60 min"):
        build_schedule(routine, recipes, MONDAY)


def test_event_window_remedy_needs_the_event() -> None:
    routine = make_routine([Wish("anti-ingrown", None, None)], weeks=2)
    with pytest.raises(InfeasibleError, match="no such event"):
        build_schedule(routine, builtin().recipes, MONDAY)


def test_hair_removal_run_up_is_daily_in_the_14_days_before() -> None:
    routine = load_routine_file(builtin_routine_files()["legs-hair-removal"], builtin())
    plan = plan_to_dict(build_schedule(routine, builtin().recipes, MONDAY), builtin().recipes)
    event_day = MONDAY + dt.timedelta(days=14)
    assert _days(plan, "anti-ingrown") == [
        event_day - dt.timedelta(days=k) for k in range(14, 0, -1)
    ]
    assert _days(plan, "chlorhexidine-aftercare") == [
        event_day + dt.timedelta(days=k) for k in range(3)
    ]


def test_run_up_before_the_plan_start_is_a_shortfall_not_silence() -> None:
    routine = load_routine_file(builtin_routine_files()["legs-hair-removal"], builtin())
    with pytest.raises(
        InfeasibleError, match="anti-ingrown: asked every day of hair-removal days -14 to -1"
    ):
        build_schedule(routine, builtin().recipes, MONDAY, weeks=1)


def test_salon_day_keeps_home_peels_away() -> None:
    routine = load_routine_file(builtin_routine_files()["acid-peel-course"], builtin())
    plan = plan_to_dict(build_schedule(routine, builtin().recipes, MONDAY), builtin().recipes)
    salon = dt.date.fromisoformat(plan["events"][0]["date"])
    for d in _days(plan, "fruit-acid-peel"):
        assert abs((d - salon).days) > 2


BUILD = """
import datetime as dt, sys
from planner.formats.json import render_plan_json
from planner.load.library import load_library
from planner.load.routine import builtin_routine_files, load_routine_file
from planner.schedule import build_schedule
lib = load_library()
routine = load_routine_file(builtin_routine_files()[sys.argv[1]], lib)
plan = build_schedule(routine, lib.recipes, dt.date(2026, 11, 30), timezone="Europe/Berlin",
                      best_effort=sys.argv[2] == "1")
sys.stdout.write(render_plan_json(plan, lib.recipes).decode())
"""


@pytest.mark.slow
@pytest.mark.parametrize(("rid", "best"), [("back-care", "0"), ("acid-peel-course", "1")])
def test_same_inputs_same_bytes_in_separate_processes(rid: str, best: str) -> None:
    """Set and dict orders change with PYTHONHASHSEED; the plan must not."""
    import os
    import subprocess
    import sys

    outs = {
        subprocess.run([sys.executable, "-c", BUILD, rid, best], capture_output=True, text=True,
                       check=True, env={**os.environ, "PYTHONHASHSEED": seed}).stdout
        for seed in ("0", "1", "4242")
    }  # fmt: skip
    assert len(outs) == 1 and '"sessions"' in next(iter(outs))


@pytest.mark.parametrize("rid", sorted(builtin_routine_files()))
def test_adding_weeks_keeps_the_earlier_weeks(rid: str) -> None:
    routine = load_routine_file(builtin_routine_files()[rid], builtin())
    short = build_schedule(routine, builtin().recipes, MONDAY)
    longer = build_schedule(routine, builtin().recipes, MONDAY, weeks=routine.weeks + 3)
    cut = short.end
    assert [s for s in longer.sessions if s.date <= cut] == list(short.sessions)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_every_generated_plan_passes_the_checker_or_is_reported_infeasible(inst) -> None:
    recipes, routine, start = inst
    try:
        plan = build_schedule(routine, recipes, start)
    except InfeasibleError as exc:
        assert exc.problems and all(p.strip() for p in exc.problems)
        try:
            found = build_schedule(routine, recipes, start, best_effort=True)
        except InfeasibleError as empty:
            # Nothing at all fits: no plan is written, and the reasons are given.
            assert empty.problems[0].startswith("no sessions: nothing in this routine")
            assert len(empty.problems) > 1
            return
        best = plan_to_dict(found, recipes)
        assert check_plan(best, recipes, routine) == []
        assert best["shortfalls"], "infeasible, yet best effort reports no shortfall"
        return
    d = plan_to_dict(plan, recipes)
    assert check_plan(d, recipes, routine) == []
    assert check_wishes_met(d, routine) == []
    json.dumps(d)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(max_recipes=3, max_weeks=2, max_per_week=3), st.booleans())
def test_scheduler_agrees_with_brute_force_on_small_routines(inst, exact_only) -> None:
    """Plan or refusal, the answer is the brute force's (written apart from the planner).

    With ``exact_only`` the fast search has no budget at all, so every routine that is
    not settled up front goes to the exact model: its plans pass the checker and its
    refusals are confirmed by the brute force too.
    """
    import planner.schedule.search as schedule

    recipes, routine, start = inst
    exists = brute_feasible(recipes, routine, start)
    budget = schedule.SEARCH_BUDGET
    schedule.SEARCH_BUDGET = -1 if exact_only else budget
    try:
        plan = build_schedule(routine, recipes, start)
        found = True
    except InfeasibleError as exc:
        found = False
        if exc.problems[0].startswith("no sessions:"):
            # Nothing is asked on any day (every available day a blackout): a plan that
            # holds nothing is not written. The brute force calls that vacuously met.
            days = [start + dt.timedelta(days=d) for d in range(7 * routine.weeks)]
            open_days = [d for d in days if d.weekday() in routine.availability.weekdays
                         and d not in routine.availability.blackout]  # fmt: skip
            assert not open_days and exists
            return
    finally:
        schedule.SEARCH_BUDGET = budget
    assert found == exists
    if found:
        d = plan_to_dict(plan, recipes)
        assert check_plan(d, recipes, routine) == [] and check_wishes_met(d, routine) == []


def test_event_window_also_binds_a_per_day_wish() -> None:
    routine = load_routine_file(builtin_routine_files()["legs-hair-removal"], builtin())
    wishes = tuple(
        Wish(w.recipe, w.per_week, 1 if w.recipe == "anti-ingrown" else w.per_day, w.days, w.times)
        for w in routine.remedies
    )
    routine = replace(routine, remedies=wishes)
    plan = plan_to_dict(build_schedule(routine, builtin().recipes, MONDAY), builtin().recipes)
    assert check_plan(plan, builtin().recipes, routine) == []
    assert len(_days(plan, "anti-ingrown")) == 14


def test_per_week_with_an_event_window_is_refused() -> None:
    routine = load_routine_file(builtin_routine_files()["legs-hair-removal"], builtin())
    wishes = tuple(
        Wish(w.recipe, 2 if w.recipe == "anti-ingrown" else w.per_week, w.per_day, w.days, w.times)
        for w in routine.remedies
    )
    routine = replace(routine, remedies=wishes)
    with pytest.raises(InfeasibleError, match="per_week does not apply"):
        build_schedule(routine, builtin().recipes, MONDAY)


def test_events_on_the_same_day_do_not_crash() -> None:
    from planner.core.routine import EventSpec

    events = (EventSpec("salon", "Salon", day=3, time=16 * 60), EventSpec("salon", "Salon", day=3))
    routine = make_routine([Wish("a", 1, None)], weeks=1)
    routine = replace(routine, events=events)
    recipes = {"a": make_recipe("a")}
    plan = build_schedule(routine, recipes, MONDAY)
    assert len(plan.events) == 2


def test_an_event_after_the_plan_is_never_silent() -> None:
    routine = load_routine_file(builtin_routine_files()["legs-hair-removal"], builtin())
    with pytest.raises(InfeasibleError) as info:
        build_schedule(routine, builtin().recipes, MONDAY, weeks=2)
    assert "hair-removal on 2026-12-14 is after the plan ends on 2026-12-13" in info.value.problems
    plan = build_schedule(routine, builtin().recipes, MONDAY, weeks=2, best_effort=True)
    assert any("after the plan ends" in f.reason for f in plan.shortfalls)
    # The run-up inside the plan is still planned; the aftercare after it cannot be.
    assert len([x for x in plan.sessions if x.recipe == "anti-ingrown"]) == 14
    assert "chlorhexidine-aftercare" not in {x.recipe for x in plan.sessions}


def test_appointments_keep_their_own_recipe_limits() -> None:
    from planner.core.routine import EventSpec

    appts = tuple(
        EventSpec("salon", "Salon", day=d, time=10 * 60, recipe="salon-ultrasonic-cleansing")
        for d in (3, 5)
    )
    routine = make_routine([Wish("calendula-wipe", None, 2)], weeks=2, windows=((7 * 60, 22 * 60),))
    routine = replace(routine, events=appts)
    with pytest.raises(InfeasibleError, match="must be 14\\+ days apart"):
        build_schedule(routine, builtin().recipes, MONDAY)
    plan = build_schedule(routine, builtin().recipes, MONDAY, best_effort=True)
    # The second visit breaks the spacing: it is left out entirely, never kept without
    # its recipe's length and same-day rules.
    assert [(e.date.day, e.recipe, e.minutes) for e in plan.events] == [
        (2, "salon-ultrasonic-cleansing", 120)  # day=3 is Wed 2 Dec
    ]
    assert any(f.recipe == "salon-ultrasonic-cleansing" for f in plan.shortfalls)


def test_no_session_in_the_hour_the_clock_skips() -> None:
    # 29 March 2026: Berlin clocks jump from 02:00 to 03:00.
    routine = make_routine([Wish("a", None, 1)], weeks=1, windows=((2 * 60, 3 * 60 + 30),))
    recipes = {"a": make_recipe("a", minutes=20, times=("02:30",))}
    start = dt.date(2026, 3, 23)
    plan = build_schedule(routine, recipes, start, timezone="Europe/Berlin")
    sunday = [s for s in plan.sessions if s.date == dt.date(2026, 3, 29)]
    assert sunday and sunday[0].start >= 3 * 60
    assert check_plan(plan_to_dict(plan, recipes), recipes, routine) == []
