"""The Shopping sheet: a list to take to the shop, by store section, with tick boxes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from planner.core.plan import Plan
from planner.core.recipe import Recipe, day_text
from planner.formats.workbook.cells import (
    LINE_PT,
    XlsxOptions,
    _area,
    _lines,
    _page_setup,
    _style,
    _widths,
    fit_width,
    merge,
    put_text,
)
from planner.shopping.compute import SECTION_ORDER, ShoppingItem, ShoppingList
from planner.view.pages import HEAD_FILL


def _shopping_sheet(
    ws: Any, shopping: ShoppingList, plan: Plan, recipes: Mapping[str, Recipe], opts: XlsxOptions
) -> None:
    """A list to take to the shop: per section, what to buy in one cell ("2 x 100 g"),
    then what the plan needs, what is left over and which remedies it is for."""
    from planner.view.describe import leftover_text, need_text, to_buy_text

    names = {rid: r.name for rid, r in recipes.items()}

    def used_by(item: ShoppingItem) -> str:
        return ", ".join(names.get(rid, rid) for rid in item.recipes)

    buy = to_buy_text

    rows = [i for i in shopping.items if i.status != "equipment"]
    heads = ["Got", "Item", "Buy", "The plan needs", "Left over", "For"]
    widths = [
        5.0,
        fit_width([i.item for i in rows], 12, 34),
        fit_width([buy(i) for i in rows], 10, 22),
        fit_width([need_text(i) for i in rows], 10, 20),
        fit_width([leftover_text(i) for i in rows], 9, 16),
        fit_width([used_by(i) for i in shopping.items], 14, 40, per_line=2),
    ]
    _widths(ws, widths)
    put_text(ws, 1, 1, f"Shopping list: {plan.title}", bold=True, size=14)
    put_text(ws, 2, 1, f"For {day_text(plan.start)} to {day_text(plan.end)} {plan.end.year}"
             f" ({shopping.units} units)")  # fmt: skip
    for c, h in enumerate(heads, start=1):
        put_text(ws, 3, c, h, bold=True, fill=HEAD_FILL, border=True)
    ws.print_title_rows = "1:3"
    ws.freeze_panes = "A4"
    row = 4
    groups = [(sec, [i for i in rows if i.status == "buy" and i.section == sec])
              for sec in SECTION_ORDER]  # fmt: skip
    groups.append(("Already at home", shopping.with_status("on hand")))
    for section, items in groups:
        if not items:
            continue
        put_text(ws, row, 1, section.capitalize(), bold=True, size=12)
        ws.row_dimensions[row].height = 18
        row += 1
        for item in items:
            _style(ws.cell(row=row, column=1), box=True)
            left = leftover_text(item)
            texts = [item.item, buy(item), need_text(item), left, used_by(item)]
            for c, text in enumerate(texts, start=2):
                put_text(ws, row, c, text, border=True, wrap=True, bold=c == 3)
            lines = max(_lines(t, widths[c - 1]) for c, t in enumerate(texts, start=2))
            ws.row_dimensions[row].height = max(LINE_PT * lines + 4, 24)  # 8 mm boxes
            row += 1
        row += 1
    equipment = shopping.with_status("equipment")
    if equipment:
        put_text(ws, row, 1, "Equipment you need at home (reused)", bold=True, size=12)
        ws.row_dimensions[row].height = 18
        row += 1
        for item in equipment:
            _style(ws.cell(row=row, column=1), box=True)
            put_text(ws, row, 2, item.item, border=True, wrap=True)
            put_text(ws, row, 3, "for " + used_by(item), wrap=True, border=True)
            merge(ws, start_row=row, start_column=3, end_row=row, end_column=6)
            ws.row_dimensions[row].height = max(
                24, LINE_PT * _lines("for " + used_by(item), sum(widths[2:])) + 4
            )
            row += 1
    _page_setup(ws, plan.title, opts.paper, False, fit=True)
    _area(ws, len(heads), row - 1)
