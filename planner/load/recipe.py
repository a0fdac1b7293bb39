"""One recipe file (one remedy per TOML file) into a ``Recipe``, with every problem reported."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

from planner.core.recipe import (
    KINDS,
    SECTIONS,
    SUPPLY_TYPES,
    TIMES_OF_DAY,
    UNSTATED,
    EventWindow,
    Ingredient,
    Limit,
    Limits,
    Provenance,
    Quantity,
    Recipe,
)
from planner.core.text import suggest
from planner.core.units import parse_amount, parse_density
from planner.errors import AmountError
from planner.load.diagnostics import Key, Problems, read_toml
from planner.load.fields import (
    ID_RE,
    FieldReader,
    counted,
    parse_clock,
    parse_event_window,
    parse_provenance,
    type_name,
    unknown_recipe,
)
from planner.load.schema import (
    EFFECTS,
    INGREDIENT_KEYS,
    LIMIT_KEYS,
    LIMIT_TABLE_KEYS,
    LIMITS,
    RECIPE,
    RECIPE_KEYS,
)


def _read_limit(r: FieldReader, limits: dict[str, Any], key: str) -> tuple[Any, Provenance] | None:
    """The raw value and provenance of one limit written as `x = 2` or `x = {value = 2, ...}`."""
    if key not in limits:
        return None
    raw = limits[key]
    at: list[Key] = ["limits", key]
    if not isinstance(raw, dict):
        return raw, Provenance("default", UNSTATED)
    r.p.unknown_keys(raw, LIMIT_TABLE_KEYS, at)
    if "value" not in raw:
        r.p.add([*at, "value"], "is required when the limit is written as a table")
        return None
    return raw["value"], parse_provenance(r, raw, at)


def _int_limit(r: FieldReader, raw: dict[str, Any], key: str, default: Limit[int]) -> Limit[int]:
    found = _read_limit(r, raw, key)
    if not found:
        return default
    v = r.integer(found[0], ["limits", key], *LIMITS.span(key))
    return Limit(v if v is not None else default.value, found[1])


def _time_of_day(r: FieldReader, raw: dict[str, Any]) -> Limit[str]:
    found = _read_limit(r, raw, "time_of_day")
    rest = Provenance("default", "evening leaves the night for the skin to rest", written=False)
    default = Limit("evening", rest)
    if not found:
        return default
    if isinstance(found[0], str) and found[0] in TIMES_OF_DAY:
        return Limit(found[0], found[1])
    hint = suggest(str(found[0]), list(TIMES_OF_DAY))
    r.p.add(["limits", "time_of_day"], f"must be one of {', '.join(TIMES_OF_DAY)}{hint}")
    return default


def _times(
    r: FieldReader, raw: dict[str, Any], per_day: int, time_of_day: str
) -> Limit[tuple[dt.time, ...]]:
    """The recipe's own clock times; none given means "from the time of day" (the
    scheduler spreads them), not times invented here."""
    found = _read_limit(r, raw, "times")
    if not found:
        why = f"spread from the preferred time of day ({time_of_day})"
        return Limit((), Provenance("default", why, written=False))
    value, provenance = found
    if not isinstance(value, list):
        r.p.add(["limits", "times"], 'must be a list of clock times such as ["08:00", "20:00"]')
        return Limit((), provenance)
    parsed: list[dt.time] = []
    for i, item in enumerate(value):
        minutes = parse_clock(item)
        if minutes is None:
            r.p.add(["limits", "times", i], f"'{item}' is not a time like \"20:00\"")
        else:
            parsed.append(dt.time(minutes // 60, minutes % 60))
    if len(set(parsed)) != len(parsed):
        r.p.add(["limits", "times"], "times of one day must differ")
    if parsed and len(value) == len(parsed) and len(parsed) != per_day:
        r.p.add(
            ["limits", "times"],
            f"gives {counted(len(parsed), 'time')} but per_day is {per_day}; give one per session",
        )
    return Limit(tuple(sorted(parsed)), provenance)


def _not_same_day(r: FieldReader, raw: dict[str, Any]) -> Limit[tuple[str, ...]]:
    found = _read_limit(r, raw, "not_same_day_as")
    if not found:
        return Limit((), Provenance("default", "no conflicts stated", written=False))
    if not isinstance(found[0], list):
        r.p.add(["limits", "not_same_day_as"], "must be a list of recipe ids")
        return Limit((), found[1])
    return Limit(r.ids(found[0], ["limits", "not_same_day_as"]), found[1])


def _parse_limits(r: FieldReader, data: dict[str, Any]) -> Limits:
    raw = data.get("limits", {})
    if not isinstance(raw, dict):
        r.p.add(["limits"], f"must be a table, not {type_name(raw)}")
        raw = {}
    r.p.unknown_keys(raw, LIMIT_KEYS, ["limits"])
    # per_day first: the weekly default and the times depend on it.
    once = Provenance("default", "once a day unless the recipe says otherwise", written=False)
    per_day = _int_limit(r, raw, "per_day", Limit(1, once))
    weekly = Limit(
        7 * per_day.value, Provenance("default", "no weekly limit stated", written=False)
    )
    max_per_week = _int_limit(r, raw, "max_per_week", weekly)
    if max_per_week.value > 7 * per_day.value:
        r.p.add(
            ["limits", "max_per_week"],
            f"{max_per_week.value} sessions a week cannot fit {per_day.value} a day "
            f"(at most {7 * per_day.value}; raise per_day or lower max_per_week)",
        )
        max_per_week = Limit(7 * per_day.value, max_per_week.provenance)
    spacing = Limit(
        1, Provenance("default", "no spacing stated; one session day after another", written=False)
    )
    min_days = _int_limit(r, raw, "min_days_between", spacing)
    time_of_day = _time_of_day(r, raw)
    around: Limit[EventWindow] | None = None
    if "around_event" in raw:
        around = parse_event_window(r, raw["around_event"], ["limits", "around_event"])
    return Limits(
        max_per_week=max_per_week,
        min_days_between=min_days,
        per_day=per_day,
        times=_times(r, raw, per_day.value, time_of_day.value),
        time_of_day=time_of_day,
        not_same_day_as=_not_same_day(r, raw),
        around_event=around,
    )


def _parse_ingredient(r: FieldReader, raw: Any, i: int) -> Ingredient | None:
    at: list[Key] = ["ingredients", i]
    raw = r.table(raw, at, INGREDIENT_KEYS, "must be a table with item, amount and section")
    if raw is None:
        return None
    item = r.text(raw, "item", at, required=True)
    kind = r.text(raw, "type", at, default="consumable")
    if kind not in SUPPLY_TYPES:
        r.p.add(
            [*at, "type"], f"must be one of {', '.join(SUPPLY_TYPES)}{suggest(kind, SUPPLY_TYPES)}"
        )
        kind = "consumable"
    quantity = Quantity(None, "", "as needed")
    if "amount" in raw:
        try:
            quantity = parse_amount(raw["amount"])
        except AmountError as exc:
            r.p.add([*at, "amount"], str(exc))
    elif kind == "consumable":
        r.p.add([*at, "amount"], 'is required for something bought (e.g. "1 tbsp" or "as needed")')
    section = r.text(raw, "section", at) or None
    if section is not None and section not in SECTIONS:
        r.p.add(
            [*at, "section"], f"must be one of {', '.join(SECTIONS)}{suggest(section, SECTIONS)}"
        )
        section = None
    if kind == "consumable" and "section" not in raw:
        r.p.add([*at, "section"], f"is required for something bought ({', '.join(SECTIONS)})")
    note = r.text(raw, "note", at)
    density = r.parsed(raw, "density", at, parse_density)
    return Ingredient(
        item=item, quantity=quantity, type=kind, section=section, note=note, density=density
    )


def file_id(p: Problems, data: dict[str, Any], path: Path, what: str) -> str:
    """The id a file gives itself (``id = ...``), else its name without ``.toml``."""
    rid = data.get("id", path.stem)
    if not isinstance(rid, str) or not ID_RE.fullmatch(rid):
        p.add(
            ["id"] if "id" in data else [],
            f"'{rid}' is not a valid {what} id (lower-case letters, digits and -, at most 64); "
            'set id = "..." or rename the file',
        )
        return "invalid"
    return rid


def _minutes(r: FieldReader, data: dict[str, Any]) -> tuple[int, int, int]:
    """Preparation, time on the skin, and the whole session (at least one minute)."""
    minutes: dict[str, int] = {}
    for key in ("prep_minutes", "skin_minutes", "minutes"):
        if key in data:
            v = r.integer(data[key], [key], *RECIPE.span(key))
            if v is not None:
                minutes[key] = v
    prep = minutes.get("prep_minutes", 0)
    skin = minutes.get("skin_minutes", 0)
    total = minutes.get("minutes", prep + skin)
    if "minutes" not in data and "skin_minutes" not in data:
        r.p.add(
            ["minutes"], "give the session length (minutes) or the time on the skin (skin_minutes)"
        )
    if total < prep + skin:
        r.p.add(["minutes"], f"{total} is shorter than prep_minutes + skin_minutes ({prep + skin})")
    if total == 0 and ("minutes" in minutes or "skin_minutes" in minutes):
        r.p.add(["minutes"], "a session must take at least one minute")
    return prep, skin, max(total, 1)


def parse_recipe(
    data: dict[str, Any],
    path: Path,
    text: str | Callable[[], str],
    known_ids: Collection[str] | None = None,
) -> Recipe:
    """A Recipe from a parsed file, or DataError listing every problem in it.

    With ``known_ids`` the ids in ``not_same_day_as`` are checked too, so that a
    file's problems are all reported at once.
    """
    p = Problems(path, text)
    r = FieldReader(p)
    p.unknown_keys(data, RECIPE_KEYS, [])
    rid = file_id(p, data, path, "recipe")
    name = r.text(data, "name", [], required=True)
    kind = r.text(data, "kind", [], required=True)
    if kind and kind not in KINDS:
        p.add(["kind"], f"must be one of: {', '.join(KINDS)}{suggest(kind, KINDS)}")
    summary = r.text(data, "summary", [], required=True)
    steps = r.text_list(data, "steps", [])
    if not steps:
        p.add(["steps"], "needs at least one step")
    ingredients_raw = data.get("ingredients", [])
    ingredients: list[Ingredient] = []
    if not isinstance(ingredients_raw, list):
        p.add(["ingredients"], "must be a list of [[ingredients]] tables")
    else:
        for i, raw in enumerate(ingredients_raw):
            ing = _parse_ingredient(r, raw, i)
            if ing is not None:
                ingredients.append(ing)
    prep, skin, total = _minutes(r, data)
    limits = _parse_limits(r, data)
    effects = r.text_list(data, "effects", [])
    for i, effect in enumerate(effects):
        if effect not in EFFECTS:
            p.add(["effects", i], f"must be one of: {', '.join(EFFECTS)}{suggest(effect, EFFECTS)}")
    contraindications = r.ident_list(data, "contraindications", [])
    warnings = r.text_list(data, "warnings", [])
    aftercare = r.text(data, "aftercare", [])
    area = r.text(data, "area", [])
    conflicts = limits.not_same_day_as.value
    if rid in conflicts:
        p.add(["limits", "not_same_day_as"], "a recipe cannot conflict with itself")
    known = set(known_ids) if known_ids is not None else None
    for other in conflicts if known is not None else ():
        if known is not None and other not in known and other != rid:
            p.add(["limits", "not_same_day_as"], unknown_recipe(other, sorted(known or ())))
    p.raise_if_any()
    return Recipe(
        id=rid,
        name=name,
        kind=kind,
        summary=summary,
        ingredients=tuple(ingredients),
        steps=steps,
        prep_minutes=prep,
        skin_minutes=skin,
        minutes=total,
        limits=limits,
        contraindications=contraindications,
        warnings=warnings,
        aftercare=aftercare,
        area=area,
        effects=tuple(dict.fromkeys(effects)),
        origin=str(path),
    )


def load_recipe_file(path: Path) -> Recipe:
    data, text = read_toml(path)
    return parse_recipe(data, path, text)
