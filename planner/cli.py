"""The command line. The only module that imports click.

Every command parses its options, calls one library function and prints.
Known failures (PlannerError) become one clean message and an exit code here.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import click

from planner import __version__
from planner.errors import DataError, PlannerError
from planner.model import Library

APP = "remedy-planner"


@dataclass
class Settings:
    recipe_dirs: list[Path] = field(default_factory=list)
    library: Library | None = None


def _fail(exc: PlannerError) -> NoReturn:
    problems = getattr(exc, "problems", None) or [str(exc)]
    for line in problems:
        click.echo(line if line.startswith(("error", "notice")) else f"error: {line}", err=True)
    sys.exit(exc.exit_code)


class _Group(click.Group):
    """Turns every PlannerError raised below into a message and its exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PlannerError as exc:
            _fail(exc)


def _config_recipe_dir() -> Path | None:
    folder = Path(click.get_app_dir(APP)) / "recipes"
    return folder if folder.is_dir() else None


def _library(ctx: click.Context) -> Library:
    from planner.recipes import load_library

    settings: Settings = ctx.ensure_object(Settings)
    if settings.library is None:
        dirs = [d for d in [_config_recipe_dir()] if d is not None] + settings.recipe_dirs
        settings.library = load_library(dirs)
        for notice in settings.library.notices:
            click.echo(notice, err=True)
    return settings.library


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
    type=click.Path(file_okay=False, path_type=Path),
    help="Extra folder of recipe files (repeatable). A recipe with a built-in id replaces it.",
)
@click.pass_context
def main(ctx: click.Context, recipe_dirs: tuple[Path, ...]) -> None:
    """Plan home-remedy routines that respect every frequency limit.

    Recipes also load from the config folder (see 'recipes --help').

    \b
    Example:
      remedy-planner recipes list
    """
    ctx.obj = Settings(recipe_dirs=[p.resolve() for p in recipe_dirs])


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
@click.pass_context
def recipes_list(ctx: click.Context, fmt: str) -> None:
    """List every recipe with its kind and limits.

    \b
    Example:
      remedy-planner recipes list --format json
    """
    library = _library(ctx)
    if fmt == "json":
        from planner.export.json import dump_json, recipe_to_dict

        click.echo(dump_json([recipe_to_dict(r) for r in library.recipes.values()]), nl=False)
        return
    from planner.terminal import render_recipe_list

    click.echo(render_recipe_list(library.recipes.values()), nl=False)


@recipes.command("show")
@click.argument("recipe_id")
@FORMAT
@click.pass_context
def recipes_show(ctx: click.Context, recipe_id: str, fmt: str) -> None:
    """Show one recipe: ingredients, steps, limits and where each limit comes from.

    \b
    Example:
      remedy-planner recipes show calendula-wipe
    """
    from planner.recipes import get_recipe, known_conditions

    library = _library(ctx)
    recipe = get_recipe(library, recipe_id)
    if fmt == "json":
        from planner.export.json import dump_json, recipe_to_dict

        click.echo(dump_json(recipe_to_dict(recipe)), nl=False)
        return
    from planner.terminal import render_recipe

    click.echo(render_recipe(recipe, known_conditions(library)), nl=False)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.pass_context
def validate(ctx: click.Context, paths: tuple[Path, ...]) -> None:
    """Check recipe files and folders; report every problem with file, line and key.

    \b
    Example:
      remedy-planner validate my-recipes/ extra/nettle-bath.toml
    """
    from planner.validation import validate_paths

    library = _library(ctx)
    report = validate_paths(list(paths), library)
    if report.problems:
        raise DataError(report.problems)
    for line in report.checked:
        click.echo(f"ok  {line}")
    click.echo(f"{len(report.checked)} file(s) valid")
