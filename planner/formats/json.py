"""Machine-readable forms of recipes and plans (plain dicts, then JSON bytes)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from planner.core.plan import Plan
from planner.core.recipe import WEEKDAYS, Limit, Recipe, clock
from planner.core.routine import Routine

if TYPE_CHECKING:
    from planner.core.progress import Progress


def _limit_value(limit: Limit[Any]) -> Any:
    value = limit.value
    if hasattr(value, "event"):
        return {"event": value.event, "first_day": value.first_day, "last_day": value.last_day}
    if isinstance(value, tuple):
        return [v.strftime("%H:%M") if hasattr(v, "strftime") else v for v in value]
    return value


def recipe_to_dict(recipe: Recipe) -> dict[str, Any]:
    """Every field of the recipe, as README's "recipes show" lists them."""
    limits = recipe.limits.named()
    return {
        "id": recipe.id,
        "name": recipe.name,
        "kind": recipe.kind,
        "area": recipe.area,
        "summary": recipe.summary,
        "minutes": recipe.minutes,
        "prep_minutes": recipe.prep_minutes,
        "skin_minutes": recipe.skin_minutes,
        "ingredients": [
            {
                "item": ing.item,
                "quantity": ing.quantity.amount,
                "unit": ing.quantity.unit,
                "amount": ing.quantity.text,
                "type": ing.type,
                "section": ing.section,
                "note": ing.note,
                "density": ing.density,
            }
            for ing in recipe.ingredients
        ],
        "steps": list(recipe.steps),
        "aftercare": recipe.aftercare,
        "limits": {key: _limit_value(limit) for key, limit in limits.items()},
        "provenance": {
            key: {"kind": limit.provenance.kind, "text": limit.provenance.text}
            for key, limit in limits.items()
        },
        "contraindications": list(recipe.contraindications),
        "warnings": list(recipe.warnings),
        "effects": list(recipe.effects),
        "origin": recipe.origin,
        "own": recipe.own,
    }


def dump_json(data: Any) -> str:
    """Stable JSON text: same data, same bytes."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def plan_to_dict(plan: Plan, recipes: Mapping[str, Recipe]) -> dict[str, Any]:
    """The plan as the documented JSON object (see README, "Plan JSON")."""
    return {
        "routine": plan.routine,
        "title": plan.title,
        "start": plan.start.isoformat(),
        "end": plan.end.isoformat(),
        "weeks": plan.weeks,
        "timezone": plan.timezone,
        "conditions": list(plan.conditions),
        "sessions": [
            {
                "recipe": s.recipe,
                "name": recipes[s.recipe].name,
                "kind": recipes[s.recipe].kind,
                "date": s.date.isoformat(),
                "start": clock(s.start),
                "end": clock(s.end),
                "minutes": s.minutes,
                "slot": s.slot,
            }
            for s in plan.sessions
        ],
        "done": [
            {
                "recipe": d.recipe,
                "name": recipes[d.recipe].name,
                "date": d.date.isoformat(),
                "time": clock(d.time) if d.time is not None else None,
                "source": d.source,
            }
            for d in plan.done
        ],
        "events": [
            {
                "event": e.event,
                "title": e.title,
                "date": e.date.isoformat(),
                "start": clock(e.start) if e.start is not None else None,
                "minutes": e.minutes,
                "recipe": e.recipe,
            }
            for e in plan.events
        ],
        "excluded": [
            {"recipe": x.recipe, "conditions": list(x.conditions), "reason": x.reason}
            for x in plan.excluded
        ],
        "shortfalls": [
            {"recipe": f.recipe, "asked": f.asked, "placed": f.placed, "reason": f.reason}
            for f in plan.shortfalls
        ],
        "notices": list(plan.notices),
        "days_off": [{"date": d.isoformat(), "reason": why} for d, why in plan.days_off],
        "proven_most": plan.proven_most,
    }


def render_plan_json(plan: Plan, recipes: Mapping[str, Recipe]) -> bytes:
    return dump_json(plan_to_dict(plan, recipes)).encode("utf-8")


def routine_to_dict(routine: Routine) -> dict[str, Any]:
    return {
        "id": routine.id,
        "title": routine.title,
        "summary": routine.summary,
        "weeks": routine.weeks,
        "conditions": list(routine.conditions),
        "availability": {
            "days": [WEEKDAYS[d] for d in routine.availability.weekdays],
            "windows": [w.label() for w in routine.availability.windows],
            "blackout": [d.isoformat() for d in routine.availability.blackout],
        },
        "remedies": [
            {
                "recipe": w.recipe,
                "per_week": w.per_week,
                "per_day": w.per_day,
                "days": [WEEKDAYS[d] for d in w.days],
                "times": [clock(t) for t in w.times],
            }
            for w in routine.remedies
        ],
        "events": [
            {
                "event": e.event,
                "title": e.title,
                "day": e.day,
                "date": e.date.isoformat() if e.date else None,
                "time": clock(e.time) if e.time is not None else None,
                "recipe": e.recipe,
            }
            for e in routine.events
        ],
        "origin": routine.origin,
        "own": routine.own,
    }


def progress_to_dict(progress: Progress, names: Mapping[str, str]) -> dict[str, Any]:
    """A plan's progress: per remedy, per week (``moved``: of ``done``, done on another
    day of the plan week; ``adherence`` in whole percent, null while nothing is due), and
    the skin ratings by day."""
    return {
        "remedies": [
            {
                "recipe": r.recipe,
                "name": names.get(r.recipe, r.recipe),
                "planned": r.planned,
                "done": r.done,
                "moved": r.moved,
                "missed": r.missed,
                "extra": r.extra,
                "to_come": r.to_come,
                "adherence": r.adherence,
            }
            for r in progress.remedies
        ],
        "weeks": [
            {
                "week": w.number,
                "first": w.first.isoformat(),
                "last": w.last.isoformat(),
                "planned": w.planned,
                "done": w.done,
                "moved": w.moved,
                "missed": w.missed,
                "extra": w.extra,
                "to_come": w.to_come,
                "adherence": w.adherence,
            }
            for w in progress.weeks
        ],
        "ratings": [{"date": day.isoformat(), "rating": n} for day, n in progress.ratings],
    }
