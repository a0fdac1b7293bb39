"""Load and validate routine files: which remedies, how often, when the person is free."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from planner.core.recipe import WEEKDAYS, Library
from planner.core.routine import Availability, EventSpec, KeepClear, Routine, TimeWindow, Wish
from planner.core.text import suggest
from planner.errors import UnknownIdError
from planner.load.catalogue import known_conditions
from planner.load.diagnostics import Key, Problems, read_toml
from planner.load.fields import (
    ID_RE,
    FieldReader,
    counted,
    parse_clock,
    parse_day_range,
    parse_event_window,
    parse_provenance,
    unknown_recipe,
)
from planner.load.library import builtin_dir
from planner.load.recipe import file_id
from planner.load.schema import (
    AVAILABILITY_KEYS,
    EVENT_KEYS,
    EVENTS,
    KEEP_CLEAR_KEYS,
    REMEDIES,
    REMEDY_KEYS,
    ROUTINE,
    ROUTINE_KEYS,
)

_WINDOW_RE = re.compile(r"\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*")
_DAY_NAMES = {d: i for i, d in enumerate(WEEKDAYS)} | {
    full: i
    for i, full in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    )
}


def _weekdays(
    r: FieldReader, table: dict[str, Any], key: str, at: Sequence[Key]
) -> tuple[int, ...]:
    out: list[int] = []
    for i, name in enumerate(r.text_list(table, key, at)):
        day = _DAY_NAMES.get(name.lower())
        if day is None:
            r.p.add([*at, key, i], f"'{name}' is not a weekday{suggest(name.lower(), WEEKDAYS)}")
        elif day not in out:
            out.append(day)
    return tuple(sorted(out))


def _windows(r: FieldReader, avail: dict[str, Any]) -> tuple[TimeWindow, ...]:
    out: list[TimeWindow] = []
    for i, text in enumerate(r.text_list(avail, "windows", ["availability"])):
        m = _WINDOW_RE.fullmatch(text)
        if not m:
            r.p.add(
                ["availability", "windows", i], f"'{text}' is not a window like \"19:00-22:30\""
            )
            continue
        h1, m1, h2, m2 = (int(x) for x in m.groups())
        start, end = h1 * 60 + m1, h2 * 60 + m2
        if h1 > 23 or m1 > 59 or m2 > 59 or end > 24 * 60 or end <= start:
            r.p.add(["availability", "windows", i], f"'{text}' must end after it starts, by 24:00")
            continue
        out.append(TimeWindow(start, end))
    out.sort(key=lambda w: w.start)
    for a, b in itertools.pairwise(out):
        if b.start < a.end:
            r.p.add(["availability", "windows"], f"windows {a.label()} and {b.label()} overlap")
    return tuple(out)


def _dates(r: FieldReader, avail: dict[str, Any]) -> tuple[dt.date, ...]:
    raw = avail.get("blackout", [])
    at: list[Key] = ["availability", "blackout"]
    if not isinstance(raw, list):
        r.p.add(at, 'must be a list of dates (2026-12-24) or ranges ("2026-12-24..2026-12-26")')
        return ()
    out: set[dt.date] = set()
    for i, item in enumerate(raw):
        if isinstance(item, dt.date) and not isinstance(item, dt.datetime):
            out.add(item)
            continue
        try:
            if not isinstance(item, str):
                raise ValueError
            first, _, last = item.partition("..")
            d1 = dt.date.fromisoformat(first.strip())
            d2 = dt.date.fromisoformat(last.strip()) if last else d1
        except ValueError:
            r.p.add([*at, i], f"'{item}' is not a date (YYYY-MM-DD) or a range (A..B)")
            continue
        if d2 < d1 or (d2 - d1).days > 3660:
            r.p.add([*at, i], f"'{item}': the range must run forward, at most ten years")
            continue
        out.update(d1 + dt.timedelta(days=k) for k in range((d2 - d1).days + 1))
    return tuple(sorted(out))


def _remedy(r: FieldReader, raw: Any, i: int, library: Library, strict: bool) -> Wish | None:
    at: list[Key] = ["remedies", i]
    raw = r.table(
        raw, at, REMEDY_KEYS, 'must be a table with recipe = "..." and per_week or per_day'
    )
    if raw is None:
        return None
    rid = r.text(raw, "recipe", at, required=True)
    if rid and rid not in library.recipes:
        r.p.add([*at, "recipe"], unknown_recipe(rid, list(library.recipes), library.broken))
    per_week = (
        r.integer(raw["per_week"], [*at, "per_week"], *REMEDIES.span("per_week"))
        if "per_week" in raw
        else None
    )
    per_day = (
        r.integer(raw["per_day"], [*at, "per_day"], *REMEDIES.span("per_day"))
        if "per_day" in raw
        else None
    )
    window = parse_event_window(r, raw["window"], [*at, "window"]) if "window" in raw else None
    recipe = library.recipes.get(rid)
    tied = window is not None or (recipe is not None and recipe.limits.around_event is not None)
    if not tied and "per_week" not in raw and "per_day" not in raw:
        r.p.add(at, "say how often: per_week = N (days a week) or per_day = N (every day)")
    if tied and "per_week" in raw:
        r.p.add(
            [*at, "per_week"],
            "does not apply: this remedy is used every day of its event window "
            "(per_day may set how many times a day)",
        )
    if strict and recipe is not None:
        # `plan` explains these itself (and --best-effort plans what fits); `validate` flags them.
        lim = recipe.limits
        if per_day is not None and per_day > lim.per_day.value:
            r.p.add(
                [*at, "per_day"],
                f"{per_day} is above the recipe's limit of {lim.per_day.value} a day "
                f"({lim.per_day.provenance})",
            )
        sessions = (per_week or 0) * (per_day or 1)
        if per_week is not None and sessions > lim.max_per_week.value:
            r.p.add(
                [*at, "per_week"],
                f"{sessions} sessions a week is above the recipe's limit of "
                f"{lim.max_per_week.value} in any 7 days ({lim.max_per_week.provenance})",
            )
    times: list[int] = []
    if "times" in raw:
        value = raw["times"]
        if not isinstance(value, list):
            r.p.add([*at, "times"], 'must be a list of clock times such as ["08:00", "20:00"]')
        else:
            for k, item in enumerate(value):
                minutes = parse_clock(item)
                if minutes is None:
                    r.p.add([*at, "times", k], f"'{item}' is not a time like \"20:00\"")
                else:
                    times.append(minutes)
            sessions = per_day or (1 if per_week else recipe.limits.per_day.value if recipe else 0)
            if sessions and len(times) == len(value) and len(times) != sessions:
                r.p.add(
                    [*at, "times"],
                    f"gives {counted(len(times), 'time')} but per_day is {sessions}; "
                    "give one per session",
                )
    return Wish(
        recipe=rid,
        per_week=per_week,
        per_day=per_day,
        days=_weekdays(r, raw, "days", at),
        times=tuple(sorted(times)),
        window=window,
    )


def _event(r: FieldReader, raw: Any, i: int, library: Library) -> EventSpec | None:
    at: list[Key] = ["events", i]
    hint = 'must be a table with event = "..." and day = N or date = YYYY-MM-DD'
    raw = r.table(raw, at, EVENT_KEYS, hint)
    if raw is None:
        return None
    event = r.text(raw, "event", at, required=True)
    if event and not ID_RE.fullmatch(event):
        r.p.add([*at, "event"], f"'{event}' is not an id (lower-case letters, digits, -)")
    title = r.text(raw, "title", at) or event.replace("-", " ").capitalize()
    day = r.integer(raw["day"], [*at, "day"], *EVENTS.span("day")) if "day" in raw else None
    date = raw.get("date")
    if date is not None and (not isinstance(date, dt.date) or isinstance(date, dt.datetime)):
        r.p.add([*at, "date"], "must be a date written as 2026-12-15 (no quotes)")
        date = None
    if "day" not in raw and "date" not in raw:
        r.p.add(at, "give day = N (day of the plan, 1 = first) or date = YYYY-MM-DD")
    if "day" in raw and "date" in raw:
        r.p.add(at, "give day or date, not both")
    time = None
    if "time" in raw:
        time = parse_clock(raw["time"])
        if time is None:
            r.p.add([*at, "time"], f"'{raw['time']}' is not a time like \"10:00\"")
    minutes = (
        r.integer(raw["minutes"], [*at, "minutes"], *EVENTS.span("minutes"))
        if "minutes" in raw
        else None
    )
    recipe = r.text(raw, "recipe", at) or None
    if recipe is not None and recipe not in library.recipes:
        r.p.add([*at, "recipe"], unknown_recipe(recipe, list(library.recipes), library.broken))
    keep_clear = None
    if "keep_clear" in raw:
        keep_clear = _keep_clear(r, raw["keep_clear"], [*at, "keep_clear"], library)
    return EventSpec(
        event=event,
        title=title,
        day=day,
        date=date,
        time=time,
        minutes=minutes,
        recipe=recipe,
        keep_clear=keep_clear,
    )


def _keep_clear(r: FieldReader, raw: Any, at: list[Key], library: Library) -> KeepClear | None:
    if not isinstance(raw, dict):
        r.p.add(at, "must be a table with recipes, first_day, last_day and source or default")
        return None
    r.p.unknown_keys(raw, KEEP_CLEAR_KEYS, at)
    recipes = r.ident_list(raw, "recipes", at)
    for k, rid in enumerate(recipes):
        if rid not in library.recipes:
            r.p.add([*at, "recipes", k], unknown_recipe(rid, list(library.recipes), library.broken))
    days = parse_day_range(r, raw, at, required=False)
    if days is None:
        return None
    return KeepClear(recipes, days[0], days[1], parse_provenance(r, raw, at))


def parse_routine(
    data: dict[str, Any],
    path: Path,
    text: str | Callable[[], str],
    library: Library,
    strict: bool = False,
) -> Routine:
    """A Routine from a parsed file, or DataError listing every problem in it.

    ``strict`` also reports wishes above a recipe's own limits (for `validate`).
    """
    p = Problems(path, text)
    r = FieldReader(p)
    p.unknown_keys(data, ROUTINE_KEYS, [])
    rid = file_id(p, data, path, "routine")
    title = r.text(data, "title", [], required=True)
    weeks = 4
    if "weeks" in data:
        w = r.integer(data["weeks"], ["weeks"], *ROUTINE.span("weeks"))
        weeks = w if w is not None else weeks
    conditions = r.ident_list(data, "conditions", [])
    known = known_conditions(library)
    for i, cid in enumerate(conditions):
        if cid not in known:
            p.add(["conditions", i], f"unknown condition '{cid}'{suggest(cid, list(known))}")
    avail_raw = data.get("availability", {})
    availability = Availability()
    if not isinstance(avail_raw, dict):
        p.add(["availability"], "must be a table with days, windows and blackout")
    else:
        p.unknown_keys(avail_raw, AVAILABILITY_KEYS, ["availability"])
        days = _weekdays(r, avail_raw, "days", ["availability"])
        if "days" in avail_raw and not days and not p.lines:
            p.add(["availability", "days"], "needs at least one weekday")
        windows = _windows(r, avail_raw)
        if "windows" in avail_raw and not windows and not p.lines:
            p.add(["availability", "windows"], "needs at least one time window")
        availability = Availability(
            weekdays=days or availability.weekdays,
            windows=windows or availability.windows,
            blackout=_dates(r, avail_raw),
        )
    wishes: list[Wish] = []
    raw_remedies = data.get("remedies", [])
    if not isinstance(raw_remedies, list) or not raw_remedies:
        p.add(["remedies"], "needs at least one [[remedies]] table")
    else:
        seen: set[str] = set()
        for i, raw in enumerate(raw_remedies):
            wish = _remedy(r, raw, i, library, strict)
            if wish is None:
                continue
            if wish.recipe in seen:
                p.add(["remedies", i, "recipe"], f"'{wish.recipe}' is listed twice")
                continue
            seen.add(wish.recipe)
            wishes.append(wish)
    events: list[EventSpec] = []
    raw_events = data.get("events", [])
    if not isinstance(raw_events, list):
        p.add(["events"], "must be a list of [[events]] tables")
    else:
        for i, raw in enumerate(raw_events):
            spec = _event(r, raw, i, library)
            if spec is not None:
                events.append(spec)
    p.raise_if_any()
    return Routine(
        id=rid,
        title=title,
        weeks=weeks,
        remedies=tuple(wishes),
        availability=availability,
        events=tuple(events),
        conditions=conditions,
        summary=r.text(data, "summary", []),
        origin=str(path),
    )


def load_routine_file(path: Path, library: Library) -> Routine:
    data, text = (library.read_file or read_toml)(path)
    return parse_routine(data, path, text, library)


def builtin_routine_files() -> dict[str, Path]:
    folder = builtin_dir("templates")
    return {f.stem: f for f in sorted(folder.glob("*.toml")) if not f.name.startswith("_")}


def list_routines(library: Library) -> list[Routine]:
    return [load_routine_file(path, library) for path in builtin_routine_files().values()]


def find_routine(name: str, library: Library) -> Routine:
    """A built-in routine by id, or a routine file by path."""
    path = Path(name)
    if name.endswith(".toml") or (os.path.lexists(path) and not path.is_dir()):
        if not os.path.lexists(path):
            stem = path.name.removesuffix(".toml")
            known = stem in builtin_routine_files()
            builtin = f"; the built-in routine is '{stem}'" if known else ""
            raise UnknownIdError(f"routine file '{name}' does not exist{builtin}")
        # Reading refuses a FIFO or a device.
        return replace(load_routine_file(path, library), own=True)
    builtins = builtin_routine_files()
    if name not in builtins:
        raise UnknownIdError(f"unknown routine '{name}'{suggest(name, list(builtins))}", "routine")
    return load_routine_file(builtins[name], library)


def check_conditions(conditions: Sequence[str], known: Sequence[str]) -> None:
    for cid in conditions:
        if cid not in known:
            raise UnknownIdError(
                f"unknown condition '{cid}'{suggest(cid, list(known))}; "
                f"known: {', '.join(sorted(known))}"
            )
