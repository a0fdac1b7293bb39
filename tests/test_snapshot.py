"""The built-in files parsed ahead of time: up to date, used, and never used stale."""

from __future__ import annotations

import copy
import hashlib
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from planner.load import builtin_tables, prebuilt, snapshot
from planner.load.diagnostics import read_toml
from planner.load.library import load_library


def test_the_generated_module_is_up_to_date() -> None:
    assert snapshot.MODULE.read_text(encoding="utf-8") == snapshot.render(), (
        "run: python -m planner.load.snapshot --write"
    )


def test_every_table_is_what_tomllib_reads_from_its_file() -> None:
    root = Path(__file__).resolve().parents[1]
    assert builtin_tables.TABLES  # the check below would pass on an empty module
    for key, (made_from, table) in builtin_tables.TABLES.items():
        path = root / key
        assert hashlib.sha256(path.read_bytes()).hexdigest() == made_from, key
        assert prebuilt.digest(path) == made_from, key
        assert read_toml(path)[0] == table, key


@pytest.mark.parametrize(("same", "title"), [(True, "From the table"),
                                             (False, "Back care")])  # fmt: skip
def test_a_table_is_used_only_while_its_file_keeps_its_content(monkeypatch, same, title) -> None:
    from planner.load.routine import find_routine

    key = "templates/back-care.toml"
    made_from, table = builtin_tables.TABLES[key]
    changed = copy.deepcopy(table)
    changed["title"] = "From the table"
    tables = dict(builtin_tables.TABLES)
    tables[key] = (made_from if same else "0" * 64, changed)
    monkeypatch.setattr(builtin_tables, "TABLES", tables)
    assert find_routine("back-care", load_library()).title == title


def test_the_command_checks_and_writes(tmp_path, monkeypatch, capsys) -> None:
    real = snapshot.MODULE.read_text(encoding="utf-8")
    target = tmp_path / "builtin_tables.py"
    monkeypatch.setattr(snapshot, "MODULE", target)
    assert snapshot.main(["--check"]) == 1
    assert snapshot.main(["--write"]) == 0
    assert snapshot.main(["--check"]) == 0
    assert target.read_text(encoding="utf-8") == real
    assert snapshot.main([]) == 2
    assert "out of date" in capsys.readouterr().out


def _parsed_from_files() -> dict[str, str]:
    """Each built-in recipe as the loader makes it from its file, shown by repr."""
    from planner.load.library import builtin_dir, parse_sources, read_sources, recipe_files

    problems: list[str] = []
    sources = read_sources(recipe_files(builtin_dir("recipes"), []), problems, read_toml)
    recipes = parse_sources(sources, {s.rid for s in sources}, problems)
    assert problems == []
    return {r.id: repr(r) for r in recipes}


def test_the_recipes_made_ahead_are_the_ones_the_loader_makes() -> None:
    loaded = load_library().recipes
    assert {rid: repr(r) for rid, r in loaded.items()} == _parsed_from_files()
    assert not any(r.own for r in loaded.values())


def test_recipes_are_made_from_the_files_when_one_of_them_changed(monkeypatch) -> None:
    made_from, recipe = builtin_tables.RECIPES["soda-mask.toml"]
    changed = dict(builtin_tables.RECIPES)
    changed["soda-mask.toml"] = (made_from, replace(recipe, name="Made ahead"))
    monkeypatch.setattr(builtin_tables, "RECIPES", changed)
    assert load_library().recipes["soda-mask"].name == "Made ahead"
    changed["soda-mask.toml"] = ("0" * 64, replace(recipe, name="Made ahead"))
    assert load_library().recipes["soda-mask"].name == "Baking-soda mask"
    del changed["soda-mask.toml"]  # a file the snapshot does not know: made from files
    assert load_library().recipes["soda-mask"].name == "Baking-soda mask"


def test_a_limit_edited_in_a_built_in_file_is_never_shown_stale(tmp_path, monkeypatch) -> None:
    """max_per_week 2 -> 5 keeps the file's size; the content changed, so the file counts."""
    from planner.load import library, prebuilt

    copies = {kind: tmp_path / kind for kind in prebuilt.KINDS}
    for kind, to in copies.items():
        shutil.copytree(prebuilt.folder(kind), to)
    monkeypatch.setattr(prebuilt, "folder", lambda kind: copies[kind])
    monkeypatch.setattr(library, "builtin_dir", lambda kind: copies[kind])
    soda = copies["recipes"] / "soda-mask.toml"
    text = soda.read_text(encoding="utf-8")
    old, new = "max_per_week = { value = 2,", "max_per_week = { value = 5,"
    assert old in text
    before = soda.stat().st_size
    soda.write_text(text.replace(old, new), encoding="utf-8")
    assert soda.stat().st_size == before
    limits = load_library().recipes["soda-mask"].limits
    assert limits.max_per_week is not None and limits.max_per_week.value == 5
