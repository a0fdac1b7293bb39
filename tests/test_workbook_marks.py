"""Ticks and ratings typed into a workbook, read back through its hidden map.

The tests find the boxes the way a person does (by the printed day, time and name),
not through the map, so a map that points at the wrong cell fails them.
"""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from planner.core.done import Done
from planner.core.plan import Plan, Session
from planner.errors import DataError
from planner.formats.workbook.read import read_workbook_marks
from planner.formats.workbook.write import render_xlsx
from planner.shopping.compute import shopping_list

from .factories import make_recipe
from .programs import require

NOW = dt.datetime(2026, 10, 30, 9, 0, tzinfo=dt.UTC)
MON = dt.date(2026, 11, 2)
RECIPES = {"soda-mask": make_recipe("soda-mask", minutes=30),
           "bath": make_recipe("bath", minutes=20)}  # fmt: skip
SESSIONS = (
    Session(MON, 20 * 60, "soda-mask", 30),
    Session(MON + dt.timedelta(days=3), 20 * 60, "soda-mask", 30),
    Session(MON + dt.timedelta(days=5), 19 * 60, "bath", 20),
    Session(MON + dt.timedelta(days=7), 20 * 60, "soda-mask", 30),
    Session(MON + dt.timedelta(days=10), 20 * 60, "soda-mask", 30),
    Session(MON + dt.timedelta(days=12), 19 * 60, "bath", 20),
)
PLAN = Plan("small", "Small", MON, 2, "UTC", SESSIONS)


def write_book(path: Path, plan: Plan = PLAN) -> Path:
    shop = shopping_list(plan, RECIPES, {})
    path.write_bytes(render_xlsx(plan, RECIPES, shop, {}, NOW))
    return path


def plan_box(ws: Any, day: dt.date, start: int, name: str) -> str:
    """The tick box left of the session's time, under the day's heading on the Plan sheet."""
    when = dt.time(start // 60, start % 60)
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, dt.datetime) and cell.value.date() == day:
                col = cell.column + 1
                for r in range(cell.row + 1, cell.row + 40):
                    if ws.cell(r, col).value == when and ws.cell(r + 1, col).value == name:
                        return str(ws.cell(r, cell.column).coordinate)
    raise AssertionError(f"no box for {name} on {day}")


def tracker_cells(ws: Any, day: dt.date, text: str | None = None) -> str:
    """The Done box right of the session's text, or (no text) the day's Skin 1-5 cell."""
    heads = [c.value for c in ws[17]]
    for row in ws.iter_rows(min_row=18):
        if isinstance(row[0].value, dt.datetime) and row[0].value.date() == day:
            if text is None:
                return str(row[heads.index("Skin 1-5")].coordinate)
            [found] = [c for c in row if c.value == text]
            assert heads[found.column] == "Done"  # the next column (0-based list)
            return str(ws.cell(found.row, found.column + 1).coordinate)
    raise AssertionError(f"no row for {day}")


def tick(path: Path, out: Path) -> Path:
    """Soda mask Mon ticked on the Plan sheet, Thu in the Tracker, the bath on Sat in
    both; ratings as a number, as text and as a float."""
    wb = load_workbook(path)
    plan, tracker = wb["Plan"], wb["Tracker"]
    plan[plan_box(plan, MON, 1200, "Soda Mask")] = "x"
    tracker[tracker_cells(tracker, MON + dt.timedelta(days=3), "20:00 Soda Mask")] = "✓"
    sat = MON + dt.timedelta(days=5)
    plan[plan_box(plan, sat, 1140, "Bath")] = 1
    tracker[tracker_cells(tracker, sat, "19:00 Bath")] = "yes"
    tracker[tracker_cells(tracker, MON)] = 3
    tracker[tracker_cells(tracker, MON + dt.timedelta(days=1))] = "4"
    tracker[tracker_cells(tracker, sat)] = 5.0
    out.parent.mkdir(exist_ok=True)
    wb.save(out)
    return out


