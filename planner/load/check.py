"""Checking user files against the format and against the library they will join."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from planner.core.recipe import Library, Recipe
from planner.errors import DataError
from planner.load.catalogue import load_catalogue_file, load_conditions_file
from planner.load.diagnostics import read_toml
from planner.load.library import looks_like_routine, parse_sources, read_sources, recipe_files
from planner.load.routine import parse_routine

DATA_FILES = ("_conditions.toml", "_catalogue.toml")


@dataclass
class Report:
    """What the plan checker looked at and what it found."""

    checked: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _files_in(paths: list[Path], warnings: list[str]) -> list[Path]:
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out += recipe_files(path, warnings)
            out += [path / name for name in DATA_FILES if (path / name).is_file()]
        else:
            out.append(path)
    return out


def validate_paths(paths: list[Path], library: Library) -> Report:
    """Check recipes first, then routines against the library plus those recipes."""
    report = Report()
    recipe_paths: list[Path] = []
    routines: list[tuple[Path, dict[str, Any], str]] = []
    for path in _files_in(paths, report.warnings):
        try:
            if path.name == "_conditions.toml":
                found = load_conditions_file(path)
                report.checked.append(f"{path} ({len(found)} conditions)")
            elif path.name == "_catalogue.toml":
                items = load_catalogue_file(path)
                report.checked.append(f"{path} ({len(items)} catalogue items)")
            else:
                data, text = read_toml(path)
                if looks_like_routine(data):
                    routines.append((path, data, text))
                else:
                    recipe_paths.append(path)
        except DataError as exc:
            report.problems += exc.problems
    sources = read_sources(recipe_paths, report.problems)
    known = set(library.recipes) | {src.rid for src in sources}
    mine: dict[str, Recipe] = {r.id: r for r in parse_sources(sources, known, report.problems)}
    report.checked += [f"{r.origin} (recipe {r.id})" for r in mine.values()]
    joined = replace(library, recipes={**library.recipes, **mine})
    for path, data, text in routines:
        try:
            routine = parse_routine(data, path, text, joined, strict=True)
        except DataError as exc:
            report.problems += exc.problems
            continue
        report.checked.append(f"{path} (routine {routine.id})")
    return report
