"""The Recipes sheet: a card per remedy, who should not use it and the warnings first."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from planner.core.plan import Plan
from planner.core.recipe import Condition, Recipe
from planner.formats.workbook.cells import (
    LINE_PT,
    XlsxOptions,
    _area,
    _lines,
    _page_setup,
    _scale,
    _style,
    _widths,
    merge,
    paper_chars,
    put_text,
)
from planner.view.describe import recipe_card
from planner.view.pages import remedy_colours, session_ids

SAFETY = ("Do not use if you have", "Warnings")


SAFETY_FILL = "FDECEA"


def _recipes_sheet(
    ws: Any,
    plan: Plan,
    recipes: Mapping[str, Recipe],
    conditions: Mapping[str, Condition],
    opts: XlsxOptions,
) -> None:
    """One card per page: safety first, then when this plan gives it, then the recipe."""
    from openpyxl.worksheet.pagebreak import Break

    label = 24.0
    widths = [label, paper_chars(opts.paper, False, [label])]
    _widths(ws, widths)
    names = {rid: r.name for rid, r in recipes.items()}
    colours = remedy_colours(plan)
    row = 1
    tallest = 0.0
    ids = session_ids(plan)
    for n, rid in enumerate(ids):
        r = recipes[rid]
        top = row
        put_text(ws, row, 1, r.name, bold=True, size=16, fill=colours[rid])
        merge(ws, start_row=row, start_column=1, end_row=row, end_column=2)
        ws.row_dimensions[row].height = 26
        row += 1
        shown = ""
        for card_row in recipe_card(r, conditions, plan, names):
            safety = card_row.label in SAFETY
            fill = SAFETY_FILL if safety else None
            if card_row.label != shown:
                if shown:
                    ws.row_dimensions[row].height = 5  # air between groups, not inside them
                    row += 1
                put_text(ws, row, 1, card_row.label, bold=True, wrap=True, fill=fill)
            elif fill:
                _style(ws.cell(row=row, column=1), fill=fill)
            put_text(ws, row, 2, card_row.text, wrap=True, bold=safety, fill=fill)
            # Bold type runs about a tenth wider than the estimate for plain text.
            room = widths[1] / (1.1 if safety else 1.0)
            lines = max(_lines(card_row.text, room), _lines(card_row.label, widths[0] / 1.1))
            ws.row_dimensions[row].height = LINE_PT * lines + 2
            shown = card_row.label
            row += 1
        tallest = max(tallest, sum(ws.row_dimensions[x].height or LINE_PT for x in range(top, row)))
        if n < len(ids) - 1:
            ws.row_breaks.append(Break(id=row))
        row += 1
    if not ids:
        put_text(ws, 1, 1, "No remedies in this plan.")
    scale = _scale(widths, opts.paper, False, tallest)
    _page_setup(ws, plan.title, opts.paper, False, fit=False, scale=scale)
    _area(ws, 2, row - 1)
