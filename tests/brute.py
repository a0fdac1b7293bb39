"""Brute force for tiny routines: does ANY plan meet every wish and every hard rule?

Written apart from planner.schedule: it lists every choice of days for every
remedy, keeps those that meet the remedy's own limits, then tries every
combination, checking same-day rules and whether each day's sessions can be
put on the clock (every order, each session at the first 5-minute start that fits).
"""

from __future__ import annotations

import datetime as dt
import itertools
from functools import cache

from planner.core.recipe import Recipe
from planner.core.routine import Routine

GRID = 5
SPACING = 180


def _ok_days(days: tuple[int, ...], recipe: Recipe, per_day: int) -> bool:
    gap = recipe.limits.min_days_between.value
    for a, b in itertools.pairwise(days):
        if b - a < gap:
            return False
    for lo in range(min(days, default=0) - 6, max(days, default=0) + 1):
        if per_day * sum(1 for d in days if lo <= d <= lo + 6) > recipe.limits.max_per_week.value:
            return False
    return True


@cache
def day_fits(
    sessions: tuple[tuple[str, int, int], ...], windows: tuple[tuple[int, int], ...]
) -> bool:
    """``sessions`` is (recipe, slot, minutes) for one day."""
    for order in itertools.permutations(range(len(sessions))):
        slots_ok = all(
            not (sessions[a][0] == sessions[b][0] and sessions[a][1] > sessions[b][1])
            for i, a in enumerate(order)
            for b in order[i + 1 :]
        )
        if not slots_ok:
            continue
        t = 0
        last_start: dict[str, int] = {}
        placed_all = True
        for idx in order:
            rid, _slot, minutes = sessions[idx]
            low = max(t, last_start.get(rid, -SPACING) + SPACING)
            start = -(-low // GRID) * GRID
            while start <= 24 * 60:
                if any(a <= start and start + minutes <= b for a, b in windows):
                    break
                start += GRID
            else:
                placed_all = False
                break
            last_start[rid] = start
            t = start + minutes
        if placed_all:
            return True
    return False


def brute_feasible(recipes: dict[str, Recipe], routine: Routine, start: dt.date) -> bool:
    n_days = 7 * routine.weeks
    avail = routine.availability
    usable = [
        (start + dt.timedelta(days=d)).weekday() in avail.weekdays
        and (start + dt.timedelta(days=d)) not in avail.blackout
        for d in range(n_days)
    ]
    windows = tuple((w.start, w.end) for w in avail.windows)
    tasks: list[tuple[Recipe, int, list[tuple[int, ...]]]] = []
    for wish in routine.remedies:
        r = recipes[wish.recipe]
        per_day = wish.per_day or (r.limits.per_day.value if wish.per_week is None else 1)
        if per_day > r.limits.per_day.value:
            return False
        if wish.per_week is None:
            options = [tuple(d for d in range(n_days) if usable[d])]
        else:
            weekly = [
                list(
                    itertools.combinations(
                        [d for d in range(7 * w, 7 * w + 7) if usable[d]], wish.per_week
                    )
                )
                for w in range(routine.weeks)
            ]
            options = [tuple(itertools.chain(*parts)) for parts in itertools.product(*weekly)]
        options = [o for o in options if _ok_days(o, r, per_day)]
        if not options:
            return False
        tasks.append((r, per_day, options))

    day_load: list[list[tuple[str, int, int]]] = [[] for _ in range(n_days)]
    day_ids: list[set[str]] = [set() for _ in range(n_days)]

    def clash(r: Recipe, d: int) -> bool:
        for other in day_ids[d]:
            o = recipes[other]
            if other in r.limits.not_same_day_as.value or r.id in o.limits.not_same_day_as.value:
                return True
            # One drying or exfoliating treatment a day on the same skin ("body" is all skin).
            wide = ("body", "problem areas", "")
            r_all, o_all = r.kind == "bath" or r.area in wide, o.kind == "bath" or o.area in wide
            if r.effects and o.effects and (r_all or o_all or r.area == o.area):
                return True
        return False

    def rec(i: int) -> bool:
        if i == len(tasks):
            return True
        r, per_day, options = tasks[i]
        for option in options:
            if any(clash(r, d) for d in option):
                continue
            added = [(r.id, k + 1, r.minutes) for k in range(per_day)]
            if not all(day_fits(tuple(sorted(day_load[d] + added)), windows) for d in option):
                continue
            for d in option:
                day_load[d].extend(added)
                day_ids[d].add(r.id)
            if rec(i + 1):
                return True
            for d in option:
                del day_load[d][-per_day:]
                day_ids[d].discard(r.id)
        return False

    return rec(0)
