"""The calendar file against icalendar, Mozilla's ical.js, recurring-ical-events and Radicale."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import zoneinfo
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar

from planner.cli import parse_remind
from planner.core.done import Done
from planner.core.plan import Plan, PlannedEvent, Session
from planner.core.routine import Wish
from planner.formats.ics import IcsOptions, done_uid, event_uid, render_ics, session_uid
from planner.formats.json import plan_to_dict
from planner.load.routine import builtin_routine_files, load_routine_file
from planner.schedule import build_schedule

from .factories import make_recipe, make_routine
from .libraries import builtin
from .programs import require
from .servers import radicale, request

NOW = dt.datetime(2026, 11, 25, 9, 30, tzinfo=dt.UTC)
JS = Path(__file__).parent / "js"
# 25 October 2026 is the last Sunday of October: Berlin leaves summer time.
ACROSS_DST = dt.date(2026, 10, 12)


def make_plan(
    rid: str = "legs-hair-removal", start: dt.date = ACROSS_DST, tz: str = "Europe/Berlin"
) -> Plan:
    routine = load_routine_file(builtin_routine_files()[rid], builtin())
    return build_schedule(routine, builtin().recipes, start, timezone=tz)


def expected(plan: Plan) -> list[tuple[str, str, str]]:
    """(summary, local start, UTC start) of every session, computed with Python's zoneinfo."""
    zone = zoneinfo.ZoneInfo(plan.timezone)
    out = []
    for s in plan.sessions:
        local = dt.datetime.combine(s.date, dt.time(s.start // 60, s.start % 60), zone)
        utc = local.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M")
        out.append((builtin().recipes[s.recipe].name, local.strftime("%Y-%m-%dT%H:%M"), utc))
    return sorted(out)


def ical_js(data: bytes, tmp_path: Path) -> list[dict]:
    node = require("node")
    if not (JS / "node_modules" / "ical.js").is_dir():
        import os

        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("ical.js is not installed; run: npm ci --prefix tests/js")
        pytest.skip("ical.js is not installed (npm ci --prefix tests/js)")
    path = tmp_path / "plan.ics"
    path.write_bytes(data)
    out = subprocess.run([node, str(JS / "expand.mjs"), str(path)], capture_output=True,
                         text=True, check=True, timeout=60)  # fmt: skip
    return json.loads(out.stdout)


def test_structure_that_clients_require() -> None:
    plan = make_plan()
    data = render_ics(plan, builtin().recipes, NOW)
    text = data.decode("utf-8")
    lines = data.split(b"\r\n")
    assert lines[-1] == b"" and b"\n" not in b"".join(lines)  # CRLF everywhere
    assert max(len(line) for line in lines) <= 75
    cal = Calendar.from_ical(data)
    assert str(cal["VERSION"]) == "2.0"
    assert cal["PRODID"] and str(cal["METHOD"]) == "PUBLISH" and str(cal["CALSCALE"]) == "GREGORIAN"
    assert str(cal["NAME"]) == str(cal["X-WR-CALNAME"]) == plan.title
    assert [c.name for c in cal.subcomponents if c.name != "VEVENT"] == ["VTIMEZONE"]
    assert text.index("BEGIN:VTIMEZONE") < text.index("BEGIN:VEVENT")
    tz = cal.walk("VTIMEZONE")[0]
    assert str(tz["TZID"]) == "Europe/Berlin"
    assert sorted(c.name for c in tz.subcomponents) == ["DAYLIGHT", "STANDARD"]
    assert "RDATE" not in text
    events = cal.walk("VEVENT")
    uids = [str(e["UID"]) for e in events]
    assert len(uids) == len(set(uids))
    assert all(
        re.fullmatch(r"[a-z0-9-]+\.[a-z0-9-]+\.\d{8}\.e?\d+@remedy-planner", u) for u in uids
    )
    for e in events:
        assert e["DTSTAMP"].dt == NOW
        assert int(e["SEQUENCE"]) == 0
        start, end = e["DTSTART"].dt, e["DTEND"].dt
        assert end > start
        if isinstance(start, dt.datetime):
            assert start.tzinfo is not None and e["DTSTART"].params["TZID"] == "Europe/Berlin"
        else:
            assert end - start == dt.timedelta(days=1)
        assert len(str(e.get("DESCRIPTION", ""))) < 8000
        for alarm in e.walk("VALARM"):
            assert str(alarm["ACTION"]) == "DISPLAY" and str(alarm["DESCRIPTION"])
            assert alarm["TRIGGER"].dt < dt.timedelta(0)
    rrules = [e["RRULE"] for e in events if "RRULE" in e]
    assert rrules and all(r["FREQ"] == ["DAILY"] and 1 < r["COUNT"][0] < 999 for r in rrules)
    assert {str(e["X-REMEDY-PLANNER-ROUTINE"]) for e in events} == {"legs-hair-removal"}


@pytest.mark.slow
def test_ical_js_expands_exactly_the_plan_across_the_clock_change(tmp_path: Path) -> None:
    plan = make_plan()
    assert any(s.date > dt.date(2026, 10, 25) for s in plan.sessions)
    got = ical_js(render_ics(plan, builtin().recipes, NOW), tmp_path)
    sessions = sorted((o["summary"], o["local"], o["utc"][:16]) for o in got if o["summary"] in {
        builtin().recipes[s.recipe].name for s in plan.sessions})  # fmt: skip
    assert sessions == expected(plan)
    by_day = {s["local"][:10] for s in got if s["summary"].startswith("Hair removal")}
    assert by_day == {"2026-10-26"}


@pytest.mark.slow
@pytest.mark.parametrize(
    "tz", ["America/New_York", "Australia/Sydney", "Asia/Tokyo", "UTC", "Asia/Jerusalem"]
)
def test_other_zones_give_the_same_instants_in_ical_js(tz: str, tmp_path: Path) -> None:
    plan = make_plan("back-care", dt.date(2026, 3, 16), tz)  # spans spring changes north and south
    got = ical_js(render_ics(plan, builtin().recipes, NOW), tmp_path)
    assert sorted((o["summary"], o["local"], o["utc"][:16]) for o in got) == expected(plan)


def test_recurring_ical_events_sees_the_same_occurrences() -> None:
    import recurring_ical_events

    plan = make_plan()
    cal = Calendar.from_ical(render_ics(plan, builtin().recipes, NOW))
    occurrences = recurring_ical_events.of(cal).between(plan.start, plan.end + dt.timedelta(days=1))
    zone = zoneinfo.ZoneInfo(plan.timezone)
    got = sorted(
        (str(o["SUMMARY"]), o["DTSTART"].dt.astimezone(zone).strftime("%Y-%m-%dT%H:%M"),
         o["DTSTART"].dt.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M"))
        for o in occurrences
        if isinstance(o["DTSTART"].dt, dt.datetime) and not str(o["SUMMARY"]).startswith("Hair")
    )  # fmt: skip
    assert got == expected(plan)


def test_without_recurrence_every_session_is_its_own_event() -> None:
    plan = make_plan()
    cal = Calendar.from_ical(render_ics(plan, builtin().recipes, NOW, IcsOptions(recurrence=False)))
    events = [e for e in cal.walk("VEVENT") if not str(e["SUMMARY"]).startswith("Hair")]
    assert len(events) == len(plan.sessions)
    assert not any("RRULE" in e for e in events)


def test_reminders_can_be_changed_or_dropped() -> None:
    plan = make_plan()
    none = render_ics(plan, builtin().recipes, NOW, IcsOptions(remind_minutes=None))
    assert b"VALARM" not in none
    hour = Calendar.from_ical(
        render_ics(plan, builtin().recipes, NOW, IcsOptions(remind_minutes=60))
    )
    triggers = {a["TRIGGER"].dt for a in hour.walk("VALARM")}
    assert dt.timedelta(minutes=-60) in triggers
    assert (parse_remind("30m"), parse_remind("1h30m"), parse_remind("none")) == (30, 90, None)
    with pytest.raises(ValueError):
        parse_remind("soon")


def test_the_reminder_and_the_event_agree_on_preparation() -> None:
    """The event's time includes the preparation, so the one reminder says preparation
    starts with the event; no alarm tells the person to begin before the event does."""
    plan = make_plan("back-care", dt.date(2026, 11, 30))
    cal = Calendar.from_ical(render_ics(plan, builtin().recipes, NOW))
    soda = next(e for e in cal.walk("VEVENT") if str(e["SUMMARY"]) == "Baking-soda mask")
    alarms = soda.walk("VALARM")
    assert [a["TRIGGER"].dt for a in alarms] == [dt.timedelta(minutes=-30)]
    text = str(alarms[0]["DESCRIPTION"])
    assert text.startswith("Baking-soda mask at 20:00; it begins with 10 min of preparation: Steam")
    start, end = soda["DTSTART"].dt, soda["DTEND"].dt
    assert (end - start) == dt.timedelta(minutes=builtin().recipes["soda-mask"].minutes)
    assert (
        builtin().recipes["soda-mask"].minutes >= builtin().recipes["soda-mask"].prep_minutes + 10
    )


def test_two_exports_differ_only_in_dtstamp() -> None:
    plan = make_plan()
    a = render_ics(plan, builtin().recipes, NOW).decode()
    b = render_ics(plan, builtin().recipes, NOW + dt.timedelta(days=5)).decode()
    strip = lambda t: re.sub(r"DTSTAMP:\d{8}T\d{6}Z\r\n", "", t)  # noqa: E731
    assert a != b and strip(a) == strip(b)


def test_cyrillic_and_emoji_names_round_trip_and_fold_on_character_boundaries() -> None:
    name = "Маска из соды и морской соли 🧼🌿 " * 3
    recipes = {"m": make_recipe("m")}
    recipes["m"] = replace(recipes["m"], name=name.strip(),
                           summary="Пена, мыло; вода\\ «тест» " * 20)  # fmt: skip
    routine = make_routine([Wish("m", 2, None)], weeks=1)
    plan = build_schedule(routine, recipes, dt.date(2026, 11, 30))
    data = render_ics(plan, recipes, NOW)
    for line in data.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")  # no line ends inside a character
    cal = Calendar.from_ical(data)
    event = cal.walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == name.strip()
    assert str(event["DESCRIPTION"]).startswith("Пена, мыло; вода\\ «тест» ")


@pytest.mark.slow
def test_radicale_accepts_the_whole_file_and_returns_every_event(tmp_path: Path) -> None:
    plan = make_plan()
    data = render_ics(plan, builtin().recipes, NOW)
    sent = {str(e["UID"]) for e in Calendar.from_ical(data).walk("VEVENT")}
    with radicale(tmp_path) as url:
        assert request("MKCOL", url + "tester/")[0] == 201
        status, body = request("PUT", url + "tester/plan/", data)
        assert status == 201, body
        status, body = request("GET", url + "tester/plan/")
        assert status == 200
    back = Calendar.from_ical(body)
    assert {str(e["UID"]) for e in back.walk("VEVENT")} == sent


@pytest.mark.slow
def test_plan_json_and_calendar_agree(tmp_path: Path) -> None:
    plan = make_plan()
    data = plan_to_dict(plan, builtin().recipes)
    got = ical_js(render_ics(plan, builtin().recipes, NOW), tmp_path)
    names = {s["name"] for s in data["sessions"]}
    from_json = sorted(
        (s["name"], f"{s['date']}T{s['start']}", s["minutes"]) for s in data["sessions"]
    )
    from_ics = sorted(
        (o["summary"], o["local"], o["minutes"]) for o in got if o["summary"] in names
    )
    assert from_ics == from_json


@pytest.mark.parametrize(
    "tz", ["Asia/Jerusalem", "America/Santiago", "America/Nuuk", "Europe/Dublin"]
)
def test_odd_rules_still_get_one_yearly_block_each(tz: str) -> None:
    plan = make_plan("back-care", dt.date(2027, 3, 1), tz)
    text = render_ics(plan, builtin().recipes, NOW).decode()
    assert text.count("BEGIN:STANDARD") == 1 and text.count("BEGIN:DAYLIGHT") == 1
    assert text.count("RRULE:FREQ=YEARLY") == 2


@pytest.mark.slow
def test_ramadan_in_casablanca_is_written_as_the_real_changes(tmp_path: Path) -> None:
    # Morocco leaves +01 for Ramadan; its TZif footer rule knows nothing of it.
    plan = make_plan("back-care", dt.date(2027, 1, 25), "Africa/Casablanca")
    data = render_ics(plan, builtin().recipes, NOW)
    assert b"RRULE:FREQ=YEARLY" not in data and b"RDATE" not in data
    got = ical_js(data, tmp_path)
    assert sorted((o["summary"], o["local"], o["utc"][:16]) for o in got) == expected(plan)


# Ids drawn from a small alphabet with many "-". Half of the pairs are near misses
# built to collide under a careless scheme: the same text split at another "-"
# between routine and recipe, or a session of recipe "event-X" beside event X.
IDS = st.from_regex(r"[ab][ab-]{0,5}", fullmatch=True)
DATES = st.dates(dt.date(2026, 1, 1), dt.date(2026, 1, 3))
ITEM = st.tuples(st.sampled_from("sed"), IDS, IDS, DATES, st.integers(1, 12))


@st.composite
def uid_pairs(draw):
    a = draw(ITEM)
    if draw(st.booleans()):
        return a, draw(ITEM)
    kind, routine, ident, day, n = a
    if draw(st.booleans()):
        return a, ("s", routine, f"event-{ident}", day, n) if kind == "e" else (
            kind,
            routine,
            ident,
            day,
            n,
        )
    joined = f"{routine}-{ident}"
    cuts = [k for k, c in enumerate(joined) if c == "-" and 0 < k < len(joined) - 1]
    k = draw(st.sampled_from(cuts))
    left, right = joined[:k], joined[k + 1 :]
    if left[0] == "-" or right[0] == "-":
        return a, a
    return a, (kind, left, right, day, n)


def _uid(item: tuple[str, str, str, dt.date, int]) -> str:
    kind, routine, ident, day, n = item
    if kind == "s":
        return session_uid(routine, Session(day, 600, ident, 20, slot=n))
    if kind == "d":
        return done_uid(routine, Done(ident, day, 600), n)
    return event_uid(routine, PlannedEvent(day, ident, "Event"), n)


@given(uid_pairs())
def test_distinct_sessions_and_events_never_share_a_uid(pair) -> None:
    a, b = pair
    assert (_uid(a) == _uid(b)) == (a == b)


def test_the_collisions_of_the_first_uid_scheme_are_gone() -> None:
    day = dt.date(2026, 11, 30)
    assert session_uid("back", Session(day, 600, "care-soda-mask", 20)) != session_uid(
        "back-care", Session(day, 600, "soda-mask", 20)
    )
    assert session_uid("spa", Session(day, 600, "event-spa", 20)) != event_uid(
        "spa", PlannedEvent(day, "spa", "Spa"), 1
    )


# ---- line folding, checked against icalendar's own -------------------------------------------

LINE_TEXT = st.text(
    alphabet=st.sampled_from(list("ab ,;:\\^nN=\u00e9\u20ac\U0001f600")), max_size=400
)


@given(text=LINE_TEXT)
def test_folding_gives_icalendars_bytes_and_keeps_rfc_5545(text: str) -> None:
    from icalendar.parser.string import _foldline  # the library's own folding, as reference

    from planner.formats.ics import fold_line

    folded = fold_line(text)
    assert folded == _foldline(text).encode("utf-8")
    pieces = folded.split(b"\r\n ")
    assert all(len(p) <= 74 for p in pieces)  # 75 octets with the leading space
    assert b"".join(pieces).decode("utf-8") == text  # unfolding gives the line back
    assert all(p.decode("utf-8") for p in pieces if p)  # no character cut in two
    assert not any(p.endswith((b"\\", b"^")) for p in pieces[:-1])


def test_a_whole_calendar_file_is_what_icalendar_writes() -> None:
    from planner.formats.ics import calendar_events, calendar_head, component_bytes

    routine = load_routine_file(builtin_routine_files()["legs-hair-removal"], builtin())
    plan = build_schedule(
        routine, builtin().recipes, dt.date(2026, 11, 30), timezone="Europe/Berlin"
    )
    now = dt.datetime(2026, 11, 26, tzinfo=dt.UTC)
    events = list(calendar_events(plan, builtin().recipes, now, IcsOptions()))
    assert len(events) > 5
    for component in [calendar_head(plan), *events]:
        assert component_bytes(component) == bytes(component.to_ical())


def test_sessions_already_done_are_events_of_their_own_without_reminders(tmp_path: Path) -> None:
    """Thunderbird's parser sees a done session at the time it was done (across the clock
    change), one with no time as an all-day event, and no reminder on either."""
    routine = load_routine_file(builtin_routine_files()["back-care"], builtin())
    first = dt.date(2026, 10, 19)
    history = (
        Done("soda-mask", first, 21 * 60 + 5),
        Done("salt-clay-mask", first + dt.timedelta(days=7)),
    )
    plan = build_schedule(routine, builtin().recipes, first, 2, timezone="Europe/Berlin",
                          history=history)  # fmt: skip
    assert set(plan.done) == set(history)
    seen = [e for e in ical_js(render_ics(plan, builtin().recipes, NOW), tmp_path)
            if e["uid"].split(".")[-1].startswith("d")]  # fmt: skip
    assert sorted(seen, key=lambda e: e["uid"]) == [
        {"uid": "back-care.salt-clay-mask.20261026.d1@remedy-planner",
         "summary": "Sea-salt and healing-clay mask: done", "allDay": True,
         "local": "2026-10-26", "zone": "floating", "utc": None, "minutes": 1440, "alarms": []},
        {"uid": "back-care.soda-mask.20261019.d1@remedy-planner",
         "summary": "Baking-soda mask: done", "allDay": False, "local": "2026-10-19T21:05",
         "zone": "Europe/Berlin", "utc": "2026-10-19T19:05:00.000Z",
         "minutes": builtin().recipes["soda-mask"].minutes, "alarms": []},
    ]  # fmt: skip
