"""Reading files written by people, and reporting every problem with file, line and key.

tomllib gives no positions for keys, so ``find_line`` scans the text for the
line a key path was written on. It is a best effort: when a key cannot be
located the message still names the file and the key path.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from planner.core.text import one_line, suggest
from planner.errors import DataError, NotRegularFile

Key = str | int
MAX_FILE_BYTES = 1_000_000
MAX_PROBLEMS = 50  # per file

# Patterns for error reports only: kept as text, compiled (and cached) by the re module
# the first time something is wrong, so that reading good files never pays for them.
_POS_RE = r"^(?P<msg>.*?)\s*\(at line (?P<line>\d+), column (?P<col>\d+)\)$"
_HEADER_RE = r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?"
_KEY_RE = r"""^\s*("?)([A-Za-z0-9_.\- "]+?)\1\s*="""


def file_kind(mode: int) -> str | None:
    """What a non-regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def read_bytes(path: Path, limit: int, shown: str) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes (``shown`` says the limit in
    words), or DataError naming the problem.

    The file is opened without blocking (a FIFO would wait for a writer forever) and
    checked with fstat before a byte is read, so /dev/zero or a 2 GB file costs nothing;
    reading stops one byte past the limit for a file that grows while it is read.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise DataError([f"{path}: cannot read: {exc.strerror or exc}"]) from None
    try:
        info = os.fstat(fd)
        kind = file_kind(info.st_mode)
        if kind is not None:
            raise NotRegularFile([f"{path}: cannot read: it is {kind}, not a file"])
        if info.st_size > limit:
            raise DataError([f"{path}: file is larger than {shown}"])
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, limit + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise DataError([f"{path}: cannot read: {exc.strerror or exc}"]) from None
    finally:
        os.close(fd)
    if size > limit:
        raise DataError([f"{path}: file is larger than {shown}"])
    return b"".join(chunks)


def read_text(path: Path) -> str:
    """A small UTF-8 text file (a byte-order mark is dropped), or DataError naming the problem.

    Only regular files are read, and never more than the size limit (see ``read_bytes``).
    """
    raw = read_bytes(path, MAX_FILE_BYTES, f"{MAX_FILE_BYTES // 1000} kB")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError([f"{path}:{line}: not UTF-8 text (byte {exc.start})"]) from None


# tomllib takes time and memory quadratic in the number of parts of one dotted key
# or table header (a 64 kB "a.a.a...= 1" costs 4 GB), and no file of ours needs
# more than a few parts, so longer keys are refused before tomllib sees them. Keys
# stand at the start of a line (after "[" or "[[" for a header) or after "{" or ","
# in an inline table; searching only there keeps prose such as "Mix. Wait." out
# and the search linear.
MAX_KEY_PARTS = 16
_PART = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|'[^'\n]*')"""
_DEEP_KEY_RE = (
    rf"(?m)(?:^|[{{,])[ \t]*\[{{0,2}}[ \t]*{_PART}(?:[ \t]*\.[ \t]*{_PART}){{{MAX_KEY_PARTS}}}"
)
MAX_DEPTH = 32
# No list in a recipe or routine needs more: a recipe has a handful of steps, a ten-year
# routine a few hundred appointments. 120,000 one-letter steps took a plan 46 s.
MAX_ITEMS = 1000


def _check_shape(path: Path, text: str) -> None:
    if text.count(".") < MAX_KEY_PARTS:
        return
    deep = re.search(_DEEP_KEY_RE, text)
    if deep:
        line = text.count("\n", 0, deep.start()) + 1
        raise DataError([f"{path}:{line}: a key with more than {MAX_KEY_PARTS} dotted parts"])


def nesting_depth(data: Any) -> int:
    """How deeply tables and arrays nest (counted without recursion)."""
    return _shape(data)[0]


def _shape(data: Any) -> tuple[int, tuple[Key, ...] | None]:
    """How deeply tables and arrays nest, and where the first list of more than
    MAX_ITEMS items is (counted without recursion)."""
    deepest = 0
    too_long: tuple[Key, ...] | None = None
    stack: list[tuple[Any, tuple[Key, ...]]] = [(data, ())]
    while stack:
        value, at = stack.pop()
        deepest = max(deepest, len(at) + 1)
        if isinstance(value, dict):
            stack.extend((v, (*at, k)) for k, v in value.items())
        elif isinstance(value, list):
            if len(value) > MAX_ITEMS and too_long is None:
                too_long = at
            stack.extend((v, (*at, i)) for i, v in enumerate(value))
    return deepest, too_long


