"""The Plan sheet: a week a page, a row for each part of the day, a tick box by each
session, read from a metre away."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from typing import Any

from planner.core.plan import Plan, PlannedEvent, Session
from planner.core.recipe import Recipe, day_text
from planner.formats.workbook.cells import (
    FONT_SIZE,
    LINE_PT,
    XlsxOptions,
    _area,
    _lines,
    _page_setup,
    _printable_mm,
    _style,
    _widths,
    clean_text,
    merge,
    put_text,
)
from planner.formats.workbook.map_sheet import _boxes
from planner.view.describe import done_text
from planner.view.pages import (
    EVENT_FILL,
    HEAD_FILL,
    WeekPage,
    at_time,
    footer_text,
    plan_lanes,
    printed_weeks,
    remedy_colours,
    session_ids,
    zone_words,
)

# The Plan page is read from a metre away: 12 pt sessions and 15 pt day headings,
# printed at 100 %, with rows that grow to fill the page instead of a scale that shrinks.
PLAN_PT = 12


DAY_PT = 15


BOX_PT = 22.0  # a tick box row: 7.8 mm, and the tick column as wide


BOX_MM = 8.0


LABEL_MM = 21.0


LINE_12 = 15.5  # one line of 12 pt text, in points


PLAN_MARGIN_IN = 0.3  # above the header and below the footer: the week gets the rest


def _mm_chars(mm: float) -> float:
    """A column width (Excel's unit) that prints ``mm`` wide: the inverse of _col_mm."""
    return (mm * 96 / 25.4 - 5) / 7


def _plan_titles(ws: Any, plan: Plan, recipes: Mapping[str, Recipe], last_col: int) -> int:
    """Title and dates on one line, then the colour legend (every colour the pages use,
    in the fewest rows); the last row."""
    put_text(ws, 1, 1, plan.title, bold=True, size=18)
    merge(ws, start_row=1, start_column=1, end_row=1, end_column=5)
    put_text(
        ws, 1, 6,
        f"{day_text(plan.start)} to {day_text(plan.end)} {plan.end.year}, "
        f"{zone_words(plan.timezone)} time. Tick each box when it is done.",
        size=11, bottom=True, wrap=True,
    )  # fmt: skip
    merge(ws, start_row=1, start_column=6, end_row=1, end_column=last_col)
    ws.row_dimensions[1].height = 30
    colours = remedy_colours(plan)
    entries = [(recipes[rid].name, colours[rid]) for rid in session_ids(plan)]
    if plan.events:
        entries.append(("Event day (see its events row)", EVENT_FILL))
    pair = (_mm_chars(BOX_MM) + ws.column_dimensions["C"].width) / 1.25  # 11 pt, cautious

    def layout(span: int) -> tuple[float, int]:
        per_row = 7 // span
        rows = [entries[k : k + per_row] for k in range(0, len(entries), per_row)]
        heights = [max(_lines(n, pair * span) for n, _ in r) * 14.5 + 3 for r in rows]
        return sum(heights), per_row

    span = min((1, 2, 3), key=lambda sp: layout(sp)[0])
    per_row = layout(span)[1]
    row = 2
    put_text(ws, row, 1, "Colours", bold=True, size=11, top=True)
    for k, (name, fill) in enumerate(entries):
        if k and k % per_row == 0:
            row += 1
        col = 2 + (k % per_row) * 2 * span
        put_text(ws, row, col, name, fill=fill, border=True, wrap=True, size=11)
        merge(ws, start_row=row, start_column=col, end_row=row, end_column=col + 2 * span - 1)
        lines = _lines(name, pair * span)
        ws.row_dimensions[row].height = max(ws.row_dimensions[row].height or 0, 14.5 * lines + 3)
    ws.row_dimensions[row + 1].height = 6  # air between the legend and the week
    return row + 1


def _plan_sheet(ws: Any, plan: Plan, recipes: Mapping[str, Recipe], opts: XlsxOptions) -> None:
    from openpyxl.worksheet.pagebreak import Break

    avail_w, avail_h = _printable_mm(opts.paper, True, PLAN_MARGIN_IN)
    text_mm = (avail_w * 0.96 - LABEL_MM - 7 * BOX_MM) / 7
    widths = [_mm_chars(LABEL_MM), *[_mm_chars(BOX_MM), _mm_chars(text_mm)] * 7]
    _widths(ws, widths)
    last_col = len(widths)
    title_last = _plan_titles(ws, plan, recipes, last_col)
    ws.print_title_rows = f"1:{title_last}"
    titles_pt = sum(ws.row_dimensions[r].height or LINE_PT for r in range(1, title_last + 1))
    page_pt = avail_h * 72 / 25.4 * 0.975 - titles_pt
    lanes = plan_lanes(plan)
    row = title_last + 1
    needed = 0.0
    # Looked up by every week: made once, not once a week (a ten-year plan has 520).
    events: dict[dt.date, list[PlannedEvent]] = {}
    for e in plan.events:
        events.setdefault(e.date, []).append(e)
    at = {(s.date, s.recipe, s.slot): s for s in plan.sessions}
    for week in printed_weeks(plan, opts.week_start):
        row, height = _plan_week(ws, plan, recipes, week, lanes, (at, events), row, page_pt,
                                 widths)  # fmt: skip
        needed = max(needed, height)
        ws.row_breaks.append(Break(id=row - 1))
    scale = 100 if needed <= page_pt else max(10, math.floor(100 * page_pt / needed))
    _page_setup(ws, plan.title, opts.paper, True, fit=False, scale=scale, margin_in=PLAN_MARGIN_IN)
    ws.oddFooter.left.text = clean_text(footer_text(plan, recipes), 200).replace("&", "&&")
    _area(ws, last_col, row - 1)


def _plan_week(
    ws: Any,
    plan: Plan,
    recipes: Mapping[str, Recipe],
    week: WeekPage,
    lanes: dict[str, list[list[tuple[str, int]]]],
    index: tuple[dict[tuple[dt.date, str, int], Session], dict[dt.date, list[PlannedEvent]]],
    row: int,
    page_pt: float,
    widths: list[float],
) -> tuple[int, float]:
    """One week on one page; the next free row and the height the week needs. ``index``
    holds the plan's sessions by (date, recipe, slot) and its events by date."""
    colours = remedy_colours(plan)
    days = week.days
    dated = [d for d in days if d is not None]
    at, events = index
    # A cautious room for 12 pt text: a line that wraps one word early costs a line;
    # one that runs out of room would hide a word.
    text_chars = widths[2] * FONT_SIZE / PLAN_PT / 1.1
    # Heading, then a header per day: the date, in the event colour on an event day.
    put_text(ws, row, 1, week.heading(), bold=True, size=15)
    merge(ws, start_row=row, start_column=1, end_row=row, end_column=len(widths))
    ws.row_dimensions[row].height = 24
    top = row
    row += 1
    for k, day in enumerate(days):
        col = 2 + 2 * k
        cell = ws.cell(row=row, column=col, value=day)
        if day is not None:
            cell.number_format = "ddd d mmm"
        fill = EVENT_FILL if day in events else (HEAD_FILL if day is not None else "FFFFFF")
        if day in week.folded and day not in events:
            fill = "FFFFFF"  # the plan's last days: set apart from this week's
        _style(cell, bold=True, size=DAY_PT, fill=fill, border=True, center=True,
               italic=day in week.folded)  # fmt: skip
        _style(ws.cell(row=row, column=col + 1), fill=fill, border=True)
        merge(ws, start_row=row, start_column=col, end_row=row, end_column=col + 1)
    ws.row_dimensions[row].height = 24
    row += 1
    event_texts = {
        day: "; ".join(at_time(e.start, e.title) for e in events[day])
        for day in dated if day in events
    }  # fmt: skip
    row = _day_notes(ws, row, "Events", days, event_texts, EVENT_FILL, widths)
    # Sessions done before the plan was made: no box, as there is nothing left to tick.
    done_texts = {
        day: "; ".join(at_time(d.time, done_text(recipes[d.recipe].name))
                       for d in plan.done if d.date == day)
        for day in dated if any(d.date == day for d in plan.done)
    }  # fmt: skip
    row = _day_notes(ws, row, "Done", days, done_texts, HEAD_FILL, widths)
    fixed = sum(ws.row_dimensions[r].height or LINE_PT for r in range(top, row))
    # The same rows on every page; each is a box row (box and time) and a name row
    # that grows to fill the page.
    slots: list[tuple[str, list[tuple[str, int]], float]] = []
    for band, band_lanes in lanes.items():
        for lane in band_lanes:
            names = [recipes[rid].name for d in dated for rid, slot in lane
                     if (d, rid, slot) in at]  # fmt: skip
            lines = max([_lines(name, text_chars) for name in names] or [1])
            slots.append((band, lane, LINE_12 * lines + 6))
    least = fixed + sum(BOX_PT + need for _, _, need in slots)
    extra = max(0.0, (page_pt - least) / max(1, len(slots)))
    for band in lanes:
        first = row
        for _, lane, need in [s for s in slots if s[0] == band]:
            ws.row_dimensions[row].height = BOX_PT
            ws.row_dimensions[row + 1].height = need + extra
            for k, day in enumerate(days):
                if day is None:
                    continue
                found = [at[(day, rid, slot)] for rid, slot in lane if (day, rid, slot) in at]
                if found:
                    _session_cells(ws, row, 2 + 2 * k, found[0], recipes, colours)
            row += 2
        put_text(ws, first, 1, band, bold=True, size=13, wrap=True)
        _style(ws.cell(row=first, column=1), bold=True, size=13, border=True, top=True)
        merge(ws, start_row=first, start_column=1, end_row=row - 1, end_column=1)
    return row + 1, least


def _day_notes(
    ws: Any,
    row: int,
    label: str,
    days: Sequence[dt.date | None],
    texts: Mapping[dt.date, str],
    fill: str,
    widths: list[float],
) -> int:
    """A row of text under the days' headers (the day's events, the sessions already
    done), when any day of the page has some; the next free row."""
    if not texts:
        return row
    lines = 1
    put_text(ws, row, 1, label, bold=True, size=11, wrap=True)
    for day, text in texts.items():
        col = 2 + 2 * days.index(day)
        put_text(ws, row, col, text, fill=fill, wrap=True, border=True, size=PLAN_PT)
        merge(ws, start_row=row, start_column=col, end_row=row, end_column=col + 1)
        lines = max(lines, _lines(text, (widths[1] + widths[2]) * FONT_SIZE / PLAN_PT / 1.1))
    ws.row_dimensions[row].height = LINE_12 * lines + 4
    return row + 1


def _session_cells(
    ws: Any, row: int, col: int, s: Any, recipes: Mapping[str, Recipe], colours: dict[str, str]
) -> None:
    """A dark tick box, the time beside it, and the remedy's name below the time."""
    _style(ws.cell(row=row, column=col), box=True)
    _boxes(ws).setdefault((s.date, s.recipe, s.slot), {})[ws.title] = (row, col)
    tcell = ws.cell(row=row, column=col + 1, value=dt.time(s.start // 60, s.start % 60))
    tcell.number_format = "hh:mm"
    _style(tcell, bold=True, size=PLAN_PT, fill=colours[s.recipe], middle=True)
    put_text(ws, row + 1, col + 1, recipes[s.recipe].name, fill=colours[s.recipe], wrap=True,
             size=PLAN_PT)  # fmt: skip
