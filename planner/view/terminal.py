"""Plain-text views for an 80-column terminal: the command line's layout of the
descriptions in ``planner.view.describe``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from planner.core.recipe import WEEKDAYS, Condition, Recipe, clock
from planner.core.text import wrap_words
from planner.view.describe import done_text, limits_line, recipe_card, shortfall_text

if TYPE_CHECKING:
    from planner.core.plan import Plan
    from planner.core.progress import Progress
    from planner.core.routine import Routine

WIDTH = 80


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
    return wrap_words(
        text, WIDTH, initial_indent=first if first is not None else indent, subsequent_indent=indent
    ) or [indent.rstrip()]


def render_recipe(
    recipe: Recipe, conditions: dict[str, Condition], names: Mapping[str, str] | None = None
) -> str:
    """The recipe card: a heading, then each group of rows under its label."""
    out = [f"{recipe.name} ({recipe.id})"]
    if recipe.own:
        out.append(f"From your file {recipe.origin}")
    groups: dict[str, list[str]] = {}
    for row in recipe_card(recipe, conditions, names=names):
        groups.setdefault(row.label, []).append(f"{row.text} ({row.key})" if row.key else row.text)
    for label, texts in groups.items():
        out.append("")
        if len(texts) == 1 and label in ("Kind", "What it does", "Time needed", "Aftercare"):
            out += _wrap(f"{label}: {texts[0]}", indent="  ", first="")
            continue
        out.append(f"{label}:")
        for text in texts:
            if label == "Steps":
                number, _, step = text.partition(". ")
                out += _wrap(step, indent="      ", first=f"  {number:>2}. ")
            else:
                out += _wrap(text, indent="    ", first="  - ")
    return "\n".join(out) + "\n"


def _fit(line: str) -> str:
    """A line cut to the terminal's width, with "..." where it was cut."""
    return line if len(line) <= WIDTH else line[: WIDTH - 3].rstrip() + "..."


def _header(plan: Plan) -> list[str]:
    return [
        plan.title,
        f"{plan.start.isoformat()} to {plan.end.isoformat()}, {_weeks(plan.weeks)}, "
        f"times in {plan.timezone}",
    ]


def _day_lines(plan: Plan, recipes: Mapping[str, Recipe]) -> dict[dt.date, list[str]]:
    """Per day its sessions, the sessions already done and the events, in order of time
    (an event or a done session without a time first)."""
    timed: dict[dt.date, list[tuple[int, int, str]]] = {}
    for s in plan.sessions:
        timed.setdefault(s.date, []).append(
            (s.start, 1, f"{clock(s.start)}-{clock(s.end)}  {recipes[s.recipe].name}")
        )
    for d in plan.done:
        recipe = recipes[d.recipe]
        if d.time is None:
            timed.setdefault(d.date, []).append((-1, 2, done_text(recipe.name)))
        else:
            end = clock((d.time + recipe.minutes) % (24 * 60))
            timed.setdefault(d.date, []).append(
                (d.time, 2, f"{clock(d.time)}-{end}  {done_text(recipe.name)}")
            )
    for e in plan.events:
        if e.start is None:
            when, at = "", -1
        elif e.minutes:
            when, at = f"{clock(e.start)}-{clock(e.start + e.minutes)}  ", e.start
        else:
            when, at = f"{clock(e.start)}        ", e.start
        timed.setdefault(e.date, []).append((at, 0, f"{when}** {e.title} **"))
    lines = {day: [text for *_, text in sorted(items)] for day, items in timed.items()}
    for day, why in plan.days_off:
        if day not in lines:
            lines[day] = [f"-  ({'blackout' if why == 'blackout date' else why})"]
    return lines


def render_plan(plan: Plan, recipes: Mapping[str, Recipe]) -> str:
    """A week-by-week calendar that fits 80 columns, then the summary."""
    out = _header(plan)
    by_day = _day_lines(plan, recipes)
    for week in range(plan.weeks):
        out.append("")
        out.append(f"Week {week + 1}")
        for k in range(7):
            day = plan.start + dt.timedelta(days=7 * week + k)
            label = f"{day.strftime('%a')} {day.day:>2} {day.strftime('%b')}"
            lines = by_day.get(day, ["-"])
            out.append(_fit(f"  {label}  {lines[0]}"))
            out += [_fit(f"  {'':{len(label)}}  {line}") for line in lines[1:]]
    out.append("")
    return "\n".join(out) + "\n" + _summary(plan, recipes)


