"""Every example in README.md runs as shown, in order, in a fresh folder.

The folder holds the files README shows (see tests/readme.py); the home, config and
cache folders are empty ones inside it, the time zone is UTC, and the day is the one README
names for its examples. A command must exit 0 unless the output shown for it has ``error:``
lines, and print what is shown.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from .clock import PINNED_TODAY
from .readme import Command, matches, parse, write_files

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"


_EXAMPLES_DAY = re.compile(
    r"The examples show what the commands print when run on (\w+ \d{1,2} \w+ \d{4}) on a"
    r"\s+computer\s+whose\s+time\s+zone\s+is\s+UTC"
)


def examples_day(text: str) -> dt.date:
    """The day README says its examples were run on ("Friday 27 November 2026")."""
    found = _EXAMPLES_DAY.search(text)
    assert found, "README does not say which day its examples were run on"
    day = dt.datetime.strptime(found[1], "%A %d %B %Y").date()
    assert f"{day:%A}" == found[1].split()[0], f"{found[1]} is not a {found[1].split()[0]}"
    return day


def test_readme_names_the_day_the_tests_run_on() -> None:
    """README's examples and the quick tests run on one day, so both stay true forever."""
    assert examples_day(README.read_text(encoding="utf-8")) == PINNED_TODAY
    assert examples_day(
        "The examples show what the commands print when run on Monday 30 November 2026 on a\n"
        "computer whose time zone is UTC"
    ) == dt.date(2026, 11, 30)
    with pytest.raises(AssertionError, match="is not a Sunday"):
        examples_day("The examples show what the commands print when run on Sunday 30 November"
                     " 2026 on a computer whose time zone is UTC")  # fmt: skip


def _environment(folder: Path, day: dt.date) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REMEDY_PLANNER", "XDG_"))}
    home = folder / ".home"
    home.mkdir()
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_CACHE_HOME=str(home / ".cache"),
        TZ="UTC",
        REMEDY_PLANNER_NOW=f"{day.isoformat()}T12:00:00+00:00",
        PYTHONUNBUFFERED="1",  # stdout and stderr keep their order in one stream
        PYTHONPATH=str(ROOT),
        COLUMNS="80",
    )
    return env


def _run(command: Command, folder: Path, env: dict[str, str], last: int) -> tuple[int, list[str]]:
    words = shlex.split(command.text, comments=True)
    if words[:1] == ["export"]:
        for word in words[1:]:
            key, _, value = word.partition("=")
            env[key] = value
        return last, []
    if words == ["echo", "$?"]:
        return last, [str(last)]
    assert words[:1] == ["remedy-planner"], f"README.md:{command.line}: cannot run {words[:1]}"
    done = subprocess.run(
        [sys.executable, "-m", "planner", *words[1:]],
        cwd=folder,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=300,
    )
    return done.returncode, done.stdout.splitlines()


@pytest.mark.slow
def test_every_readme_example_runs_as_shown(tmp_path: Path) -> None:
    text = README.read_text(encoding="utf-8")
    readme = parse(text)
    assert len(readme.commands) >= 15, "the README examples were not found"
    write_files(readme, tmp_path)
    env = _environment(tmp_path, examples_day(text))
    failures: list[str] = []
    last = 0
    for command in readme.commands:
        code, output = _run(command, tmp_path, env, last)
        is_echo = command.text.strip() == "echo $?"
        if not is_echo:
            last = code
            wants_error = any(line.startswith("error:") for line in command.expected)
            if (code != 0) != wants_error:
                failures.append(f"README.md:{command.line}: $ {command.text}\n  exit {code}")
        if not matches(command.expected, output):
            shown = "\n".join(f"  | {line}" for line in output[:60])
            failures.append(f"README.md:{command.line}: $ {command.text}\n  printed:\n{shown}")
    assert not failures, "\n\n".join(failures)


