"""The shop catalogue (``_catalogue.toml``) and the conditions one can declare
(``_conditions.toml``): the data files of a recipe folder."""

from __future__ import annotations

from pathlib import Path

from planner.core.recipe import SECTIONS, CatalogueItem, Condition, Library, TomlReader
from planner.core.text import suggest
from planner.core.units import parse_amount, parse_density
from planner.errors import DataError
from planner.load.diagnostics import Problems, read_toml
from planner.load.fields import ID_RE, FieldReader

CATALOGUE_FILE = "_catalogue.toml"
CONDITIONS_FILE = "_conditions.toml"
DATA_FILES = (CONDITIONS_FILE, CATALOGUE_FILE)
CATALOGUE_KEYS = ("aliases", "section", "package", "density", "note")


def load_conditions_file(path: Path, read: TomlReader = read_toml) -> dict[str, Condition]:
    data, text = read(path)
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
        r = FieldReader(p)
        out[cid] = Condition(
            cid, r.text(raw, "name", [cid], required=True), r.text(raw, "note", [cid])
        )
    p.raise_if_any()
    return out


def load_catalogue_file(path: Path, read: TomlReader = read_toml) -> dict[str, CatalogueItem]:
    """Items a shop sells, by lower-case name; every problem in the file at once."""
    data, text = read(path)
    p = Problems(path, text)
    r = FieldReader(p)
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
        package = r.parsed(raw, "package", [name], parse_amount)
        if package is not None and package.amount is None:
            p.add([name, "package"], 'must be a size such as "500 g" or "80 cotton pads"')
            package = None
        density = r.parsed(raw, "density", [name], parse_density)
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


def folder_data(
    folder: Path,
    problems: list[str],
    catalogue: dict[str, CatalogueItem],
    conditions: dict[str, Condition],
    read: TomlReader = read_toml,
) -> None:
    try:
        if (folder / CATALOGUE_FILE).is_file():
            for key, item in load_catalogue_file(folder / CATALOGUE_FILE, read).items():
                catalogue[key] = merge_item(catalogue[key], item) if key in catalogue else item
    except DataError as exc:
        problems.extend(exc.problems)
    try:
        if (folder / CONDITIONS_FILE).is_file():
            conditions.update(load_conditions_file(folder / CONDITIONS_FILE, read))
    except DataError as exc:
        problems.extend(exc.problems)


def known_conditions(library: Library) -> dict[str, Condition]:
    """Every condition in the catalogue plus any that a recipe names without describing."""
    out = dict(library.conditions)
    for recipe in library.recipes.values():
        for cid in recipe.contraindications:
            out.setdefault(cid, Condition(cid, cid.replace("-", " ")))
    return out