def render_summary(plan: Plan, recipes: Mapping[str, Recipe]) -> str:
    """The plan's heading and summary without the days (``plan --quiet``)."""
    return "\n".join([*_header(plan), ""]) + "\n" + _summary(plan, recipes)


def _summary(plan: Plan, recipes: Mapping[str, Recipe]) -> str:
    out: list[str] = []
    counts: dict[str, int] = {}
    for s in plan.sessions:
        counts[s.recipe] = counts.get(s.recipe, 0) + 1
    if plan.sessions:
        # Wrapped between remedies, so a name and its count stay on one line.
        line = f"{len(plan.sessions)} sessions:"
        items = [f"{recipes[rid].name} {n}" for rid, n in counts.items()]
        for k, item in enumerate(items):
            item += "," if k < len(items) - 1 else ""
            if len(line) + 1 + len(item) > WIDTH and line.strip():
                out.append(line)
                line = " "
            line += " " + item
        out.append(line)
    else:
        out.append("No sessions: nothing in this routine can be planned.")
    if plan.excluded:
        out.append("")
        out.append("Left out:")
        for x in plan.excluded:
            out += _wrap(x.reason, indent="    ", first="  - ")
    if plan.shortfalls:
        out.append("")
        out.append("Falls short (planned with best effort):")
        for f in plan.shortfalls:
            name = recipes[f.recipe].name if f.recipe in recipes else f.recipe
            out += _wrap(shortfall_text(f, name), indent="    ", first="  - ")
    if plan.notices:
        out.append("")
        out.append("Notes:")
        for note in plan.notices:
            out += _wrap(note, indent="    ", first="  - ")
    return "\n".join(out) + "\n"


def _weeks(n: int) -> str:
    return f"{n} week{'s' if n != 1 else ''}"


def render_routine_list(routines: Iterable[Routine]) -> str:
    lines = []
    for r in routines:
        lines.append(f"{r.id:<22} {r.title} ({_weeks(r.weeks)})")
        if r.summary:
            lines += _wrap(r.summary, indent=" " * 23)
    return "\n".join(lines) + "\n"


def render_routine(routine: Routine, recipes: Mapping[str, Recipe]) -> str:
    out = [f"{routine.title} ({routine.id}), {_weeks(routine.weeks)}"]
    out.append(f"From your file {routine.origin}" if routine.own else "Built in")
    if routine.summary:
        out += _wrap(routine.summary, indent="")
    out.append("")
    out.append("Remedies:")
    for w in routine.remedies:
        name = recipes[w.recipe].name if w.recipe in recipes else w.recipe
        if w.per_week is not None:
            how = f"{w.per_week} day{'s' if w.per_week != 1 else ''} a week"
        elif w.window is not None or (
            w.recipe in recipes and recipes[w.recipe].limits.around_event
        ):
            how = "around its event"
        else:
            how = "every day"
        if w.per_day and w.per_day > 1:
            how += f", {w.per_day} times a day"
        if w.days:
            how += ", preferably " + ", ".join(WEEKDAYS[d] for d in w.days)
        if w.times:
            how += ", at " + ", ".join(clock(t) for t in w.times)
        mine = recipes[w.recipe].own if w.recipe in recipes else False
        which = f"{w.recipe}, your recipe in {recipes[w.recipe].origin}" if mine else w.recipe
        out += _wrap(f"{name} ({which}): {how}", indent="    ", first="  - ")
    a = routine.availability
    out.append("")
    out.append(
        "Available: "
        + ", ".join(WEEKDAYS[d] for d in a.weekdays)
        + "; "
        + ", ".join(w.label() for w in a.windows)
    )
    if a.blackout:
        out.append("Blackout: " + ", ".join(d.isoformat() for d in a.blackout))
    if routine.events:
        out.append("")
        out.append("Events:")
        for e in routine.events:
            when = f"day {e.day}" if e.day is not None else (e.date.isoformat() if e.date else "")
            line = f"{e.title} ({e.event}) on {when}"
            if e.time is not None:
                line += f" at {clock(e.time)}"
            if e.keep_clear:
                kc = e.keep_clear
                line += (
                    f"; keeps {', '.join(kc.recipes)} off days {kc.first_day:+d} to "
                    f"{kc.last_day:+d} [{kc.provenance}]"
                )
            out += _wrap(line, indent="    ", first="  - ")
    if routine.conditions:
        out.append("")
        out.append("Declared conditions: " + ", ".join(routine.conditions))
    return "\n".join(out) + "\n"


