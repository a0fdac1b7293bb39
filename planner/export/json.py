"""Machine-readable forms of recipes and plans (plain dicts, then JSON bytes)."""

from __future__ import annotations

import json
from typing import Any

from planner.model import Limit, Recipe


def _limit_value(limit: Limit[Any]) -> Any:
    value = limit.value
    if hasattr(value, "event"):
        return {"event": value.event, "first_day": value.first_day, "last_day": value.last_day}
    if isinstance(value, tuple):
        return [v.strftime("%H:%M") if hasattr(v, "strftime") else v for v in value]
    return value


def recipe_to_dict(recipe: Recipe) -> dict[str, Any]:
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
        "origin": recipe.origin,
    }


def dump_json(data: Any) -> str:
    """Stable JSON text: same data, same bytes."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
