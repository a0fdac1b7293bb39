from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.load.routine import builtin_routine_files, load_routine_file

from .libraries import builtin
from .plan_checker import check_plan, check_wishes_met


def test_plan_prints_weeks_and_writes_json(cli, tmp_path: Path) -> None:
    result = cli("plan", "--start", "2026-11-30", "--tz", "Europe/Berlin", "--out", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(
        "Back care\n2026-11-30 to 2026-12-27, 4 weeks, times in Europe/Berlin\n"
    )
    assert "Week 4" in result.stdout
    assert (
        max(len(line) for line in result.stdout.splitlines() if not line.startswith("wrote ")) <= 80
    )
    data = json.loads((tmp_path / "back-care.json").read_text())
    assert {
        "routine",
        "title",
        "start",
        "weeks",
        "timezone",
        "sessions",
        "excluded",
        "shortfalls",
    } <= set(data)
    assert data["timezone"] == "Europe/Berlin"
    first = data["sessions"][0]
    assert set(first) >= {"recipe", "name", "date", "start", "minutes"}
    routine = load_routine_file(builtin_routine_files()["back-care"], builtin())
    assert check_plan(data, builtin().recipes, routine) == []
    assert check_wishes_met(data, routine) == []


def test_existing_output_is_not_replaced_without_force(cli, tmp_path: Path) -> None:
    target = tmp_path / "back-care.json"
    target.write_text("mine")
    result = cli("plan", "--start", "2026-11-30", "--out", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {target} already exists; use --force to replace it"
    ]
    assert target.read_text() == "mine"
    forced = cli("plan", "--start", "2026-11-30", "--out", str(tmp_path), "--force")
    assert forced.exit_code == 0
    assert json.loads(target.read_text())["routine"] == "back-care"


def test_infeasible_routine_exits_1_with_one_line_per_problem(cli, tmp_path: Path) -> None:
    routine = tmp_path / "greedy.toml"
    routine.write_text(
        'title = "Too much"\nweeks = 2\n\n[[remedies]]\nrecipe = "soda-mask"\nper_week = 3\n'
    )
    result = cli("plan", str(routine), "--start", "2026-11-30", "--out", str(tmp_path))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("error: soda-mask: asked 3 a week, but at most 2 in any 7 days")
    assert (
        lines[-1]
        == "error: hint: --best-effort plans the 4 sessions that fit and lists what falls short"
    )
    assert not (tmp_path / "greedy.json").exists()
    best = cli(
        "plan", str(routine), "--start", "2026-11-30", "--out", str(tmp_path), "--best-effort"
    )
    assert best.exit_code == 0, best.stderr
    data = json.loads((tmp_path / "greedy.json").read_text())
    assert [f["recipe"] for f in data["shortfalls"]] == ["soda-mask"]
    assert data["shortfalls"][0]["asked"] == 6 and data["shortfalls"][0]["placed"] == 4
    assert "Falls short" in best.stdout


def test_condition_leaves_a_remedy_out_and_says_why(cli, tmp_path: Path) -> None:
    result = cli(
        "plan", "--start", "2026-11-30", "--condition", "open-pimples", "--out", str(tmp_path)
    )
    assert result.exit_code == 0, result.stderr
    assert "Left out:" in result.stdout and "open-pimples" in result.stdout
    data = json.loads((tmp_path / "back-care.json").read_text())
    assert data["excluded"][0]["recipe"] == "soda-mask"
    assert "soda-mask" not in {s["recipe"] for s in data["sessions"]}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["plan", "back-cair"], "error: unknown routine 'back-cair' (did you mean 'back-care'?)"),
        (
            ["plan", "--condition", "eczma"],
            "error: unknown condition 'eczma' (did you mean 'eczema'?)",
        ),
        (
            ["plan", "--tz", "Europe/Berln"],
            "error: --tz: unknown time zone 'Europe/Berln' (did you mean 'Europe/Berlin'?)",
        ),
    ],
)
def test_bad_usage_exits_2(cli, tmp_path: Path, args: list[str], message: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    result = cli(*args, "--out", str(out))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0].startswith(message)
    assert list(out.iterdir()) == []


def test_bad_start_date_is_usage_error(cli, tmp_path: Path) -> None:
    result = cli("plan", "--start", "2026-13-01", "--out", str(tmp_path))
    assert result.exit_code == 2
    assert "--start" in result.stderr


def test_a_missing_out_folder_is_created_with_its_parents(cli, tmp_path: Path) -> None:
    out = tmp_path / "plans" / "december"
    result = cli(
        "plan", "--start", "2026-11-30", "--out", str(out), "--no-xlsx", "--no-ics", "--no-pdf"
    )
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["back-care.json", "back-care.shopping.md"]
    assert f"created folder {out}\n" in result.stdout
    again = cli(
        "plan", "--start", "2026-11-30", "--out", str(out), "--no-xlsx", "--no-ics", "--no-pdf"
    )
    assert again.exit_code == 1  # an existing file still needs --force
    assert "created folder" not in again.stdout


def test_a_failed_plan_creates_no_folder(cli, tmp_path: Path) -> None:
    routine = tmp_path / "greedy.toml"
    routine.write_text('title = "T"\nweeks = 1\n[[remedies]]\nrecipe = "soda-mask"\nper_week = 5\n')
    result = cli("plan", str(routine), "--start", "2026-11-30", "--out", str(tmp_path / "a" / "b"))
    assert result.exit_code == 1
    assert not (tmp_path / "a").exists()


