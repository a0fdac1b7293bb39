"""The built-in files parsed ahead of time: up to date, used, and never used stale."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from planner.load import builtin_tables, snapshot
from planner.load.diagnostics import read_toml
from planner.load.library import load_library

SODA = "recipes/soda-mask.toml"


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


@pytest.mark.parametrize(("same_size", "name"), [(True, "From the table"),
                                                 (False, "Baking-soda mask")])  # fmt: skip
def test_a_table_is_used_only_while_its_file_keeps_its_size(monkeypatch, same_size, name) -> None:
    size, table = builtin_tables.TABLES[SODA]
    changed = copy.deepcopy(table)
    changed["name"] = "From the table"
    tables = dict(builtin_tables.TABLES)
    tables[SODA] = (size if same_size else size + 1, changed)
    monkeypatch.setattr(builtin_tables, "TABLES", tables)
    assert load_library().recipes["soda-mask"].name == name


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
