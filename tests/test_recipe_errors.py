"""Each file in data/bad-recipes holds one failure case and the lines it must produce."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from planner.errors import DataError
from planner.load.library import load_library
from planner.load.recipe import load_recipe_file

from .conftest import DATA

BAD = sorted((DATA / "bad-recipes").glob("*.toml"))


def _expected(path: Path) -> list[str]:
    lines = path.read_bytes().decode("utf-8", "replace").splitlines()
    return [line.split("expect: ", 1)[1] for line in lines if line.startswith("# expect: ")]


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.stem)
def test_each_bad_file_reports_every_problem_with_file_line_and_key(
    path: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    shutil.copy(path, folder / path.name)
    library = load_library([folder])  # a broken file of the person's is set aside...
    problems = [line for found in library.broken.values() for line in found]
    assert not set(library.recipes) & set(library.broken)  # ...and is not a recipe
    expected = _expected(path)
    assert expected, f"{path.name} states no expected message"
    for fragment in expected:
        assert any(fragment in (line.split(str(folder) + "/", 1)[-1]) for line in problems), (
            fragment,
            problems,
        )
    assert len(problems) == len(expected), problems


def test_duplicate_ids_in_one_folder_are_an_error(tmp_path: Path) -> None:
    good = DATA / "good-recipes" / "nettle-wipe.toml"
    shutil.copy(good, tmp_path / "a.toml")
    text = good.read_text()
    (tmp_path / "b.toml").write_text('id = "a"\n' + text)
    with pytest.raises(DataError) as info:
        load_library([tmp_path])
    assert info.value.problems == [
        f"{tmp_path / 'b.toml'}:1: id: 'a' is also the id of {tmp_path / 'a.toml'}"
    ]


def test_user_recipe_with_builtin_id_replaces_it_with_a_notice(tmp_path: Path) -> None:
    good = DATA / "good-recipes" / "nettle-wipe.toml"
    (tmp_path / "soda-mask.toml").write_text(good.read_text().replace('["soda-mask"]', "[]"))
    library = load_library([tmp_path])
    assert library.recipes["soda-mask"].name == "Nettle wipe"
    assert len(library.notices) == 1
    assert "replaces recipe 'soda-mask'" in library.notices[0]


def test_a_good_user_recipe_loads_with_defaults() -> None:
    recipe = load_recipe_file(DATA / "good-recipes" / "nettle-wipe.toml")
    assert recipe.id == "nettle-wipe"
    assert recipe.limits.max_per_week.value == 3
    assert recipe.limits.max_per_week.provenance.kind == "default"
    assert recipe.limits.per_day.value == 1
    assert recipe.limits.min_days_between.value == 1
    assert [i.quantity.amount for i in recipe.ingredients] == [1.0, 2.0]
