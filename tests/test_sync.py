"""`remedy-planner sync` against a real Radicale server with password authentication."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from planner.caldav.sync import sync_plan
from planner.errors import PlannerError
from planner.formats.ics import render_ics
from planner.load.routine import builtin_routine_files, load_routine_file
from planner.schedule import build_schedule

from .libraries import builtin
from .readme import matches
from .servers import free_port, radicale, stop

# Every test here starts a Radicale server.
pytestmark = pytest.mark.slow

NOW = dt.datetime(2026, 11, 25, 9, 30, tzinfo=dt.UTC)
MONDAY = dt.date(2026, 11, 30)
FOREIGN = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//someone else//EN\r
BEGIN:VEVENT\r
UID:dentist-2026@example.org\r
DTSTAMP:20261101T090000Z\r
DTSTART:20261202T080000Z\r
DTEND:20261202T090000Z\r
SUMMARY:Dentist\r
END:VEVENT\r
END:VCALENDAR\r
"""


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path, int]]:
    users = tmp_path / "users"
    users.write_text("alice:secret\nbob:hunter2\n")  # Radicale: each sees only their own
    port = free_port()
    with radicale(tmp_path, htpasswd=users, port=port) as url:
        yield url, users, port


def plan_for(rid: str = "back-care", weeks: int | None = None):
    routine = load_routine_file(builtin_routine_files()[rid], builtin())
    return build_schedule(routine, builtin().recipes, MONDAY, weeks, timezone="Europe/Berlin")


def server_events(url: str, calendar: str = "Back care") -> dict[str, object]:
    import caldav

    client = caldav.DAVClient(url=url, username="alice", password="secret")
    for cal in client.principal().calendars():
        if cal.get_display_name() == calendar:
            out = {}
            for obj in cal.events():
                for ev in obj.icalendar_instance.walk("VEVENT"):
                    out[str(ev["UID"])] = ev
            return out
    return {}


def file_uids(plan) -> set[str]:
    return {
        str(e["UID"])
        for e in Calendar.from_ical(render_ics(plan, builtin().recipes, NOW)).walk("VEVENT")
    }


def put_foreign(url: str, calendar: str = "Back care") -> None:
    import caldav

    client = caldav.DAVClient(url=url, username="alice", password="secret")
    cal = next(c for c in client.principal().calendars() if c.get_display_name() == calendar)
    cal.save_event(FOREIGN)


def test_sync_creates_updates_deletes_and_leaves_others_alone(server) -> None:
    url, _, _ = server
    first = plan_for()
    report = sync_plan(first, builtin().recipes, NOW, url, user="alice", password="secret")
    assert report.created_calendar
    assert set(server_events(url)) == file_uids(first)
    assert report.count("create") == len(file_uids(first))
    put_foreign(url)

    again = sync_plan(first, builtin().recipes, NOW + dt.timedelta(days=1), url, user="alice",
                      password="secret")  # fmt: skip
    assert again.changes == [] and again.unchanged == len(file_uids(first))

    shorter = plan_for(weeks=3)
    before = server_events(url)
    report = sync_plan(shorter, builtin().recipes, NOW, url, user="alice", password="secret")
    after = server_events(url)
    assert set(after) == file_uids(shorter) | {"dentist-2026@example.org"}
    gone = file_uids(first) - file_uids(shorter)
    assert {c.uid for c in report.changes if c.kind == "delete"} == gone
    # The fourth week's daily calendula series are their own events (a series runs
    # Monday to Sunday at most), so nothing else changes.
    assert sum(".calendula-wipe.202612" in uid for uid in gone) == 2
    assert report.count("update") == 0 and report.count("create") == 0
    for uid in file_uids(shorter):
        # Unchanged sessions keep their UID and are not rewritten.
        assert after[uid].to_ical() == before[uid].to_ical()


