"""The hard rules, day by day: what may go on a day, whether a day's sessions fit on the
clock, and which days a remedy may take in a week, in the order the search tries them."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from planner.core.recipe import (
    WEEKDAYS,
    Recipe,
)
from planner.core.routine import Wish
from planner.schedule.daypack import (
    Spec,
    default_times,
    pack_day,
)
from planner.schedule.state import _State, _Task

if TYPE_CHECKING:
    from planner.schedule.search import _Scheduler

# Each function is a method of _Scheduler (assigned there by name): ``self`` is the
# scheduler, whose state they share.


def pack(self: _Scheduler, day: int, specs: Sequence[Spec]) -> list[int] | None:
    """Start minutes for ``sorted(specs)`` on ``day``, cached by the day's contents."""
    key = (tuple(sorted(specs)), tuple(self.busy[day]))
    if key not in self.pack_cache:
        self.pack_cache[key] = pack_day(key[0], self.windows, key[1])
    return self.pack_cache[key]


def off_reason(self: _Scheduler, day: int) -> str | None:
    """Why nothing at all may go on ``day``, if so."""
    if self.available[day]:
        return None
    d = self.dates[day]
    if self.gaps.get(day) == (0, 24 * 60):
        return f"the date does not exist in {self.timezone}"
    if d in self.routine.availability.blackout:
        return "blackout date"
    return f"{WEEKDAYS[d.weekday()].capitalize()} is not an available day"


NO_ROOM = "no free time left in the day's windows"


def day_problem(
    self: _Scheduler, task: _Task, day: int, state: _State, sessions: int | None = None
) -> str | None:
    """Why ``task`` cannot go on ``day`` given what is there (same-day rules only), with
    all its sessions of a day, or with its first ``sessions`` of them."""
    off = self.off_reason(day)
    if off is not None:
        return off
    if day in self.blocked.get(task.rid, {}):
        return self.blocked[task.rid][day]
    done = self.done_blocked.get(task.rid)
    if done and day in done:
        return done[day]
    mine = self.conflicts.get(task.rid, set())
    for other in state.recipes_on[day]:
        if other in mine:
            return self.conflict_reason(task.rid, other)
    n = task.per_day if sessions is None else sessions
    specs = [*state.specs[day], *(task.spec(s, day) for s in range(n))]
    if self.pack(day, specs) is None:
        return NO_ROOM
    return None


def most_that_fit(self: _Scheduler, task: _Task, day: int, state: _State) -> int:
    """How many of ``task``'s sessions may go on ``day`` beside what is there.

    Which of them does not matter: the slots of a day differ only in their preferred
    time, and the day packer finds a fitting order whenever one exists.
    """
    return next(
        (n for n in range(task.per_day, 0, -1) if self.day_problem(task, day, state, n) is None),
        0,
    )


# ---- set-up ---------------------------------------------------------
def preferred_times(self: _Scheduler, recipe: Recipe, wish: Wish, per_day: int) -> tuple[int, ...]:
    if len(wish.times) == per_day:
        return wish.times
    own = tuple(t.hour * 60 + t.minute for t in recipe.limits.times.value)
    if len(own) == per_day:
        return own
    spread = default_times(recipe.limits.time_of_day.value, per_day)
    return tuple(t.hour * 60 + t.minute for t in spread)


def room_for(self: _Scheduler, task: _Task, day: int, more: int, state: _State) -> bool:
    """Whether ``more`` sessions of ``task`` on ``day`` keep its limits, counting the
    sessions really done and those planned (not days: a day done in part)."""
    done: dict[int, int] = {}
    for e in self.seen.get(task.rid, []):
        d = (e.date - self.start).days
        done[d] = done.get(d, 0) + 1
    for d in range(day - task.gap + 1, day + task.gap):
        planned = 0 <= d < self.n_days and task.rid in state.recipes_on[d]
        if d != day and (d in done or planned):
            return False  # a history that broke the spacing itself
    for first in range(day - 6, day + 1):
        days = range(first, first + 7)
        n = more + sum(done.get(d, 0) for d in days)
        n += sum(state.recipes_on[d].get(task.rid, 0) for d in days if 0 <= d < self.n_days)
        if n > task.max_week:
            return False
    return True


def candidates(
    self: _Scheduler, task: _Task, week: int, n: int, state: _State
) -> list[tuple[int, ...]]:
    base = week * 7
    days = [base + i for i in range(7)]
    ok_days = [d for d in days if self.day_problem(task, d, state) is None]
    self.budget -= len(days)
    out: list[tuple[float, tuple[int, ...]]] = []
    past = state.history.get(task.rid, [])
    before = bisect.bisect_left(past, base)  # a day done later in the plan is no "last"
    last = past[before - 1] if before else None
    ideal = 7 / n if n else 7
    mine = self.conflicts.get(task.rid, set())
    for combo in itertools.combinations(ok_days, n):
        self.budget -= 1
        if not self.history_ok(task, combo, state):
            continue
        gaps = [b - a for a, b in itertools.pairwise(combo)]
        if last is not None and combo:
            gaps.append(combo[0] - last)
        if len(combo) >= 2:
            gaps.append(combo[0] + 7 - combo[-1])
        score = sum((g - ideal) ** 2 for g in gaps)
        if task.wish.days:
            score += 4 * sum(1 for d in combo if self.dates[d].weekday() not in task.wish.days)
        for d in combo:
            for nb in (d - 1, d + 1):
                if 0 <= nb < self.n_days and mine & state.recipes_on[nb].keys():
                    score += 1
            score += 0.1 * len(state.specs[d])
        out.append((score, combo))
    out.sort()
    return [combo for _, combo in out]


def week_choices(
    self: _Scheduler,
    week: int,
    tasks: Sequence[_Task],
    counts: Mapping[str, int],
    state: _State,
) -> Iterator[list[tuple[_Task, tuple[int, ...]]]]:
    """Every way to place this week's weekly remedies, best first (a generator)."""
    chosen: list[tuple[_Task, tuple[int, ...]]] = []

    def rec(i: int) -> Iterator[list[tuple[_Task, tuple[int, ...]]]]:
        if i == len(tasks):
            yield list(chosen)
            return
        task = tasks[i]
        n = self.week_n(task, week, counts[task.rid])
        for combo in self.candidates(task, week, n, state):
            if self.budget < 0:
                return
            for d in combo:
                state.add(task, d)
            chosen.append((task, combo))
            yield from rec(i + 1)
            chosen.pop()
            for d in combo:
                state.remove(task, d)

    yield from rec(0)


def tail_key(
    self: _Scheduler, week: int, tasks: Sequence[_Task], state: _State
) -> tuple[object, ...]:
    start = week * 7
    reach = max([7, *(t.gap for t in tasks)])
    return (
        week,
        tuple(
            tuple(d - start for d in state.history.get(t.rid, []) if d >= start - reach)
            for t in tasks
        ),
    )
