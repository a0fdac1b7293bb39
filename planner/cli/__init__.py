"""The command line. The only module that imports click.

Every command parses its options, calls one library function and prints.
Known failures (PlannerError) become one clean message and an exit code here.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from planner import __version__
from planner.core.text import one_line, printable
from planner.errors import (
    DataError,
    InfeasibleError,
    InsecureUrlError,
    MissingPathError,
    MissingUserError,
    OutputExistsError,
    PlannerError,
    SyncError,
    UnknownIdError,
    UsageError,
)

if TYPE_CHECKING:
    from planner.core.recipe import Library

APP = "remedy-planner"


class Settings:
    """What the top-level options say, the moment the command runs, and the recipe library
    once it is loaded."""

    def __init__(self, recipe_dirs: list[Path] | None = None) -> None:
        self.recipe_dirs = recipe_dirs or []
        self.library: Library | None = None
        self.now: dt.datetime | None = None


# Not part of the interface: tests and README's examples set this to run on a day of their
# choosing, as an ISO date and time with its UTC offset (2026-11-27T12:00:00+00:00).
_PINNED_NOW = "REMEDY_PLANNER_NOW"


def read_clock() -> dt.datetime:
    """The real date and time (UTC, whole seconds): the only place the program reads them.

    Everything else gets "now" and "today" from the command's context (``_now``, ``_today``)
    or as arguments, so one command sees one moment and the same inputs give the same bytes.
    """
    pinned = os.environ.get(_PINNED_NOW)
    if pinned:
        try:
            when = dt.datetime.fromisoformat(pinned)
        except ValueError:
            when = None
        if when is None or when.tzinfo is None:
            raise UsageError(
                f"{_PINNED_NOW}: '{pinned}' is not a date and time with its UTC offset "
                "(YYYY-MM-DDTHH:MM:SS+HH:MM)"
            )
        return when.astimezone(dt.UTC).replace(microsecond=0)
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def _now(ctx: click.Context) -> dt.datetime:
    """The moment this command runs, read once per command."""
    settings: Settings = ctx.ensure_object(Settings)
    if settings.now is None:
        settings.now = read_clock()
    return settings.now


def _today(ctx: click.Context) -> dt.date:
    """Today on this computer's calendar (its own time zone), as the person sees it."""
    return _now(ctx).astimezone().date()


# What to do about an error, in this command line's words (library messages name no flags).
_FLAG_HINTS: dict[type[PlannerError], str] = {
    OutputExistsError: "; use --force to replace it",
    InsecureUrlError: " (or add --allow-insecure-http to send it anyway)",
    MissingUserError: " (--user)",
}


_LISTS = {"recipe": "recipes list", "routine": "routines list"}


def _say(text: str = "", *, err: bool = False, nl: bool = True) -> None:
    """Print: every line the program shows goes through here. Much of it comes from
    outside (a server's event titles, file and workbook text), so it is made printable
    first: no control character reaches the terminal."""
    click.echo(printable(text), err=err, nl=nl)


def _fail(exc: PlannerError) -> NoReturn:
    problems = exc.lines()
    for kind, hint in _FLAG_HINTS.items():
        if isinstance(exc, kind):
            if isinstance(exc, OutputExistsError) and exc.links:
                hint = ", or use --force to replace the link itself"
            problems[-1] += hint
    if isinstance(exc, UnknownIdError) and exc.kind in _LISTS:
        problems[-1] += f"; '{APP} {_LISTS[exc.kind]}' shows them all"
    for line in problems:
        # Text from the command line or a file may hold control characters: shown escaped.
        _say(f"error: {one_line(line)}", err=True)
    sys.exit(exc.exit_code)


