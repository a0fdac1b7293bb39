"""Small builders for recipes and routines in tests, without files."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from planner.core.recipe import EventWindow, Limit, Limits, Provenance, Recipe
from planner.core.routine import Availability, EventSpec, KeepClear, Routine, TimeWindow, Wish

P = Provenance("default", "test")


def make_recipe(
    rid: str,
    *,
    max_per_week: int = 7,
    gap: int = 1,
    per_day: int = 1,
    minutes: int = 20,
    conflicts: tuple[str, ...] = (),
    times: tuple[str, ...] = ("20:00",),
    contraindications: tuple[str, ...] = (),
    effects: tuple[str, ...] = (),
    area: str = "",
) -> Recipe:
    if len(times) != per_day:
        times = tuple(f"{8 + 12 * i // max(per_day - 1, 1):02d}:00" for i in range(per_day))
    return Recipe(
        id=rid,
        name=rid.replace("-", " ").title(),
        kind="mask",
        summary="test",
        ingredients=(),
        steps=("Apply.",),
        prep_minutes=0,
        skin_minutes=minutes,
        minutes=minutes,
        limits=Limits(
            max_per_week=Limit(max_per_week, P),
            min_days_between=Limit(gap, P),
            per_day=Limit(per_day, P),
            times=Limit(tuple(dt.time.fromisoformat(t) for t in times), P),
            time_of_day=Limit("evening", P),
            not_same_day_as=Limit(conflicts, P),
        ),
        contraindications=contraindications,
        effects=effects,
        area=area,
    )


def make_routine(
    wishes: list[Wish],
    *,
    weeks: int = 2,
    weekdays: tuple[int, ...] = (0, 1, 2, 3, 4, 5, 6),
    windows: tuple[tuple[int, int], ...] = ((19 * 60, 23 * 60),),
    blackout: tuple[dt.date, ...] = (),
) -> Routine:
    return Routine(
        id="test",
        title="Test",
        weeks=weeks,
        remedies=tuple(wishes),
        availability=Availability(
            weekdays=weekdays,
            windows=tuple(TimeWindow(a, b) for a, b in windows),
            blackout=blackout,
        ),
    )


def _weekly_count(draw: st.DrawFn, cap: int, max_pw: int, gap: int, per_day: int) -> int:
    """Mostly a count within the recipe's limits, sometimes anything up to ``cap``."""
    if draw(st.integers(0, 9)) < 7:
        return draw(st.integers(1, max(1, min(cap, max_pw // per_day, 7 // gap))))
    return draw(st.integers(1, cap))


@st.composite
def instances(
    draw: st.DrawFn,
    max_recipes: int = 4,
    max_weeks: int = 4,
    max_per_week: int = 4,
    events: bool = False,
) -> tuple[dict[str, Recipe], Routine, dt.date]:
    """Random recipes, wishes and availability (often infeasible on purpose)."""
    n = draw(st.integers(1, max_recipes))
    ids = [f"r{i}" for i in range(n)]
    recipes: dict[str, Recipe] = {}
    wishes: list[Wish] = []
    for i, rid in enumerate(ids):
        per_day = draw(st.sampled_from([1, 1, 1, 2]))
        max_pw = min(
            7 * per_day,
            draw(st.sampled_from([1, 2, 2, 3, 4, 7])) * per_day + draw(st.sampled_from([0, 0, 1])),
        )
        gap = draw(st.sampled_from([1, 1, 2, 3, 4]))
        minutes = draw(st.sampled_from([5, 15, 30, 45, 60, 90]))
        others = [o for o in ids if o != rid]
        conflicts = (
            tuple(draw(st.lists(st.sampled_from(others), max_size=1, unique=True)))
            if others
            else ()
        )
        recipes[rid] = make_recipe(
            rid, max_per_week=max_pw, gap=gap, per_day=per_day, minutes=minutes, conflicts=conflicts,
            effects=draw(st.sampled_from([(), (), ("drying",), ("exfoliating",)])),
            area=draw(st.sampled_from(["back", "legs", "body"])),
        )  # fmt: skip
        daily = i == 0 and draw(st.booleans()) and draw(st.booleans())
        if daily:
            wishes.append(Wish(rid, None, per_day))
        else:
            wishes.append(
                Wish(
                    rid,
                    _weekly_count(draw, max_per_week, max_pw, gap, per_day),
                    draw(st.sampled_from([None, 1, per_day])),
                    days=tuple(sorted(draw(st.sets(st.integers(0, 6), max_size=3)))),
                )
            )
    weeks = draw(st.integers(1, max_weeks))
    weekdays = tuple(sorted(draw(st.sets(st.integers(0, 6), min_size=2))))
    windows = draw(
        st.sampled_from(
            [
                ((19 * 60, 23 * 60),),
                ((7 * 60, 8 * 60 + 30), (19 * 60, 22 * 60)),
                ((20 * 60, 21 * 60),),
                ((6 * 60, 23 * 60),),
            ]
        )
    )
    start = dt.date(2026, 11, 30) + dt.timedelta(days=draw(st.integers(0, 6)))
    blackout = tuple(
        sorted(
            {
                start + dt.timedelta(days=k)
                for k in draw(st.lists(st.integers(0, 7 * weeks - 1), max_size=3))
            }
        )
    )
    routine = make_routine(
        wishes, weeks=weeks, weekdays=weekdays, windows=windows, blackout=blackout
    )
    if events and draw(st.booleans()):
        routine = _with_events(draw, routine, recipes, ids)
    return recipes, routine, start


def _with_events(
    draw: st.DrawFn, routine: Routine, recipes: dict[str, Recipe], ids: list[str]
) -> Routine:
    """Dated events: a window-tied remedy, keep-clear days, an appointment with its own limits."""
    n_days = 7 * routine.weeks
    specs: list[EventSpec] = []
    for _ in range(draw(st.integers(1, 3))):
        day = draw(st.integers(-3, n_days + 3))
        keep = None
        if draw(st.booleans()):
            keep = KeepClear(
                (draw(st.sampled_from(ids)),), -draw(st.integers(0, 2)), draw(st.integers(0, 2)), P
            )
        appointment = draw(st.booleans())
        specs.append(
            EventSpec(
                event="ev",
                title="Event",
                day=day if day >= 1 else None,
                date=None if day >= 1 else dt.date(2026, 11, 30) + dt.timedelta(days=day),
                time=draw(st.sampled_from([None, 10 * 60, 19 * 60 + 30])),
                minutes=draw(st.sampled_from([None, 60])),
                recipe="appt" if appointment else None,
                keep_clear=keep,
            )
        )
    recipes["appt"] = make_recipe(
        "appt", max_per_week=1, gap=draw(st.integers(1, 10)), minutes=90, conflicts=(ids[0],)
    )
    wishes = list(routine.remedies)
    first = draw(st.integers(-5, 2))
    window = Limit(EventWindow("ev", first, first + draw(st.integers(0, 4))), P)
    recipes["tied"] = make_recipe("tied", max_per_week=7, minutes=5)
    wishes.append(Wish("tied", None, None, window=window))
    if draw(st.booleans()):
        # A run-up and an aftercare for the same event: the aftercare days win.
        first = -draw(st.integers(2, 9))
        recipes["runup"] = make_recipe("runup", max_per_week=7, minutes=5, effects=("exfoliating",),
                                       area="legs")  # fmt: skip
        wishes.append(Wish("runup", None, None, window=Limit(EventWindow("ev", first, -1), P)))
        recipes["after"] = make_recipe("after", max_per_week=7, minutes=5)
        wishes.append(Wish("after", None, None, window=Limit(EventWindow("ev", 0, 2), P)))
    return Routine(
        id=routine.id,
        title=routine.title,
        weeks=routine.weeks,
        remedies=tuple(wishes),
        availability=routine.availability,
        events=tuple(specs),
    )
