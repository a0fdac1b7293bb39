"""The calendar file: one VEVENT per session (or a DAILY series), local times with a VTIMEZONE.

What each client demands, and how it is met here:
- VERSION:2.0, PRODID, CALSCALE, METHOD:PUBLISH, NAME and X-WR-CALNAME (Apple, Google).
- UIDs derived from routine, recipe, date and slot, so a re-import updates instead of
  duplicating; DTSTAMP in UTC from ``now``; SEQUENCE present.
- Times are local with TZID, and the VTIMEZONE uses one yearly STANDARD and one
  yearly DAYLIGHT rule (Outlook ignores long RDATE lists); it comes before the events.
- Alarms are DISPLAY alarms with a DESCRIPTION and a negative TRIGGER.
- Escaping and 75-octet folding are icalendar's (>= 7.3).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from planner.core.done import Done
from planner.core.plan import Plan, PlannedEvent, Session
from planner.core.recipe import Recipe, clock
from planner.core.record import record
from planner.core.zones import vtimezone
from planner.view.describe import NOT_ADVICE, done_text, recipe_card

PRODID = "-//remedy-planner//remedy-planner//EN"
UID_DOMAIN = "remedy-planner"
ROUTINE_PROPERTY = "X-REMEDY-PLANNER-ROUTINE"
# What sync wrote into an event or task: a hash of what it says, and its start as
# written ("YYYYMMDDTHHMMSS", with "/N" for a series of N days), so that a change made
# on the phone can be told from one the plan made (planner.caldav.changes).
DIGEST_PROPERTY = "X-REMEDY-PLANNER-DIGEST"
PLANNED_PROPERTY = "X-REMEDY-PLANNER-PLANNED"
MAX_DESCRIPTION = 7500
_UID = re.compile(
    r"([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)\.([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)"
    r"\.(\d{8})\.([det]?)([1-9]\d{0,2})@" + re.escape(UID_DOMAIN)
)


@record
class UidParts:
    """What one of our UIDs names: ``kind`` "" (a planned session, its event), "t" (its
    task), "d" (a session done) or "e" (an appointment); ``name`` the recipe or event id."""

    routine: str
    name: str
    date: dt.date
    kind: str
    n: int


def read_uid(uid: str) -> UidParts | None:
    """The parts of a UID of ours; None for any other UID."""
    found = _UID.fullmatch(uid)
    if found is None:
        return None
    try:
        day = dt.datetime.strptime(found[3], "%Y%m%d").date()
    except ValueError:
        return None
    return UidParts(found[1], found[2], day, found[4], int(found[5]))


def _moment(component: Any, name: str) -> str:
    """A date or date-time property as one instant (UTC), so that an app that rewrites
    a local time as UTC, or the other way round, has not changed it."""
    try:
        value = component.decoded(name)
    except (KeyError, ValueError, TypeError):
        return ""
    if isinstance(value, dt.datetime):
        return value.isoformat() if value.tzinfo is None else value.astimezone(dt.UTC).isoformat()
    return value.isoformat() if isinstance(value, dt.date) else ""


def written_digest(component: Any) -> str:
    """A hash of what an event or task says: title, start, end or due time, repeat rule
    and description; what the app adds beside them (stamps, its own properties, a
    completion) is left out."""
    rule = component.get("rrule")
    parts = [
        str(component.get("summary", "")),
        _moment(component, "dtstart"),
        _moment(component, "dtend"),
        _moment(component, "due"),
        "" if rule is None else bytes(rule.to_ical()).decode("utf-8", "replace"),
        str(component.get("description", "")).replace("\r\n", "\n"),
    ]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def mark_written(component: Any, days: int = 1) -> None:
    """Store in ``component`` what is being written: its digest and its planned start."""
    start = component.decoded("dtstart")
    if isinstance(start, dt.datetime):
        planned = start.strftime("%Y%m%dT%H%M%S") + (f"/{days}" if days > 1 else "")
        component.add(PLANNED_PROPERTY, planned)
    component.add(DIGEST_PROPERTY, written_digest(component))


@record
class IcsOptions:
    """Reminders and repeating events in the calendar file."""

    remind_minutes: int | None = 30  # None: no alarms
    recurrence: bool = True


def session_uid(routine: str, s: Session) -> str:
    """``routine.recipe.YYYYMMDD.slot@remedy-planner``.

    Ids hold only a-z, 0-9 and "-", never ".", so the dots keep every part apart:
    distinct (routine, recipe, date, slot) never share a UID, and the same ones
    always give the same UID. (The first scheme joined the parts with "-", which
    ids may contain, so "back" + "care-soda-mask" met "back-care" + "soda-mask".)
    """
    return f"{routine}.{s.recipe}.{s.date:%Y%m%d}.{s.slot}@{UID_DOMAIN}"


def done_uid(routine: str, d: Done, n: int) -> str:
    """``routine.recipe.YYYYMMDD.dN@remedy-planner``: the Nth session of that remedy done
    that day; the "d" keeps it apart from the sessions still to do."""
    return f"{routine}.{d.recipe}.{d.date:%Y%m%d}.d{n}@{UID_DOMAIN}"


def event_uid(routine: str, e: PlannedEvent, n: int) -> str:
    """``routine.event.YYYYMMDD.eN@remedy-planner``: the "e" keeps events apart from sessions."""
    return f"{routine}.{e.event}.{e.date:%Y%m%d}.e{n}@{UID_DOMAIN}"


def description(recipe: Recipe) -> str:
    """The recipe card as a calendar DESCRIPTION: what a phone shows while mixing a mask.
    Kept well under 8000 characters; the equipment and the limits stay on the paper card."""
    shown = ("Do not use if you have", "Warnings", "What it does", "Time needed",
             "Ingredients, one session", "Steps", "Aftercare")  # fmt: skip
    groups: dict[str, list[str]] = {}
    for row in recipe_card(recipe, {}):
        if row.label in shown:
            groups.setdefault(row.label, []).append(row.text)
    lines: list[str] = []
    for label, texts in groups.items():
        if lines:
            lines.append("")
        if label == "What it does":
            lines.append(texts[0])
        elif label == "Do not use if you have":
            lines.append(f"{label}: {', '.join(texts)}")
        elif len(texts) == 1 and label in ("Time needed", "Aftercare"):
            lines.append(f"{label}: {texts[0]}")
        else:
            lines.append(f"{label}:")
            for text in texts:
                short = text if len(text) <= 200 else text[:197] + "..."
                lines.append(short if label == "Steps" else f"- {short}")
    lines += ["", NOT_ADVICE]
    text = "\n".join(lines)
    if len(text) > MAX_DESCRIPTION:
        text = text[: MAX_DESCRIPTION - 20] + "\n[...cut]"
    return text


def _runs(sessions: Sequence[Session], recurrence: bool) -> list[list[Session]]:
    """Sessions grouped into runs on consecutive days at the same time (a DAILY series),
    Monday to Sunday at most: a series' UID comes from its first day, so a plan made
    again from a later Monday keeps the UIDs of every week that did not change."""
    if not recurrence:
        return [[s] for s in sessions]
    out: list[list[Session]] = []

    def key(s: Session) -> tuple[str, int, int, int]:
        return (s.recipe, s.slot, s.start, s.minutes)

    for _, group in itertools.groupby(sorted(sessions, key=lambda s: (key(s), s.date)), key=key):
        run: list[Session] = []
        for s in group:
            if run and ((s.date - run[-1].date).days != 1 or s.date.weekday() == 0):
                out.append(run)
                run = []
            run.append(s)
        out.append(run)
    return sorted(out, key=lambda r: (r[0].date, r[0].start, r[0].recipe, r[0].slot))


def _alarm(minutes: int, text: str) -> Any:
    from icalendar import Alarm

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", text)
    alarm.add("trigger", dt.timedelta(minutes=-minutes))
    return alarm


def _reminder(recipe: Recipe, start: int) -> str:
    """The reminder's text. The event's time includes any preparation, so it says that
    preparation starts then, never that it should start earlier."""
    text = f"{recipe.name} at {clock(start)}"
    if recipe.prep_minutes and recipe.steps:
        text += f"; it begins with {recipe.prep_minutes} min of preparation: {recipe.steps[0]}"
    return text


def calendar_events(
    plan: Plan,
    recipes: Mapping[str, Recipe],
    now: dt.datetime,
    options: IcsOptions | None = None,
) -> Iterator[Any]:
    """Every VEVENT of the plan, one at a time (sessions or daily series, then dated events)."""
    import zoneinfo

    from icalendar import Event

    opts = options or IcsOptions()
    zone = zoneinfo.ZoneInfo(plan.timezone)
    stamp = now.astimezone(dt.UTC).replace(microsecond=0)

    def base(uid: str, summary: str) -> Any:
        ev = Event()
        ev.add("uid", uid)
        ev.add("dtstamp", stamp)
        ev.add("sequence", 0)
        ev.add("summary", summary)
        ev.add(ROUTINE_PROPERTY, plan.routine)
        return ev

    for run in _runs(plan.sessions, opts.recurrence):
        first = run[0]
        recipe = recipes[first.recipe]
        ev = base(session_uid(plan.routine, first), recipe.name)
        begin = dt.datetime.combine(first.date, dt.time(first.start // 60, first.start % 60), zone)
        ev.add("dtstart", begin)
        ev.add("dtend", begin + dt.timedelta(minutes=first.minutes))
        if len(run) > 1:
            ev.add("rrule", {"freq": "daily", "count": len(run)})
        ev.add("description", description(recipe))
        ev.add("categories", [recipe.kind])
        ev.add("transp", "OPAQUE")
        if opts.remind_minutes is not None:
            ev.add_component(_alarm(opts.remind_minutes, _reminder(recipe, first.start)))
        yield ev

    # Sessions already done on the plan's days stay in the calendar as what they were:
    # at the time done (all day when none was given), without a reminder.
    kept: dict[tuple[str, dt.date], int] = {}
    for d in sorted(plan.done, key=lambda d: (d.date, -1 if d.time is None else d.time, d.recipe)):
        n = kept[(d.recipe, d.date)] = kept.get((d.recipe, d.date), 0) + 1
        recipe = recipes[d.recipe]
        ev = base(done_uid(plan.routine, d, n), done_text(recipe.name))
        if d.time is None:
            ev.add("dtstart", d.date)
            ev.add("dtend", d.date + dt.timedelta(days=1))
        else:
            begin = dt.datetime.combine(d.date, dt.time(d.time // 60, d.time % 60), zone)
            ev.add("dtstart", begin)
            ev.add("dtend", begin + dt.timedelta(minutes=recipe.minutes))
        ev.add("categories", [recipe.kind])
        ev.add("transp", "TRANSPARENT")
        yield ev

    seen: dict[tuple[str, dt.date], int] = {}
    for e in plan.events:
        n = seen[(e.event, e.date)] = seen.get((e.event, e.date), 0) + 1
        ev = base(event_uid(plan.routine, e, n), e.title)
        if e.start is None:
            ev.add("dtstart", e.date)
            ev.add("dtend", e.date + dt.timedelta(days=1))
            ev.add("transp", "TRANSPARENT")
        else:
            begin = dt.datetime.combine(e.date, dt.time(e.start // 60, e.start % 60), zone)
            ev.add("dtstart", begin)
            ev.add("dtend", begin + dt.timedelta(minutes=e.minutes or 60))
            if opts.remind_minutes is not None:
                ev.add_component(
                    _alarm(max(opts.remind_minutes, 60), f"{e.title} at {clock(e.start)}")
                )
        if e.recipe and e.recipe in recipes:
            ev.add("description", description(recipes[e.recipe]))
            ev.add("categories", [recipes[e.recipe].kind])
        else:
            ev.add("categories", ["event"])
        yield ev


def calendar_head(plan: Plan, *, method: bool = True) -> Any:
    """A VCALENDAR with its properties and the plan's VTIMEZONE, without events."""
    from icalendar import Calendar

    cal = Calendar()
    cal.add("version", "2.0")
    cal.add("prodid", PRODID)
    cal.add("calscale", "GREGORIAN")
    if method:
        cal.add("method", "PUBLISH")
        cal.add("name", plan.title)
        cal.add("x-wr-calname", plan.title)
        cal.add("x-wr-timezone", plan.timezone)
    cal.add_component(vtimezone(plan.timezone, plan.start, plan.end))
    return cal


