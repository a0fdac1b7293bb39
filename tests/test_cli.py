from __future__ import annotations

import json
import shutil
from pathlib import Path

import click
import pytest

from planner import __version__
from planner.cli import main

from .conftest import DATA


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command and sub-command, as the group finds them (it loads them on demand)."""
    out = [prefix]
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        cmd = group.get_command(ctx, name)
        assert cmd is not None, name
        if isinstance(cmd, click.Group):
            out += _commands(cmd, (*prefix, name))
        else:
            out.append((*prefix, name))
    return out


@pytest.mark.parametrize("path", _commands(main), ids=lambda p: " ".join(p) or "main")
def test_every_command_has_help_with_an_example(cli, path: tuple[str, ...]) -> None:
    result = cli(*path, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout
    assert "remedy-planner" in result.stdout


def test_version(cli) -> None:
    result = cli("--version")
    assert result.exit_code == 0
    assert __version__ in result.stdout


def test_recipes_list_text_names_every_recipe(cli) -> None:
    result = cli("recipes", "list")
    assert result.exit_code == 0, result.stderr
    assert "soda-mask" in result.stdout and "calendula-wipe" in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 100


def test_recipes_list_json_carries_the_promised_fields(cli) -> None:
    result = cli("recipes", "list", "--format", "json")
    data = json.loads(result.stdout)
    soda = next(r for r in data if r["id"] == "soda-mask")
    for key in ("id", "name", "kind", "ingredients", "limits", "contraindications", "warnings"):
        assert key in soda
    assert {"max_per_week", "min_days_between", "per_day", "not_same_day_as"} <= set(soda["limits"])
    first = soda["ingredients"][0]
    assert {"item", "quantity", "unit", "section"} <= set(first)
    assert (first["item"], first["quantity"], first["unit"]) == ("baking soda", 1.0, "tbsp")
    assert soda["limits"]["max_per_week"] == 2


def test_recipe_json_carries_every_field_a_recipe_has(cli) -> None:
    import dataclasses

    from planner.core.recipe import Ingredient, Recipe

    listed = json.loads(cli("recipes", "list", "--format", "json").stdout)
    shown = json.loads(cli("recipes", "show", "salt-clay-mask", "--format", "json").stdout)
    clay = next(r for r in listed if r["id"] == "salt-clay-mask")
    assert clay == shown
    # Each field of the model is there (its limits as "limits" and "provenance").
    assert {f.name for f in dataclasses.fields(Recipe)} <= set(clay)
    assert {"provenance"} <= set(clay)
    assert {f.name for f in dataclasses.fields(Ingredient)} <= set(clay["ingredients"][0])
    # The input of the one-drying-treatment-a-day rule, as the recipe file states it.
    assert clay["effects"] == ["drying", "exfoliating"]
    assert next(r for r in listed if r["id"] == "calendula-wipe")["effects"] == []


def test_recipes_show_text_lists_limits_with_provenance(cli) -> None:
    result = cli("recipes", "show", "soda-mask")
    assert result.exit_code == 0
    flat = " ".join(result.stdout.split())
    assert (
        "- At most 2 sessions in any 7 days (the source: No more than a couple of times a week.)"
        in flat
    )
    assert "Open pimples (open-pimples)" in result.stdout


def test_unknown_recipe_suggests_and_exits_2(cli) -> None:
    result = cli("recipes", "show", "soda-mak")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        "error: unknown recipe 'soda-mak' (did you mean 'soda-mask'?); "
        "'remedy-planner recipes list' shows them all"
    ]


def test_recipes_option_adds_user_recipes(cli, tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    shutil.copy(DATA / "good-recipes" / "nettle-wipe.toml", mine)
    result = cli("--recipes", str(mine), "recipes", "show", "nettle-wipe", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["origin"] == str(mine / "nettle-wipe.toml")


def test_config_folder_recipes_are_read_and_replacements_noticed(cli) -> None:
    folder = cli.config_dir / "remedy-planner" / "recipes"
    folder.mkdir(parents=True)
    text = (DATA / "good-recipes" / "nettle-wipe.toml").read_text()
    (folder / "soda-mask.toml").write_text(text.replace('["soda-mask"]', "[]"))
    result = cli("recipes", "show", "soda-mask")
    assert result.exit_code == 0
    assert "Nettle wipe" in result.stdout
    assert "replaces recipe 'soda-mask'" in result.stderr


def test_a_broken_file_in_a_user_folder_blocks_only_what_uses_it(cli, tmp_path: Path) -> None:
    shutil.copy(DATA / "bad-recipes" / "unknown-unit.toml", tmp_path)
    listed = cli("--recipes", str(tmp_path), "recipes", "list")
    assert listed.exit_code == 0  # the broken file is not needed for the list
    (warning,) = listed.stderr.splitlines()
    assert warning.startswith(f"warning: {tmp_path / 'unknown-unit.toml'}:15: ")
    assert warning.endswith("recipe 'unknown-unit' is left out until its file is fixed")
    assert "unknown-unit" not in listed.stdout
    shown = cli("--recipes", str(tmp_path), "recipes", "show", "unknown-unit")
    assert shown.exit_code == 1
    assert shown.stderr.splitlines()[-1].startswith(f"error: {tmp_path / 'unknown-unit.toml'}:15: ")


def test_validate_good_and_bad(cli) -> None:
    good = cli("validate", str(DATA / "good-recipes"))
    assert good.exit_code == 0, good.stderr
    assert good.stdout.endswith("\n1 file valid\n")
    bad = cli("validate", str(DATA / "bad-recipes"))
    assert bad.exit_code == 1
    lines = bad.stderr.strip().splitlines()
    assert all(line.startswith("error: ") for line in lines)
    named = {Path(line.split(": ", 1)[1].split(":", 1)[0]).name for line in lines}
    assert named == {p.name for p in (DATA / "bad-recipes").glob("*.toml")}


def test_validate_builtin_folder(cli) -> None:
    from planner.load.library import builtin_dir

    result = cli("validate", str(builtin_dir("recipes")))
    assert result.exit_code == 0, result.stderr


def test_validate_missing_path_is_usage_error(cli, tmp_path: Path) -> None:
    result = cli("validate", str(tmp_path / "nope.toml"))
    assert result.exit_code == 2


def test_python_dash_m_works() -> None:
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-m", "planner", "--version"], capture_output=True, text=True, check=True
    )
    assert __version__ in out.stdout


def test_deeply_nested_file_is_a_clean_error(cli, tmp_path: Path) -> None:
    deep = tmp_path / "deep.toml"
    deep.write_text("a = " + "[" * 5000 + "]" * 5000 + "\n")
    result = cli("validate", str(deep))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"error: {deep}: nested too deeply to read"]


def test_routine_typo_is_reported_as_a_routine_problem(cli, tmp_path: Path) -> None:
    typo = tmp_path / "typo.toml"
    typo.write_text('title = "T"\nweeks = 2\n\n[[remedie]]\nrecipe = "soda-mask"\nper_week = 1\n')
    result = cli("validate", str(typo))
    assert result.exit_code == 1
    assert f"error: {typo}:4: remedie: unknown key (did you mean 'remedies'?)" in result.stderr


def test_a_routine_beside_recipes_does_not_break_the_recipe_folder(cli, tmp_path: Path) -> None:
    shutil.copy(DATA / "good-recipes" / "nettle-wipe.toml", tmp_path)
    (tmp_path / "mine.toml").write_text(
        'title = "Mine"\n\n[[remedies]]\nrecipe = "nettle-wipe"\nper_week = 2\n'
    )
    listed = cli("--recipes", str(tmp_path), "recipes", "list")
    assert listed.exit_code == 0, listed.stderr
    assert "nettle-wipe" in listed.stdout
    checked = cli("validate", str(tmp_path))
    assert checked.exit_code == 0, checked.stderr
    assert checked.stdout.endswith("\n2 files valid\n")


def test_missing_recipes_folder_is_bad_usage(cli, tmp_path: Path) -> None:
    result = cli("--recipes", str(tmp_path / "nope"), "recipes", "list")
    assert result.exit_code == 2


def test_validate_flags_wishes_above_the_recipe_limits(cli, tmp_path: Path) -> None:
    over = tmp_path / "over.toml"
    over.write_text(
        'title = "Over"\n\n[[remedies]]\nrecipe = "soda-mask"\nper_week = 3\n\n'
        '[[remedies]]\nrecipe = "calendula-wipe"\nper_day = 3\n'
    )
    result = cli("validate", str(over))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"error: {over}:5: remedies[1].per_week: 3 sessions a week is above")
    assert lines[1].startswith(
        f"error: {over}:9: remedies[2].per_day: 3 is above the recipe's limit of 2"
    )


def test_unwritable_output_is_a_clean_error(cli, tmp_path: Path) -> None:
    result = cli("plan", "--start", "2026-11-30", "--out", "/proc")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: cannot write /proc/back-care.json")


def test_parsed_recipes_are_cached_and_a_changed_file_is_read_again(cli, tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    shutil.copy(DATA / "good-recipes" / "nettle-wipe.toml", mine)
    first = cli("--recipes", str(mine), "recipes", "show", "nettle-wipe")
    assert first.exit_code == 0
    cache = tmp_path / "cache" / "remedy-planner" / "recipes.cache"
    assert cache.is_file()
    path = mine / "nettle-wipe.toml"
    path.write_text(path.read_text().replace('name = "Nettle wipe"', 'name = "Nettle rinse!"'))
    second = cli("--recipes", str(mine), "recipes", "show", "nettle-wipe")
    assert "Nettle rinse!" in second.stdout
    path.write_text(path.read_text().replace('kind = "wipe"', 'kind = "wpie"'))
    broken = cli("--recipes", str(mine), "recipes", "show", "nettle-wipe")
    assert broken.exit_code == 1
    assert broken.stderr.startswith(f"warning: {path}:3: kind: must be one of")
    assert f"error: {path}:3: kind: must be one of" in broken.stderr


def test_a_corrupt_cache_is_ignored(cli, tmp_path: Path) -> None:
    cache = tmp_path / "cache" / "remedy-planner" / "recipes.cache"
    cache.parent.mkdir(parents=True)
    cache.write_bytes(b"\x80\x04not marshal data")
    result = cli("recipes", "list")
    assert result.exit_code == 0 and "soda-mask" in result.stdout


def test_control_characters_in_recipe_text_are_dropped(cli, tmp_path: Path) -> None:
    text = (DATA / "good-recipes" / "nettle-wipe.toml").read_text()
    text = text.replace('name = "Nettle wipe"', 'name = "Nettle\\u0007 wipe\\u001b[31m"')
    (tmp_path / "nettle-wipe.toml").write_text(text)
    result = cli("--recipes", str(tmp_path), "recipes", "show", "nettle-wipe")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Nettle wipe[31m (nettle-wipe)")
    assert not any(ord(c) < 32 and c != "\n" for c in result.stdout)


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["plan", "--start", "2026-11-31"], "error: --start: 2026-11-31 does not exist (no such day in that month)"),
        (["plan", "--start", "30.11.2026"], "error: --start: '30.11.2026' is not a date written YYYY-MM-DD"),
        (["plan", "--weeks", "0"], "error: --weeks: 0 is not in the range 1 to 520."),
        (["plan", "--weeks", "abc"], "error: --weeks: 'abc' is not a whole number"),
        (["recipes", "list", "--format", "x"], "error: --format: 'x' is not one of 'text', 'json'."),
        (["plan", "--bogus"], "error: no such option --bogus (did you mean --out?)"),
        (["sync"], "error: --url is required"),
    ],
)  # fmt: skip
def test_usage_errors_are_one_line_with_the_option(cli, args: list[str], line: str) -> None:
    result = cli(*args)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [line]
    assert "Usage:" not in result.output


def test_help_and_no_arguments_still_show_the_help(cli) -> None:
    assert cli("plan", "--help").stdout.startswith("Usage: main plan [OPTIONS]")  # CliRunner's name
    bare = cli()
    assert bare.exit_code == 0 and bare.stdout.startswith("Usage: main [OPTIONS] COMMAND")
