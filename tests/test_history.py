"""The history of sessions really done: `done`, `done --undo`, the file and its errors.

Expected lines are written from the rules, by hand. Dates are in the past (Mon 1 Dec
2025 ...), so that no "in the future" notice comes or goes with the real date.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from planner.core.done import Done
from planner.errors import DataError, WriteError
from planner.history.store import append_done, history_file, history_json, read_history, undo_done

from .clock import PINNED_TODAY

DEC = dt.date(2025, 12, 1)  # a Monday
SODA_WEEK = "(source: No more than a couple of times a week.)"
SODA_APART = "(default: Two sessions a week, kept 3 to 4 days apart so the dried skin recovers.)"


def _day(n: int) -> str:
    """ "2025-12-0n"."""
    return (DEC + dt.timedelta(days=n - 1)).isoformat()


# ---- where the history lives ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("platform", "env", "wanted"),
    [
        ("linux", {"XDG_DATA_HOME": "/data"}, "/data/remedy-planner/history.json"),
        ("linux", {}, "/home/ann/.local/share/remedy-planner/history.json"),
        ("linux", {"XDG_DATA_HOME": ""}, "/home/ann/.local/share/remedy-planner/history.json"),
        # The XDG rule: a relative path is invalid and is ignored.
        ("linux", {"XDG_DATA_HOME": "data"}, "/home/ann/.local/share/remedy-planner/history.json"),
        ("darwin", {"XDG_DATA_HOME": "/data"},
         "/home/ann/Library/Application Support/remedy-planner/history.json"),
        ("win32", {"LOCALAPPDATA": "/users/ann/local"},
         "/users/ann/local/remedy-planner/history.json"),
    ],
)  # fmt: skip
def test_the_history_lives_in_the_data_folder(platform, env, wanted) -> None:
    assert history_file(platform, env, "/home/ann") == Path(wanted)


def test_done_without_history_uses_the_data_folder(cli, tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = cli("done", "soda-mask", "--date", _day(1), env={"XDG_DATA_HOME": str(data)})
    assert result.exit_code == 0, result.stderr
    path = data / "remedy-planner" / "history.json"
    assert result.stdout == (
        f"recorded: Baking-soda mask (soda-mask) on Mon 1 Dec 2025 in {path}\n"
    )
    assert read_history(path) == (Done("soda-mask", DEC),)


# ---- recording and reading back ------------------------------------------------------------


def test_done_twice_with_the_same_remedy_day_and_time_records_it_once(cli, tmp_path) -> None:
    path = tmp_path / "history.json"
    args = ("done", "soda-mask", "--date", _day(5), "--time", "20:15", "--history", str(path))
    assert cli(*args).exit_code == 0
    text = path.read_text()
    again = cli(*args)  # the up-arrow
    assert (again.exit_code, again.stderr) == (0, "")
    assert again.stdout == (
        "already recorded: Baking-soda mask (soda-mask) on Fri 5 Dec 2025 at 20:15 in "
        f"{path} (from the done command)\n"
    )
    assert path.read_text() == text
    # Another time of the same day is another session.
    other = cli("done", "soda-mask", "--date", _day(5), "--time", "08:00", "--history", str(path))
    assert other.stdout.startswith("recorded: ")
    assert len(read_history(path)) == 2


def test_done_twice_without_a_time_says_how_to_record_a_second_session(cli, tmp_path) -> None:
    path = tmp_path / "history.json"
    args = ("done", "calendula-wipe", "--date", _day(5), "--history", str(path))
    assert cli(*args).exit_code == 0
    again = cli(*args)
    assert again.stdout == (
        f"already recorded: Calendula wipe (calendula-wipe) on Fri 5 Dec 2025 in {path} (from "
        "the done command); give --time to record another one that day\n"
    )
    assert len(read_history(path)) == 1


def test_done_after_the_same_session_was_ticked_on_the_phone_says_so(cli, tmp_path) -> None:
    path = tmp_path / "history.json"
    path.write_text(json.dumps([{"recipe": "soda-mask", "date": "2025-12-05", "time": "20:15",
                                 "source": "calendar", "task": "t@remedy-planner"}]))  # fmt: skip
    result = cli("done", "soda-mask", "--date", _day(5), "--time", "20:15", "--history", str(path))
    assert result.stdout.endswith("(from a task ticked on the phone)\n")
    assert len(read_history(path)) == 1


def test_a_first_session_is_recorded_with_folders_made(cli, tmp_path: Path) -> None:
    path = tmp_path / "new" / "deeper" / "history.json"
    result = cli("done", "soda-mask", "--date", _day(5), "--time", "20:15", "--history", str(path))
    assert result.exit_code == 0
    assert result.stdout == (
        f"recorded: Baking-soda mask (soda-mask) on Fri 5 Dec 2025 at 20:15 in {path}\n"
    )
    assert result.stderr == ""
    assert path.read_text() == (
        '[\n  {"recipe": "soda-mask", "date": "2025-12-05", "time": "20:15", "source": "done"}\n]\n'
    )
    assert read_history(path) == (Done("soda-mask", dt.date(2025, 12, 5), 20 * 60 + 15),)


def test_the_date_defaults_to_today(cli, tmp_path: Path) -> None:
    path = tmp_path / "history.json"
    result = cli("done", "calendula-wipe", "--history", str(path))
    assert result.exit_code == 0, result.stderr
    (found,) = read_history(path)
    assert found.recipe == "calendula-wipe" and found.time is None
    assert found.date == PINNED_TODAY


def test_the_file_stays_sorted_one_record_a_line(tmp_path: Path) -> None:
    path = tmp_path / "history.json"
    sessions = [
        Done("soda-mask", dt.date(2025, 12, 4), 20 * 60),
        Done("calendula-wipe", dt.date(2025, 12, 1), 21 * 60),
        Done("calendula-wipe", dt.date(2025, 12, 4), 7 * 60),
        Done("soda-mask", dt.date(2025, 12, 1)),
        Done("calendula-wipe", dt.date(2025, 12, 1), 7 * 60, source="back-care.xlsx"),
        Done("peroxide-spot", dt.date(2025, 12, 1), 21 * 60),
    ]
    for session in sessions:
        append_done(path, session)
    lines = path.read_text().splitlines()
    assert lines == [
        "[",
        '  {"recipe": "soda-mask", "date": "2025-12-01", "time": null, "source": "done"},',
        '  {"recipe": "calendula-wipe", "date": "2025-12-01", "time": "07:00", '
        '"source": "back-care.xlsx"},',
        '  {"recipe": "calendula-wipe", "date": "2025-12-01", "time": "21:00", "source": "done"},',
        '  {"recipe": "peroxide-spot", "date": "2025-12-01", "time": "21:00", "source": "done"},',
        '  {"recipe": "calendula-wipe", "date": "2025-12-04", "time": "07:00", "source": "done"},',
        '  {"recipe": "soda-mask", "date": "2025-12-04", "time": "20:00", "source": "done"}',
        "]",
    ]
    assert sorted(read_history(path), key=repr) == sorted(sessions, key=repr)
    assert history_json(list(read_history(path))) == path.read_text()  # already in order


def test_a_file_written_by_hand_is_read(tmp_path: Path) -> None:
    path = tmp_path / "history.json"
    path.write_text(
        '\ufeff[{"recipe": "soda-mask", "date": "2025-12-04"},\n'
        ' {"date": "2025-12-01", "recipe": "peroxide-spot", "time": "7:05", "source": "mine.xlsx"}]'
    )
    assert read_history(path) == (
        Done("soda-mask", dt.date(2025, 12, 4)),
        Done("peroxide-spot", dt.date(2025, 12, 1), 7 * 60 + 5, "mine.xlsx"),
    )


@pytest.mark.parametrize("text", [None, "", "  \n", "[]", "[\n]\n"])
def test_a_missing_or_empty_file_is_an_empty_history(tmp_path: Path, text: str | None) -> None:
    path = tmp_path / "history.json"
    if text is not None:
        path.write_text(text)
    assert read_history(path) == ()


def test_the_file_keeps_its_permissions(cli, tmp_path: Path) -> None:
    path = tmp_path / "history.json"
    path.write_text("[]\n")
    path.chmod(0o600)
    assert cli("done", "peroxide-spot", "--date", _day(1), "--history", str(path)).exit_code == 0
    assert path.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["history.json", "xdg-config"]


# ---- limits ---------------------------------------------------------------------------------


def _done(cli, path: Path, recipe: str, day: int, *more: str):
    return cli("done", recipe, "--date", _day(day), "--history", str(path), *more)


def test_a_third_soda_mask_in_7_days_is_recorded_with_a_warning(cli, tmp_path: Path) -> None:
    path = tmp_path / "history.json"
    for day in (1, 4):  # 3 days apart: within every limit
        ok = _done(cli, path, "soda-mask", day)
        assert (ok.exit_code, ok.stderr) == (0, "")
    third = _done(cli, path, "soda-mask", 6, "--time", "20:00")
    assert third.exit_code == 0
    assert third.stdout == (
        f"recorded: Baking-soda mask (soda-mask) on Sat 6 Dec 2025 at 20:00 in {path}\n"
    )
    # 4 Dec to 6 Dec also breaks "3 days apart": one warning, the weekly limit first.
    assert third.stderr == (
        f"warning: 3 Baking-soda mask sessions in the 7 days to Sat 6 Dec; at most 2 {SODA_WEEK}\n"
    )
    assert [d.date.day for d in read_history(path)] == [1, 4, 6]


def test_the_7_days_are_any_7_not_a_calendar_week(cli, tmp_path: Path) -> None:
    path = tmp_path / "history.json"
    for day in (3, 6):  # Wed, Sat
        assert _done(cli, path, "soda-mask", day).stderr == ""
    # Tue of the next calendar week, 3 days after Sat: a new week, but the third in 7 days.
    late = _done(cli, path, "soda-mask", 9)
    assert late.stderr == (
        f"warning: 3 Baking-soda mask sessions in the 7 days to Tue 9 Dec; at most 2 {SODA_WEEK}\n"
    )


def test_a_session_put_between_two_names_the_fullest_7_days(cli, tmp_path: Path) -> None:
    path = tmp_path / "history.json"
    for day in (1, 7):
        assert _done(cli, path, "soda-mask", day).stderr == ""
    between = _done(cli, path, "soda-mask", 4)
    assert between.stderr == (
        f"warning: 3 Baking-soda mask sessions in the 7 days to Sun 7 Dec; at most 2 {SODA_WEEK}\n"
    )


def test_two_soda_masks_too_close_together(cli, tmp_path: Path) -> None:
    path = tmp_path / "history.json"
    _done(cli, path, "soda-mask", 1)
    close = _done(cli, path, "soda-mask", 3)
    assert close.exit_code == 0
    assert close.stderr == (
        "warning: Baking-soda mask on Mon 1 Dec and Wed 3 Dec, 2 days apart; at least 3 "
        f"{SODA_APART}\n"
    )


def test_a_third_calendula_wipe_in_a_day(cli, tmp_path: Path) -> None:
    path = tmp_path / "history.json"
    for clock in ("07:00", "21:00"):
        assert _done(cli, path, "calendula-wipe", 2, "--time", clock).stderr == ""
    third = _done(cli, path, "calendula-wipe", 2, "--time", "13:00")
    assert third.exit_code == 0
    assert third.stderr == (
        "warning: 3 Calendula wipe sessions on Tue 2 Dec; at most 2 a day (source: The article "
        "has the pimples wiped with the infusion two times a day.)\n"
    )


def test_a_limit_broken_long_ago_is_not_named_again(cli, tmp_path: Path) -> None:
    path = tmp_path / "history.json"
    for day in (1, 2, 3):
        _done(cli, path, "soda-mask", day)
    later = _done(cli, path, "soda-mask", 20)
    assert (later.exit_code, later.stderr) == (0, "")


def test_other_recipes_do_not_count(cli, tmp_path: Path) -> None:
    path = tmp_path / "history.json"
    for day, recipe in (
        (1, "soda-mask"),
        (2, "peroxide-spot"),
        (3, "peroxide-spot"),
        (5, "soda-mask"),
    ):
        assert _done(cli, path, recipe, day).stderr == ""


def test_a_future_date_is_recorded_with_a_notice(cli, tmp_path: Path) -> None:
    path = tmp_path / "history.json"
    result = cli("done", "peroxide-spot", "--date", "2999-01-01", "--history", str(path))
    assert result.exit_code == 0
    assert result.stderr == "notice: 2999-01-01 is in the future\n"
    assert read_history(path) == (Done("peroxide-spot", dt.date(2999, 1, 1)),)


# ---- taking a session back ------------------------------------------------------------------


def test_undo_takes_back_the_last_session_of_that_recipe(cli, tmp_path: Path) -> None:
    path = tmp_path / "history.json"
    _done(cli, path, "soda-mask", 1, "--time", "20:00")
    _done(cli, path, "soda-mask", 5, "--time", "20:15")
    _done(cli, path, "peroxide-spot", 6)
    result = cli("done", "soda-mask", "--undo", "--history", str(path))
    assert result.exit_code == 0
    assert result.stdout == (
        f"removed: Baking-soda mask (soda-mask) on Fri 5 Dec 2025 at 20:15 from {path}\n"
    )
    assert result.stderr == ""
    assert read_history(path) == (
        Done("soda-mask", DEC, 20 * 60),
        Done("peroxide-spot", dt.date(2025, 12, 6)),
    )


def test_undo_with_a_date_takes_back_that_days_last(cli, tmp_path: Path) -> None:
    path = tmp_path / "history.json"
    for clock in ("07:00", "21:00"):
        _done(cli, path, "calendula-wipe", 1, "--time", clock)
    _done(cli, path, "calendula-wipe", 2, "--time", "07:00")
    result = _done(cli, path, "calendula-wipe", 1, "--undo")
    assert result.stdout == (
        f"removed: Calendula wipe (calendula-wipe) on Mon 1 Dec 2025 at 21:00 from {path}\n"
    )
    assert [(d.date.day, d.time) for d in read_history(path)] == [(1, 7 * 60), (2, 7 * 60)]


def test_undo_with_nothing_to_remove_changes_nothing(cli, tmp_path: Path) -> None:
    path = tmp_path / "history.json"
    _done(cli, path, "peroxide-spot", 1)
    before = path.read_bytes()
    result = cli("done", "soda-mask", "--undo", "--history", str(path))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "error: no recorded session of soda-mask to remove\n"
    on_day = _done(cli, path, "peroxide-spot", 2, "--undo")
    assert on_day.exit_code == 1
    assert on_day.stderr == "error: no recorded session of peroxide-spot on 2025-12-02 to remove\n"
    assert path.read_bytes() == before
    nowhere = tmp_path / "no" / "such" / "history.json"
    missing = cli("done", "peroxide-spot", "--undo", "--history", str(nowhere))
    assert missing.exit_code == 1
    assert not (tmp_path / "no").exists()


def test_undo_of_a_recipe_no_longer_in_the_library(tmp_path: Path, cli) -> None:
    path = tmp_path / "history.json"
    append_done(path, Done("old-remedy", DEC))
    result = cli("done", "old-remedy", "--undo", "--history", str(path))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"removed: old-remedy (old-remedy) on Mon 1 Dec 2025 from {path}\n"
    assert read_history(path) == ()


def test_library_functions_without_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "h" / "history.json"
    assert undo_done(path, "peroxide-spot") is None and not path.parent.exists()
    append_done(path, Done("peroxide-spot", DEC))
    append_done(path, Done("peroxide-spot", DEC, 60))
    assert undo_done(path, "peroxide-spot", dt.date(2025, 12, 2)) is None
    assert undo_done(path, "peroxide-spot") == Done("peroxide-spot", DEC, 60)
    assert undo_done(path, "peroxide-spot", DEC) == Done("peroxide-spot", DEC)
    assert undo_done(path, "peroxide-spot") is None
    assert path.read_text() == "[]\n"


# ---- wrong names and values on the command line ---------------------------------------------


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["done", "soda-mak"], "error: unknown recipe 'soda-mak' (did you mean 'soda-mask'?); "
         "'remedy-planner recipes list' shows them all"),
        (["done", "soda-mak", "--undo"], "error: unknown recipe 'soda-mak' (did you mean "
         "'soda-mask'?); 'remedy-planner recipes list' shows them all"),
        (["done", "peroxide-spot", "--date", "2025-11-31"],
         "error: --date: 2025-11-31 does not exist (no such day in that month)"),
        (["done", "peroxide-spot", "--date", "9999-12-30"],
         "error: --date: 9999-12-30: choose a date between 1900 and 9000"),
        (["done", "peroxide-spot", "--date", "1.12.2025"],
         "error: --date: '1.12.2025' is not a date written YYYY-MM-DD"),
        (["done", "peroxide-spot", "--time", "24:00"], "error: --time: '24:00' is not a time written HH:MM"),
        (["done", "peroxide-spot", "--time", "8pm"], "error: --time: '8pm' is not a time written HH:MM"),
        (["done"], "error: RECIPE is required"),
    ],
)  # fmt: skip
def test_bad_usage_is_one_line_and_writes_nothing(cli, tmp_path: Path, args, line) -> None:
    path = tmp_path / "history.json"
    result = cli(*args, "--history", str(path))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [line]
    assert not path.exists()


# ---- broken files ---------------------------------------------------------------------------


GOOD = '  {"recipe": "soda-mask", "date": "2025-12-01", "time": null, "source": "done"}'


def _broken(cli, tmp_path: Path, text: str) -> tuple[Path, list[str]]:
    """The error lines of `done` on a history holding ``text``; the file must stay as it was."""
    path = tmp_path / "history.json"
    path.write_text(text)
    result = cli("done", "peroxide-spot", "--date", _day(2), "--history", str(path))
    assert (result.exit_code, result.stdout) == (1, "")
    assert path.read_text() == text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["history.json", "xdg-config"]
    return path, result.stderr.splitlines()


def test_bad_json_names_its_line(cli, tmp_path: Path) -> None:
    path, lines = _broken(cli, tmp_path, f"[\n{GOOD},\n{GOOD}\n  {{}}\n]\n")
    assert lines == [f"error: {path}:4:3: not JSON: Expecting ',' delimiter"]


def test_a_bad_date_names_line_and_field(cli, tmp_path: Path) -> None:
    bad = GOOD.replace("2025-12-01", "2026-13-01")
    path, lines = _broken(cli, tmp_path, f"[\n{GOOD},\n{bad}\n]\n")
    assert lines == [f"error: {path}:3: [2].date: '2026-13-01' is not a date written YYYY-MM-DD"]


def test_a_date_out_of_the_years_a_plan_may_have_names_line_and_field(cli, tmp_path) -> None:
    bad = GOOD.replace("2025-12-01", "9999-12-30")
    path, lines = _broken(cli, tmp_path, f"[\n{GOOD},\n{bad}\n]\n")
    assert lines == [
        f"error: {path}:3: [2].date: '9999-12-30' is not between the years 1900 and 9000"
    ]


def test_every_problem_is_named_at_its_own_line(cli, tmp_path: Path) -> None:
    text = (
        "[\n"
        f"{GOOD},\n"
        '  {"recipe": "soda-mask",\n'
        '   "dte": "2025-12-02",\n'
        '   "time": "25:00",\n'
        '   "source": 7},\n'
        '  {"recipe": "Soda Mask", "date": 20251203},\n'
        '  "soda-mask",\n'
        '  {"recipe": "peroxide-spot", "date": "2025-12-04", "date": "2025-12-05"}\n'
        "]\n"
    )
    path, lines = _broken(cli, tmp_path, text)
    assert lines == [
        f"error: {path}:3: [2].date: is required",
        f"error: {path}:4: [2].dte: unknown key (did you mean 'date'?)",
        f"error: {path}:5: [2].time: '25:00' is not a time written HH:MM",
        f"error: {path}:6: [2].source: must be text, not a number",
        f"error: {path}:7: [3].recipe: 'Soda Mask' is not a recipe id (lower-case letters, "
        "digits, -)",
        f"error: {path}:7: [3].date: a number is not a date written YYYY-MM-DD",
        f'error: {path}:8: [4]: must be an object like {{"recipe": ..., "date": ...}}, not text',
        f"error: {path}:9: [5].date: is given twice",
    ]


def test_not_a_list(cli, tmp_path: Path) -> None:
    path, lines = _broken(cli, tmp_path, '\n{"recipe": "peroxide-spot", "date": "2025-12-01"}\n')
    assert lines == [f"error: {path}:2: must be a list of records, not an object"]


def test_deep_nesting_and_long_numbers_are_clean_errors(cli, tmp_path: Path) -> None:
    path, lines = _broken(cli, tmp_path, "[" * 100_000 + "]" * 100_000)
    assert lines == [f"error: {path}: nested too deeply to read"]
    path, lines = _broken(cli, tmp_path, "[" + "9" * 5000 + "]")
    assert lines == [f"error: {path}: a number too long to read"]


def test_a_file_over_the_size_cap_is_refused_unread(cli, tmp_path: Path) -> None:
    path, lines = _broken(cli, tmp_path, "[" + " " * 1_000_001 + "]")
    assert lines == [f"error: {path}: file is larger than 1000 kB"]


def test_a_history_that_would_outgrow_the_cap_is_not_written(tmp_path: Path) -> None:
    path = tmp_path / "history.json"
    full = [Done("calendula-wipe", DEC)] * 11_627
    text = history_json(full)
    assert len(text) <= 1_000_000 < len(history_json([*full, full[0]]))
    path.write_text(text)
    assert len(read_history(path)) == len(full)  # the fullest file that can be read
    with pytest.raises(WriteError, match=r"the history would be larger than 1000 kB"):
        append_done(path, Done("calendula-wipe", DEC, 9 * 60))
    assert path.read_text() == text


def test_a_fifo_is_refused_without_waiting(cli, tmp_path: Path) -> None:
    path = tmp_path / "history.json"
    os.mkfifo(path)
    result = cli("done", "peroxide-spot", "--history", str(path))
    assert result.exit_code == 1
    assert result.stderr == f"error: {path}: cannot read: it is a FIFO (named pipe), not a file\n"
    with pytest.raises(DataError):
        read_history(path)


@pytest.mark.parametrize("undo", [False, True])
def test_a_link_at_the_history_is_refused_and_its_target_untouched(
    cli, tmp_path: Path, undo: bool
) -> None:
    target = tmp_path / "elsewhere.json"
    target.write_text(f"[\n{GOOD}\n]\n")
    link = tmp_path / "history.json"
    link.symlink_to(target)
    args = ["done", "soda-mask", "--history", str(link)] + (["--undo"] if undo else [])
    result = cli(*args)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"error: {link} is a link, and the history is never written through a link; "
        "remove it or name the file it points to\n"
    )
    assert target.read_text() == f"[\n{GOOD}\n]\n"
    assert link.is_symlink()
    # Reading through the link is harmless: a plan may read such a history.
    assert read_history(link) == (Done("soda-mask", DEC),)


def test_a_folder_at_the_history_is_refused(cli, tmp_path: Path) -> None:
    result = cli("done", "peroxide-spot", "--history", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr == f"error: {tmp_path}: cannot read: it is a folder, not a file\n"


# ---- two runs at once -----------------------------------------------------------------------

# Both runs import everything first and then wait for one signal, so that they reach the
# history at the same moment; after that it is exactly `python -m planner done ...`.
LAUNCH = """
import os, runpy, sys, time
import planner.cli, planner.history.store, planner.view.describe, planner.load.library
go = sys.argv[1]
while not os.path.exists(go):
    time.sleep(0.0002)
