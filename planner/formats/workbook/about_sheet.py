"""The About sheet: the routine, its dates, what was left out and why, and the
not-medical-advice note."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from planner.core.plan import Plan
from planner.core.recipe import Condition, Recipe, clock, day_text
from planner.formats.workbook.cells import (
    LINE_PT,
    XlsxOptions,
    _area,
    _lines,
    _page_setup,
    _widths,
    merge,
    paper_chars,
    put_text,
)
from planner.view.describe import NOT_ADVICE_IN_FULL, shortfall_text


def _about_sheet(
    ws: Any,
    plan: Plan,
    recipes: Mapping[str, Recipe],
    conditions: Mapping[str, Condition],
    now: dt.datetime,
    opts: XlsxOptions,
) -> None:
    from openpyxl.styles import Alignment

    widths = [22.0, paper_chars(opts.paper, False, [22.0])]
    _widths(ws, widths)
    row = 1
    put_text(ws, row, 1, plan.title, bold=True, size=14)
    ws.row_dimensions[row].height = 22
    row += 2

    def pair(label: str, value: Any, fmt: str | None = None) -> None:
        nonlocal row
        put_text(ws, row, 1, label, bold=True)
        lines = 1
        if isinstance(value, str):
            put_text(ws, row, 2, value, wrap=True)
            lines = _lines(value, widths[1])
        else:
            cell = ws.cell(row=row, column=2, value=value)
            cell.number_format = fmt or "General"
            cell.alignment = Alignment(horizontal="left", vertical="top")
        ws.row_dimensions[row].height = LINE_PT * lines + 3
        row += 1

    pair("Routine", f"{plan.title} ({plan.routine})")
    pair("First day", plan.start, "ddd d mmm yyyy")
    pair("Last day", plan.end, "ddd d mmm yyyy")
    pair("Weeks", plan.weeks)
    pair("Time zone", plan.timezone)
    pair("Sessions", len(plan.sessions))
    for e in plan.events:
        when = f"{day_text(e.date)}" + (f", {clock(e.start)}" if e.start is not None else "")
        pair("Appointment" if e.recipe else "Event", f"{e.title}: {when}")
    declared = [conditions[c].name if c in conditions else c for c in plan.conditions]
    pair("Declared conditions", "; ".join(declared) or "none")
    if plan.excluded:
        for x in plan.excluded:
            pair("Left out", x.reason)
    else:
        pair("Left out", "nothing")
    if plan.shortfalls:
        for f in plan.shortfalls:
            name = recipes[f.recipe].name if f.recipe in recipes else ""
            pair("Falls short", shortfall_text(f, name))
    else:
        pair("Falls short", "nothing: every wish fits")
    for note in plan.notices:
        pair("Note", note)
    pair("Generated", now.astimezone(dt.UTC).replace(tzinfo=None), 'yyyy-mm-dd hh:mm "UTC"')
    row += 1
    put_text(ws, row, 1, NOT_ADVICE_IN_FULL, bold=True, wrap=True)
    merge(ws, start_row=row, start_column=1, end_row=row, end_column=2)
    ws.row_dimensions[row].height = LINE_PT * _lines(NOT_ADVICE_IN_FULL, sum(widths)) + 3
    _page_setup(ws, plan.title, opts.paper, False, fit=True)
    _area(ws, 2, row)
