"""The built-in files parsed ahead of time: up to date, used, and never used stale."""

from __future__ import annotations

import copy
from dataclasses import replace
from pathlib import Path

import pytest

from planner.load import builtin_tables, snapshot
from planner.load.diagnostics import read_toml
from planner.load.library import load_library


def test_the_generated_module_is_up_to_date() -> None:
    assert snapshot.MODULE.read_text(encoding="utf-8") == snapshot.render(), (
        "run: python -m planner.load.snapshot --write"
    )


def test_every_table_is_what_tomllib_reads_from_its_file() -> None:
    root = Path(__file__).resolve().parents[1]
    assert builtin_tables.TABLES  # the check below would pass on an empty module
    for key, (size, table) in builtin_tables.TABLES.items():
        path = root / key
        assert path.stat().st_size == size, key
        assert read_toml(path)[0] == table, key


@pytest.mark.parametrize(("same_size", "title"), [(True, "From the table"),
                                                  (False, "Back care")])  # fmt: skip
def test_a_table_is_used_only_while_its_file_keeps_its_size(monkeypatch, same_size, title) -> None:
    from planner.load.routine import find_routine

    key = "templates/back-care.toml"
    size, table = builtin_tables.TABLES[key]
    changed = copy.deepcopy(table)
    changed["title"] = "From the table"
    tables = dict(builtin_tables.TABLES)
    tables[key] = (size if same_size else size + 1, changed)
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
    size, recipe = builtin_tables.RECIPES["soda-mask.toml"]
    changed = dict(builtin_tables.RECIPES)
    changed["soda-mask.toml"] = (size, replace(recipe, name="Made ahead"))
    monkeypatch.setattr(builtin_tables, "RECIPES", changed)
    assert load_library().recipes["soda-mask"].name == "Made ahead"
    changed["soda-mask.toml"] = (size + 1, replace(recipe, name="Made ahead"))
    assert load_library().recipes["soda-mask"].name == "Baking-soda mask"
    del changed["soda-mask.toml"]  # a file the snapshot does not know: made from files
    assert load_library().recipes["soda-mask"].name == "Baking-soda mask"
