"""Text that came from files or the command line, made safe to show, store or suggest.

Every layer uses these rules, so a control character is treated the same in
the loader, the terminal, the workbook and a calendar file.
"""

from __future__ import annotations

import re
from functools import cache


@cache
def _pattern(name: str) -> re.Pattern[str]:
    """The patterns, compiled on first use: wide character classes take a while to
    compile, and a listing of built-in recipes needs none of them."""
    return re.compile(
        {
            # Removed from text read from files: C0/C1 controls (bell, escape, NUL...) and
            # the direction overrides that can make a name read backwards.
            "control": r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]",
            "break": r"\s*[\t\n\u2028\u2029]\s*",
            # Shown as escapes in one-line messages.
            "escaped": r"[\x00-\x1f\x7f-\x9f\u2028\u2029]",
        }[name]
    )


# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def plain_text(value: str) -> str:
    """One line of text: control characters and direction overrides removed, line breaks
    and tabs made spaces. Such text reaches the terminal, file headers, calendar
    properties and servers, which must show it as written and on one line."""
    return _pattern("control").sub("", _pattern("break").sub(" ", value)).strip()


def one_line(text: str) -> str:
    """Control characters shown as escapes, so a message always stays on one line."""
    return _pattern("escaped").sub(lambda m: repr(m.group(0))[1:-1], text)


def printable(text: str) -> str:
    """Text as the terminal may show it: every control character but the line break, and
    every direction override, written as an escape (``\\u001b``). Text from a calendar
    server, a file or a workbook can then neither retitle the window, move the cursor,
    erase a line nor make one read backwards. The escapes are JSON's own, so JSON output
    stays valid JSON."""
    return text.translate(_ESCAPES)


# What ``printable`` escapes: C0 and C1 controls but the line break, and the direction
# marks and overrides. A table for str.translate: no pattern to compile on every start.
_ESCAPES = {
    c: f"\\u{c:04x}"
    for c in (
        *range(0x00, 0x0A), *range(0x0B, 0x20), *range(0x7F, 0xA0), 0x200E, 0x200F,
        *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x2028, 0x2029,
    )
}  # fmt: skip


def formula_safe(text: str) -> str:
    """A leading quote keeps a spreadsheet from running the text as a formula."""
    return "'" + text if text[:1] in FORMULA_START else text


def suggest(word: str, choices: list[str] | tuple[str, ...]) -> str:
    """A ' (did you mean 'x'?)' suffix, or '' when nothing is close."""
    import difflib  # only needed when something is wrong

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def wrap_words(
    text: str, width: int = 80, initial_indent: str = "", subsequent_indent: str = ""
) -> list[str]:
    """Greedy word wrap (textwrap's behaviour for plain prose, without its import cost)."""
    lines: list[str] = []
    current = initial_indent
    fresh = True
    for word in text.split():
        while len(word) > width - len(subsequent_indent):
            # A word longer than a line is broken, as textwrap does.
            room = width - len(current) - (0 if fresh else 1)
            if room <= 0:
                lines.append(current)
                current, fresh = subsequent_indent, True
                continue
            current += ("" if fresh else " ") + word[:room]
            word = word[room:]
            lines.append(current)
            current, fresh = subsequent_indent, True
        if fresh:
            current += word
            fresh = False
        elif len(current) + 1 + len(word) <= width:
            current += " " + word
        else:
            lines.append(current)
            current = subsequent_indent + word
    if not fresh:
        lines.append(current)
    return lines