EXPECTED_DONE = (
    Done("soda-mask", MON, 1200, "ticked.xlsx"),
    Done("soda-mask", MON + dt.timedelta(days=3), 1200, "ticked.xlsx"),
    Done("bath", MON + dt.timedelta(days=5), 1140, "ticked.xlsx"),  # ticked twice, once here
)
EXPECTED_RATINGS = ((MON, 3), (MON + dt.timedelta(days=1), 4), (MON + dt.timedelta(days=5), 5))


def test_an_unticked_workbook_has_no_marks_and_knows_its_plan(tmp_path: Path) -> None:
    marks = read_workbook_marks(write_book(tmp_path / "small.xlsx"), PLAN)
    assert (marks.done, marks.ratings) == ((), ())
    assert marks.plan.sessions == SESSIONS
    assert (marks.plan.routine, marks.plan.start, marks.plan.weeks) == ("small", MON, 2)
    assert dict(marks.names) == {"soda-mask": "Soda Mask", "bath": "Bath"}


def test_ticks_in_plan_and_tracker_and_ratings_are_read_back(tmp_path: Path) -> None:
    book = tick(write_book(tmp_path / "small.xlsx"), tmp_path / "ticked.xlsx")
    marks = read_workbook_marks(book, PLAN)
    assert marks.done == EXPECTED_DONE
    assert marks.ratings == EXPECTED_RATINGS


def test_blank_marks_are_no_marks(tmp_path: Path) -> None:
    book = write_book(tmp_path / "small.xlsx")
    wb = load_workbook(book)
    wb["Plan"][plan_box(wb["Plan"], MON, 1200, "Soda Mask")] = "   "
    wb["Tracker"][tracker_cells(wb["Tracker"], MON)] = " "
    wb.save(book)
    marks = read_workbook_marks(book, PLAN)
    assert (marks.done, marks.ratings) == ((), ())


def test_bad_ratings_are_reported_with_sheet_and_cell(tmp_path: Path) -> None:
    book = write_book(tmp_path / "small.xlsx")
    wb = load_workbook(book)
    tracker = wb["Tracker"]
    first, second = tracker_cells(tracker, MON), tracker_cells(tracker, MON + dt.timedelta(days=2))
    tracker[first], tracker[second] = "great", 7
    wb.save(book)
    with pytest.raises(DataError) as caught:
        read_workbook_marks(book, PLAN)
    assert caught.value.problems == [
        f"{book}: Tracker!{first}: skin rating 'great' on 2026-11-02 is not a whole number "
        "from 1 to 5",
        f"{book}: Tracker!{second}: skin rating '7' on 2026-11-04 is not a whole number "
        "from 1 to 5",
    ]


def _only_problem(path: Path, plan: Plan | None = None) -> str:
    with pytest.raises(DataError) as caught:
        read_workbook_marks(path, plan)
    [line] = caught.value.problems
    return line


def test_files_that_are_not_our_workbook_are_clean_errors(tmp_path: Path) -> None:
    foreign = tmp_path / "budget.xlsx"
    wb = Workbook()
    wb.active["A1"] = "rent"
    wb.save(foreign)
    text = tmp_path / "notes.xlsx"
    text.write_text("not a zip at all\n")
    other_zip = tmp_path / "photos.xlsx"
    with zipfile.ZipFile(other_zip, "w") as z:
        z.writestr("a.txt", "hello")
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    for path in (foreign, text, other_zip, empty):
        assert _only_problem(path) == f"{path}: not a workbook written by remedy-planner plan"


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.xlsx"
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (60 * 1024 * 1024))
    bomb.write_bytes(raw.getvalue())
    assert bomb.stat().st_size < 1024 * 1024
    assert _only_problem(bomb) == f"{bomb}: too large to read (it unpacks to over 50 MB)"


def test_a_workbook_of_another_plan_is_an_error(tmp_path: Path) -> None:
    book = write_book(tmp_path / "small.xlsx")
    later = replace(PLAN, start=MON + dt.timedelta(days=7))
    assert _only_problem(book, later) == (
        f"{book}: this workbook is for routine 'small' from 2026-11-02, not for the plan of "
        "'small' from 2026-11-09"
    )
    moved = replace(PLAN, sessions=(replace(SESSIONS[0], start=21 * 60), *SESSIONS[1:]))
    assert _only_problem(book, moved) == (
        f"{book}: this workbook's sessions differ from the plan of 'small' from 2026-11-02 "
        "(was the plan made again since it was printed?)"
    )
    other = replace(PLAN, routine="back-care")
    assert "for routine 'small'" in _only_problem(book, other)


