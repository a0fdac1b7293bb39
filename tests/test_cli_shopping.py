from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest


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


# ---- -o FILE: the extension names the format unless --format does ------------------


def _written(cli, tmp_path: Path, name: str, *extra: str):
    out = tmp_path / name
    result = cli("shopping", "back-care", "--start", "2026-11-30", "-o", str(out), *extra)
    return result, out


@pytest.mark.parametrize("name", ["list.json", "LIST.JSON"])
def test_a_json_extension_writes_json(cli, tmp_path: Path, name: str) -> None:
    result, out = _written(cli, tmp_path, name)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", f"wrote {out}\n")
    data = json.loads(out.read_text())
    assert data["routine"] == "back-care" and data["units"] == "metric"


def test_a_csv_extension_writes_csv(cli, tmp_path: Path) -> None:
    result, out = _written(cli, tmp_path, "list.csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text(), newline="")))
    soda = next(r for r in rows if r["item"] == "baking soda")
    assert (soda["quantity"], soda["unit"], soda["package_size"]) == ("108.0", "g", "500 g")


@pytest.mark.parametrize(
    ("name", "first_line"),
    [
        ("list.md", "# Shopping list: Back care, 2026-11-30 to 2026-12-27"),
        ("list.txt", "Shopping list: Back care, 2026-11-30 to 2026-12-27"),
        ("list.out", "Shopping list: Back care, 2026-11-30 to 2026-12-27"),  # unknown: text
        ("list", "Shopping list: Back care, 2026-11-30 to 2026-12-27"),
    ],
)
def test_md_txt_and_unknown_extensions(cli, tmp_path: Path, name: str, first_line: str) -> None:
    result, out = _written(cli, tmp_path, name)
    assert result.exit_code == 0, result.stderr
    assert out.read_text().splitlines()[0] == first_line


def test_format_wins_over_an_extension_that_names_no_format(cli, tmp_path: Path) -> None:
    result, out = _written(cli, tmp_path, "list.out", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(out.read_text())["routine"] == "back-care"
    same, out = _written(cli, tmp_path, "list.md", "--format", "md")
    assert same.exit_code == 0 and out.read_text().startswith("# Shopping list")


@pytest.mark.parametrize(
    ("name", "fmt", "said"),
    [("list.json", "md", "json"), ("list.txt", "csv", "text"), ("list.csv", "text", "csv")],
)
def test_format_and_extension_that_disagree_is_one_usage_error(
    cli, tmp_path: Path, name: str, fmt: str, said: str
) -> None:
    result, out = _written(cli, tmp_path, name, "--format", fmt)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"error: -o {out}: the extension says {said} but --format says {fmt}\n"
    )
    assert not out.exists()


def test_format_without_o_still_prints_and_help_names_the_default(cli) -> None:
    result = cli("shopping", "back-care", "--start", "2026-11-30", "--format", "csv")
    assert result.stdout.startswith("section,item,status,")
    helped = cli("shopping", "--help")
    assert "extension chooses it. [default: text]" in " ".join(helped.stdout.split())
