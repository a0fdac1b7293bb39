"""The field reader every loader shares, and one parser for each small concept.

Recipes and routines read the same kinds of values: ids, texts, whole numbers,
clock times, "where this comes from" (source or default), and windows of days
around an event. Each is parsed here, once, with one wording for its errors.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from planner.core.recipe import UNSTATED, EventWindow, Limit, Provenance
from planner.core.text import plain_text, suggest
from planner.load.diagnostics import Key, Problems
from planner.load.schema import EVENT_WINDOW_KEYS, MAX_EVENT_OFFSET, PROVENANCE_KEYS

# Matched with fullmatch: "$" would also accept a trailing newline ("x\n").
ID_RE = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
MAX_TEXT = 2000
T = TypeVar("T")
_CLOCK_RE = re.compile(r"(\d{1,2}):(\d{2})")
WINDOW_HINT = 'must be a table like {event = "hair-removal", first_day = -14, last_day = -1}'


# In the order they are tried: a bool is an int, and a datetime is a date, to Python.
_TYPE_WORDS: tuple[tuple[type, str], ...] = (
    (bool, "true/false"),
    (int, "a whole number"),
    (float, "a decimal number"),
    (str, "text"),
    (list, "a list"),
    (dict, "a table"),
    (dt.datetime, "a date and time"),
    (dt.date, "a date"),
    (dt.time, "a time of day"),
)


def type_name(value: Any) -> str:
    """What a wrong value is, in the words of a message ("text", "a decimal number")."""
    return next((words for kind, words in _TYPE_WORDS if isinstance(value, kind)), "a value")


def counted(n: int, noun: str) -> str:
    """ "1 time", "2 times": a count with its noun in the right number."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


class FieldReader:
    """Typed getters that record a problem and return a fallback instead of raising."""

    def __init__(self, problems: Problems) -> None:
        self.p = problems

    def text(
        self,
        table: dict[str, Any],
        key: str,
        at: Sequence[Key],
        *,
        required: bool = False,
        default: str = "",
    ) -> str:
        if key not in table:
            if required:
                self.p.add([*at, key], "is required")
            return default
        value = table[key]
        if not isinstance(value, str):
            self.p.add([*at, key], f"must be text, not {type_name(value)}")
            return default
        clean = plain_text(value)
        if required and not clean:
            self.p.add([*at, key], "must not be empty")
        if len(clean) > MAX_TEXT:
            self.p.add([*at, key], f"is longer than {MAX_TEXT} characters")
            return clean[:MAX_TEXT]
        return clean

    def table(
        self, raw: Any, at: Sequence[Key], allowed: Sequence[str], hint: str
    ) -> dict[str, Any] | None:
        """``raw`` if it is a table (its unknown keys reported), else None with ``hint``."""
        if not isinstance(raw, dict):
            self.p.add(at, hint)
            return None
        self.p.unknown_keys(raw, allowed, at)
        return raw

    def integer(self, value: Any, at: Sequence[Key], low: int, high: int) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int):
            self.p.add(at, f"must be a whole number, not {type_name(value)}")
            return None
        if not low <= value <= high:
            self.p.add(at, f"must be between {low} and {high}, not {value}")
            return None
        return value

    def text_list(self, table: dict[str, Any], key: str, at: Sequence[Key]) -> tuple[str, ...]:
        if key not in table:
            return ()
        value = table[key]
        if not isinstance(value, list):
            self.p.add([*at, key], f"must be a list of text, not {type_name(value)}")
            return ()
        out: list[str] = []
        for i, item in enumerate(value):
            if not isinstance(item, str) or not plain_text(item):
                self.p.add([*at, key, i], "must be non-empty text")
            elif len(item) > MAX_TEXT:
                self.p.add([*at, key, i], f"is longer than {MAX_TEXT} characters")
            else:
                out.append(plain_text(item))
        return tuple(out)

    def parsed(
        self, table: dict[str, Any], key: str, at: Sequence[Key], parse: Callable[[Any], T]
    ) -> T | None:
        """``parse(table[key])``, or None with its ValueError reported at that key."""
        if key not in table:
            return None
        try:
            return parse(table[key])
        except ValueError as exc:
            self.p.add([*at, key], str(exc))
            return None

    def ident_list(self, table: dict[str, Any], key: str, at: Sequence[Key]) -> tuple[str, ...]:
        if key not in table:
            return ()
        return self.ids(table[key], [*at, key])

    def ids(self, value: Any, at: Sequence[Key]) -> tuple[str, ...]:
        """A list of ids, each checked as written: "x\\n" is not cleaned into "x"."""
        if not isinstance(value, list):
            self.p.add(at, f"must be a list of ids, not {type_name(value)}")
            return ()
        out: list[str] = []
        for i, item in enumerate(value):
            if isinstance(item, str) and ID_RE.fullmatch(item):
                out.append(item)
            else:
                self.p.add([*at, i], f"'{item}' is not an id (lower-case letters, digits, -)")
        return tuple(out)


