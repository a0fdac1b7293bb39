"""Load and validate recipe files (one remedy per TOML file) into ``Recipe`` objects.

The built-in library ships inside the package; user folders are merged on top,
and a user recipe with a built-in id replaces the built-in one with a notice.
Files whose names start with ``_`` are data files (conditions, catalogue), not recipes.
"""

from __future__ import annotations

import datetime as dt
import importlib
import re
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planner.errors import DataError, UnknownIdError
from planner.model import (
    KINDS,
    SECTIONS,
    SUPPLY_TYPES,
    TIMES_OF_DAY,
    CatalogueItem,
    Condition,
    EventWindow,
    Ingredient,
    Library,
    Limit,
    Limits,
    Provenance,
    Quantity,
    Recipe,
)
from planner.tomlcache import TomlCache
from planner.tomlfile import Key, Problems, file_kind, find_line, one_line, read_text, read_toml
from planner.units import AmountError, parse_amount, parse_density, suggest

# Matched with fullmatch: "$" would also accept a trailing newline ("x\n").
ID_RE = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
TIME_RE = re.compile(r"([01]\d|2[0-3]):([0-5]\d)")
MAX_TEXT = 2000
MAX_MINUTES = 24 * 60

RECIPE_KEYS = (
    "id",
    "name",
    "kind",
    "summary",
    "area",
    "ingredients",
    "steps",
    "prep_minutes",
    "skin_minutes",
    "minutes",
    "aftercare",
    "limits",
    "contraindications",
    "warnings",
    "effects",
)
EFFECTS = ("drying", "exfoliating")
INGREDIENT_KEYS = ("item", "amount", "type", "section", "note", "density")
CATALOGUE_KEYS = ("aliases", "section", "package", "density", "note")
LIMIT_KEYS = (
    "max_per_week",
    "min_days_between",
    "per_day",
    "times",
    "time_of_day",
    "not_same_day_as",
    "around_event",
)
PROVENANCE_KEYS = ("source", "default")
UNSTATED = "set in the recipe file without a stated reason"


def builtin_dir(kind: str) -> Path:
    """The folder of built-in ``recipes`` or ``templates`` inside the installed package."""
    try:
        package = importlib.import_module(f"planner.builtin_{kind}")
    except ImportError:
        raise DataError([f"the built-in {kind} folder is missing from the installation"]) from None
    return Path(next(iter(package.__path__)))


_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_BREAK_RE = re.compile(r"\s*[\t\n\u2028\u2029]\s*")


def plain_text(value: str) -> str:
    """One line of text: control characters (bell, escape, NUL...) and direction
    overrides removed, line breaks and tabs made spaces. Such text reaches the
    terminal, file headers, calendar properties and servers, which must show it
    as written and on one line."""
    return _CONTROL_RE.sub("", _BREAK_RE.sub(" ", value)).strip()


def _suffix_or(value: Any) -> str:
    return type(value).__name__ if not isinstance(value, str) else "text"


class _Reader:
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
            self.p.add([*at, key], f"must be text, not {_suffix_or(value)}")
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
            self.p.add(at, f"must be a whole number, not {_suffix_or(value)}")
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
            self.p.add([*at, key], f"must be a list of text, not {_suffix_or(value)}")
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

    def ident_list(self, table: dict[str, Any], key: str, at: Sequence[Key]) -> tuple[str, ...]:
        out: list[str] = []
        raw = table.get(key)
        self.text_list(table, key, at)  # reports a value that is not a list of text
        for i, item in enumerate(raw if isinstance(raw, list) else []):
            if not isinstance(item, str):
                continue
            if ID_RE.fullmatch(item):  # the id as written: "x\n" is not cleaned into "x"
                out.append(item)
            else:
                self.p.add([*at, key, i], f"'{item}' is not an id (lower-case letters, digits, -)")
        return tuple(out)


