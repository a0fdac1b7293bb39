"""``sync``: the plan into a CalDAV calendar, kept equal to it on every later run."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

import click

from planner.cli.app import _now, _say, _today, main
from planner.cli.history import _history_path
from planner.cli.plan import _plan_setup, _schedule, plan_options
from planner.cli.types import _Between, parse_remind
from planner.errors import SyncError, UsageError

if TYPE_CHECKING:
    from planner.caldav.objects import Tally
    from planner.core.done import Done
    from planner.history.phone import TickOutcome


@main.command(short_help="Put the plan into a CalDAV calendar and keep it up to date.")
@plan_options
@click.option(
    "--url",
    required=True,
    metavar="URL",
    help="The CalDAV server, e.g. https://cloud.example.org/remote.php/dav/",
)
@click.option(
    "--calendar",
    metavar="NAME|URL",
    help="Calendar to fill (created if missing). Default: the routine's title.",
)
@click.option(
    "--user",
    metavar="USER",
    help="User name; the password comes from "
    "REMEDY_PLANNER_PASSWORD or a hidden prompt, never from the command line.",
)
@click.option("--dry-run", is_flag=True, help="Show what would change and change nothing.")
@click.option(
    "--remind",
    default="30m",
    show_default=True,
    metavar="TIME|none",
    help="Reminder before each session, e.g. 30m, 1h, or none.",
)
@click.option("--no-recurrence", is_flag=True, help="One event per session (no daily series).")
@click.option(
    "--tasks",
    is_flag=True,
    help="Also publish a task to tick for each session of the next 14 days, in a task "
    "list of its own (created if missing).",
)
@click.option(
    "--task-list",
    metavar="NAME|URL",
    help="The task list to publish to and read ticks from. Default: the routine's title "
    "and ' - to do'.",
)
@click.option(
    "--timeout",
    type=_Between(1, 3600),
    default=120,
    show_default=True,
    metavar="SECONDS",
    help="Give up when the whole sync takes longer than this.",
)
@click.option(
    "--allow-insecure-http",
    is_flag=True,
    help="Allow a plain http:// URL to another computer (the password travels unencrypted).",
)
@click.pass_context
def sync(
    ctx: click.Context,
    /,
    url: str,
    calendar: str | None,
    user: str | None,
    dry_run: bool,
    remind: str,
    no_recurrence: bool,
    tasks: bool,
    task_list: str | None,
    timeout: int,
    allow_insecure_http: bool,
    **plan_args: Any,
) -> None:
    """Put the plan into a CalDAV calendar and keep it equal to the plan.

    First reads the routine's task list: sessions ticked there since the last sync
    are recorded in your history (and un-ticked ones taken back), so the plan made
    next already counts them. Then creates the events the calendar lacks, updates
    changed ones and deletes the ones an earlier sync of this routine made that the
    plan no longer has; with --tasks, does the same for the tasks of the next 14
    days. Events and tasks it did not make are never touched. Running it again with
    nothing changed changes nothing.

    \b
    Example:
      REMEDY_PLANNER_PASSWORD=... remedy-planner sync back-care \\
        --url https://cloud.example.org/remote.php/dav/ --user anna --tasks --dry-run
    """
    import logging
    import zoneinfo

    from planner.caldav.client import Session, check_url
    from planner.caldav.sync import sync_plan
    from planner.caldav.tasks import open_task_list, publish_tasks, read_ticks, task_list_name
    from planner.formats.ics import IcsOptions
    from planner.history.phone import record_ticks
    from planner.history.published import published_file, read_published, write_published

    # Log records of the network and XML libraries never reach the terminal: every
    # failure we know becomes one "error:" line. (Only sync talks to a network.)
    logging.getLogger().addHandler(logging.NullHandler())

    try:
        remind_minutes = parse_remind(remind)
    except ValueError as exc:
        raise UsageError(f"--remind: {exc}") from None
    for warning in check_url(url, allow_insecure_http):
        _say(f"warning: {warning}", err=True)
    for given in (calendar, task_list):
        if given is not None and given.startswith(("http://", "https://")):
            check_url(given, allow_insecure_http)  # no password inside it either
    histories = plan_args.pop("histories")
    setup = _plan_setup(ctx, plan_args["routine"], plan_args["start"], plan_args["tz"],
                        plan_args["conditions"])  # fmt: skip
    routine, library, _, zone = setup
    password = None
    if user is not None:
        password = os.environ.get("REMEDY_PLANNER_PASSWORD")
        if password is None:
            if not sys.stdin.isatty():
                raise UsageError("no password: set REMEDY_PLANNER_PASSWORD or run in a terminal")
            password = click.prompt(f"Password for {user}", hide_input=True)
    now, today = _now(ctx), _today(ctx)
    history = _history_path(None)
    session = Session(url, user, password, timeout=timeout)
    try:
        listed = open_task_list(session, url, task_list or task_list_name(routine.title),
                                routine.id, make=tasks, dry_run=dry_run)  # fmt: skip
        ticks = read_ticks(listed, zoneinfo.ZoneInfo(zone))
        outcome = record_ticks(history, ticks, zoneinfo.ZoneInfo(zone), now, dry_run=dry_run)
        _say_ticks(outcome, library.recipes, history, dry_run)
        if listed.url is None or listed.created:
            _say_list_missing(listed.task_list, routine.id, history)
        # In a dry run the ticks are in no file yet; the plan counts them all the same.
        extra = (*outcome.recorded, *(new for _, new in outcome.moved)) if dry_run else ()
        _, library, result = _schedule(ctx, setup, plan_args["weeks"], plan_args["conditions"],
                                       plan_args["best_effort"], histories, extra)  # fmt: skip
        options = IcsOptions(remind_minutes=remind_minutes, recurrence=not no_recurrence)
        report = sync_plan(result, library.recipes, now, url, calendar=calendar,
                           dry_run=dry_run, options=options,
                           allow_insecure_http=allow_insecure_http, session=session)  # fmt: skip
        if tasks:
            memory = published_file(history)
            before = read_published(memory, listed.url) if listed.url else set()
            publish_tasks(session, listed, result, library.recipes, now, today, before)
            if listed.url and not dry_run:
                write_published(memory, listed.url, listed.published(before), today)
    finally:
        session.close()
    verb = "would be" if dry_run else "were"
    if report.created_calendar:
        _say(f"calendar '{report.calendar}' {'would be' if dry_run else 'was'} created")
    _say_changes(report, "event", verb)
    _say(f"{report.unchanged} event(s) already up to date in '{report.calendar}'")
    if report.past:
        _say(f"{report.past} event(s) of earlier weeks, over before "
                   f"{result.start.isoformat()}, left as they are")  # fmt: skip
    if tasks:
        if listed.created:
            _say(f"task list '{listed.task_list}' {'would be' if dry_run else 'was'} created")
        _say_changes(listed, "task", verb)
        ticked = f"; {listed.left_ticked} ticked task(s) kept" if listed.left_ticked else ""
        _say(f"{listed.unchanged} task(s) already up to date in '{listed.task_list}'{ticked}")
    if listed.skipped:
        _say(f"{len(listed.skipped)} task(s) deleted in the task list, not made again "
             f"(skipped): {_some(listed.skipped)}")  # fmt: skip
    if listed.kept:
        _say(f"kept {len(listed.kept)} task(s) changed in the task list, as they are: "
             f"{_some(listed.kept)}")  # fmt: skip
    conflicts = [*report.conflicts, *listed.conflicts]
    if conflicts:
        raise SyncError([str(c) for c in conflicts])


def _some(labels: list[str]) -> str:
    """The first few labels on one line; a title the person typed may be long."""
    shown = [label if len(label) <= 70 else label[:67] + "..." for label in labels[:5]]
    return ", ".join(shown) + (" ..." if len(labels) > 5 else "")


def _say_changes(report: Tally, word: str, verb: str) -> None:
    for kind in ("create", "update", "delete"):
        changes = report.listed(kind)
        past = {"create": "created", "update": "updated", "delete": "deleted"}[kind]
        _say(f"{len(changes)} {word}(s) {verb} {past}")
        for change in changes[:5]:
            _say(f"  {change.label}")
        if len(changes) > 5:
            _say(f"  ... and {len(changes) - 5} more")


def _when(d: Done, names: Any) -> str:
    from planner.core.recipe import clock

    name = names[d.recipe].name if d.recipe in names else d.recipe
    at = f" {clock(d.time)}" if d.time is not None else ""
    return f"{d.date.isoformat()}{at} {name}"


def _say_ticks(outcome: TickOutcome, names: Any, history: Any, dry_run: bool) -> None:
    """What the ticks read from the phone did to the history."""

    def sessions(n: int) -> str:
        return f"{n} session{'s' if n != 1 else ''}"

    if outcome.recorded:
        verb = "would record" if dry_run else "recorded"
        _say(f"{verb} {sessions(len(outcome.recorded))} ticked on the phone"
             f"{'' if dry_run else f' in {history}'}:")  # fmt: skip
        for d in outcome.recorded:
            _say(f"  {_when(d, names)}")
    if outcome.moved:
        verb = "would move" if dry_run else "moved"
        _say(f"{verb} {sessions(len(outcome.moved))} ticked again at another time:")
        for was, new in outcome.moved:
            _say(f"  {_when(was, names)} -> {_when(new, names)}")
    if outcome.taken_back:
        verb = "would take back" if dry_run else "took back"
        _say(f"{verb} {sessions(len(outcome.taken_back))} un-ticked on the phone:")
        for d in outcome.taken_back:
            _say(f"  {_when(d, names)}")
    for tick, local in outcome.refused:
        title = tick.title if len(tick.title) <= 60 else tick.title[:57] + "..."
        _say(f"warning: the task '{title}' ({tick.uid}) was ticked at "
             f"{local:%Y-%m-%d %H:%M}, later than now; not recorded (is the phone's clock "
             "right?)", err=True)  # fmt: skip


def _say_list_missing(name: str, routine: str, history: Any) -> None:
    """A task list that held ticks of this routine and is gone: its records stay."""
    from planner.formats.tasks import read_task_uid
    from planner.history.store import read_history

    held = [d for d in read_history(history) if (t := read_task_uid(d.task)) and
            t.routine == routine]  # fmt: skip
    if held:
        _say(f"notice: the task list '{name}' is not on the server (deleted?); the "
             f"{len(held)} session(s) ticked there stay in the history", err=True)  # fmt: skip
