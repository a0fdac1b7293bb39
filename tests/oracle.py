"""An independent exact oracle: the most sessions any plan of a routine can hold.

Written apart from planner.schedule (it shares no code with it): its own CP-SAT model
at 1-minute resolution, restating each hard rule from the README. Every wish becomes an
upper bound (at most N days in each plan week, at most per_day sessions a day on its
days), and the number of sessions is maximised. The wishes are met exactly when that
most equals what they ask for, so one answer decides both questions a plan raises:
was a refusal right, and is best effort the fullest plan.

It covers what ``tests/random_routines.py`` makes: weekly, every-day and event-window
wishes, per_day, the 7-day limit, spacing, not_same_day_as, one drying or exfoliating
treatment a day on shared skin, time windows, available weekdays, blackout dates, timed
events, keep-clear days and clock changes; not the history, appointment recipes or
conditions.
"""

from __future__ import annotations

import datetime as dt
import math
import zoneinfo
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from planner.core.recipe import Recipe
from planner.core.routine import Routine

SPACING = 180  # README: one remedy's sessions on one day start at least 3 hours apart
DAY = 24 * 60


@dataclass(frozen=True)
class Fullest:
    most: int  # the most sessions found
    proven: bool  # whether no plan holds more
    asked: int  # sessions the wishes ask for: most == asked means they can all be met


@dataclass(frozen=True)
class Event:
    event: str
    date: dt.date
    start: int | None  # minutes after midnight
    minutes: int | None


def events_of(plan: Mapping[str, Any]) -> list[Event]:
    """The events as the plan JSON places them (a time the clock skips is moved)."""
    out = []
    for e in plan["events"]:
        start = None
        if e["start"] is not None:
            h, m = e["start"].split(":")
            start = int(h) * 60 + int(m)
        out.append(Event(e["event"], dt.date.fromisoformat(e["date"]), start, e["minutes"]))
    return out


