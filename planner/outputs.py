"""Every file that `remedy-planner plan` writes is decided here, in one place."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from planner.model import Plan, Recipe


def plan_outputs(plan: Plan, recipes: Mapping[str, Recipe], out_dir: Path) -> dict[Path, bytes]:
    """File path -> content for a plan; nothing is written here."""
    from planner.export.json import render_plan_json

    return {out_dir / f"{plan.routine}.json": render_plan_json(plan, recipes)}