def test_dry_run_changes_nothing(server) -> None:
    url, _, _ = server
    report = sync_plan(plan_for(), builtin().recipes, NOW, url, user="alice", password="secret",
                       dry_run=True)  # fmt: skip
    assert report.created_calendar and report.count("create") == len(file_uids(plan_for()))
    assert server_events(url) == {}


def test_another_routine_in_the_same_calendar_is_left_alone(server) -> None:
    url, _, _ = server
    legs = plan_for("legs-hair-removal")
    sync_plan(legs, builtin().recipes, NOW, url, user="alice", password="secret", calendar="Care")
    sync_plan(
        plan_for(), builtin().recipes, NOW, url, user="alice", password="secret", calendar="Care"
    )
    sync_plan(plan_for(weeks=1), builtin().recipes, NOW, url, user="alice", password="secret",
              calendar="Care")  # fmt: skip
    assert set(server_events(url, "Care")) == file_uids(legs) | file_uids(plan_for(weeks=1))


def test_wrong_password_gives_the_401_message_and_changes_nothing(server) -> None:
    url, _, _ = server
    sync_plan(plan_for(), builtin().recipes, NOW, url, user="alice", password="secret")
    before = server_events(url)
    with pytest.raises(PlannerError, match="refused the user name or password \\(401"):
        sync_plan(plan_for(weeks=2), builtin().recipes, NOW, url, user="alice", password="nope")
    assert server_events(url).keys() == before.keys()


def test_a_server_stopped_mid_sync_is_repaired_by_the_next_run(tmp_path: Path) -> None:
    users = tmp_path / "users"
    users.write_text("alice:secret\n")
    port = free_port()
    plan = plan_for()
    done = []
    with radicale(tmp_path, htpasswd=users, port=port) as url:
        stopper = {}

        def progress(change) -> None:
            done.append(change)
            if len(done) == 3:
                stopper["stop"]()

        from planner.caldav import sync as sync_module

        with pytest.raises(PlannerError, match="cannot reach"):
            # The server goes away after three events; the fourth cannot be sent.
            stopper["stop"] = lambda: stop(port)
            sync_module.sync_plan(plan, builtin().recipes, NOW, url, user="alice", password="secret",
                                  progress=progress)  # fmt: skip
    assert len(done) == 3
    with radicale(tmp_path, htpasswd=users, port=port) as url:
        assert len(server_events(url)) == 3
        report = sync_plan(plan, builtin().recipes, NOW, url, user="alice", password="secret")
        assert report.count("create") == len(file_uids(plan)) - 3
        assert set(server_events(url)) == file_uids(plan)


def test_cli_sync_reads_the_password_from_the_environment(server, cli) -> None:
    url, _, _ = server
    env = {"REMEDY_PLANNER_PASSWORD": "secret"}
    dry = cli(
        "sync", "--start", "2026-11-30", "--url", url, "--user", "alice", "--dry-run", env=env
    )
    assert dry.exit_code == 0, dry.stderr
    assert "calendar 'Back care' would be created" in dry.stdout
    assert "24 event(s) would be created" in dry.stdout
    real = cli("sync", "--start", "2026-11-30", "--url", url, "--user", "alice", env=env)
    assert real.exit_code == 0, real.stderr
    assert "24 event(s) were created" in real.stdout
    bad = cli("sync", "--url", url, "--user", "alice", env={"REMEDY_PLANNER_PASSWORD": "x"})
    assert bad.exit_code == 1
    assert bad.stderr.strip() == (
        f"error: {url}: the server refused the user name or password (401 Unauthorized)"
    )


def test_cli_sync_bad_usage(cli) -> None:
    no_scheme = cli("sync", "--url", "example.org")
    assert no_scheme.exit_code == 2 and "must start with https://" in no_scheme.stderr
    # No password and no terminal to ask in (as under cron): found before any server is
    # asked, so it is bad usage like a bad --url, exit 2 (README says so).
    no_password = cli("sync", "--url", "https://example.invalid/", "--user", "anna")
    assert (no_password.exit_code, no_password.stderr, no_password.stdout) == (
        2,
        "error: no password: set REMEDY_PLANNER_PASSWORD or run in a terminal\n",
        "",
    )