def _date_words(day: dt.date, year: bool = False) -> str:
    return f"{day.strftime('%a')} {day.day} {day.strftime('%b')}" + (f" {day.year}" if year else "")


def render_progress(plan: Plan, progress: Progress, names: Mapping[str, str]) -> str:
    """What was done, missed and added per remedy and per week, then the skin ratings
    as a bar per day (per week, averaged, when there are more than a month of them)."""
    out = [
        _fit(f"{plan.title} ({plan.routine})"),
        f"{_date_words(plan.start)} to {_date_words(plan.end, True)}, {_weeks(plan.weeks)}; "
        f"counted up to {_date_words(progress.today, True)}",
        "",
    ]
    from planner.core.progress import FIELDS

    total = {k: progress.total(k) for k in FIELDS}
    due = total["done"] + total["missed"]
    if progress.adherence is None:
        out.append(f"Nothing due yet; {total['to_come']} sessions to come.")
    else:
        out.append(
            f"Done {total['done']} of {due} sessions due ({progress.adherence}%), "
            f"{total['missed']} missed, {total['extra']} extra; {total['to_come']} to come."
        )
        if total["moved"]:
            n = total["moved"]
            out.append(f"{n} of them {'were' if n != 1 else 'was'} done on another day of "
                       "the same week.")  # fmt: skip
    numbers = "  Planned  Done  Moved  Missed  Extra  To come"
    rows = [(names.get(r.recipe, r.recipe), r) for r in progress.remedies]
    width = min(WIDTH - len(numbers), max([len("Remedy"), *(len(n) for n, _ in rows)]))

    def counts(c: Any) -> str:
        return (
            f"  {c.planned:>7}  {c.done:>4}  {c.moved:>5}  {c.missed:>6}  {c.extra:>5}  "
            f"{c.to_come:>7}"
        )

    def cut(name: str) -> str:
        return name if len(name) <= width else name[: width - 3].rstrip() + "..."

    out += ["", f"{'Remedy':<{width}}{numbers}"]
    out += [f"{cut(name):<{width}}{counts(r)}" for name, r in rows]
    out.append(f"{'Total':<{width}}" + counts(SimpleNamespace(**total)))
    out += ["", f"Week  {'Days':<13}{numbers}  Done %"]
    for w in progress.weeks:
        days = f"{w.first.day} {w.first:%b}-{w.last.day} {w.last:%b}"
        share = "-" if w.adherence is None else f"{w.adherence}%"
        out.append(f"{w.number:>4}  {days:<13}{counts(w)}  {share:>6}")
    out += ["", "Skin, 1 (bad) to 5 (very good):"]
    if not progress.ratings:
        out.append("  no ratings yet (the Tracker sheet's Skin 1-5 column)")
    elif len(progress.ratings) <= 31:
        out += [f"  {_date_words(day):<10}  {'#' * n:<5}  {n}" for day, n in progress.ratings]
    else:
        by_week: dict[int, list[int]] = {}
        for day, n in progress.ratings:
            by_week.setdefault((day - plan.start).days // 7 + 1, []).append(n)
        for week, given in by_week.items():
            mean = sum(given) / len(given)
            bar = "#" * int(mean + 0.5)
            out.append(f"  Week {week:<4}  {bar:<5}  {mean:.1f} ({len(given)} days)")
    return "\n".join(out) + "\n"
