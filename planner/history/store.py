"""The history file: the sessions a person really did, as a JSON list kept in their data
folder; where it lives, reading it, and changing it without ever losing a record.

The file is a plain list of records, one a line::

    [
      {"recipe": "soda-mask", "date": "2026-12-05", "time": "20:15", "source": "done"}
    ]

``time`` may be null or left out, ``source`` left out ("done"). A session ticked on the
phone has ``"source": "calendar"`` and the ``task`` it was ticked in (its UID), so that
un-ticking it takes back that record and no other. A person may edit the
file by hand, so every problem is reported with the file, the line and the field
("[2].date"), all at once. Whether a recipe id exists is for the caller to say: the
history outlives recipes, and only the caller knows the library.

Each change (a session added with ``append_done``, taken back with ``undo_done``) reads
the history and writes the whole new list back while it holds the folder's lock
(``planner.disk.atomic.folder_lock``), so two runs at once take turns and neither writes
over the other's record. The new list goes to a temporary file that is renamed onto the
history, so a run stopped halfway leaves the old file whole. A link at the history's
path is refused, never followed or replaced.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from planner.core.done import Done
from planner.core.recipe import YEARS, clock
from planner.core.text import one_line, plain_text, suggest
from planner.disk.atomic import folder_lock, make_folder, remove_folders, write_locked
from planner.errors import DataError, PlannerError, WriteError
from planner.load.diagnostics import MAX_FILE_BYTES, MAX_PROBLEMS, key_path, read_text
from planner.load.fields import ID_RE, parse_clock

HISTORY_NAME = "history.json"
KEYS = ("recipe", "date", "time", "source", "task")
MAX_SOURCE = 255  # a workbook's file name
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_SPACE = " \t\n\r"  # JSON's white space


def history_file(platform: str, env: Mapping[str, str], home: str) -> Path:
    """The history's place in the person's data folder on this platform.

    The caller passes ``sys.platform``, the environment and the home folder, so this
    stays a rule, not a lookup (as ``planner.load.cache.cache_file``).
    """
    if platform == "win32":
        base = env.get("LOCALAPPDATA") or str(Path(home) / "AppData" / "Local")
    elif platform == "darwin":
        base = str(Path(home) / "Library" / "Application Support")
    else:
        # The XDG rule: a relative XDG_DATA_HOME is invalid and is ignored.
        xdg = env.get("XDG_DATA_HOME", "")
        base = xdg if os.path.isabs(xdg) else str(Path(home) / ".local" / "share")
    return Path(base) / "remedy-planner" / HISTORY_NAME


def _json_type(value: Any) -> str:
    """What a wrong JSON value is, in the words of a message."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "an object"


class _Object(dict[str, Any]):
    """A JSON object that remembers the keys it was given twice (json keeps the last)."""

    twice: tuple[str, ...] = ()


def _object(pairs: list[tuple[str, Any]]) -> _Object:
    out = _Object(pairs)
    if len(out) < len(pairs):
        seen: set[str] = set()
        twice: list[str] = []
        for key, _ in pairs:
            if key in seen:
                twice.append(key)
            seen.add(key)
        out.twice = tuple(twice)
    return out


def _skip(text: str, i: int) -> int:
    while i < len(text) and text[i] in _SPACE:
        i += 1
    return i


def _offsets(text: str) -> list[tuple[int, dict[str, int]]]:
    """Where each item of the top-level list starts, and where each of its keys is written.

    Only called on text that json already read without error, and only when a
    problem needs a line number.
    """
    decoder = json.JSONDecoder()
    out: list[tuple[int, dict[str, int]]] = []
    i = _skip(text, text.index("[") + 1)
    while i < len(text) and text[i] != "]":
        start, keys = i, dict[str, int]()
        if text[i] == "{":
            i = _skip(text, i + 1)
            while text[i] != "}":
                key, after = decoder.raw_decode(text, i)
                keys[key] = i  # the last of a key given twice: the one json keeps
                i = _skip(text, after) + 1  # past ":"
                _, i = decoder.raw_decode(text, _skip(text, i))
                i = _skip(text, i)
                if text[i] == ",":
                    i = _skip(text, i + 1)
            i += 1
        else:
            _, i = decoder.raw_decode(text, i)
        out.append((start, keys))
        i = _skip(text, i)
        if i < len(text) and text[i] == ",":
            i = _skip(text, i + 1)
    return out