def read_toml(path: Path) -> tuple[dict[str, Any], str]:
    """The parsed table and the raw text, or DataError "FILE:LINE:COL: message"."""
    import tomllib  # imported here: a cached library needs no parsing at all

    text = read_text(path)
    _check_shape(path, text)
    try:
        data = tomllib.loads(text)
    except RecursionError:
        raise DataError([f"{path}: nested too deeply to read"]) from None
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        match = re.match(_POS_RE, msg)
        if match:
            where = f"{path}:{match['line']}:{match['col']}"
            raise DataError([one_line(f"{where}: {match['msg']}")]) from None
        raise DataError([one_line(f"{path}: {msg}")]) from None
    depth, too_long = _shape(data)
    if depth > MAX_DEPTH:
        raise DataError([f"{path}: nested more than {MAX_DEPTH} levels deep"])
    if too_long is not None:
        line = find_line(text, too_long)
        where = f"{path}:{line}" if line else f"{path}"
        raise DataError([
            one_line(f"{where}: {key_path(too_long)}: a list of more than {MAX_ITEMS} items; "
                     "no recipe or routine needs so many")
        ])  # fmt: skip
    return data, text


_BARE_KEY_RE = r"^[A-Za-z0-9_-]+$"


def key_path(parts: Sequence[Key]) -> str:
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            shown = part if re.match(_BARE_KEY_RE, part) else '"' + one_line(part) + '"'
            out += ("." if out else "") + shown
    return out


def _strip_key(raw: str) -> str:
    return raw.strip().strip('"').strip()


def key_lines(text: str) -> dict[str, int]:
    """The line of each top-level ``key = value`` in a flat file, found in one pass."""
    out: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if re.match(_HEADER_RE, line):
            break
        key = re.match(_KEY_RE, line)
        if key:
            out.setdefault(_strip_key(key.group(2)), number)
    return out


def find_line(text: str, parts: Sequence[Key]) -> int | None:
    """The 1-based line on which the key path was written, if it can be found."""
    if not parts:
        return None
    lines = text.splitlines()
    names = [p for p in parts if isinstance(p, str)]
    head = names[0]
    index = next((p for p in parts if isinstance(p, int)), None)
    seen_arrays = -1
    in_section = False
    section_line: int | None = None
    top_level = True
    for number, line in enumerate(lines, start=1):
        header = re.match(_HEADER_RE, line)
        if header:
            top_level = False
            name = header.group(2).strip()
            is_array = header.group(1) == "[["
            in_section = False
            if name == head or name.startswith(head + "."):
                if is_array:
                    seen_arrays += 1
                    if index is None or seen_arrays == index:
                        in_section, section_line = True, number
                else:
                    in_section, section_line = True, number
                    sub = name[len(head) + 1 :]
                    if sub and len(names) > 1 and sub != names[1]:
                        in_section = False
            continue
        key = re.match(_KEY_RE, line)
        if not key:
            continue
        written = _strip_key(key.group(2))
        if top_level and (written == head or written.startswith(head + ".")):
            if len(names) == 1 or written == ".".join(names[:2]):
                return number
            if section_line is None:
                section_line = number
        if in_section and len(names) > 1 and written in names[1:]:
            return number
    return section_line


class Problems:
    """Collects every problem in one file so the user sees them all at once, in the
    order of the file's lines (the loader finds them in its own order)."""

    def __init__(self, path: Path | str, text: str | Callable[[], str]) -> None:
        self.path = str(path)
        self._text = text
        self.lines: list[str] = []
        self._where: list[int] = []  # the line of each of ``lines``; 0 for the whole file
        self.more = 0  # problems past MAX_PROBLEMS, counted but not located

    @property
    def text(self) -> str:
        """The file's text; read only when a problem needs its line number."""
        if callable(self._text):
            self._text = self._text()
        return self._text

    def add(self, parts: Sequence[Key], message: str) -> None:
        if len(self.lines) >= MAX_PROBLEMS:
            # Finding a line scans the file: a file with thousands of problems would
            # take minutes, and nobody reads past the first screenful anyway.
            self.more += 1
            return
        line = find_line(self.text, parts)
        where = f"{self.path}:{line}" if line else self.path
        label = key_path(parts)
        line_text = f"{where}: {label}: {message}" if label else f"{where}: {message}"
        self.lines.append(one_line(line_text))
        self._where.append(line or 0)

    def unknown_keys(
        self, table: dict[str, Any], allowed: Sequence[str], at: Sequence[Key]
    ) -> None:
        for key in table:
            if key not in allowed:
                self.add([*at, key], f"unknown key{suggest(key, list(allowed))}")

    def raise_if_any(self) -> None:
        # Stable: problems on one line keep the order the loader found them in.
        order = sorted(range(len(self.lines)), key=self._where.__getitem__)
        self.lines = [self.lines[i] for i in order]
        self._where = [self._where[i] for i in order]
        if self.more:
            noun = "problem" if self.more == 1 else "problems"
            self.lines.append(f"{self.path}: ... and {self.more} more {noun}")
            self._where.append(sys.maxsize)
            self.more = 0
        if self.lines:
            raise DataError(self.lines)