def test_readme_parser_finds_files_commands_and_marked_blocks() -> None:
    text = "\n".join([
        "```toml", "# sub/a.toml", "x = 1", "```",
        "```toml", "x = 2", "```",
        "<!-- readme: not run (needs a server) -->", "```console", "$ remedy-planner sync", "```",
        "```console", "$ remedy-planner plan", "one", "...", "$ echo $?", "0", "```",
    ])  # fmt: skip
    readme = parse(text)
    assert readme.files == {"sub/a.toml": "# sub/a.toml\nx = 1\n"}
    assert [(c.text, c.expected) for c in readme.commands] == [
        ("remedy-planner plan", ["one", "..."]),
        ("echo $?", ["0"]),
    ]
    assert readme.skipped == [10]


@pytest.mark.parametrize(
    ("expected", "actual", "ok"),
    [
        (["a", "...", "z"], ["a", "b", "c", "z"], True),
        (["a", "...", "z"], ["a", "z"], True),
        (["a", "...", "z"], ["a", "b"], False),
        (["a"], ["a", "b"], False),  # nothing more than shown
        ([], ["anything"], False),  # a command shown without output prints nothing
        (["...", "b", "..."], ["a", "b", "c"], True),
        (["  ... and 13 more"], ["  ... and 12 more"], False),  # only a bare ... is elision
        (["a  "], ["a"], True),
    ],
)
def test_output_matching(expected: list[str], actual: list[str], ok: bool) -> None:
    assert matches(expected, actual) is ok


def test_readme_recipe_and_routine_examples_plan(cli, tmp_path: Path) -> None:
    """The quick loop's share of the above: README's own recipe and routine plan."""
    write_files(parse(README.read_text(encoding="utf-8")), tmp_path)
    recipes, routine = tmp_path / "my-recipes", tmp_path / "my-routine.toml"
    checked = cli("--recipes", str(recipes), "validate", str(recipes), str(routine))
    assert checked.exit_code == 0, checked.stderr
    result = cli("--recipes", str(recipes), "plan", str(routine), "--start", "2026-11-30",
                 "--tz", "Europe/Berlin", "--out", str(tmp_path / "out"))  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "replaces recipe 'soda-mask'" in result.stderr


def test_readme_pantry_examples_load(tmp_path: Path) -> None:
    from planner.load.pantry import load_pantry

    readme = parse(README.read_text(encoding="utf-8"))
    write_files(readme, tmp_path)
    (csv_text,) = [body for _, body in readme.blocks["csv"] if body.startswith("item,amount")]
    (tmp_path / "pantry.csv").write_text(csv_text + "\n")
    assert len(load_pantry(tmp_path / "pantry.toml")) == 3
    assert len(load_pantry(tmp_path / "pantry.csv")) == 2


def test_what_quickstart_writes_is_git_ignored(tmp_path: Path) -> None:
    """Block 1 runs `remedy-planner plan --out .` in the clone: every file it writes is
    ignored, so the clone stays clean."""
    import datetime as dt
    import shutil

    from planner.formats.outputs import plan_outputs
    from planner.schedule import build_schedule

    from .libraries import builtin

    if shutil.which("git") is None or not (ROOT / ".git").exists():
        assert os.environ.get("CI") != "true", "CI runs on a git clone, with git"
        pytest.skip("not a git checkout")
    library = builtin()
    from planner.load.routine import find_routine

    plan = build_schedule(find_routine("back-care", library), library.recipes,
                          dt.date(2026, 11, 30), None, (), "UTC", False)  # fmt: skip
    now = dt.datetime(2026, 11, 26, tzinfo=dt.UTC)
    names = sorted(p.name for p in plan_outputs(plan, library, Path("."), now).files)
    assert len(names) == 5
    done = subprocess.run(
        ["git", "check-ignore", "--no-index", *names], cwd=ROOT, capture_output=True, text=True
    )
    assert sorted(done.stdout.split()) == names
