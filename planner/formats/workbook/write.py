"""The printable workbook: Plan, Shopping, Recipes, Tracker and About sheets, and a
hidden sheet that maps every tick box and rating cell for reading the marks back.

Everything here is made for paper first: paper size and orientation on every
sheet, print areas, repeated title rows, page numbers, drawn borders instead of
gridlines. Sheets whose manual page breaks must hold (one week per page, one
recipe card per page) get a computed scale, because Excel ignores manual
breaks under fit-to-page; the others fit to the paper width.

Text that came from a file is always stored as text, never as a formula, so a
recipe named ``=HYPERLINK(...)`` cannot act when the sheet is opened.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Mapping, Sequence
from copy import copy
from typing import Any

from planner.core.plan import Plan, PlannedEvent, Session
from planner.core.recipe import Condition, Recipe, clock, day_text
from planner.core.record import record
from planner.formats.workbook.map import (
    DONE_COLUMN,
    DONE_HEAD,
    MAP_SHEET,
    MAP_TITLE,
    MAP_VERSION,
    RATING_COLUMN,
    RATING_HEAD,
    RATING_LABEL,
    SESSION_HEAD,
    plan_fingerprint,
)
from planner.shopping.compute import SECTION_ORDER, ShoppingItem, ShoppingList
from planner.view.describe import NOT_ADVICE_IN_FULL, done_text, recipe_card, shortfall_text

MAX_CELL_TEXT = 1000
CUT_MARK = " [...cut]"

# Printable paper in millimetres (width, height) for portrait.
PAPER_MM = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}
MARGIN_IN = 0.5
HEADER_IN = 0.3
# Light fills for remedies, in legend order; dark text stays readable on each.
PALETTE = (
    "F9C9CF",  # pink
    "C9E4D6",  # mint
    "C8D6F8",  # periwinkle
    "FFE49A",  # yellow
    "DCCBF0",  # lavender
    "FAD0A8",  # peach
    "BFE8F2",  # aqua
    "E2CDB3",  # tan
    "D9EFA8",  # lime
    "E6E6E0",  # grey
    "EBC3E6",  # orchid
    "C4D1DD",  # slate
)
EVENT_FILL = "FFD166"
# Arial (Liberation Sans on Linux) has the same metrics everywhere, so column widths
# computed here print the same in Excel, LibreOffice and Google Sheets.
FONT = "Arial"
FONT_SIZE = 10
LINE_PT = 13.0
HEAD_FILL = "E9ECEF"

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@record
class XlsxOptions:
    """Paper size and first day of the week of the printout."""

    paper: str = "a4"
    week_start: str = "monday"


def clean_text(text: str, limit: int = MAX_CELL_TEXT) -> str:
    """Control characters removed; over-long text cut with a visible marker."""
    text = _CONTROL.sub("", text)
    if len(text) > limit:
        text = text[: limit - len(CUT_MARK)] + CUT_MARK
    return text


def put_text(ws: Any, row: int, col: int, text: str, **style: Any) -> Any:
    """A text cell that no spreadsheet will ever run as a formula or read as an error."""
    cell = ws.cell(row=row, column=col)
    value = clean_text(text)
    cell.value = value
    cell.data_type = "s"  # openpyxl would otherwise store "=..." as a formula, "#N/A" as error
    if value.startswith(_FORMULA_START) or value.startswith("#"):
        # quotePrefix makes Excel and LibreOffice show the text as typed, even after editing.
        cell.quotePrefix = True
    _style(cell, **style)
    return cell


def merge(ws: Any, *, start_row: int, start_column: int, end_row: int, end_column: int) -> None:
    """``ws.merge_cells`` with the same result, at a fraction of its cost.

    openpyxl gives each covered cell its border and protection through a search of the
    workbook's style tables, once per cell; here each distinct result is looked up once
    per workbook and then set by its index.
    """
    from openpyxl.cell.cell import MergedCell
    from openpyxl.styles import Border
    from openpyxl.styles.cell_style import StyleArray
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.cell_range import CellRange
    from openpyxl.worksheet.merge import MergedCellRange

    first, last = (get_column_letter(start_column), get_column_letter(end_column))
    cache: dict[tuple[object, ...], int] = ws.parent.__dict__.setdefault("_planner_merges", {})
    # MergedCellRange() gives the start cell the right and bottom border of the end cell;
    # the same, looked up once per distinct pair of borders.
    start = ws.cell(row=start_row, column=start_column)
    end = ws._cells.get((end_row, end_column))
    ends = tuple(c._style.borderId if c is not None and c._style is not None else 0
                 for c in (start, end))  # fmt: skip
    mcr = MergedCellRange.__new__(MergedCellRange)
    CellRange.__init__(mcr, f"{first}{start_row}:{last}{end_row}")
    mcr.ws, mcr.start_cell = ws, start
    if end is not None:
        if ends not in cache:
            start.border += Border(right=end.border.right, bottom=end.border.bottom)
            cache[ends] = start._style.borderId
        start._style.borderId = cache[ends]
    # MultiCellRange.add first compares the range with every merge so far, which is
    # quadratic in a long plan; these ranges are new by construction.
    ws.merged_cells.ranges.add(mcr)
    for row in range(start_row, end_row + 1):
        for col in range(start_column, end_column + 1):
            if (row, col) == (start_row, start_column):
                continue
            edges = tuple(
                name
                for name, on in (("top", row == start_row), ("left", col == start_column),
                                 ("right", col == end_column), ("bottom", row == end_row))
                if on
            )  # fmt: skip
            cell = MergedCell(ws, row=row, column=col)
            cell._style = StyleArray()
            ws._cells[row, col] = cell
            key = (start._style.borderId, edges)
            if key not in cache:
                # What openpyxl's MergedCellRange.format does, done once per distinct result.
                for name in edges:
                    side = getattr(start.border, name)
                    if side and side.style is None:
                        continue
                    cell.border += Border(**{name: side})
                cache[key] = cell._style.borderId
            cell._style.borderId = cache[key]
            cell._style.protectionId = start._style.protectionId


def _style(
    cell: Any,
    *,
    top: bool = False,
    bold: bool = False,
    fill: str | None = None,
    size: float | None = None,
    border: bool = False,
    wrap: bool = False,
    center: bool = False,
    italic: bool = False,
    box: bool = False,
    middle: bool = False,
    week: bool = False,
    bottom: bool = False,
) -> None:
    """Fonts, fills, borders and alignment, built once per workbook and then copied.

    Setting openpyxl style objects cell by cell costs a search of the workbook's
    style tables each time; copying a finished style array does not. ``box`` is a tick
    box: a dark, medium border that stands out on paper; ``week`` a rule above a row.
    """
    flags = (top, bold, fill, size, border, wrap, center, italic, box, middle, week, bottom)
    if not any(flags):
        return
    book = cell.parent.parent
    cache: dict[tuple[object, ...], Any] = book.__dict__.setdefault("_planner_styles", {})
    # The number format and quote prefix set before this call, read from the style array
    # itself: the properties that show them cost a style-table lookup each.
    done = cell._style
    key = (*flags, done.numFmtId, done.quotePrefix) if done is not None else (*flags, 0, 0)
    if key in cache:
        cell._style = copy(cache[key])
        return
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    if bold or size or italic:
        cell.font = Font(name=FONT, bold=bold, size=size or FONT_SIZE, italic=italic)
    if fill:
        cell.fill = PatternFill("solid", fgColor=fill)
    if box:
        dark = Side(style="medium", color="000000")
        cell.border = Border(left=dark, right=dark, top=dark, bottom=dark)
    elif border or week:
        thin = Side(style="thin", color="808080")
        rule = Side(style="medium", color="404040") if week else thin
        cell.border = Border(left=thin, right=thin, top=rule, bottom=thin)
    if center:
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=wrap)
    elif middle:
        cell.alignment = Alignment(horizontal="left", vertical="center", wrap_text=wrap)
    elif bottom:
        cell.alignment = Alignment(horizontal="right", vertical="bottom", wrap_text=wrap)
    elif top or wrap:
        cell.alignment = Alignment(vertical="top", wrap_text=wrap)
    cache[key] = copy(cell._style)


def _col_mm(width_chars: float) -> float:
    """Printed width of a column: Excel's width unit is one digit (7 px at 96 dpi) plus padding."""
    return (width_chars * 7 + 5) * 25.4 / 96


