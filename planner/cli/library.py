"""Commands about the recipe library: ``recipes list|show``, ``routines list|show`` and
``validate``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import click

from planner.cli.app import (
    FORMAT,
    RECIPES,
    _complete_recipe,
    _complete_routine,
    _library,
    _recipes_hint,
    _say,
    main,
)
from planner.errors import (
    DataError,
    MissingPathError,
)

if TYPE_CHECKING:
    pass


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
