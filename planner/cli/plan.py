"""Commands that build a plan: ``plan`` (the terminal, the plan's files) and ``shopping``;
the options every plan-building command shares."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from planner.cli.app import (
    RECIPES,
    _announce_broken,
    _broken_words,
    _complete_routine,
    _Existing,
    _library,
    _now,
    _recipes_hint,
    _say,
    _today,
    main,
)
from planner.cli.history import _read_done
from planner.cli.types import _Between, _Date, _zone, parse_remind
from planner.errors import (
    DataError,
    InfeasibleError,
    PlannerError,
    UsageError,
)

if TYPE_CHECKING:
    pass


def _next_monday(today: dt.date) -> dt.date:
    return today + dt.timedelta(days=(7 - today.weekday()) % 7)


def _next_sunday(today: dt.date) -> dt.date:
    return today + dt.timedelta(days=(6 - today.weekday()) % 7)


def plan_options(func: Any) -> Any:
    """Options shared by every command that builds a plan."""
    options = [
        click.argument(
            "routine", required=False, default="back-care", shell_complete=_complete_routine
        ),
        click.option(
            "--start",
            type=_Date(),
            help="First day (YYYY-MM-DD). Default: the coming Monday (today if Monday).",
        ),
        click.option(
            "--weeks",
            type=_Between(1, 520),
            help="Length in weeks. Default: the routine's own.",
        ),
        click.option(
            "--tz",
            "tz",
            metavar="ZONE",
            help="IANA time zone for the times. Default: this computer's, else UTC.",
        ),
        click.option(
            "--condition",
            "conditions",
            multiple=True,
            metavar="ID",
            help="A condition you have (repeatable); remedies it rules out are left out.",
        ),
        click.option(
            "--best-effort",
            is_flag=True,
            help="Plan the most that fits and list what falls short, instead of failing.",
        ),
        click.option(
            "--history",
            "histories",
            multiple=True,
            type=_Existing("history file", dir_okay=False),
            metavar="FILE",
            help="Sessions really done (repeatable): a history file, as 'done' writes, or a "
            "ticked workbook. They count toward the limits, and those on the plan's days are "
            "not planned again. The history in your data folder always counts.",
        ),
        RECIPES,
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _build_plan(
    ctx: click.Context,
    routine: str,
    start: dt.datetime | None,
    weeks: int | None,
    tz: str | None,
    conditions: tuple[str, ...],
    best_effort: bool,
    histories: tuple[Path, ...] = (),
) -> Any:
    """The routine, the library and the plan, from the options of ``plan_options``."""
    setup = _plan_setup(ctx, routine, start, tz, conditions)
    return _schedule(ctx, setup, weeks, conditions, best_effort, histories)


def _plan_setup(
    ctx: click.Context,
    routine: str,
    start: dt.datetime | None,
    tz: str | None,
    conditions: tuple[str, ...],
) -> tuple[Any, Any, dt.date, str]:
    """What a plan is made of, checked and announced once: the routine, the library,
    the first day and the time zone."""
    from planner.load.catalogue import known_conditions
    from planner.load.fields import needs_broken
    from planner.load.routine import check_conditions, find_routine

    library = _library(ctx, announce_broken=False)
    try:
        found = find_routine(routine, library)
    except DataError as exc:
        # A broken recipe file the routine needs is named once, as an error leading with
        # the person's own file; the routine's line that needs it is not repeated.
        needed = {r for r in library.broken if any(needs_broken(p, r) for p in exc.problems)}
        _announce_broken(ctx, skip=frozenset(needed))
        lead = [f"{_broken_words(library, r)}, and routine '{routine}' needs it" for r in needed]
        rest = [p for p in exc.problems if not any(needs_broken(p, r) for r in needed)]
        where = _recipes_hint(rest, [Path(routine)])
        raise DataError([*sorted(lead), *rest, *where]) from None
    _announce_broken(ctx)
    check_conditions(conditions, list(known_conditions(library)))
    today = _today(ctx)
    first = start.date() if start else _next_monday(today)
    if first < today:
        _say(f"notice: the plan starts on {first.isoformat()}, in the past", err=True)
    return found, library, first, _zone(tz)


def _schedule(
    ctx: click.Context,
    setup: tuple[Any, Any, dt.date, str],
    weeks: int | None,
    conditions: tuple[str, ...],
    best_effort: bool,
    histories: tuple[Path, ...],
    also_done: tuple[Any, ...] = (),
) -> Any:
    """The plan, counting the histories (``also_done``: sessions not in any file yet)."""
    from planner.schedule import plan_or_refuse

    found, library, first, zone = setup
    done, _ = _read_done(histories, first=also_done)
    unknown = sorted({d.recipe for d in done} - set(library.recipes))
    if unknown:  # a hand-edited history may hold a typo; recipes may also have been removed
        _say(f"warning: the history names recipes not in the library, left out of the "
                   f"plan: {', '.join(unknown)}", err=True)  # fmt: skip
    try:
        plan = plan_or_refuse(found, library.recipes, first, weeks, conditions, zone,
                              best_effort=best_effort, history=done)  # fmt: skip
    except InfeasibleError as exc:
        if exc.fullest:
            n = exc.fullest
            count = f"the {n}" if exc.fullest_proven else f"at least {n}"
            hint = (
                f"hint: --best-effort plans {count} session{'s' if n != 1 else ''} that fit "
                "and lists what falls short"
            )
            raise InfeasibleError([*exc.problems, hint]) from None
        raise
    return found, library, plan


HAVE = click.option(
    "--have",
    type=_Existing("pantry file", dir_okay=False),
    metavar="FILE",
    help='What you already have (TOML: item = "200 g" or "some"; or CSV with item,amount).',
)


UNITS = click.option(
    "--units",
    type=click.Choice(["metric", "us"]),
    default="metric",
    show_default=True,
    help="Household measures and the units shown: metric (tbsp = 15 ml) or US customary.",
)


@main.command()
@plan_options
@HAVE
@UNITS
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=Path("."),
    show_default=True,
    help="Folder for the output files (created if missing).",
)
@click.option("--force", is_flag=True, help="Replace output files that already exist.")
@click.option("-q", "--quiet", is_flag=True, help="Print only the summary and the files written.")
@click.option("--no-xlsx", is_flag=True, help="Do not write the workbook.")
@click.option("--no-pdf", is_flag=True, help="Do not write the PDF.")
@click.option(
    "--paper",
    type=click.Choice(["a4", "letter"]),
    default="a4",
    show_default=True,
    help="Paper size of the workbook and the PDF.",
)
@click.option(
    "--week-start",
    type=click.Choice(["monday", "sunday"]),
    default="monday",
    show_default=True,
    help="First day of the printed week; with sunday and no --start, the plan starts on a Sunday.",
)
@click.option("--no-ics", is_flag=True, help="Do not write the calendar file.")
@click.option(
    "--remind",
    default="30m",
    show_default=True,
    metavar="TIME|none",
    help="Calendar reminder before each session, e.g. 30m, 1h, or none.",
)
@click.option(
    "--no-recurrence",
    is_flag=True,
    help="Write every session as its own calendar event (no daily series).",
)
@click.pass_context
def plan(
    ctx: click.Context,
    /,
    have: Path | None,
    units: str,
    out_dir: Path,
    force: bool,
    quiet: bool,
    no_xlsx: bool,
    no_pdf: bool,
    paper: str,
    week_start: str,
    no_ics: bool,
    remind: str,
    no_recurrence: bool,
    **plan_args: Any,
) -> None:
    """Build a routine's plan, print it and write its files to OUT.

    ROUTINE is a built-in id (default back-care) or the path of a routine file.
    Every hard limit holds; when the wishes cannot all fit the command says
    why and exits 1 (or plans what fits with --best-effort). Writes
    OUT/<routine>.json, OUT/<routine>.shopping.md, the printable workbook
    OUT/<routine>.xlsx, the printable plan OUT/<routine>.pdf and the calendar
    file OUT/<routine>.ics.

    \b
    Example:
      remedy-planner plan back-care --start 2026-12-07 --weeks 4 --out plans/
    """
    from planner.disk.atomic import make_folder, remove_folders, write_files
    from planner.formats.outputs import OutputOptions, plan_outputs
    from planner.view.terminal import render_plan, render_summary

    if os.path.lexists(out_dir) and not out_dir.is_dir():
        raise UsageError(f"--out: {out_dir} is a file, not a folder")
    try:
        remind_minutes = parse_remind(remind)
    except ValueError as exc:
        raise UsageError(f"--remind: {exc}") from None
    pantry = _pantry(have)
    if plan_args["start"] is None and week_start == "sunday":
        # Sunday weeks start on a Sunday, so every printed week is a whole plan week.
        plan_args["start"] = dt.datetime.combine(_next_sunday(_today(ctx)), dt.time())
    _, library, result = _build_plan(ctx, **plan_args)
    options = OutputOptions(
        units=units,
        pantry=pantry,
        xlsx=not no_xlsx,
        pdf=not no_pdf,
        paper=paper,
        week_start=week_start,
        ics=not no_ics,
        remind_minutes=remind_minutes,
        recurrence=not no_recurrence,
    )
    outputs = plan_outputs(result, library, out_dir, _now(ctx), options)
    created = make_folder(out_dir)
    try:
        write_files(outputs.files, force=force)
    except PlannerError:
        remove_folders(created)  # an error leaves no trace, not even an empty folder
        raise
    if quiet:
        _say(render_summary(result, library.recipes), nl=False)
    else:
        _say(render_plan(result, library.recipes), nl=False)
    _say("")
    for line in outputs.summary:
        _say(line)
    for note in outputs.notes:
        _say(note, err=True)
    if created:
        _say(f"created folder {out_dir}")
    for path in outputs.files:
        _say(f"wrote {path}")


def _pantry(have: Path | None) -> tuple[Any, ...]:
    if have is None:
        return ()
    from planner.load.pantry import load_pantry

    return tuple(load_pantry(have))


@main.command()
@plan_options
@HAVE
@UNITS
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "md", "csv", "json"]),
    default=None,  # None tells "not given" apart, so -o's extension may choose
    help="Output format; when not given, -o FILE's extension chooses it.  [default: text]",
)
@click.option(
    "-o",
    "--output",
    default="-",
    show_default=True,
    metavar="FILE|-",
    help="Write to FILE instead of standard output.",
)
@click.option("--no-packages", is_flag=True, help="Show raw amounts, not packages to buy.")
@click.option("--force", is_flag=True, help="Replace FILE if it already exists.")
@click.pass_context
def shopping(
    ctx: click.Context,
    /,
    have: Path | None,
    units: str,
    fmt: str | None,
    output: str,
    no_packages: bool,
    force: bool,
    **plan_args: Any,
) -> None:
    """The shopping list for exactly the sessions of a routine's plan.

    Amounts are summed over every session, merged across units and names,
    rounded up to the packages shops sell, with what you have subtracted.

    \b
    Example:
      remedy-planner shopping back-care --have pantry.toml -o list.md
    """
    from planner.disk.atomic import check_targets, write_file
    from planner.formats.outputs import OutputOptions, make_shopping
    from planner.formats.shopping_list import output_format, render

    fmt = output_format(output, fmt)
    target = None if output == "-" else Path(output)
    if target is not None and not target.parent.is_dir():
        raise UsageError(f"-o: folder {target.parent} does not exist")
    if target is not None:
        check_targets([target], force)  # before the work, so a refusal comes at once
    pantry = _pantry(have)
    _, library, result = _build_plan(ctx, **plan_args)
    options = OutputOptions(units=units, packages=not no_packages, pantry=pantry)
    shopping_list = make_shopping(result, library, options)
    for note in shopping_list.notes:
        _say(note, err=True)
    text = render(shopping_list, fmt)
    if target is None:
        _say(text, nl=False)
    else:
        write_file(target, text.encode("utf-8"), force=force)
        _say(f"wrote {target}", err=True)
