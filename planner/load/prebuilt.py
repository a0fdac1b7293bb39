"""Built-in recipe, data and routine files as they come with the installation, parsed
ahead of time (see ``planner.load.snapshot``, which makes them): a table or a recipe
is given out only while its file's content still hashes to what it did when it was made.
(A size is not enough: a limit edited from 2 to 5 keeps it, and a stale limit is the one
thing this tool must never show.)
"""

from __future__ import annotations

import importlib
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from planner.core.recipe import Recipe

KINDS = ("recipes", "templates")


def folder(kind: str) -> Path:
    package = importlib.import_module(f"planner.builtin_{kind}")
    return Path(next(iter(package.__path__)))


def _sha256() -> Any:
    """SHA-256 from CPython's own module: hashlib loads OpenSSL first, about 3 ms, which
    is most of what listing recipes costs beyond importing click. Same digests (the tests
    compare them with hashlib's)."""
    for name in ("_sha2", "_sha256"):  # 3.12 and later, 3.11
        try:
            return importlib.import_module(name).sha256
        except ImportError:
            continue
    import hashlib

    return hashlib.sha256


def digest(path: Path) -> str | None:
    """The SHA-256 of a regular file's bytes (read as every input file is, bounded), or None
    when it is not one or cannot be read: then the file is read and reported as usual."""
    from planner.errors import DataError
    from planner.load.diagnostics import MAX_FILE_BYTES, read_bytes

    try:
        data = read_bytes(path, MAX_FILE_BYTES, f"{MAX_FILE_BYTES // 1000} kB")
    except DataError:
        return None
    return str(_sha256()(data).hexdigest())


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
    if found is None or digest(path) != found[0]:
        return None
    return found[1]


def builtin_recipes(files: list[Path]) -> dict[str, Recipe] | None:
    """The built-in recipes made ahead of time, by id, if ``files`` are exactly the
    built-in recipe files and each has its content from when they were made."""
    try:
        from planner.load.builtin_tables import RECIPES
    except ImportError:
        return None
    if sorted(f.name for f in files) != sorted(RECIPES):
        return None
    out: dict[str, Recipe] = {}
    for path in files:
        made_from, recipe = RECIPES[path.name]
        if digest(path) != made_from:
            return None
        out[recipe.id] = replace(recipe, origin=str(path))
    return out
