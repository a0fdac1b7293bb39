"""``sync``: the plan into a CalDAV calendar, kept equal to it on every later run."""

from __future__ import annotations

import dataclasses
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from planner.cli.app import _now, _say, _today, main
from planner.cli.history import _history_path
from planner.cli.plan import _plan_setup, _schedule, plan_options
from planner.cli.types import _Between, parse_remind
from planner.errors import PlannerError, SyncError, UsageError

if TYPE_CHECKING:
    from planner.caldav.changes import Occurrence
    from planner.caldav.objects import Tally
    from planner.caldav.sync import SyncReport
    from planner.caldav.tasks import TaskReport
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
    "--remove",
    is_flag=True,
    help="Delete this routine's events and tasks from the calendar and task list "
    "(nothing else), instead of syncing.",
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
    remove: bool,
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
    import signal
    import zoneinfo

    from planner.caldav.client import Session, check_url
    from planner.caldav.sync import (
        events_of,
        open_calendar,
        person_sessions,
        remove_all,
        sync_events,
    )
    from planner.caldav.tasks import (
        open_task_list,
        publish_tasks,
        read_ticks,
        task_list_name,
        tasks_of,
    )
    from planner.core.done import Done
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
    names = {rid: recipe.name for rid, recipe in library.recipes.items()}
    tz = zoneinfo.ZoneInfo(zone)
    options = IcsOptions(remind_minutes=remind_minutes, recurrence=not no_recurrence)
    session = Session(url, user, password, timeout=timeout)
    memory = published_file(history)
    report: SyncReport | None = None
    listed: TaskReport | None = None
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        listed = open_task_list(session, url, task_list or task_list_name(routine.title),
                                routine.id, make=tasks and not remove, dry_run=dry_run)  # fmt: skip
        outcome = record_ticks(history, read_ticks(listed, tz), tz, now, dry_run=dry_run)
        _say_ticks(outcome, library.recipes, history, dry_run)
        if listed.url is None or listed.created:
            _say_list_missing(listed.task_list, routine.id, history)
        report = open_calendar(session, url, calendar or routine.title, routine.id,
                               dry_run=dry_run, make=not remove)  # fmt: skip
        if remove:
            remove_all(session, report, events_of(routine.id), dry_run)
            remove_all(session, listed, tasks_of(routine.id), dry_run)
            for collection in (report.url, listed.url) if not dry_run else ():
                if collection is not None:  # nothing of this routine is there to be kept
                    write_published(memory, collection, (), today)
        else:
            # The person's changes in the calendar are planned around, as sessions of
            # theirs; in a dry run the ticks are in no file yet, and count all the same.
            theirs = person_sessions(report, tz, names)
            fixed = tuple(Done(o.recipe, o.date, o.start, _THEIRS) for o in theirs)
            ticked = (*outcome.recorded, *(new for _, new in outcome.moved)) if dry_run else ()
            _, library, result = _schedule(ctx, setup, plan_args["weeks"],
                                           plan_args["conditions"], plan_args["best_effort"],
                                           histories, (*ticked, *fixed))  # fmt: skip
            result = dataclasses.replace(
                result, done=tuple(d for d in result.done if d.source != _THEIRS)
            )
            _warn_limits(theirs, fixed, library.recipes, histories)
            before = read_published(memory, report.url) if report.url else set()
            sync_events(session, report, result, library.recipes, now, options, before)
            # After: what was deleted there, and other routines' events, are known only now.
            _say_kept(report, dry_run)
            _warn_others(report, routine.id)
            if report.url and not dry_run:
                write_published(memory, report.url, report.published(before), today)
            if tasks:
                before = read_published(memory, listed.url) if listed.url else set()
                publish_tasks(session, listed, result, library.recipes, now, today, before)
                if listed.url and not dry_run:
                    write_published(memory, listed.url, listed.published(before), today)
    except (PlannerError, KeyboardInterrupt):
        _say_cut_off(report, listed)
        raise
    finally:
        signal.signal(signal.SIGTERM, previous)
        session.close()
    assert report is not None and listed is not None
    if remove:
        _say_removed(report, listed, dry_run)
    else:
        _say_summary(report, listed, result, tasks, dry_run)


def _interrupt(*_args: Any) -> None:
    """SIGTERM (a service manager stopping the run) ends a sync as Ctrl-C does: what was
    done stays, and the run says how far it got."""
    raise KeyboardInterrupt