def fit_width(texts: Sequence[str], low: float, high: float, per_line: int = 1) -> float:
    """A column width for the longest text (over ``per_line`` wrapped lines), within bounds."""
    longest = max((len(t) for t in texts), default=0)
    return float(min(high, max(low, math.ceil(longest / per_line) + 1)))


def paper_chars(paper: str, landscape: bool, other: Sequence[float]) -> float:
    """The width left on the paper, in Excel's width unit, beside columns ``other``."""
    avail_px = _printable_mm(paper, landscape)[0] * 96 / 25.4
    used_px = sum(w * 7 + 5 for w in other)
    return max(10.0, (avail_px - used_px - 5) / 7 * 0.95)


def _printable_mm(paper: str, landscape: bool, margin_in: float = MARGIN_IN) -> tuple[float, float]:
    w, h = PAPER_MM[paper]
    if landscape:
        w, h = h, w
    return w - 2 * MARGIN_IN * 25.4, h - 2 * (margin_in + HEADER_IN) * 25.4


def _scale(widths: Sequence[float], paper: str, landscape: bool, tallest_pt: float = 0.0) -> int:
    """A print scale (percent) at which the columns, and the tallest block, fit one page."""
    avail_w, avail_h = _printable_mm(paper, landscape)
    content = sum(_col_mm(w) for w in widths)
    scale = avail_w / content
    if tallest_pt:
        scale = min(scale, avail_h / (tallest_pt * 25.4 / 72))
    # Renderers round fonts and widths differently; keep a margin of safety.
    return max(10, min(100, math.floor(scale * 100 * 0.94)))


