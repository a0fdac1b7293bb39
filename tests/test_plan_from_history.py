"""Plans from reality: sessions really done count toward every limit, and those on the
plan's own days are kept as done, not planned again."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.core.done import Done
from planner.core.plan import Plan
from planner.core.recipe import Recipe
from planner.core.routine import Routine, Wish
from planner.errors import InfeasibleError
from planner.formats.json import plan_to_dict
from planner.load.routine import builtin_routine_files, load_routine_file
from planner.schedule import build_schedule

from .factories import instances, make_recipe, make_routine
from .libraries import builtin
from .plan_checker import check_history_wishes, check_plan

MON = dt.date(2026, 12, 7)
SAT, SUN = dt.date(2026, 12, 5), dt.date(2026, 12, 6)
WEEKEND = (Done("soda-mask", SAT), Done("soda-mask", SUN, 20 * 60 + 15))


@contextmanager
def exact_only() -> Iterator[None]:
    """The fast search gets no budget: every routine not settled up front goes to the
    exact model (as in test_schedule)."""
    import planner.schedule.search as schedule

    budget = schedule.SEARCH_BUDGET
    schedule.SEARCH_BUDGET = -1
    try:
        yield
    finally:
        schedule.SEARCH_BUDGET = budget


def back_care() -> Routine:
    return load_routine_file(builtin_routine_files()["back-care"], builtin())


def dates(plan: Plan, rid: str) -> list[str]:
    return sorted({s.date.isoformat() for s in plan.sessions if s.recipe == rid})


def checked(
    plan: Plan,
    routine: Routine,
    history: tuple[Done, ...],
    recipes: dict[str, Recipe] | None = None,
) -> dict:
    recipes = recipes or dict(builtin().recipes)
    d = plan_to_dict(plan, recipes)
    assert check_plan(d, recipes, routine, history=history) == []
    assert check_history_wishes(d, recipes, routine, history) == []
    return d


# ---- the weekend example ----------------------------------------------------------


def test_a_soda_mask_done_at_the_weekend_keeps_the_next_off_until_saturday() -> None:
    """At most 2 in any 7 days and 3 days apart: after Sat 5 and Sun 6 Dec the window
    from Sat 5 holds two until Fri 11, so the first of the plan is Sat 12 at the earliest."""
    plan = build_schedule(back_care(), builtin().recipes, MON, history=WEEKEND)
    checked(plan, back_care(), WEEKEND)
    soda = dates(plan, "soda-mask")
    assert min(soda) >= "2026-12-12"
    assert soda == ["2026-12-13", "2026-12-17", "2026-12-20", "2026-12-24", "2026-12-27",
                    "2026-12-31", "2027-01-03"]  # fmt: skip
    # Nothing made up: week 1 holds the one session that still fits, and that is no shortfall.
    assert plan.shortfalls == ()
    assert plan.notices == (
        "soda-mask: 2 done on Sat 5 Dec and Sun 6 Dec; at most 2 in any 7 days and 3+ days "
        "apart: first planned Sun 13 Dec (week 1 holds 1 of the 2 a week)",
    )
    assert plan.done == ()  # both before the plan: nothing of them is on its days
    # The other remedies are planned as without the history.
    alone = build_schedule(back_care(), builtin().recipes, MON)
    for rid in ("salt-clay-mask", "chamomile-bath", "calendula-wipe"):
        assert dates(plan, rid) == dates(alone, rid)


def test_the_exact_model_keeps_the_weekend_too() -> None:
    with exact_only():
        plan = build_schedule(back_care(), builtin().recipes, MON, history=WEEKEND)
    checked(plan, back_care(), WEEKEND)
    assert dates(plan, "soda-mask") == ["2026-12-12", "2026-12-15", "2026-12-19", "2026-12-22",
                                        "2026-12-26", "2026-12-31", "2027-01-03"]  # fmt: skip
    assert plan.shortfalls == ()
    assert plan.notices == (
        "soda-mask: 2 done on Sat 5 Dec and Sun 6 Dec; at most 2 in any 7 days and 3+ days "
        "apart: first planned Sat 12 Dec (week 1 holds 1 of the 2 a week)",
    )


def test_without_the_history_checker_the_weekend_plan_would_break_the_limit() -> None:
    """The oracle itself: the plan without history, read beside the weekend, breaks the
    rolling limit (so the checks above can fail)."""
    alone = build_schedule(back_care(), builtin().recipes, MON)
    d = plan_to_dict(alone, builtin().recipes)
    found = check_plan(d, dict(builtin().recipes), back_care(), history=WEEKEND)
    assert any(line.startswith("soda-mask: 3 sessions in the 7 days") for line in found)
    assert any("closer than 3 days" in line for line in found)


# ---- spacing --------------------------------------------------------------------------


def test_the_spacing_counts_from_a_session_done_before_the_plan() -> None:
    # Any number a week, but 3 days apart: done Sun 6 Dec, so Wed 9 Dec at the earliest,
    # and week 1 still holds its two.
    recipes = {"a": make_recipe("a", max_per_week=7, gap=3)}
    routine = make_routine([Wish("a", 2, None)], weeks=2)
    history = (Done("a", SUN),)
    plan = build_schedule(routine, recipes, MON, history=history)
    checked(plan, routine, history, recipes)
    assert dates(plan, "a") == ["2026-12-09", "2026-12-12", "2026-12-15", "2026-12-18"]
    assert plan.notices == (
        "a: 1 done on Sun 6 Dec; at most 7 in any 7 days and 3+ days apart: first planned "
        "Wed 9 Dec",
    )
    assert dates(build_schedule(routine, recipes, MON), "a")[0] == "2026-12-07"


@pytest.mark.parametrize(
    ("days_before", "first"),
    [(11, "2026-12-07"), (10, "2026-12-07"), (9, "2026-12-08"), (2, "2026-12-15")],
)
def test_a_spacing_longer_than_a_week_looks_back_as_far_as_it_reaches(
    days_before: int, first: str
) -> None:
    recipes = {"p": make_recipe("p", max_per_week=1, gap=10)}
    routine = make_routine([Wish("p", 1, None)], weeks=2)
    history = (Done("p", MON - dt.timedelta(days=days_before)),)
    plan = build_schedule(routine, recipes, MON, history=history)
    checked(plan, routine, history, recipes)
    assert dates(plan, "p")[0] == first
    if days_before >= 10:  # out of reach: the same plan as without it, word for word
        assert plan == build_schedule(routine, recipes, MON)
    if days_before == 2:  # week 1 has no room left: it holds none, and says why
        assert dates(plan, "p") == ["2026-12-15"] and plan.shortfalls == ()
        assert plan.notices[0].endswith("(week 1 holds 0 of the 1 a week)")


def test_a_history_that_broke_the_limits_itself_does_not_stop_the_plan() -> None:
    history = tuple(Done("soda-mask", MON - dt.timedelta(days=k)) for k in (1, 2, 3))
    for mode in (False, True):
        if mode:
            with exact_only():
                plan = build_schedule(back_care(), builtin().recipes, MON, history=history)
        else:
            plan = build_schedule(back_care(), builtin().recipes, MON, history=history)
        checked(plan, back_care(), history)
        # Fri 4 to Sun 6 fill every 7 days up to Thu 10.
        assert min(dates(plan, "soda-mask")) >= "2026-12-11"
        assert plan.shortfalls == ()


# ---- a plan restarted mid-week ------------------------------------------------------------


def test_a_session_done_on_the_first_day_is_kept_not_planned_again() -> None:
    done = Done("soda-mask", MON, 20 * 60)
    history = (done,)
    for mode in (False, True):
        if mode:
            with exact_only():
                plan = build_schedule(back_care(), builtin().recipes, MON, history=history)
        else:
            plan = build_schedule(back_care(), builtin().recipes, MON, history=history)
        checked(plan, back_care(), history)
        soda = dates(plan, "soda-mask")
        assert "2026-12-07" not in soda
        # The week's two: the one done and one more; every later week two as asked.
        assert [d for d in soda if d <= "2026-12-13"] == ["2026-12-10"]
        assert len(soda) == 7 and plan.shortfalls == ()
        assert plan.done == (done,)
        assert plan.notices == (
            "soda-mask: 1 done on Mon 7 Dec, kept as done; at most 2 in any 7 days and 3+ "
            "days apart: first planned Thu 10 Dec",
        )
        # It took 20:00-20:30 that day: nothing else is planned then.
        monday = [s for s in plan.sessions if s.date == MON]
        assert monday and all(s.end <= 20 * 60 or s.start >= 20 * 60 + 30 for s in monday)


def test_the_day_of_a_session_done_keeps_remedies_that_may_not_share_it_away() -> None:
    # a would be on Monday; b was done on Monday and the two may not share a day.
    recipes = {"a": make_recipe("a", conflicts=("b",)), "b": make_recipe("b")}
    routine = make_routine([Wish("a", 1, None, days=(0,)), Wish("b", 1, None, days=(3,))])
    assert dates(build_schedule(routine, recipes, MON), "a")[0] == "2026-12-07"
    history = (Done("b", MON),)
    plan = build_schedule(routine, recipes, MON, history=history)
    checked(plan, routine, history, recipes)
    assert "2026-12-07" not in dates(plan, "a")
    # Week 1's one is the one done; week 2 gets its one.
    assert len(dates(plan, "b")) == 1 and dates(plan, "b")[0] >= "2026-12-14"


def test_the_day_of_a_drying_treatment_done_gets_no_other_one() -> None:
    # Not named as a pair: both dry the skin of the back, one such treatment a day.
    recipes = {
        "x": make_recipe("x", effects=("drying",), area="back"),
        "y": make_recipe("y", effects=("exfoliating",), area="back"),
    }
    routine = make_routine([Wish("x", 1, None, days=(0,)), Wish("y", 1, None, days=(3,))])
    history = (Done("y", MON),)
    plan = build_schedule(routine, recipes, MON, history=history)
    checked(plan, routine, history, recipes)
    assert "2026-12-07" not in dates(plan, "x")
    # The oracle sees it too: x on that Monday would break the rule.
    d = plan_to_dict(build_schedule(routine, recipes, MON), recipes)
    assert any("drying or exfoliating y was done" in line
               for line in check_plan(d, recipes, routine, history=history))  # fmt: skip


def test_a_twice_a_day_remedy_done_once_still_gets_the_other_session_that_day() -> None:
    history = (Done("calendula-wipe", MON, 7 * 60 + 15),)
    plan = build_schedule(back_care(), builtin().recipes, MON, history=history)
    checked(plan, back_care(), history)
    wipes = [(s.start, s.slot) for s in plan.sessions if s.recipe == "calendula-wipe"]
    assert len(wipes) == 55
    monday = [(s.start, s.slot) for s in plan.sessions
              if s.recipe == "calendula-wipe" and s.date == MON]  # fmt: skip
    assert monday == [(21 * 60 + 45, 2)]
    assert plan.notices == (
        "calendula-wipe: 1 done on Mon 7 Dec, kept as done; its other session on Mon 7 Dec "
        "still planned",
    )


def test_aftercare_days_the_history_fills_are_left_out_with_a_note() -> None:
    """An every-day remedy of an event window: a day its own sessions done leave no room
    for is not asked for any more (no failure), and the plan says which."""
    routine = load_routine_file(builtin_routine_files()["legs-hair-removal"], builtin())
    start = dt.date(2026, 11, 30)  # the waxing is on Mon 14 Dec; aftercare 14-16 Dec
    history = (Done("chlorhexidine-aftercare", dt.date(2026, 12, 9)),
               Done("chlorhexidine-aftercare", dt.date(2026, 12, 10)))  # fmt: skip
    for mode in (False, True):
        if mode:
            with exact_only():
                plan = build_schedule(routine, builtin().recipes, start, history=history)
        else:
            plan = build_schedule(routine, builtin().recipes, start, history=history)
        checked(plan, routine, history)
        # At most 3 in any 7 days: 15 Dec would be the 4th from 9 Dec.
        assert dates(plan, "chlorhexidine-aftercare") == ["2026-12-14", "2026-12-16"]
        assert plan.shortfalls == () and plan.done == history
        assert plan.notices == (
            "chlorhexidine-aftercare: 2 done on Wed 9 Dec and Thu 10 Dec, kept as done; at "
            "most 3 in any 7 days and 1+ days apart: first planned Mon 14 Dec; not on Tue 15 Dec",
        )


# ---- what the history does not touch --------------------------------------------------------


def test_sessions_of_other_or_left_out_remedies_are_ignored() -> None:
    history = (
        Done("fruit-acid-peel", SUN),  # a recipe, but not in this routine
        Done("no-such-recipe", MON),
        Done("soda-mask", SUN),  # left out below by a condition
    )
    alone = build_schedule(back_care(), builtin().recipes, MON, conditions=["open-pimples"])
    plan = build_schedule(
        back_care(), builtin().recipes, MON, conditions=["open-pimples"], history=history
    )
    assert plan == alone and plan.done == () and plan.notices == alone.notices


def test_an_empty_history_changes_nothing() -> None:
    assert build_schedule(back_care(), builtin().recipes, MON, history=()) == build_schedule(
        back_care(), builtin().recipes, MON
    )


# ---- properties -------------------------------------------------------------------------------


def _histories(
    recipes: dict[str, Recipe], start: dt.date, first: int, last: int
) -> st.SearchStrategy[tuple[Done, ...]]:
    ids = [*sorted(recipes), "not-a-recipe"]
    entry = st.builds(
        Done,
        st.sampled_from(ids),
        st.integers(first, last).map(lambda k: start + dt.timedelta(days=k)),
        st.sampled_from([None, None, 8 * 60, 20 * 60]),
    )
    return st.lists(entry, min_size=1, max_size=8).map(tuple)


def _plan_or_best(
    routine: Routine, recipes: dict[str, Recipe], start: dt.date, history: tuple[Done, ...]
) -> Plan | None:
    try:
        return build_schedule(routine, recipes, start, history=history)
    except InfeasibleError:
        try:
            return build_schedule(routine, recipes, start, history=history, best_effort=True)
        except InfeasibleError as empty:
            assert empty.problems[0].startswith("no sessions: nothing in this routine")
            return None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(), st.data())
def test_history_before_the_plan_and_the_plan_keep_every_limit_together(inst, data) -> None:
    recipes, routine, start = inst
    history = data.draw(_histories(recipes, start, -14, -1))
    plan = _plan_or_best(routine, recipes, start, history)
    if plan is None:
        return
    d = plan_to_dict(plan, recipes)
    assert check_plan(d, recipes, routine, history=history) == []
    assert check_history_wishes(d, recipes, routine, history) == []
    assert plan.done == ()
    json.dumps(d)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(), st.data())
def test_a_plan_restarted_with_sessions_done_in_its_first_week_keeps_every_rule(inst, data) -> None:
    recipes, routine, start = inst
    history = data.draw(_histories(recipes, start, -14, 6))
    plan = _plan_or_best(routine, recipes, start, history)
    if plan is None:
        return
    d = plan_to_dict(plan, recipes)
    assert check_plan(d, recipes, routine, history=history) == []
    assert check_history_wishes(d, recipes, routine, history) == []
    kept = {w.recipe for w in routine.remedies} - {x.recipe for x in plan.excluded}
    assert sorted(plan.done, key=repr) == sorted(
        (h for h in history if h.recipe in kept and h.date >= start), key=repr
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_built_in_routines_from_a_history_of_any_remedies_at_any_time_keep_every_rule(
    data,
) -> None:
    """Sessions done of remedies outside the routine (a peel, a salon cleansing) and at
    any time of day: the same-day rules and a remedy's spacing within a day hold
    against them too."""
    library = builtin()
    recipes = dict(library.recipes)
    rid = data.draw(st.sampled_from(sorted(builtin_routine_files())))
    routine = load_routine_file(builtin_routine_files()[rid], library)
    entry = st.builds(
        Done,
        st.sampled_from(sorted(recipes)),
        st.integers(-10, 6).map(lambda k: MON + dt.timedelta(days=k)),
        st.one_of(st.none(), st.integers(6 * 12, 23 * 12).map(lambda k: 5 * k)),
    )
    history = tuple(data.draw(st.lists(entry, min_size=1, max_size=6)))
    plan = _plan_or_best(routine, recipes, MON, history)
    if plan is None:
        return
    d = plan_to_dict(plan, recipes)
    assert check_plan(d, recipes, routine, history=history) == []


def test_a_wipe_done_late_keeps_the_days_other_wipe_three_hours_away() -> None:
    history = (Done("calendula-wipe", MON, 21 * 60 + 45),)
    plan = build_schedule(back_care(), builtin().recipes, MON, 1, history=history)
    [other] = [s for s in plan.sessions if s.recipe == "calendula-wipe" and s.date == MON]
    assert other.start <= 21 * 60 + 45 - 180
    assert checked(plan, back_care(), history) is not None


def test_a_session_done_between_two_times_stands_for_the_one_that_leaves_room() -> None:
    """Wipes at 08:00 and 12:00, the day open from 08:00: one done at 10:30 is nearer
    noon, but only as the morning one does the other still fit (from 13:30)."""
    routine = make_routine([Wish("calendula-wipe", None, 2, times=(8 * 60, 12 * 60))], weeks=1,
                           windows=((8 * 60, 23 * 60),))  # fmt: skip
    history = (Done("calendula-wipe", MON, 10 * 60 + 30),)
    plan = build_schedule(routine, builtin().recipes, MON, 1, history=history)
    [other] = [s for s in plan.sessions if s.date == MON]
    assert other.start >= 13 * 60 + 30
    assert checked(plan, routine, history) is not None


def test_a_peel_done_outside_the_routine_keeps_drying_masks_off_that_day() -> None:
    sat = MON + dt.timedelta(days=5)
    plain = build_schedule(back_care(), builtin().recipes, MON, 1)
    assert sat in {s.date for s in plain.sessions if s.recipe == "salt-clay-mask"}
    history = (Done("fruit-acid-peel", sat),)
    plan = build_schedule(back_care(), builtin().recipes, MON, 1, history=history)
    harsh = {"salt-clay-mask", "soda-mask"}
    assert not [s for s in plan.sessions if s.recipe in harsh and s.date == sat]
    assert checked(plan, back_care(), history) is not None
    assert plan.notices == (
        "fruit-acid-peel (not in this routine): done on Sat 12 Dec, so salt-clay-mask and "
        "soda-mask not planned on that day",
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(max_recipes=3, max_weeks=2, max_per_week=3), st.data())
def test_the_search_and_the_exact_model_agree_with_a_history(inst, data) -> None:
    """The search's memo of failed weeks knows the days done: what it refuses, the exact
    model refuses too, and what it plans, the exact model plans."""
    recipes, routine, start = inst
    history = data.draw(_histories(recipes, start, -14, 6))

    def feasible() -> bool:
        try:
            plan = build_schedule(routine, recipes, start, history=history)
        except InfeasibleError:
            return False
        d = plan_to_dict(plan, recipes)
        assert check_plan(d, recipes, routine, history=history) == []
        assert check_history_wishes(d, recipes, routine, history) == []
        return True

    fast = feasible()
    with exact_only():
        assert feasible() == fast


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(), st.data())
def test_sessions_done_out_of_every_limits_reach_change_nothing(inst, data) -> None:
    recipes, routine, start = inst
    reach = max(7, *(r.limits.min_days_between.value for r in recipes.values()))
    history = data.draw(_histories(recipes, start, -reach - 14, -reach))
    try:
        alone = build_schedule(routine, recipes, start)
    except InfeasibleError as exc:
        with pytest.raises(InfeasibleError) as info:
            build_schedule(routine, recipes, start, history=history)
        assert info.value.problems == exc.problems
        return
    assert build_schedule(routine, recipes, start, history=history) == alone


# ---- the command line -------------------------------------------------------------------------


def _history_file(path: Path, entries: tuple[Done, ...]) -> Path:
    path.write_text(
        json.dumps(
            [
                {
                    "recipe": e.recipe,
                    "date": e.date.isoformat(),
                    "time": None if e.time is None else f"{e.time // 60:02d}:{e.time % 60:02d}",
                    "source": e.source,
                }
                for e in entries
            ]
        )
    )
    return path


def test_plan_reads_the_history_files_it_is_given(cli, tmp_path) -> None:
    first = _history_file(tmp_path / "history.json", WEEKEND[:1])
    second = _history_file(tmp_path / "more.json", WEEKEND[1:])
    out = tmp_path / "out"
    result = cli("plan", "back-care", "--start", "2026-12-07", "--history", str(first),
                 "--history", str(second), "--no-xlsx", "--no-ics", "--out", str(out))  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "soda-mask: 2 done on Sat 5 Dec and Sun 6 Dec" in " ".join(result.stdout.split())
    data = json.loads((out / "back-care.json").read_text())
    soda = sorted(s["date"] for s in data["sessions"] if s["recipe"] == "soda-mask")
    assert soda[0] == "2026-12-13" and len(soda) == 7


def test_shopping_buys_for_the_plan_the_history_leaves(cli, tmp_path) -> None:
    path = _history_file(tmp_path / "history.json", WEEKEND)
    plain = cli("shopping", "back-care", "--start", "2026-12-07", "--format", "json")
    after = cli("shopping", "back-care", "--start", "2026-12-07", "--format", "json",
                "--history", str(path))  # fmt: skip
    assert plain.exit_code == 0 and after.exit_code == 0, after.stderr
    assert plain.stdout != after.stdout


@pytest.mark.parametrize("command", ["plan", "shopping", "sync"])
def test_a_missing_history_file_is_one_usage_line(cli, tmp_path, command) -> None:
    missing = tmp_path / "nope.json"
    more = ("--url", "https://example.org/dav/") if command == "sync" else ()
    result = cli(command, "--history", str(missing), *more)
    assert result.exit_code == 2
    assert result.stderr == f"error: --history: history file '{missing}' does not exist\n"


def test_a_history_file_with_a_mistake_is_reported_with_its_line(cli, tmp_path) -> None:
    path = tmp_path / "history.json"
    path.write_text('[\n  {"recipe": "soda-mask", "date": "2026-12-32"}\n]\n')
    out = tmp_path / "out"
    result = cli("plan", "--start", "2026-12-07", "--history", str(path), "--out", str(out))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {path}:2: [1].date: '2026-12-32' is not a date")
    assert not out.exists()


def test_what_done_recorded_counts_in_the_next_plan_without_naming_the_file(cli, tmp_path):
    for day in ("2026-12-05", "2026-12-06"):
        assert cli("done", "soda-mask", "--date", day).exit_code == 0
    assert (tmp_path / "xdg-data" / "remedy-planner" / "history.json").is_file()
    out = tmp_path / "out"
    result = cli("plan", "--start", "2026-12-07", "--no-xlsx", "--no-ics", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert "soda-mask: 2 done on Sat 5 Dec and Sun 6 Dec" in " ".join(result.stdout.split())
    data = json.loads((out / "back-care.json").read_text())
    assert min(s["date"] for s in data["sessions"] if s["recipe"] == "soda-mask") == "2026-12-13"


def test_the_default_history_counts_beside_the_files_named(cli, tmp_path) -> None:
    assert cli("done", "soda-mask", "--date", "2026-12-05").exit_code == 0
    more = _history_file(tmp_path / "more.json", WEEKEND[1:])
    out = tmp_path / "out"
    result = cli("plan", "--start", "2026-12-07", "--history", str(more), "--no-xlsx",
                 "--no-ics", "--out", str(out))  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "soda-mask: 2 done on Sat 5 Dec and Sun 6 Dec" in " ".join(result.stdout.split())


def test_a_session_both_ticked_and_recorded_counts_once(cli, tmp_path) -> None:
    """Sat's mask ticked in one file and recorded in another, Sun's only recorded: two
    sessions, not three."""
    ticked = _history_file(tmp_path / "ticked.json", (Done("soda-mask", SAT, None, "a.xlsx"),))
    recorded = _history_file(tmp_path / "history.json", WEEKEND)
    out = tmp_path / "out"
    result = cli("plan", "--start", "2026-12-07", "--weeks", "1", "--history", str(ticked),
                 "--history", str(recorded), "--no-xlsx", "--no-ics", "--out", str(out))  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "soda-mask: 2 done on Sat 5 Dec and Sun 6 Dec" in " ".join(result.stdout.split())


def test_merged_histories_hold_each_session_once() -> None:
    from planner.core.done import merge_histories

    morning, evening = 7 * 60 + 15, 21 * 60 + 45
    ticked = (Done("wipe", SAT, morning, "a.xlsx"), Done("mask", SUN, 1200, "a.xlsx"),
              Done("bath", SUN, 1140, "a.xlsx"))  # fmt: skip
    recorded = (
        Done("wipe", SAT, evening),  # the other wipe of the day: one more session
        Done("mask", SUN, 1230),  # the ticked mask, done half an hour late: the same one
        Done("mask", SUN, 1200 + 180),  # three hours later: another session
        Done("bath", SUN),  # no time: taken for the ticked bath
        Done("bath", MON),
    )
    assert merge_histories([ticked, recorded]) == [
        ticked[0], recorded[0], ticked[1], recorded[2], ticked[2], recorded[4]
    ]  # fmt: skip
    # The record without a time gives way to one with a time, from whichever place.
    assert merge_histories([(Done("bath", SUN),), (Done("bath", SUN, 1140, "a.xlsx"),)]) == [
        Done("bath", SUN, 1140, "a.xlsx")
    ]
    # Two records of one place are two sessions, however close; a copy adds nothing.
    two = (Done("wipe", SAT), Done("wipe", SAT))
    assert merge_histories([two]) == list(two)
    assert merge_histories([ticked, ticked]) == list(ticked)
    assert merge_histories([]) == []


def test_a_broken_default_history_is_an_error_naming_it(cli, tmp_path) -> None:
    path = tmp_path / "xdg-data" / "remedy-planner" / "history.json"
    path.parent.mkdir(parents=True)
    path.write_text('[\n  {"recipe": "soda-mask"}\n]\n')
    result = cli("plan", "--start", "2026-12-07", "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {path}:2: [1]")


def test_a_ticked_workbook_is_a_history_for_the_next_plan(cli, tmp_path) -> None:
    from openpyxl import load_workbook

    from planner.formats.workbook.map import MAP_SHEET

    first = tmp_path / "first"
    made = cli("plan", "--start", "2026-11-30", "--weeks", "1", "--no-ics", "--out", str(first))
    assert made.exit_code == 0, made.stderr
    book_path = first / "back-care.xlsx"
    book = load_workbook(book_path)
    rows = list(book[MAP_SHEET].iter_rows(values_only=True))
    head = rows.index(next(r for r in rows if r[:1] == ("date",)))
    # Tick every soda mask's box on the Plan sheet, as a person would with a pen.
    soda = [r for r in rows[head + 1 :] if r[2] == "soda-mask"]
    assert len(soda) == 2
    for row in soda:
        sheet, _, cell = str(row[6]).partition("!")
        book[sheet][cell] = "x"
    book.save(book_path)
    last = max(dt.date.fromisoformat(str(r[0])) for r in soda)
    nxt = last + dt.timedelta(days=1)
    out = tmp_path / "out"
    result = cli("plan", "--start", nxt.isoformat(), "--weeks", "1", "--history", str(book_path),
                 "--no-xlsx", "--no-ics", "--out", str(out))  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "soda-mask: 2 done on" in " ".join(result.stdout.split())
    data = json.loads((out / "back-care.json").read_text())
    planned = [
        dt.date.fromisoformat(s["date"]) for s in data["sessions"] if s["recipe"] == "soda-mask"
    ]
    done_days = sorted(dt.date.fromisoformat(str(r[0])) for r in soda)
    # At most 2 in any 7 days, counting the two ticked ones.
    for day in planned:
        window = [d for d in [*done_days, *planned] if day - dt.timedelta(days=6) <= d <= day]
        assert len(window) <= 2, (day, window)


def test_sessions_done_on_the_plans_days_are_shown_and_written_as_done(cli, tmp_path) -> None:
    # A plan of a past week, so that progress counts its days as due.
    mon = dt.date(2025, 12, 1)
    history = _history_file(
        tmp_path / "history.json",
        (Done("soda-mask", mon + dt.timedelta(days=1), 20 * 60 + 15), Done("chamomile-bath", mon)),
    )
    out = tmp_path / "out"
    result = cli("plan", "--start", mon.isoformat(), "--weeks", "1", "--history", str(history),
                 "--tz", "UTC", "--no-xlsx", "--out", str(out))  # fmt: skip
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    monday = lines.index(next(x for x in lines if x.startswith("  Mon  1 Dec")))
    assert lines[monday] == "  Mon  1 Dec  Chamomile bath: done"  # no time: first
    tuesday = [x.strip() for x in lines[lines.index(next(x for x in lines if "Tue  2 Dec" in x)) :]]
    assert "20:15-20:45  Baking-soda mask: done" in " ".join(tuesday[:4])
    data = json.loads((out / "back-care.json").read_text())
    assert data["done"] == [  # in order of date
        {"recipe": "chamomile-bath", "name": "Chamomile bath", "date": "2025-12-01",
         "time": None, "source": "done"},
        {"recipe": "soda-mask", "name": "Baking-soda mask", "date": "2025-12-02",
         "time": "20:15", "source": "done"},
    ]  # fmt: skip
    assert "2025-12-02" not in {s["date"] for s in data["sessions"] if s["recipe"] == "soda-mask"}
    # The plan file alone is enough for progress to count them as done.
    shown = cli("progress", str(out / "back-care.json"), "--format", "json",
                env={"XDG_DATA_HOME": str(tmp_path / "none")})  # fmt: skip
    assert shown.exit_code == 0, shown.stderr
    counts = {r["recipe"]: (r["planned"], r["done"]) for r in json.loads(shown.stdout)["remedies"]}
    assert counts["chamomile-bath"][1] == 1 and counts["soda-mask"][1] == 1


def test_a_history_naming_an_unknown_recipe_gets_a_warning(cli, tmp_path) -> None:
    path = tmp_path / "history.json"
    path.write_text('[\n  {"recipe": "soda-msk", "date": "2026-12-06"}\n]\n')
    result = cli("shopping", "--start", "2026-12-07", "--history", str(path))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        "warning: the history names recipes not in the library, left out of the plan: soda-msk\n"
    )