class _Report:
    """The problems of one history file, each with the line it is on."""

    def __init__(self, path: Path, text: str) -> None:
        self.path, self.text = path, text
        self.found: list[tuple[int, int, str | None, str]] = []
        self._where: list[tuple[int, dict[str, int]]] | None = None

    def add(self, index: int, key: str | None, message: str) -> None:
        self.found.append((index, len(self.found), key, message))

    def _line(self, index: int, key: str | None) -> int:
        if self._where is None:
            self._where = _offsets(self.text)
        start, keys = self._where[index]
        return self.text.count("\n", 0, keys.get(key or "", start)) + 1

    def raise_if_any(self) -> None:
        if not self.found:
            return
        located = []
        for index, order, key, message in self.found[:MAX_PROBLEMS]:
            label = key_path([index] if key is None else [index, key])
            line = self._line(index, key)
            located.append((line, order, one_line(f"{self.path}:{line}: {label}: {message}")))
        lines = [text for _, _, text in sorted(located)]
        if len(self.found) > MAX_PROBLEMS:
            more = len(self.found) - MAX_PROBLEMS
            lines.append(f"{self.path}: ... and {more} more problem{'s' if more != 1 else ''}")
        raise DataError(lines)


def _shown(value: Any) -> str:
    """A wrong value in a message: quoted text (cut when long), else its kind."""
    if not isinstance(value, str):
        return _json_type(value)
    return f"'{value}'" if len(value) <= 40 else f"'{value[:40]}...'"


def _date(value: Any) -> dt.date:
    if isinstance(value, str) and _DATE_RE.fullmatch(value):
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            pass
        else:
            if YEARS[0] <= day.year <= YEARS[1]:
                return day
            raise ValueError(f"{_shown(value)} is not between the years {YEARS[0]} and {YEARS[1]}")
    raise ValueError(f"{_shown(value)} is not a date written YYYY-MM-DD")


def _time(value: Any) -> int | None:
    if value is None:
        return None
    minutes = parse_clock(value) if isinstance(value, str) else None
    if minutes is None:
        raise ValueError(f"{_shown(value)} is not a time written HH:MM")
    return minutes


def _record(item: Any, index: int, report: _Report) -> Done | None:
    if not isinstance(item, dict):
        report.add(index, None, f'must be an object like {{"recipe": ..., "date": ...}}, '
                   f"not {_json_type(item)}")  # fmt: skip
        return None
    bad = len(report.found)
    for key in getattr(item, "twice", ()):
        report.add(index, key, "is given twice")
    for key in item:
        if key not in KEYS:
            report.add(index, key, f"unknown key{suggest(key, list(KEYS))}")
    for key in ("recipe", "date"):
        if key not in item:
            report.add(index, key, "is required")
    recipe = item.get("recipe")
    if "recipe" in item and not (isinstance(recipe, str) and ID_RE.fullmatch(recipe)):
        report.add(
            index, "recipe", f"{_shown(recipe)} is not a recipe id (lower-case letters, digits, -)"
        )
    parsed: dict[str, Any] = {}
    for key, parse in (("date", _date), ("time", _time)):
        if key in item:
            try:
                parsed[key] = parse(item[key])
            except ValueError as exc:
                report.add(index, key, str(exc))
    source = item.get("source", "done")
    if not isinstance(source, str):
        report.add(index, "source", f"must be text, not {_json_type(source)}")
    elif not source.strip():
        report.add(index, "source", "must not be empty")
    elif len(source) > MAX_SOURCE or plain_text(source) != source:
        report.add(index, "source", f"must be one line of at most {MAX_SOURCE} characters")
    task = item.get("task", "")
    if not isinstance(task, str):
        report.add(index, "task", f"must be text, not {_json_type(task)}")
    elif len(task) > MAX_SOURCE or plain_text(task) != task:
        report.add(index, "task", f"must be one line of at most {MAX_SOURCE} characters")
    if len(report.found) > bad:
        return None
    return Done(str(recipe), parsed["date"], parsed.get("time"), source, task)


