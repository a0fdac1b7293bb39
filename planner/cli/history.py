"""Commands about what was really done: ``done`` (record or take back a session) and
``progress`` (how a plan is going)."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from planner.cli.app import (
    FORMAT,
    RECIPES,
    _complete_recipe,
    _Existing,
    _library,
    _say,
    _today,
    main,
)
from planner.cli.types import _Clock, _Date
from planner.errors import (
    UsageError,
)

if TYPE_CHECKING:
    pass


def _history_path(given: Path | None) -> Path:
    """--history FILE, or the history in the person's data folder."""
    from planner.history.store import history_file

    if given is not None:
        return given
    return history_file(sys.platform, os.environ, os.path.expanduser("~"))


def _read_done(
    paths: tuple[Path, ...], plan: Any = None, first: tuple[Any, ...] = ()
) -> tuple[list[Any], list[Any]]:
    """planner.history.sources.read_done, with the data folder's history."""
    from planner.history.sources import read_done

    return read_done(_history_path(None), paths, plan, first)


def _session_words(name: str, rid: str, day: dt.date, minutes: int | None) -> str:
    """ "Baking-soda mask (soda-mask) on Sat 5 Dec 2026 at 20:15"."""
    from planner.core.recipe import clock, day_text

    at = f" at {clock(minutes)}" if minutes is not None else ""
    return f"{name} ({rid}) on {day_text(day, year=True)}{at}"


def _source_words(source: str) -> str:
    """Where a record came from, in words."""
    if source == "done":
        return "the done command"
    if source == "calendar":
        return "a task ticked on the phone"
    return source


@main.command(short_help="Record a session you really did (or take one back).")
@click.argument("recipe", shell_complete=_complete_recipe)
@click.option(
    "--date", "day", type=_Date(), help="The day it was done (YYYY-MM-DD). Default: today."
)
@click.option("--time", "minutes", type=_Clock(), help="The time it was started (HH:MM), if known.")
@click.option(
    "--history",
    "history",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="The history file. Default: history.json in your data folder "
    "(e.g. ~/.local/share/remedy-planner on Linux).",
)
@click.option(
    "--undo",
    is_flag=True,
    help="Take back the latest session of RECIPE in the history, by date and time "
    "(with --date: that day's latest).",
)
@RECIPES
@click.pass_context
def done(
    ctx: click.Context,
    recipe: str,
    day: dt.datetime | None,
    minutes: int | None,
    history: Path | None,
    undo: bool,
) -> None:
    """Record a session of RECIPE that really happened, in your history.

    Says so when the session broke one of the recipe's limits; it is recorded
    all the same. The same remedy on the same day at the same time (or twice
    without a time) is recorded once. With --undo, takes back the latest session
    of RECIPE instead.

    \b
    Example:
      remedy-planner done soda-mask --time 20:15
      remedy-planner done soda-mask --undo
    """
    from planner.core.done import Done
    from planner.errors import NothingToRemoveError
    from planner.history.store import append_done, read_history, undo_done
    from planner.load.library import get_recipe
    from planner.view.describe import limit_warnings

    library = _library(ctx)
    from planner.history.sources import is_workbook

    if history is not None and is_workbook(history):
        raise UsageError(
            f"--history: {history} is a workbook; done records sessions in a history file "
            "(JSON), while a ticked workbook is read by plan, shopping, sync and progress "
            "with their --history"
        )
    path = _history_path(history)
    if undo:
        # A session of a recipe since removed from the library can still be taken back.
        removed = undo_done(path, recipe, day.date() if day else None)
        if removed is None:
            get_recipe(library, recipe)  # a typo gets the library's "did you mean"
            on = f" on {day.date().isoformat()}" if day else ""
            raise NothingToRemoveError(f"no recorded session of {recipe}{on} to remove")
        name = library.recipes[recipe].name if recipe in library.recipes else recipe
        _say(f"removed: {_session_words(name, recipe, removed.date, removed.time)} from {path}")
        return
    found = get_recipe(library, recipe)
    today = _today(ctx)
    date = day.date() if day else today
    if date > today:
        # Most likely a slip of the keyboard; recorded all the same (--undo takes it back).
        _say(f"notice: {date.isoformat()} is in the future", err=True)
    session = Done(found.id, date, minutes)
    kept = append_done(path, session)
    if kept is not None:
        again = "" if minutes is not None else "; give --time to record another one that day"
        _say(f"already recorded: {_session_words(found.name, found.id, date, minutes)} in "
             f"{path} (from {_source_words(kept.source)}){again}")  # fmt: skip
        return
    _say(f"recorded: {_session_words(found.name, found.id, date, minutes)} in {path}")
    for warning in limit_warnings(found, read_history(path), session)[:1]:
        _say(f"warning: {warning}", err=True)


@main.command(short_help="How a plan is going: done, missed and extra sessions.")
@click.argument(
    "plan_file", metavar="PLAN.json|PLAN.xlsx", type=_Existing("plan file", dir_okay=False),
)  # fmt: skip
@click.option(
    "--history",
    "histories",
    multiple=True,
    type=_Existing("history file", dir_okay=False),
    metavar="FILE",
    help="What was really done (repeatable): a history file, or a ticked workbook (.xlsx). "
    "The history in your data folder always counts.",
)
@click.option(
    "--today",
    "today",
    type=_Date(),
    help="Count as if today were this day (YYYY-MM-DD): later sessions are to come.",
)
@FORMAT
@RECIPES
@click.pass_context
def progress(
    ctx: click.Context,
    plan_file: Path,
    histories: tuple[Path, ...],
    today: dt.datetime | None,
    fmt: str,
) -> None:
    """How a plan is going: per remedy and per week, what was planned, done,
    missed and done extra, and the skin ratings over time.

    PLAN is the JSON file or the workbook 'plan' wrote; a workbook's own ticks
    and ratings count. A session counts as done when a history holds that remedy
    on that day; sessions after today are to come, neither done nor missed.

    \b
    Example:
      remedy-planner progress plans/back-care.xlsx --history history.json
    """
    from planner.core.progress import counts_by_week, measure_progress

    own: tuple[Any, ...] = ()
    ratings: list[tuple[dt.date, int]] = []
    from planner.history.sources import is_workbook

    if is_workbook(plan_file):
        from planner.formats.workbook.read import read_workbook_marks

        marks = read_workbook_marks(plan_file)
        the_plan, names = marks.plan, dict(marks.names)
        own = marks.done
        ratings += marks.ratings
        # Given again with --history, the same file is not read twice.
        histories = tuple(p for p in histories if p.resolve() != plan_file.resolve())
    else:
        from planner.formats.planfile import read_plan_json

        the_plan, names = read_plan_json(plan_file)
    done, more_ratings = _read_done(histories, the_plan, first=own)
    ratings += more_ratings
    day = today.date() if today else _today(ctx)
    recipes = _library(ctx).recipes
    # A remedy since removed from the library counts by the day.
    weekly = {rid for rid, recipe in recipes.items() if counts_by_week(recipe)}
    result = measure_progress(the_plan, done, day, ratings, weekly)
    unknown = [r.recipe for r in result.remedies if r.recipe not in names]
    if unknown:  # extras of remedies the plan does not have: named from the library
        names.update({rid: recipes[rid].name for rid in unknown if rid in recipes})
    if fmt == "json":
        from planner.formats.json import dump_json, progress_to_dict

        _say(dump_json(progress_to_dict(result, names)), nl=False)
        return
    from planner.view.terminal import render_progress

    _say(render_progress(the_plan, result, names), nl=False)