sys.argv = ["remedy-planner", *sys.argv[2:]]
runpy.run_module("planner", run_name="__main__")
"""

PAIRS = [
    (("soda-mask", 1), ("calendula-wipe", 1)),
    (("peroxide-spot", 2), ("calendula-wipe", 2)),
    (("calendula-wipe", 3), ("calendula-wipe", 3)),
    (("soda-mask", 4), ("peroxide-spot", 5)),
    (("calendula-wipe", 6), ("soda-mask", 6)),
    (("peroxide-spot", 9), ("calendula-wipe", 7)),
    (("calendula-wipe", 8), ("calendula-wipe", 8)),
    (("soda-mask", 8), ("peroxide-spot", 12)),
    (("calendula-wipe", 10), ("peroxide-spot", 10)),
    (("soda-mask", 11), ("calendula-wipe", 11)),
]


def _start(go: Path, env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    command = [sys.executable, "-c", LAUNCH, str(go), *args]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env)  # fmt: skip


@pytest.mark.slow
def test_two_runs_at_once_lose_no_record(tmp_path: Path) -> None:
    path = tmp_path / "data" / "history.json"  # the first pair also makes the folder
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "c"), "XDG_DATA_HOME": str(tmp_path)}
    wanted: list[tuple[str, str]] = []
    for trial, pair in enumerate(PAIRS):
        go = tmp_path / f"go{trial}"
        # Two times: the same remedy, day and time twice would be one session.
        runs = [_start(go, env, "done", recipe, "--date", _day(day), "--time", f"0{8 + n}:00",
                       "--history", str(path)) for n, (recipe, day) in enumerate(pair)]  # fmt: skip
        time.sleep(0.5)  # both have imported everything and wait
        go.touch()
        for run in runs:
            out, err = run.communicate(timeout=120)
            assert run.returncode == 0, err
            assert out.startswith("recorded: ")
        wanted += [(recipe, _day(day)) for recipe, day in pair]
    rows = json.loads(path.read_text())
    assert sorted((r["recipe"], r["date"]) for r in rows) == sorted(wanted)
    # Still in order, one record a line.
    assert path.read_text() == history_json(list(read_history(path)))
    assert len(path.read_text().splitlines()) == len(wanted) + 2


def test_a_workbook_given_to_done_is_named_as_one(cli, tmp_path: Path) -> None:
    book = tmp_path / "plan.xlsx"
    book.write_bytes(b"PK\x03\x04 a workbook")
    for args in (("soda-mask",), ("soda-mask", "--undo")):
        result = cli("done", *args, "--history", str(book))
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == (
            f"error: --history: {book} is a workbook; done records sessions in a history file "
            "(JSON), while a ticked workbook is read by plan, shopping, sync and progress with "
            "their --history\n"
        )
    assert book.read_bytes() == b"PK\x03\x04 a workbook"
