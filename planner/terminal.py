"""Plain-text views for an 80-column terminal."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

from planner.model import Condition, Recipe
from planner.units import format_amount

WIDTH = 80


def limits_line(recipe: Recipe) -> str:
    lim = recipe.limits
    parts = []
    if lim.per_day.value > 1:
        parts.append(f"{lim.per_day.value}x a day")
    if lim.max_per_week.value < 7 * lim.per_day.value:
        parts.append(f"max {lim.max_per_week.value}/week")
    if lim.min_days_between.value > 1:
        parts.append(f"{lim.min_days_between.value}+ days apart")
    if lim.around_event is not None:
        w = lim.around_event.value
        parts.append(f"days {w.first_day:+d}..{w.last_day:+d} of {w.event}")
    return ", ".join(parts) or "daily at most"


def render_recipe_list(recipes: Iterable[Recipe]) -> str:
    rows = [(r.id, r.kind, r.name, limits_line(r)) for r in recipes]
    if not rows:
        return "no recipes\n"
    w_id = max(len(r[0]) for r in rows)
    w_kind = max(len(r[1]) for r in rows)
    lines = []
    for rid, kind, name, limits in rows:
        lines.append(f"{rid:<{w_id}}  {kind:<{w_kind}}  {name}")
        lines.append(f"{'':<{w_id}}  {'':<{w_kind}}  {limits}")
    return "\n".join(lines) + "\n"


def _wrap(text: str, indent: str = "  ", first: str | None = None) -> list[str]:
    return textwrap.wrap(
        text, WIDTH, initial_indent=first if first is not None else indent, subsequent_indent=indent
    ) or [indent.rstrip()]


def render_recipe(recipe: Recipe, conditions: dict[str, Condition]) -> str:
    out = [
        f"{recipe.name} ({recipe.id})",
        f"{recipe.kind}" + (f", {recipe.area}" if recipe.area else ""),
    ]
    out += _wrap(recipe.summary, indent="")
    out.append("")
    timing = f"{recipe.minutes} min in all"
    if recipe.prep_minutes:
        timing += f", {recipe.prep_minutes} min preparation"
    if recipe.skin_minutes:
        timing += f", {recipe.skin_minutes} min on the skin"
    out.append("Time: " + timing)
    out.append("")
    out.append("Ingredients for one session:")
    if not recipe.ingredients:
        out.append("  - none to prepare")
    for ing in recipe.ingredients:
        if ing.type == "tap":
            amount = "tap"
        elif ing.type == "equipment":
            amount = "equipment"
        else:
            amount = format_amount(ing.quantity)
        note = f" ({ing.note})" if ing.note else ""
        section = f" [{ing.section}]" if ing.section else ""
        out += _wrap(f"{ing.item}: {amount}{section}{note}", indent="    ", first="  - ")
    out.append("")
    out.append("Steps:")
    for i, step in enumerate(recipe.steps, start=1):
        out += _wrap(step, indent="      ", first=f"  {i:>2}. ")
    if recipe.aftercare:
        out.append("")
        out += _wrap("Aftercare: " + recipe.aftercare, indent="  ", first="")
    out.append("")
    out.append("Limits (source = stated in the source text, default = our choice):")
    for key, limit in recipe.limits.named().items():
        value = limit.value
        if isinstance(value, tuple):
            shown = (
                ", ".join(v.strftime("%H:%M") if hasattr(v, "strftime") else str(v) for v in value)
                or "none"
            )
        elif hasattr(value, "event"):
            shown = f"{value.event} days {value.first_day:+d} to {value.last_day:+d}"  # type: ignore[attr-defined]
        else:
            shown = str(value)
        out += _wrap(
            f"{key} = {shown} [{limit.provenance.kind}: {limit.provenance.text}]",
            indent="      ",
            first="  - ",
        )
    if recipe.contraindications:
        out.append("")
        out.append("Do not use with:")
        for cid in recipe.contraindications:
            name = conditions[cid].name if cid in conditions else cid
            out += _wrap(f"{name} ({cid})", indent="    ", first="  - ")
    if recipe.warnings:
        out.append("")
        out.append("Warnings:")
        for warning in recipe.warnings:
            out += _wrap(warning, indent="    ", first="  - ")
    return "\n".join(out) + "\n"
