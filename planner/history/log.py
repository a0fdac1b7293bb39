"""Writing the history: a session done, or one taken back, without ever losing another.

Each change reads the history and writes the whole new list back while it holds the
folder's lock (``planner.disk.atomic.folder_lock``), so two runs at once take turns and
neither writes over the other's record. The new list goes to a temporary file that
is renamed onto the history, so a run stopped halfway leaves the old file whole. A
link at the history's path is refused, never followed or replaced.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from planner.core.done import Done
from planner.disk.atomic import folder_lock, make_folder, remove_folders, write_locked
from planner.errors import PlannerError, WriteError
from planner.history.store import history_json, read_history, sorted_history
from planner.load.diagnostics import MAX_FILE_BYTES


def _read(path: Path) -> tuple[Done, ...]:
    if os.path.islink(path):
        raise WriteError(
            f"{path} is a link, and the history is never written through a link; "
            "remove it or name the file it points to"
        )
    return read_history(path)


def _write(path: Path, history: list[Done]) -> None:
    data = history_json(history).encode("utf-8")
    if len(data) > MAX_FILE_BYTES:
        # Never write a file that could not be read back.
        raise WriteError(
            f"cannot write {path}: the history would be larger than "
            f"{MAX_FILE_BYTES // 1000} kB; move it aside and start a new one"
        )
    write_locked({path: data}, force=True)


def append_done(path: Path, done: Done) -> None:
    """Add ``done`` to the history at ``path`` (made, with its folders, if missing)."""
    created = make_folder(path.parent)
    try:
        with folder_lock(path.parent):
            _write(path, [*_read(path), done])
    except PlannerError:
        remove_folders(created)  # an error leaves no trace, not even an empty folder
        raise


def undo_done(path: Path, recipe: str, date: dt.date | None = None) -> Done | None:
    """Take back the last recorded session of ``recipe`` (on ``date``, if given), in the
    history's order of date and time; None, with nothing changed, when there is none."""
    if not path.parent.is_dir():
        return None
    with folder_lock(path.parent):
        history = sorted_history(_read(path))
        for index in range(len(history) - 1, -1, -1):
            found = history[index]
            if found.recipe == recipe and (date is None or found.date == date):
                _write(path, history[:index] + history[index + 1 :])
                return found
    return None
