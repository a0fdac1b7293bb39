"""Frozen dataclasses for routines and plans: what a person wants, and what was planned.

Kept apart from ``planner.model`` so that listing recipes does not pay for them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from planner.model import SAME_RECIPE_SPACING, EventWindow, Limit, Provenance
from planner.records import record


@record
class TimeWindow:
    """A daily stretch of free time, e.g. 19:00-22:30 (minutes since midnight)."""

    start: int
    end: int

    def label(self) -> str:
        return (
            f"{self.start // 60:02d}:{self.start % 60:02d}-{self.end // 60:02d}:{self.end % 60:02d}"
        )


@record
class Availability:
    """The days and times the person is free."""

    weekdays: tuple[int, ...] = (0, 1, 2, 3, 4, 5, 6)  # 0 is Monday
    windows: tuple[TimeWindow, ...] = (TimeWindow(7 * 60, 23 * 60),)
    blackout: tuple[dt.date, ...] = ()


@record
class Wish:
    """One remedy in a routine and how often the person wants it.

    ``per_week`` None means every available day (or, for a recipe tied to an
    event, every day of the event window).
    """

    recipe: str
    per_week: int | None
    per_day: int | None
    days: tuple[int, ...] = ()
    times: tuple[int, ...] = ()
    window: Limit[EventWindow] | None = None


@record
class KeepClear:
    """Recipes not allowed from ``first_day`` to ``last_day`` around an event."""

    recipes: tuple[str, ...]
    first_day: int
    last_day: int
    provenance: Provenance


@record
class EventSpec:
    """An appointment of a routine, by plan day or by date."""

    event: str
    title: str
    day: int | None = None
    date: dt.date | None = None
    time: int | None = None
    minutes: int | None = None
    recipe: str | None = None
    keep_clear: KeepClear | None = None


@record
class Routine:
    """What a person asks for: remedies, how often, when they are free."""

    id: str
    title: str
    weeks: int
    remedies: tuple[Wish, ...]
    availability: Availability = Availability()
    events: tuple[EventSpec, ...] = ()
    conditions: tuple[str, ...] = ()
    summary: str = ""
    origin: str = field(default="", compare=False)
    own: bool = field(default=False, compare=False)  # from the person's file, not built in


@dataclass(frozen=True, order=True)
class Session:
    """One planned use of a remedy."""

    date: dt.date
    start: int  # minutes since midnight, local time
    recipe: str
    minutes: int
    slot: int = 1  # 1 for the first session of this recipe on this day

    @property
    def end(self) -> int:
        return self.start + self.minutes


@record
class PlannedEvent:
    """An appointment on its date in the plan."""

    date: dt.date
    event: str
    title: str
    start: int | None = None
    minutes: int | None = None
    recipe: str | None = None


@record
class Exclusion:
    """A remedy left out because of the person's conditions."""

    recipe: str
    conditions: tuple[str, ...]
    reason: str


@record
class Shortfall:
    """A remedy that got fewer sessions than asked, and why."""

    recipe: str
    asked: int
    placed: int
    reason: str


@record
class Plan:
    """The planned sessions and events of a routine, and what fell short."""

    routine: str
    title: str
    start: dt.date
    weeks: int
    timezone: str
    sessions: tuple[Session, ...]
    events: tuple[PlannedEvent, ...] = ()
    excluded: tuple[Exclusion, ...] = ()
    shortfalls: tuple[Shortfall, ...] = ()
    conditions: tuple[str, ...] = ()
    notices: tuple[str, ...] = ()  # what the plan could not do as written, and why
    # Days nothing may go on, and why: "blackout", "not an available day", ...
    days_off: tuple[tuple[dt.date, str], ...] = ()
    # Sessions of the history on the plan's days: kept as done, so not in ``sessions``.
    done: tuple[Done, ...] = ()

    @property
    def end(self) -> dt.date:
        return self.start + dt.timedelta(days=7 * self.weeks - 1)

    def recipe_ids(self) -> list[str]:
        """Recipes in the plan, in order of first appearance."""
        return list(self._recipe_order)

    @cached_property
    def _recipe_order(self) -> tuple[str, ...]:
        # Worked out once: every recipe card of a long plan's calendar asks.
        seen: dict[str, None] = {}
        for s in self.sessions:
            seen.setdefault(s.recipe, None)
        for e in self.events:
            if e.recipe:
                seen.setdefault(e.recipe, None)
        return tuple(seen)


@record
class Done:
    """A session that really happened (from the history)."""

    recipe: str
    date: dt.date
    time: int | None = None  # minutes since midnight, when known
    source: str = "done"  # how it was recorded: "done" (the command) or a workbook's file name


def merge_histories(groups: Sequence[Sequence[Done]]) -> list[Done]:
    """Histories read from several places (the history file, ticked workbooks, copies of
    one), as one list in which each session done is once.

    The records of one place are distinct sessions. A record of a later place is the
    same session as one already kept when it names the same remedy and day and their
    times are less than SAME_RECIPE_SPACING apart (a remedy's sessions of one day are
    at least that far apart), or either has no time; then the kept one stays (with the
    time, when only the later one has it). Otherwise it is one more session.
    """
    kept: dict[tuple[str, dt.date], list[Done]] = {}
    for group in groups:
        taken: dict[tuple[str, dt.date], set[int]] = {}  # kept records this place matched
        for d in sorted(group, key=lambda d: d.time is None):  # timed first: they tell apart
            key = (d.recipe, d.date)
            here, used = kept.setdefault(key, []), taken.setdefault(key, set())
            free = [n for n, k in enumerate(here) if n not in used and _same_session(k, d)]
            if not free:
                here.append(d)
                used.add(len(here) - 1)
                continue
            n = min(free, key=lambda n: _apart(here[n], d))
            used.add(n)
            if here[n].time is None and d.time is not None:
                here[n] = d
    return [d for records in kept.values() for d in records]


def _apart(a: Done, b: Done) -> int:
    return abs(a.time - b.time) if a.time is not None and b.time is not None else 0


def _same_session(a: Done, b: Done) -> bool:
    return _apart(a, b) < SAME_RECIPE_SPACING
