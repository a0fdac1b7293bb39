"""Ticking sessions on the phone, against two real CalDAV servers (Radicale and Xandikos),
with the ``caldav`` library acting as the phone's task app."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from click.testing import Result

from .phone import DENTIST_TASK, LIST, Server, running_server  # noqa: F401 (the fixture 'server')

# Every test here starts a CalDAV server.
pytestmark = pytest.mark.slow

BERLIN = ZoneInfo("Europe/Berlin")
FRIDAY = "2026-11-27T12:00:00+00:00"  # the first sync: the plan starts on Monday 30 Nov
SATURDAY = "2026-12-05T10:00:00+00:00"  # after the first week
PLAN_ARGS = ("back-care", "--start", "2026-11-30", "--weeks", "2", "--tz", "Europe/Berlin")


def uid(recipe: str, day: str, slot: int = 1) -> str:
    return f"back-care.{recipe}.{day.replace('-', '')}.t{slot}@remedy-planner"


def sync(cli: Callable[..., Result], server: Server, now: str, *extra: str) -> Result:
    result = cli("sync", *PLAN_ARGS, *server.sync_args(), *extra, env=server.env(now))
    return result


def history(tmp_path: Path) -> list[dict[str, Any]]:
    path = tmp_path / "xdg-data" / "remedy-planner" / "history.json"
    return json.loads(path.read_text()) if path.exists() else []


def berlin(day: str, clock: str) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=BERLIN)


def test_ticks_on_the_phone_count_once_and_an_untick_takes_one_back(
    cli: Callable[..., Result], server: Server, tmp_path: Path
) -> None:
    # The plan as printed on Friday, before anything was done (no history yet).
    printed = cli("plan", *PLAN_ARGS, "--out", str(tmp_path / "printed"), "-q", "--no-xlsx",
                  "--no-ics", env={"REMEDY_PLANNER_NOW": FRIDAY})  # fmt: skip
    assert printed.exit_code == 0, printed.stderr
    first = sync(cli, server, FRIDAY, "--tasks")
    assert first.exit_code == 0, first.stderr
    assert f"task list '{LIST}' was created" in first.stdout
    # Today (27 Nov) and the 13 days after it: the plan's sessions from 30 Nov to 10 Dec.
    assert "28 task(s) were created" in first.stdout
    tasks = server.tasks()
    assert len(tasks) == 28
    # A list of its own, for tasks only: Apple and Nextcloud show task lists by this.
    assert server.collection(LIST).get_supported_components() == ["VTODO"]
    # The person's own task in the same list.
    server.collection(LIST).add_todo(DENTIST_TASK)

    # On the phone: Monday's mask at 20:10, Thursday's mask a day late (Friday 20:05),
    # Tuesday's morning wipe at 07:20.
    server.tick(uid("soda-mask", "2026-11-30"), berlin("2026-11-30", "20:10"))
    server.tick(uid("soda-mask", "2026-12-03"), berlin("2026-12-04", "20:05"))
    server.tick(uid("calendula-wipe", "2026-12-01"), berlin("2026-12-01", "07:20"))

    second = sync(cli, server, SATURDAY, "--tasks")
    assert second.exit_code == 0, second.stderr
    where = tmp_path / "xdg-data" / "remedy-planner" / "history.json"
    assert second.stdout.startswith(
        f"recorded 3 sessions ticked on the phone in {where}:\n"
        "  2026-11-30 20:10 Baking-soda mask\n"
        "  2026-12-01 07:20 Calendula wipe\n"
        "  2026-12-04 20:05 Baking-soda mask\n"
    )
    assert [(r["recipe"], r["date"], r["time"], r["source"]) for r in history(tmp_path)] == [
        ("soda-mask", "2026-11-30", "20:10", "calendar"),
        ("calendula-wipe", "2026-12-01", "07:20", "calendar"),
        ("soda-mask", "2026-12-04", "20:05", "calendar"),
    ]
    # The plan made in the same run already counts them: the done sessions are events
    # at the times done.
    assert "2026-12-04 20:05 Baking-soda mask: done" in second.stdout

    # Progress of the plan printed on Friday: the masks are 2 of 2, one moved.
    progress = cli("progress", str(tmp_path / "printed" / "back-care.json"), "--today",
                   "2026-12-05", "--format", "json", env={"REMEDY_PLANNER_NOW": SATURDAY})  # fmt: skip
    assert progress.exit_code == 0, progress.stderr
    mask = next(r for r in json.loads(progress.stdout)["remedies"] if r["recipe"] == "soda-mask")
    week1 = json.loads(progress.stdout)["weeks"][0]
    assert (mask["done"], mask["moved"], mask["missed"]) == (2, 1, 0)
    assert week1["done"] == 3

    # A third sync changes nothing, on the server or in the history.
    before_tasks, before_events = server.state(LIST), server.state("Back care")
    third = sync(cli, server, SATURDAY, "--tasks")
    assert third.exit_code == 0, third.stderr
    assert "recorded" not in third.stdout
    for line in (
        "0 event(s) were created",
        "0 event(s) were updated",
        "0 event(s) were deleted",
        "0 task(s) were created",
        "0 task(s) were updated",
        "0 task(s) were deleted",
    ):
        assert line in third.stdout.splitlines()
    assert server.state(LIST) == before_tasks
    assert server.state("Back care") == before_events
    assert len(history(tmp_path)) == 3

    # Un-ticked on the phone: that record, and only it, is taken back.
    server.untick(uid("calendula-wipe", "2026-12-01"))
    fourth = sync(cli, server, SATURDAY)  # without --tasks: the ticks are read all the same
    assert fourth.exit_code == 0, fourth.stderr
    assert fourth.stdout.startswith(
        "took back 1 session un-ticked on the phone:\n  2026-12-01 07:20 Calendula wipe\n"
    )
    assert [r["date"] for r in history(tmp_path)] == ["2026-11-30", "2026-12-04"]
    # The person's own task is as it was.
    assert "SUMMARY:Call the dentist" in server.state(LIST)["call-dentist@example.org"]


def test_a_deleted_or_changed_task_is_the_persons_and_a_record_survives_its_task(
    cli: Callable[..., Result], server: Server, tmp_path: Path
) -> None:
    assert sync(cli, server, FRIDAY, "--tasks").exit_code == 0
    server.tick(uid("soda-mask", "2026-11-30"), berlin("2026-11-30", "20:10"))
    server.delete(uid("calendula-wipe", "2026-12-08", 2))  # skipped: not wanted again
    server.edit(uid("soda-mask", "2026-12-07"), summary="Mask, but the mild one")
    moved = berlin("2026-12-09", "09:00")
    server.edit(uid("salt-clay-mask", "2026-12-05"), due=moved)
    result = sync(cli, server, SATURDAY, "--tasks")
    assert result.exit_code == 0, result.stderr
    assert "recorded 1 session ticked on the phone" in result.stdout
    assert (
        "1 task(s) deleted in the task list, not made again (skipped): "
        "2026-12-08 21:45 Calendula wipe"
    ) in result.stdout.splitlines()
    assert "kept 2 task(s) changed in the task list, as they are: " in result.stdout
    tasks = server.tasks()
    assert uid("calendula-wipe", "2026-12-08", 2) not in tasks
    renamed = tasks[uid("soda-mask", "2026-12-07")].icalendar_component
    assert str(renamed["summary"]) == "Mask, but the mild one"
    due = tasks[uid("salt-clay-mask", "2026-12-05")].icalendar_component.decoded("due")
    assert due == moved
    # The ticked task deleted from the list (tidied away): its record stays.
    server.delete(uid("soda-mask", "2026-11-30"))
    again = sync(cli, server, SATURDAY, "--tasks")
    assert again.exit_code == 0, again.stderr
    assert "took back" not in again.stdout
    assert [r["date"] for r in history(tmp_path)] == ["2026-11-30"]


def test_a_dry_run_reads_and_reports_but_records_nothing(
    cli: Callable[..., Result], server: Server, tmp_path: Path
) -> None:
    assert sync(cli, server, FRIDAY, "--tasks").exit_code == 0
    server.tick(uid("soda-mask", "2026-11-30"), berlin("2026-11-30", "20:10"))
    before = server.state(LIST)
    data = tmp_path / "xdg-data" / "remedy-planner"
    files = {path.name: path.read_bytes() for path in data.iterdir()}
    assert "history.json" not in files
    result = sync(cli, server, SATURDAY, "--tasks", "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(
        "would record 1 session ticked on the phone:\n  2026-11-30 20:10 Baking-soda mask\n"
    )
    # The plan of the dry run counts it: the done event would be made.
    assert "  2026-11-30 20:10 Baking-soda mask: done" in result.stdout
    assert {path.name: path.read_bytes() for path in data.iterdir()} == files
    assert server.state(LIST) == before


def test_what_the_server_holds_that_is_odd_gets_a_line_not_a_traceback(
    cli: Callable[..., Result], server: Server, tmp_path: Path
) -> None:
    assert sync(cli, server, FRIDAY, "--tasks").exit_code == 0
    # A ticked task without DTSTART or DUE, and one ticked "in the future".
    no_start = server.tasks()[uid("soda-mask", "2026-11-30")]
    component = no_start.icalendar_component
    for key in ("dtstart", "due"):
        component.pop(key)
    component.add("completed", dt.datetime(2026, 11, 30, 19, 15, tzinfo=dt.UTC))
    component["status"] = "COMPLETED"
    no_start.save()
    server.tick(uid("soda-mask", "2026-12-03"), dt.datetime(2027, 1, 3, 19, 0, tzinfo=dt.UTC))
    result = sync(cli, server, SATURDAY)
    assert result.exit_code == 0, result.stderr
    assert "  2026-11-30 20:15 Baking-soda mask" in result.stdout
    assert result.stderr.splitlines()[-1] == (
        f"warning: the task 'Baking-soda mask' ({uid('soda-mask', '2026-12-03')}) was ticked "
        "at 2027-01-03 20:00, later than now; not recorded (is the phone's clock right?)"
    )
    assert [r["date"] for r in history(tmp_path)] == ["2026-11-30"]
    # Someone deletes the whole task list: the record stays, and the next sync says so.
    server.collection(LIST).delete()
    gone = sync(cli, server, SATURDAY)
    assert gone.exit_code == 0, gone.stderr
    assert (
        f"notice: the task list '{LIST}' is not on the server (deleted?); the 1 session(s) "
        "ticked there stay in the history"
    ) in gone.stderr.splitlines()
    assert [r["date"] for r in history(tmp_path)] == ["2026-11-30"]
    # With --tasks the list is made again, every task of the coming days in it.
    remade = sync(cli, server, SATURDAY, "--tasks")
    assert remade.exit_code == 0, remade.stderr
    assert f"task list '{LIST}' was created" in remade.stdout
    assert len(server.tasks()) == 24  # 5 to 18 December, the plan's days among them
    # A task list given by a URL where there is none is one line, and nothing is recorded.
    nowhere = str(server.collection(LIST).url).rstrip("/") + "-gone/"
    missing = sync(cli, server, SATURDAY, "--task-list", nowhere)
    assert (missing.exit_code, missing.stdout) == (1, "")
    # Radicale answers 404; Xandikos a multistatus that names no calendar there.
    why = {
        "radicale": "there is no task list at this address (404 Not Found)",
        "xandikos": "this is not a task list",
    }[server.name]
    assert missing.stderr.splitlines()[-1] == f"error: {nowhere}: {why}"
    assert [r["date"] for r in history(tmp_path)] == ["2026-11-30"]


def _readme_runs() -> list[tuple[str, list[str]]]:
    """README's two examples of ``sync --tasks``: (options, printed lines) per command."""
    import re

    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Tick on the phone: `sync --tasks`", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"tests/test_phone\.py runs it[^\n]*\n```console\n(.*?)```", section, re.S)
    runs = []
    for block in blocks:
        command, *printed = block.splitlines()
        runs.append((command.removeprefix("$ remedy-planner sync "), printed))
    return runs


