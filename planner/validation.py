"""Checking user files against the format and against the library they will join."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from planner.errors import DataError
from planner.model import Library, Recipe
from planner.recipes import check_references, load_conditions_file, parse_recipe, recipe_files
from planner.routines import is_routine_table, parse_routine
from planner.tomlfile import read_toml


@dataclass
class Report:
    checked: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _files_in(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out += recipe_files(path)
            if (path / "_conditions.toml").is_file():
                out.append(path / "_conditions.toml")
        else:
            out.append(path)
    return out


def validate_paths(paths: list[Path], library: Library) -> Report:
    """Check recipes first, then routines against the library plus those recipes."""
    report = Report()
    mine: dict[str, Recipe] = {}
    routines: list[tuple[Path, dict[str, object], str]] = []
    for path in _files_in(paths):
        try:
            if path.name == "_conditions.toml":
                found = load_conditions_file(path)
                report.checked.append(f"{path} ({len(found)} conditions)")
                continue
            data, text = read_toml(path)
            if is_routine_table(data):
                routines.append((path, data, text))
                continue
            recipe = parse_recipe(data, path, text)
        except DataError as exc:
            report.problems += exc.problems
            continue
        if recipe.id in mine:
            report.problems.append(
                f"{path}: id: '{recipe.id}' is also the id of {mine[recipe.id].origin}"
            )
            continue
        mine[recipe.id] = recipe
        report.checked.append(f"{path} (recipe {recipe.id})")
    merged = {**library.recipes, **mine}
    report.problems += [
        line
        for line in check_references(merged, library.conditions)
        if any(line.startswith(r.origin + ":") for r in mine.values())
    ]
    joined = replace(library, recipes=merged)
    for path, data, text in routines:
        try:
            routine = parse_routine(data, path, text, joined)
        except DataError as exc:
            report.problems += exc.problems
            continue
        report.checked.append(f"{path} (routine {routine.id})")
    return report
