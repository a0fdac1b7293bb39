"""The command line's frame: the group, the one clock, printing, and errors to exit codes.

Every line printed goes through ``_say``; every PlannerError becomes its lines and exit
code in ``_fail``; anything else that escapes a command is one line asking for a report.
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
    InsecureUrlError,
    MissingUserError,
    OutputExistsError,
    PlannerError,
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
        self.announced: set[str] = set()  # broken recipes already named


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
                hint = f", or use --force to replace the link{'s' if exc.count > 1 else ''} itself"
            elif isinstance(exc, OutputExistsError) and exc.count > 1:
                hint = "; use --force to replace them"
            problems[-1] += hint
    if isinstance(exc, UnknownIdError) and exc.kind in _LISTS:
        problems[-1] += f"; '{APP} {_LISTS[exc.kind]}' shows them all"
    for line in problems:
        # Text from the command line or a file may hold control characters: shown escaped.
        _say(f"error: {one_line(line)}", err=True)
    sys.exit(exc.exit_code)


class _Existing(click.Path):
    """A path that must exist, missing ones worded as the tool words every missing file:
    "plan file 'plans/back-care.json' does not exist"."""

    def __init__(self, what: str, **kwargs: Any) -> None:
        super().__init__(exists=True, path_type=Path, **kwargs)
        self.what = what

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        if not isinstance(value, Path) and not os.path.lexists(os.fsdecode(value)):
            self.fail(f"{self.what} '{os.fsdecode(value)}' does not exist", param, ctx)
        return super().convert(value, param, ctx)


# Each command and the module that defines it, loaded when the command is asked for:
# a listing of recipes does not pay for the plan, history and sync modules.
COMMANDS = {
    "done": "history", "plan": "plan", "progress": "history", "recipes": "library",
    "routines": "library", "shopping": "plan", "sync": "sync", "validate": "library",
}  # fmt: skip


class _Group(click.Group):
    """Turns every PlannerError raised below into a message and its exit code, and
    every usage error of the option parser into one line (``--help`` stays as it is).
    Commands are loaded from their modules when first asked for (COMMANDS)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *self.commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in COMMANDS and cmd_name not in self.commands:
            import importlib

            importlib.import_module(f"planner.cli.{COMMANDS[cmd_name]}")
        return super().get_command(ctx, cmd_name)

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
    param = getattr(exc, "param", None)
    if isinstance(param, click.Argument) and isinstance(param.type, click.Path):
        return exc.message  # it names the file itself
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


def _config_recipe_dir() -> Path | None:
    folder = Path(click.get_app_dir(APP)) / "recipes"
    return folder if folder.is_dir() else None


def _cache_file() -> Path | None:
    """Where parsed recipe files are kept between runs (the user's cache folder)."""
    from planner.load.cache import cache_file

    return cache_file(sys.platform, os.environ, os.path.expanduser("~"))


def _library(ctx: click.Context, announce_broken: bool = True) -> Library:
    """The recipe library, loaded once per command; its notices are printed, and so are
    the person's broken recipe files (unless ``announce_broken`` is false: a command that
    may report them as errors calls ``_announce_broken`` itself)."""
    from planner.load.library import load_library

    settings: Settings = ctx.ensure_object(Settings)
    if settings.library is None:
        dirs = [d for d in [_config_recipe_dir()] if d is not None] + settings.recipe_dirs
        settings.library = load_library(dirs, cache_file=_cache_file())
        for notice in settings.library.notices:
            _say(one_line(notice), err=True)
    if announce_broken and ctx.command_path.split()[-1:] != ["validate"]:
        _announce_broken(ctx)  # validate reports them as errors
    return settings.library


def _broken_words(library: Library, rid: str) -> str:
    """A broken recipe file's first problem, leading with the person's file."""
    problems = library.broken[rid]
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    return f"{problems[0]}{more}; recipe '{rid}' is left out until its file is fixed"


def _announce_broken(ctx: click.Context, skip: frozenset[str] = frozenset()) -> None:
    """One warning per broken recipe file of the person's, once per command."""
    settings: Settings = ctx.ensure_object(Settings)
    assert settings.library is not None
    for rid in settings.library.broken:
        if rid not in skip and rid not in settings.announced:
            settings.announced.add(rid)
            _say(f"warning: {one_line(_broken_words(settings.library, rid))}", err=True)


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
    type=_Existing("recipe folder", file_okay=False),
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
    type=_Existing("recipe folder", file_okay=False),
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
