"""The marks a person made on a printed-and-typed workbook: ticks and skin ratings.

A workbook written by ``plan`` carries a hidden map of its tick boxes and rating
cells (see planner.formats.workbook.map), so the marks are found through the map, never guessed
from the layout: any non-empty mark in a tick box (x, X, a tick, 1, "yes") is a
session done, a number 1-5 in a rating cell is that day's rating. The workbook may
have been saved by any office suite since. The cells beside each box (the session's
time, its label in the Tracker, the rating's day) are checked too: rows or columns
inserted since would move every mark, and that is an error, not wrong marks.

The file is read bounded: its size, and the size it unpacks to, are checked before
openpyxl sees it (a small zip can unpack to gigabytes).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from planner.core.done import Done
from planner.core.plan import Plan, Session
from planner.core.recipe import YEARS, clock
from planner.core.record import record
from planner.errors import DataError
from planner.formats.workbook.map import (
    DONE_COLUMN,
    DONE_HEAD,
    HEADER_KEYS,
    MAP_SHEET,
    MAP_TITLE,
    MAP_VERSION,
    RATING_COLUMN,
    RATING_HEAD,
    RATING_LABEL,
    SESSION_HEAD,
    plan_fingerprint,
)
from planner.load.diagnostics import read_bytes
from planner.load.schema import MAX_WEEKS

MAX_UNPACKED = 50 * 1024 * 1024  # our workbooks unpack to a few MB even for ten years
MAX_MEMBERS = 1000
COMPARED = 60  # characters of a label the layout check compares


@record(eq=False)
class WorkbookMarks:
    """What a workbook says was done, and the plan it was printed for."""

    plan: Plan  # rebuilt from the map: routine, days and sessions
    names: Mapping[str, str]  # the remedies' names by id, as printed
    done: tuple[Done, ...]  # one per session ticked (in the Plan sheet, the Tracker or both)
    ratings: tuple[tuple[dt.date, int], ...]  # (day, 1..5), by day


def _foreign(path: Path) -> DataError:
    return DataError([f"{path}: not a workbook written by remedy-planner plan"])


def _damaged(path: Path, why: str) -> DataError:
    return DataError([f"{path}: the workbook's hidden sheet '{MAP_SHEET}' is damaged ({why})"])


def read_workbook_marks(path: Path, plan: Plan | None = None) -> WorkbookMarks:
    """The sessions ticked and the ratings given in the workbook at ``path``.

    With ``plan``, the workbook must be that plan's (routine, first day and sessions).
    Raises DataError naming the file: not our workbook, another plan's, too large,
    a damaged map, or ratings that are not 1-5 (each with its sheet and cell).
    """
    data = read_bytes(path, MAX_UNPACKED, f"{MAX_UNPACKED // (1024 * 1024)} MB")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            unpacked = sum(m.file_size for m in members)
            if len(members) > MAX_MEMBERS or unpacked > MAX_UNPACKED:
                raise DataError([f"{path}: too large to read (it unpacks to over "
                                 f"{MAX_UNPACKED // (1024 * 1024)} MB)"])  # fmt: skip
            _screen_parts(path, archive, members)
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise _foreign(path) from None
    book_plan, names, boxes, rating_cells, cells = _read_cells(path, data)
    if plan is not None:
        _check_same_plan(path, book_plan, plan)
    done: list[Done] = []
    problems: list[str] = []

    def value(where: str) -> Any:
        sheet, _, cell = where.partition("!")
        if sheet not in cells:
            problems.append(f"{path}: sheet '{sheet}' is missing (renamed or deleted?)")
            cells[sheet] = {}
        return cells[sheet].get(_coordinate(path, cell))

    def moved(where: str, beside: int, expected: str, above: int = 0) -> None:
        """The cell ``beside`` columns (and ``above`` rows) from ``where`` must still hold
        what was written there; if not, rows or columns were added or removed and every
        mark is off. Long text is compared by its start (a cell's text may be cut)."""
        sheet, _, cell = where.partition("!")
        row, col = _coordinate(path, cell)
        if sheet not in cells:
            problems.append(f"{path}: sheet '{sheet}' is missing (renamed or deleted?)")
            return
        found = _shown_as(cells[sheet].get((row - above, col + beside)))
        if (found or "")[:COMPARED] != expected[:COMPARED]:
            problems.append(
                f"{path}: {where}: the {sheet} sheet's rows or columns have moved since it "
                "was written, so its marks cannot be found; undo that change or print the "
                "plan again"
            )

    for session, (plan_box, tracker_box) in zip(book_plan.sessions, boxes, strict=True):
        if plan_box:
            moved(plan_box, 1, clock(session.start))  # the time beside the box
        if tracker_box:
            moved(tracker_box, -1, f"{clock(session.start)} {names[session.recipe]}")
    rated = [(day, where) for day, where in rating_cells if where]
    for day, where in rated:
        moved(where, 1 - _coordinate(path, where.partition("!")[2])[1], day.isoformat())
    if rated:  # the column's heading above the first rating cell
        moved(min(rated)[1], 0, RATING_LABEL, above=1)
    if problems:
        raise DataError(list(dict.fromkeys(problems))[:1])
    for session, (plan_box, tracker_box) in zip(book_plan.sessions, boxes, strict=True):
        marks = [value(where) for where in (plan_box, tracker_box) if where]
        if any(_ticked(mark) for mark in marks):
            done.append(Done(session.recipe, session.date, session.start, path.name))
    ratings: list[tuple[dt.date, int]] = []
    for day, where in rating_cells:
        if not where:
            continue
        given = value(where)
        if given is None or (isinstance(given, str) and not given.strip()):
            continue
        rating = _rating(given)
        if rating is None:
            shown = given.strip() if isinstance(given, str) else given
            problems.append(f"{path}: {where}: skin rating '{shown}' on {day.isoformat()} "
                            "is not a whole number from 1 to 5")  # fmt: skip
        else:
            ratings.append((day, rating))
    if problems:
        raise DataError(list(dict.fromkeys(problems)))
    return WorkbookMarks(book_plan, names, tuple(done), tuple(sorted(ratings)))


# The map sheet's columns: the session table, the rating table and the done table.
_MAP_COLUMNS = DONE_COLUMN + len(DONE_HEAD) - 1
_Cells = dict[str, dict[tuple[int, int], Any]]


def _read_cells(
    path: Path, data: bytes
) -> tuple[Plan, dict[str, str], list[tuple[str, str]], list[tuple[dt.date, str]], _Cells]:
    """The map, then the cells it names (and those beside them), by sheet and (row, column).

    Only the map sheet and the sheets it names are read, and each only up to the last row
    and column the map refers to: a sheet's declared size is never trusted, since one
    cell at XFD1048576 would otherwise mean billions of empty cells to walk.
    """
    import warnings

    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about parts it does not read
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a zip that is not a workbook
        raise _foreign(path) from None
    try:
        if MAP_SHEET not in wb.sheetnames:
            raise _foreign(path)
        book_plan, names, boxes, ratings = _read_map(
            path, _sheet_cells(wb[MAP_SHEET], None, _MAP_COLUMNS)
        )
        wanted = [where for pair in boxes for where in pair if where]
        wanted += [where for _, where in ratings if where]
        bounds: dict[str, tuple[int, int]] = {}
        for where in wanted:
            sheet, _, cell = where.partition("!")
            row, col = _coordinate(path, cell)
            last_row, last_col = bounds.get(sheet, (1, 1))
            # One column to the right too: the layout check looks beside each box.
            bounds[sheet] = (max(last_row, row), max(last_col, col + 1))
        cells = {
            sheet: _sheet_cells(wb[sheet], *bound)
            for sheet, bound in bounds.items()
            if sheet in wb.sheetnames and sheet != MAP_SHEET
        }
    except DataError:
        raise
    except Exception:  # a sheet's XML that openpyxl cannot read
        raise _foreign(path) from None
    finally:
        wb.close()
    return book_plan, names, boxes, ratings, cells


def _screen_parts(path: Path, archive: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> None:
    """Every XML part is looked at before openpyxl parses it: no workbook of ours has a
    DTD, and an entity bomb needs one. (The sizes were checked, so reading is bounded.)"""
    from planner.core.xmlscreen import XmlRefused, screen_xml

    for member in members:
        if member.filename.lower().endswith((".xml", ".rels", ".vml")):
            try:
                screen_xml(archive.read(member))
            except XmlRefused as exc:
                if exc.kind == "dtd":
                    raise DataError([f"{path}: {member.filename} {exc}; not read"]) from None
                raise _foreign(path) from None


def _sheet_cells(ws: Any, max_row: int | None, max_col: int) -> dict[tuple[int, int], Any]:
    """The non-empty values of one sheet up to ``max_row`` (None: all its rows) and
    ``max_col``, by (row, column).

    Only the cells written in the sheet's XML are visited. openpyxl's own row iterator
    pads every row to the widest column and fills every missing row, which for a
    single cell at XFD1048576 is 17 billion empty cells; its sheet parser yields only
    what is there, so the cost follows the file's size (itself bounded).
    """
    from openpyxl.worksheet._reader import WorkSheetParser

    book = ws.parent
    values: dict[tuple[int, int], Any] = {}
    with ws._get_source() as source:
        parser = WorkSheetParser(source, ws._shared_strings, data_only=True, epoch=book.epoch,
                                 date_formats=book._date_formats,
                                 timedelta_formats=book._timedelta_formats)  # fmt: skip
        for row, cells in parser.parse():
            if max_row is not None and row > max_row:
                break  # rows come in order: the rest lie below what the map names
            for cell in cells:
                if cell["column"] <= max_col and cell["value"] is not None:
                    values[row, cell["column"]] = cell["value"]
    return values


def _coordinate(path: Path, cell: str) -> tuple[int, int]:
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    try:
        letters, row = coordinate_from_string(cell)
        return row, column_index_from_string(letters)
    except Exception:  # openpyxl's CellCoordinatesException is not a ValueError
        raise _damaged(path, f"'{cell}' is not a cell") from None


def _shown_as(value: Any) -> str | None:
    """A cell's value as the layout check compares it: a time as HH:MM, a day as
    YYYY-MM-DD, text as it is (an office suite may store a time as a fraction of a day)."""
    if isinstance(value, dt.datetime):
        return (
            value.date().isoformat()
            if value.time() == dt.time()
            else clock(value.hour * 60 + value.minute)
        )
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return clock(value.hour * 60 + value.minute)
    if isinstance(value, float) and 0 <= value < 1:
        return clock(round(value * 24 * 60))
    return value.strip() if isinstance(value, str) else None


def _number(value: Any) -> int | None:
    """A whole number from a cell (LibreOffice may store 4 as 4.0, or as text)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _rating(value: Any) -> int | None:
    n = _number(value)
    return n if n is not None and 1 <= n <= 5 else None


def _ticked(value: Any) -> bool:
    """Any mark at all: a typed x, a tick, 1, "yes" (a false check box is no mark)."""
    if value is None or value is False:
        return False
    return not (isinstance(value, str) and not value.strip())


def _read_map(
    path: Path, cells: Mapping[tuple[int, int], Any]
) -> tuple[Plan, dict[str, str], list[tuple[str, str]], list[tuple[dt.date, str]]]:
    """The plan, the names, each session's (plan box, tracker box) and each day's rating cell."""

    def at(row: int, col: int) -> Any:
        return cells.get((row, col))

    def text(row: int, col: int) -> str:
        value = at(row, col)
        if value is None:
            return ""
        if not isinstance(value, str):
            raise _damaged(path, f"row {row}: text expected")
        return value

    def number(row: int, col: int) -> int:
        n = _number(at(row, col))
        if n is None:
            raise _damaged(path, f"row {row}: a whole number expected")
        return n

    def date(row: int, col: int) -> dt.date:
        try:
            return dt.date.fromisoformat(text(row, col))
        except ValueError:
            raise _damaged(path, f"row {row}: a date expected") from None

    if at(1, 1) != MAP_TITLE:
        raise _foreign(path)
    if _number(at(1, 2)) != MAP_VERSION:
        raise DataError([f"{path}: written by another version of remedy-planner "
                         f"(workbook map version {at(1, 2)})"])  # fmt: skip
    head = {text(row, 1): row for row in range(2, 2 + len(HEADER_KEYS))}
    if list(head) != list(HEADER_KEYS):
        raise _damaged(path, "its first rows")
    count, days = number(head["sessions"], 2), number(head["days"], 2)
    top = 2 + len(HEADER_KEYS) + 1
    sessions_head = tuple(text(top, c) for c in range(1, len(SESSION_HEAD) + 1))
    ratings_head = tuple(text(top, RATING_COLUMN + k) for k in range(len(RATING_HEAD)))
    if (sessions_head, ratings_head) != (SESSION_HEAD, RATING_HEAD):
        raise _damaged(path, f"row {top}")
    sessions: list[Session] = []
    names: dict[str, str] = {}
    boxes: list[tuple[str, str]] = []
    for row in range(top + 1, top + 1 + count):
        recipe = text(row, 3)
        sessions.append(Session(date(row, 1), number(row, 2), recipe, number(row, 4),
                                number(row, 5)))  # fmt: skip
        names.setdefault(recipe, text(row, 6) or recipe)
        boxes.append((text(row, 7), text(row, 8)))
    ratings = [(date(row, RATING_COLUMN), text(row, RATING_COLUMN + 1))
               for row in range(top + 1, top + 1 + days)]  # fmt: skip
    done: list[Done] = []
    if at(top, DONE_COLUMN) == DONE_HEAD[0]:  # maps written before it have no such table
        row = top + 1
        while at(row, DONE_COLUMN) is not None:
            minutes = None if at(row, DONE_COLUMN + 1) is None else number(row, DONE_COLUMN + 1)
            done.append(Done(text(row, DONE_COLUMN + 2), date(row, DONE_COLUMN), minutes,
                             text(row, DONE_COLUMN + 3) or "done"))  # fmt: skip
            row += 1
    weeks, start = number(head["weeks"], 2), date(head["start"], 2)
    if not (1 <= weeks <= MAX_WEEKS and YEARS[0] <= start.year <= YEARS[1]):
        raise _damaged(path, f"a plan of {weeks} weeks from {start.isoformat()}")
    plan = Plan(
        routine=text(head["routine"], 2),
        title=text(head["title"], 2),
        start=start,
        weeks=weeks,
        timezone=text(head["timezone"], 2),
        sessions=tuple(sessions),
        done=tuple(done),
    )
    days_in = [s.date for s in sessions] + [d.date for d in done] + [day for day, _ in ratings]
    outside = [day for day in days_in if not plan.start <= day <= plan.end]
    if outside:
        raise _damaged(path, "a day outside the plan's")
    if plan_fingerprint(plan.sessions) != text(head["fingerprint"], 2):
        raise _damaged(path, "its sessions do not match its fingerprint")
    return plan, names, boxes, ratings


def _check_same_plan(path: Path, book: Plan, plan: Plan) -> None:
    if (book.routine, book.start) != (plan.routine, plan.start):
        raise DataError([
            f"{path}: this workbook is for routine '{book.routine}' from "
            f"{book.start.isoformat()}, not for the plan of '{plan.routine}' from "
            f"{plan.start.isoformat()}"
        ])  # fmt: skip
    if plan_fingerprint(book.sessions) != plan_fingerprint(plan.sessions):
        raise DataError([
            f"{path}: this workbook's sessions differ from the plan of '{plan.routine}' from "
            f"{plan.start.isoformat()} (was the plan made again since it was printed?)"
        ])  # fmt: skip