def parse_clock(value: Any) -> int | None:
    """Minutes since midnight for "HH:MM" or "H:MM" text or a TOML local time, else None."""
    if isinstance(value, dt.time):
        return value.hour * 60 + value.minute
    if isinstance(value, str):
        m = _CLOCK_RE.fullmatch(value.strip())
        if m and int(m[1]) < 24 and int(m[2]) < 60:
            return int(m[1]) * 60 + int(m[2])
    return None


def parse_provenance(r: FieldReader, table: dict[str, Any], at: Sequence[Key]) -> Provenance:
    """Where a value comes from: ``source = "..."`` (stated in the source) or
    ``default = "..."`` (our choice, with the reason); neither is a default without one."""
    given = [k for k in PROVENANCE_KEYS if k in table]
    if len(given) > 1:
        r.p.add(
            at, "give either 'source' (stated in the source) or 'default' (our choice), not both"
        )
    if not given:
        return Provenance("default", UNSTATED)
    text = table[given[0]]
    if not isinstance(text, str) or not plain_text(text):
        r.p.add([*at, given[0]], "must be non-empty text saying where the value comes from")
        return Provenance("default", UNSTATED)
    return Provenance("source" if given[0] == "source" else "default", plain_text(text))


def parse_day_range(
    r: FieldReader, raw: dict[str, Any], at: Sequence[Key], required: bool
) -> tuple[int, int] | None:
    """``first_day`` and ``last_day`` relative to an event (0 is its day, -1 the day before)."""
    days: list[int] = []
    for key in ("first_day", "last_day"):
        if key not in raw and required:
            r.p.add([*at, key], "is required (days relative to the event; -1 is the day before)")
            return None
        v = r.integer(raw.get(key, 0), [*at, key], -MAX_EVENT_OFFSET, MAX_EVENT_OFFSET)
        if v is None:
            return None
        days.append(v)
    if days[0] > days[1]:
        r.p.add(at, f"first_day {days[0]} comes after last_day {days[1]}")
        return None
    return days[0], days[1]


def parse_event_window(r: FieldReader, raw: Any, at: Sequence[Key]) -> Limit[EventWindow] | None:
    """``{event = "hair-removal", first_day = -14, last_day = -1, source = "..."}``."""
    if not isinstance(raw, dict):
        r.p.add(at, WINDOW_HINT)
        return None
    r.p.unknown_keys(raw, EVENT_WINDOW_KEYS, at)
    event = raw.get("event")
    if not isinstance(event, str) or not ID_RE.fullmatch(event):
        r.p.add([*at, "event"], 'must be an event id such as "hair-removal"')
        return None
    days = parse_day_range(r, raw, at, required=True)
    if days is None:
        return None
    return Limit(EventWindow(event, days[0], days[1]), parse_provenance(r, raw, at))


def needs_broken(problem: str, rid: str) -> bool:
    """Whether ``problem`` is ``unknown_recipe``'s line for the broken recipe ``rid``."""
    return f"recipe '{rid}' cannot be used, its file has errors: " in problem


def unknown_recipe(
    rid: str, known: Sequence[str], broken: Mapping[str, Sequence[str]] | None = None
) -> str:
    """Why ``rid`` is not a recipe: a typo, or a file of the person's that has errors."""
    if broken and rid in broken:
        why = broken[rid]
        more = f" (and {len(why) - 1} more in that file)" if len(why) > 1 else ""
        return f"recipe '{rid}' cannot be used, its file has errors: {why[0]}{more}"
    return f"unknown recipe '{rid}'{suggest(rid, list(known))}"
