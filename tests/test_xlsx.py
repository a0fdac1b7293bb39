"""The workbook, read back with openpyxl and printed for real by LibreOffice."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook

from planner.core.recipe import Recipe
from planner.core.routine import Wish
from planner.formats.workbook.cells import CUT_MARK, XlsxOptions
from planner.formats.workbook.write import render_xlsx
from planner.load.catalogue import known_conditions
from planner.load.routine import builtin_routine_files, load_routine_file
from planner.schedule import build_schedule
from planner.shopping.compute import shopping_list

from .factories import make_recipe, make_routine
from .libraries import builtin
from .programs import require

MONDAY = dt.date(2026, 11, 30)
NOW = dt.datetime(2026, 11, 25, 9, 30, tzinfo=dt.UTC)
SHEETS = ["Plan", "Shopping", "Recipes", "Tracker", "About"]


def workbook_bytes(rid: str = "back-care", now: dt.datetime = NOW, **opts: str) -> bytes:
    routine = load_routine_file(builtin_routine_files()[rid], builtin())
    plan = build_schedule(routine, builtin().recipes, MONDAY, timezone="Europe/Berlin")
    shop = shopping_list(plan, builtin().recipes, builtin().catalogue)
    return render_xlsx(
        plan, builtin().recipes, shop, known_conditions(builtin()), now, XlsxOptions(**opts)
    )


def sheet_xml(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/")}


def test_sheets_and_print_settings() -> None:
    wb = load_workbook(io.BytesIO(workbook_bytes()))
    assert wb.sheetnames == [*SHEETS, "_planner"]
    # The map of tick boxes for reading the marks back: hidden, never printed.
    assert wb["_planner"].sheet_state == "hidden"
    assert all(wb[name].sheet_state == "visible" for name in SHEETS)
    landscape = {"Plan", "Tracker"}
    for ws in [wb[name] for name in SHEETS]:
        assert int(ws.page_setup.paperSize) == 9  # A4 in the OOXML paper table
        assert ws.page_setup.orientation == ("landscape" if ws.title in landscape else "portrait")
        assert ws.print_area, ws.title
        assert ws.oddFooter.center.text == "Page &P of &N"
        assert "Back care" in ws.oddHeader.center.text
        assert ws.sheet_view.showGridLines is False
        assert all(d.width < 255 for d in ws.column_dimensions.values())
    for name in ("Shopping", "Tracker", "About"):
        ws = wb[name]
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
    for name in ("Plan", "Recipes"):
        # Manual page breaks must hold, so these use a computed scale, not fit-to-page.
        ws = wb[name]
        assert not ws.sheet_properties.pageSetUpPr or not ws.sheet_properties.pageSetUpPr.fitToPage
        assert 10 <= ws.page_setup.scale <= 100
        assert len(ws.row_breaks.brk) >= 3
    # The title and dates, the colour legend and a spacer repeat on every Plan page.
    last_title = int(wb["Plan"].print_title_rows.split(":$")[1])
    assert wb["Plan"].print_title_rows.startswith("$1:") and 3 <= last_title <= 5
    assert wb["Plan"].row_dimensions[last_title].height == 6
    assert wb["Tracker"].print_title_rows == "$17:$17"  # the table's header, below the chart
    assert wb["Plan"].page_setup.scale == 100  # rows fill the page; text is never shrunk


def test_dates_and_times_are_real_cells_and_nothing_is_a_formula() -> None:
    wb = load_workbook(io.BytesIO(workbook_bytes()))
    plan = wb["Plan"]
    dates = [c.value for row in plan.iter_rows() for c in row if isinstance(c.value, dt.datetime)]
    times = [c for row in plan.iter_rows() for c in row if isinstance(c.value, dt.time)]
    assert dates[0].date() == MONDAY and len(dates) == 28
    assert times and all(c.number_format == "hh:mm" for c in times)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate)
    assert all(b"<f>" not in xml for xml in sheet_xml(workbook_bytes()).values())


def test_tracker_has_a_rating_drop_down_from_a_range_and_a_chart() -> None:
    wb = load_workbook(io.BytesIO(workbook_bytes()))
    ws = wb["Tracker"]
    [dv] = ws.data_validations.dataValidation
    assert dv.type == "list"
    assert re.fullmatch(r"\$[A-Z]+\$1:\$[A-Z]+\$5", dv.formula1)
    col = dv.formula1.split("$")[1]
    assert [ws[f"{col}{k}"].value for k in range(1, 6)] == [1, 2, 3, 4, 5]
    assert ws.column_dimensions[col].hidden
    assert str(dv.sqref) == "I18:I45"  # Day, Event, 3 x (Session, Done), then the rating
    assert dv.showInputMessage and "5 = very good" in dv.prompt
    [chart] = ws._charts
    assert (chart.y_axis.scaling.min, chart.y_axis.scaling.max) == (1, 5)
    assert chart.x_axis.delete is False and chart.y_axis.delete is False
    assert chart.display_blanks == "gap"
    assert chart.series[0].smooth is False and chart.series[0].marker.symbol == "circle"
    days = [ws.cell(row=r, column=1) for r in range(18, 46)]
    assert [c.value.date() for c in days][:2] == [MONDAY, MONDAY + dt.timedelta(days=1)]
    assert all(c.number_format == "ddd d mmm" for c in days)
    assert all(ws.row_dimensions[r].height >= 22.6 for r in range(18, 46))  # 8 mm to write


def test_about_sheet_says_what_and_when() -> None:
    wb = load_workbook(io.BytesIO(workbook_bytes()))
    values = [c.value for row in wb["About"].iter_rows() for c in row if c.value is not None]
    assert "Europe/Berlin" in values
    assert dt.datetime(2026, 11, 25, 9, 30) in values
    assert any(isinstance(v, str) and v.startswith("Not medical advice") for v in values)


def test_same_inputs_same_bytes_and_now_only_touches_its_own_cells() -> None:
    assert workbook_bytes() == workbook_bytes()
    later = workbook_bytes(now=NOW + dt.timedelta(days=3))
    a, b = sheet_xml(workbook_bytes()), sheet_xml(later)
    changed = [name for name in a if a[name] != b[name]]
    assert changed == ["xl/worksheets/sheet5.xml"]  # the About sheet's "Generated" cell


def _evil_recipe() -> Recipe:
    base = make_recipe("evil", minutes=20)
    return base.__class__(**{
        **base.__dict__,
        "name": '=HYPERLINK("http://example.invalid","x")',
        "steps": ("+1 cup of water", "-2 drops", "@SUM(A1)", "#N/A", "ok\x07bell"),
        "summary": "x" * 5000,
    })  # fmt: skip


def test_text_from_files_can_never_run_as_a_formula() -> None:
    recipes = {"evil": _evil_recipe()}
    routine = make_routine([Wish("evil", 2, None)], weeks=1)
    routine = replace(routine, title="=1+1")
    plan = build_schedule(routine, recipes, MONDAY)
    shop = shopping_list(plan, recipes, {})
    data = render_xlsx(plan, recipes, shop, {}, NOW)
    assert all(b"<f>" not in xml for xml in sheet_xml(data).values())
    wb = load_workbook(io.BytesIO(data))
    texts = {c.value: c for ws in wb.worksheets for row in ws.iter_rows() for c in row
             if isinstance(c.value, str)}  # fmt: skip
    name = '=HYPERLINK("http://example.invalid","x")'
    assert texts[name].data_type == "s" and texts[name].quotePrefix
    for step in ("1. +1 cup of water", "2. -2 drops", "3. @SUM(A1)", "4. #N/A", "5. okbell"):
        assert step in texts
    assert texts["=1+1"].quotePrefix
    cut = [t for t in texts if t.startswith("xxx")]
    assert cut and all(t.endswith(CUT_MARK) and len(t) <= 1000 for t in cut)


def _pdf_pages(xlsx: bytes, tmp_path: Path) -> list[tuple[str, float, float]]:
    """(sheet, width, height) of each printed page, via LibreOffice and poppler."""
    soffice = require("soffice")
    require("pdfinfo")
    require("pdftotext")
    src = tmp_path / "book.xlsx"
    src.write_bytes(xlsx)
    profile = tmp_path / "lo-profile"
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{profile}", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(src)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = tmp_path / "book.pdf"
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pdf)], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    sizes = [
        tuple(map(float, m)) for m in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)
    ]
    pages = []
    for i, (w, h) in enumerate(sizes, start=1):
        text = subprocess.run(["pdftotext", "-f", str(i), "-l", str(i), "-layout", str(pdf), "-"],
                              capture_output=True, text=True, check=True).stdout  # fmt: skip
        header = next(line for line in text.splitlines() if line.strip())
        pages.append((header.strip().rsplit(" - ", 1)[-1], w, h))
    return pages


@pytest.mark.slow
def test_libreoffice_prints_one_week_per_landscape_page_and_one_card_per_page(
    tmp_path: Path,
) -> None:
    pages = _pdf_pages(workbook_bytes(), tmp_path)
    by_sheet: dict[str, list[tuple[float, float]]] = {}
    for sheet, w, h in pages:
        by_sheet.setdefault(sheet, []).append((w, h))
    assert list(by_sheet) == SHEETS
    assert len(by_sheet["Plan"]) == 4  # a 4-week routine; more pages would mean a cut-off edge
    assert all(w > h for w, h in by_sheet["Plan"])
    assert len(by_sheet["Recipes"]) == 4  # soda, salt-clay, calendula, chamomile: one page each
    assert all(h > w for w, h in by_sheet["Recipes"] + by_sheet["Shopping"] + by_sheet["About"])
    assert len(by_sheet["Shopping"]) == 1 and len(by_sheet["About"]) == 1
    a4 = (841.89, 595.3)
    assert all(abs(max(w, h) - a4[0]) < 1 and abs(min(w, h) - a4[1]) < 1 for _, w, h in pages)


@pytest.mark.slow
def test_letter_paper_and_sunday_weeks(tmp_path: Path) -> None:
    pages = _pdf_pages(
        workbook_bytes("acid-peel-course", paper="letter", week_start="sunday"), tmp_path
    )
    plan = [(w, h) for sheet, w, h in pages if sheet == "Plan"]
    # Six weeks from a Monday: the last week's Sunday folds into the first page.
    assert len(plan) == 6
    assert all((round(w), round(h)) == (792, 612) for w, h in plan)


def test_column_widths_follow_the_content_and_the_paper() -> None:
    a4 = load_workbook(io.BytesIO(workbook_bytes()))
    letter = load_workbook(io.BytesIO(workbook_bytes(paper="letter")))
    longest = max(len(i) for i in ("dried calendula flowers", "dried chamomile flowers"))
    assert a4["Shopping"].column_dimensions["B"].width == longest + 1
    # The recipe cards fill the width of the paper they are printed on.
    assert (
        letter["Recipes"].column_dimensions["B"].width > a4["Recipes"].column_dimensions["B"].width
    )


def test_every_remedy_gets_its_own_colour_and_weeks_count_up() -> None:
    from planner.view.pages import colour

    colours = [colour(i) for i in range(40)]
    assert len(set(colours)) == 40
    wb = load_workbook(io.BytesIO(workbook_bytes("acid-peel-course", week_start="sunday")))
    labels = [c.value for row in wb["Plan"].iter_rows() for c in row
              if isinstance(c.value, str) and c.value.startswith("Week ")]  # fmt: skip
    assert [label.split(":")[0] for label in labels] == [f"Week {k} of 6" for k in range(1, 7)]
    assert labels[0] == (
        "Week 1 of 6: Mon 30 Nov to Sat 5 Dec; at the left, the plan's last days: Sun 10 Jan"
    )
    assert labels[-1].endswith("(the last days, Sun 10 Jan, are on week 1's page)")


def test_tick_boxes_are_7_mm_squares_with_a_dark_border() -> None:
    from planner.formats.workbook.cells import _col_mm

    ws = load_workbook(io.BytesIO(workbook_bytes()))["Plan"]
    boxes = [c for row in ws.iter_rows() for c in row
             if c.border.left.style == "medium" and c.border.left.color.rgb.endswith("000000")]  # fmt: skip
    times = [c for row in ws.iter_rows() for c in row if isinstance(c.value, dt.time)]
    assert len(boxes) == len(times) == 72  # one box per session of the 4 weeks
    for c in boxes:
        width = _col_mm(ws.column_dimensions[c.column_letter].width)
        height = ws.row_dimensions[c.row].height * 25.4 / 72
        assert width >= 7 and height >= 7, (c.coordinate, width, height)


def test_sessions_already_done_are_a_row_of_text_with_no_box_to_tick() -> None:
    from planner.core.done import Done
    from planner.formats.workbook.map import MAP_SHEET

    lib = builtin()
    routine = load_routine_file(builtin_routine_files()["back-care"], lib)
    monday = dt.date(2026, 11, 30)
    history = (Done("soda-mask", monday + dt.timedelta(days=1), 20 * 60 + 15),)
    plan = build_schedule(routine, lib.recipes, monday, 1, history=history)
    assert plan.done == history
    data = render_xlsx(plan, lib.recipes, shopping_list(plan, lib.recipes, lib.catalogue),
                       known_conditions(lib), NOW)  # fmt: skip
    book = load_workbook(io.BytesIO(data))
    ws = book["Plan"]
    cells = {c.value: c for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    label, text = cells["Done"], cells["20:15 Baking-soda mask: done"]
    assert label.row == text.row and label.column == 1
    # Under Tuesday's header (the day columns are pairs from B).
    header = ws.cell(row=text.row - 1, column=text.column).value
    assert header is not None and header.date() == monday + dt.timedelta(days=1)
    mapped = [r for r in book[MAP_SHEET].iter_rows(values_only=True) if r[2] == "soda-mask"]
    assert all(r[0] != "2026-12-01" for r in mapped)  # nothing to tick for it
