"""What was planned: the sessions and events of a routine's plan, what was left out and
what fell short (frozen records, made by ``planner.schedule``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from planner.core.done import Done
from planner.core.record import record


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
    # False when best effort's count is the most its search found within its budget,
    # not proven the most there is.
    proven_most: bool = True

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