def _read_limit(r: _Reader, limits: dict[str, Any], key: str) -> tuple[Any, Provenance] | None:
    """The raw value and provenance of one limit written as `x = 2` or `x = {value = 2, ...}`."""
    if key not in limits:
        return None
    raw = limits[key]
    at: list[Key] = ["limits", key]
    if key == "around_event" or not isinstance(raw, dict):
        if isinstance(raw, dict):
            value: Any = {k: v for k, v in raw.items() if k not in PROVENANCE_KEYS}
            prov_table = raw
        else:
            value, prov_table = raw, {}
    else:
        r.p.unknown_keys(raw, ("value", *PROVENANCE_KEYS), at)
        if "value" not in raw:
            r.p.add([*at, "value"], "is required when the limit is written as a table")
            return None
        value, prov_table = raw["value"], raw
    given = [k for k in PROVENANCE_KEYS if k in prov_table]
    if len(given) > 1:
        r.p.add(
            at, "give either 'source' (stated in the source) or 'default' (our choice), not both"
        )
    provenance = Provenance("default", UNSTATED)
    if given:
        text = prov_table[given[0]]
        if not isinstance(text, str) or not text.strip():
            r.p.add([*at, given[0]], "must be non-empty text saying where the limit comes from")
        else:
            provenance = Provenance("source" if given[0] == "source" else "default", text.strip())
    return value, provenance


def _parse_limits(r: _Reader, data: dict[str, Any]) -> Limits:
    raw = data.get("limits", {})
    if not isinstance(raw, dict):
        r.p.add(["limits"], f"must be a table, not {_suffix_or(raw)}")
        raw = {}
    r.p.unknown_keys(raw, LIMIT_KEYS, ["limits"])
    default_per_day = Provenance("default", "once a day unless the recipe says otherwise")

    per_day_raw = _read_limit(r, raw, "per_day")
    per_day = Limit(1, default_per_day)
    if per_day_raw:
        v = r.integer(per_day_raw[0], ["limits", "per_day"], 1, 6)
        per_day = Limit(v if v is not None else 1, per_day_raw[1])

    mpw_raw = _read_limit(r, raw, "max_per_week")
    max_per_week = Limit(7 * per_day.value, Provenance("default", "no weekly limit stated"))
    if mpw_raw:
        v = r.integer(mpw_raw[0], ["limits", "max_per_week"], 1, 7 * 6)
        if v is not None and v > 7 * per_day.value:
            r.p.add(
                ["limits", "max_per_week"],
                f"{v} sessions a week cannot fit {per_day.value} a day "
                f"(at most {7 * per_day.value}; raise per_day or lower max_per_week)",
            )
            v = None
        max_per_week = Limit(v if v is not None else 7 * per_day.value, mpw_raw[1])

    mdb_raw = _read_limit(r, raw, "min_days_between")
    min_days = Limit(1, Provenance("default", "no spacing stated; one session day after another"))
    if mdb_raw:
        v = r.integer(mdb_raw[0], ["limits", "min_days_between"], 1, 365)
        min_days = Limit(v if v is not None else 1, mdb_raw[1])

    tod_raw = _read_limit(r, raw, "time_of_day")
    time_of_day = Limit(
        "evening", Provenance("default", "evening leaves the night for the skin to rest")
    )
    if tod_raw:
        if isinstance(tod_raw[0], str) and tod_raw[0] in TIMES_OF_DAY:
            time_of_day = Limit(str(tod_raw[0]), tod_raw[1])
        else:
            hint = suggest(str(tod_raw[0]), list(TIMES_OF_DAY))
            r.p.add(["limits", "time_of_day"], f"must be one of {', '.join(TIMES_OF_DAY)}{hint}")

    times_raw = _read_limit(r, raw, "times")
    times: Limit[tuple[dt.time, ...]]
    if times_raw:
        parsed: list[dt.time] = []
        value = times_raw[0]
        if not isinstance(value, list):
            r.p.add(["limits", "times"], 'must be a list of clock times such as ["08:00", "20:00"]')
        else:
            for i, item in enumerate(value):
                if isinstance(item, dt.time):
                    parsed.append(item.replace(second=0, microsecond=0))
                elif isinstance(item, str) and TIME_RE.fullmatch(item):
                    parsed.append(dt.time(int(item[:2]), int(item[3:])))
                else:
                    r.p.add(["limits", "times", i], f"'{item}' is not a time like \"20:00\"")
            if len(set(parsed)) != len(parsed):
                r.p.add(["limits", "times"], "times of one day must differ")
            if parsed and len(value) == len(parsed) and len(parsed) != per_day.value:
                r.p.add(
                    ["limits", "times"],
                    f"gives {len(parsed)} times but per_day is {per_day.value}; "
                    "give one per session",
                )
        times = Limit(tuple(sorted(parsed)), times_raw[1])
    else:
        times = Limit(
            default_times(time_of_day.value, per_day.value),
            Provenance("default", f"spread from the preferred time of day ({time_of_day.value})"),
        )

    nsd_raw = _read_limit(r, raw, "not_same_day_as")
    not_same = Limit[tuple[str, ...]]((), Provenance("default", "no conflicts stated"))
    if nsd_raw:
        if isinstance(nsd_raw[0], list):
            fake = {"not_same_day_as": nsd_raw[0]}
            ids = r.ident_list(fake, "not_same_day_as", ["limits"])
            not_same = Limit(ids, nsd_raw[1])
        else:
            r.p.add(["limits", "not_same_day_as"], "must be a list of recipe ids")

    around: Limit[EventWindow] | None = None
    ae_raw = _read_limit(r, raw, "around_event")
    if ae_raw:
        around = _parse_window(r, ae_raw[0], ae_raw[1])

    return Limits(
        max_per_week=max_per_week,
        min_days_between=min_days,
        per_day=per_day,
        times=times,
        time_of_day=time_of_day,
        not_same_day_as=not_same,
        around_event=around,
    )


