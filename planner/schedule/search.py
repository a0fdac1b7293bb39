"""Turning a routine into dated, timed sessions that keep every hard limit.

Hard rules (never broken): at most ``max_per_week`` sessions of a recipe in any
7 consecutive days; at least ``min_days_between`` days between its session days;
recipes in each other's ``not_same_day_as`` never share a day; sessions only on
available days, inside the time windows, never overlapping; event windows and
keep-clear days as the routine states them.

How: remedies wanted every day or around an event have fixed days. The rest
("N days a week") are placed week by week. Each week tries, per remedy, every
choice of N days in the order of a score (even gaps, preferred days, no two
drying remedies on neighbouring days) and backtracks when later remedies or
weeks cannot fit. A week that failed from a given history is remembered, so
the search is complete: if no plan is found within the budget, none exists
(the budget only matters for very large routines). Earlier weeks never look at
later ones, so adding weeks keeps the earlier weeks as they were whenever the
longer plan needs no different start.

The history (sessions really done) counts as earlier session days: those in the
days before the plan (as far back as a limit reaches) and those on the plan's own
days, which are kept as done and not planned again. A week whose wish the history
alone leaves no room for gets what still fits; nothing is planned to make up for
missed sessions.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from planner.core.done import Done
from planner.core.plan import Exclusion, Plan, PlannedEvent, Session, Shortfall
from planner.core.recipe import (
    SAME_RECIPE_SPACING,
    WEEKDAYS,
    YEARS,
    Recipe,
    clock,
    share_skin,
)
from planner.core.routine import Routine
from planner.core.zones import skipped_times
from planner.errors import InfeasibleError
from planner.schedule import events, explain, intake, rules
from planner.schedule.daypack import (
    Spec,
    free_intervals,
)
from planner.schedule.state import (
    _UNDECIDED,
    _dates_label,
    _done_order,
    _event_order,
    _limits_ok,
    _State,
    _Task,
    _unique,
)

if TYPE_CHECKING:
    from planner.schedule.exact import ExactModel, ExactResult

SEARCH_BUDGET = 60_000


class _Scheduler:
    """The search and its state; the rules, the history, the events and the explanations
    are its parts, one module each, their functions its methods."""

    # rules.py
    pack = rules.pack
    off_reason = rules.off_reason
    day_problem = rules.day_problem
    most_that_fit = rules.most_that_fit
    preferred_times = rules.preferred_times
    room_for = rules.room_for
    candidates = rules.candidates
    week_choices = rules.week_choices
    tail_key = rules.tail_key
    # intake.py
    history_ok = intake.history_ok
    history_reason = intake.history_reason
    take_history = intake.take_history
    history_days = intake.history_days
    history_caps = intake.history_caps
    history_notices = intake.history_notices
    ruled_out_by_history = intake.ruled_out_by_history
    finish_done_days = intake.finish_done_days
    # events.py
    event_day = events.event_day
    appointment_problem = events.appointment_problem
    event_problem = events.event_problem
    event_dates = events.event_dates
    keep_clear = events.keep_clear
    event_bounds = events.event_bounds
    recovery_days = events.recovery_days
    window_days = events.window_days
    without_recovery = events.without_recovery
    place_fixed = events.place_fixed
    room_left = events.room_left
    note_outside_windows = events.note_outside_windows
    # explain.py
    harsh_note = explain.harsh_note
    conflict_reason = explain.conflict_reason
    static_problems = explain.static_problems
    windows_label = explain.windows_label
    pair_problems = explain.pair_problems
    weekly_reasons = explain.weekly_reasons
    asked_of = explain.asked_of

    def __init__(
        self,
        routine: Routine,
        recipes: Mapping[str, Recipe],
        start: dt.date,
        weeks: int,
        conditions: Sequence[str],
        best_effort: bool,
        timezone: str = "UTC",
        history: Sequence[Done] = (),
        work: float | None = None,
    ) -> None:
        self.routine = routine
        self.work = work  # the maximising model's budget (None: exact.MOST_WORK)
        self.proven_most = True
        self.history = tuple(history)
        # What the history holds for the routine's remedies (set by take_history):
        self.seen: dict[str, list[Done]] = {}  # entries a limit reaches, or on plan days
        # Their days (negative: before the plan), a day done more than ``per_day`` times
        # once for each ``per_day`` sessions (or part): the search counts days.
        self.past: dict[str, list[int]] = {}
        self.done_days: dict[str, dict[int, int]] = {}  # plan day -> sessions done
        self.done_blocked: dict[str, dict[int, str]] = {}  # day -> why (a done session)
        self.done_on: dict[str, set[int]] = {}  # any remedy -> plan days it was done
        self.untidy: set[str] = set()  # remedies whose history breaks their own limits
        self.caps: dict[str, dict[int, tuple[int, int]]] = {}  # week -> done, most that fit
        self.dropped: dict[str, list[int]] = {}  # every-day days the history rules out
        self.rest: dict[str, list[tuple[int, str | None]]] = {}  # partly done day -> why not
        self.recipes = recipes
        self.start = start
        self.weeks = weeks
        self.n_days = 7 * weeks
        self.best_effort = best_effort
        self.conditions = tuple(dict.fromkeys([*routine.conditions, *conditions]))
        avail = routine.availability
        blackout = set(avail.blackout)
        self.dates = [start + dt.timedelta(days=i) for i in range(self.n_days)]
        self.available = [d.weekday() in avail.weekdays and d not in blackout for d in self.dates]
        self.windows = [(w.start, w.end) for w in avail.windows]
        self.busy: list[list[tuple[int, int]]] = [[] for _ in range(self.n_days)]
        self.blocked: dict[str, dict[int, str]] = {}
        self.problems: list[str] = []
        self.shortfalls: list[Shortfall] = []
        self.excluded: list[Exclusion] = []
        self.events: list[PlannedEvent] = []
        self.event_days: dict[str, list[int]] = {}
        self.pack_cache: dict[
            tuple[tuple[Spec, ...], tuple[tuple[int, int], ...]], list[int] | None
        ] = {}
        self.budget = SEARCH_BUDGET
        self.timezone = timezone
        self.gaps: dict[int, tuple[int, int]] = {}
        self.event_shortfalls: list[Shortfall] = []
        self.notices: list[str] = []
        self.conflicts: dict[str, set[str]] = {}
        self.harsh_pairs: set[frozenset[str]] = set()
        for r in recipes.values():
            for other in r.limits.not_same_day_as.value:
                self.conflicts.setdefault(r.id, set()).add(other)
                self.conflicts.setdefault(other, set()).add(r.id)
        # One drying or exfoliating treatment a day on the same skin: every two such
        # recipes that share skin may not share a day.
        harsh = [r for r in recipes.values() if r.harsh]
        for a, b in itertools.combinations(harsh, 2):
            if share_skin(a, b):
                self.harsh_pairs.add(frozenset((a.id, b.id)))
                self.conflicts.setdefault(a.id, set()).add(b.id)
                self.conflicts.setdefault(b.id, set()).add(a.id)
        self.set_timezone(timezone)

    def set_timezone(self, name: str) -> None:
        """Local times that the clock skips (spring forward) are never planned; a date
        the zone skipped entirely is not a day of the plan's sessions at all."""
        self.timezone = name
        self.gaps = skipped_times(self.dates, name)
        for day, gap in self.gaps.items():
            self.busy[day].append(gap)
            if gap == (0, 24 * 60):
                self.available[day] = False
                self.notices.append(
                    f"{self.dates[day].isoformat()} does not exist in {name} (the clocks "
                    "skipped that whole day); nothing is planned on it"
                )

    # ---- helpers -------------------------------------------------------
    def day_label(self, i: int) -> str:
        d = self.start + dt.timedelta(days=i)
        return f"{WEEKDAYS[d.weekday()].capitalize()} {d.isoformat()}"

    def week_n(self, task: _Task, week: int, n: int) -> int:
        """New days of ``task`` in ``week`` for a wish of ``n`` a week: the days done
        count toward it, and no more than the history leaves room for."""
        caps = self.caps.get(task.rid)
        if not caps or week not in caps:
            return n
        done, most = caps[week]
        return min(max(0, n - done), most)

    def new_state(self) -> _State:
        """An empty plan that knows the history's session days."""
        n = self.n_days
        state = _State(n, [[] for _ in range(n)], [{} for _ in range(n)], {})
        for rid, days in self.past.items():
            state.history[rid] = list(days)
        return state

    def make_tasks(self) -> list[_Task]:
        tasks: list[_Task] = []
        for wish in self.routine.remedies:
            recipe = self.recipes[wish.recipe]
            hit = sorted(set(recipe.contraindications) & set(self.conditions))
            if hit:
                self.excluded.append(
                    Exclusion(
                        recipe.id,
                        tuple(hit),
                        (f"{recipe.name} is left out: not advised with {', '.join(hit)}"),
                    )
                )
                continue
            own = recipe.limits.around_event
            window = wish.window.value if wish.window else (own.value if own else None)
            if window is not None and wish.per_week is not None:
                self.problems.append(
                    f"{recipe.id}: is used every day of its {window.event} window; "
                    "per_week does not apply to it"
                )
                continue
            per_day = wish.per_day or (recipe.limits.per_day.value if wish.per_week is None else 1)
            task = _Task(
                recipe,
                wish,
                per_day,
                wish.per_week,
                self.preferred_times(recipe, wish, per_day),
                window=window,
            )
            if window is not None:
                task.bounds = self.event_bounds(window)
            self.note_outside_windows(task)
            tasks.append(task)
        return tasks

    def rest_of_day(self, task: _Task, day: int, k: int, state: _State) -> list[Spec]:
        """The sessions of ``task`` still to do on ``day``, where ``k`` were done.

        A session done at a time stands for one of the day's slots, the nearest in time
        (a wipe done at 21:45 was the evening one) unless another choice leaves room for
        the rest where the nearest does not; one done at no time for the first slot
        left. The rest keep their spacing from the sessions done at a time.
        """
        specs = [task.spec(s, day) for s in range(task.per_day)]
        times = sorted(
            e.time
            for e in self.seen.get(task.rid, [])
            if e.time is not None and (e.date - self.start).days == day
        )
        choices = sorted(
            itertools.permutations(range(len(specs)), len(times)),
            key=lambda chosen: (
                sum(abs(specs[i].preferred - t) for i, t in zip(chosen, times, strict=True)),
                chosen,
            ),
        )
        first: list[Spec] | None = None
        for chosen in choices:
            rest = [spec for i, spec in enumerate(specs) if i not in chosen][k - len(times) :]
            for t in times:
                rest = [
                    r._replace(latest=min(r.latest, t - SAME_RECIPE_SPACING + r.minutes))
                    if r.preferred < t
                    else r._replace(earliest=max(r.earliest, t + SAME_RECIPE_SPACING))
                    for r in rest
                ]
            first = first or rest
            if self.pack(day, [*state.specs[day], *rest]) is not None:
                return rest
        return first or []

    def search(
        self, tasks: Sequence[_Task], counts: Mapping[str, int], state: _State
    ) -> bool | None:
        """Complete search over weeks: True (with ``state`` filled) when every wish is
        met, False when it proved that no plan exists, None when its budget ran out.

        Each week's generator keeps its placements in ``state`` while suspended and
        undoes them when resumed or exhausted, so the stack mirrors the state.
        """
        if not tasks:
            return True
        if self.budget >= 0:
            # The budget is for backtracking: a search that never backs up gets the work of
            # one pass on top, so a long routine that fits is never handed to the solver
            # (30 remedies over 10 years are over 400,000 steps without one step back).
            self.budget += self.weeks * sum(7 + math.comb(7, counts[t.rid]) for t in tasks)
        failed: set[tuple[object, ...]] = set()
        keys = [self.tail_key(0, tasks, state)]
        stack = [self.week_choices(0, tasks, counts, state)]
        while stack:
            if self.budget < 0:
                return None
            choice = next(stack[-1], None)
            if choice is None:
                stack.pop()
                failed.add(keys.pop())
                continue
            week = len(stack)
            if week == self.weeks:
                return True
            key = self.tail_key(week, tasks, state)
            if key in failed:
                continue
            keys.append(key)
            stack.append(self.week_choices(week, tasks, counts, state))
        return None if self.budget < 0 else False

    def exact_model(self, tasks: Sequence[_Task], maximize: bool) -> ExactModel:
        """The same rules as the search, for the exact solver."""
        from planner.schedule.exact import ExactModel, ExactTask

        empty = self.new_state()
        out: list[ExactTask] = []
        for t in tasks:
            if t.per_week is None and not t.wanted:
                continue
            pool = t.wanted if t.per_week is None else range(self.n_days)
            # To find the most that fits, a day holding only some of a remedy's sessions
            # (aftercare after a late appointment) is a day it may go on, with those.
            least = 1 if maximize else None
            days = tuple(d for d in pool if self.day_problem(t, d, empty, least) is None)
            per_week = t.per_week
            if maximize and t.wish.per_week is not None:
                per_week = t.wish.per_week  # at most what was asked, as many as fit
            weeks: dict[int, int] = {}
            if per_week is not None:
                weeks = {w: self.week_n(t, w, per_week) for w in self.caps.get(t.rid, {})}
            out.append(
                ExactTask(
                    rid=t.rid,
                    per_day=t.per_day,
                    minutes=t.recipe.minutes,
                    times=t.times,
                    gap=t.gap,
                    max_week=t.max_week,
                    days=days,
                    required=tuple(t.wanted) if t.per_week is None else (),
                    per_week=per_week,
                    preferred_weekdays=frozenset(t.wish.days),
                    earliest={d: b[0] for d, b in t.bounds.items()},
                    latest_end={d: b[1] for d, b in t.bounds.items()},
                    # A day done counts as a day of all its sessions, as in the search.
                    history=tuple(d for d in self.past.get(t.rid, []) for _ in range(t.per_day)),
                    week_counts=weeks,
                )
            )
        ids = {t.rid for t in out}
        pairs = frozenset(
            frozenset((a, b)) for a, others in self.conflicts.items() for b in others
            if a in ids and b in ids and a != b
        )  # fmt: skip
        free = [free_intervals(self.windows, self.busy[d]) for d in range(self.n_days)]
        weekdays = tuple(d.weekday() for d in self.dates)
        by_id = {t.rid: t for t in tasks}
        loose: dict[int, dict[str, list[int]]] = {}
        for d in range(self.n_days):
            here = [t for t in out if d in t.days]
            specs = sorted(by_id[t.rid].spec(k, d) for t in here for k in range(t.per_day))
            starts = self.pack(d, specs)
            if starts is not None:
                day: dict[str, list[int]] = {}
                for spec, begin in sorted(zip(specs, starts, strict=True), key=lambda p: p[0].slot):
                    day.setdefault(spec.recipe, []).append(begin)
                loose[d] = day
        return ExactModel(self.n_days, weekdays, free, out, pairs, loose)

    def state_from(self, result: ExactResult, tasks: Sequence[_Task]) -> _State:
        state = self.new_state()
        by_id = {t.rid: t for t in tasks}
        for rid, days in result.days.items():
            for d in days:
                state.add(by_id[rid], d, len(result.starts[(rid, d)]))
        return state

    def make_plan(
        self,
        tasks: Sequence[_Task],
        state: _State,
        exact_starts: Mapping[tuple[str, int], list[int]] | None = None,
    ) -> Plan:
        sessions: list[Session] = []
        moved: dict[tuple[str, int], list[str]] = {}  # a time the person wrote, not kept
        by_id = {t.rid: t for t in tasks}
        for day in range(self.n_days):
            specs = sorted(state.specs[day])  # pack() answers in sorted order
            if not specs:
                continue
            starts = self.pack(day, specs)
            if starts is None and exact_starts:
                # The day packer gave up where the exact model found times: use those.
                starts = [exact_starts[(spec.recipe, day)][spec.slot - 1] for spec in specs]
            if starts is None:  # pragma: no cover - every placement was packed before
                raise AssertionError(f"day {day} lost its packing")
            for spec, begin in zip(specs, starts, strict=True):
                sessions.append(
                    Session(
                        self.dates[day],
                        begin,
                        spec.recipe,
                        by_id[spec.recipe].recipe.minutes,
                        spec.slot,
                    )
                )
                if spec.pinned and begin != spec.preferred:
                    moved.setdefault((spec.recipe, spec.preferred), []).append(
                        f"{self.day_label(day)} {clock(begin)}"
                    )
        for (rid, wanted), where in moved.items():
            self.notices.append(
                f"{rid}: your time {clock(wanted)} could not be kept on {len(where)} day(s): "
                f"{_dates_label(where)}"
            )
        self.notices += self.history_notices(tasks, sorted(sessions))
        done = [e for entries in self.seen.values() for e in entries if e.date >= self.start]
        return Plan(
            routine=self.routine.id,
            title=self.routine.title,
            start=self.start,
            weeks=self.weeks,
            timezone=self.timezone,
            sessions=tuple(sorted(sessions)),
            events=tuple(sorted(self.events, key=_event_order)),
            excluded=tuple(self.excluded),
            shortfalls=tuple(self.shortfalls),
            conditions=self.conditions,
            notices=tuple(_unique(self.notices)),
            days_off=tuple(
                (self.dates[d], why)
                for d in range(self.n_days)
                if (why := self.off_reason(d)) is not None
            ),
            done=tuple(sorted(done, key=_done_order)),
            proven_most=self.proven_most,
        )

    # ---- the whole run ----------------------------------------------------
    def run(self) -> Plan:
        """Events, wishes, static limits, the search (or the exact model), the plan."""
        self.event_dates()
        tasks = self.make_tasks()
        self.take_history(tasks)
        asked = {t.rid: self.asked_of(t) for t in tasks}
        wanted_per_day = {t.rid: t.per_day for t in tasks}
        reasons: dict[str, list[str]] = {t.rid: [] for t in tasks}
        for task in tasks:
            found, fit, per_day = self.static_problems(task)
            reasons[task.rid] += found
            task.per_day = per_day
            task.times = task.times[:per_day]
            if fit is not None:
                task.per_week = fit
            past = self.history_days(task)
            if past:
                self.past[task.rid] = past
            if past and not _limits_ok([], past, task.gap, task.max_week // task.per_day):
                self.untidy.add(task.rid)
            if task.per_week is not None and past:
                self.caps[task.rid] = self.history_caps(task)
                wish = task.wish.per_week or 0
                weeks = range(self.weeks)
                asked[task.rid] = wanted_per_day[task.rid] * sum(
                    self.week_n(task, w, wish) for w in weeks
                )
        general = self.pair_problems(tasks)
        weekly = sorted(
            (t for t in tasks if t.per_week),
            key=lambda t: (-len(self.conflicts.get(t.rid, set())), -(t.per_week or 0), t.rid),
        )
        counts = {t.rid: t.per_week or 0 for t in weekly}

        state = self.new_state()
        self.place_fixed(tasks, state)
        for task in tasks:
            if task.per_week is None:
                asked[task.rid] = task.asked // max(task.per_day, 1) * wanted_per_day[task.rid]
        for f in self.shortfalls:
            reasons[f.recipe].append(f.reason)
        up_front = [f"{rid}: {line}" for rid, lines in reasons.items() for line in lines]
        up_front += general + self.problems
        if up_front and not self.best_effort:
            raise InfeasibleError(_unique(up_front))
        outcome: bool | None = False if up_front else self.search(weekly, counts, state)
        exact_starts: dict[tuple[str, int], list[int]] = {}
        if not outcome:
            # Only here: the solver's import costs more than most plans take to make.
            from planner.schedule.exact import ExactResult, solve
        if outcome is None:
            # The fast search could not decide within its budget: the exact model decides.
            exact = solve(self.exact_model(tasks, maximize=False))
            if exact.status == "plan":
                state, exact_starts, outcome = self.state_from(exact, tasks), exact.starts, True
            elif exact.status == "unknown" and not self.best_effort:
                raise InfeasibleError([_UNDECIDED])
            else:
                outcome = False
        if not outcome:
            # The fullest plan there is: what best effort plans, and what a refusal describes.
            best = solve(self.exact_model(tasks, maximize=True), maximize=True, work=self.work)
            self.proven_most = best.status == "plan" and best.optimal
            if best.status == "plan" and not best.optimal:
                self.notices.append(_UNPROVEN)
            if best.status != "plan":
                if not self.best_effort:
                    raise InfeasibleError([_UNDECIDED])
                best = ExactResult("plan")
            state, exact_starts = self.state_from(best, tasks), best.starts
            for rid, line in self.weekly_reasons(weekly, counts, state):
                reasons[rid].append(line)
            for task in tasks:
                missing = [d for d in task.wanted if task.rid not in state.recipes_on[d]]
                if task.per_week is None and missing and not reasons[task.rid]:
                    dates = _dates_label([self.dates[d].isoformat() for d in missing])
                    reasons[task.rid].append(
                        f"asked on {len(task.wanted)} days; {len(task.wanted) - len(missing)} "
                        f"fit beside the other remedies: not on {dates}"
                    )
            if not self.best_effort:
                lines = [f"{rid}: {line}" for rid, found in reasons.items() for line in found]
                raise InfeasibleError(_unique(lines or ["the wishes do not fit together"]))
        shortfalls: list[Shortfall] = []
        for task in tasks:
            placed = sum(day.get(task.rid, 0) for day in state.recipes_on)
            if placed < asked[task.rid] or reasons[task.rid]:
                why = "; ".join(_unique(reasons[task.rid])) or "less fits than asked"
                shortfalls.append(Shortfall(task.rid, asked[task.rid], placed, why))
        self.shortfalls = shortfalls + self.event_shortfalls
        self.finish_done_days(tasks, state)
        plan = self.make_plan(tasks, state, exact_starts)
        if not plan.sessions and not any(e.recipe for e in plan.events):
            lines = [x.reason for x in plan.excluded]
            lines += [f"{f.recipe}: {f.reason}" if f.recipe else f.reason for f in plan.shortfalls]
            short = {f.recipe for f in plan.shortfalls}
            lines += [
                f"{t.rid}: no day of the plan is open to it (the routine's days, blackout dates "
                "and events leave none)"
                for t in tasks
                if t.rid not in short
            ]
            raise InfeasibleError(
                ["no sessions: nothing in this routine can be planned", *_unique(lines)]
            )
        return plan


_UNPROVEN = (
    "not proven the fullest: this is the most sessions the exact search found within its "
    "budget; a plan with more may exist"
)


def build_schedule(
    routine: Routine,
    recipes: Mapping[str, Recipe],
    start: dt.date,
    weeks: int | None = None,
    conditions: Sequence[str] = (),
    timezone: str = "UTC",
    best_effort: bool = False,
    history: Sequence[Done] = (),
    work: float | None = None,
) -> Plan:
    """A plan for ``routine`` from ``start``, or InfeasibleError saying why not.

    With ``best_effort`` the most that fits is planned and every remedy that
    falls short is listed in ``Plan.shortfalls``; the hard rules still hold.

    ``work`` bounds the exact search for the fullest plan (``exact.MOST_WORK`` when
    None); a count it could not prove the most has ``Plan.proven_most`` False and says
    so in ``Plan.notices``.

    ``history`` holds sessions really done. Those of the routine's remedies count
    toward every limit; those on the plan's days are kept as done (``Plan.done``),
    count toward their week's wish and are not planned again. ``Plan.notices``
    says, per remedy, what the history changed.
    """
    weeks = weeks or routine.weeks
    if not YEARS[0] <= start.year <= YEARS[1]:
        from planner.errors import UsageError

        raise UsageError(
            f"start date {start.isoformat()}: choose a date between {YEARS[0]} and {YEARS[1]}"
        )
    return _Scheduler(
        routine, recipes, start, weeks, conditions, best_effort, timezone, history, work
    ).run()
