"""What every sheet of the workbook is made of: safe text in cells, merged ranges, styles,
widths and page set-up by the millimetre, and the remedies' colours."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from copy import copy
from typing import Any

from planner.core.record import record

MAX_CELL_TEXT = 1000


CUT_MARK = " [...cut]"


# Printable paper in millimetres (width, height) for portrait.
PAPER_MM = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}


MARGIN_IN = 0.5


HEADER_IN = 0.3


# Arial (Liberation Sans on Linux) has the same metrics everywhere, so column widths
# computed here print the same in Excel, LibreOffice and Google Sheets.
FONT = "Arial"


FONT_SIZE = 10


LINE_PT = 13.0


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
