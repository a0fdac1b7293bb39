"""The exact scheduling model, solved by OR-tools CP-SAT.

The fast search in ``planner.schedule`` settles the common routines at once. When
it cannot decide within its budget, or when best effort must find the most that
fits, the same rules are handed to this model, whose answer is a proof: a plan,
or "no plan exists", or the largest number of sessions any plan can hold.

The model, per remedy ``r`` and candidate day ``d``:
- ``x[r,d]`` says whether ``r`` is done on day ``d`` (all its sessions that day);
- each session is an optional interval with its start on the 5-minute grid,
  inside the day's free time (windows minus events and clock gaps), no two
  sessions overlap, and one remedy's sessions start 3 hours apart in order;
- in any 7 consecutive days at most ``max_per_week`` sessions of ``r``; session
  days at least ``min_days_between`` apart; remedies that may not share a day
  (named pairs, and two drying or exfoliating treatments on the same skin) never do;
- a remedy wanted every day (or every day of an event window) is on each of
  those days; an "N a week" remedy is on exactly N days of each plan week (fewer in
  a week the history fills: ``week_counts``);
- sessions already done (``history``) count in every 7 days and in the spacing.

With ``maximize``, every wish becomes "at most" and the sessions placed are
maximised; among plans with the most sessions, fewer sessions off the person's
preferred weekdays win.

CP-SAT runs with one worker and a fixed seed, so the same inputs give the same plan.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import field
from typing import Any

from planner.core.record import record

GRID = 5
SPACING = 180
TIME_LIMIT_SECONDS = 120.0  # wall clock: only a safety net
# How much work the maximising model may do: CP-SAT's deterministic time, a measure of
# work that is the same on any machine and under any load, so the same inputs give the
# same plan. README ("How the plan is made") says what it comes to in seconds.
MOST_WORK = 15.0


@record
class ExactTask:
    """One remedy's rules, in plan days and minutes, for the exact model."""

    rid: str
    per_day: int
    minutes: int
    times: tuple[int, ...]  # preferred start of each session of a day
    gap: int  # min_days_between
    max_week: int  # sessions in any 7 days
    days: tuple[int, ...]  # days it may go on
    required: tuple[int, ...] = ()  # days it must go on (every-day remedies)
    per_week: int | None = None  # days in each plan week
    preferred_weekdays: frozenset[int] = frozenset()
    earliest: Mapping[int, int] = field(default_factory=dict)  # day -> first allowed start
    latest_end: Mapping[int, int] = field(default_factory=dict)  # day -> last allowed end
    history: tuple[int, ...] = ()  # earlier session days (negative: before the plan)
    week_counts: Mapping[int, int] = field(default_factory=dict)  # week -> days, not per_week


@record
class ExactModel:
    """Everything the exact model needs to know about a routine."""

    n_days: int
    weekdays: tuple[int, ...]  # weekday of each day (0 = Monday)
    free: Sequence[Sequence[tuple[int, int]]]  # free time of each day, in minutes
    tasks: Sequence[ExactTask]
    conflicts: frozenset[frozenset[str]]  # pairs of remedies that may not share a day
    # Days on which every session that could go there fits on the clock together,
    # with those times: no choice of that day can break the clock rules, so the
    # model needs no intervals for it (most days of most routines).
    loose: Mapping[int, Mapping[str, Sequence[int]]] = field(default_factory=dict)


@record
class ExactResult:
    """What the exact model found: a plan, none, or no answer in time."""

    status: str  # "plan" | "none" | "unknown"
    days: dict[str, list[int]] = field(default_factory=dict)
    starts: dict[tuple[str, int], list[int]] = field(default_factory=dict)
    sessions: int = 0
    optimal: bool = False


