"""How a plan is going: planned, done, missed and extra sessions, per remedy and per week.

Pure arithmetic on a plan and the sessions really done (``Done`` records from any
history: the ``done`` command's file, a ticked workbook). ``today`` is an argument:
days after it are "to come", neither done nor missed, and nothing recorded for them
counts yet.

The rules count by the remedy's own rule, not by the day:

- A remedy used every day (its weekly limit allows a session on each day, or it is
  tied to an appointment's days) counts by the day: a planned session is done when a
  history holds that remedy on that day (at any time); two sessions of one remedy on
  one day need two records.
- A remedy with a weekly limit ("at most twice a week") counts by the plan week: each
  record first matches a session planned that same day; a record left over matches a
  session of the same week planned on another day, the earliest first. That session
  is done and "moved": masks planned Monday and Thursday and done Monday and Friday
  are 2 of 2, one moved, not one missed and one extra.
- A record is an extra when the plan has no session left for it that day (that week,
  for a weekly remedy), on the plan's days only (records outside the plan's days are
  not this plan's business).
- The same session recorded in two places counts once: the records of each source
  (a workbook's file name, "done" for the command) are merged as
  ``planner.core.done.merge_histories`` says (same remedy and day, times less than three
  hours apart or not known). Sessions the plan itself kept as done (it was made from
  a history) are planned and done.
- A planned session on a day up to ``today`` that is not done is missed.
- Adherence is done / (done + missed), in whole percent; None while nothing is due.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Collection, Iterable

from planner.core.done import Done, merge_histories
from planner.core.plan import Plan
from planner.core.recipe import Recipe
from planner.core.record import record

FIELDS = ("planned", "done", "missed", "extra", "to_come", "moved")


def counts_by_week(recipe: Recipe) -> bool:
    """Whether a remedy's progress counts by the plan week (it has a weekly limit that
    leaves days free) rather than by the day."""
    limits = recipe.limits
    return limits.around_event is None and limits.max_per_week.value < 7 * limits.per_day.value


@record
class RemedyProgress:
    """One remedy's counts over the whole plan."""

    recipe: str
    planned: int
    done: int
    missed: int
    extra: int
    to_come: int
    moved: int = 0  # of ``done``: done on another day of the plan week

    @property
    def adherence(self) -> int | None:
        return percent(self.done, self.done + self.missed)


@record
class WeekProgress:
    """One plan week (7 days from the plan's first day, numbered from 1)."""

    number: int
    first: dt.date
    last: dt.date
    planned: int
    done: int
    missed: int
    extra: int
    to_come: int
    moved: int = 0

    @property
    def adherence(self) -> int | None:
        return percent(self.done, self.done + self.missed)


@record
class Progress:
    """The plan's progress up to ``today``."""

    today: dt.date
    start: dt.date
    end: dt.date
    remedies: tuple[RemedyProgress, ...]  # the plan's remedies in order, then extras' by id
    weeks: tuple[WeekProgress, ...]
    ratings: tuple[tuple[dt.date, int], ...]  # (day, 1..5), by day, up to today

    def total(self, field: str) -> int:
        """The sum of one count ("planned", "done", ...) over the remedies."""
        return sum(getattr(r, field) for r in self.remedies)

    @property
    def adherence(self) -> int | None:
        done = self.total("done")
        return percent(done, done + self.total("missed"))


def percent(part: int, whole: int) -> int | None:
    """``part`` of ``whole`` in whole percent, halves rounded up; None for nothing."""
    if whole <= 0:
        return None
    return (200 * part + whole) // (2 * whole)


def _by_source(done: Iterable[Done]) -> list[list[Done]]:
    groups: dict[str, list[Done]] = {}
    for d in done:
        groups.setdefault(d.source, []).append(d)
    return list(groups.values())


def measure_progress(
    plan: Plan,
    done: Iterable[Done],
    today: dt.date,
    ratings: Iterable[tuple[dt.date, int]] = (),
    weekly: Collection[str] = (),
) -> Progress:
    """Per remedy and per week: planned, done (and of them moved), missed, extra and to
    come, by the rules above; ``weekly`` names the remedies that count by the plan week
    (``counts_by_week``). ``ratings`` given for one day more than once: the last one counts."""
    # Sessions the plan kept as done (it was made from a history) are planned and done.
    planned: Counter[tuple[str, dt.date]] = Counter((s.recipe, s.date) for s in plan.sessions)
    planned.update((d.recipe, d.date) for d in plan.done)
    last = min(plan.end, today)
    kept_done = [d for d in plan.done if d.date <= last]
    due_done = [d for d in done if plan.start <= d.date <= last]
    # The same session recorded in several places (or kept by the plan) counts once.
    merged = merge_histories([kept_done, *_by_source(due_done)])
    recorded = Counter((d.recipe, d.date) for d in merged)
    order = list(dict.fromkeys([s.recipe for s in plan.sessions] + [d.recipe for d in plan.done]))
    order += sorted({r for r, _ in recorded} - set(order))
    counts = {rid: Counter[str]() for rid in order}
    weeks = [Counter[str]() for _ in range(plan.weeks)]

    def add(recipe: str, day: dt.date, field: str, n: int = 1) -> None:
        counts[recipe][field] += n
        weeks[(day - plan.start).days // 7][field] += n

    # Each day first: what was done on the day it was planned.
    left_planned: dict[tuple[str, int], list[dt.date]] = {}
    left_done: dict[tuple[str, int], list[dt.date]] = {}
    for key in sorted(planned.keys() | recorded.keys()):
        recipe, day = key
        n, got = planned[key], recorded[key]
        matched = min(n, got)
        add(recipe, day, "planned", n)
        add(recipe, day, "done", matched)
        group = (recipe, (day - plan.start).days // 7 if recipe in weekly else day.toordinal())
        left_planned.setdefault(group, []).extend([day] * (n - matched))
        left_done.setdefault(group, []).extend([day] * (got - matched))
    # Then, for a weekly remedy, what was done on another day of the same week.
    for group, days in left_planned.items():
        extras = left_done.get(group, [])
        moved = min(len(days), len(extras))
        recipe = group[0]
        for day in days[:moved]:  # the earliest planned, so that a late one stays to come
            add(recipe, day, "done")
            add(recipe, day, "moved")
        for day in days[moved:]:
            add(recipe, day, "missed" if day <= today else "to_come")
        left_done[group] = extras[moved:]
    for (recipe, _), extras in left_done.items():
        for day in extras:
            add(recipe, day, "extra")
    kept: dict[dt.date, int] = {}
    for day, rating in ratings:
        if plan.start <= day <= min(plan.end, today):
            kept[day] = rating
    return Progress(
        today=today,
        start=plan.start,
        end=plan.end,
        remedies=tuple(RemedyProgress(rid, **_fields(counts[rid])) for rid in order),
        weeks=tuple(
            WeekProgress(
                n + 1,
                plan.start + dt.timedelta(days=7 * n),
                plan.start + dt.timedelta(days=7 * n + 6),
                **_fields(c),
            )
            for n, c in enumerate(weeks)
        ),
        ratings=tuple(sorted(kept.items())),
    )


def _fields(c: Counter[str]) -> dict[str, int]:
    return {k: c[k] for k in FIELDS}
