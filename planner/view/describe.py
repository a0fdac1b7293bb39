"""The one description of a remedy, a limit, a session, a shopping line and a shortfall.

Each is a list of rows of plain text (a label and a text). The terminal, the
workbook and the calendar lay out the same rows in their own way (bullets,
two columns, a DESCRIPTION), so a remedy reads the same wherever it is printed,
and a fix to a sentence is made here once.

May import ``planner.core``, ``planner.shopping.compute`` and ``planner.schedule.daypack``
(a recipe's default times); never a file format, the terminal view or the command line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from planner.core.recipe import (
    UNSTATED,
    WEEKDAYS,
    Condition,
    EventWindow,
    Ingredient,
    Limit,
    Recipe,
    clock,
    day_text,
)
from planner.core.record import record
from planner.core.units import format_amount, format_number, plural, shown_number

if TYPE_CHECKING:
    from planner.core.done import Done
    from planner.core.plan import Plan, Shortfall
    from planner.shopping.compute import ShoppingItem

NOT_ADVICE = "Not medical advice: see a doctor if your skin gets worse."
NOT_ADVICE_IN_FULL = (
    "Not medical advice. These are household remedies, not treatment. If your skin is "
    "inflamed, infected, getting worse, or you have a skin disease, see a doctor."
)


@record
class Row:
    """One labelled line of a description, for any layout."""

    label: str  # "Steps"; several rows may share a label (one per step)
    text: str
    key: str = ""  # an id the text stands for ("open-pimples"), for layouts that show ids


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


def _source(limit: Limit[object], own: bool = False) -> str:
    """Who says so: the source, our default, or (in a recipe of the person's) their file."""
    said = limit.provenance
    if said.kind == "source":
        return f"the source: {said.text}"
    if not (own and said.written):
        return f"our default: {said.text}"
    return "your file" if said.text == UNSTATED else f"your file: {said.text}"


def _times_words(times: Sequence[str]) -> str:
    return times[0] if len(times) == 1 else ", ".join(times[:-1]) + " and " + times[-1]


def _names(ids: Sequence[str], names: Mapping[str, str]) -> str:
    return ", ".join(names.get(i, i.replace("-", " ")) for i in ids)


def limit_sentence(
    key: str,
    limit: Limit[object],
    names: Mapping[str, str],
    shown: str | None = None,
    own: bool = False,
) -> str | None:
    """A limit in plain words with where it comes from: "At most 2 sessions in any 7 days
    (the source: No more than a couple of times a week.)"; None for a limit that says nothing."""
    value = limit.value
    if key == "max_per_week":
        text = f"At most {value} session{'s' if value != 1 else ''} in any 7 days"
    elif key == "min_days_between":
        if value == 1:
            return None
        text = f"At least {value} days from one session day to the next"
    elif key == "per_day":
        text = "Once a day" if value == 1 else f"Up to {value} times a day"
    elif key == "times":
        text = f"At {shown}" if shown else "No set times"
    elif key == "time_of_day":
        text = f"Best in the {value}"
    elif key == "not_same_day_as":
        if not value:
            return None
        assert isinstance(value, tuple)
        text = f"Never on the same day as {_names(value, names)}"
    elif key == "around_event" and isinstance(value, EventWindow):
        event = value.event.replace("-", " ")
        first, last = _day_words(value.first_day, event), _day_words(value.last_day, event)
        text = f"Every day from {first} to {last}"
    else:
        text = f"{key.replace('_', ' ').capitalize()}: {limit_value(value)}"
    return f"{text} ({_source(limit, own)})"


def _day_words(offset: int, event: str) -> str:
    """ "the hair removal day", "14 days before hair removal"."""
    if offset == 0:
        return f"the {event} day"
    n = abs(offset)
    return f"{n} day{'s' if n != 1 else ''} {'before' if offset < 0 else 'after'} {event}"


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


def _or_words(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def plan_words(plan: Plan, rid: str) -> str | None:
    """When this plan gives a remedy, in the words a person would use: "Twice a week, on
    Mon and Thu, at 20:00 (8 sessions, 30 Nov to 24 Dec)"; "Every day, twice, at 07:15
    and 21:45"; "Once a week, on a Wed or Sun, at 19:35"."""
    sessions = [s for s in plan.sessions if s.recipe == rid]
    if not sessions:
        return None
    days = sorted({s.date for s in sessions})
    per_day = max(sum(1 for s in sessions if s.date == d) for d in days)
    times = [clock(t) for t in planned_times(plan, rid)]
    weekdays = [WEEKDAYS[w].capitalize() for w in sorted({d.weekday() for d in days})]
    if len(days) == (days[-1] - days[0]).days + 1:
        when = "Every day"
    else:
        weekly = len(days) / plan.weeks
        often = {1: "Once a week", 2: "Twice a week"}.get(int(weekly), f"{weekly:g} times a week")
        if weekly != int(weekly) or len(days) < 2 * int(weekly):
            often = f"{len(days)} days in {plan.weeks} week{'s' if plan.weeks != 1 else ''}"
        same = len(weekdays) == weekly
        when = f"{often}, on {_times_words(weekdays) if same else _or_words(weekdays)}"
    if per_day > 1:
        when += ", twice" if per_day == 2 else f", {per_day} times"
    at = _times_words(times) if len(times) == per_day else _or_words(times)
    span = f"{days[0].day} {days[0]:%b} to {days[-1].day} {days[-1]:%b}"
    count = f"{len(sessions)} session{'s' if len(sessions) != 1 else ''}"
    return f"{when}, at {at} ({count}, {span})"


def recipe_card(
    recipe: Recipe,
    conditions: Mapping[str, Condition],
    plan: Plan | None = None,
    names: Mapping[str, str] | None = None,
) -> list[Row]:
    """Everything about a remedy, safety first. With a ``plan``, the card says when the plan
    gives the remedy and prints the plan's times, so card and plan never disagree."""
    from planner.schedule.daypack import recipe_times

    names = names or {}
    rows = [
        Row("Do not use if you have", conditions[c].name if c in conditions
            else c.replace("-", " ").capitalize(), key=c)
        for c in recipe.contraindications
    ]  # fmt: skip
    rows += [Row("Warnings", w) for w in recipe.warnings]
    in_plan = plan_words(plan, recipe.id) if plan is not None else None
    if in_plan:
        rows.append(Row("In this plan", in_plan))
    rows += [
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
    in_this_plan = set(plan.recipe_ids()) if plan is not None else None
    for key, limit in recipe.limits.named().items():
        if in_this_plan is not None and key in ("times", "time_of_day"):
            continue  # the plan's own times are above; the recipe's would contradict them
        shown = None
        if key == "times":
            shown = _times_words([t.strftime("%H:%M") for t in recipe_times(recipe)])
        if key == "not_same_day_as" and in_this_plan is not None:
            others = tuple(i for i in recipe.limits.not_same_day_as.value if i in in_this_plan)
            limit = Limit(others, limit.provenance)  # only the remedies this plan has
        sentence = limit_sentence(key, limit, names, shown, recipe.own)
        if sentence:
            rows.append(Row("Limits", sentence))
    if recipe.effects:
        what = " and ".join(recipe.effects)
        rows.append(Row("Limits", f"It is {what}: at most one drying or exfoliating "
                                  "treatment a day on the same skin"))  # fmt: skip
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
    """ "42 g", "2 cotton pads"; the number rounded as ``units.shown_number`` rounds it."""
    if value is None:
        return ""
    return f"{format_number(value, up)} {plural(unit, shown_number(value, up))}"


def need_text(item: ShoppingItem) -> str:
    """What a shopping line needs in all: "108 g", "20 g + 45 ml", "as needed"."""
    parts = [amount(item.quantity, item.unit, up=True)] if item.quantity is not None else []
    parts += [amount(v, u, up=True) for v, u in item.also]
    text = " + ".join(p for p in parts if p)
    if item.as_needed:
        text = f"{text} + as needed" if text else "as needed"
    return text


def leftover_text(item: ShoppingItem) -> str:
    """What the packages leave over, "8 g"; empty when nothing (or what rounds to 0) is."""
    if item.leftover is None or shown_number(item.leftover) == 0:
        return ""
    return amount(item.leftover, item.leftover_unit)


def buy_text(item: ShoppingItem, left: str = " ({} left)") -> str:
    """The packages to buy: "1 x 500 g (392 g left)"; ``left`` phrases the leftover
    (Markdown uses ", {} left over", which nests no parentheses)."""
    if item.packages is None:
        return ""
    text = f"{item.packages} x {item.package_size}"
    leftover = leftover_text(item)
    return text + left.format(leftover) if leftover else text


def to_buy_text(item: ShoppingItem) -> str:
    """What to buy of an item, in one cell: "2 x 100 g", or what the plan needs when it
    is sold loose, or that it is at home already."""
    if item.status == "on hand":
        return f"nothing: you have {item.have}" if item.have else "nothing: you have it"
    return buy_text(item).split(" (")[0] if item.packages is not None else need_text(item)


def done_text(name: str) -> str:
    """A session already done, as the printed plan and the calendar show it."""
    return f"{name}: done"


def limit_warnings(recipe: Recipe, history: Sequence[Done], done: Done) -> list[str]:
    """The limits of ``recipe`` that the session ``done`` (one of ``history``) broke, in
    words: per day first, then in any 7 days, then days apart; empty when it kept them.

    Only the stretches of days that hold ``done`` are looked at, so a limit broken
    long ago is not named again with every session recorded after it.
    """
    lim, name, day = recipe.limits, recipe.name, done.date
    days = sorted(d.date for d in history if d.recipe == recipe.id)
    out: list[str] = []
    that_day = days.count(day)
    if that_day > lim.per_day.value:
        out.append(
            f"{that_day} {name} sessions on {day_text(day)}; at most {lim.per_day.value} "
            f"a day ({lim.per_day.provenance})"
        )
    # Of the 7-day stretches that hold the session, the fullest (the earliest of those).
    most, until = 0, day
    for last in (day + dt.timedelta(days=k) for k in range(7)):
        n = sum(1 for d in days if 0 <= (last - d).days < 7)
        if n > most:
            most, until = n, last
    if most > lim.max_per_week.value:
        out.append(
            f"{most} {name} sessions in the 7 days to {day_text(until)}; at most "
            f"{lim.max_per_week.value} ({lim.max_per_week.provenance})"
        )
    gap = lim.min_days_between.value
    near = min((d for d in days if d != day), key=lambda d: abs((d - day).days), default=None)
    if near is not None and abs((near - day).days) < gap:
        first, second = sorted((near, day))
        apart = (second - first).days
        out.append(
            f"{name} on {day_text(first)} and {day_text(second)}, {apart} "
            f"day{'s' if apart != 1 else ''} apart; at least {gap} "
            f"({lim.min_days_between.provenance})"
        )
    return out
