"""Built-in recipe, data and routine files as they come with the installation, parsed
ahead of time (see ``planner.load.snapshot``, which makes them): a table or a recipe
is given out only while its file still has the size it had when it was made.
"""

from __future__ import annotations

import importlib
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from planner.model import Recipe

KINDS = ("recipes", "templates")


def folder(kind: str) -> Path:
    package = importlib.import_module(f"planner.builtin_{kind}")
    return Path(next(iter(package.__path__)))


def builtin_table(path: Path) -> dict[str, Any] | None:
    """The parsed table of a built-in file, if ``path`` is one and is unchanged."""
    kind = next((k for k in KINDS if path.parent == folder(k)), None)
    if kind is None:
        return None
    try:
        from planner.load.builtin_tables import TABLES
    except ImportError:  # a source tree before the first --write
        return None
    found = TABLES.get(f"{kind}/{path.name}")
    try:
        size = path.stat().st_size
    except OSError:
        return None
    if found is None or found[0] != size:
        return None
    return found[1]


def builtin_recipes(files: list[Path]) -> dict[str, Recipe] | None:
    """The built-in recipes made ahead of time, by id, if ``files`` are exactly the
    built-in recipe files and each has its size from when they were made."""
    try:
        from planner.load.builtin_tables import RECIPES
    except ImportError:
        return None
    if sorted(f.name for f in files) != sorted(RECIPES):
        return None
    out: dict[str, Recipe] = {}
    for path in files:
        size, recipe = RECIPES[path.name]
        try:
            if path.stat().st_size != size:
                return None
        except OSError:
            return None
        out[recipe.id] = replace(recipe, origin=str(path))
    return out