def test_the_readme_example_runs_as_shown(
    cli: Callable[..., Result], server: Server, tmp_path: Path
) -> None:
    runs = _readme_runs()
    assert len(runs) == 2
    from .readme import matches

    def run(options: str, now: str) -> list[str]:
        args = options.replace("https://cloud.example.org/remote.php/dav/", server.url)
        user = f"--user {server.user}" if server.user else ""
        args = args.replace("--user anna", user).split()
        result = cli("sync", *args, env={**server.env(now), "TZ": "UTC"})
        assert result.exit_code == 0, result.stderr
        data = str(tmp_path / "xdg-data")
        return result.stdout.replace(data, "/home/anna/.local/share").splitlines()

    (options, first), (again, second) = runs
    shown = run(options, FRIDAY)
    assert matches(first, shown), shown
    utc = dt.UTC
    server.tick(uid("soda-mask", "2026-11-30"), dt.datetime(2026, 11, 30, 20, 10, tzinfo=utc))
    server.tick(uid("calendula-wipe", "2026-12-01"), dt.datetime(2026, 12, 1, 7, 20, tzinfo=utc))
    server.tick(uid("soda-mask", "2026-12-03"), dt.datetime(2026, 12, 4, 20, 5, tzinfo=utc))
    shown = run(again, SATURDAY)
    assert matches(second, shown), shown
    # "Running the same sync again changes nothing."
    third = run(again, SATURDAY)
    assert [line for line in third if line.endswith(("created", "updated", "deleted"))] == [
        f"0 {what}(s) were {done}" for what in ("event", "task")
        for done in ("created", "updated", "deleted")
    ]  # fmt: skip