def test_out_naming_a_file_is_one_usage_line(cli, tmp_path: Path) -> None:
    (tmp_path / "afile.txt").write_text("x")
    result = cli("plan", "--out", str(tmp_path / "afile.txt"))
    assert (result.exit_code, result.stderr) == (
        2,
        f"error: --out: {tmp_path / 'afile.txt'} is a file, not a folder\n",
    )


def test_broken_routine_file_names_file_line_and_key(cli, tmp_path: Path) -> None:
    routine = tmp_path / "mine.toml"
    routine.write_text('title = "Mine"\n\n[[remedies]]\nrecipe = "soda-msk"\nper_week = 2\n')
    result = cli("plan", str(routine), "--out", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {routine}:4: remedies[1].recipe: unknown recipe 'soda-msk' (did you mean 'soda-mask'?)"
    ]


def test_same_inputs_give_the_same_file(cli, tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    for folder in (a, b):
        assert (
            cli(
                "plan",
                "acid-peel-course",
                "--start",
                "2026-11-30",
                "--tz",
                "UTC",
                "--out",
                str(folder),
            ).exit_code
            == 0
        )
    assert (a / "acid-peel-course.json").read_bytes() == (b / "acid-peel-course.json").read_bytes()


def test_routines_list_and_show(cli) -> None:
    listed = cli("routines", "list")
    assert listed.exit_code == 0
    for rid in ("back-care", "legs-hair-removal", "acid-peel-course"):
        assert rid in listed.stdout
    shown = cli("routines", "show", "legs-hair-removal")
    assert shown.exit_code == 0
    assert "Hair removal" in shown.stdout and "around its event" in shown.stdout
    as_json = json.loads(cli("routines", "show", "back-care", "--format", "json").stdout)
    assert as_json["remedies"][0] == {
        "recipe": "soda-mask",
        "per_week": 2,
        "per_day": None,
        "days": ["mon", "thu"],
        "times": [],
    }


def test_validate_checks_routine_files(cli, tmp_path: Path) -> None:
    from planner.load.library import builtin_dir

    ok = cli("validate", str(builtin_dir("templates")))
    assert ok.exit_code == 0, ok.stderr
    bad = tmp_path / "r.toml"
    bad.write_text('title = "R"\nweks = 3\n\n[[remedies]]\nrecipe = "soda-mask"\nper_week = 9\n')
    result = cli("validate", str(bad))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {bad}:2: weks: unknown key (did you mean 'weeks'?)",
        f"error: {bad}:6: remedies[1].per_week: must be between 1 and 7, not 9",
    ]


def test_plan_writes_the_workbook_unless_told_not_to(cli, tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    assert cli("plan", "--start", "2026-11-30", "--out", str(a)).exit_code == 0
    assert (a / "back-care.xlsx").read_bytes()[:2] == b"PK"
    assert cli("plan", "--start", "2026-11-30", "--out", str(b), "--no-xlsx").exit_code == 0
    assert not (b / "back-care.xlsx").exists()


def test_existing_workbook_blocks_every_output(cli, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "back-care.xlsx").write_bytes(b"my own workbook")
    result = cli("plan", "--start", "2026-11-30", "--out", str(out))
    assert result.exit_code == 1
    assert "back-care.xlsx already exists" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["back-care.xlsx"]
    assert (out / "back-care.xlsx").read_bytes() == b"my own workbook"


def test_an_interrupted_write_leaves_the_old_file(tmp_path: Path, monkeypatch) -> None:
    import os

    from planner.disk.atomic import write_file

    target = tmp_path / "plan.xlsx"
    target.write_bytes(b"old")

    def boom(*_args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(KeyboardInterrupt):
        write_file(target, b"new", force=True)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.xlsx"]


def test_plan_writes_the_calendar_file_with_its_options(cli, tmp_path: Path) -> None:
    result = cli("plan", "--start", "2026-11-30", "--tz", "Europe/Berlin", "--out", str(tmp_path),
                 "--remind", "1h", "--no-recurrence", "--no-xlsx")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    text = (tmp_path / "back-care.ics").read_text()
    assert "TRIGGER:-PT1H" in text and "RRULE:FREQ=DAILY" not in text
    assert "DTSTART;TZID=Europe/Berlin:20261130T071500" in text
    skipped = tmp_path / "skip"
    skipped.mkdir()
    assert cli("plan", "--out", str(skipped), "--no-ics").exit_code == 0
    assert not (skipped / "back-care.ics").exists()


def test_bad_reminder_is_bad_usage(cli, tmp_path: Path) -> None:
    result = cli("plan", "--remind", "soon", "--out", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr.startswith("error: --remind: 'soon' is not a time")


def test_force_replaces_a_symlink_itself_and_refuses_devices(tmp_path: Path) -> None:
    from planner.disk.atomic import write_file
    from planner.errors import UsageError

    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    write_file(link, b"new", force=True)
    assert not link.is_symlink() and link.read_text() == "new"
    assert real.read_text() == "old"
    with pytest.raises(UsageError, match="not a regular file"):
        write_file(Path("/dev/null"), b"x", force=True)
