"""Frozen dataclasses that every layer after the loader works with.

Nothing in here reads files, the clock or the environment.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Generic, Literal, TypeVar

KINDS = (
    "mask",
    "bath",
    "spot treatment",
    "wipe",
    "leave-on product",
    "aftercare",
    "salon appointment",
)
SECTIONS = ("pharmacy", "grocery", "drugstore")
SUPPLY_TYPES = ("consumable", "tap", "equipment")

# Clock time used when a recipe states only a part of the day. Evening is the
# usual choice for masks and baths because the skin can rest overnight.
TIMES_OF_DAY: dict[str, dt.time] = {
    "morning": dt.time(8, 0),
    "midday": dt.time(13, 0),
    "afternoon": dt.time(17, 0),
    "evening": dt.time(20, 0),
}

T = TypeVar("T")


@dataclass(frozen=True)
class Provenance:
    """Where a limit comes from: stated in the source article, or a default we chose."""

    kind: Literal["source", "default"]
    text: str


@dataclass(frozen=True)
class Limit(Generic[T]):
    value: T
    provenance: Provenance


@dataclass(frozen=True)
class Quantity:
    """An amount as a person measures it. ``amount`` is None for "as needed"."""

    amount: float | None
    unit: str
    text: str


@dataclass(frozen=True)
class Ingredient:
    item: str
    quantity: Quantity
    type: str = "consumable"
    section: str | None = None
    note: str = ""
    density: float | None = None  # grams per millilitre, to merge volume with mass

    @property
    def bought(self) -> bool:
        return self.type == "consumable"


@dataclass(frozen=True)
class EventWindow:
    """Days relative to a dated event (0 is the event day, -14 two weeks before)."""

    event: str
    first_day: int
    last_day: int


@dataclass(frozen=True)
class Limits:
    max_per_week: Limit[int]
    min_days_between: Limit[int]
    per_day: Limit[int]
    times: Limit[tuple[dt.time, ...]]
    time_of_day: Limit[str]
    not_same_day_as: Limit[tuple[str, ...]]
    around_event: Limit[EventWindow] | None = None

    def named(self) -> dict[str, Limit[object]]:
        """The limits that are set, by their file key, in file order."""
        out: dict[str, Limit[object]] = {
            "max_per_week": self.max_per_week,  # type: ignore[dict-item]
            "min_days_between": self.min_days_between,  # type: ignore[dict-item]
            "per_day": self.per_day,  # type: ignore[dict-item]
            "times": self.times,  # type: ignore[dict-item]
            "time_of_day": self.time_of_day,  # type: ignore[dict-item]
            "not_same_day_as": self.not_same_day_as,  # type: ignore[dict-item]
        }
        if self.around_event is not None:
            out["around_event"] = self.around_event  # type: ignore[assignment]
        return out


@dataclass(frozen=True)
class Recipe:
    id: str
    name: str
    kind: str
    summary: str
    ingredients: tuple[Ingredient, ...]
    steps: tuple[str, ...]
    prep_minutes: int
    skin_minutes: int
    minutes: int
    limits: Limits
    contraindications: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    aftercare: str = ""
    area: str = ""
    origin: str = field(default="", compare=False)


@dataclass(frozen=True)
class Condition:
    id: str
    name: str
    note: str = ""


@dataclass(frozen=True)
class CatalogueItem:
    """What a shop sells: the section to find it in and the package size."""

    item: str
    section: str | None = None
    aliases: tuple[str, ...] = ()
    package: Quantity | None = None
    density: float | None = None  # grams per millilitre
    note: str = ""


@dataclass(frozen=True)
class Library:
    """Every recipe and known condition after the user's folders were merged in."""

    recipes: dict[str, Recipe]
    conditions: dict[str, Condition]
    notices: tuple[str, ...] = ()
    catalogue: dict[str, CatalogueItem] = field(default_factory=dict)


WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class TimeWindow:
    """A daily stretch of free time, e.g. 19:00-22:30 (minutes since midnight)."""

    start: int
    end: int

    def label(self) -> str:
        return (
            f"{self.start // 60:02d}:{self.start % 60:02d}-{self.end // 60:02d}:{self.end % 60:02d}"
        )


@dataclass(frozen=True)
class Availability:
    weekdays: tuple[int, ...] = (0, 1, 2, 3, 4, 5, 6)  # 0 is Monday
    windows: tuple[TimeWindow, ...] = (TimeWindow(7 * 60, 23 * 60),)
    blackout: tuple[dt.date, ...] = ()


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class KeepClear:
    """Recipes not allowed from ``first_day`` to ``last_day`` around an event."""

    recipes: tuple[str, ...]
    first_day: int
    last_day: int
    provenance: Provenance


@dataclass(frozen=True)
class EventSpec:
    event: str
    title: str
    day: int | None = None
    date: dt.date | None = None
    time: int | None = None
    minutes: int | None = None
    recipe: str | None = None
    keep_clear: KeepClear | None = None


@dataclass(frozen=True)
class Routine:
    id: str
    title: str
    weeks: int
    remedies: tuple[Wish, ...]
    availability: Availability = Availability()
    events: tuple[EventSpec, ...] = ()
    conditions: tuple[str, ...] = ()
    summary: str = ""
    origin: str = field(default="", compare=False)


@dataclass(frozen=True, order=True)
class Session:
    date: dt.date
    start: int  # minutes since midnight, local time
    recipe: str
    minutes: int
    slot: int = 1  # 1 for the first session of this recipe on this day

    @property
    def end(self) -> int:
        return self.start + self.minutes


@dataclass(frozen=True)
class PlannedEvent:
    date: dt.date
    event: str
    title: str
    start: int | None = None
    minutes: int | None = None
    recipe: str | None = None


@dataclass(frozen=True)
class Exclusion:
    recipe: str
    conditions: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class Shortfall:
    recipe: str
    asked: int
    placed: int
    reason: str


@dataclass(frozen=True)
class Plan:
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

    @property
    def end(self) -> dt.date:
        return self.start + dt.timedelta(days=7 * self.weeks - 1)

    def recipe_ids(self) -> list[str]:
        """Recipes in the plan, in order of first appearance."""
        seen: dict[str, None] = {}
        for s in self.sessions:
            seen.setdefault(s.recipe, None)
        for e in self.events:
            if e.recipe:
                seen.setdefault(e.recipe, None)
        return list(seen)


def clock(minutes: int) -> str:
    """Minutes since midnight as "HH:MM"."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
