"""Frozen dataclasses that every layer after the loader works with.

Recipes are compared by identity (``eq=False``): nothing compares two recipes,
and skipping the generated methods keeps `recipes list` quick to start.

Nothing in here reads files, the clock or the environment.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import field
from pathlib import Path
from typing import Any, Generic, Literal, TypeVar

from planner.core.record import record

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


# The reason text of a limit the file sets without saying why.
UNSTATED = "set in the recipe file without a stated reason"


@record
class Provenance:
    """Where a limit comes from: stated in the source article, or a default we chose."""

    kind: Literal["source", "default"]
    text: str
    # False for a default the program fills in where the file says nothing.
    written: bool = field(default=True, compare=False)

    def __str__(self) -> str:
        """ "source: No more than a couple of times a week." — the one way a rule says why."""
        return f"{self.kind}: {self.text}"


@record(eq=False)
class Limit(Generic[T]):
    """A limit's value and where it comes from."""

    value: T
    provenance: Provenance


@record
class Quantity:
    """An amount as a person measures it. ``amount`` is None for "as needed"."""

    amount: float | None
    unit: str
    text: str


@record(eq=False)
class Ingredient:
    """One ingredient of a recipe, with the amount for one session."""

    item: str
    quantity: Quantity
    type: str = "consumable"
    section: str | None = None
    note: str = ""
    density: float | None = None  # grams per millilitre, to merge volume with mass

    @property
    def bought(self) -> bool:
        return self.type == "consumable"


@record
class EventWindow:
    """Days relative to a dated event (0 is the event day, -14 two weeks before)."""

    event: str
    first_day: int
    last_day: int


@record(eq=False)
class Limits:
    """Every rule of how often and when a recipe may be used."""

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


@record(eq=False)
class Recipe:
    """A home remedy: what it is, what one session uses, and its rules."""

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
    effects: tuple[str, ...] = ()  # "drying", "exfoliating": at most one such treatment a day
    origin: str = field(default="", compare=False)
    own: bool = field(default=False, compare=False)  # from the person's files, not built in

    @property
    def harsh(self) -> bool:
        """Whether it dries or exfoliates the skin (one such treatment a day at most)."""
        return bool(self.effects)


# Areas that mean "wherever the treatment is needed": they share skin with every area.
EVERY_AREA = ("body", "problem areas", "")


def share_skin(a: Recipe, b: Recipe) -> bool:
    """Whether two recipes treat the same skin (a bath treats all of it)."""
    wide = (a.kind == "bath" or a.area in EVERY_AREA, b.kind == "bath" or b.area in EVERY_AREA)
    return any(wide) or a.area == b.area


@record(eq=False)
class Condition:
    """A health condition that rules some recipes out."""

    id: str
    name: str
    note: str = ""


@record(eq=False)
class CatalogueItem:
    """What a shop sells: the section to find it in and the package size."""

    item: str
    section: str | None = None
    aliases: tuple[str, ...] = ()
    package: Quantity | None = None
    density: float | None = None  # grams per millilitre
    note: str = ""


DataLoader = Callable[[], tuple[dict[str, Condition], dict[str, CatalogueItem]]]
# A TOML file's table and its text (or a function that reads the text when an error
# needs a line number).
TomlReader = Callable[[Path], tuple[dict[str, Any], str | Callable[[], str]]]


@record(eq=False)
class Library:
    """Every recipe after the user's folders were merged in.

    The condition list and the ingredient catalogue are read on first use:
    listing recipes needs neither, and reading TOML is most of its cost.
    """

    recipes: dict[str, Recipe]
    notices: tuple[str, ...] = ()
    # Recipe files of the person's own folders that have errors, by the id they would
    # have: left out, so that they block only what uses them.
    broken: dict[str, tuple[str, ...]] = field(default_factory=dict)
    load_data: DataLoader | None = field(default=None, compare=False, repr=False)
    # Reads another TOML file (a routine) the way the library's files were read: through
    # the parse cache when there is one.
    read_file: TomlReader | None = field(default=None, compare=False, repr=False)
    _data: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def _loaded(self) -> tuple[dict[str, Condition], dict[str, CatalogueItem]]:
        if "both" not in self._data:
            self._data["both"] = self.load_data() if self.load_data else ({}, {})
        both: tuple[dict[str, Condition], dict[str, CatalogueItem]] = self._data["both"]
        return both

    @property
    def conditions(self) -> dict[str, Condition]:
        return self._loaded()[0]

    @property
    def catalogue(self) -> dict[str, CatalogueItem]:
        return self._loaded()[1]


WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# Two sessions of one remedy on one day (a morning and an evening wipe) are meant to
# be hours apart; three hours is our default, not a sourced rule. So two records of one
# remedy on one day closer than that are the same session.
SAME_RECIPE_SPACING = 180
# The years a plan or a session done may fall in: far from the ends of Python's dates,
# so a plan's last day, a limit's reach and a calendar's time zone rules all exist.
YEARS = (1900, 9000)


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day_text(day: dt.date, year: bool = False) -> str:
    """ "Sun 6 Dec", or with the year "Sun 6 Dec 2026": in English whatever the locale."""
    text = f"{WEEKDAYS[day.weekday()].capitalize()} {day.day} {_MONTHS[day.month - 1]}"
    return f"{text} {day.year}" if year else text


def clock(minutes: int) -> str:
    """Minutes since midnight as "HH:MM"."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
