"""An independent check of every hard rule, reading only the plan JSON, recipes and routine.

It shares no code with planner.schedule: it works on the JSON text of a plan,
counts with plain loops, and restates each rule from the README.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from planner.core.done import Done
from planner.core.recipe import Recipe
from planner.core.routine import Routine

SPACING = 180  # README: sessions of one remedy on one day start at least 3 hours apart


def _minutes(text: str) -> int:
    h, m = text.split(":")
    return int(h) * 60 + int(m)


def _history_of(
    plan: dict[str, Any], routine: Routine, history: Sequence[Done]
) -> dict[str, list[dt.date]]:
    """The dates of the sessions really done, per remedy of the routine the plan kept."""
    kept = {w.recipe for w in routine.remedies} - {x["recipe"] for x in plan["excluded"]}
    out: dict[str, list[dt.date]] = defaultdict(list)
    for h in history:
        if h.recipe in kept:
            out[h.recipe].append(h.date)
    return out


def check_plan(
    plan: dict[str, Any],
    recipes: dict[str, Recipe],
    routine: Routine,
    history: Sequence[Done] = (),
) -> list[str]:
    """Every broken hard rule, as text; an empty list means the plan is valid.

    ``history`` holds sessions really done: those of the routine's remedies count in
    the 7-day limits and the spacing, and their days in the same-day rules. Only a
    rule broken with a planned session in it is the plan's fault.
    """
    bad: list[str] = []
    done = _history_of(plan, routine, history)
    start = dt.date.fromisoformat(plan["start"])
    days = 7 * plan["weeks"]
    end = start + dt.timedelta(days=days - 1)
    sessions = plan["sessions"]
    by_recipe: dict[str, list[dt.date]] = defaultdict(list)
    by_date: dict[dt.date, list[dict[str, Any]]] = defaultdict(list)
    for s in sessions:
        d = dt.date.fromisoformat(s["date"])
        if not start <= d <= end:
            bad.append(f"{s} lies outside the plan")
        by_recipe[s["recipe"]].append(d)
        by_date[d].append(s)
        r = recipes[s["recipe"]]
        if s["minutes"] != r.minutes:
            bad.append(f"{s} has the wrong length")
        if _minutes(s["end"]) - _minutes(s["start"]) != s["minutes"]:
            bad.append(f"{s} end does not match its length")

    # Any 7 consecutive days: at most max_per_week sessions (session count, not days),
    # sessions done included.
    for rid, dates in by_recipe.items():
        limit = recipes[rid].limits.max_per_week.value
        for k in range(-6, days):
            lo = start + dt.timedelta(days=k)
            hi = lo + dt.timedelta(days=6)
            n = sum(1 for d in dates if lo <= d <= hi)
            n_done = sum(1 for d in done[rid] if lo <= d <= hi)
            if n and n + n_done > limit:
                bad.append(f"{rid}: {n + n_done} sessions in the 7 days from {lo} (limit {limit})")
                break
        distinct = sorted(set(dates) | set(done[rid]))
        gap = recipes[rid].limits.min_days_between.value
        for a, b in itertools.pairwise(distinct):
            if (b - a).days < gap and (a in dates or b in dates):
                bad.append(f"{rid}: {a} and {b} are closer than {gap} days")
        per_day = recipes[rid].limits.per_day.value
        for d in distinct:
            if dates.count(d) > per_day:
                bad.append(f"{rid}: {dates.count(d)} sessions on {d} (per_day {per_day})")

    # A session done is not planned again: on its day the plan holds at most the rest of
    # the sessions a day that the routine asks for.
    for wish in routine.remedies:
        r = recipes[wish.recipe]
        per_day = wish.per_day or (r.limits.per_day.value if wish.per_week is None else 1)
        for d in set(done[wish.recipe]):
            planned = by_recipe.get(wish.recipe, []).count(d)
            if planned and planned + done[wish.recipe].count(d) > per_day:
                bad.append(f"{wish.recipe} on {d} is planned again after it was done")

    # Same-day conflicts, both directions; a session done that day counts, of any remedy
    # (a peel done outside the routine still rules out a drying mask that day).
    done_on: dict[dt.date, set[str]] = defaultdict(set)
    for h in history:
        if h.recipe in recipes:
            done_on[h.date].add(h.recipe)
    for d, items in by_date.items():
        planned_ids = {s["recipe"] for s in items}
        ids = planned_ids | done_on[d]
        for a in planned_ids:
            for b in ids:
                if a != b and (
                    b in recipes[a].limits.not_same_day_as.value
                    or a in recipes[b].limits.not_same_day_as.value
                ):
                    bad.append(f"{a} and {b} share {d}")

    # Availability: weekday, blackout, windows; no overlaps; one remedy's sessions spaced.
    avail = routine.availability
    windows = [(w.start, w.end) for w in avail.windows]
    busy: dict[dt.date, list[tuple[int, int]]] = defaultdict(list)
    for e in plan["events"]:
        if e["start"] is not None and e["minutes"]:
            s0 = _minutes(e["start"])
            busy[dt.date.fromisoformat(e["date"])].append((s0, s0 + e["minutes"]))
    for d, items in by_date.items():
        if d.weekday() not in avail.weekdays:
            bad.append(f"{d} is not an available weekday")
        if d in avail.blackout:
            bad.append(f"{d} is a blackout date")
        spans = sorted((_minutes(s["start"]), _minutes(s["end"]), s["recipe"]) for s in items)
        for s0, s1, rid in spans:
            if not any(a <= s0 and s1 <= b for a, b in windows):
                bad.append(f"{rid} on {d} at {s0} is outside the windows")
            for b0, b1 in busy[d]:
                if s0 < b1 and b0 < s1:
                    bad.append(f"{rid} on {d} overlaps an appointment")
        for (_a0, a1, ra), (b0, _b1, rb) in itertools.pairwise(spans):
            if b0 < a1:
                bad.append(f"{ra} and {rb} overlap on {d}")
        for rid in {s["recipe"] for s in items}:
            starts = sorted(_minutes(s["start"]) for s in items if s["recipe"] == rid)
            for a, b in itertools.pairwise(starts):
                if b - a < SPACING:
                    bad.append(f"{rid}: two sessions on {d} less than 3 hours apart")
            done_at = [
                h.time for h in history if (h.recipe, h.date) == (rid, d) and h.time is not None
            ]
            if any(abs(a - t) < SPACING for a in starts for t in done_at):
                bad.append(f"{rid}: a session on {d} less than 3 hours from one done")

    # No session at a local time the clock skips (spring forward).
    import zoneinfo

    zone = zoneinfo.ZoneInfo(plan["timezone"])
    for s in sessions:
        day = dt.date.fromisoformat(s["date"])
        for minute in range(_minutes(s["start"]), _minutes(s["end"])):
            local = dt.datetime.combine(day, dt.time(minute // 60, minute % 60), zone)
            if local.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None) != local.replace(
                tzinfo=None
            ):
                bad.append(f"{s['recipe']} on {day} at {s['start']} runs through a skipped hour")
                break

    # Declared conditions rule remedies out.
    declared = set(plan["conditions"])
    for rid in by_recipe:
        hit = declared & set(recipes[rid].contraindications)
        if hit:
            bad.append(f"{rid} is planned despite {sorted(hit)}")

    # Event windows and kept-clear days.
    anchors: dict[str, list[dt.date]] = defaultdict(list)
    for ev in routine.events:
        anchor = ev.date if ev.date is not None else start + dt.timedelta(days=(ev.day or 1) - 1)
        anchors[ev.event].append(anchor)
        if ev.keep_clear is not None:
            kc = ev.keep_clear
            for off in range(kc.first_day, kc.last_day + 1):
                day = anchor + dt.timedelta(days=off)
                for rid in kc.recipes:
                    if day in by_recipe.get(rid, []):
                        bad.append(f"{rid} on {day} breaks the keep-clear of {ev.event}")
    for e in plan["events"]:
        day = dt.date.fromisoformat(e["date"])
        if e["recipe"] is None or day not in by_date:
            continue
        appt = recipes[e["recipe"]]
        for s in by_date[day]:
            other = recipes[s["recipe"]]
            if s["recipe"] in appt.limits.not_same_day_as.value or (
                e["recipe"] in other.limits.not_same_day_as.value
            ):
                bad.append(f"{s['recipe']} shares {day} with {e['recipe']}")
    for wish in routine.remedies:
        r = recipes[wish.recipe]
        if wish.window is not None:
            window = wish.window.value
        elif r.limits.around_event is not None:
            window = r.limits.around_event.value
        else:
            continue
        allowed = {
            a + dt.timedelta(days=off)
            for a in anchors[window.event]
            for off in range(window.first_day, window.last_day + 1)
        }
        for d in by_recipe.get(wish.recipe, []):
            if d not in allowed:
                bad.append(f"{wish.recipe} on {d} is outside its event window")

    # README: at most one drying or exfoliating treatment a day on the same skin (a
    # bath, area "body", and "problem areas" share skin with every area), appointments
    # included.
    def harsh_share(a: Recipe, b: Recipe) -> bool:
        wide = ("body", "problem areas", "")
        a_all = a.kind == "bath" or a.area in wide
        b_all = b.kind == "bath" or b.area in wide
        return bool(a.effects and b.effects) and (a_all or b_all or a.area == b.area)

    for d, items in by_date.items():
        on_day = sorted({s["recipe"] for s in items})
        on_day += [
            e["recipe"] for e in plan["events"] if e["recipe"] and e["date"] == d.isoformat()
        ]
        for a, b in itertools.combinations(on_day, 2):
            if a != b and harsh_share(recipes[a], recipes[b]):
                bad.append(f"{a} and {b} are both drying or exfoliating and share {d}")
        for a in sorted({s["recipe"] for s in items}):
            for b in sorted(done_on[d] - {a}):
                if harsh_share(recipes[a], recipes[b]):
                    bad.append(f"{a} is planned on {d}, when drying or exfoliating {b} was done")

    # Aftercare (a window from the event's day) starts after the event ends that day; a
    # run-up never falls on an event day or the aftercare days after one.
    timed = {
        (e["event"], dt.date.fromisoformat(e["date"])): (_minutes(e["start"]), e["minutes"] or 60)
        for e in plan["events"]
        if e["start"] is not None
    }
    windows_of: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    for wish in routine.remedies:
        r = recipes[wish.recipe]
        w = (
            wish.window.value
            if wish.window
            else (r.limits.around_event.value if r.limits.around_event else None)
        )
        if w is not None:
            windows_of[w.event].append((wish.recipe, w.first_day, w.last_day))
    for event, found in windows_of.items():
        reach = max([0, *(last for _, first, last in found if first >= 0)])
        recovery = {a + dt.timedelta(days=k) for a in anchors[event] for k in range(reach + 1)}
        for rid, first, last in found:
            for s in sessions:
                day = dt.date.fromisoformat(s["date"])
                if s["recipe"] != rid:
                    continue
                if last < 0 and day in recovery:
                    bad.append(f"{rid} run-up on {day}, an event or aftercare day of {event}")
                if (event, day) in timed:
                    e0, length = timed[(event, day)]
                    if first == 0 and _minutes(s["start"]) < e0 + length:
                        bad.append(f"{rid} on {day} at {s['start']} is before {event} ends")
                    if last == 0 and first < 0 and _minutes(s["end"]) > e0:
                        bad.append(f"{rid} on {day} at {s['start']} is not before {event}")

    # An appointment's own recipe limits hold between appointments too.
    appts: dict[str, list[dt.date]] = defaultdict(list)
    for e in plan["events"]:
        if e["recipe"]:
            appts[e["recipe"]].append(dt.date.fromisoformat(e["date"]))
    for rid, dates in appts.items():
        lim = recipes[rid].limits
        dates.sort()
        for a, b in itertools.pairwise(dates):
            if (b - a).days < lim.min_days_between.value:
                bad.append(f"appointments {rid} on {a} and {b} are too close")
        for d in dates:
            if sum(1 for x in dates if d <= x <= d + dt.timedelta(days=6)) > lim.max_per_week.value:
                bad.append(f"too many {rid} appointments in the 7 days from {d}")
    return bad


def check_wishes_met(plan: dict[str, Any], routine: Routine) -> list[str]:
    """When a plan reports no shortfall, every plan week holds what was asked."""
    bad: list[str] = []
    if plan["shortfalls"]:
        return bad
    start = dt.date.fromisoformat(plan["start"])
    excluded = {x["recipe"] for x in plan["excluded"]}
    for wish in routine.remedies:
        if wish.per_week is None or wish.recipe in excluded:
            continue
        for w in range(plan["weeks"]):
            lo = start + dt.timedelta(days=7 * w)
            hi = lo + dt.timedelta(days=6)
            dates = {
                s["date"]
                for s in plan["sessions"]
                if s["recipe"] == wish.recipe and lo.isoformat() <= s["date"] <= hi.isoformat()
            }
            if len(dates) != wish.per_week:
                bad.append(
                    f"{wish.recipe}: week {w + 1} has {len(dates)} days, asked {wish.per_week}"
                )
    return bad


def check_history_wishes(
    plan: dict[str, Any], recipes: dict[str, Recipe], routine: Routine, history: Sequence[Done]
) -> list[str]:
    """With a history: no plan week holds more days of an "N a week" remedy than asked,
    days done counted (nothing is made up for missed sessions); when nothing falls
    short, a week that no session done comes near (within 7 days, or the remedy's
    spacing) holds exactly N."""
    bad: list[str] = []
    start = dt.date.fromisoformat(plan["start"])
    done = _history_of(plan, routine, history)
    excluded = {x["recipe"] for x in plan["excluded"]}
    for wish in routine.remedies:
        if wish.per_week is None or wish.recipe in excluded:
            continue
        reach = max(7, recipes[wish.recipe].limits.min_days_between.value)
        for w in range(plan["weeks"]):
            lo = start + dt.timedelta(days=7 * w)
            hi = lo + dt.timedelta(days=6)
            planned = {
                dt.date.fromisoformat(s["date"])
                for s in plan["sessions"]
                if s["recipe"] == wish.recipe and lo.isoformat() <= s["date"] <= hi.isoformat()
            }
            held = planned | {d for d in done[wish.recipe] if lo <= d <= hi}
            if planned - set(done[wish.recipe]) and len(held) > wish.per_week:
                bad.append(
                    f"{wish.recipe}: week {w + 1} holds {len(held)} days, asked {wish.per_week}"
                )
            near = any(
                lo - dt.timedelta(days=reach) < d < hi + dt.timedelta(days=reach)
                for d in done[wish.recipe]
            )
            if not plan["shortfalls"] and not near and len(held) != wish.per_week:
                bad.append(
                    f"{wish.recipe}: week {w + 1} has {len(held)} days, asked {wish.per_week}"
                )
    return bad
