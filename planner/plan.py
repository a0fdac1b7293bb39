"""Frozen dataclasses for routines and plans: what a person wants, and what was planned.

Kept apart from ``planner.model`` so that listing recipes does not pay for them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from planner.model import EventWindow, Limit, Provenance
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