def _say_summary(
    report: SyncReport, listed: TaskReport, result: Any, tasks: bool, dry_run: bool
) -> None:
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


_THEIRS = "kept in the calendar"  # the source of the sessions the person set in the calendar


def _say_kept(report: SyncReport, dry_run: bool) -> None:
    """The person's changes in the calendar, each by its date (in time order), before
    the summary."""
    found = []  # (the session's date and time as planned, the line)
    for edit in report.kept:
        if edit.kind == "moved":
            found.append((edit.label, f"moved {edit.label} to {edit.to}"))
        else:
            found.append((edit.label, f"{edit.kind} {edit.label}"
                                      + (f" ({edit.to})" if edit.to else "")))  # fmt: skip
    for change in report.skipped:
        series = f" (a daily series of {change.sessions})" if change.sessions > 1 else ""
        found.append((change.label, f"deleted {change.label}{series}"))
    lines = [line for _, line in sorted(found, key=lambda f: f[0][:16])]
    if lines:
        verb = "would keep" if dry_run else "kept"
        n = len(lines)
        _say(f"{verb} {n} change{'s' if n != 1 else ''} made in the calendar, as they are:")
        for line in lines:
            _say(f"  {line}")


def _warn_limits(
    theirs: list[Occurrence], fixed: tuple[Done, ...], recipes: Any, histories: tuple[Path, ...]
) -> None:
    """A session the person moved that breaks one of its recipe's limits: said, and left."""
    from planner.cli.history import _read_done
    from planner.view.describe import limit_warnings

    done, _ = _read_done(histories)
    around = [*done, *(d for d, o in zip(fixed, theirs, strict=True) if o.kept)]
    for record, occurrence in zip(fixed, theirs, strict=True):
        if not occurrence.kept or record.recipe not in recipes:
            continue
        for warning in limit_warnings(recipes[record.recipe], around, record)[:1]:
            _say(f"warning: {_when(record, recipes)}, as set in the calendar: {warning}; "
                 "left as it is", err=True)  # fmt: skip


def _warn_others(report: SyncReport, routine: str) -> None:
    """Another routine's events on the same days: most likely a copy of this routine."""
    for other, count in sorted(report.others.items()):
        _say(f"warning: the calendar '{report.calendar}' also holds {count} event(s) of "
             f"routine '{other}' on these days; if '{routine}' is a copy of it, put "
             f'id = "{other}" in its file so that it takes their place, or remove them '
             f"with: remedy-planner sync {other} --remove", err=True)  # fmt: skip


def _say_removed(report: SyncReport, listed: TaskReport, dry_run: bool) -> None:
    verb = "would be" if dry_run else "were"
    n = sum(c.sessions for c in report.changes)
    _say(f"{len(report.changes)} event(s) {verb} deleted from '{report.calendar}' "
         f"({n} session{'s' if n != 1 else ''})")  # fmt: skip
    if listed.url is not None:
        _say(f"{len(listed.changes)} task(s) {verb} deleted from '{listed.task_list}'")
    conflicts = [*report.conflicts, *listed.conflicts]
    if conflicts:
        raise SyncError([str(c) for c in conflicts])


def _say_cut_off(report: Tally | None, listed: Tally | None) -> None:
    """A sync stopped part-way: how far it got (what was done stays; the next run ends it)."""
    for tally, word in ((report, "event"), (listed, "task")):
        if tally is not None and tally.changes and len(tally.changes) < tally.planned:
            _say(f"notice: stopped after {len(tally.changes)} of {tally.planned} {word} "
                 "change(s); run sync again to finish", err=True)  # fmt: skip


def _some(labels: list[str]) -> str:
    """The first few labels on one line; a title the person typed may be long."""
    shown = [label if len(label) <= 70 else label[:67] + "..." for label in labels[:5]]
    return ", ".join(shown) + (" ..." if len(labels) > 5 else "")


def _say_changes(report: Tally, word: str, verb: str) -> None:
    for kind in ("create", "update", "delete"):
        changes = report.listed(kind)
        past = {"create": "created", "update": "updated", "delete": "deleted"}[kind]
        n = sum(c.sessions for c in changes)
        count = f" ({n} sessions)" if word == "event" and n != len(changes) else ""
        _say(f"{len(changes)} {word}(s) {verb} {past}{count}")
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
