"""The README's examples are real: its recipe and routine files load and plan."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def _block(first_line: str, lang: str = "toml") -> str:
    for body in re.findall(rf"```{lang}\n(.*?)```", README.read_text(encoding="utf-8"), re.S):
        if body.startswith(first_line):
            return body
    raise AssertionError(f"no {lang} block starting with {first_line!r} in README")


def test_readme_recipe_and_routine_examples_plan(cli, tmp_path: Path) -> None:
    recipes = tmp_path / "my-recipes"
    recipes.mkdir()
    (recipes / "soda-mask.toml").write_text(_block("# my-recipes/soda-mask.toml"))
    routine = tmp_path / "my-routine.toml"
    routine.write_text(_block("# my-routine.toml"))
    checked = cli("--recipes", str(recipes), "validate", str(recipes), str(routine))
    assert checked.exit_code == 0, checked.stderr
    out = tmp_path / "out"
    out.mkdir()
    result = cli("--recipes", str(recipes), "plan", str(routine), "--start", "2026-11-30",
                 "--tz", "Europe/Berlin", "--out", str(out))  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "replaces recipe 'soda-mask'" in result.stderr


def test_readme_pantry_examples_load(tmp_path: Path) -> None:
    from planner.load.pantry import load_pantry

    toml = tmp_path / "pantry.toml"
    toml.write_text(_block("# pantry.toml"))
    csv_file = tmp_path / "pantry.csv"
    csv_file.write_text(_block("item,amount", "csv"))
    assert len(load_pantry(toml)) == 3
    assert len(load_pantry(csv_file)) == 2
