"""Which tasks sync has published to each task list, kept beside the history.

A task the person deletes from the list (not ticked: deleted) was a session they chose
to skip. Without a memory of what was published, the next sync could not tell such a
task from one never made, and would make it again. The file maps each task list's URL
to the UIDs of the tasks published there::

    {"https://cloud.example.org/dav/calendars/anna/back-care-to-do/": ["back-care...", ...]}

A UID is forgotten a month after its session's day, so the file stays small. When the
file is missing, nothing counts as deleted (every missing task is made); the file is
the program's own and may be removed at any time.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable
from pathlib import Path

from planner.disk.atomic import folder_lock, make_folder, remove_folders, write_locked
from planner.errors import DataError, PlannerError
from planner.formats.tasks import read_task_uid
from planner.load.diagnostics import read_text

PUBLISHED_NAME = "published-tasks.json"
KEEP_DAYS = 31


def published_file(history: Path) -> Path:
    """The file beside the history in the data folder."""
    return history.parent / PUBLISHED_NAME


def _read(path: Path) -> dict[str, list[str]]:
    if not os.path.lexists(path):
        return {}
    if os.path.islink(path):
        raise DataError([f"{path}: is a link; remove it (it only remembers published tasks)"])
    text = read_text(path)
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        data = None
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, list) and all(isinstance(u, str) for u in v)
        for k, v in data.items()
    ):
        raise DataError(
            [f"{path}: not a list of published tasks; remove it (it only remembers which "
             "tasks sync published, so that a task deleted on the phone is not made again)"]
        )  # fmt: skip
    return data


def read_published(path: Path, task_list: str) -> set[str]:
    """The UIDs published to ``task_list`` (its URL)."""
    return set(_read(path).get(task_list, []))


def write_published(path: Path, task_list: str, uids: Iterable[str], today: dt.date) -> None:
    """Remember ``uids`` as what ``task_list`` holds of ours now; UIDs of sessions more
    than KEEP_DAYS before ``today`` are dropped."""
    oldest = today - dt.timedelta(days=KEEP_DAYS)
    kept = sorted(u for u in uids if (t := read_task_uid(u)) is not None and t.date >= oldest)
    created = make_folder(path.parent)
    try:
        with folder_lock(path.parent):
            data = _read(path)
            if data.get(task_list) == kept:
                return
            if kept:
                data[task_list] = kept
            else:
                data.pop(task_list, None)
            text = json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
            write_locked({path: text.encode("utf-8")}, force=True)
    except PlannerError:
        remove_folders(created)
        raise
