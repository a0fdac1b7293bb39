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
import zipfile
from collections.abc import Mapping
from typing import Any

from planner.core.plan import Plan
from planner.core.recipe import Condition, Recipe
from planner.formats.workbook.about_sheet import _about_sheet
from planner.formats.workbook.cells import FONT, FONT_SIZE, XlsxOptions, clean_text
from planner.formats.workbook.map import (
    MAP_SHEET,
)
from planner.formats.workbook.map_sheet import _map_sheet
from planner.formats.workbook.plan_sheet import _plan_sheet
from planner.formats.workbook.recipes_sheet import _recipes_sheet
from planner.formats.workbook.shopping_sheet import _shopping_sheet
from planner.formats.workbook.tracker_sheet import _tracker_sheet
from planner.shopping.compute import ShoppingList


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
