"""Which events and tasks sync has published to each calendar and task list, kept beside
the history.

An event or a task the person deletes (a task deleted, not ticked) was a session they
chose to skip. Without a memory of what was published, the next sync could not tell it
from one never made, and would make it again. The file maps each collection's URL to
the UIDs published there::

    {"https://cloud.example.org/dav/calendars/anna/back-care/": ["back-care...", ...]}

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
from planner.formats.ics import read_uid
from planner.load.diagnostics import read_text

PUBLISHED_NAME = "published.json"
KEEP_DAYS = 31


def published_file(history: Path) -> Path:
    """The file beside the history in the data folder."""
    return history.parent / PUBLISHED_NAME


def _read(path: Path) -> dict[str, list[str]]:
    if not os.path.lexists(path):
        return {}
    if os.path.islink(path):
        raise DataError([f"{path}: is a link; remove it (it only remembers what was published)"])
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
            [f"{path}: not a list of what sync published; remove it (it only remembers "
             "which events and tasks sync published, so that one deleted on the phone is "
             "not made again)"]
        )  # fmt: skip
    return data


def read_published(path: Path, collection: str) -> set[str]:
    """The UIDs published to ``collection`` (its URL)."""
    return set(_read(path).get(collection, []))


def write_published(path: Path, collection: str, uids: Iterable[str], today: dt.date) -> None:
    """Remember ``uids`` as what ``collection`` holds of ours now; UIDs of days more
    than KEEP_DAYS before ``today`` are dropped."""
    oldest = today - dt.timedelta(days=KEEP_DAYS)
    kept = sorted(u for u in uids if (t := read_uid(u)) is not None and t.date >= oldest)
    created = make_folder(path.parent)
    try:
        with folder_lock(path.parent):
            data = _read(path)
            if data.get(collection) == kept:
                return
            if kept:
                data[collection] = kept
            else:
                data.pop(collection, None)
            text = json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
            write_locked({path: text.encode("utf-8")}, force=True)
    except PlannerError:
        remove_folders(created)
        raise
