"""Every key of a recipe file and of a routine file, described once.

The loaders take their allowed keys and the ranges of their whole numbers from here,
and README's "Recipe format" and "Routine format" tables are rendered from here, so an
unknown-key check and the documentation cannot disagree. After changing a key, run
``python -m planner.load.schema --write README.md``. tests/test_schema_docs.py checks
README against this file, and this file against what the loaders actually do.

Plain data only: listing recipes imports this module, so it must stay cheap.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Literal

from planner.core.recipe import KINDS, SECTIONS, SUPPLY_TYPES, TIMES_OF_DAY, WEEKDAYS
from planner.core.record import record

# "one of": at least one key of ``together`` must be given (``need`` says when not);
# "when": required only in some cases, which ``need`` names.
Rule = Literal["required", "optional", "one of", "when"]

MAX_MINUTES = 24 * 60
MAX_PER_DAY = 6
MAX_WEEKS = 520
MAX_EVENT_OFFSET = 365  # days before or after an event
EFFECTS = ("drying", "exfoliating")


@record
class Key:
    """One key of a table: what README says about it, and what the loader enforces."""

    name: str
    type: str
    default: str  # in words; "-" when there is none to speak of
    need: str  # the "required" column, in words
    meaning: str
    rule: Rule = "optional"
    together: tuple[str, ...] = ()  # the keys of a "one of" rule, this one included
    span: tuple[int, int] | None = None  # a whole number's range, as the loader checks it

    @property
    def shown_type(self) -> str:
        return f"{self.type}, {self.span[0]} to {self.span[1]}" if self.span else self.type


@record
class Table:
    """One table of a file: the top level, ``[limits]``, each ``[[remedies]]`` entry, ..."""

    name: str  # how the loaders and the tests refer to it
    title: str  # how it is written in a file
    about: str
    keys: tuple[Key, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(k.name for k in self.keys)

    def key(self, name: str) -> Key:
        for k in self.keys:
            if k.name == name:
                return k
        raise KeyError(f"{self.name} has no key {name!r}")

    def span(self, name: str) -> tuple[int, int]:
        span = self.key(name).span
        if span is None:
            raise KeyError(f"{self.name}.{name} is not a whole number")
        return span


def required(name: str, type_: str, meaning: str, span: tuple[int, int] | None = None) -> Key:
    return Key(name, type_, "-", "required", meaning, "required", span=span)


def optional(
    name: str,
    type_: str,
    default: str,
    meaning: str,
    span: tuple[int, int] | None = None,
    need: str = "optional",
) -> Key:
    return Key(name, type_, default, need, meaning, "optional", span=span)


def one_of(
    name: str,
    type_: str,
    default: str,
    together: tuple[str, ...],
    meaning: str,
    *,
    unless: str = "",
    span: tuple[int, int] | None = None,
) -> Key:
    need = "one of " + " / ".join(together) + (f", {unless}" if unless else "")
    return Key(name, type_, default, need, meaning, "one of", together, span)


def when(name: str, type_: str, default: str, condition: str, meaning: str) -> Key:
    return Key(name, type_, default, f"required {condition}", meaning, "when")


def _one_of(words: tuple[str, ...] | list[str]) -> str:
    return "one of: " + ", ".join(words)


ID = "id (a-z, 0-9, -)"
CLOCKS = 'list of "HH:MM" text'
DAYS = f"list of weekdays ({', '.join(WEEKDAYS)})"
PROVENANCE_KEYS = ("source", "default")
_PROVENANCE = (
    optional(
        "source", "text", "-", "stated in the source you took it from (paraphrase it)",
        need="optional, not with default",
    ),
    optional(
        "default", "text", "-", "your own choice, with the reason",
        need="optional, not with source",
    ),
)  # fmt: skip
_OFFSET = (-MAX_EVENT_OFFSET, MAX_EVENT_OFFSET)
_EVENT_WINDOW = (
    required("event", ID, "the event's id, as an `[[events]]` entry of the routine names it"),
    required(
        "first_day", "whole number",
        "first day of use, counted from the event: 0 is its day, -1 the day before", _OFFSET,
    ),
    required("last_day", "whole number", "last day of use; not before first_day", _OFFSET),
    *_PROVENANCE,
)  # fmt: skip
_MINUTES = ("minutes", "skin_minutes")
_HOW_OFTEN = ("per_week", "per_day")
_DAY_OR_DATE = ("day", "date")

RECIPE = Table(
    "recipe",
    "Top level",
    "One remedy per file.",
    (
        optional(
            "id", ID, "the file name without `.toml`",
            "the recipe's id, at most 64 characters; routines name recipes by it",
        ),
        required("name", "text", "the name shown in plans, lists and the calendar"),
        required("kind", _one_of(KINDS), "what sort of remedy it is"),
        required("summary", "text", "one line saying what it does"),
        optional(
            "area", "text", "none", "the skin it is used on: back, legs, body, problem areas, ..."
        ),
        optional(
            "effects", "list of: " + ", ".join(EFFECTS), "none",
            "at most one drying or exfoliating treatment a day on the same skin",
        ),
        optional(
            "prep_minutes", "whole number", "0",
            "preparation before the remedy touches the skin (steaming)", (0, MAX_MINUTES),
        ),
        one_of(
            "skin_minutes", "whole number", "0", _MINUTES, "time on the skin",
            span=(0, MAX_MINUTES),
        ),
        one_of(
            "minutes", "whole number", "prep_minutes + skin_minutes", _MINUTES,
            "the whole session; not less than prep_minutes + skin_minutes",
            span=(0, MAX_MINUTES),
        ),
        required("steps", "list of text", "what to do, in order; at least one step"),
        optional("aftercare", "text", "none", "what to do after a session"),
        optional(
            "contraindications", "list of condition ids", "none",
            "conditions (see `_conditions.toml`) that leave the remedy out of a plan",
        ),
        optional("warnings", "list of text", "none", "cautions printed with the recipe"),
        optional(
            "ingredients", "`[[ingredients]]` tables", "none", "what one session uses (below)"
        ),
        optional("limits", "table (below)", "every limit's default", "how often and when (below)"),
    ),
)  # fmt: skip

INGREDIENTS = Table(
    "ingredients",
    "`[[ingredients]]`",
    "One table per ingredient; amounts are per session.",
    (
        required("item", "text", "what it is; the shopping list adds up items of one name"),
        when(
            "amount", "amount text", '"as needed" (tap, equipment)',
            "unless type is tap or equipment",
            'how much: "1 tbsp", "1/2 tsp", "a pinch", "3 drops", "200 ml", "2 cotton pads", '
            '"as needed"',
        ),
        optional(
            "type", _one_of(SUPPLY_TYPES), "consumable",
            "consumable is bought; tap (water) and equipment (a bowl) never are",
        ),
        when(
            "section", _one_of(SECTIONS), "none (tap, equipment)",
            "unless type is tap or equipment", "where the shopping list puts it",
        ),
        optional("note", "text", "none", 'shown beside the item ("plain, food grade")'),
        optional(
            "density", 'number or text such as "0.9 g/ml"', "the catalogue's, if any",
            "grams per millilitre, so spoonfuls and grams of it add up",
        ),
    ),
)  # fmt: skip

LIMITS = Table(
    "limits",
    "`[limits]`",
    "How often and when. Each limit is a plain value (`per_day = 1`) or a table saying "
    "where it comes from (next table).",
    (
        optional(
            "max_per_week", "whole number", "7 x per_day",
            "at most this many sessions in **any** 7 consecutive days, across week boundaries "
            "too; at most 7 x per_day", (1, 7 * MAX_PER_DAY),
        ),
        optional(
            "min_days_between", "whole number", "1",
            "calendar days from one session day to the next (Mon to Thu is 3)", (1, 365),
        ),
        optional(
            "per_day", "whole number", "1", "sessions on a day the remedy is used",
            (1, MAX_PER_DAY),
        ),
        optional(
            "times", CLOCKS, "spread from time_of_day",
            "clock times of those sessions, one per session",
        ),
        optional(
            "time_of_day", _one_of(list(TIMES_OF_DAY)), "evening", "preferred part of the day"
        ),
        optional(
            "not_same_day_as", "list of recipe ids", "none",
            "remedies never used on the same day as this one; the rule works both ways",
        ),
        optional(
            "around_event", "table (below)", "none",
            "use the remedy only on the days around an event the routine has",
        ),
    ),
)  # fmt: skip

LIMIT_TABLE = Table(
    "limit",
    "A limit written as a table",
    'For example `max_per_week = { value = 2, source = "..." }` (every limit but around_event, '
    "which takes source or default itself). A plain value, or a table with neither, counts as "
    'a default "set in the recipe file without a stated reason".',
    (required("value", "as the plain limit", "the limit itself"), *_PROVENANCE),
)

AROUND_EVENT = Table(
    "around_event",
    "`around_event = { ... }` in `[limits]`",
    "The days of use, counted from an event of the routine: used every one of those days.",
    _EVENT_WINDOW,
)

ROUTINE = Table(
    "routine",
    "Top level",
    "What you want, and when you are free.",
    (
        optional(
            "id", ID, "the file name without `.toml`",
            "the routine's id; it names the output files and calendar events",
        ),
        required("title", "text", "the plan's title"),
        optional("summary", "text", "none", "one line about the routine"),
        optional(
            "weeks", "whole number", "4", "length of the course; `--weeks` overrides it",
            (1, MAX_WEEKS),
        ),
        optional(
            "conditions", "list of condition ids", "none",
            "conditions you have (see `_conditions.toml`): remedies they rule out are left out",
        ),
        optional("availability", "table (below)", "every day, 07:00-23:00", "when you are free"),
        required("remedies", "`[[remedies]]` tables", "the remedies you want, at least one"),
        optional(
            "events", "`[[events]]` tables", "none",
            "dated events such as hair removal or a salon visit",
        ),
    ),
)  # fmt: skip

AVAILABILITY = Table(
    "availability",
    "`[availability]`",
    "When sessions may be planned.",
    (
        optional("days", DAYS, "every day", "days on which you are free"),
        optional(
            "windows", 'list of "HH:MM-HH:MM" text', "07:00-23:00",
            "times of the day you are free; they must not overlap",
        ),
        optional(
            "blackout", 'list of dates (2026-12-24) or "A..B" ranges', "none",
            "days with no sessions at all",
        ),
    ),
)  # fmt: skip

REMEDIES = Table(
    "remedies",
    "`[[remedies]]`",
    "One table per remedy you want.",
    (
        required("recipe", "recipe id", "which recipe"),
        one_of(
            "per_week", "whole number", "every available day", _HOW_OFTEN,
            "days a week; never above the recipe's limit; not for a remedy tied to an event",
            unless="unless tied to an event (window, or the recipe's around_event)",
            span=(1, 7),
        ),
        one_of(
            "per_day", "whole number", "1 with per_week, else the recipe's per_day", _HOW_OFTEN,
            "sessions on each day it is used",
            unless="unless tied to an event (window, or the recipe's around_event)",
            span=(1, MAX_PER_DAY),
        ),
        optional("days", DAYS, "any", "preferred days, kept when the limits allow"),
        optional(
            "times", CLOCKS, "the recipe's times",
            "preferred start times, one per session of the day; they come before the recipe's",
        ),
        optional(
            "window", "table (below)", "the recipe's around_event",
            "ties the remedy to the days around an event, in place of the recipe's own",
        ),
    ),
)  # fmt: skip

WINDOW = Table(
    "window",
    "`window = { ... }` in `[[remedies]]`",
    "The same keys as a recipe's `around_event`.",
    _EVENT_WINDOW,
)

EVENTS = Table(
    "events",
    "`[[events]]`",
    "One table per dated event.",
    (
        required("event", ID, "what the event is; around_event and window name it"),
        optional("title", "text", "the id in words", "shown in the plan and the calendar"),
        one_of(
            "day", "whole number", "-", _DAY_OR_DATE, "day of the plan, 1 = its first day",
            unless="not both", span=(1, 7 * MAX_WEEKS),
        ),
        one_of(
            "date", "date (2026-12-15, no quotes)", "-", _DAY_OR_DATE, "the event's date",
            unless="not both",
        ),
        optional(
            "time", '"HH:MM" text', "none (all day)",
            "start time; with minutes, that time is kept free",
        ),
        optional(
            "minutes", "whole number", "the recipe's minutes, if any", "how long it takes",
            (1, MAX_MINUTES),
        ),
        optional(
            "recipe", "recipe id", "none",
            "the appointment's recipe: its length and its not_same_day_as rules apply that day",
        ),
        optional("keep_clear", "table (below)", "none", "recipes kept off the days around it"),
    ),
)  # fmt: skip

KEEP_CLEAR = Table(
    "keep_clear",
    "`keep_clear = { ... }` in `[[events]]`",
    "Days around the event on which some recipes are not used.",
    (
        optional("recipes", "list of recipe ids", "none", "the recipes kept off those days"),
        optional(
            "first_day", "whole number", "0",
            "first day kept clear, counted from the event (0 is its day)", _OFFSET,
        ),
        optional("last_day", "whole number", "0", "last day kept clear", _OFFSET),
        *_PROVENANCE,
    ),
)  # fmt: skip

FILES: dict[str, tuple[Table, ...]] = {
    "recipe": (RECIPE, INGREDIENTS, LIMITS, LIMIT_TABLE, AROUND_EVENT),
    "routine": (ROUTINE, AVAILABILITY, REMEDIES, WINDOW, EVENTS, KEEP_CLEAR),
}

RECIPE_KEYS = RECIPE.names
INGREDIENT_KEYS = INGREDIENTS.names
LIMIT_KEYS = LIMITS.names
LIMIT_TABLE_KEYS = LIMIT_TABLE.names
EVENT_WINDOW_KEYS = AROUND_EVENT.names
ROUTINE_KEYS = ROUTINE.names
AVAILABILITY_KEYS = AVAILABILITY.names
REMEDY_KEYS = REMEDIES.names
EVENT_KEYS = EVENTS.names
KEEP_CLEAR_KEYS = KEEP_CLEAR.names


# ---- README's tables ----


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def markdown_tables(file: str) -> str:
    """README's tables for ``file`` ("recipe" or "routine"): key, type, default, required,
    meaning, one table per table of the file."""
    out: list[str] = []
    for table in FILES[file]:
        out += [f"**{table.title}.** {table.about}", ""]
        out += ["| key | type | default | required | meaning |", "|---|---|---|---|---|"]
        for k in table.keys:
            cells = (f"`{k.name}`", k.shown_type, k.default, k.need, k.meaning)
            out.append("| " + " | ".join(_cell(c) for c in cells) + " |")
        out.append("")
    return "\n".join(out)


def _markers(file: str) -> tuple[str, str]:
    return f"<!-- schema:{file} -->", f"<!-- /schema:{file} -->"


def update_readme(text: str) -> str:
    """``text`` with the part between each file's markers replaced by its tables."""
    for file in FILES:
        start, end = _markers(file)
        head, found, rest = text.partition(start + "\n")
        _, found_end, tail = rest.partition(end)
        if not found or not found_end:
            raise ValueError(f"README has no {start} ... {end} block")
        text = f"{head}{start}\n\n{markdown_tables(file)}\n{end}{tail}"
    return text


def main(argv: list[str]) -> int:
    """``--write README.md`` rewrites the tables; ``--check README.md`` says if they are stale;
    no argument prints them."""
    if not argv:
        print("\n".join(markdown_tables(file) for file in FILES), end="")
        return 0
    if len(argv) != 2 or argv[0] not in ("--write", "--check"):
        print("usage: python -m planner.load.schema [--write|--check README.md]", file=sys.stderr)
        return 2
    path = Path(argv[1])
    text = path.read_text(encoding="utf-8")
    new = update_readme(text)
    if new == text:
        print(f"{path}: the format tables are up to date")
        return 0
    if argv[0] == "--check":
        print(f"{path}: the format tables are stale; run with --write", file=sys.stderr)
        return 1
    path.write_text(new, encoding="utf-8")
    print(f"{path}: the format tables were rewritten")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
