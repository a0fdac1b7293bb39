"""Every time-zone rule in one place.

- which zone names are valid, the one "unknown time zone" error, and the system's zone
  chosen from what the command line found;
- which local times a zone skips (spring forward; a gap may end at midnight or take a
  whole day);
- the zone's current yearly rule, read from the POSIX TZ string in its TZif data, and
  the VTIMEZONE built from it. Calendar clients disagree about VTIMEZONEs: Outlook
  ignores ones built from long RDATE lists and wants one STANDARD and one DAYLIGHT
  block with a yearly RRULE. The last line of a TZif (version 2+) file holds exactly
  that rule, e.g. ``CET-1CEST,M3.5.0,M10.5.0/3``.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from planner.core.record import record
from planner.core.text import suggest
from planner.errors import UsageError

_NAME = r"(?:<[^>]+>|[A-Za-z]{3,})"
_OFFSET = r"[+-]?\d{1,3}(?::\d{2}(?::\d{2})?)?"
_RULE = r"M\d{1,2}\.\d\.\d(?:/[+-]?\d{1,3}(?::\d{2}(?::\d{2})?)?)?"
_POSIX = re.compile(
    rf"^(?P<std>{_NAME})(?P<stdoff>{_OFFSET})"
    rf"(?:(?P<dst>{_NAME})(?P<dstoff>{_OFFSET})?,(?P<start>{_RULE}),(?P<end>{_RULE}))?$"
)


@record
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


@record
class ZoneRule:
    """A zone's yearly rule: standard time, and daylight time if any."""

    std_name: str
    std_offset: int  # seconds east of UTC
    dst_name: str | None = None
    dst_offset: int | None = None
    dst_start: Transition | None = None  # local standard time
    dst_end: Transition | None = None  # local daylight time

    def offset_at(self, utc: dt.datetime, summers: dict[int, Summer] | None = None) -> int:
        """The UTC offset (seconds) this rule gives at a UTC moment. ``summers`` keeps
        each year's daylight-time span for the next call."""
        if self.dst_start is None or self.dst_end is None or self.dst_offset is None:
            return self.std_offset
        naive = utc.replace(tzinfo=None)
        summers = {} if summers is None else summers
        if naive.year not in summers:
            summers[naive.year] = (
                self.dst_start.in_year(naive.year) - dt.timedelta(seconds=self.std_offset),
                self.dst_end.in_year(naive.year) - dt.timedelta(seconds=self.dst_offset),
            )
        on, off = summers[naive.year]
        # In the southern hemisphere summer runs across the new year (on > off).
        summer = on <= naive < off if on < off else (naive >= on or naive < off)
        return self.dst_offset if summer else self.std_offset


# The naive UTC moments daylight time starts and ends in a year.
Summer = tuple[dt.datetime, dt.datetime]


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


def valid_zone(name: str) -> bool:
    """Whether ``name`` is an IANA zone this computer knows (no paths, no tricks)."""
    if not name or name.startswith(("/", ".")) or ".." in name:
        return False
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def check_zone(name: str) -> str:
    """``name`` if it is a valid zone, else the one "unknown time zone" UsageError."""
    if not valid_zone(name):
        hint = suggest(name, sorted(zoneinfo.available_timezones()))
        raise UsageError(
            f"unknown time zone '{name}'{hint}; use an IANA name such as Europe/Berlin"
        )
    return name


def system_zone(candidates: Iterable[str]) -> str:
    """The first valid zone name among what the system says (TZ, /etc/localtime,
    /etc/timezone, in that order), else UTC."""
    for name in candidates:
        name = name.strip().lstrip(":")
        if "zoneinfo/" in name:
            name = name.split("zoneinfo/", 1)[1]
        if valid_zone(name):
            return name
    return "UTC"