# -- what a failed sync says: one line, the URL that failed, exit 1 ---------------------------

START = ("sync", "--start", "2026-11-30")
ALICE = {"REMEDY_PLANNER_PASSWORD": "secret"}


def test_cli_no_user_name_says_so_and_names_the_option(server, cli) -> None:
    url, _, _ = server
    result = cli(*START, "--url", url)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"error: {url}: the server asks for a user name and password, "
        "but no user name was given (--user)\n"
    )


def test_cli_a_calendar_url_with_no_calendar_names_that_url(server, cli) -> None:
    url, _, _ = server
    calendar = url + "alice/nope/"
    result = cli(*START, "--url", url, "--user", "alice", "--calendar", calendar, env=ALICE)
    assert (result.exit_code, result.stdout) == (1, "")
    assert (
        result.stderr
        == f"error: {calendar}: there is no calendar at this address (404 Not Found)\n"
    )


def test_cli_another_users_calendar_names_that_url(server, cli) -> None:
    url, _, _ = server
    made = sync_plan(plan_for(weeks=1), builtin().recipes, NOW, url, user="bob",
                     password="hunter2")  # fmt: skip
    assert made.created_calendar
    calendar = url + "bob/back-care/"
    result = cli(*START, "--url", url, "--user", "alice", "--calendar", calendar, env=ALICE)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"error: {calendar}: this user may not use that calendar (403 Forbidden)\n"
    )


def _readme_sample() -> list[tuple[str, list[str]]]:
    """The README's sync example as (command-line options, printed lines) per command."""
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```console\n(\$ export REMEDY_PLANNER_PASSWORD.*?)```", readme, re.S)
    assert block, "README has no sync example"
    runs: list[tuple[str, list[str]]] = []
    for line in block.group(1).splitlines()[1:]:
        if line.startswith("$ remedy-planner sync "):
            runs.append((line.removeprefix("$ remedy-planner sync "), []))
        else:
            runs[-1][1].append(line)
    return runs


def test_cli_lists_changes_in_time_order_as_readme_shows(server, cli) -> None:
    url, _, _ = server
    runs = _readme_sample()
    assert len(runs) == 3
    for options, expected in runs:
        args = options.replace("https://cloud.example.org/remote.php/dav/", url)
        args = args.replace("--user anna", "--user alice").split()
        result = cli("sync", *args, env=ALICE)
        assert result.exit_code == 0, result.stderr
        assert matches(expected, result.stdout.splitlines()), result.stdout
    # Radicale lists the objects by UID (recipe id first), which put the chamomile bath of
    # 27 Dec before the sea-salt mask of 26 Dec; the listing is by date and time.
    listed = result.stdout.split("event(s) were deleted (18 sessions)\n")[1].splitlines()[:4]
    assert listed == sorted(listed) and len({line[:16] for line in listed}) == 4


READ_ONLY = """
[root]
user: .+
collection:
permissions: R

[principal]
user: .+
collection: {user}
permissions: R

[calendars]
user: .+
collection: {user}/[^/]+
permissions: r
"""


def test_an_event_the_server_rejects_is_one_line_with_the_reason(tmp_path: Path) -> None:
    users = tmp_path / "users"
    users.write_text("alice:secret\n")
    port = free_port()
    with radicale(tmp_path, htpasswd=users, port=port) as url:
        sync_plan(plan_for(weeks=1), builtin().recipes, NOW, url, user="alice", password="secret")
    rights = tmp_path / "rights"
    rights.write_text(READ_ONLY)
    with radicale(tmp_path, htpasswd=users, port=port, rights=rights) as url:
        with pytest.raises(PlannerError) as info:
            sync_plan(
                plan_for(weeks=2), builtin().recipes, NOW, url, user="alice", password="secret"
            )
        message = str(info.value)
        assert "\n" not in message
        assert message.startswith(("create 2026-", "update 2026-", "delete 2026-"))
        assert "the server rejected it: Forbidden" in message


