"""What a person wants: a routine's remedies and how often, the times it may use, the
appointments it plans around (frozen records, read from routine files by ``planner.load``).

Kept apart from ``planner.core.recipe`` so that listing recipes does not pay for them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import field

from planner.core.recipe import EventWindow, Limit, Provenance
from planner.core.record import record


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
