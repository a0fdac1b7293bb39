"""The recipe library: built-in recipes, then the user's folders merged on top.

The built-in library ships inside the package; a user recipe with a built-in id
replaces the built-in one with a notice. Files whose names start with ``_`` are
data files (conditions, catalogue), not recipes.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from planner.core.recipe import CatalogueItem, Condition, Library, Recipe, TomlReader
from planner.core.text import one_line, suggest
from planner.errors import DataError, UnknownIdError
from planner.load.cache import TomlCache
from planner.load.diagnostics import file_kind, find_line, read_text, read_toml


def builtin_dir(kind: str) -> Path:
    """The folder of built-in ``recipes`` or ``templates`` inside the installed package."""
    try:
        package = importlib.import_module(f"planner.builtin_{kind}")
    except ImportError:
        raise DataError([f"the built-in {kind} folder is missing from the installation"]) from None
    return Path(next(iter(package.__path__)))


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
    """A recipe file's data, read but not yet turned into a Recipe."""

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


class Reader:
    """Reads TOML files: built-in ones from the tables parsed ahead of time, the others
    through the parse cache, which it fills with what it had to parse."""

    def __init__(self, cache: TomlCache | None) -> None:
        self.cache = cache
        self.save_each = False  # after loading, a file read on its own is saved at once

    def __call__(self, path: Path) -> tuple[dict[str, Any], str | Callable[[], str]]:
        from planner.load.prebuilt import builtin_table

        known = builtin_table(path)
        if known is None and self.cache:
            known = self.cache.get(path)
        if known is not None:
            return known, _reader(path)
        data, text = read_toml(path)
        if self.cache:
            self.cache.put(path, data)
            if self.save_each:
                self.cache.save()
        return data, text


def read_sources(
    paths: Iterable[Path],
    problems: list[str],
    read: TomlReader = read_toml,
    broken: dict[str, tuple[str, ...]] | None = None,
) -> list[_Source]:
    """Parsed TOML of each recipe file; routine files found among them are left aside.

    With ``broken`` a file that cannot be read is recorded there (under its file name)
    instead of in ``problems``.
    """
    out: list[_Source] = []
    for path in paths:
        try:
            data, text = read(path)
        except DataError as exc:
            if broken is None:
                problems.extend(exc.problems)
            else:
                broken[path.stem] = tuple(exc.problems)
            continue
        if not looks_like_routine(data):
            out.append(_Source(path, data, text))
    return out


def parse_sources(
    sources: Sequence[_Source],
    known_ids: Collection[str],
    problems: list[str],
    broken: dict[str, tuple[str, ...]] | None = None,
) -> list[Recipe]:
    """Recipes from sources, checked against each other: duplicate ids are an error.

    With ``broken`` a recipe with errors is recorded there (under its id) instead of
    in ``problems``.
    """
    # Imported here: built-in recipes come made, so a listing may not need the parser.
    from planner.load.recipe import parse_recipe

    found: dict[str, Recipe] = {}
    for src in sources:
        try:
            recipe = parse_recipe(src.data, src.path, src.text, known_ids)
        except DataError as exc:
            if broken is None:
                problems.extend(exc.problems)
            else:
                broken[src.rid] = tuple(exc.problems)
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


def load_library(
    user_dirs: Sequence[Path] = (),
    extra_files: Iterable[Path] = (),
    cache_file: Path | None = None,
) -> Library:
    """The built-in recipes with each user folder (then each extra file) merged on top.

    Within one folder two files with the same id are an error; a later folder's
    recipe replaces an earlier one with a notice. Routine files kept in a recipe
    folder are left alone. A recipe file with errors in a user folder is left out
    and kept in ``Library.broken`` with its problems: it blocks only what uses it.
    """
    problems: list[str] = []
    notices: list[str] = []
    broken: dict[str, tuple[str, ...]] = {}
    # Each folder's sources, its broken files (None: errors stop everything), and the
    # recipes made ahead of time (built-in ones only, while their files are unchanged).
    layers: list[tuple[list[_Source], dict[str, tuple[str, ...]] | None, list[Recipe] | None]]
    layers = []
    # A folder named twice is read once (and replaces nothing of its own).
    builtin = builtin_dir("recipes")
    folders = list(dict.fromkeys([builtin, *user_dirs]))
    cache = TomlCache(cache_file) if cache_file else None
    read = Reader(cache)
    for folder in folders:
        if not folder.is_dir():
            problems.append(f"{folder}: not a folder of recipe files")
            continue
        files = recipe_files(folder, notices)
        if folder == builtin:
            from planner.load.prebuilt import builtin_recipes

            # Part of the installation: an error there stops everything.
            prebuilt = builtin_recipes(files)
            if prebuilt is not None:
                layers.append(([], None, list(prebuilt.values())))
                continue
        mine: dict[str, tuple[str, ...]] | None = None if folder == builtin else {}
        layers.append((read_sources(files, problems, read, mine), mine, None))
    if cache:
        cache.save()
    read.save_each = True
    extra = read_sources(extra_files, problems)
    if extra:
        layers.append((extra, None, None))
    known = {src.rid for layer, _, _ in layers for src in layer}
    known |= {r.id for _, _, made in layers for r in made or ()}
    known |= {rid for _, mine, _ in layers for rid in mine or {}}
    recipes: dict[str, Recipe] = {}
    for n, (layer, mine, made) in enumerate(layers):
        parsed = made if made is not None else parse_sources(layer, known, problems, mine)
        for rid, why in (mine or {}).items():
            # A broken file never lets an earlier recipe with its id stand in silently.
            recipes.pop(rid, None)
            broken[rid] = why
        for recipe in parsed:
            broken.pop(recipe.id, None)
            if n > 0:  # the first layer is the built-in folder
                recipe = replace(recipe, own=True)
            if recipe.id in recipes:
                earlier = recipes[recipe.id]
                what = f"from {earlier.origin}" if earlier.own else "(built in)"
                notices.append(f"notice: {recipe.origin} replaces recipe '{recipe.id}' {what}")
            recipes[recipe.id] = recipe
    if problems:
        raise DataError(problems)

    def load_data() -> tuple[dict[str, Condition], dict[str, CatalogueItem]]:
        from planner.load.catalogue import folder_data

        found: list[str] = []
        conditions: dict[str, Condition] = {}
        catalogue: dict[str, CatalogueItem] = {}
        for folder in folders:
            if folder.is_dir():
                folder_data(folder, found, catalogue, conditions, read)
        if found:
            raise DataError(found)
        return conditions, catalogue

    return Library(recipes=dict(sorted(recipes.items())), notices=tuple(notices),
                   broken=dict(sorted(broken.items())), load_data=load_data,
                   read_file=read)  # fmt: skip


def get_recipe(library: Library, rid: str) -> Recipe:
    if rid in library.broken:
        raise DataError(list(library.broken[rid]))
    if rid not in library.recipes:
        raise UnknownIdError(
            f"unknown recipe '{rid}'{suggest(rid, list(library.recipes))}", "recipe"
        )
    return library.recipes[rid]