def skipped_times(dates: Sequence[dt.date], name: str) -> dict[int, tuple[int, int]]:
    """Per day index, the local minutes that do not exist in zone ``name`` that day.

    A day can only lose time if its midnight and the next one have different
    offsets; those days are checked minute by minute (a gap may end at midnight,
    as in America/Nuuk, or take the whole day, as Pacific/Apia's 2011-12-30).
    """
    zone = zoneinfo.ZoneInfo(check_zone(name))

    def offset(day: dt.date) -> dt.timedelta | None:
        return dt.datetime.combine(day, dt.time(0, 0), zone).utcoffset()

    out: dict[int, tuple[int, int]] = {}
    for i, day in enumerate(dates):
        if offset(day) == offset(day + dt.timedelta(days=1)):
            continue
        missing = []
        for minute in range(0, 24 * 60):
            local = dt.datetime.combine(day, dt.time(minute // 60, minute % 60), zone)
            back = local.astimezone(dt.UTC).astimezone(zone)
            if back.replace(tzinfo=None) != local.replace(tzinfo=None):
                missing.append(minute)
        if missing:
            out[i] = (missing[0], missing[-1] + 1)
    return out


_DAYS = ("SU", "MO", "TU", "WE", "TH", "FR", "SA")


def _offset(seconds: int) -> dt.timedelta:
    return dt.timedelta(seconds=seconds)


def _byday(t: Transition) -> str:
    return f"{-1 if t.week == 5 else t.week}{_DAYS[t.weekday]}"


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _yearly_rrule(t: Transition) -> dict[str, Any] | None:
    """An RRULE for a POSIX transition, also when its time of day leaves the day
    (Jerusalem changes on "Thursday at 26:00", i.e. the Friday after); None if none fits."""
    shift, _ = divmod(t.seconds, 86400)
    if shift == 0:
        return {"freq": "yearly", "bymonth": t.month, "byday": _byday(t)}
    if t.month == 2:
        return None
    length = _MONTH_DAYS[t.month - 1]
    first = length - 6 if t.week == 5 else 7 * (t.week - 1) + 1
    days = [d + shift for d in range(first, first + 7)]
    if days[0] < 1 or days[-1] > length:
        return None
    weekday = _DAYS[(t.weekday + shift) % 7]
    return {"freq": "yearly", "bymonth": t.month, "byday": weekday, "bymonthday": days}


def vtimezone(name: str, first: dt.date, last: dt.date) -> Any:
    """A VTIMEZONE for the dates ``first`` to ``last``.

    The zone's current yearly rule, written as one STANDARD and one DAYLIGHT block
    with an RRULE (the form Outlook needs). If that rule does not give the zone's
    real offsets over those dates (Morocco's Ramadan changes, a zone that changed
    its rules), the real transitions in that span are written instead, one block
    each, still without RDATE lists.
    """
    from icalendar import Timezone

    rule: ZoneRule = zone_rule(name)
    tz = Timezone()
    tz.add("tzid", name)
    if _rule_holds(name, rule, first, last):
        for comp in _rule_blocks(rule):
            tz.add_component(comp)
    else:
        for comp in _transition_blocks(name, first, last):
            tz.add_component(comp)
    return tz


def _block(kind: str, start: dt.datetime, off_from: int, off_to: int, label: str) -> Any:
    from icalendar import TimezoneDaylight, TimezoneStandard

    comp = TimezoneDaylight() if kind == "daylight" else TimezoneStandard()
    comp.add("dtstart", start)
    comp.add("tzoffsetfrom", _offset(off_from))
    comp.add("tzoffsetto", _offset(off_to))
    comp.add("tzname", label)
    return comp


def _rule_blocks(rule: ZoneRule) -> list[Any]:
    if rule.dst_start is None or rule.dst_end is None or rule.dst_offset is None:
        return [_block("standard", dt.datetime(1970, 1, 1), rule.std_offset, rule.std_offset,
                       rule.std_name)]  # fmt: skip
    out = []
    parts = (
        ("daylight", rule.dst_start, rule.std_offset, rule.dst_offset, rule.dst_name or ""),
        ("standard", rule.dst_end, rule.dst_offset, rule.std_offset, rule.std_name),
    )
    for kind, trans, off_from, off_to, label in parts:
        rrule = _yearly_rrule(trans)
        if rrule is None:
            return []
        comp = _block(kind, trans.in_year(1970), off_from, off_to, label)
        comp.add("rrule", rrule)
        out.append(comp)
    return out


def _rule_holds(name: str, rule: ZoneRule, first: dt.date, last: dt.date) -> bool:
    """Whether the yearly rule gives the zone's real offset every hour of the span."""
    import zoneinfo

    if not _rule_blocks(rule):
        return False
    zone = zoneinfo.ZoneInfo(name)
    moment = dt.datetime.combine(first - dt.timedelta(days=2), dt.time(), dt.UTC)
    end = dt.datetime.combine(last + dt.timedelta(days=2), dt.time(), dt.UTC)
    summers: dict[int, Summer] = {}
    while moment <= end:
        real = moment.astimezone(zone).utcoffset()
        if real is None or int(real.total_seconds()) != rule.offset_at(moment, summers):
            return False
        moment += dt.timedelta(hours=1)
    return True


def _transition_blocks(name: str, first: dt.date, last: dt.date) -> list[Any]:
    """One block for the offset at the start of the span and one per real change in it."""
    import zoneinfo

    zone = zoneinfo.ZoneInfo(name)
    moment = dt.datetime.combine(first - dt.timedelta(days=2), dt.time(), dt.UTC)
    end = dt.datetime.combine(last + dt.timedelta(days=2), dt.time(), dt.UTC)

    def state(when: dt.datetime) -> tuple[int, str, str]:
        local = when.astimezone(zone)
        kind = "daylight" if local.dst() else "standard"
        return int(local.utcoffset().total_seconds()), kind, local.tzname() or name  # type: ignore[union-attr]

    offset, kind, label = state(moment)
    start_local = (moment + dt.timedelta(seconds=offset)).replace(tzinfo=None)
    blocks = [_block(kind, start_local, offset, offset, label)]
    step = dt.timedelta(minutes=15)
    while moment < end:
        nxt = moment + step
        new_offset, new_kind, new_label = state(nxt)
        if new_offset != offset or new_label != label:
            # DTSTART is the wall-clock time just before the change, in the old offset.
            wall = (nxt + dt.timedelta(seconds=offset)).replace(tzinfo=None)
            blocks.append(_block(new_kind, wall, offset, new_offset, new_label))
            offset, label = new_offset, new_label
        moment = nxt
    return blocks
