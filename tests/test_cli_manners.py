"""The command line's manners: options where people put them, messages that say what to
do, output that says what happened. Expected lines are written from the rules, by hand."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import DATA

NETTLE = DATA / "good-recipes" / "nettle-wipe.toml"


def _routine(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text(body)
    return path


def _my_recipes(tmp_path: Path) -> Path:
    folder = tmp_path / "my-recipes"
    folder.mkdir()
    shutil.copy(NETTLE, folder)
    return folder


NETTLE_ROUTINE = (
    'title = "Nettle"\nweeks = 1\n\n[[remedies]]\nrecipe = "nettle-wipe"\nper_week = 2\n'
)


# ---- --recipes before or after the command ---------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["--recipes", "{dir}", "recipes", "show", "nettle-wipe"],
        ["recipes", "show", "nettle-wipe", "--recipes", "{dir}"],
        ["recipes", "show", "--recipes", "{dir}", "nettle-wipe"],
    ],
)
def test_recipes_folder_works_before_or_after_the_command(cli, tmp_path, args) -> None:
    folder = _my_recipes(tmp_path)
    result = cli(*[a.replace("{dir}", str(folder)) for a in args])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Nettle wipe (nettle-wipe)\n")


def test_plan_and_validate_take_recipes_after_the_command(cli, tmp_path) -> None:
    folder = _my_recipes(tmp_path)
    routine = _routine(tmp_path, "nettle.toml", NETTLE_ROUTINE)
    checked = cli("validate", "--recipes", str(folder), str(routine))
    assert checked.exit_code == 0, checked.stderr
    assert checked.stdout.endswith("\n1 file valid\n")
    planned = cli("plan", str(routine), "--recipes", str(folder), "--start", "2026-11-30",
                  "--out", str(tmp_path / "out"), "--no-xlsx", "--no-ics")  # fmt: skip
    assert planned.exit_code == 0, planned.stderr
    assert "2 sessions: Nettle wipe 2\n" in planned.stdout


def test_validate_points_to_the_recipe_file_beside_a_routine(cli, tmp_path) -> None:
    _my_recipes(tmp_path)
    routine = _routine(tmp_path, "nettle.toml", NETTLE_ROUTINE)
    result = cli("validate", str(routine))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {routine}:5: remedies[1].recipe: unknown recipe 'nettle-wipe'",
        f"error: hint: {tmp_path / 'my-recipes' / 'nettle-wipe.toml'} has recipe "
        f"'nettle-wipe'; add its folder: --recipes {tmp_path / 'my-recipes'}",
    ]
    planned = cli("plan", str(routine), "--start", "2026-11-30", "--out", str(tmp_path))
    assert planned.exit_code == 1
    assert planned.stderr.splitlines()[-1].startswith("error: hint: ")


def test_an_unknown_recipe_with_no_file_beside_it_hints_at_the_folders(cli, tmp_path) -> None:
    routine = _routine(tmp_path, "r.toml", NETTLE_ROUTINE.replace("nettle-wipe", "zz-balm"))
    result = cli("validate", str(routine))
    assert result.stderr.splitlines()[-1] == (
        "error: hint: recipes of your own are read from the config folder or from --recipes DIR"
    )


# ---- a broken file of one's own blocks only what uses it ------------------------------


def test_a_broken_recipe_of_ones_own_fails_the_routine_that_uses_it(cli, tmp_path) -> None:
    folder = _my_recipes(tmp_path)
    broken = folder / "nettle-wipe.toml"
    broken.write_text(broken.read_text().replace("max_per_week = 3", "max_per_week = 0"))
    routine = _routine(tmp_path, "nettle.toml", NETTLE_ROUTINE)
    other = cli("--recipes", str(folder), "plan", "--start", "2026-11-30",
                "--out", str(tmp_path / "a"), "--no-xlsx", "--no-ics")  # fmt: skip
    assert other.exit_code == 0, other.stderr  # back-care does not use it
    (warning,) = other.stderr.splitlines()
    assert warning.startswith(f"warning: {broken}:")
    used = cli("--recipes", str(folder), "plan", str(routine), "--start", "2026-11-30",
               "--out", str(tmp_path / "b"))  # fmt: skip
    assert used.exit_code == 1
    # Named once, as the error, leading with the person's own file.
    (error,) = used.stderr.splitlines()
    assert error.startswith(f"error: {broken}:")
    assert error.endswith(
        "; recipe 'nettle-wipe' is left out until its file is fixed, and routine "
        f"'{routine}' needs it"
    )
    assert not (tmp_path / "b").exists()
    checked = cli("--recipes", str(folder), "validate", str(tmp_path / "nothing-else.toml"))
    assert checked.exit_code == 2  # a missing path, and the broken file is named too
    assert f"error: {broken}:" in checked.stderr


# ---- validate: every path, and nothing found is not "valid" ---------------------------


def test_validate_reports_a_missing_path_and_still_checks_the_others(cli, tmp_path) -> None:
    bad = _routine(tmp_path, "soda5.toml", NETTLE_ROUTINE.replace("nettle-wipe", "soda-msk"))
    result = cli("validate", str(tmp_path / "nonexist.toml"), str(bad))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"error: {tmp_path / 'nonexist.toml'}: no such file or folder",
        f"error: {bad}:5: remedies[1].recipe: unknown recipe 'soda-msk' (did you mean "
        "'soda-mask'?)",
    ]


def test_validate_of_an_empty_folder_is_not_a_success(cli, tmp_path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = cli("validate", str(empty))
    assert (result.exit_code, result.stderr) == (
        1,
        f"error: {empty}: no recipe or routine files found\n",
    )


# ---- plan: what it prints ----------------------------------------------------------------


def test_quiet_plan_prints_the_summary_and_the_files(cli, tmp_path) -> None:
    result = cli("plan", "--start", "2026-11-30", "--tz", "Europe/Berlin", "--quiet",
                 "--out", str(tmp_path), "--no-xlsx")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Back care",
        "2026-11-30 to 2026-12-27, 4 weeks, times in Europe/Berlin",
        "",
        "72 sessions: Calendula wipe 56, Baking-soda mask 8,",
        "  Sea-salt and healing-clay mask 4, Chamomile bath 4",
        "",
        "Shopping: 7 items to buy (3 pharmacy, 2 drugstore, 2 grocery), 9 packages",
        f"wrote {tmp_path / 'back-care.json'}",
        f"wrote {tmp_path / 'back-care.shopping.md'}",
        f"wrote {tmp_path / 'back-care.pdf'}",
        f"wrote {tmp_path / 'back-care.ics'}",
    ]


def test_events_show_their_end_and_sit_in_time_order(cli, tmp_path) -> None:
    routine = _routine(tmp_path, "ev.toml", "\n".join([
        'title = "Events"', "weeks = 1",
        "[availability]", 'blackout = ["2026-12-02"]', 'days = ["mon", "tue", "wed", "thu"]',
        "[[remedies]]", 'recipe = "calendula-wipe"', "per_day = 2", 'times = ["07:15", "21:45"]',
        "[[events]]", 'event = "salon"', 'title = "At the salon"', "day = 1",
        'time = "16:00"', "minutes = 45",
    ]) + "\n")  # fmt: skip
    result = cli("plan", str(routine), "--start", "2026-11-30", "--out", str(tmp_path),
                 "--no-xlsx", "--no-ics")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    week = result.stdout.split("Week 1\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert week[:3] == [
        "  Mon 30 Nov  07:15-07:40  Calendula wipe",
        "              16:00-16:45  ** At the salon **",
        "              21:45-22:10  Calendula wipe",
    ]
    assert "  Wed  2 Dec  -  (blackout)" in week
    assert "  Fri  4 Dec  -  (Fri is not an available day)" in week
    data = json.loads((tmp_path / "ev.json").read_text())
    assert {"date": "2026-12-02", "reason": "blackout date"} in data["days_off"]


def test_a_long_name_is_cut_with_an_ellipsis(cli, tmp_path) -> None:
    folder = tmp_path / "r"
    folder.mkdir()
    long_name = "Extraordinarily long-winded honey, oat, yoghurt and chamomile compress"
    (folder / "long.toml").write_text(
        NETTLE.read_text().replace('name = "Nettle wipe"', f'name = "{long_name}"')
    )
    routine = _routine(tmp_path, "r.toml", NETTLE_ROUTINE.replace("nettle-wipe", "long"))
    result = cli("--recipes", str(folder), "plan", str(routine), "--start", "2026-11-30",
                 "--out", str(tmp_path), "--no-xlsx", "--no-ics")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if "Extraordinarily" in line]
    assert lines and all(len(line) == 80 and line.endswith("...") for line in lines[:2])


@pytest.mark.parametrize(
    ("limits", "said"),
    [
        ('max_per_week = 3\ntimes = ["03:00"]',
         "night: its usual time 03:00 is outside the time windows (07:00-23:00); it is planned "
         "inside them"),
        ('per_day = 2\ntimes = ["03:00", "23:30"]',
         "night: its usual times 03:00 and 23:30 are outside the time windows (07:00-23:00); "
         "they are planned inside them"),
    ],
)  # fmt: skip
def test_a_recipe_time_outside_the_windows_is_named(cli, tmp_path, limits, said) -> None:
    folder = tmp_path / "r"
    folder.mkdir()
    (folder / "night.toml").write_text(NETTLE.read_text().replace("max_per_week = 3", limits))
    text = NETTLE_ROUTINE.replace("nettle-wipe", "night")
    if "per_day" in limits:
        text = text.replace("per_week = 2", "per_day = 2")
    routine = _routine(tmp_path, "r.toml", text)
    result = cli("--recipes", str(folder), "plan", str(routine), "--start", "2026-11-30",
                 "--out", str(tmp_path), "--no-xlsx", "--no-ics")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    notes = " ".join(result.stdout.split("Notes:\n", 1)[1].split())
    assert f"- {said}" in notes


# ---- messages ------------------------------------------------------------------------------


def test_the_best_effort_hint_comes_only_when_best_effort_plans_something(cli, tmp_path) -> None:
    routine = _routine(
        tmp_path, "ev3.toml", 'title = "ev"\nweeks = 3\n[[remedies]]\nrecipe = "anti-ingrown"\n'
    )
    result = cli("plan", str(routine), "--start", "2026-11-30", "--out", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "error: anti-ingrown: is used around 'hair-removal' events (days -14 to -1) but the "
        'routine has no such event; add [[events]] event = "hair-removal"'
    ]


def test_a_routine_file_that_does_not_exist_names_the_builtin_of_that_name(cli) -> None:
    result = cli("plan", "back-care.toml")
    assert (result.exit_code, result.stderr) == (
        2,
        "error: routine file 'back-care.toml' does not exist; the built-in routine is "
        "'back-care'\n",
    )


def test_a_start_in_the_past_is_named(cli, tmp_path) -> None:
    result = cli("plan", "--start", "2026-01-05", "--weeks", "1", "--out", str(tmp_path),
                 "--no-xlsx", "--no-ics")  # fmt: skip
    assert result.exit_code == 0
    assert result.stderr == "notice: the plan starts on 2026-01-05, in the past\n"


@pytest.mark.parametrize(("text", "minutes"), [("1d", 1440), ("30min", 30), ("2 hours", 120),
                                               ("1h30m", 90), ("45", 45)])  # fmt: skip
def test_reminder_times_in_days_hours_and_minutes(text, minutes) -> None:
    from planner.cli import parse_remind

    assert parse_remind(text) == minutes


def test_a_reminder_beyond_a_week_is_one_usage_line(cli, tmp_path) -> None:
    result = cli("plan", "--remind", "8d", "--out", str(tmp_path))
    assert (result.exit_code, result.stderr) == (
        2,
        "error: --remind: '8d': a reminder must come between 1 minute and 7 days before\n",
    )


def test_the_command_list_shows_whole_sentences(cli) -> None:
    listing = cli("--help").stdout.split("Commands:\n", 1)[1]
    assert "..." not in listing
    assert "  sync      Put the plan into a CalDAV calendar and keep it up to date.\n" in listing


# ---- what came from the person's own files -------------------------------------------------


def test_show_says_which_recipe_and_routine_are_the_persons_own(cli, tmp_path) -> None:
    folder = _my_recipes(tmp_path)
    routine = _routine(tmp_path, "nettle.toml", NETTLE_ROUTINE)
    shown = cli("--recipes", str(folder), "routines", "show", str(routine))
    assert shown.exit_code == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert lines[1] == f"From your file {routine}"
    squeezed = "".join(shown.stdout.split())  # a long path is broken across lines
    assert (
        "".join(
            f"- Nettle wipe (nettle-wipe, your recipe in {folder / 'nettle-wipe.toml'}): 2 days "
            "a week".split()
        )
        in squeezed
    )
    builtin = cli("routines", "show", "back-care")
    assert builtin.stdout.splitlines()[1] == "Built in"
    recipe = cli("--recipes", str(folder), "recipes", "show", "nettle-wipe")
    assert recipe.stdout.splitlines()[1] == f"From your file {folder / 'nettle-wipe.toml'}"
    limits = recipe.stdout.split("Limits:\n")[1].splitlines()
    # Values the file wrote are the person's; what the program filled in stays "our default".
    assert "  - At most 3 sessions in any 7 days (your file)" in limits
    assert "  - Never on the same day as Baking-soda mask (your file)" in limits
    assert "  - Once a day (our default: once a day unless the recipe says otherwise)" in limits
    assert cli("recipes", "show", "soda-mask").stdout.splitlines()[1] == ""
    as_json = json.loads(cli("--recipes", str(folder), "recipes", "show", "nettle-wipe",
                             "--format", "json").stdout)  # fmt: skip
    assert as_json["own"] is True


# ---- shell completion as README shows it ---------------------------------------------------


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_the_completion_lines_in_readme_produce_a_script(shell) -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    (line,) = [x for x in readme.splitlines() if f"={shell}_source" in x]
    env_part = line.split(f"_REMEDY_PLANNER_COMPLETE={shell}_source", 1)
    assert env_part[1].lstrip().startswith("remedy-planner")
    done = subprocess.run(
        [sys.executable, "-c", "from planner.cli import main; main(prog_name='remedy-planner')"],
        env={"_REMEDY_PLANNER_COMPLETE": f"{shell}_source", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "_REMEDY_PLANNER_COMPLETE" in done.stdout and "remedy-planner" in done.stdout


@pytest.mark.parametrize(
    ("words", "cword", "wanted"),
    [
        ("remedy-planner plan ba", "2", {"plain,back-care", "file,ba"}),
        ("remedy-planner recipes show calendula-w", "3", {"plain,calendula-wipe"}),
        ("remedy-planner plan --we", "2", {"plain,--weeks", "plain,--week-start"}),
    ],
)
def test_tab_completion_offers_routines_recipes_and_options(tmp_path, words, cword, wanted) -> None:
    env = {"_REMEDY_PLANNER_COMPLETE": "bash_complete", "COMP_WORDS": words, "COMP_CWORD": cword}
    env |= {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", "from planner.cli import main; main(prog_name='remedy-planner')"],
        env=env,
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert set(done.stdout.split()) == wanted


def test_several_existing_outputs_are_them_and_a_missing_plan_file_is_worded_as_others(
    cli, tmp_path
) -> None:
    args = ("plan", "--start", "2026-11-30", "--weeks", "1", "--out", str(tmp_path), "--quiet")
    assert cli(*args).exit_code == 0
    again = cli(*args)
    assert again.exit_code == 1
    assert again.stderr.endswith(" already exist; use --force to replace them\n")
    missing = tmp_path / "plans" / "back-care.json"
    result = cli("progress", str(missing))
    assert (result.exit_code, result.stderr) == (
        2,
        f"error: plan file '{missing}' does not exist\n",
    )
