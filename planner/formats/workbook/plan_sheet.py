"""The Plan sheet: a week a page, a row for each part of the day, a tick box by each
session, read from a metre away."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from typing import Any

from planner.core.plan import Plan, PlannedEvent, Session
from planner.core.recipe import Recipe, clock, day_text
from planner.core.record import record
from planner.formats.workbook.cells import (
    EVENT_FILL,
    FONT_SIZE,
    HEAD_FILL,
    LINE_PT,
    XlsxOptions,
    _area,
    _colours,
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

# The Plan page is read from a metre away: 12 pt sessions and 15 pt day headings,
# printed at 100 %, with rows that grow to fill the page instead of a scale that shrinks.
PLAN_PT = 12


DAY_PT = 15


BOX_PT = 22.0  # a tick box row: 7.8 mm, and the tick column as wide


BOX_MM = 8.0


LABEL_MM = 21.0


LINE_12 = 15.5  # one line of 12 pt text, in points


PLAN_MARGIN_IN = 0.3  # above the header and below the footer: the week gets the rest


BANDS = (("Morning", 0), ("Midday", 12 * 60), ("Evening", 17 * 60))


def _mm_chars(mm: float) -> float:
    """A column width (Excel's unit) that prints ``mm`` wide: the inverse of _col_mm."""
    return (mm * 96 / 25.4 - 5) / 7


def _band(start: int) -> str:
    return [name for name, begin in BANDS if start >= begin][-1]


def week_pages(plan: Plan, week_start: str) -> list[list[dt.date | None]]:
    """The days of each Plan page, column by column (None: a column with no plan day).

    Columns follow ``week_start``. When the plan does not start on that weekday, the days
    of the last, partial week fill the empty columns of the first page (each with its own
    date), so the pages are the plan's weeks rounded up and never a page for one day.
    """
    first = 0 if week_start == "monday" else 6
    offset = (plan.start.weekday() - first) % 7
    days = [plan.start + dt.timedelta(days=k) for k in range(7 * plan.weeks)]
    cells: list[dt.date | None] = [None] * offset + list(days)
    pages = [cells[k : k + 7] for k in range(0, len(cells), 7)]
    if offset and len(pages) > 1 and len(pages[-1]) == offset:
        tail = pages.pop()
        pages[0] = [*tail, *pages[0][offset:]]
    pages[-1] += [None] * (7 - len(pages[-1]))
    return pages


def _runs_label(days: Sequence[dt.date]) -> str:
    """ "Mon 30 Nov to Sat 5 Dec, and Sun 10 Jan": the page's days, in runs of dates."""
    runs: list[list[dt.date]] = []
    for day in sorted(days):
        if runs and (day - runs[-1][-1]).days == 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    parts = [day_text(r[0]) + (f" to {day_text(r[-1])}" if len(r) > 1 else "") for r in runs]
    return ", and ".join(parts)


def _zone_words(zone: str) -> str:
    return "UTC" if zone in ("UTC", "Etc/UTC") else zone.rsplit("/", 1)[-1].replace("_", " ")


def _plan_titles(ws: Any, plan: Plan, recipes: Mapping[str, Recipe], last_col: int) -> int:
    """Title and dates on one line, then the colour legend (every colour the pages use,
    in the fewest rows); the last row."""
    put_text(ws, 1, 1, plan.title, bold=True, size=18)
    merge(ws, start_row=1, start_column=1, end_row=1, end_column=5)
    put_text(
        ws, 1, 6,
        f"{day_text(plan.start)} to {day_text(plan.end)} {plan.end.year}, "
        f"{_zone_words(plan.timezone)} time. Tick each box when it is done.",
        size=11, bottom=True, wrap=True,
    )  # fmt: skip
    merge(ws, start_row=1, start_column=6, end_row=1, end_column=last_col)
    ws.row_dimensions[1].height = 30
    colours = _colours(plan)
    entries = [(recipes[rid].name, colours[rid]) for rid in _session_ids(plan)]
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


def _session_ids(plan: Plan) -> list[str]:
    return list(dict.fromkeys(s.recipe for s in plan.sessions))


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
    pages = week_pages(plan, opts.week_start)
    folded = {d for d in pages[0] if d is not None and d > plan.start + dt.timedelta(days=6)}
    row = title_last + 1
    needed = 0.0
    # Looked up by every week: made once, not once a week (a ten-year plan has 520).
    events: dict[dt.date, list[PlannedEvent]] = {}
    for e in plan.events:
        events.setdefault(e.date, []).append(e)
    at = {(s.date, s.recipe, s.slot): s for s in plan.sessions}
    for n, days in enumerate(pages, start=1):
        week = _Week(days, n, len(pages), folded)
        row, height = _plan_week(ws, plan, recipes, week, lanes, (at, events), row, page_pt,
                                 widths)  # fmt: skip
        needed = max(needed, height)
        ws.row_breaks.append(Break(id=row - 1))
    scale = 100 if needed <= page_pt else max(10, math.floor(100 * page_pt / needed))
    _page_setup(ws, plan.title, opts.paper, True, fit=False, scale=scale, margin_in=PLAN_MARGIN_IN)
    ws.oddFooter.left.text = clean_text(_plan_footer(plan, recipes), 200).replace("&", "&&")
    _area(ws, last_col, row - 1)


def _plan_footer(plan: Plan, recipes: Mapping[str, Recipe]) -> str:
    text = "Not medical advice"
    if plan.excluded:
        names = ", ".join(dict.fromkeys(
            recipes[x.recipe].name if x.recipe in recipes else x.recipe for x in plan.excluded
        ))  # fmt: skip
        conditions = ", ".join(dict.fromkeys(c for x in plan.excluded for c in x.conditions))
        text += f". Left out for {conditions.replace('-', ' ')}: {names}"
    return text


@record
class _Week:
    """One printed page of the Plan sheet."""

    days: list[dt.date | None]  # the page's columns
    number: int
    count: int
    folded: set[dt.date]  # the plan's last days, printed on the first page

    def heading(self) -> str:
        dated = [d for d in self.days if d is not None]
        mine = [d for d in dated if d not in self.folded]
        text = f"Week {self.number} of {self.count}: {_runs_label(mine)}"
        if self.folded and self.number == 1:
            text += f"; at the left, the plan's last days: {_runs_label(sorted(self.folded))}"
        elif self.folded and self.number == self.count:
            text += f" (the last days, {_runs_label(sorted(self.folded))}, are on week 1's page)"
        return text


def _median(values: Sequence[int]) -> float:
    """The middle value (the mean of the two middle ones for an even count), as
    ``statistics.median`` gives it, without that module's import."""
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def plan_lanes(plan: Plan) -> dict[str, list[list[tuple[str, int]]]]:
    """Rows of each part of the day, by time: each row holds remedies (recipe, slot)
    whose days never meet, earliest first, so a remedy keeps its row all week and
    "what do I do tonight?" reads along one row."""
    starts: dict[tuple[str, str, int], list[int]] = {}
    days: dict[tuple[str, str, int], set[dt.date]] = {}
    for s in plan.sessions:
        key = (_band(s.start), s.recipe, s.slot)
        starts.setdefault(key, []).append(s.start)
        days.setdefault(key, set()).add(s.date)
    out: dict[str, list[list[tuple[str, int]]]] = {}
    for band, _ in BANDS:
        keys = sorted((k for k in starts if k[0] == band),
                      key=lambda k: (_median(starts[k]), k))  # fmt: skip
        rows: list[tuple[list[tuple[str, int]], set[dt.date]]] = []
        for key in keys:
            free = next((r for r in rows if not r[1] & days[key]), None)
            if free is None:
                rows.append(([], set()))
                free = rows[-1]
            free[0].append((key[1], key[2]))
            free[1].update(days[key])
        if rows:
            out[band] = [r[0] for r in rows]
    return out


def _plan_week(
    ws: Any,
    plan: Plan,
    recipes: Mapping[str, Recipe],
    week: _Week,
    lanes: dict[str, list[list[tuple[str, int]]]],
    index: tuple[dict[tuple[dt.date, str, int], Session], dict[dt.date, list[PlannedEvent]]],
    row: int,
    page_pt: float,
    widths: list[float],
) -> tuple[int, float]:
    """One week on one page; the next free row and the height the week needs. ``index``
    holds the plan's sessions by (date, recipe, slot) and its events by date."""
    colours = _colours(plan)
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
        day: "; ".join((f"{clock(e.start)} " if e.start is not None else "") + e.title
                       for e in events[day])
        for day in dated if day in events
    }  # fmt: skip
    row = _day_notes(ws, row, "Events", days, event_texts, EVENT_FILL, widths)
    # Sessions done before the plan was made: no box, as there is nothing left to tick.
    done_texts = {
        day: "; ".join((f"{clock(d.time)} " if d.time is not None else "")
                       + done_text(recipes[d.recipe].name) for d in plan.done if d.date == day)
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
