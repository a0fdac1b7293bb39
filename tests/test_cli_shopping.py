from __future__ import annotations

import json
from pathlib import Path


def test_shopping_text_by_default_on_stdout(cli) -> None:
    result = cli("shopping", "back-care", "--start", "2026-11-30")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Shopping list: Back care, 2026-11-30 to 2026-12-27\n")
    assert "GROCERY" in result.stdout and "[ ] baking soda" in result.stdout
    assert all(len(line) <= 80 for line in result.stdout.splitlines())


def test_shopping_json_to_file_and_no_overwrite(cli, tmp_path: Path) -> None:
    out = tmp_path / "list.json"
    result = cli("shopping", "--start", "2026-11-30", "--format", "json", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    data = json.loads(out.read_text())
    soda = next(i for i in data["items"] if i["item"] == "baking soda")
    assert (soda["quantity"], soda["unit"], soda["packages"]) == (108.0, "g", 1)
    again = cli("shopping", "--start", "2026-11-30", "--format", "json", "-o", str(out))
    assert again.exit_code == 1
    assert again.stderr == f"error: {out} already exists; use --force to replace it\n"


def test_shopping_with_pantry_file(cli, tmp_path: Path) -> None:
    have = tmp_path / "have.toml"
    have.write_text('"baking soda" = "1 kg"\nsoap = "some"\n')
    result = cli("shopping", "--start", "2026-11-30", "--have", str(have), "--format", "md")
    assert result.exit_code == 0, result.stderr
    assert "## On hand" in result.stdout
    assert "- [x] baking soda" in result.stdout and "- [x] soap" in result.stdout


def test_bad_pantry_exits_1_and_writes_nothing(cli, tmp_path: Path) -> None:
    have = tmp_path / "have.toml"
    have.write_text('"baking soda" = "-1 g"\n')
    out = tmp_path / "out"
    out.mkdir()
    result = cli("plan", "--start", "2026-11-30", "--have", str(have), "--out", str(out))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"error: {have}:1: baking soda: '-1 g': amounts must be greater than zero"
    )
    assert list(out.iterdir()) == []


def test_plan_writes_the_shopping_list_and_prints_its_totals(cli, tmp_path: Path) -> None:
    result = cli("plan", "--start", "2026-11-30", "--out", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    md = (tmp_path / "back-care.shopping.md").read_text()
    assert md.startswith("# Shopping list: Back care")
    assert (
        "Shopping: 7 items to buy (3 pharmacy, 2 drugstore, 2 grocery), 9 packages" in result.stdout
    )


def test_no_packages_and_us_units(cli) -> None:
    result = cli(
        "shopping", "--start", "2026-11-30", "--no-packages", "--units", "us", "--format", "json"
    )
    data = json.loads(result.stdout)
    soda = next(i for i in data["items"] if i["item"] == "baking soda")
    assert soda["packages"] is None and soda["unit"] == "oz"
    assert data["units"] == "us"


def test_a_pantry_item_not_on_the_list_gets_a_notice(cli, tmp_path: Path) -> None:
    have = tmp_path / "have.toml"
    have.write_text('"baking sodaa" = "100 g"\n')
    result = cli("shopping", "--start", "2026-11-30", "--have", str(have))
    assert result.exit_code == 0
    assert result.stderr.strip() == (
        f"notice: {have}:1: 'baking sodaa' is not on the list (did you mean 'baking soda'?)"
    )
