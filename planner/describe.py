"""The one description of a remedy, a limit, a session, a shopping line and a shortfall.

Each is a list of rows of plain text (a label and a text). The terminal, the
workbook and the calendar lay out the same rows in their own way (bullets,
two columns, a DESCRIPTION), so a remedy reads the same wherever it is printed,
and a fix to a sentence is made here once.

May import ``planner.model``, ``planner.plan``, ``planner.units``, ``planner.text``
and ``planner.schedule.daypack`` (a recipe's default times); never an exporter,
the terminal view or the command line.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from planner.model import Condition, EventWindow, Ingredient, Limit, Recipe, clock
from planner.units import format_amount, format_number, plural

if TYPE_CHECKING:
    from planner.plan import Plan, Shortfall
    from planner.shopping import ShoppingItem

NOT_ADVICE = "Not medical advice: see a doctor if your skin gets worse."
NOT_ADVICE_IN_FULL = (
    "Not medical advice. These are household remedies, not treatment. If your skin is "
    "inflamed, infected, getting worse, or you have a skin disease, see a doctor."
)


@dataclass(frozen=True)
class Row:
    label: str  # "Steps"; several rows may share a label (one per step)
    text: str


def limit_value(value: object) -> str:
    """A limit's value for people: "20:00, 08:00", "hair-removal days -14 to -1", "2"."""
    if isinstance(value, tuple):
        return (
            ", ".join(v.strftime("%H:%M") if hasattr(v, "strftime") else str(v) for v in value)
            or "none"
        )
    if isinstance(value, EventWindow):
        return f"{value.event} days {value.first_day:+d} to {value.last_day:+d}"
    return str(value)


def limit_row(key: str, limit: Limit[object], shown: str | None = None) -> Row:
    """ "max per week: 2 (source: No more than a couple of times a week.)"."""
    value = limit_value(limit.value) if shown is None else shown
    return Row("Limits", f"{key.replace('_', ' ')}: {value} ({limit.provenance})")


def limits_line(recipe: Recipe) -> str:
    """The limits in a few words, for a list of recipes."""
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


def timing_text(recipe: Recipe) -> str:
    """ "30 min in all: 10 min preparation, 10 min on the skin"."""
    parts = []
    if recipe.prep_minutes:
        parts.append(f"{recipe.prep_minutes} min preparation")
    if recipe.skin_minutes:
        parts.append(f"{recipe.skin_minutes} min on the skin")
    return f"{recipe.minutes} min in all" + (": " + ", ".join(parts) if parts else "")


def amount_text(ing: Ingredient) -> str:
    """ "baking soda: 1 tbsp (plain, food grade)"; tap water and equipment say so."""
    if ing.type == "tap" and ing.quantity.amount is None:
        amount = "tap water"
    elif ing.type == "equipment":
        amount = "equipment"
    else:
        amount = format_amount(ing.quantity)
    note = f" ({ing.note})" if ing.note else ""
    return f"{ing.item}: {amount}{note}"


def planned_times(plan: Plan, rid: str) -> list[int]:
    """The start times the plan uses for a remedy, earliest first."""
    return sorted({s.start for s in plan.sessions if s.recipe == rid})


def recipe_card(
    recipe: Recipe,
    conditions: Mapping[str, Condition],
    times: Sequence[int] | None = None,
) -> list[Row]:
    """Everything about a remedy, in order. ``times``: the start times a plan uses; the
    card then prints those rather than the recipe's own, so card and plan agree."""
    from planner.schedule.daypack import recipe_times

    rows = [
        Row("Kind", recipe.kind + (f", {recipe.area}" if recipe.area else "")),
        Row("What it does", recipe.summary),
        Row("Time needed", timing_text(recipe)),
    ]
    rows += [
        Row("Ingredients, one session", amount_text(i))
        for i in recipe.ingredients
        if i.type != "equipment"
    ]
    rows += [
        Row("Equipment", i.item + (f" ({i.note})" if i.note else ""))
        for i in recipe.ingredients
        if i.type == "equipment"
    ]
    rows += [Row("Steps", f"{n}. {step}") for n, step in enumerate(recipe.steps, start=1)]
    if recipe.aftercare:
        rows.append(Row("Aftercare", recipe.aftercare))
    for key, limit in recipe.limits.named().items():
        if key == "times":
            if times:
                shown = ", ".join(clock(t) for t in times) + " as planned"
                rows.append(limit_row(key, limit, shown))
            else:
                rows.append(limit_row(key, limit, limit_value(recipe_times(recipe))))
            continue
        rows.append(limit_row(key, limit))
    if recipe.effects:
        rows.append(Row("Limits", f"effects: {', '.join(recipe.effects)} (one such treatment "
                                  "a day on the same skin)"))  # fmt: skip
    for cid in recipe.contraindications:
        name = conditions[cid].name if cid in conditions else cid.replace("-", " ")
        rows.append(Row("Do not use with", f"{name} ({cid})"))
    rows += [Row("Warnings", w) for w in recipe.warnings]
    return rows


def shortfall_text(f: Shortfall, name: str) -> str:
    """ "Baking-soda mask: 4 of 6 sessions. You asked 3 a week; ...", for people."""
    reason = f.reason
    if reason.startswith("asked "):
        reason = "You asked " + reason[len("asked ") :]
    if not f.asked and not f.placed:
        return f"{name}: {reason}" if name else reason
    return f"{name}: {f.placed} of {f.asked} sessions. {reason}"


def amount(value: float | None, unit: str, up: bool = False) -> str:
    if value is None:
        return ""
    return f"{format_number(value, up)} {plural(unit, value)}"


def need_text(item: ShoppingItem) -> str:
    """What a shopping line needs in all: "108 g", "20 g + 45 ml", "as needed"."""
    parts = [amount(item.quantity, item.unit, up=True)] if item.quantity is not None else []
    parts += [amount(v, u, up=True) for v, u in item.also]
    text = " + ".join(p for p in parts if p)
    if item.as_needed:
        text = f"{text} + as needed" if text else "as needed"
    return text


def buy_text(item: ShoppingItem) -> str:
    """The packages to buy: "1 x 500 g (392 g left)"."""
    if item.packages is None:
        return ""
    text = f"{item.packages} x {item.package_size}"
    if item.leftover is not None:
        text += f" ({amount(item.leftover, item.leftover_unit)} left)"
    return text
