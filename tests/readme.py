"""README.md as a script: its files, its console examples, and a matcher for their output.

A fenced ``toml`` or ``csv`` block whose first line is ``# NAME.toml`` (or ``# NAME.csv``)
is that file. A ``console`` block is a run: each ``$ `` line is a command, the lines
under it are what it prints (stdout and stderr together), and a line that is only
``...`` stands for any number of lines. A block right after the comment
``<!-- readme: not run -->`` is left out (it needs a server that is not here).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

NOT_RUN = "<!-- readme: not run"
_FENCE = re.compile(r"^```(\w*)\s*$")
_FILE_NAME = re.compile(r"^# ((?:[\w.-]+/)*[\w.-]+\.(?:toml|csv))\b")


@dataclass
class Command:
    line: int  # 1-based line of the "$ " line in README.md
    text: str  # the command without "$ "
    expected: list[str] = field(default_factory=list)


@dataclass
class Readme:
    files: dict[str, str]  # relative path -> content
    commands: list[Command]
    skipped: list[int]  # first lines of blocks marked as not run
    blocks: dict[str, list[tuple[int, str]]]  # language -> (first line, text)


def parse(text: str) -> Readme:
    lines = text.splitlines()
    files: dict[str, str] = {}
    commands: list[Command] = []
    skipped: list[int] = []
    blocks: dict[str, list[tuple[int, str]]] = {}
    i = 0
    while i < len(lines):
        m = _FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        lang, start = m[1], i + 1
        end = start
        while end < len(lines) and lines[end].rstrip() != "```":
            end += 1
        body = lines[start:end]
        blocks.setdefault(lang, []).append((start + 1, "\n".join(body)))
        marked = any(lines[j].startswith(NOT_RUN) for j in range(max(0, i - 2), i))
        if lang in ("toml", "csv") and body and (name := _FILE_NAME.match(body[0])):
            files[name[1]] = "\n".join(body) + "\n"
        elif lang == "console" and marked:
            skipped.append(start + 1)
        elif lang == "console":
            for k, line in enumerate(body):
                if line.startswith("$ "):
                    commands.append(Command(start + k + 1, line[2:]))
                elif commands and commands[-1].line > start:
                    commands[-1].expected.append(line)
                else:
                    raise ValueError(f"README.md:{start + k + 1}: output before any command")
        i = end + 1
    return Readme(files, commands, skipped, blocks)


def matches(expected: list[str], actual: list[str]) -> bool:
    """Whether ``actual`` is ``expected`` line for line, where a line ``...`` stands for
    any number of lines (trailing spaces aside)."""
    want = [line.rstrip() for line in expected]
    got = [line.rstrip() for line in actual]
    # memo[i][j]: want[i:] matches got[j:]
    memo: dict[tuple[int, int], bool] = {}

    def rest(i: int, j: int) -> bool:
        if (i, j) not in memo:
            if i == len(want):
                memo[i, j] = j == len(got)
            elif want[i].strip() == "...":
                memo[i, j] = any(rest(i + 1, k) for k in range(j, len(got) + 1))
            else:
                memo[i, j] = j < len(got) and want[i] == got[j] and rest(i + 1, j + 1)
        return memo[i, j]

    return rest(0, 0)


def write_files(readme: Readme, folder: Path) -> None:
    for name, content in readme.files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
