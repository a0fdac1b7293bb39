"""The Tracker sheet: a row per day with its sessions to tick, a 1-5 skin rating and notes,
and the rating chart."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from planner.core.plan import Plan
from planner.core.recipe import Recipe, clock
from planner.formats.workbook.cells import (
    LINE_PT,
    XlsxOptions,
    _area,
    _col_mm,
    _lines,
    _page_setup,
    _style,
    _widths,
    fit_width,
    put_text,
)
from planner.formats.workbook.map import (
    RATING_LABEL,
)
from planner.formats.workbook.map_sheet import _boxes
from planner.view.pages import EVENT_FILL, HEAD_FILL, at_time, plan_lanes

TRACK_ROW_PT = 24.0  # 8.5 mm: room to write by hand


CHART_ROWS = 16


def _tracker_sheet(ws: Any, plan: Plan, recipes: Mapping[str, Recipe], opts: XlsxOptions) -> None:
    """A row per day to tick, rate and note; the rating chart first, so that no page
    holds only a repeated header."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    at = {(s.date, s.recipe, s.slot): s for s in plan.sessions}
    events: dict[dt.date, list[str]] = {}
    for e in plan.events:
        events.setdefault(e.date, []).append(at_time(e.start, e.title))
    # The same columns as the Plan page's rows: a remedy keeps its column all along.
    lanes = [(band, n, lane) for band, rows in plan_lanes(plan).items()
             for n, lane in enumerate(rows, start=1)]  # fmt: skip
    count = {band: sum(1 for b, _, _ in lanes if b == band) for band, _, _ in lanes}
    labels = [f"00:00 {recipes[s.recipe].name}" for s in plan.sessions]
    heads = ["Day", "Event"]
    widths = [11.0, fit_width([t for v in events.values() for t in v], 6, 20, per_line=2)]
    for band, n, _ in lanes:
        heads += [band if count[band] == 1 else f"{band} {n}", "Done"]
        widths += [fit_width(labels, 14, 24, per_line=2), 5.0]
    heads += [RATING_LABEL, "Notes"]
    widths += [8.0, 30.0]
    _widths(ws, widths)
    head_row = CHART_ROWS + 1
    for c, h in enumerate(heads, start=1):
        put_text(ws, head_row, c, h, bold=True, fill=HEAD_FILL, border=True)
    ws.print_title_rows = f"{head_row}:{head_row}"
    rating_col = len(heads) - 1
    ratings: dict[dt.date, tuple[int, int]] = ws.parent.__dict__.setdefault("_planner_ratings", {})
    first_weekday = 0 if opts.week_start == "monday" else 6
    days = [plan.start + dt.timedelta(days=k) for k in range(7 * plan.weeks)]
    for i, day in enumerate(days):
        row = head_row + 1 + i
        new_week = i > 0 and day.weekday() == first_weekday  # a line between weeks
        cell = ws.cell(row=row, column=1, value=day)
        cell.number_format = "ddd d mmm"
        _style(cell, border=True, middle=True, bold=new_week, week=new_week)
        put_text(ws, row, 2, "; ".join(events.get(day, [])), border=True, wrap=True,
                 week=new_week, fill=EVENT_FILL if day in events else None)  # fmt: skip
        lines = 1
        for k, (_, _, lane) in enumerate(lanes):
            text = ""
            found = [at[(day, rid, slot)] for rid, slot in lane if (day, rid, slot) in at]
            if found:
                s = found[0]
                text = f"{clock(s.start)} {recipes[s.recipe].name}"
                _style(ws.cell(row=row, column=4 + 2 * k), box=True)
                _boxes(ws).setdefault((s.date, s.recipe, s.slot), {})[ws.title] = (row, 4 + 2 * k)
            else:
                _style(ws.cell(row=row, column=4 + 2 * k), border=True, week=new_week)
            put_text(ws, row, 3 + 2 * k, text, border=True, wrap=True, week=new_week)
            lines = max(lines, _lines(text, widths[2]))
        _style(ws.cell(row=row, column=rating_col), border=True, center=True, week=new_week)
        ratings[day] = (row, rating_col)
        _style(ws.cell(row=row, column=rating_col + 1), border=True, week=new_week)
        ws.row_dimensions[row].height = max(TRACK_ROW_PT, LINE_PT * lines + 6)
    first, last = head_row + 1, head_row + len(days)
    list_col = len(heads) + 2  # the drop-down's choices, hidden, outside the print area
    for k in range(5):
        ws.cell(row=k + 1, column=list_col, value=k + 1)
    letter_list = get_column_letter(list_col)
    ws.column_dimensions[letter_list].hidden = True
    dv = DataValidation(
        type="list",
        formula1=f"${letter_list}$1:${letter_list}$5",
        allow_blank=True,
        showErrorMessage=True,
        showInputMessage=True,
        promptTitle="Skin today",
        prompt="1 = bad, 3 = as usual, 5 = very good",
        errorTitle="Skin rating",
        error="Choose a number from 1 (bad) to 5 (very good).",
    )
    letter = get_column_letter(rating_col)
    dv.add(f"{letter}{first}:{letter}{last}")
    ws.add_data_validation(dv)
    ws.add_chart(_rating_chart(ws, rating_col, first, last, widths), "A1")
    _page_setup(ws, plan.title, opts.paper, True, fit=True)
    _area(ws, len(heads), last)


def _rating_chart(ws: Any, col: int, first: int, last: int, widths: Sequence[float]) -> Any:
    """Markers, straight lines, a fixed 1-5 axis, gaps for days not rated, axes shown."""
    from openpyxl.chart import LineChart, Reference

    chart = LineChart()
    chart.title = "Skin rating, day by day (fills in as you rate)"
    chart.y_axis.title = "rating"
    chart.y_axis.scaling.min = 1
    chart.y_axis.scaling.max = 5
    chart.y_axis.majorUnit = 1
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.x_axis.number_format = "d mmm"
    chart.display_blanks = "gap"
    chart.legend = None
    chart.height = CHART_ROWS * TRACK_ROW_PT / 72 * 2.54 * 0.62
    chart.width = min(25.0, sum(_col_mm(w) for w in widths) / 10 - 0.5)
    chart.add_data(Reference(ws, min_col=col, min_row=first, max_row=last))
    chart.set_categories(Reference(ws, min_col=1, min_row=first, max_row=last))
    series = chart.series[0]
    series.smooth = False
    series.marker.symbol = "circle"
    series.marker.size = 7
    return chart
