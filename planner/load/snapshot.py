"""The built-in recipe, data and routine files, parsed ahead of time.

Parsing TOML is most of what a first run (no cache yet) costs. The built-in files are
part of the installation, so their parsed tables, and the recipes made from them, are
kept in a generated module, ``planner/load/builtin_tables.py``, which Python compiles
once like any other. A table is used only while its file's content still has the
SHA-256 it had when the module was made, and the recipes only while every recipe file
does; otherwise the files are read as usual. The test run checks that the module is up to
date, and this command makes it again after a built-in file was edited:

    python -m planner.load.snapshot --write     # or --check
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from planner.load.library import parse_sources, read_sources, recipe_files
from planner.load.prebuilt import KINDS, digest, folder

MODULE = Path(__file__).with_name("builtin_tables.py")
_HEADER = '''"""Parsed tables of the built-in TOML files; made by `python -m planner.load.snapshot
--write`, checked by the tests. Do not edit: edit the TOML files and run that command."""

import datetime
from typing import Any

from planner.core.recipe import EventWindow, Ingredient, Limit, Limits, Provenance, Quantity, Recipe

# "kind/file.toml" -> (the SHA-256 of the file's bytes, its parsed table)
TABLES: dict[str, tuple[str, dict[str, Any]]] = '''
_RECIPES_HEADER = """

# "file.toml" of each built-in recipe -> (the SHA-256 of its bytes, the recipe made from
# it, with its origin left empty)
RECIPES: dict[str, tuple[str, Recipe]] = {
"""


def _digest(path: Path) -> str:
    found = digest(path)
    if found is None:
        raise SystemExit(f"{path}: cannot be read")
    return found


def render() -> str:
    """The module's text, from the files as they are now (never from the module)."""
    import pprint

    from planner.load.diagnostics import read_toml

    tables: dict[str, tuple[str, dict[str, Any]]] = {}
    for kind in KINDS:
        for path in sorted(folder(kind).glob("*.toml")):
            data, _ = read_toml(path)
            tables[f"{kind}/{path.name}"] = (_digest(path), data)
    body = pprint.pformat(tables, width=100, sort_dicts=False)
    problems: list[str] = []
    files = recipe_files(folder("recipes"), [])
    sources = read_sources(files, problems, read_toml)
    recipes = parse_sources(sources, {src.rid for src in sources}, problems)
    if problems:
        raise SystemExit("\n".join(problems))
    by_origin = {r.origin: r for r in recipes}
    lines = [
        f"    {path.name!r}: ({_digest(path)!r}, {replace(by_origin[str(path)], origin='')!r}),"
        for path in files
    ]
    return _HEADER + body + "\n" + _RECIPES_HEADER + "\n".join(lines) + "\n}\n"


def main(argv: list[str]) -> int:
    if argv not in (["--write"], ["--check"]):
        print("usage: python -m planner.load.snapshot --write|--check", file=sys.stderr)
        return 2
    text = render()
    current = MODULE.read_text(encoding="utf-8") if MODULE.exists() else ""
    if argv == ["--check"]:
        if current != text:
            print(f"{MODULE}: out of date; run python -m planner.load.snapshot --write")
            return 1
        print(f"{MODULE}: up to date")
        return 0
    if current != text:
        MODULE.write_text(text, encoding="utf-8")
        print(f"wrote {MODULE}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
