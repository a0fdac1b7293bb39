"""``sync``: the plan into a CalDAV calendar, kept equal to it on every later run."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

import click

from planner.cli.app import _now, _say, main
from planner.cli.plan import _build_plan, plan_options
from planner.cli.types import _Between, parse_remind
from planner.errors import (
    SyncError,
    UsageError,
)

if TYPE_CHECKING:
    pass


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
    timeout: int,
    allow_insecure_http: bool,
    **plan_args: Any,
) -> None:
    """Put the plan into a CalDAV calendar and keep it equal to the plan.

    Creates the events the calendar lacks, updates changed ones and deletes the
    ones an earlier sync of this routine made that the plan no longer has.
    Events it did not make are never touched. Running it again with the same
    plan changes nothing.

    \b
    Example:
      REMEDY_PLANNER_PASSWORD=... remedy-planner sync back-care \\
        --url https://cloud.example.org/remote.php/dav/ --user anna --dry-run
    """
    import logging

    from planner.caldav.client import check_url
    from planner.caldav.sync import sync_plan
    from planner.formats.ics import IcsOptions

    # Log records of the network and XML libraries never reach the terminal: every
    # failure we know becomes one "error:" line. (Only sync talks to a network.)
    logging.getLogger().addHandler(logging.NullHandler())

    try:
        remind_minutes = parse_remind(remind)
    except ValueError as exc:
        raise UsageError(f"--remind: {exc}") from None
    for warning in check_url(url, allow_insecure_http):
        _say(f"warning: {warning}", err=True)
    password = None
    if user is not None:
        password = os.environ.get("REMEDY_PLANNER_PASSWORD")
        if password is None:
            if not sys.stdin.isatty():
                raise UsageError("no password: set REMEDY_PLANNER_PASSWORD or run in a terminal")
            password = click.prompt(f"Password for {user}", hide_input=True)
    _, library, result = _build_plan(ctx, **plan_args)
    now = _now(ctx)
    options = IcsOptions(remind_minutes=remind_minutes, recurrence=not no_recurrence)
    report = sync_plan(result, library.recipes, now, url, user=user, password=password,
                       calendar=calendar, dry_run=dry_run, options=options, timeout=timeout,
                       allow_insecure_http=allow_insecure_http)  # fmt: skip
    verb = "would be" if dry_run else "were"
    if report.created_calendar:
        _say(f"calendar '{report.calendar}' {'would be' if dry_run else 'was'} created")
    for kind in ("create", "update", "delete"):
        changes = report.listed(kind)
        past = {"create": "created", "update": "updated", "delete": "deleted"}[kind]
        _say(f"{len(changes)} event(s) {verb} {past}")
        for change in changes[:5]:
            _say(f"  {change.label}")
        if len(changes) > 5:
            _say(f"  ... and {len(changes) - 5} more")
    _say(f"{report.unchanged} event(s) already up to date in '{report.calendar}'")
    if report.past:
        _say(f"{report.past} event(s) of earlier weeks, over before "
                   f"{result.start.isoformat()}, left as they are")  # fmt: skip
    if report.conflicts:
        raise SyncError([str(c) for c in report.conflicts])