def test_a_calendar_url_that_does_not_exist_is_reported(server) -> None:
    url, _, _ = server
    with pytest.raises(PlannerError, match="there is no calendar at this address"):
        sync_plan(plan_for(), builtin().recipes, NOW, url, user="alice", password="secret",
                  calendar=url + "alice/nothing-here/")  # fmt: skip


def test_a_named_calendar_is_its_own_calendar(server) -> None:
    url, _, _ = server
    sync_plan(plan_for(), builtin().recipes, NOW, url, user="alice", password="secret")
    report = sync_plan(plan_for(), builtin().recipes, NOW, url, user="alice", password="secret",
                       calendar="My skin")  # fmt: skip
    assert report.created_calendar and report.calendar == "My skin"
    assert set(server_events(url, "My skin")) == file_uids(plan_for())
    assert set(server_events(url, "Back care")) == file_uids(plan_for())


def test_an_event_moved_on_the_server_is_kept_and_planned_around(server) -> None:
    import caldav

    from planner.caldav.client import Session
    from planner.caldav.sync import open_calendar, person_sessions

    url, _, _ = server
    plan = plan_for()
    sync_plan(plan, builtin().recipes, NOW, url, user="alice", password="secret")
    client = caldav.DAVClient(url=url, username="alice", password="secret")
    cal = next(c for c in client.principal().calendars() if c.get_display_name() == "Back care")
    target = next(o for o in cal.events() if "soda-mask" in str(o.icalendar_component["UID"]))
    uid = str(target.icalendar_component["UID"])
    # Dragged to the morning: the app changes the times, not our X- properties.
    target.data = "\n".join(
        line.replace("T200000", "T090000").replace("T203000", "T093000")
        if line.startswith(("DTSTART", "DTEND"))
        else line
        for line in target.data.splitlines()
    )
    target.save(increase_seqno=False)
    moved = server_events(url)[uid].to_ical()
    report = sync_plan(plan, builtin().recipes, NOW, url, user="alice", password="secret")
    assert uid not in [c.uid for c in report.changes]  # never put back
    assert server_events(url)[uid].to_ical() == moved
    session = Session(url, "alice", "secret")
    try:
        found = open_calendar(session, url, "Back care", "back-care")
        theirs = person_sessions(found, ZoneInfo("Europe/Berlin"), {"soda-mask": "Mask"})
    finally:
        session.close()
    day = uid.split(".")[2]
    assert [(e.kind, e.label, e.to) for e in found.kept] == [
        (
            "moved",
            f"{day[:4]}-{day[4:6]}-{day[6:]} 20:00 Mask",
            f"{day[:4]}-{day[4:6]}-{day[6:]} 09:00",
        )
    ]
    assert [(o.recipe, o.start, o.kept) for o in theirs] == [("soda-mask", 9 * 60, True)]


def _file_events(plan) -> dict[str, bytes]:
    """The calendar file's events by UID, as bytes without the DTSTAMP (the time written)."""
    out = {}
    for ev in Calendar.from_ical(render_ics(plan, builtin().recipes, NOW)).walk("VEVENT"):
        lines = ev.to_ical().splitlines()
        out[str(ev["UID"])] = b"\n".join(x for x in lines if not x.startswith(b"DTSTAMP"))
    return out


def _two_weeks_synced(url: str):
    """back-care's routine, its two-week plan from MONDAY synced to ``url``, and the
    events the server then holds."""
    routine = load_routine_file(builtin_routine_files()["back-care"], builtin())
    first = build_schedule(routine, builtin().recipes, MONDAY, 2, timezone="Europe/Berlin")
    sync_plan(first, builtin().recipes, NOW, url, user="alice", password="secret")
    return routine, first, server_events(url)


