"""A plan read back from the JSON file ``plan`` wrote (see planner.formats.json).

Only what a plan's progress needs is read: the routine, the days, the sessions and
the sessions already done when it was made, with each remedy's name. A file that is
not such a plan is a DataError naming it.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from planner.core.done import Done
from planner.core.plan import Plan, Session
from planner.core.recipe import YEARS
from planner.errors import DataError
from planner.load.diagnostics import read_bytes
from planner.load.fields import parse_clock
from planner.load.schema import MAX_WEEKS

MAX_PLAN_BYTES = 50 * 1024 * 1024  # a ten-year plan's JSON is a few MB


def read_plan_json(path: Path) -> tuple[Plan, dict[str, str]]:
    """The plan in a plan JSON file, and the name of each of its remedies by id."""
    not_ours = DataError([f"{path}: not a plan JSON written by remedy-planner plan"])
    raw = read_bytes(path, MAX_PLAN_BYTES, f"{MAX_PLAN_BYTES // (1024 * 1024)} MB")
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise not_ours from None
    if not isinstance(data, dict) or not {"routine", "start", "weeks", "sessions"} <= set(data):
        raise not_ours
    try:
        return _plan(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise DataError([f"{path}: the plan JSON is damaged ({exc})"]) from None


def _text(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{what} is not text")
    return value


def _plan(data: dict[str, Any]) -> tuple[Plan, dict[str, str]]:
    names: dict[str, str] = {}
    sessions = []
    if not isinstance(data["sessions"], list):
        raise ValueError("sessions is not a list")
    for n, item in enumerate(data["sessions"]):
        where = f"sessions[{n}]"
        recipe = _text(item["recipe"], f"{where}.recipe")
        start = parse_clock(_text(item["start"], f"{where}.start"))
        minutes, slot = item["minutes"], item.get("slot", 1)
        if start is None or not isinstance(minutes, int) or not isinstance(slot, int):
            raise ValueError(f"{where} has a bad start, minutes or slot")
        day = dt.date.fromisoformat(_text(item["date"], f"{where}.date"))
        sessions.append(Session(day, start, recipe, minutes, slot))
        names.setdefault(recipe, _text(item.get("name", recipe), f"{where}.name"))
    done = []
    if not isinstance(data.get("done", []), list):
        raise ValueError("done is not a list")
    for n, item in enumerate(data.get("done", [])):  # plans written before "done" have none
        where = f"done[{n}]"
        recipe = _text(item["recipe"], f"{where}.recipe")
        time = item.get("time")
        minutes = None if time is None else parse_clock(_text(time, f"{where}.time"))
        if time is not None and minutes is None:
            raise ValueError(f"{where}.time is not a time")
        day = dt.date.fromisoformat(_text(item["date"], f"{where}.date"))
        source = _text(item.get("source", "done"), f"{where}.source")
        done.append(Done(recipe, day, minutes, source))
        names.setdefault(recipe, _text(item.get("name", recipe), f"{where}.name"))
    weeks = data["weeks"]
    if not isinstance(weeks, int) or isinstance(weeks, bool) or not 1 <= weeks <= MAX_WEEKS:
        raise ValueError(f"weeks is not a whole number from 1 to {MAX_WEEKS}")
    first = dt.date.fromisoformat(_text(data["start"], "start"))
    if not YEARS[0] <= first.year <= YEARS[1]:
        raise ValueError(f"start is not between the years {YEARS[0]} and {YEARS[1]}")
    plan = Plan(
        routine=_text(data["routine"], "routine"),
        title=_text(data.get("title", data["routine"]), "title"),
        start=first,
        weeks=weeks,
        timezone=_text(data.get("timezone", "UTC"), "timezone"),
        sessions=tuple(sessions),
        done=tuple(done),
    )
    for day in [s.date for s in plan.sessions] + [d.date for d in plan.done]:
        if not plan.start <= day <= plan.end:
            raise ValueError(f"a session on {day.isoformat()} is outside the plan's days")
    return plan, names