def _skipped(day: dt.date, zone: zoneinfo.ZoneInfo) -> list[tuple[int, int]]:
    """Local minutes of ``day`` that do not exist (a clock moved forward)."""
    gone: list[tuple[int, int]] = []
    for minute in range(0, DAY, 1):
        local = dt.datetime.combine(day, dt.time(minute // 60, minute % 60), zone)
        back = local.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None)
        if back != local.replace(tzinfo=None):
            if gone and gone[-1][1] == minute:
                gone[-1] = (gone[-1][0], minute + 1)
            else:
                gone.append((minute, minute + 1))
    return gone


def _free(windows: Sequence[Any], busy: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The minutes of the time windows that no event or clock gap takes."""
    minutes = [False] * (DAY + 1)
    for w in windows:
        for t in range(w.start, w.end):
            minutes[t] = True
    for b0, b1 in busy:
        for t in range(max(b0, 0), min(b1, DAY)):
            minutes[t] = False
    out: list[tuple[int, int]] = []
    for t in range(DAY):
        if minutes[t]:
            if out and out[-1][1] == t:
                out[-1] = (out[-1][0], t + 1)
            else:
                out.append((t, t + 1))
    return out


def _shares_skin(a: Recipe, b: Recipe) -> bool:
    wide = ("body", "problem areas", "")
    if not (a.effects and b.effects):
        return False
    whole = a.kind == "bath" or b.kind == "bath" or a.area in wide or b.area in wide
    return whole or a.area == b.area


def fullest(
    recipes: Mapping[str, Recipe],
    routine: Routine,
    start: dt.date,
    timezone: str,
    events: Sequence[Event],
    seconds: float = 30.0,
) -> Fullest:
    from ortools.sat.python import cp_model

    n_days = 7 * routine.weeks
    dates = [start + dt.timedelta(days=d) for d in range(n_days)]
    zone = zoneinfo.ZoneInfo(timezone)
    avail = routine.availability
    # The clock only moves near a change of offset: look minute by minute only there.
    moved = {
        d
        for d in range(n_days)
        if dt.datetime.combine(dates[d], dt.time(0), zone).utcoffset()
        != dt.datetime.combine(dates[d] + dt.timedelta(days=1), dt.time(0), zone).utcoffset()
    }
    gaps = {d: _skipped(dates[d], zone) for d in moved}
    open_day = [
        dates[d].weekday() in avail.weekdays
        and dates[d] not in avail.blackout
        and gaps.get(d) != [(0, DAY)]
        for d in range(n_days)
    ]
    busy: dict[int, list[tuple[int, int]]] = {d: list(gaps.get(d, [])) for d in range(n_days)}
    anchors: dict[str, list[int]] = {}
    timed: dict[tuple[str, int], tuple[int, int]] = {}
    for e in events:
        d = (e.date - start).days
        anchors.setdefault(e.event, []).append(d)
        if e.start is not None and 0 <= d < n_days:
            if e.minutes:
                busy[d].append((e.start, e.start + e.minutes))
            timed[(e.event, d)] = (e.start, e.start + (e.minutes or 60))
    free = {d: _free(avail.windows, busy[d]) for d in range(n_days)}
    kept_clear: dict[str, set[int]] = {}
    for spec in routine.events:
        if spec.keep_clear is None:
            continue
        anchor = (spec.date - start).days if spec.date is not None else (spec.day or 1) - 1
        for off in range(spec.keep_clear.first_day, spec.keep_clear.last_day + 1):
            for rid in spec.keep_clear.recipes:
                kept_clear.setdefault(rid, set()).add(anchor + off)

    def window_of(wish: Any) -> Any:
        r = recipes[wish.recipe]
        if wish.window is not None:
            return wish.window.value
        return r.limits.around_event.value if r.limits.around_event else None

    # An event day and the aftercare days after it are no run-up days.
    reach: dict[str, int] = {}
    for wish in routine.remedies:
        w = window_of(wish)
        if w is not None and w.first_day >= 0:
            reach[w.event] = max(reach.get(w.event, 0), w.last_day)
    recovery = {
        ev: {a + k for a in days for k in range(reach.get(ev, 0) + 1)}
        for ev, days in anchors.items()
    }

    # Every time of the model is a multiple of ``unit``: counting in units rather than
    # minutes changes no answer and makes the model smaller.
    unit = math.gcd(
        SPACING,
        *(recipes[w.recipe].minutes for w in routine.remedies),
        *(t for pieces in free.values() for piece in pieces for t in piece),
        *(t for bounds in timed.values() for t in bounds),
    )
    m = cp_model.CpModel()
    asked = 0
    on: dict[tuple[str, int], Any] = {}  # remedy on day
    present: dict[tuple[str, int], list[Any]] = {}
    intervals: dict[int, list[Any]] = {d: [] for d in range(n_days)}
    for wish in routine.remedies:
        r = recipes[wish.recipe]
        rid = r.id
        window = window_of(wish)
        per_day = wish.per_day or (r.limits.per_day.value if wish.per_week is None else 1)
        cap = min(per_day, r.limits.per_day.value)
        if window is not None:
            days = sorted(
                {a + k for a in anchors.get(window.event, [])
                 for k in range(window.first_day, window.last_day + 1)}
            )  # fmt: skip
            if window.last_day < 0:
                days = [d for d in days if d not in recovery.get(window.event, set())]
            asked += per_day * len(days)
        elif wish.per_week is None:
            days = [d for d in range(n_days) if open_day[d]]
            asked += per_day * len(days)
        else:
            days = list(range(n_days))
            asked += per_day * wish.per_week * routine.weeks
        days = [
            d for d in days
            if 0 <= d < n_days and open_day[d] and d not in kept_clear.get(rid, set())
        ]  # fmt: skip
        for d in days:
            low, high = 0, DAY
            if window is not None and (window.event, d) in timed:
                e0, e1 = timed[(window.event, d)]
                if window.first_day == 0:
                    low = e1  # aftercare after the event
                elif window.last_day == 0:
                    high = e0  # a run-up ending on the event's day ends before it
            starts_ok = [
                (max(a, low), min(b, high) - r.minutes)
                for a, b in free[d]
                if min(b, high) - max(a, low) >= r.minutes
            ]
            if not starts_ok:
                continue
            domain = cp_model.Domain.from_intervals(
                [[-(-a // unit), b // unit] for a, b in starts_ok]
            )
            ys: list[Any] = []
            prev = None
            for s in range(cap):
                y = m.new_bool_var(f"y_{rid}_{d}_{s}")
                begin = m.new_int_var_from_domain(domain, f"s_{rid}_{d}_{s}")
                intervals[d].append(
                    m.new_optional_fixed_size_interval_var(
                        begin, r.minutes // unit, y, f"i_{rid}_{d}_{s}"
                    )
                )
                if prev is not None:
                    m.add_implication(y, ys[-1])
                    m.add(begin >= prev + SPACING // unit).only_enforce_if(y)
                prev = begin
                ys.append(y)
            present[(rid, d)] = ys
            on[(rid, d)] = ys[0]
        mine = {d: ys for (x, d), ys in present.items() if x == rid}
        for lo in range(-6, n_days):
            span = [y for d in range(lo, lo + 7) if d in mine for y in mine[d]]
            if len(span) > r.limits.max_per_week.value:
                m.add(sum(span) <= r.limits.max_per_week.value)
        gap = r.limits.min_days_between.value
        for lo in range(-gap, n_days):
            # Any ``gap`` days in a row hold at most one session day (pairs closer than
            # ``gap``; the run is the stronger way to say it).
            span = [mine[d][0] for d in range(lo, lo + gap) if d in mine]
            if len(span) > 1:
                m.add(sum(span) <= 1)
        if wish.per_week is not None and window is None:
            for w in range(routine.weeks):
                week = [mine[d][0] for d in range(7 * w, 7 * w + 7) if d in mine]
                if len(week) > wish.per_week:
                    m.add(sum(week) <= wish.per_week)
    ids = sorted({w.recipe for w in routine.remedies})
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            ra, rb = recipes[a], recipes[b]
            clash = (
                b in ra.limits.not_same_day_as.value
                or a in rb.limits.not_same_day_as.value
                or _shares_skin(ra, rb)
            )
            if not clash:
                continue
            for d in range(n_days):
                if (a, d) in on and (b, d) in on:
                    m.add(on[(a, d)] + on[(b, d)] <= 1)
    total = sum(y for ys in present.values() for y in ys)
    m.maximize(total)

    def run(seconds: float) -> tuple[int, int, bool]:
        """The most found, the proven bound, and whether the two meet."""
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = seconds
        solver.parameters.num_workers = 2
        status = solver.solve(m)
        assert status in (cp_model.OPTIMAL, cp_model.FEASIBLE), solver.status_name(status)
        return (int(solver.objective_value), int(solver.best_objective_bound),
                status == cp_model.OPTIMAL)  # fmt: skip

    # Without the clock (no overlaps) the count is an upper bound that CP-SAT proves
    # fast; with it the search seldom proves its answer alone, but a plan that reaches
    # that bound is proven the most.
    _, bound, relaxed_proven = run(seconds / 3)
    if relaxed_proven:
        m.add(total <= bound)
    for found in intervals.values():
        if len(found) > 1:
            m.add_no_overlap(found)
    most, _, proven = run(seconds)
    return Fullest(most, proven or (relaxed_proven and most == bound), asked)
