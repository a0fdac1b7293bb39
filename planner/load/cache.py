"""A cache of parsed recipe files, so that listing recipes does not re-read TOML each time.

Parsing TOML is most of the cost of `recipes list`. Each file's parsed table
is kept with the file's size and modification time and used again while both
are unchanged. The cache is only an accelerator: a missing, stale, unreadable
or foreign cache file is ignored and rebuilt, and failing to write it is silent.
It is stored with ``marshal``, which holds plain data only (no code, no objects);
TOML dates and times are stored as tagged tuples. Each entry keeps its parsed
table as marshal bytes with their SHA-256, so an entry that was damaged or
edited by hand (wrong shape, wrong types) fails its check and is parsed again.
"""

from __future__ import annotations

import datetime as dt
import marshal
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from planner import __version__

_FORMAT = ("remedy-planner-toml-cache", 3, __version__)


def _encode(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _encode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, dt.datetime):
        return ("\0datetime", value.isoformat())
    if isinstance(value, dt.date):
        return ("\0date", value.isoformat())
    if isinstance(value, dt.time):
        return ("\0time", value.isoformat())
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if isinstance(value, tuple) and len(value) == 2 and str(value[0]).startswith("\0"):
        if value[0] == "\0datetime":
            return dt.datetime.fromisoformat(value[1])
        if value[0] == "\0date":
            return dt.date.fromisoformat(value[1])
        if value[0] == "\0time":
            return dt.time.fromisoformat(value[1])
        raise ValueError(f"unknown tag {value[0]!r}")
    return value


def _digest(blob: bytes) -> bytes:
    import hashlib  # only when a file of the person's own is read (built-in ones never are)

    return hashlib.sha256(blob).digest()


class TomlCache:
    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.entries: dict[str, Any] = {}
        self.used: set[str] = set()
        self.dirty = False
        if path is None:
            return
        try:
            header, entries = marshal.loads(path.read_bytes())
            if header == _FORMAT and isinstance(entries, dict):
                self.entries = entries
        except (OSError, EOFError, ValueError, TypeError):
            self.entries = {}

    @staticmethod
    def _stamp(file: Path) -> tuple[int, int] | None:
        try:
            st = file.stat()
        except OSError:
            return None
        return st.st_mtime_ns, st.st_size

    def get(self, file: Path) -> dict[str, Any] | None:
        entry = self.entries.get(str(file))
        if (
            not isinstance(entry, tuple)
            or len(entry) != 4
            or not isinstance(entry[2], bytes)
            or (entry[0], entry[1]) != self._stamp(file)
        ):
            return None
        if _digest(entry[2]) != entry[3]:
            return None
        try:
            data = _decode(marshal.loads(entry[2]))
        except (KeyError, ValueError, TypeError, EOFError, RecursionError):
            return None
        if not isinstance(data, dict):
            return None
        self.used.add(str(file))
        return data

    def put(self, file: Path, data: dict[str, Any]) -> None:
        stamp = self._stamp(file)
        if stamp is None or self.path is None:
            return
        try:
            blob = marshal.dumps(_encode(data))
        except (ValueError, RecursionError):
            return  # too deep or odd to keep: it is simply parsed again next time
        self.entries[str(file)] = (stamp[0], stamp[1], blob, _digest(blob))
        self.used.add(str(file))
        self.dirty = True

    def save(self) -> None:
        """Write the cache if this run added to it or found entries of files that are gone
        or changed (those are dropped, so the cache stays small). Entries of files this run
        did not read, such as another command's routine, are kept while they hold."""
        if self.path is None:
            return
        for key in [k for k in self.entries if k not in self.used]:
            entry = self.entries[key]
            if not isinstance(entry, tuple) or entry[:2] != self._stamp(Path(key)):
                del self.entries[key]
                self.dirty = True
        if not self.dirty:
            return
        from planner.disk.atomic import make_folder, write_file
        from planner.errors import PlannerError

        try:
            make_folder(self.path.parent)
            # All or nothing, as every file the program writes: a cache cut short by a
            # crash would only be parsed again, but the same writer keeps links out too.
            write_file(self.path, marshal.dumps((_FORMAT, self.entries)), force=True)
            self.dirty = False
        except (PlannerError, ValueError):
            pass  # no cache this time: the files are simply parsed again next run


def cache_file(platform: str, env: Mapping[str, str], home: str) -> Path | None:
    """The cache's place for this platform (None: no cache, as REMEDY_PLANNER_NO_CACHE asks).

    The caller passes ``sys.platform``, the environment and the home folder, so this
    stays a rule, not a lookup.
    """
    if env.get("REMEDY_PLANNER_NO_CACHE"):
        return None
    if platform == "win32":
        base = env.get("LOCALAPPDATA")
    elif platform == "darwin":
        base = str(Path(home) / "Library" / "Caches")
    else:
        base = env.get("XDG_CACHE_HOME") or str(Path(home) / ".cache")
    return Path(base) / "remedy-planner" / "recipes.cache" if base else None