def test_a_renamed_sheet_is_named_in_the_error(tmp_path: Path) -> None:
    book = write_book(tmp_path / "small.xlsx")
    wb = load_workbook(book)
    wb["Tracker"].title = "My tracker"
    wb.save(book)
    with pytest.raises(DataError) as caught:
        read_workbook_marks(book, PLAN)
    assert caught.value.problems == [f"{book}: sheet 'Tracker' is missing (renamed or deleted?)"]


@pytest.mark.slow
def test_marks_survive_a_save_by_libreoffice(tmp_path: Path) -> None:
    soffice = require("soffice")
    book = tick(write_book(tmp_path / "small.xlsx"), tmp_path / "edited" / "ticked.xlsx")
    out = tmp_path / "saved"
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
         "--convert-to", "xlsx", "--outdir", str(out), str(book)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    saved = out / "ticked.xlsx"
    assert saved.read_bytes() != book.read_bytes()  # really written again, by LibreOffice
    assert "LibreOffice" in zipfile.ZipFile(saved).read("docProps/app.xml").decode()
    marks = read_workbook_marks(saved, PLAN)
    assert marks.done == EXPECTED_DONE
    assert marks.ratings == EXPECTED_RATINGS
    assert load_workbook(saved)["_planner"].sheet_state == "hidden"


@pytest.mark.parametrize(("sheet", "change"), [("Plan", "row"), ("Tracker", "column")])
def test_a_sheet_whose_rows_or_columns_moved_is_an_error_not_wrong_marks(
    tmp_path: Path, sheet: str, change: str
) -> None:
    book = tick(write_book(tmp_path / "small.xlsx"), tmp_path / "ticked.xlsx")
    assert read_workbook_marks(book, PLAN).done  # as ticked, the marks are read
    wb = load_workbook(book)
    if change == "row":
        wb[sheet].insert_rows(8)  # a row added between the week's lines
    else:
        wb[sheet].insert_cols(2)
    wb.save(book)
    with pytest.raises(DataError) as caught:
        read_workbook_marks(book, PLAN)
    [problem] = caught.value.problems
    assert problem.startswith(f"{book}: {sheet}!")
    assert problem.endswith(
        f"the {sheet} sheet's rows or columns have moved since it was written, so its marks "
        "cannot be found; undo that change or print the plan again"
    )


def test_sessions_done_before_the_plan_was_made_are_read_back_as_its_own(tmp_path: Path) -> None:
    kept = (Done("bath", MON + dt.timedelta(days=1), 19 * 60 + 5),
            Done("soda-mask", MON + dt.timedelta(days=2), None, "=old.xlsx"))  # fmt: skip
    plan = replace(PLAN, done=kept)
    marks = read_workbook_marks(write_book(tmp_path / "small.xlsx", plan), plan)
    assert marks.plan.done == kept
    assert marks.plan.sessions == SESSIONS and marks.done == ()


def _map_cell(book: Path, label: str) -> tuple[Any, str]:
    """The hidden map sheet, and the cell holding ``label``'s value (or the first box)."""
    from planner.formats.workbook.map import MAP_SHEET

    wb = load_workbook(book)
    ws = wb[MAP_SHEET]
    if label == "box":
        head = next(c.row for c in ws["A"] if c.value == "date")
        return wb, f"G{head + 1}"
    return wb, f"B{next(c.row for c in ws['A'] if c.value == label)}"


@pytest.mark.parametrize(
    ("label", "value", "why"),
    [
        ("weeks", 1_000_000, "a plan of 1000000 weeks from 2026-11-02"),
        ("weeks", 1, "a day outside the plan's"),
        ("start", "9999-12-27", "a plan of 2 weeks from 9999-12-27"),
        ("box", "Plan!ZZZZ1", "'ZZZZ1' is not a cell"),
        ("box", "Plan!A0", "'A0' is not a cell"),
        ("box", "Plan", "'' is not a cell"),
    ],
)
def test_a_damaged_map_is_one_error_line(tmp_path: Path, label: str, value: Any, why: str) -> None:
    from planner.formats.workbook.map import MAP_SHEET

    book = write_book(tmp_path / "small.xlsx")
    wb, cell = _map_cell(book, label)
    wb[MAP_SHEET][cell] = value
    wb.save(book)
    assert _only_problem(book) == (
        f"{book}: the workbook's hidden sheet '{MAP_SHEET}' is damaged ({why})"
    )