def render_ics(
    plan: Plan,
    recipes: Mapping[str, Recipe],
    now: dt.datetime,
    options: IcsOptions | None = None,
) -> bytes:
    """The calendar file as bytes (CRLF line ends, folded at 75 octets).

    Events are serialised one at a time and joined at the end: the same bytes as
    adding them all to the calendar first, without holding every event object at once.
    """
    chunks = [component_bytes(ev) for ev in calendar_events(plan, recipes, now, options)]
    head = component_bytes(calendar_head(plan))
    end = b"END:VCALENDAR\r\n"
    return head[: -len(end)] + b"".join(chunks) + end


def component_bytes(component: Any) -> bytes:
    """``component.to_ical()``, byte for byte, with each content line folded by
    ``fold_line``: icalendar folds one character at a time, which was most of the cost
    of a long plan's calendar file."""
    return b"".join(fold_line(line) + b"\r\n" for line in component.content_lines() if line)


_CONTINUATION = 0x80  # UTF-8 bytes 10xxxxxx continue a character
_ESCAPES = b"\\^"  # a backslash or RFC 6868 caret escape stays with what it escapes


def fold_line(line: str) -> bytes:
    """A content line in pieces of at most 74 octets joined by CRLF and a space (RFC 5545
    3.1): never inside a character, never right after an escape's first character."""
    data = line.encode("utf-8")
    pieces = []
    start = 0
    while len(data) - start > 74:
        end = start + 74
        while data[end] & 0xC0 == _CONTINUATION:
            end -= 1
        if data[end - 1] in _ESCAPES:
            end -= 1
        pieces.append(data[start:end])
        start = end
    pieces.append(data[start:])
    return b"\r\n ".join(pieces)
