"""Parameter types of the command line: dates, times of day, bounded numbers, reminders
and time zones, each refused in one line that names the option."""

from __future__ import annotations

import datetime as dt
import os
import re
from typing import TYPE_CHECKING, Any

import click

from planner.errors import (
    UsageError,
)

if TYPE_CHECKING:
    pass


class _Date(click.ParamType):  # type: ignore[type-arg]
    """A date written YYYY-MM-DD, or a message that says what is wrong with it."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: Any, ctx: Any) -> dt.datetime:
        if isinstance(value, dt.datetime):
            return value
        text = str(value).strip()
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            self.fail(f"'{value}' is not a date written YYYY-MM-DD", param, ctx)
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            self.fail(f"{text} does not exist (no such day in that month)", param, ctx)
        from planner.core.recipe import YEARS

        if not YEARS[0] <= day.year <= YEARS[1]:
            self.fail(f"{text}: choose a date between {YEARS[0]} and {YEARS[1]}", param, ctx)
        return dt.datetime.combine(day, dt.time())


class _Between(click.IntRange):
    """A whole number within bounds, saying the bounds in words."""

    def _describe_range(self) -> str:
        return f"{self.min} to {self.max}"

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter as exc:
            if not str(value).lstrip("-").isdigit():
                self.fail(f"'{value}' is not a whole number", param, ctx)
            raise exc


class _Clock(click.ParamType):  # type: ignore[type-arg]
    """A time of day written HH:MM, as minutes since midnight."""

    name = "HH:MM"

    def convert(self, value: Any, param: Any, ctx: Any) -> int:
        if isinstance(value, int):
            return value
        from planner.load.fields import parse_clock

        minutes = parse_clock(str(value))
        if minutes is None:
            self.fail(f"'{value}' is not a time written HH:MM", param, ctx)
        return minutes


_REMIND_UNITS = {"d": 24 * 60, "h": 60, "m": 1}


# Compiled on first use (re caches it): a listing of recipes never parses a reminder.
_REMIND_PART = r"(\d+)\s*(days?|d|hours?|hrs?|h|minutes?|mins?|m)?\s*"


def parse_remind(text: str) -> int | None:
    """Minutes from "30m", "1h", "1d", "90", "1h30m", "45 min"; None for "none".

    ValueError otherwise.
    """
    value = text.strip().lower()
    if value in ("none", "off", "no"):
        return None
    minutes, at = 0, 0
    while at < len(value):
        m = re.compile(_REMIND_PART).match(value, at)
        if not m or m.end() == at:
            raise ValueError(f"'{text}' is not a time such as 30m, 1h, 1d or none")
        minutes += int(m[1]) * _REMIND_UNITS[(m[2] or "m")[0]]
        at = m.end()
    if not value:
        raise ValueError(f"'{text}' is not a time such as 30m, 1h, 1d or none")
    if not 0 < minutes <= 7 * 24 * 60:
        raise ValueError(f"'{text}': a reminder must come between 1 minute and 7 days before")
    return minutes


def _zone(name: str | None) -> str:
    """The --tz zone, or this computer's (the zone rules themselves live in planner.core.zones)."""
    from planner.core.zones import check_zone, system_zone

    if name is not None:
        try:
            return check_zone(name)
        except UsageError as exc:
            raise UsageError(f"--tz: {exc}") from None
    candidates = [os.environ.get("TZ", ""), os.path.realpath("/etc/localtime")]
    try:
        with open("/etc/timezone", encoding="utf-8") as fh:
            candidates.append(fh.read(200))
    except OSError:
        pass
    return system_zone(candidates)
