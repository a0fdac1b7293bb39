"""The printable workbook: Plan, Shopping, Recipes, Tracker and About sheets.

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
from dataclasses import dataclass
from typing import Any

from planner.describe import NOT_ADVICE_IN_FULL, planned_times, recipe_card, shortfall_text
from planner.model import WEEKDAYS, Condition, Recipe, clock
from planner.plan import Plan
from planner.shopping import SECTION_ORDER, ShoppingItem, ShoppingList
from planner.units import format_number, plural

MAX_CELL_TEXT = 1000
CUT_MARK = " [...cut]"

# Printable paper in millimetres (width, height) for portrait.
PAPER_MM = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}
MARGIN_IN = 0.5
HEADER_IN = 0.3
# Light fills for remedies, in legend order; dark text stays readable on each.
PALETTE = (
    "FDE2E4",
    "E2ECE9",
    "DFE7FD",
    "FFF1C1",
    "E8DFF5",
    "FCE1C7",
    "D7F2F7",
    "EADBC8",
    "F0EFEB",
    "DDF7D4",
    "F9D5E5",
    "CFE8FC",
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


@dataclass(frozen=True)
class XlsxOptions:
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
    span: str = "",
) -> None:
    """Fonts, fills, borders and alignment, built once per workbook and then copied.

    Setting openpyxl style objects cell by cell costs a search of the workbook's
    style tables each time; copying a finished style array does not.
    """
    from copy import copy

    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    if not (top or bold or fill or size or border or wrap or center or italic or span):
        return
    book = cell.parent.parent
    cache: dict[tuple[object, ...], Any] = book.__dict__.setdefault("_planner_styles", {})
    key = (top, bold, fill, size, border, wrap, center, italic, span, cell.number_format,
           cell.quotePrefix)  # fmt: skip
    if key in cache:
        cell._style = copy(cache[key])
        return
    if bold or size or italic:
        cell.font = Font(name=FONT, bold=bold, size=size or FONT_SIZE, italic=italic)
    if fill:
        cell.fill = PatternFill("solid", fgColor=fill)
    if border:
        thin = Side(style="thin", color="808080")
        cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
    if span:
        # One box around three cells ("l", "m", "r"), its text centred across them.
        thin = Side(style="thin", color="808080")
        cell.border = Border(
            left=thin if span == "l" else None,
            right=thin if span == "r" else None,
            top=thin,
            bottom=thin,
        )
        cell.alignment = Alignment(horizontal="centerContinuous", vertical="center")
    elif center:
        cell.alignment = Alignment(horizontal="center", vertical="center")
    elif top:
        cell.alignment = Alignment(vertical="top")
    elif wrap:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
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


def _printable_mm(paper: str, landscape: bool) -> tuple[float, float]:
    w, h = PAPER_MM[paper]
    if landscape:
        w, h = h, w
    margin = MARGIN_IN * 25.4
    return w - 2 * margin, h - 2 * margin - 2 * HEADER_IN * 25.4


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
    ws: Any, title: str, paper: str, landscape: bool, *, fit: bool, scale: int = 100
) -> None:
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4 if paper == "a4" else ws.PAPERSIZE_LETTER
    ws.page_margins.left = ws.page_margins.right = MARGIN_IN
    ws.page_margins.top = ws.page_margins.bottom = MARGIN_IN + HEADER_IN
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
    return {rid: colour(i) for i, rid in enumerate(plan.recipe_ids())}


def _plan_sheet(ws: Any, plan: Plan, recipes: Mapping[str, Recipe], opts: XlsxOptions) -> None:
    from openpyxl.worksheet.pagebreak import Break

    colours = _colours(plan)
    first_day = 0 if opts.week_start == "monday" else 6
    day_cols = 3  # tick box, time, remedy
    names = [recipes[rid].name for rid in plan.recipe_ids()]
    widths = [2.6, 5.6, fit_width(names, 12, 20, per_line=2)] * 7
    _widths(ws, widths)
    last_col = 7 * day_cols
    put_text(ws, 1, 1, plan.title, bold=True, size=14)
    put_text(
        ws,
        2,
        1,
        f"{plan.start.isoformat()} to {plan.end.isoformat()}, "
        f"times in {plan.timezone}. Tick the box when done.",
    )
    row = 3
    ids = plan.recipe_ids()
    for k, rid in enumerate(ids):
        col = 1 + (k % 7) * day_cols
        if k and k % 7 == 0:
            row += 1
        name = recipes[rid].name
        put_text(ws, row, col, name, fill=colours[rid], border=True, wrap=True)
        ws.merge_cells(start_row=row, start_column=col, end_row=row, end_column=col + 2)
        lines = _lines(name, sum(widths[:3]))
        ws.row_dimensions[row].height = max(ws.row_dimensions[row].height or 0, LINE_PT * lines)
    title_rows = row
    ws.print_title_rows = f"1:{title_rows}"
    row += 2
    by_day: dict[dt.date, list[Any]] = {}
    for s in plan.sessions:
        by_day.setdefault(s.date, []).append(s)
    events: dict[dt.date, list[Any]] = {}
    for e in plan.events:
        events.setdefault(e.date, []).append(e)
    offset = (plan.start.weekday() - first_day) % 7
    block_start = plan.start - dt.timedelta(days=offset)
    tallest = 0.0
    week_no = 0
    while block_start <= plan.end:
        top = row
        days = [block_start + dt.timedelta(days=k) for k in range(7)]
        week_no += 1
        put_text(
            ws,
            row,
            1,
            f"Week {week_no}: {days[0].strftime('%d %b')} to {days[-1].strftime('%d %b %Y')}",
            bold=True,
            size=12,
        )
        row += 1
        for k, day in enumerate(days):
            col = 1 + k * day_cols
            cell = ws.cell(row=row, column=col, value=day)
            cell.number_format = "ddd d mmm"
            inside = plan.start <= day <= plan.end
            fill = EVENT_FILL if day in events else (HEAD_FILL if inside else "FFFFFF")
            # Centred across the day's three columns without merging: thousands of merged
            # ranges make openpyxl slow and some programs fussy.
            for part, edge in enumerate("lmr"):
                _style(ws.cell(row=row, column=col + part), bold=True, fill=fill, span=edge)
        row += 1
        if any(day in events for day in days):
            height = 1
            for k, day in enumerate(days):
                col = 1 + k * day_cols
                if day in events:
                    text = "; ".join(
                        (f"{clock(e.start)} " if e.start is not None else "") + e.title
                        for e in events[day]
                    )
                    put_text(ws, row, col, text, fill=EVENT_FILL, wrap=True, border=True)
                    ws.merge_cells(start_row=row, start_column=col, end_row=row, end_column=col + 2)
                    height = max(height, _lines(text, sum(widths[:3])))
            ws.row_dimensions[row].height = LINE_PT * height
            row += 1
        depth = max((len(by_day.get(day, [])) for day in days), default=0)
        for i in range(max(depth, 1)):
            height = 1
            for k, day in enumerate(days):
                items = by_day.get(day, [])
                if i >= len(items):
                    continue
                s = items[i]
                col = 1 + k * day_cols
                _style(ws.cell(row=row, column=col), border=True)  # the empty tick box
                tcell = ws.cell(row=row, column=col + 1, value=dt.time(s.start // 60, s.start % 60))
                tcell.number_format = "hh:mm"
                _style(tcell, top=True)
                name = recipes[s.recipe].name
                put_text(ws, row, col + 2, name, fill=colours[s.recipe], wrap=True)
                height = max(height, _lines(name, widths[2]))
            # A little air around each session leaves room to tick the box by hand.
            ws.row_dimensions[row].height = LINE_PT * height + 5
            row += 1
        tallest = max(
            tallest, sum((ws.row_dimensions[r].height or LINE_PT) for r in range(top, row))
        )
        ws.row_breaks.append(Break(id=row))
        row += 1
        block_start += dt.timedelta(days=7)
    title_height = LINE_PT * title_rows + 6
    scale = _scale(widths, opts.paper, True, tallest + title_height)
    _page_setup(ws, plan.title, opts.paper, True, fit=False, scale=scale)
    _area(ws, last_col, row - 1)


# ---- Shopping ---------------------------------------------------------------


def round_up(value: float | None) -> float | None:
    """An amount to buy, to two decimals, never rounded below what is needed."""
    return None if value is None else math.ceil(round(value * 100, 6)) / 100


def unit_cell(item: ShoppingItem) -> str:
    """The unit, and any amounts in other units that could not be merged into the quantity."""
    unit = plural(item.unit, item.quantity or 0) if item.unit else ""
    extra = " + ".join(f"{format_number(v, up=True)} {plural(u, v)}" for v, u in item.also)
    if item.as_needed:
        extra = (extra + " + " if extra else "") + "as needed"
    return unit + (f" + {extra}" if extra and unit else extra)


def _shopping_sheet(ws: Any, shopping: ShoppingList, title: str, opts: XlsxOptions) -> None:
    heads = ["", "Item", "Need", "Unit", "Packages", "Package size", "Left over", "Unit", "For"]
    every = shopping.items
    widths = [
        3.0,
        fit_width([i.item for i in every], 12, 34),
        9.0,
        fit_width([unit_cell(i) for i in every], 6, 18),
        9.0,
        fit_width([i.package_size or "" for i in every], 12, 18),
        9.0,
        fit_width([i.leftover_unit for i in every], 6, 14),
        fit_width([", ".join(i.recipes) for i in every], 10, 34),
    ]
    _widths(ws, widths)
    put_text(ws, 1, 1, f"Shopping list: {title}", bold=True, size=14)
    put_text(ws, 2, 1, f"{shopping.start} to {shopping.end}; units: {shopping.units}")
    for c, h in enumerate(heads, start=1):
        put_text(ws, 3, c, h, bold=True, fill=HEAD_FILL, border=True)
    ws.print_title_rows = "1:3"
    ws.freeze_panes = "A4"
    row = 4
    groups = [
        (s, [i for i in shopping.items if i.status == "buy" and i.section == s])
        for s in SECTION_ORDER
    ]
    groups.append(("on hand", shopping.with_status("on hand")))
    groups.append(("equipment (reused)", shopping.with_status("equipment")))
    for section, items in groups:
        if not items:
            continue
        put_text(ws, row, 1, section.capitalize(), bold=True, size=12)
        row += 1
        for item in items:
            _style(ws.cell(row=row, column=1), border=True)
            put_text(ws, row, 2, item.item, border=True, wrap=True)
            need = ws.cell(row=row, column=3, value=round_up(item.quantity))
            need.number_format = "General"
            unit_text = unit_cell(item)
            put_text(ws, row, 4, unit_text, border=True, wrap=True)
            ws.cell(row=row, column=5, value=item.packages)
            put_text(ws, row, 6, item.package_size or "", border=True)
            left_value = round(item.leftover, 2) if item.leftover is not None else None
            left = ws.cell(row=row, column=7, value=left_value)
            left.number_format = "General"
            left_unit = plural(item.leftover_unit, item.leftover or 0) if item.leftover_unit else ""
            put_text(ws, row, 8, left_unit, border=True)
            put_text(ws, row, 9, ", ".join(item.recipes), border=True, wrap=True)
            for c in (3, 5, 7):
                _style(ws.cell(row=row, column=c), border=True)
            lines = max(
                _lines(item.item, widths[1]),
                _lines(unit_text, widths[3]),
                _lines(", ".join(item.recipes), widths[8]),
            )
            ws.row_dimensions[row].height = LINE_PT * lines
            row += 1
        row += 1
    _page_setup(ws, title, opts.paper, False, fit=True)
    _area(ws, len(heads), row - 1)


# ---- Recipes ----------------------------------------------------------------


def _recipes_sheet(
    ws: Any,
    plan: Plan,
    recipes: Mapping[str, Recipe],
    conditions: Mapping[str, Condition],
    opts: XlsxOptions,
) -> None:
    from openpyxl.worksheet.pagebreak import Break

    label = 26.0  # "Ingredients, one session" and a little air
    widths = [label, paper_chars(opts.paper, False, [label])]
    _widths(ws, widths)
    row = 1
    tallest = 0.0
    ids = plan.recipe_ids()
    for n, rid in enumerate(ids):
        r = recipes[rid]
        top = row
        put_text(ws, row, 1, r.name, bold=True, size=14, fill=_colours(plan)[rid])
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        ws.row_dimensions[row].height = 22
        row += 1

        def line(label: str, text: str, *, bold: bool = False) -> None:
            nonlocal row
            if label:
                put_text(ws, row, 1, label, bold=True, wrap=True)
            put_text(ws, row, 2, text, wrap=True, bold=bold)
            ws.row_dimensions[row].height = LINE_PT * _lines(text, widths[1])
            row += 1

        shown = ""
        for card_row in recipe_card(r, conditions, planned_times(plan, rid)):
            line(card_row.label if card_row.label != shown else "", card_row.text)
            shown = card_row.label
        tallest = max(
            tallest, sum((ws.row_dimensions[x].height or LINE_PT) for x in range(top, row))
        )
        if n < len(ids) - 1:
            ws.row_breaks.append(Break(id=row))
        row += 1
    if not ids:
        put_text(ws, 1, 1, "No remedies in this plan.")
    scale = _scale(widths, opts.paper, False, tallest)
    _page_setup(ws, plan.title, opts.paper, False, fit=False, scale=scale)
    _area(ws, 2, row - 1)


# ---- Tracker ----------------------------------------------------------------


def _tracker_sheet(ws: Any, plan: Plan, recipes: Mapping[str, Recipe], opts: XlsxOptions) -> None:
    from openpyxl.chart import LineChart, Reference
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.pagebreak import Break

    by_day: dict[dt.date, list[Any]] = {}
    for s in plan.sessions:
        by_day.setdefault(s.date, []).append(s)
    slots = max((len(v) for v in by_day.values()), default=1)
    heads = ["Date", "Day"]
    widths = [11.0, 5.0]
    labels = [f"00:00 {recipes[s.recipe].name}" for s in plan.sessions]
    session_width = fit_width(labels, 14, 24, per_line=2)
    for k in range(slots):
        heads += [f"Session {k + 1}", "Done"]
        widths += [session_width, 5.0]
    heads += ["Skin 1-5", "Notes"]
    widths += [8.0, 28.0]
    _widths(ws, widths)
    for c, h in enumerate(heads, start=1):
        put_text(ws, 1, c, h, bold=True, fill=HEAD_FILL, border=True)
    ws.print_title_rows = "1:1"
    ws.freeze_panes = "C2"
    rating_col = len(heads) - 1
    days = [plan.start + dt.timedelta(days=k) for k in range(7 * plan.weeks)]
    for i, day in enumerate(days):
        row = 2 + i
        cell = ws.cell(row=row, column=1, value=day)
        cell.number_format = "yyyy-mm-dd"
        _style(cell, border=True)
        put_text(ws, row, 2, WEEKDAYS[day.weekday()].capitalize(), border=True)
        lines = 1
        items = by_day.get(day, [])
        for k in range(slots):
            label = ""
            if k < len(items):
                label = f"{clock(items[k].start)} {recipes[items[k].recipe].name}"
            put_text(ws, row, 3 + 2 * k, label, border=True, wrap=True)
            _style(ws.cell(row=row, column=4 + 2 * k), border=True)
            lines = max(lines, _lines(label, widths[2]))
        _style(ws.cell(row=row, column=rating_col), border=True, center=True)
        _style(ws.cell(row=row, column=rating_col + 1), border=True)
        ws.row_dimensions[row].height = LINE_PT * lines
    last = 1 + len(days)
    # The drop-down's choices live in a hidden column outside the print area.
    list_col = len(heads) + 2
    for k in range(5):
        ws.cell(row=k + 1, column=list_col, value=k + 1)
    letter_list = get_column_letter(list_col)
    ws.column_dimensions[letter_list].hidden = True
    dv = DataValidation(
        type="list",
        formula1=f"${letter_list}$1:${letter_list}$5",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Skin rating",
        error="Choose a number from 1 (bad) to 5 (very good).",
    )
    letter = get_column_letter(rating_col)
    dv.add(f"{letter}2:{letter}{last}")
    ws.add_data_validation(dv)
    ws.row_breaks.append(Break(id=last))
    chart = LineChart()
    chart.title = "Skin rating over the course"
    chart.y_axis.title = "rating"
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 5
    chart.y_axis.majorUnit = 1
    chart.height = 9.0
    chart.width = min(25.0, sum(_col_mm(w) for w in widths) / 10 - 0.5)
    data = Reference(ws, min_col=rating_col, min_row=1, max_row=last)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=last))
    ws.add_chart(chart, f"A{last + 2}")
    _page_setup(ws, plan.title, opts.paper, True, fit=True)
    _area(ws, len(heads), last + 22)


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
    row += 2

    def pair(label: str, value: Any, fmt: str | None = None) -> None:
        nonlocal row
        put_text(ws, row, 1, label, bold=True)
        if isinstance(value, str):
            put_text(ws, row, 2, value, wrap=True)
            ws.row_dimensions[row].height = LINE_PT * _lines(value, widths[1])
        else:
            cell = ws.cell(row=row, column=2, value=value)
            cell.number_format = fmt or "General"
            cell.alignment = Alignment(horizontal="left")
        row += 1

    pair("Routine", plan.routine)
    pair("First day", plan.start, "yyyy-mm-dd")
    pair("Last day", plan.end, "yyyy-mm-dd")
    pair("Weeks", plan.weeks)
    pair("Time zone", plan.timezone)
    pair("Sessions", len(plan.sessions))
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
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
    ws.row_dimensions[row].height = LINE_PT * _lines(NOT_ADVICE_IN_FULL, sum(widths))
    _page_setup(ws, plan.title, opts.paper, False, fit=True)
    _area(ws, 2, row)


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
    _shopping_sheet(wb.create_sheet("Shopping"), shopping, plan.title, opts)
    _recipes_sheet(wb.create_sheet("Recipes"), plan, recipes, conditions, opts)
    _tracker_sheet(wb.create_sheet("Tracker"), plan, recipes, opts)
    _about_sheet(wb.create_sheet("About"), plan, recipes, conditions, now, opts)
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