def read_history(path: Path) -> tuple[Done, ...]:
    """The sessions recorded in ``path``, in the file's order; none when it does not exist.

    Raises DataError with one "FILE:LINE: [n].field: message" line per problem.
    """
    if not os.path.lexists(path):
        return ()
    text = read_text(path)
    if not text.strip():
        return ()  # an empty file (made with touch, say) is an empty history
    try:
        data = json.loads(text, object_pairs_hook=_object)
    except json.JSONDecodeError as exc:
        where = f"{path}:{exc.lineno}:{exc.colno}"
        raise DataError([one_line(f"{where}: not JSON: {exc.msg}")]) from None
    except RecursionError:
        raise DataError([f"{path}: nested too deeply to read"]) from None
    except ValueError:  # the one other failure: a whole number of thousands of digits
        raise DataError([f"{path}: a number too long to read"]) from None
    if not isinstance(data, list):
        line = text.count("\n", 0, len(text) - len(text.lstrip())) + 1
        raise DataError([f"{path}:{line}: must be a list of records, not {_json_type(data)}"])
    report = _Report(path, text)
    found = [_record(item, index, report) for index, item in enumerate(data)]
    report.raise_if_any()
    return tuple(d for d in found if d is not None)


def sorted_history(history: Sequence[Done]) -> list[Done]:
    """By date, time (a session without one first) and recipe; equal ones keep their order."""
    return sorted(history, key=lambda d: (d.date, d.time is not None, d.time or 0, d.recipe))


def history_json(history: Sequence[Done]) -> str:
    """The file's text: the records in ``sorted_history`` order, one a line, so that the
    line number of an error points at one record."""
    ordered = sorted_history(history)
    rows = [
        json.dumps(
            {
                "recipe": d.recipe,
                "date": d.date.isoformat(),
                "time": None if d.time is None else clock(d.time),
                "source": d.source,
                **({"task": d.task} if d.task else {}),
            },
            ensure_ascii=False,
        )
        for d in ordered
    ]
    return "[\n" + ",\n".join("  " + row for row in rows) + "\n]\n" if rows else "[]\n"


# ---- changing it ----------------------------------------------------------------------


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


def append_done(path: Path, done: Done) -> Done | None:
    """Add ``done`` to the history at ``path`` (made, with its folders, if missing).

    When the history already holds that remedy on that day at that time (or both without
    a time), the same command was most likely run twice: nothing is added, and the
    record already there is returned."""
    created = make_folder(path.parent)
    try:
        with folder_lock(path.parent):
            history = _read(path)
            for kept in history:
                if (kept.recipe, kept.date, kept.time) == (done.recipe, done.date, done.time):
                    remove_folders(created)
                    return kept
            _write(path, [*history, done])
    except PlannerError:
        remove_folders(created)  # an error leaves no trace, not even an empty folder
        raise
    return None


def edit_history(path: Path, edit: Callable[[list[Done]], list[Done] | None]) -> None:
    """Change the history at ``path`` as ``edit`` says, while holding the folder's lock:
    ``edit`` gets the records and returns the new list, or None to leave the file as it
    is. A missing history (and its folders) is made only when there is something to write."""
    if not path.parent.is_dir() and edit([]) is None:
        return  # nothing to record: no folder, not even the lock's, is made
    created = make_folder(path.parent)
    try:
        with folder_lock(path.parent):
            new = edit(list(_read(path)))
            if new is not None:
                _write(path, new)
    except PlannerError:
        remove_folders(created)
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
