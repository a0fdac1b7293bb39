"""Why not: the sentences a refusal, a shortfall or a note is made of, from the rules
that stood in the way."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from planner.core.recipe import (
    SAME_RECIPE_SPACING,
    clock,
)
from planner.schedule.daypack import (
    Spec,
    pack_day,
)
from planner.schedule.state import _label_days, _State, _Task

if TYPE_CHECKING:
    from planner.schedule.search import _Scheduler

# Each function is a method of _Scheduler (assigned there by name): ``self`` is the
# scheduler, whose state they share.


def harsh_note(self: _Scheduler, rid: str, other: str) -> str:
    """ " (both are drying or exfoliating ...)" when that is why two may not share a day."""
    why = self.conflict_reason(rid, other)
    return "" if why.startswith("not on the same day") else f" ({why})"


def conflict_reason(self: _Scheduler, rid: str, other: str) -> str:
    named = other in self.recipes[rid].limits.not_same_day_as.value or (
        other in self.recipes and rid in self.recipes[other].limits.not_same_day_as.value
    )
    if named or frozenset((rid, other)) not in self.harsh_pairs:
        return f"not on the same day as {other}"
    return f"{other} is also drying or exfoliating (one such treatment a day)"


# ---- checks that need no search ------------------------------------
def static_problems(self: _Scheduler, task: _Task) -> tuple[list[str], int | None, int]:
    """Reasons the wish can never be met, the days a week that would fit, the per_day."""
    r = task.recipe
    lim = r.limits
    out: list[str] = []
    per_day = task.per_day
    if per_day > lim.per_day.value:
        out.append(
            f"asked {per_day} sessions a day; the recipe allows {lim.per_day.value} "
            f"({lim.per_day.provenance})"
        )
        per_day = lim.per_day.value
    if len(task.wish.times) not in (0, per_day):
        out.append(f"gives {len(task.wish.times)} times for {per_day} sessions a day")
    specs = [
        Spec(task.times[s] if s < len(task.times) else 0, r.id, s + 1, r.minutes)
        for s in range(per_day)
    ]
    longest = max((b - a for a, b in self.windows), default=0)
    if r.minutes > longest:
        out.append(
            f"a session takes {r.minutes} min but the longest time window is "
            f"{longest} min ({self.windows_label()})"
        )
    elif pack_day(specs, self.windows) is None:
        fits = max(
            (k for k in range(1, per_day) if pack_day(specs[:k], self.windows) is not None),
            default=0,
        )
        out.append(
            f"{per_day} sessions a day, {SAME_RECIPE_SPACING // 60} h apart, do not fit "
            f"into the time windows {self.windows_label()}; {fits} a day would fit"
        )
        per_day = max(fits, 1)
    fit = task.per_week
    if task.per_week is not None:
        n = task.per_week
        most = lim.max_per_week.value // per_day
        if n > most:
            asked = f"{n} a week" if per_day == 1 else f"{n} days a week, {per_day} a day"
            out.append(
                f"asked {asked}, but at most {lim.max_per_week.value} "
                f"in any 7 days ({lim.max_per_week.provenance}); {most} a week would fit"
            )
            n = most
        w, d = self.weeks, task.gap
        spaced = (7 * w - 1 + d) // (w * d)
        if n > spaced:
            out.append(
                f"asked {n} a week but sessions must be {d}+ days apart "
                f"({lim.min_days_between.provenance}); {spaced} a week would fit"
            )
            n = spaced
        weekdays = self.routine.availability.weekdays
        if n > len(weekdays):
            out.append(
                f"asked {n} days a week but only {len(weekdays)} are available "
                f"({_label_days(weekdays)}); {len(weekdays)} would fit"
            )
            n = len(weekdays)
        fit = n
    return out, fit, per_day


def windows_label(self: _Scheduler) -> str:
    return ", ".join(f"{clock(a)}-{clock(b)}" for a, b in self.windows)


def pair_problems(self: _Scheduler, tasks: Sequence[_Task]) -> list[str]:
    out: list[str] = []
    avail = len(self.routine.availability.weekdays)
    weekly = [t for t in tasks if t.per_week is not None]
    daily = [t for t in tasks if t.per_week is None and t.window is None]
    for a, b in itertools.combinations(weekly, 2):
        both = (a.per_week or 0) + (b.per_week or 0)
        if b.rid in self.conflicts.get(a.rid, set()) and both > avail:
            out.append(
                f"{a.rid} ({a.per_week} a week) and {b.rid} ({b.per_week} a week) may "
                f"not share a day{self.harsh_note(a.rid, b.rid)}, but only {avail} days a "
                f"week are available; at most {avail} of their {both} fit"
            )
    for a in daily:
        for b in weekly:
            if b.rid in self.conflicts.get(a.rid, set()):
                note = self.harsh_note(b.rid, a.rid)
                out.append(
                    f"{b.rid} can never be placed: {a.rid} is planned every "
                    f"available day and the two may not share a day{note}"
                )
    return out


def weekly_reasons(
    self: _Scheduler, tasks: Sequence[_Task], counts: Mapping[str, int], state: _State
) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for task in tasks:
        n = counts[task.rid]
        done = self.done_days.get(task.rid, {})
        days = [d for d in state.history.get(task.rid, []) if d >= 0 and d not in done]
        short = [
            w
            for w in range(self.weeks)
            if sum(1 for d in days if d // 7 == w) < self.week_n(task, w, n)
        ]
        if not short:
            continue
        why: dict[str, None] = {}
        for w in short:
            for d in range(w * 7, w * 7 + 7):
                if d not in days and d not in done:
                    reason = self.day_problem(task, d, state)
                    why.setdefault(reason or "the weekly limit or spacing after earlier weeks")
        placed = len(days)
        total = sum(self.week_n(task, w, n) for w in range(self.weeks))
        out.append(
            (
                task.rid,
                (
                    f"asked {n} a week; {placed} of {total} days fit beside the other "
                    f"remedies. Short in week {', '.join(str(w + 1) for w in short)}: "
                    f"{'; '.join(why)}"
                ),
            )
        )
    return out


def asked_of(self: _Scheduler, task: _Task) -> int:
    """Sessions the routine asks for over the whole plan."""
    if task.per_week is not None:
        return task.per_week * task.per_day * self.weeks
    return task.asked