def _parse_window(r: _Reader, value: Any, prov: Provenance) -> Limit[EventWindow] | None:
    at: list[Key] = ["limits", "around_event"]
    if not isinstance(value, dict):
        r.p.add(at, 'must be a table like {event = "hair-removal", first_day = -14, last_day = -1}')
        return None
    r.p.unknown_keys(value, ("event", "first_day", "last_day"), at)
    event = value.get("event")
    if not isinstance(event, str) or not ID_RE.fullmatch(event):
        r.p.add([*at, "event"], 'must be an event id such as "hair-removal"')
        return None
    days: list[int] = []
    for key in ("first_day", "last_day"):
        if key not in value:
            r.p.add([*at, key], "is required (days relative to the event; -1 is the day before)")
            return None
        v = r.integer(value[key], [*at, key], -365, 365)
        if v is None:
            return None
        days.append(v)
    if days[0] > days[1]:
        r.p.add(at, f"first_day {days[0]} comes after last_day {days[1]}")
        return None
    return Limit(EventWindow(event, days[0], days[1]), prov)


def default_times(time_of_day: str, per_day: int) -> tuple[dt.time, ...]:
    """Clock times for a day's sessions: the preferred time, or spread morning to evening."""
    if per_day == 1:
        return (TIMES_OF_DAY[time_of_day],)
    # Several sessions a day start in the morning and end in the evening, evenly spaced.
    first, last = 8 * 60, 20 * 60
    step = (last - first) // (per_day - 1)
    return tuple(dt.time((first + i * step) // 60, (first + i * step) % 60) for i in range(per_day))


def _parse_ingredient(r: _Reader, raw: Any, i: int) -> Ingredient | None:
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
    density = None
    if "density" in raw:
        try:
            density = parse_density(raw["density"])
        except AmountError as exc:
            r.p.add([*at, "density"], str(exc))
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
    r = _Reader(p)
    p.unknown_keys(data, RECIPE_KEYS, [])
    rid = file_id(p, data, path, "recipe")
    name = r.text(data, "name", [], required=True)
    kind = r.text(data, "kind", [], required=True)
    if kind and kind not in KINDS:
        p.add(["kind"], f"must be one of: {', '.join(KINDS)}{suggest(kind, KINDS)}")
    summary = r.text(data, "summary", [], required=True)
    if "\n" in summary:
        p.add(["summary"], "must be one line")
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
    minutes: dict[str, int] = {}
    for key in ("prep_minutes", "skin_minutes", "minutes"):
        if key in data:
            v = r.integer(data[key], [key], 0, MAX_MINUTES)
            if v is not None:
                minutes[key] = v
    prep = minutes.get("prep_minutes", 0)
    skin = minutes.get("skin_minutes", 0)
    total = minutes.get("minutes", prep + skin)
    if "minutes" not in data and "skin_minutes" not in data:
        p.add(
            ["minutes"], "give the session length (minutes) or the time on the skin (skin_minutes)"
        )
    if total < prep + skin:
        p.add(["minutes"], f"{total} is shorter than prep_minutes + skin_minutes ({prep + skin})")
    if total == 0 and ("minutes" in minutes or "skin_minutes" in minutes):
        p.add(["minutes"], "a session must take at least one minute")
    limits = _parse_limits(r, data)
    contraindications = r.ident_list(data, "contraindications", [])
    warnings = r.text_list(data, "warnings", [])
    aftercare = r.text(data, "aftercare", [])
    area = r.text(data, "area", [])
    effects = r.text_list(data, "effects", [])
    for i, effect in enumerate(effects):
        if effect not in EFFECTS:
            p.add(["effects", i], f"must be one of: {', '.join(EFFECTS)}{suggest(effect, EFFECTS)}")
    if limits.not_same_day_as.value and rid in limits.not_same_day_as.value:
        p.add(["limits", "not_same_day_as"], "a recipe cannot conflict with itself")
    if known_ids is not None:
        for other in limits.not_same_day_as.value:
            if other not in known_ids and other != rid:
                hint = suggest(other, sorted(known_ids))
                p.add(["limits", "not_same_day_as"], f"unknown recipe '{other}'{hint}")
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
        minutes=max(total, 1),
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


def load_conditions_file(path: Path) -> dict[str, Condition]:
    data, text = read_toml(path)
    p = Problems(path, text)
    out: dict[str, Condition] = {}
    for cid, raw in data.items():
        if not ID_RE.fullmatch(cid):
            p.add([cid], "is not a condition id (lower-case letters, digits, -)")
            continue
        if not isinstance(raw, dict):
            p.add([cid], 'must be a table with name = "..."')
            continue
        p.unknown_keys(raw, ("name", "note"), [cid])
        r = _Reader(p)
        out[cid] = Condition(
            cid, r.text(raw, "name", [cid], required=True), r.text(raw, "note", [cid])
        )
    p.raise_if_any()
    return out


def load_catalogue_file(path: Path) -> dict[str, CatalogueItem]:
    """Items a shop sells, by lower-case name; every problem in the file at once."""
    data, text = read_toml(path)
    p = Problems(path, text)
    r = _Reader(p)
    out: dict[str, CatalogueItem] = {}
    for name, raw in data.items():
        if not isinstance(raw, dict):
            p.add([name], 'must be a table with section and package, e.g. package = "500 g"')
            continue
        p.unknown_keys(raw, CATALOGUE_KEYS, [name])
        section = r.text(raw, "section", [name]) or None
        if section is not None and section not in SECTIONS:
            hint = suggest(section, SECTIONS)
            p.add([name, "section"], f"must be one of {', '.join(SECTIONS)}{hint}")
            section = None
        package = None
        if "package" in raw:
            try:
                package = parse_amount(raw["package"])
            except AmountError as exc:
                p.add([name, "package"], str(exc))
            if package is not None and package.amount is None:
                p.add([name, "package"], 'must be a size such as "500 g" or "80 cotton pads"')
                package = None
        density = None
        if "density" in raw:
            try:
                density = parse_density(raw["density"])
            except AmountError as exc:
                p.add([name, "density"], str(exc))
        aliases = tuple(a.lower() for a in r.text_list(raw, "aliases", [name]))
        key = name.strip().lower()
        out[key] = CatalogueItem(
            item=key,
            section=section,
            aliases=aliases,
            package=package,
            density=density,
            note=r.text(raw, "note", [name]),
        )
    seen: dict[str, str] = {}
    for item in out.values():
        for alias in (item.item, *item.aliases):
            if alias in seen and seen[alias] != item.item:
                p.add([item.item, "aliases"], f"'{alias}' also names '{seen[alias]}'")
            seen[alias] = item.item
    p.raise_if_any()
    return out


def merge_item(old: CatalogueItem, new: CatalogueItem) -> CatalogueItem:
    """A user's catalogue entry on top of the built-in one: what it gives wins, the rest
    (aliases, density, package) is kept, so "soda" still means baking soda."""
    return CatalogueItem(
        item=old.item,
        section=new.section or old.section,
        aliases=tuple(dict.fromkeys([*old.aliases, *new.aliases])),
        package=new.package or old.package,
        density=new.density if new.density is not None else old.density,
        note=new.note or old.note,
    )


def recipe_files(folder: Path, warnings: list[str]) -> list[Path]:
    """The ``*.toml`` files of a folder (``_*.toml`` data files aside).

    An entry that is a FIFO, a device or a socket is skipped with a warning: reading
    it could hang or never end. A dangling link or a folder stays, so that reading
    it reports it as an error.
    """
    out = []
    for f in sorted(folder.glob("*.toml")):
        if f.name.startswith("_"):
            continue
        try:
            kind = file_kind(f.stat().st_mode)
        except OSError:
            kind = None
        if kind in (None, "a folder"):
            out.append(f)
        else:
            warnings.append(f"warning: {one_line(str(f))}: skipped: it is {kind}, not a file")
    return out


def looks_like_routine(data: dict[str, Any]) -> bool:
    """Routine files name remedies, availability or events; recipe files name none of these."""
    routine_keys = {"remedies", "remedie", "remedy", "availability", "events", "weeks"}
    recipe_keys = {"name", "kind", "steps", "ingredients", "limits"}
    return bool(routine_keys & data.keys()) and not recipe_keys & data.keys()


@dataclass
class _Source:
    path: Path
    data: dict[str, Any]
    text: str | Callable[[], str]

    @property
    def rid(self) -> str:
        value = self.data.get("id", self.path.stem)
        return value if isinstance(value, str) else self.path.stem


def _reader(path: Path) -> Callable[[], str]:
    """The file's text, read only if a problem needs a line number (bounded, like any read)."""

    def read() -> str:
        try:
            return read_text(path)
        except DataError:
            return ""

    return read


def read_sources(
    paths: Iterable[Path], problems: list[str], cache: TomlCache | None = None
) -> list[_Source]:
    """Parsed TOML of each recipe file; routine files found among them are left aside."""
    out: list[_Source] = []
    for path in paths:
        cached = cache.get(path) if cache else None
        text: str | Callable[[], str]
        if cached is not None:
            data, text = cached, _reader(path)
        else:
            try:
                data, text = read_toml(path)
            except DataError as exc:
                problems.extend(exc.problems)
                continue
            if cache:
                cache.put(path, data)
        if not looks_like_routine(data):
            out.append(_Source(path, data, text))
    return out


def parse_sources(
    sources: Sequence[_Source], known_ids: Collection[str], problems: list[str]
) -> list[Recipe]:
    """Recipes from sources, checked against each other: duplicate ids are an error."""
    found: dict[str, Recipe] = {}
    for src in sources:
        try:
            recipe = parse_recipe(src.data, src.path, src.text, known_ids)
        except DataError as exc:
            problems.extend(exc.problems)
            continue
        if recipe.id in found:
            text = src.text() if callable(src.text) else src.text
            line = find_line(text, ["id"]) if "id" in src.data else None
            where = f"{src.path}:{line}" if line else str(src.path)
            problems.append(
                f"{where}: id: '{recipe.id}' is also the id of {found[recipe.id].origin}"
            )
            continue
        found[recipe.id] = recipe
    return list(found.values())


def _folder_data(
    folder: Path,
    problems: list[str],
    catalogue: dict[str, CatalogueItem],
    conditions: dict[str, Condition],
) -> None:
    try:
        if (folder / "_catalogue.toml").is_file():
            for key, item in load_catalogue_file(folder / "_catalogue.toml").items():
                catalogue[key] = merge_item(catalogue[key], item) if key in catalogue else item
    except DataError as exc:
        problems.extend(exc.problems)
    try:
        if (folder / "_conditions.toml").is_file():
            conditions.update(load_conditions_file(folder / "_conditions.toml"))
    except DataError as exc:
        problems.extend(exc.problems)


def load_library(
    user_dirs: Sequence[Path] = (),
    extra_files: Iterable[Path] = (),
    cache_file: Path | None = None,
) -> Library:
    """The built-in recipes with each user folder (then each extra file) merged on top.

    Within one folder two files with the same id are an error; a later folder's
    recipe replaces an earlier one with a notice. Routine files kept in a recipe
    folder are left alone.
    """
    problems: list[str] = []
    notices: list[str] = []
    layers: list[list[_Source]] = []
    # A folder named twice is read once (and replaces nothing of its own).
    folders = list(dict.fromkeys([builtin_dir("recipes"), *user_dirs]))
    cache = TomlCache(cache_file) if cache_file else None
    for folder in folders:
        if not folder.is_dir():
            problems.append(f"{folder}: not a folder of recipe files")
            continue
        layers.append(read_sources(recipe_files(folder, notices), problems, cache))
    if cache:
        cache.save()
    extra = read_sources(extra_files, problems)
    if extra:
        layers.append(extra)
    known = {src.rid for layer in layers for src in layer}
    recipes: dict[str, Recipe] = {}
    for layer in layers:
        for recipe in parse_sources(layer, known, problems):
            if recipe.id in recipes:
                notices.append(
                    f"notice: {recipe.origin} replaces recipe '{recipe.id}' "
                    f"from {recipes[recipe.id].origin}"
                )
            recipes[recipe.id] = recipe
    if problems:
        raise DataError(problems)

    def load_data() -> tuple[dict[str, Condition], dict[str, CatalogueItem]]:
        found: list[str] = []
        conditions: dict[str, Condition] = {}
        catalogue: dict[str, CatalogueItem] = {}
        for folder in folders:
            if folder.is_dir():
                _folder_data(folder, found, catalogue, conditions)
        if found:
            raise DataError(found)
        return conditions, catalogue

    return Library(recipes=dict(sorted(recipes.items())), notices=tuple(notices),
                   load_data=load_data)  # fmt: skip


def get_recipe(library: Library, rid: str) -> Recipe:
    if rid not in library.recipes:
        raise UnknownIdError(
            f"unknown recipe '{rid}'{suggest(rid, list(library.recipes))}; "
            "'remedy-planner recipes list' shows them all"
        )
    return library.recipes[rid]


def known_conditions(library: Library) -> dict[str, Condition]:
    """Every condition in the catalogue plus any that a recipe names without describing."""
    out = dict(library.conditions)
    for recipe in library.recipes.values():
        for cid in recipe.contraindications:
            out.setdefault(cid, Condition(cid, cid.replace("-", " ")))
    return out
