"""Which records of what was done count, and each session once.

A session can be recorded in several places: the history in the person's data folder
(``done``), history files given by name, and the tick boxes of printed workbooks. This
module reads them all and merges them by the rule of ``planner.core.done``
(``merge_histories``): the same remedy on the same day, less than three hours apart or
untimed, is one session. The data folder's history always counts, so what ``done``
recorded is never left out.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path

from planner.core.done import Done, merge_histories
from planner.core.plan import Plan
from planner.history.store import read_history


def is_workbook(path: Path) -> bool:
    """Whether ``path`` names a workbook (its ticks are read, never written)."""
    return path.suffix.lower() in (".xlsx", ".xlsm")


def read_done(
    data_history: Path | None,
    paths: Sequence[Path],
    plan: Plan | None = None,
    first: Sequence[Done] = (),
) -> tuple[list[Done], list[tuple[dt.date, int]]]:
    """The sessions done and the skin ratings given.

    ``data_history`` is the history in the person's data folder (counted when it exists),
    ``paths`` history files and ticked workbooks (with ``plan``, workbooks of that plan
    only), ``first`` sessions the caller already read (a workbook's own ticks). A file
    named twice, under any name, is read once; a session found in several places counts
    once.
    """
    if data_history is not None and os.path.lexists(data_history):
        paths = (data_history, *paths)
    groups: list[Sequence[Done]] = [first] if first else []
    ratings: list[tuple[dt.date, int]] = []
    seen: set[Path] = set()
    for path in paths:
        if path.resolve() in seen:
            continue
        seen.add(path.resolve())
        if is_workbook(path):
            from planner.formats.workbook.read import read_workbook_marks

            marks = read_workbook_marks(path, plan)
            groups.append(marks.done)
            ratings += marks.ratings
        else:
            groups.append(read_history(path))
    return merge_histories(groups), ratings
