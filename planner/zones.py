"""A time zone's current yearly rule, read from the POSIX TZ string in its TZif data.

Calendar clients disagree about VTIMEZONEs: Outlook ignores ones built from long
RDATE lists and wants one STANDARD and one DAYLIGHT block with a yearly RRULE.
The last line of a TZif (version 2+) file holds exactly that rule, e.g.
``CET-1CEST,M3.5.0,M10.5.0/3``; this module parses it.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from dataclasses import dataclass
from pathlib import Path

from planner.errors import UsageError

_NAME = r"(?:<[^>]+>|[A-Za-z]{3,})"
_OFFSET = r"[+-]?\d{1,3}(?::\d{2}(?::\d{2})?)?"
_RULE = r"M\d{1,2}\.\d\.\d(?:/[+-]?\d{1,3}(?::\d{2}(?::\d{2})?)?)?"
_POSIX = re.compile(
    rf"^(?P<std>{_NAME})(?P<stdoff>{_OFFSET})"
    rf"(?:(?P<dst>{_NAME})(?P<dstoff>{_OFFSET})?,(?P<start>{_RULE}),(?P<end>{_RULE}))?$"
)


@dataclass(frozen=True)
class Transition:
    """Month, week (1-4, or 5 for last), weekday (0 = Sunday), local time in seconds."""

    month: int
    week: int
    weekday: int
    seconds: int

    def in_year(self, year: int) -> dt.datetime:
        """The local wall-clock moment of this transition in ``year`` (may leave the day)."""
        first = dt.date(year, self.month, 1)
        shift = (self.weekday - (first.weekday() + 1) % 7) % 7
        day = first + dt.timedelta(days=shift + 7 * (self.week - 1))
        if self.week == 5:
            while day.month != self.month:
                day -= dt.timedelta(days=7)
            nxt = day + dt.timedelta(days=7)
            if nxt.month == self.month:
                day = nxt
        return dt.datetime.combine(day, dt.time()) + dt.timedelta(seconds=self.seconds)


@dataclass(frozen=True)
class ZoneRule:
    std_name: str
    std_offset: int  # seconds east of UTC
    dst_name: str | None = None
    dst_offset: int | None = None
    dst_start: Transition | None = None  # local standard time
    dst_end: Transition | None = None  # local daylight time

    def offset_at(self, utc: dt.datetime) -> int:
        """The UTC offset (seconds) this rule gives at a UTC moment."""
        if self.dst_start is None or self.dst_end is None or self.dst_offset is None:
            return self.std_offset
        naive = utc.replace(tzinfo=None)
        year = naive.year
        on = self.dst_start.in_year(year) - dt.timedelta(seconds=self.std_offset)
        off = self.dst_end.in_year(year) - dt.timedelta(seconds=self.dst_offset)
        # In the southern hemisphere summer runs across the new year (on > off).
        summer = on <= naive < off if on < off else (naive >= on or naive < off)
        return self.dst_offset if summer else self.std_offset


def _seconds(text: str) -> int:
    sign = -1 if text.startswith("-") else 1
    parts = [int(p) for p in text.lstrip("+-").split(":")]
    parts += [0] * (3 - len(parts))
    return sign * (parts[0] * 3600 + parts[1] * 60 + parts[2])


def _transition(text: str) -> Transition:
    rule, _, time = text.partition("/")
    month, week, weekday = (int(x) for x in rule[1:].split("."))
    return Transition(month, week, weekday, _seconds(time) if time else 7200)


def parse_posix(text: str) -> ZoneRule:
    """A ZoneRule from a POSIX TZ string (the M-format rules that TZif files use)."""
    m = _POSIX.match(text.strip())
    if not m:
        raise ValueError(f"unsupported POSIX TZ rule {text!r}")
    std = m["std"].strip("<>")
    # POSIX offsets count hours west of Greenwich; iCalendar counts east.
    std_off = -_seconds(m["stdoff"])
    if not m["dst"]:
        return ZoneRule(std, std_off)
    dst_off = -_seconds(m["dstoff"]) if m["dstoff"] else std_off + 3600
    return ZoneRule(
        std, std_off, m["dst"].strip("<>"), dst_off, _transition(m["start"]), _transition(m["end"])
    )


def tzif_bytes(name: str) -> bytes:
    """The TZif data of an IANA zone, from the system database or the tzdata package."""
    for base in zoneinfo.TZPATH:
        path = Path(base) / name
        if path.is_file() and ".." not in Path(name).parts:
            return path.read_bytes()
    try:
        import importlib.resources

        parts = name.split("/")
        ref = importlib.resources.files("tzdata.zoneinfo")
        for part in parts:
            ref = ref / part
        return ref.read_bytes()
    except (ModuleNotFoundError, FileNotFoundError, OSError) as exc:
        raise UsageError(f"no time zone data for '{name}'") from exc


def zone_rule(name: str) -> ZoneRule:
    """The rule a zone follows now, from the footer of its TZif data."""
    data = tzif_bytes(name)
    if not data.startswith(b"TZif") or data[4:5] < b"2":
        raise UsageError(f"time zone data for '{name}' has no yearly rule (TZif version 1)")
    footer = data.rstrip(b"\n").rsplit(b"\n", 1)[-1].decode("ascii", "replace")
    try:
        return parse_posix(footer)
    except ValueError as exc:
        raise UsageError(f"time zone '{name}': {exc}") from None
