"""Placing one day's sessions on the clock without overlaps.

A day is a set of sessions (recipe, slot, length, preferred start) to fit
into the free time windows, minus busy blocks such as a salon appointment.
Sessions of one recipe on one day start at least ``SAME_RECIPE_SPACING``
minutes apart, in slot order. Starts lie on a ``GRID``-minute grid.

``pack_day`` first tries to put each session as close to its preferred time
as it can. If that fails it searches every order of the sessions, placing
each as early as possible. For a fixed order the earliest placement is the
best there is (every rule is a lower bound on a start), so trying all orders
finds a fitting day whenever one exists.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import NamedTuple

from planner.core.recipe import SAME_RECIPE_SPACING, TIMES_OF_DAY, Recipe

GRID = 5
_ORDER_BUDGET = 20_000

Interval = tuple[int, int]


class Spec(NamedTuple):
    """One session to place: which recipe, which of its sessions that day, how long.

    ``pinned``: the person wrote this time in the routine, so it is placed before
    sessions that only have a recipe's default time. ``earliest`` and ``latest``
    bound the session on this day (aftercare starts after its event ends).
    """

    preferred: int
    recipe: str
    slot: int
    minutes: int
    pinned: bool = False
    earliest: int = 0
    latest: int = 24 * 60


def _ceil_grid(t: int) -> int:
    return -(-t // GRID) * GRID


def _floor_grid(t: int) -> int:
    return (t // GRID) * GRID


def free_intervals(windows: Sequence[Interval], busy: Sequence[Interval]) -> list[Interval]:
    """The windows with busy blocks cut out."""
    out: list[Interval] = []
    for start, end in windows:
        pieces = [(start, end)]
        for b_start, b_end in busy:
            nxt: list[Interval] = []
            for a, b in pieces:
                if b_end <= a or b_start >= b:
                    nxt.append((a, b))
                    continue
                if a < b_start:
                    nxt.append((a, b_start))
                if b_end < b:
                    nxt.append((b_end, b))
            pieces = nxt
        out += pieces
    return sorted(out)


def _allowed_starts(
    spec: Spec, free: Sequence[Interval], placed: Sequence[tuple[Spec, int]], low: int = 0
) -> list[Interval]:
    """Closed ranges of grid starts at which ``spec`` fits beside ``placed``."""
    low = max(low, spec.earliest)
    ranges = [
        (max(_ceil_grid(a), _ceil_grid(low)), _floor_grid(min(b, spec.latest) - spec.minutes))
        for a, b in free
        if min(b, spec.latest) - max(a, low) >= spec.minutes
    ]
    forbidden: list[Interval] = []
    for other, start in placed:
        # Open interval of starts that would overlap the placed session.
        forbidden.append((start - spec.minutes + 1, start + other.minutes - 1))
        if other.recipe == spec.recipe:
            if other.slot < spec.slot:
                forbidden.append((-(10**6), start + SAME_RECIPE_SPACING - 1))
            else:
                forbidden.append((start - SAME_RECIPE_SPACING + 1, 10**6))
    for f_lo, f_hi in forbidden:
        nxt: list[Interval] = []
        for lo, hi in ranges:
            if hi < f_lo or lo > f_hi:
                nxt.append((lo, hi))
                continue
            if lo < f_lo:
                nxt.append((lo, _floor_grid(f_lo - 1)))
            if f_hi < hi:
                nxt.append((_ceil_grid(f_hi + 1), hi))
        ranges = [(lo, hi) for lo, hi in nxt if lo <= hi]
    return ranges


def _closest(ranges: Sequence[Interval], target: int) -> int | None:
    best: int | None = None
    for lo, hi in ranges:
        t = min(max(_floor_grid(target), lo), hi)
        for cand in (t, min(t + GRID, hi)):
            if best is None or (abs(cand - target), cand) < (abs(best - target), best):
                best = cand
    return best


def _pack_near_preferred(specs: Sequence[Spec], free: Sequence[Interval]) -> list[int] | None:
    """Each session as near its preferred time as it can be; times the person wrote first."""
    placed: list[tuple[Spec, int]] = []
    starts: dict[int, int] = {}
    for i in sorted(range(len(specs)), key=lambda i: (not specs[i].pinned, i)):
        spec = specs[i]
        t = _closest(_allowed_starts(spec, free, placed), spec.preferred)
        if t is None:
            return None
        placed.append((spec, t))
        starts[i] = t
    return [starts[i] for i in range(len(specs))]


def _pack_any_order(specs: Sequence[Spec], free: Sequence[Interval]) -> list[int] | None:
    n = len(specs)
    starts: list[int] = [0] * n
    budget = [_ORDER_BUDGET]

    def place(done: list[int], placed: list[tuple[Spec, int]], low: int) -> bool:
        if len(done) == n:
            return True
        budget[0] -= 1
        if budget[0] < 0:
            return False
        tried: set[tuple[str, int, int]] = set()
        for i in range(n):
            spec = specs[i]
            if i in done:
                continue
            # Slots of one recipe keep their order; identical sessions are tried once.
            if any(
                specs[j].recipe == spec.recipe and specs[j].slot < spec.slot and j not in done
                for j in range(n)
            ):
                continue
            key = (spec.recipe, spec.minutes, spec.slot)
            if key in tried:
                continue
            tried.add(key)
            ranges = _allowed_starts(spec, free, placed, low)
            if not ranges:
                continue
            t = ranges[0][0]
            starts[i] = t
            if place([*done, i], [*placed, (spec, t)], t + spec.minutes):
                return True
        return False

    return list(starts) if place([], [], 0) else None


def pack_day(
    specs: Sequence[Spec], windows: Sequence[Interval], busy: Sequence[Interval] = ()
) -> list[int] | None:
    """Start minutes for ``specs`` (same order as given), or None when they cannot fit."""
    free = free_intervals(windows, busy)
    order = sorted(range(len(specs)), key=lambda i: specs[i])
    ordered = [specs[i] for i in order]
    starts = _pack_near_preferred(ordered, free) or _pack_any_order(ordered, free)
    if starts is None:
        return None
    out = [0] * len(specs)
    for pos, i in enumerate(order):
        out[i] = starts[pos]
    return out


def default_times(time_of_day: str, per_day: int) -> tuple[dt.time, ...]:
    """Clock times for a day's sessions: the preferred time, or spread morning to evening."""
    if per_day == 1:
        return (TIMES_OF_DAY[time_of_day],)
    # Several sessions a day start in the morning and end in the evening, evenly spaced.
    first, last = 8 * 60, 20 * 60
    step = (last - first) // (per_day - 1)
    return tuple(dt.time((first + i * step) // 60, (first + i * step) % 60) for i in range(per_day))


def recipe_times(recipe: Recipe, per_day: int | None = None) -> tuple[dt.time, ...]:
    """The times a recipe asks for: its own, else spread from its time of day."""
    n = per_day or recipe.limits.per_day.value
    own = recipe.limits.times.value
    return own if len(own) == n else default_times(recipe.limits.time_of_day.value, n)
