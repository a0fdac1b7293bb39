"""The search's working records (a remedy being placed, everything placed so far) and the
small helpers its parts share."""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

from planner.core.done import Done
from planner.core.plan import PlannedEvent
from planner.core.recipe import (
    WEEKDAYS,
    EventWindow,
    Recipe,
    day_text,
)
from planner.core.routine import Wish
from planner.schedule.daypack import (
    Spec,
)


def _label_days(days: Sequence[int]) -> str:
    return ", ".join(WEEKDAYS[d].capitalize() for d in days)


_NO_DAYS: frozenset[int] = frozenset()


def _limits_ok(
    past: Sequence[int], days: Sequence[int], gap: int, limit: int, tolerant: bool = False
) -> bool:
    """``days`` beside the session days ``past`` keep the spacing and at most ``limit``
    days in any 7.

    With ``tolerant``, ``past`` may break the rules by itself (a history done against
    them): only a pair or a 7-day stretch that holds one of the new days counts.
    """
    all_days = sorted([*past, *days])
    new: set[int] | frozenset[int] = set(days) if tolerant else _NO_DAYS
    for a, b in itertools.pairwise(all_days):
        if b - a < gap and (not tolerant or a in new or b in new):
            return False
    lo_i = 0
    for hi_i, day in enumerate(all_days):
        while all_days[lo_i] <= day - 7:
            lo_i += 1
        if hi_i - lo_i + 1 > limit and (
            not tolerant or any(d in new for d in all_days[lo_i : hi_i + 1])
        ):
            return False
    return True


@dataclass
class _Task:
    """A remedy being placed by the search, with what it asks for."""

    recipe: Recipe
    wish: Wish
    per_day: int
    per_week: int | None  # None: fixed days
    times: tuple[int, ...]
    window: EventWindow | None = None
    asked: int = 0  # sessions asked over the whole plan, set when placed
    wanted: list[int] = field(default_factory=list)  # days a fixed remedy is asked for
    bounds: dict[int, tuple[int, int]] = field(default_factory=dict)  # day -> earliest, latest

    def spec(self, slot: int, day: int) -> Spec:
        """Session ``slot`` (0-based) of this remedy on ``day``."""
        low, high = self.bounds.get(day, (0, 24 * 60))
        pinned = bool(self.wish.times)
        return Spec(self.times[slot], self.rid, slot + 1, self.recipe.minutes, pinned, low, high)

    @property
    def rid(self) -> str:
        return self.recipe.id

    @property
    def max_week(self) -> int:
        return self.recipe.limits.max_per_week.value

    @property
    def gap(self) -> int:
        return self.recipe.limits.min_days_between.value


@dataclass
class _State:
    """Everything placed so far, day by day."""

    n_days: int
    specs: list[list[Spec]]
    recipes_on: list[dict[str, int]]
    history: dict[str, list[int]]

    def add(self, task: _Task, day: int, sessions: int | None = None) -> None:
        n = task.per_day if sessions is None else sessions
        for slot in range(n):
            self.specs[day].append(task.spec(slot, day))
        self.recipes_on[day][task.rid] = n
        bisect.insort(self.history.setdefault(task.rid, []), day)

    def remove(self, task: _Task, day: int) -> None:
        self.specs[day] = [s for s in self.specs[day] if s.recipe != task.rid]
        del self.recipes_on[day][task.rid]
        days = self.history[task.rid]
        del days[bisect.bisect_left(days, day)]


def _short_dates(dates: Sequence[dt.date]) -> str:
    """ "Sat 5 Dec and Sun 6 Dec"; a long list is cut after three."""
    shown = [day_text(d) for d in dates]
    if len(shown) > 4:
        return f"{', '.join(shown[:3])} and {len(shown) - 3} more"
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def _dates_label(days: Sequence[str]) -> str:
    if len(days) > 4:
        return f"{', '.join(days[:3])} and {len(days) - 3} more"
    return ", ".join(days)


_UNDECIDED = (
    "no plan was found within the exact search's time limit; one may still exist "
    "(a shorter plan or fewer remedies will decide faster)"
)


def _done_order(d: Done) -> tuple[object, ...]:
    return (d.date, d.time is not None, d.time or 0, d.recipe, d.source)


def _event_order(e: PlannedEvent) -> tuple[object, ...]:
    return (e.date, -1 if e.start is None else e.start, e.event, e.title, e.recipe or "")


def _unique(lines: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(lines))