def _domain_ranges(
    free: Sequence[tuple[int, int]], minutes: int, low: int, high_end: int
) -> list[tuple[int, int]]:
    """Grid-unit ranges of starts that keep a session inside one free interval."""
    out = []
    for a, b in free:
        lo = max(a, low)
        hi = min(b, high_end) - minutes
        lo_g, hi_g = -(-lo // GRID), hi // GRID
        if lo_g <= hi_g:
            out.append((lo_g, hi_g))
    return out


def solve(model: ExactModel, maximize: bool = False, time_limit: float = TIME_LIMIT_SECONDS,
          work: float | None = None) -> ExactResult:  # fmt: skip
    """Solve the model; "none" is a proof that no plan exists.

    With ``maximize`` each session of a day is optional on its own (a remedy asked
    three times a day may get two), and the most sessions are placed; ``work`` bounds
    that search (``MOST_WORK`` when None), and ``optimal`` says whether the count is
    proven the most.
    """
    from ortools.sat.python import cp_model as sat

    cp_model: Any = sat  # its expression types are too narrow for mypy's arithmetic
    m = cp_model.CpModel()
    x: dict[tuple[str, int], Any] = {}  # the remedy is on that day
    present: dict[tuple[str, int], list[Any]] = {}  # each session that day
    starts: dict[tuple[str, int], list[Any]] = {}
    day_intervals: dict[int, list[Any]] = {}
    penalty: list[Any] = []
    feasible = True

    for t in model.tasks:
        for d in t.days:
            ranges = _domain_ranges(
                model.free[d], t.minutes, t.earliest.get(d, 0), t.latest_end.get(d, 24 * 60)
            )
            if not ranges:
                continue
            on = m.new_bool_var(f"x_{t.rid}_{d}")
            x[(t.rid, d)] = on
            domain = cp_model.Domain.from_intervals([list(r) for r in ranges])
            ks: list[Any] = []
            ys: list[Any] = []
            for s in range(t.per_day):
                y = on if s == 0 or not maximize else m.new_bool_var(f"y_{t.rid}_{d}_{s}")
                if maximize and s > 0:
                    m.add_implication(y, ys[-1])
                if d in model.loose:
                    ks.append(model.loose[d][t.rid][s] // GRID)
                    ys.append(y)
                    continue
                k = m.new_int_var_from_domain(domain, f"k_{t.rid}_{d}_{s}")
                name = f"i_{t.rid}_{d}_{s}"
                interval = m.new_optional_fixed_size_interval_var(k * GRID, t.minutes, y, name)
                day_intervals.setdefault(d, []).append(interval)
                if ks:
                    m.add(k * GRID >= ks[-1] * GRID + SPACING).only_enforce_if(y)
                ks.append(k)
                ys.append(y)
            starts[(t.rid, d)] = ks
            present[(t.rid, d)] = ys
        for d in t.required:
            if (t.rid, d) not in x:
                feasible = False
            elif not maximize:
                m.add(x[(t.rid, d)] == 1)
        on_day = {d: x[(t.rid, d)] for d in t.days if (t.rid, d) in x}
        sessions_on = {d: present[(t.rid, d)] for d in on_day}
        history = list(t.history)
        # Any 7 consecutive days, also those that reach back into the history.
        first = min([0, *history]) - 6
        for lo in range(first, model.n_days):
            span = [y for d in range(lo, lo + 7) if d in sessions_on for y in sessions_on[d]]
            before = sum(1 for h in history if lo <= h < lo + 7)
            if span:
                # A history that broke the limit by itself leaves no room, and no more.
                m.add(sum(span) <= max(0, t.max_week - before))
        if t.gap >= 2:
            for lo in range(first, model.n_days):
                span = [on_day[d] for d in range(lo, lo + t.gap) if d in on_day]
                if not span:
                    continue
                if any(lo <= h < lo + t.gap for h in history):
                    for var in span:
                        m.add(var == 0)
                elif len(span) > 1:
                    m.add(sum(span) <= 1)
        if t.per_week is not None:
            for w in range(model.n_days // 7):
                want = t.week_counts.get(w, t.per_week)
                week = [on_day[d] for d in range(7 * w, 7 * w + 7) if d in on_day]
                if maximize:
                    if week:
                        m.add(sum(week) <= want)
                elif len(week) < want:
                    feasible = False
                elif week:
                    m.add(sum(week) == want)
        if maximize and t.preferred_weekdays:
            for d, var in on_day.items():
                if model.weekdays[d] not in t.preferred_weekdays:
                    penalty.append(var)

    if not feasible and not maximize:
        return ExactResult("none")
    for pair in model.conflicts:
        a, b = sorted(pair)
        for d in range(model.n_days):
            if (a, d) in x and (b, d) in x:
                m.add(x[(a, d)] + x[(b, d)] <= 1)
    for intervals in day_intervals.values():
        if len(intervals) > 1:
            m.add_no_overlap(intervals)

    total = sum(y for ys in present.values() for y in ys)
    if maximize:
        # Sessions first; the tie-break (sessions off the preferred weekdays) can never
        # outweigh one more session. Times are not part of it: the day packer places
        # each session as near its preferred time as it can once the days are chosen.
        bound = 1 + len(penalty)
        m.maximize(total * bound - sum(penalty))

    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    solver.parameters.max_time_in_seconds = time_limit
    if maximize:
        solver.parameters.max_deterministic_time = MOST_WORK if work is None else work
    status = solver.solve(m)
    if status == cp_model.INFEASIBLE:
        return ExactResult("none")
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return ExactResult("unknown")
    days: dict[str, list[int]] = {}
    found: dict[tuple[str, int], list[int]] = {}
    placed = 0
    for (rid, d), ys in sorted(present.items()):
        n = sum(1 for y in ys if solver.value(y))
        if n:
            days.setdefault(rid, []).append(d)
            found[(rid, d)] = [int(solver.value(k)) * GRID for k in starts[(rid, d)][:n]]
            placed += n
    return ExactResult("plan", days, found, placed, status == cp_model.OPTIMAL)