def test_a_column_added_just_before_the_ratings_is_an_error(tmp_path: Path) -> None:
    book = write_book(tmp_path / "small.xlsx")
    wb = load_workbook(book)
    tracker = wb["Tracker"]
    rating = tracker[tracker_cells(tracker, MON)]
    tracker.insert_cols(rating.column)  # the days' column A stays where it was
    tracker.cell(rating.row, rating.column + 1, 4)
    wb.save(book)
    assert "the Tracker sheet's rows or columns have moved" in _only_problem(book, PLAN)


def test_a_remedy_with_a_very_long_name_reads_back(tmp_path: Path) -> None:
    """The Tracker's label ("07:15 " and the name) is cut as a whole, the map's name on
    its own: the check compares their starts."""
    name = "Soda Mask " + "very " * 300
    recipes = {**RECIPES, "soda-mask": replace(make_recipe("soda-mask", minutes=30), name=name)}
    path = tmp_path / "long.xlsx"
    path.write_bytes(render_xlsx(PLAN, recipes, shopping_list(PLAN, recipes, {}), {}, NOW))
    assert read_workbook_marks(path, PLAN).done == ()


def test_a_sheet_that_declares_the_largest_size_is_read_as_quickly_as_its_cells(
    tmp_path: Path,
) -> None:
    """One cell at XFD1048576 makes a sheet declare 17 billion cells: on an extra sheet, on
    the Plan and Tracker sheets and on the map itself. Only the cells written are read, so
    the marks come back at once (a child process with a time-out catches a walk over the
    declared size, which takes many minutes), and the far cells change nothing."""
    from planner.formats.workbook.map import MAP_SHEET

    book = tick(write_book(tmp_path / "small.xlsx"), tmp_path / "ticked.xlsx")
    wb = load_workbook(book)
    wb.create_sheet("Notes")["XFD1048576"] = "x"
    for sheet in ("Plan", "Tracker", MAP_SHEET):
        wb[sheet]["XFD1048576"] = "x"
    wb.save(book)
    probe = (
        "import sys; from pathlib import Path; "
        "from planner.formats.workbook.read import read_workbook_marks; "
        "print(len(read_workbook_marks(Path(sys.argv[1])).done))"
    )
    child = subprocess.run([sys.executable, "-c", probe, str(book)], capture_output=True,
                           text=True, timeout=60)  # fmt: skip
    assert (child.returncode, child.stdout, child.stderr) == (0, "3\n", "")
    marks = read_workbook_marks(book, PLAN)
    assert (marks.done, marks.ratings) == (EXPECTED_DONE, EXPECTED_RATINGS)


@pytest.mark.parametrize("part", ["xl/worksheets/sheet1.xml", "xl/workbook.xml"])
def test_a_workbook_whose_xml_declares_entities_is_refused(tmp_path: Path, part: str) -> None:
    """A billion laughs in a sheet or in the workbook part: refused by name, in UTF-16 too."""
    book = write_book(tmp_path / "small.xlsx")
    bomb = tmp_path / "bomb.xlsx"
    laughs = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9)
    ) + "]>"  # fmt: skip
    with zipfile.ZipFile(book) as src, zipfile.ZipFile(bomb, "w") as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == part:
                text = data.decode("utf-8")
                if text.startswith("<?xml"):
                    text = text[text.index("?>") + 2 :]
                root_end = text.index(">") + 1  # the root's start tag: the laughs go inside
                text = text[:root_end] + "&j;" + text[root_end:]
                data = ('<?xml version="1.0" encoding="UTF-16"?>' + laughs + text).encode("utf-16")
            out.writestr(info, data)
    with pytest.raises(DataError) as info:
        read_workbook_marks(bomb)
    assert info.value.problems == [f"{bomb}: {part} declares a DTD or XML entities; not read"]
