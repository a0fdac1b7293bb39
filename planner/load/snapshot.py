"""The built-in recipe, data and routine files, parsed ahead of time.

Parsing TOML is most of what a first run (no cache yet) costs. The built-in files are
part of the installation, so their parsed tables are kept in a generated module,
``planner/load/builtin_tables.py``, which Python compiles once like any other. A
table is used only while its file still has the size it had when the module was made;
otherwise the file is parsed as usual. The test run checks that the module is up to
date, and this command makes it again after a built-in file was edited:

    python -m planner.load.snapshot --write     # or --check
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

KINDS = ("recipes", "templates")
MODULE = Path(__file__).with_name("builtin_tables.py")
_HEADER = '''"""Parsed tables of the built-in TOML files; made by `python -m planner.load.snapshot
--write`, checked by the tests. Do not edit: edit the TOML files and run that command."""

import datetime
from typing import Any

# "kind/file.toml" -> (the file's size in bytes, its parsed table)
TABLES: dict[str, tuple[int, dict[str, Any]]] = '''


def _folder(kind: str) -> Path:
    package = importlib.import_module(f"planner.builtin_{kind}")
    return Path(next(iter(package.__path__)))


def builtin_table(path: Path) -> dict[str, Any] | None:
    """The parsed table of a built-in file, if ``path`` is one and is unchanged."""
    kind = next((k for k in KINDS if path.parent == _folder(k)), None)
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


def render() -> str:
    """The module's text, from the files as they are now."""
    import pprint

    from planner.load.diagnostics import read_toml

    tables: dict[str, tuple[int, dict[str, Any]]] = {}
    for kind in KINDS:
        for path in sorted(_folder(kind).glob("*.toml")):
            data, _ = read_toml(path)
            tables[f"{kind}/{path.name}"] = (path.stat().st_size, data)
    body = pprint.pformat(tables, width=100, sort_dicts=False)
    return _HEADER + body + "\n"


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