class _Group(click.Group):
    """Turns every PlannerError raised below into a message and its exit code, and
    every usage error of the option parser into one line (``--help`` stays as it is)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PlannerError as exc:
            _fail(exc)

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        run: Any = super().main
        if not standalone_mode:
            return run(*args, standalone_mode=False, **kwargs)
        try:
            result = run(*args, standalone_mode=False, **kwargs)
        except click.exceptions.NoArgsIsHelpError as exc:
            _say(exc.ctx.get_help() if exc.ctx else exc.format_message())
            sys.exit(0)
        except click.UsageError as exc:
            _say(f"error: {one_line(_usage_line(exc))}", err=True)
            sys.exit(2)
        except click.ClickException as exc:
            _say(f"error: {one_line(exc.format_message())}", err=True)
            sys.exit(exc.exit_code)
        except click.Abort:
            _say("error: stopped", err=True)
            sys.exit(1)
        except Exception as exc:  # a defect: one line, never a traceback
            _say(
                f"error: {one_line(f'{type(exc).__name__}: {exc}')[:300]}; this is a defect in "
                f"{APP} {__version__}: please report it, with the command that was run",
                err=True,
            )
            sys.exit(1)
        sys.exit(result if isinstance(result, int) else 0)


def _usage_line(exc: click.UsageError) -> str:
    """ "--start: 2026-11-31 does not exist" rather than click's four-line banner."""
    if isinstance(exc, click.MissingParameter) and exc.param is not None:
        return f"{_option(exc.param)} is required"
    if isinstance(exc, click.BadParameter) and exc.param is not None:
        return f"{_option(exc.param)}: {exc.message}"
    if isinstance(exc, click.NoSuchOption):
        hint = f" (did you mean {exc.possibilities[0]}?)" if exc.possibilities else ""
        return f"no such option {exc.option_name}{hint}"
    return exc.format_message()


def _option(param: click.Parameter) -> str:
    if isinstance(param, click.Option) and param.opts:
        return max(param.opts, key=len)
    return (param.name or "argument").upper()