def _page_setup(
    ws: Any,
    title: str,
    paper: str,
    landscape: bool,
    *,
    fit: bool,
    scale: int = 100,
    margin_in: float = MARGIN_IN,
) -> None:
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4 if paper == "a4" else ws.PAPERSIZE_LETTER
    ws.page_margins.left = ws.page_margins.right = MARGIN_IN
    ws.page_margins.top = ws.page_margins.bottom = margin_in + HEADER_IN
    ws.page_margins.header = ws.page_margins.footer = HEADER_IN
    if fit:
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
    else:
        ws.page_setup.scale = scale
    ws.sheet_view.showGridLines = False
    ws.print_options.gridLines = False
    header = clean_text(title, 120).replace("&", "&&")
    ws.oddHeader.center.text = f"{header} - &A"
    ws.oddFooter.center.text = "Page &P of &N"


def _widths(ws: Any, widths: Sequence[float]) -> None:
    from openpyxl.utils import get_column_letter

    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = min(w, 254)


_NARROW = frozenset("iljtfr.,;:'|!() ")


def _text_width(text: str) -> float:
    """Width of a text in Excel's unit (one digit), for Arial: capitals and letters
    outside Latin run wider than digits, i, l and punctuation narrower."""
    total = 0.0
    for ch in text:
        if ch in _NARROW:
            total += 0.5
        elif ch.isupper() or ord(ch) > 0x24F or ch in "mwMW@%":
            total += 1.3
        else:
            total += 0.9
    return total


def _lines(text: str, width_chars: float) -> int:
    """Rows a wrapped text needs in a column of that width (a cautious estimate: words
    are not split, so a line holds somewhat less than the column's width)."""
    room = max(1.0, width_chars * 0.9)
    return sum(max(1, math.ceil(_text_width(part) / room)) for part in text.split("\n"))


def _area(ws: Any, last_col: int, last_row: int) -> None:
    from openpyxl.utils import get_column_letter

    ws.print_area = f"A1:{get_column_letter(last_col)}{max(last_row, 1)}"


# ---- Plan -------------------------------------------------------------------


