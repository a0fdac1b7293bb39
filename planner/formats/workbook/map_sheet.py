"""The hidden map sheet's writer: every tick box and rating cell by its session and day
(the names it uses are in ``map``, which its reader ``read`` shares)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from planner.core.plan import Plan
from planner.core.recipe import Recipe
from planner.formats.workbook.cells import put_text
from planner.formats.workbook.map import (
    DONE_COLUMN,
    DONE_HEAD,
    MAP_TITLE,
    MAP_VERSION,
    RATING_COLUMN,
    RATING_HEAD,
    SESSION_HEAD,
    plan_fingerprint,
)


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