class _Date(click.ParamType):  # type: ignore[type-arg]
    """A date written YYYY-MM-DD, or a message that says what is wrong with it."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: Any, ctx: Any) -> dt.datetime:
        if isinstance(value, dt.datetime):
            return value
        text = str(value).strip()
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            self.fail(f"'{value}' is not a date written YYYY-MM-DD", param, ctx)
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            self.fail(f"{text} does not exist (no such day in that month)", param, ctx)
        from planner.core.recipe import YEARS

        if not YEARS[0] <= day.year <= YEARS[1]:
            self.fail(f"{text}: choose a date between {YEARS[0]} and {YEARS[1]}", param, ctx)
        return dt.datetime.combine(day, dt.time())


class _Between(click.IntRange):
    """A whole number within bounds, saying the bounds in words."""

    def _describe_range(self) -> str:
        return f"{self.min} to {self.max}"

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter as exc:
            if not str(value).lstrip("-").isdigit():
                self.fail(f"'{value}' is not a whole number", param, ctx)
            raise exc


def _config_recipe_dir() -> Path | None:
    folder = Path(click.get_app_dir(APP)) / "recipes"
    return folder if folder.is_dir() else None


def _cache_file() -> Path | None:
    """Where parsed recipe files are kept between runs (the user's cache folder)."""
    from planner.load.cache import cache_file

    return cache_file(sys.platform, os.environ, os.path.expanduser("~"))


def _library(ctx: click.Context) -> Library:
    from planner.load.library import load_library

    settings: Settings = ctx.ensure_object(Settings)
    if settings.library is None:
        dirs = [d for d in [_config_recipe_dir()] if d is not None] + settings.recipe_dirs
        settings.library = load_library(dirs, cache_file=_cache_file())
        for notice in settings.library.notices:
            _say(one_line(notice), err=True)
        if ctx.command_path.split()[-1:] != ["validate"]:  # validate reports them as errors
            for rid, problems in settings.library.broken.items():
                more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
                _say(
                    f"warning: {one_line(problems[0])}{more}; recipe '{rid}' is left out "
                    "until its file is fixed",
                    err=True,
                )
    return settings.library


def _more_recipes(ctx: click.Context, _param: click.Parameter, value: tuple[Path, ...]) -> None:
    """``--recipes DIR`` after the command name counts as if it came before it."""
    settings: Settings = ctx.ensure_object(Settings)
    settings.recipe_dirs = _folders([*settings.recipe_dirs, *value])


def _folders(paths: list[Path]) -> list[Path]:
    """Each folder once (by where it really is), kept as the person wrote it."""
    seen: dict[Path, Path] = {}
    for path in paths:
        seen.setdefault(path.resolve(), path)
    return list(seen.values())


RECIPES = click.option(
    "--recipes",
    "more_recipe_dirs",
    multiple=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    metavar="DIR",
    expose_value=False,
    callback=_more_recipes,
    help="Extra folder of recipe files (repeatable); also accepted before the command.",
)


def _complete_routine(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    """Tab completion: the built-in routine ids, and routine files."""
    from click.shell_completion import CompletionItem

    from planner.load.routine import builtin_routine_files

    ids = [CompletionItem(i) for i in builtin_routine_files() if i.startswith(incomplete)]
    return [*ids, CompletionItem(incomplete, type="file")]


def _complete_recipe(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    """Tab completion: the recipe ids (built in, and in the config folder)."""
    from planner.load.library import load_library

    folders = [d for d in [_config_recipe_dir()] if d is not None]
    try:
        return [i for i in load_library(folders).recipes if i.startswith(incomplete)]
    except PlannerError:
        return []


FORMAT = click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name=APP)
@click.option(
    "--recipes",
    "recipe_dirs",
    multiple=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Extra folder of recipe files (repeatable; before or after the command). "
    "A recipe with a built-in id replaces it.",
)
@click.pass_context
def main(ctx: click.Context, recipe_dirs: tuple[Path, ...]) -> None:
    """Plan home-remedy routines that respect every frequency limit.

    Recipes also load from the config folder (see 'recipes --help').

    \b
    Example:
      remedy-planner recipes list
    """
    ctx.obj = Settings(recipe_dirs=_folders(list(recipe_dirs)))


@main.group()
def recipes() -> None:
    """List and show remedy recipes.

    Built-in recipes are merged with the files in the user's config folder
    (e.g. ~/.config/remedy-planner/recipes on Linux) and with every --recipes DIR.

    \b
    Example:
      remedy-planner recipes show soda-mask
    """


@recipes.command("list")
@FORMAT
@RECIPES
@click.pass_context
def recipes_list(ctx: click.Context, fmt: str) -> None:
    """List every recipe with its kind and limits.

    \b
    Example:
      remedy-planner recipes list --format json
    """
    library = _library(ctx)
    if fmt == "json":
        from planner.formats.json import dump_json, recipe_to_dict

        _say(dump_json([recipe_to_dict(r) for r in library.recipes.values()]), nl=False)
        return
    from planner.view.terminal import render_recipe_list

    _say(render_recipe_list(library.recipes.values()), nl=False)


@recipes.command("show")
@click.argument("recipe_id", shell_complete=_complete_recipe)
@FORMAT
@RECIPES
@click.pass_context
def recipes_show(ctx: click.Context, recipe_id: str, fmt: str) -> None:
    """Show one recipe: ingredients, steps, limits and where each limit comes from.

    \b
    Example:
      remedy-planner recipes show calendula-wipe
    """
    from planner.load.catalogue import known_conditions
    from planner.load.library import get_recipe

    library = _library(ctx)
    recipe = get_recipe(library, recipe_id)
    if fmt == "json":
        from planner.formats.json import dump_json, recipe_to_dict

        _say(dump_json(recipe_to_dict(recipe)), nl=False)
        return
    from planner.view.terminal import render_recipe

    names = {r.id: r.name for r in library.recipes.values()}
    _say(render_recipe(recipe, known_conditions(library), names), nl=False)


@main.command(short_help="Check recipe and routine files and folders.")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@RECIPES
@click.pass_context
def validate(ctx: click.Context, paths: tuple[Path, ...]) -> None:
    """Check recipe and routine files and folders; report every problem at once.

    Recipes from the config folder and from --recipes DIR are checked too, and
    routines are checked against them.

    \b
    Example:
      remedy-planner validate my-recipes/ extra/nettle-bath.toml
    """
    from planner.load.check import validate_paths

    missing = [p for p in paths if not os.path.lexists(p)]
    library = _library(ctx)
    report = validate_paths([p for p in paths if p not in missing], library)
    for warning in report.warnings:
        _say(warning, err=True)
    problems = [f"{p}: no such file or folder" for p in missing]
    problems += [line for found in library.broken.values() for line in found]
    problems += report.problems
    if problems:
        hint = _recipes_hint(report.problems, [p for p in paths if p not in missing])
        raise (MissingPathError if missing else DataError)([*problems, *hint])
    if not report.checked:
        raise DataError([f"{', '.join(map(str, paths))}: no recipe or routine files found"])
    for line in report.checked:
        _say(f"ok  {line}")
    _say(f"{len(report.checked)} file{'s' if len(report.checked) != 1 else ''} valid")


def _recipes_hint(problems: list[str], places: list[Path]) -> list[str]:
    """Where an unknown recipe of a routine may be: a file of that name beside it."""
    named = re.findall(r"unknown recipe '([a-z0-9-]+)'( \(did you mean)?", "\n".join(problems))
    unknown = dict(named)
    if not unknown:
        return []
    folders = dict.fromkeys(p if p.is_dir() else p.parent for p in places)
    for rid in unknown:
        for folder in folders:
            for found in (
                sorted(folder.glob(f"*/{rid}.toml"))[:1] + sorted(folder.glob(f"{rid}.toml"))[:1]
            ):
                return [
                    f"hint: {found} has recipe '{rid}'; add its folder: --recipes {found.parent}"
                ]
    if all(unknown.values()):  # each looks like a typo, and the message says of what
        return []
    return ["hint: recipes of your own are read from the config folder or from --recipes DIR"]


@main.group()
def routines() -> None:
    """List and show the built-in routines.

    A routine says which remedies, how often, and when you are free. Pass a
    routine id or the path of your own routine file to 'plan'.

    \b
    Example:
      remedy-planner routines show back-care
    """


@routines.command("list")
@FORMAT
@RECIPES
@click.pass_context
def routines_list(ctx: click.Context, fmt: str) -> None:
    """List the built-in routines.

    \b
    Example:
      remedy-planner routines list
    """
    from planner.load.routine import list_routines

    found = list_routines(_library(ctx))
    if fmt == "json":
        from planner.formats.json import dump_json

        items = [
            {"id": r.id, "title": r.title, "weeks": r.weeks, "summary": r.summary} for r in found
        ]
        _say(dump_json(items), nl=False)
        return
    from planner.view.terminal import render_routine_list

    _say(render_routine_list(found), nl=False)


@routines.command("show")
@click.argument("routine", shell_complete=_complete_routine)
@FORMAT
@RECIPES
@click.pass_context
def routines_show(ctx: click.Context, routine: str, fmt: str) -> None:
    """Show a routine: remedies and how often, availability, events.

    ROUTINE is a built-in id or the path of a routine file.

    \b
    Example:
      remedy-planner routines show legs-hair-removal
    """
    from planner.load.routine import find_routine

    library = _library(ctx)
    found = find_routine(routine, library)
    if fmt == "json":
        from planner.formats.json import dump_json, routine_to_dict

        _say(dump_json(routine_to_dict(found)), nl=False)
        return
    from planner.view.terminal import render_routine

    _say(render_routine(found, library.recipes), nl=False)


def _zone(name: str | None) -> str:
    """The --tz zone, or this computer's (the zone rules themselves live in planner.core.zones)."""
    from planner.core.zones import check_zone, system_zone

    if name is not None:
        try:
            return check_zone(name)
        except UsageError as exc:
            raise UsageError(f"--tz: {exc}") from None
    candidates = [os.environ.get("TZ", ""), os.path.realpath("/etc/localtime")]
    try:
        with open("/etc/timezone", encoding="utf-8") as fh:
            candidates.append(fh.read(200))
    except OSError:
        pass
    return system_zone(candidates)


_REMIND_UNITS = {"d": 24 * 60, "h": 60, "m": 1}
_REMIND_PART = re.compile(r"(\d+)\s*(days?|d|hours?|hrs?|h|minutes?|mins?|m)?\s*")


def parse_remind(text: str) -> int | None:
    """Minutes from "30m", "1h", "1d", "90", "1h30m", "45 min"; None for "none".

    ValueError otherwise.
    """
    value = text.strip().lower()
    if value in ("none", "off", "no"):
        return None
    minutes, at = 0, 0
    while at < len(value):
        m = _REMIND_PART.match(value, at)
        if not m or m.end() == at:
            raise ValueError(f"'{text}' is not a time such as 30m, 1h, 1d or none")
        minutes += int(m[1]) * _REMIND_UNITS[(m[2] or "m")[0]]
        at = m.end()
    if not value:
        raise ValueError(f"'{text}' is not a time such as 30m, 1h, 1d or none")
    if not 0 < minutes <= 7 * 24 * 60:
        raise ValueError(f"'{text}': a reminder must come between 1 minute and 7 days before")
    return minutes


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
            type=click.Path(exists=True, dir_okay=False, path_type=Path),
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
    from planner.load.catalogue import known_conditions
    from planner.load.routine import check_conditions, find_routine
    from planner.schedule import plan_or_refuse

    library = _library(ctx)
    try:
        found = find_routine(routine, library)
    except DataError as exc:
        raise DataError([*exc.problems, *_recipes_hint(exc.problems, [Path(routine)])]) from None
    check_conditions(conditions, list(known_conditions(library)))
    today = _today(ctx)
    first = start.date() if start else _next_monday(today)
    if first < today:
        _say(f"notice: the plan starts on {first.isoformat()}, in the past", err=True)
    zone = _zone(tz)
    done, _ = _read_done(histories)
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
            hint = (
                f"hint: --best-effort plans the {n} session{'s' if n != 1 else ''} that fit "
                "and lists what falls short"
            )
            raise InfeasibleError([*exc.problems, hint]) from None
        raise
    return found, library, plan


HAVE = click.option(
    "--have",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
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
@click.option(
    "--paper",
    type=click.Choice(["a4", "letter"]),
    default="a4",
    show_default=True,
    help="Paper size of the workbook.",
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
    OUT/<routine>.xlsx and the calendar file OUT/<routine>.ics.

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


class _Clock(click.ParamType):  # type: ignore[type-arg]
    """A time of day written HH:MM, as minutes since midnight."""

    name = "HH:MM"

    def convert(self, value: Any, param: Any, ctx: Any) -> int:
        if isinstance(value, int):
            return value
        from planner.load.fields import parse_clock

        minutes = parse_clock(str(value))
        if minutes is None:
            self.fail(f"'{value}' is not a time written HH:MM", param, ctx)
        return minutes


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
    all the same. With --undo, takes back the latest session of RECIPE instead.

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
    append_done(path, session)
    _say(f"recorded: {_session_words(found.name, found.id, date, minutes)} in {path}")
    for warning in limit_warnings(found, read_history(path), session)[:1]:
        _say(f"warning: {warning}", err=True)


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
        raise SyncError(report.conflicts)


@main.command(short_help="How a plan is going: done, missed and extra sessions.")
@click.argument(
    "plan_file", metavar="PLAN.json|PLAN.xlsx",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)  # fmt: skip
@click.option(
    "--history",
    "histories",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
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
    from planner.core.progress import measure_progress

    own: tuple[Any, ...] = ()
    ratings: list[tuple[dt.date, int]] = []
    if plan_file.suffix.lower() == ".xlsx":
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
    result = measure_progress(the_plan, done, day, ratings)
    unknown = [r.recipe for r in result.remedies if r.recipe not in names]
    if unknown:  # extras of remedies the plan does not have: named from the library
        recipes = _library(ctx).recipes
        names.update({rid: recipes[rid].name for rid in unknown if rid in recipes})
    if fmt == "json":
        from planner.formats.json import dump_json, progress_to_dict

        _say(dump_json(progress_to_dict(result, names)), nl=False)
        return
    from planner.view.terminal import render_progress

    _say(render_progress(the_plan, result, names), nl=False)