def colour(i: int) -> str:
    """The i-th remedy colour: the palette first, then light tints spread round the hue circle."""
    if i < len(PALETTE):
        return PALETTE[i]
    import colorsys

    hue = ((i - len(PALETTE)) * 0.6180339887 + 0.07) % 1.0
    shade = 0.80 + 0.06 * ((i // 7) % 2)
    r, g, b = colorsys.hls_to_rgb(hue, shade, 0.65)
    return f"{round(r * 255):02X}{round(g * 255):02X}{round(b * 255):02X}"


def _colours(plan: Plan) -> dict[str, str]:
    """A colour per remedy that stays the same from plan to plan: chosen from the id,
    moving on to the next free colour only when two remedies of one plan meet."""
    import zlib

    out: dict[str, str] = {}
    taken: set[int] = set()
    for rid in sorted(plan.recipe_ids()):
        i = zlib.crc32(rid.encode()) % len(PALETTE)
        while i in taken:
            i = (i + 1) % len(PALETTE) if len(taken) < len(PALETTE) else i + 1
        taken.add(i)
        out[rid] = colour(i)
    return out


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


# ---- Shopping ---------------------------------------------------------------


def _shopping_sheet(
    ws: Any, shopping: ShoppingList, plan: Plan, recipes: Mapping[str, Recipe], opts: XlsxOptions
) -> None:
    """A list to take to the shop: per section, what to buy in one cell ("2 x 100 g"),
    then what the plan needs, what is left over and which remedies it is for."""
    from planner.view.describe import buy_text, leftover_text, need_text

    names = {rid: r.name for rid, r in recipes.items()}

    def used_by(item: ShoppingItem) -> str:
        return ", ".join(names.get(rid, rid) for rid in item.recipes)

    def buy(item: ShoppingItem) -> str:
        if item.status == "on hand":
            return f"nothing: you have {item.have}" if item.have else "nothing: you have it"
        return buy_text(item).split(" (")[0] if item.packages is not None else need_text(item)

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


# ---- Recipes ----------------------------------------------------------------

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
    colours = _colours(plan)
    row = 1
    tallest = 0.0
    ids = _session_ids(plan)
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


# ---- Tracker ----------------------------------------------------------------

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
        events.setdefault(e.date, []).append(
            (f"{clock(e.start)} " if e.start is not None else "") + e.title
        )
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


# ---- About --------------------------------------------------------------------


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


# ---- the map of tick boxes (hidden) -----------------------------------------------


def _boxes(ws: Any) -> dict[tuple[dt.date, str, int], dict[str, tuple[int, int]]]:
    """The tick boxes drawn so far: per session (date, recipe, slot), sheet -> (row, col)."""
    boxes: dict[tuple[dt.date, str, int], dict[str, tuple[int, int]]]
    boxes = ws.parent.__dict__.setdefault("_planner_boxes", {})
    return boxes


def _map_sheet(ws: Any, plan: Plan, recipes: Mapping[str, Recipe]) -> None:
    """The machine-readable map of every tick box and rating cell (see the ``map`` module
    beside this one): hidden, outside every print range, and read back by ``read``."""
    from openpyxl.utils import get_column_letter

    ws.sheet_state = "hidden"
    boxes = _boxes(ws)
    ratings: dict[dt.date, tuple[int, int]] = ws.parent.__dict__.get("_planner_ratings", {})

    def text(row: int, col: int, value: str) -> None:
        put_text(ws, row, col, value)  # ids and titles are data, never formulas

    def where(sheet: str, at: tuple[int, int] | None) -> str:
        return f"{sheet}!{get_column_letter(at[1])}{at[0]}" if at else ""

    text(1, 1, MAP_TITLE)
    ws.cell(row=1, column=2, value=MAP_VERSION)
    head = [("routine", plan.routine), ("title", plan.title), ("start", plan.start.isoformat()),
            ("weeks", plan.weeks), ("timezone", plan.timezone),
            ("fingerprint", plan_fingerprint(plan.sessions)),
            ("sessions", len(plan.sessions)), ("days", len(ratings))]  # fmt: skip
    for row, (key, value) in enumerate(head, start=2):
        text(row, 1, key)
        if isinstance(value, str):
            text(row, 2, value)
        else:
            ws.cell(row=row, column=2, value=value)
    top = len(head) + 3
    for col, name in enumerate(SESSION_HEAD, start=1):
        text(top, col, name)
    for col, name in enumerate(RATING_HEAD, start=RATING_COLUMN):
        text(top, col, name)
    for col, name in enumerate(DONE_HEAD, start=DONE_COLUMN):
        text(top, col, name)
    days = sorted(ratings.items())
    done = plan.done
    gap = [None] * (RATING_COLUMN - len(SESSION_HEAD) - 1)
    # Appended whole rows: a ten-year plan has thousands. Dates, ids, numbers and cell
    # names never start with "=", so only the names from recipe files need put_text.
    for k in range(max(len(plan.sessions), len(days), len(done))):
        values: list[object] = [None] * len(SESSION_HEAD)
        if k < len(plan.sessions):
            s = plan.sessions[k]
            found = boxes.get((s.date, s.recipe, s.slot), {})
            plan_box, tracker_box = (
                where("Plan", found.get("Plan")),
                where("Tracker", found.get("Tracker")),
            )
            values = [s.date.isoformat(), s.start, s.recipe, s.minutes, s.slot, None, plan_box,
                      tracker_box]  # fmt: skip
        if k < len(days):
            values += [*gap, days[k][0].isoformat(), where("Tracker", days[k][1])]
        if k < len(done):
            values += [None] * (DONE_COLUMN - 1 - len(values))
            values += [done[k].date.isoformat(), done[k].time, done[k].recipe]
        ws.append(values)
        if k < len(plan.sessions):
            text(top + 1 + k, 6, recipes[plan.sessions[k].recipe].name)
        if k < len(done):
            text(top + 1 + k, DONE_COLUMN + 3, done[k].source)  # a file name: any text


# ---- the workbook ---------------------------------------------------------------


def render_xlsx(
    plan: Plan,
    recipes: Mapping[str, Recipe],
    shopping: ShoppingList,
    conditions: Mapping[str, Condition],
    now: dt.datetime,
    options: XlsxOptions | None = None,
) -> bytes:
    """The workbook as bytes; the same arguments give the same bytes."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils.indexed_list import IndexedList
    from openpyxl.writer.excel import ExcelWriter

    opts = options or XlsxOptions()
    wb = Workbook()
    base = Font(name=FONT, size=FONT_SIZE, family=2)
    wb._fonts = IndexedList([base])  # the workbook's default font, used for column widths
    wb._named_styles["Normal"].font = base
    plan_ws = wb.active
    plan_ws.title = "Plan"
    _plan_sheet(plan_ws, plan, recipes, opts)
    _shopping_sheet(wb.create_sheet("Shopping"), shopping, plan, recipes, opts)
    _recipes_sheet(wb.create_sheet("Recipes"), plan, recipes, conditions, opts)
    _tracker_sheet(wb.create_sheet("Tracker"), plan, recipes, opts)
    _about_sheet(wb.create_sheet("About"), plan, recipes, conditions, now, opts)
    _map_sheet(wb.create_sheet(MAP_SHEET), plan, recipes)
    stamp = now.astimezone(dt.UTC).replace(tzinfo=None, microsecond=0)
    wb.properties.creator = "remedy-planner"
    wb.properties.title = clean_text(plan.title, 200)
    wb.properties.created = stamp
    wb.properties.modified = stamp
    wb.properties.lastModifiedBy = "remedy-planner"
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        _memory_writer(ExcelWriter)(wb, archive).save()
    return _fixed_zip(raw.getvalue(), stamp)


def _memory_writer(base: Any) -> Any:
    """openpyxl's writer with every sheet written in memory.

    openpyxl writes each sheet to a temporary file first: a full disk or a
    file-size limit then fails inside a generator and prints a traceback at
    garbage collection. In memory, only the finished files are ever written,
    and they go through the all-or-nothing writer.
    """
    from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
    from openpyxl.worksheet._writer import WorksheetWriter

    class MemoryWriter(base):  # type: ignore[misc]
        def write_worksheet(self, ws: Any) -> None:
            ws._drawing = SpreadsheetDrawing()
            ws._drawing.charts = ws._charts
            ws._drawing.images = ws._images
            out = io.BytesIO()
            writer = WorksheetWriter(ws, out=out)
            writer.write()
            ws._rels = writer._rels
            self._archive.writestr(ws.path[1:], out.getvalue())
            self.manifest.append(ws)

    return MemoryWriter


def _fixed_zip(data: bytes, stamp: dt.datetime) -> bytes:
    """The same archive with every member stamped ``stamp``, so equal inputs give equal bytes."""
    when = (max(stamp.year, 1980), stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=when)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