def test_a_plan_made_again_from_what_was_done_changes_only_what_moved(server) -> None:
    from planner.core.done import Done

    url, _, _ = server
    recipes = builtin().recipes
    routine, first, before = _two_weeks_synced(url)
    soda = next(s for s in first.sessions if s.recipe == "soda-mask")
    clay = next(s for s in first.sessions if s.recipe == "salt-clay-mask")
    # The first soda mask was done half an hour late, the first clay mask at no time noted.
    history = (Done("soda-mask", soda.date, soda.start + 30), Done("salt-clay-mask", clay.date))
    again = build_schedule(routine, recipes, MONDAY, 2, timezone="Europe/Berlin", history=history)
    assert sorted(d.recipe for d in again.done) == ["salt-clay-mask", "soda-mask"]

    report = sync_plan(again, recipes, NOW, url, user="alice", password="secret")
    after = server_events(url)
    assert set(after) == file_uids(again)
    old, new = _file_events(first), _file_events(again)
    moved = {uid for uid in old.keys() | new.keys() if old.get(uid) != new.get(uid)}
    assert {c.uid for c in report.changes} == moved
    done_uids = {
        f"back-care.soda-mask.{soda.date:%Y%m%d}.d1@remedy-planner",
        f"back-care.salt-clay-mask.{clay.date:%Y%m%d}.d1@remedy-planner",
    }
    assert {c.uid for c in report.changes if c.kind == "create"} == done_uids
    assert {c.uid for c in report.changes if c.kind == "delete"} == {
        f"back-care.soda-mask.{soda.date:%Y%m%d}.{soda.slot}@remedy-planner",
        f"back-care.salt-clay-mask.{clay.date:%Y%m%d}.{clay.slot}@remedy-planner",
    }
    assert not report.listed("update")
    # Everything else is the same object, byte for byte, under the same UID.
    for uid in set(old) - moved:
        assert after[uid].to_ical() == before[uid].to_ical()
    assert str(after[min(done_uids)]["SUMMARY"]).endswith(": done")


def test_a_plan_made_again_from_a_later_monday_keeps_earlier_and_unchanged_weeks(server) -> None:
    from planner.core.done import Done

    url, _, _ = server
    recipes = builtin().recipes
    routine, first, before = _two_weeks_synced(url)
    later = MONDAY + dt.timedelta(days=7)
    # Week 1 went as planned; on Tuesday of week 2 the plan is made again from its Monday.
    history = tuple(Done(s.recipe, s.date, s.start) for s in first.sessions if s.date < later)
    again = build_schedule(routine, recipes, later, 1, timezone="Europe/Berlin", history=history)
    now = dt.datetime.combine(later + dt.timedelta(days=1), dt.time(12), dt.UTC)
    report = sync_plan(again, recipes, now, url, user="alice", password="secret")
    after = server_events(url)

    old, new = _file_events(first), _file_events(again)
    week1 = {uid for uid in old if uid.split(".")[2] < f"{later:%Y%m%d}"}
    assert len(week1) == 6  # two daily wipe series, two soda masks, a clay mask, a bath
    assert report.past == len(week1)  # over before the new plan and now: the record
    for uid in week1:
        assert after[uid].to_ical() == before[uid].to_ical()
    moved = {uid for uid in (old.keys() - week1) | new.keys() if old.get(uid) != new.get(uid)}
    assert {c.uid for c in report.changes} == moved
    # Week 2's daily wipes are the same series under the same UIDs: untouched.
    wipes = {f"back-care.calendula-wipe.{later:%Y%m%d}.{n}@remedy-planner" for n in (1, 2)}
    assert wipes <= set(new) and not wipes & moved
    assert set(after) == week1 | set(new)
