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
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from planner.errors import InfeasibleError
from planner.model import WEEKDAYS, EventWindow, Recipe, clock
from planner.plan import EventSpec, Exclusion, Plan, PlannedEvent, Routine, Session, Shortfall, Wish
from planner.recipes import default_times
from planner.timing import SAME_RECIPE_SPACING, Spec, pack_day

SEARCH_BUDGET = 400_000


def _label_days(days: Sequence[int]) -> str:
    return ", ".join(WEEKDAYS[d].capitalize() for d in days)


@dataclass
class _Task:
    recipe: Recipe
    wish: Wish
    per_day: int
    per_week: int | None  # None: fixed days
    times: tuple[int, ...]
    window: EventWindow | None = None
    asked: int = 0  # sessions asked over the whole plan, set when placed

    @property
    def rid(self) -> str:
        return self.recipe.id

    @property
    def max_week(self) -> int:
        return self.recipe.limits.max_per_week.value

    @property
    def gap(self) -> int:
        return self.recipe.limits.min_days_between.value


@dataclass
class _State:
    """Everything placed so far, day by day."""

    n_days: int
    specs: list[list[Spec]]
    recipes_on: list[dict[str, int]]
    history: dict[str, list[int]]

    def add(self, task: _Task, day: int) -> None:
        for slot in range(task.per_day):
            self.specs[day].append(Spec(task.times[slot], task.rid, slot + 1, task.recipe.minutes))
        self.recipes_on[day][task.rid] = task.per_day
        bisect.insort(self.history.setdefault(task.rid, []), day)

    def remove(self, task: _Task, day: int) -> None:
        self.specs[day] = [s for s in self.specs[day] if s.recipe != task.rid]
        del self.recipes_on[day][task.rid]
        days = self.history[task.rid]
        del days[bisect.bisect_left(days, day)]


class _Scheduler:
    def __init__(
        self,
        routine: Routine,
        recipes: Mapping[str, Recipe],
        start: dt.date,
        weeks: int,
        conditions: Sequence[str],
        best_effort: bool,
    ) -> None:
        self.routine = routine
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
        self.timezone = "UTC"
        self.event_shortfalls: list[Shortfall] = []
        self.conflicts: dict[str, set[str]] = {}
        for r in recipes.values():
            for other in r.limits.not_same_day_as.value:
                self.conflicts.setdefault(r.id, set()).add(other)
                self.conflicts.setdefault(other, set()).add(r.id)

    def set_timezone(self, name: str) -> None:
        """Local times that the clock skips (spring forward) are never planned."""
        self.timezone = name
        for day, gap in _skipped_times(self.dates, name).items():
            self.busy[day].append(gap)

    # ---- helpers -------------------------------------------------------
    def day_label(self, i: int) -> str:
        d = self.start + dt.timedelta(days=i)
        return f"{WEEKDAYS[d.weekday()].capitalize()} {d.isoformat()}"

    def pack(self, day: int, specs: Sequence[Spec]) -> list[int] | None:
        """Start minutes for ``sorted(specs)`` on ``day``, cached by the day's contents."""
        key = (tuple(sorted(specs)), tuple(self.busy[day]))
        if key not in self.pack_cache:
            self.pack_cache[key] = pack_day(key[0], self.windows, key[1])
        return self.pack_cache[key]

    def day_problem(self, task: _Task, day: int, state: _State) -> str | None:
        """Why ``task`` cannot go on ``day`` given what is there (same-day rules only)."""
        if not self.available[day]:
            d = self.dates[day]
            if d in self.routine.availability.blackout:
                return "blackout date"
            return f"{WEEKDAYS[d.weekday()].capitalize()} is not an available day"
        if day in self.blocked.get(task.rid, {}):
            return self.blocked[task.rid][day]
        mine = self.conflicts.get(task.rid, set())
        for other in state.recipes_on[day]:
            if other in mine:
                return f"not on the same day as {other}"
        specs = [
            *state.specs[day],
            *(
                Spec(task.times[s], task.rid, s + 1, task.recipe.minutes)
                for s in range(task.per_day)
            ),
        ]
        if self.pack(day, specs) is None:
            return "no free time left in the day's windows"
        return None

    def history_ok(self, task: _Task, days: Sequence[int], state: _State) -> bool:
        """Rolling 7-day limit and minimum spacing against earlier session days."""
        past = state.history.get(task.rid, [])
        gap = task.gap
        if past and days:
            # Only days within a week (or the spacing) of the new ones can clash with them.
            reach = max(gap, 7)
            lo = bisect.bisect_left(past, min(days) - reach)
            hi = bisect.bisect_right(past, max(days) + reach)
            past = past[lo:hi]
        all_days = sorted([*past, *days])
        for a, b in itertools.pairwise(all_days):
            if b - a < gap:
                return False
        limit = task.max_week // task.per_day
        lo_i = 0
        for hi_i, day in enumerate(all_days):
            while all_days[lo_i] <= day - 7:
                lo_i += 1
            if hi_i - lo_i + 1 > limit:
                return False
        return True

    def history_reason(self, task: _Task) -> str:
        lim = task.recipe.limits
        return (
            f"at most {lim.max_per_week.value} in any 7 days "
            f"({lim.max_per_week.provenance.kind}: {lim.max_per_week.provenance.text}) and "
            f"{lim.min_days_between.value}+ days apart "
            f"({lim.min_days_between.provenance.kind}: {lim.min_days_between.provenance.text})"
        )

    # ---- set-up ---------------------------------------------------------
    def preferred_times(self, recipe: Recipe, wish: Wish, per_day: int) -> tuple[int, ...]:
        if len(wish.times) == per_day:
            return wish.times
        own = tuple(t.hour * 60 + t.minute for t in recipe.limits.times.value)
        if len(own) == per_day:
            return own
        spread = default_times(recipe.limits.time_of_day.value, per_day)
        return tuple(t.hour * 60 + t.minute for t in spread)

    def event_day(self, spec: EventSpec) -> int:
        return (spec.date - self.start).days if spec.date is not None else (spec.day or 1) - 1

    def appointment_problem(self, recipe: Recipe, day: int, taken: Sequence[int]) -> str | None:
        """Why an appointment on ``day`` would break its recipe's own limits, if it would."""
        lim = recipe.limits
        for other in taken:
            if abs(day - other) < lim.min_days_between.value:
                return (
                    f"{recipe.id}: the appointments on {self.day_label(other)} and "
                    f"{self.day_label(day)} are {abs(day - other)} days apart; they must be "
                    f"{lim.min_days_between.value}+ days apart "
                    f"({lim.min_days_between.provenance.kind}: "
                    f"{lim.min_days_between.provenance.text})"
                )
        for first in range(day - 6, day + 1):
            n = 1 + sum(1 for d in taken if first <= d <= first + 6)
            if n > lim.max_per_week.value:
                return (
                    f"{recipe.id}: {n} appointments within 7 days of {self.day_label(day)}; at "
                    f"most {lim.max_per_week.value} ({lim.max_per_week.provenance.kind}: "
                    f"{lim.max_per_week.provenance.text})"
                )
        return None

    def event_dates(self) -> None:
        taken: dict[str, list[int]] = {}
        for spec in sorted(self.routine.events, key=self.event_day):
            day = self.event_day(spec)
            recipe = self.recipes.get(spec.recipe) if spec.recipe else None
            if recipe is not None and not set(recipe.contraindications) & set(self.conditions):
                why = self.appointment_problem(recipe, day, taken.get(recipe.id, []))
                if why is not None and not self.best_effort:
                    self.problems.append(why)
                elif why is not None:
                    # The date stays (windows and keep-clear days still count); the
                    # appointment itself is dropped.
                    self.event_shortfalls.append(Shortfall(recipe.id, 1, 0, why + "; left out"))
                    recipe = None
                else:
                    taken.setdefault(recipe.id, []).append(day)
            self.event_days.setdefault(spec.event, []).append(day)
            if recipe is not None and set(recipe.contraindications) & set(self.conditions):
                hit = sorted(set(recipe.contraindications) & set(self.conditions))
                self.excluded.append(
                    Exclusion(
                        recipe.id,
                        tuple(hit),
                        (
                            f"{recipe.name} on {self.day_label(day)} is left out: "
                            f"not advised with {', '.join(hit)}"
                        ),
                    )
                )
                recipe = None
            minutes = spec.minutes or (recipe.minutes if recipe else None)
            if spec.recipe and recipe is None:
                minutes = None  # a left-out appointment takes no time that day
            start = spec.time
            if start is None and recipe is not None:
                start = recipe.limits.times.value[0].hour * 60 + recipe.limits.times.value[0].minute
            if 0 <= day < self.n_days:
                self.events.append(
                    PlannedEvent(
                        self.dates[day],
                        spec.event,
                        spec.title,
                        start,
                        minutes,
                        recipe.id if recipe else None,
                    )
                )
                if start is not None and minutes:
                    self.busy[day].append((start, start + minutes))
                if recipe is not None:
                    for other in self.conflicts.get(recipe.id, set()):
                        self.blocked.setdefault(other, {})[day] = (
                            f"{spec.title} ({recipe.id}) that day"
                        )
            if spec.keep_clear is not None:
                kc = spec.keep_clear
                for offset in range(kc.first_day, kc.last_day + 1):
                    d = day + offset
                    if 0 <= d < self.n_days:
                        for rid in kc.recipes:
                            self.blocked.setdefault(rid, {}).setdefault(
                                d, f"kept clear around {spec.title} on {self.day_label(day)}"
                            )

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
            tasks.append(task)
        return tasks

    # ---- checks that need no search ------------------------------------
    def static_problems(self, task: _Task) -> tuple[list[str], int | None, int]:
        """Reasons the wish can never be met, the days a week that would fit, the per_day."""
        r = task.recipe
        lim = r.limits
        out: list[str] = []
        per_day = task.per_day
        if per_day > lim.per_day.value:
            out.append(
                f"asked {per_day} sessions a day; the recipe allows {lim.per_day.value} "
                f"({lim.per_day.provenance.kind}: {lim.per_day.provenance.text})"
            )
            per_day = lim.per_day.value
        if len(task.wish.times) not in (0, per_day):
            out.append(f"gives {len(task.wish.times)} times for {per_day} sessions a day")
        specs = [
            Spec(task.times[s] if s < len(task.times) else 0, r.id, s + 1, r.minutes)
            for s in range(per_day)
        ]
        longest = max((b - a for a, b in self.windows), default=0)
        if r.minutes > longest:
            out.append(
                f"a session takes {r.minutes} min but the longest time window is "
                f"{longest} min ({self.windows_label()})"
            )
        elif pack_day(specs, self.windows) is None:
            out.append(
                f"{per_day} sessions a day, {SAME_RECIPE_SPACING // 60} h apart, do not fit "
                f"into the time windows {self.windows_label()}"
            )
            per_day = 1
        fit = task.per_week
        if task.per_week is not None:
            n = task.per_week
            most = lim.max_per_week.value // per_day
            if n > most:
                out.append(
                    f"asked {n} a week ({n * per_day} sessions); at most {lim.max_per_week.value} "
                    f"in any 7 days ({lim.max_per_week.provenance.kind}: "
                    f"{lim.max_per_week.provenance.text}); {most} a week would fit"
                )
                n = most
            w, d = self.weeks, task.gap
            spaced = (7 * w - 1 + d) // (w * d)
            if n > spaced:
                out.append(
                    f"asked {n} a week but sessions must be {d}+ days apart "
                    f"({lim.min_days_between.provenance.kind}: "
                    f"{lim.min_days_between.provenance.text}); {spaced} a week would fit"
                )
                n = spaced
            weekdays = self.routine.availability.weekdays
            if n > len(weekdays):
                out.append(
                    f"asked {n} days a week but only {len(weekdays)} are available "
                    f"({_label_days(weekdays)}); {len(weekdays)} would fit"
                )
                n = len(weekdays)
            fit = n
        return out, fit, per_day

    def windows_label(self) -> str:
        return ", ".join(f"{clock(a)}-{clock(b)}" for a, b in self.windows)

    def pair_problems(self, tasks: Sequence[_Task]) -> list[str]:
        out: list[str] = []
        avail = len(self.routine.availability.weekdays)
        weekly = [t for t in tasks if t.per_week is not None]
        daily = [t for t in tasks if t.per_week is None and t.window is None]
        for a, b in itertools.combinations(weekly, 2):
            both = (a.per_week or 0) + (b.per_week or 0)
            if b.rid in self.conflicts.get(a.rid, set()) and both > avail:
                out.append(
                    f"{a.rid} ({a.per_week} a week) and {b.rid} ({b.per_week} a week) may "
                    f"not share a day, but only {avail} days a week are available; "
                    f"at most {avail} of their {both} fit"
                )
        for a in daily:
            for b in weekly:
                if b.rid in self.conflicts.get(a.rid, set()):
                    out.append(
                        f"{b.rid} can never be placed: {a.rid} is planned every "
                        f"available day and the two may not share a day"
                    )
        return out

    # ---- placing -------------------------------------------------------
    def window_days(self, window: EventWindow) -> tuple[list[int], list[int]]:
        """Days of every window that touches the plan: those inside it, those outside it.

        A window wholly before or after the plan asks for nothing in this plan.
        """
        inside: set[int] = set()
        outside: set[int] = set()
        for anchor in self.event_days.get(window.event, []):
            days = range(anchor + window.first_day, anchor + window.last_day + 1)
            if not any(0 <= d < self.n_days for d in days):
                continue
            for d in days:
                (inside if 0 <= d < self.n_days else outside).add(d)
        return sorted(inside), sorted(outside)

    def place_fixed(self, tasks: Sequence[_Task], state: _State) -> None:
        """Remedies wanted every day, or every day of an event window, on their days."""
        for task in tasks:
            if task.per_week is not None:
                continue
            outside: list[int] = []
            if task.window is not None:
                ev = task.window
                if not self.event_days.get(ev.event):
                    self.problems.append(
                        f"{task.rid}: is used around '{ev.event}' events (days {ev.first_day:+d} "
                        f"to {ev.last_day:+d}) but the routine has no such event; add "
                        f'[[events]] event = "{ev.event}"'
                    )
                    continue
                wanted, outside = self.window_days(ev)
            else:
                wanted = [d for d in range(self.n_days) if self.available[d]]
            task.asked = (len(wanted) + len(outside)) * task.per_day
            reasons: dict[str, list[str]] = {}
            placed = 0
            for day in wanted:
                why = self.day_problem(task, day, state)
                if why is None and not self.history_ok(task, [day], state):
                    why = self.history_reason(task)
                if why is not None:
                    reasons.setdefault(why, []).append(self.dates[day].isoformat())
                    continue
                state.add(task, day)
                placed += 1
            if outside:
                reasons.setdefault("outside the plan's dates", []).extend(
                    (self.start + dt.timedelta(days=d)).isoformat() for d in outside
                )
            if placed * task.per_day < task.asked:
                detail = "; ".join(f"{why}: {_dates_label(days)}" for why, days in reasons.items())
                if task.window is not None:
                    w = task.window
                    what = f"every day of {w.event} days {w.first_day:+d} to {w.last_day:+d}"
                else:
                    what = "every available day"
                self.shortfalls.append(
                    Shortfall(
                        task.rid,
                        task.asked,
                        placed * task.per_day,
                        f"asked {what} ({task.asked} sessions); {placed * task.per_day} fit. "
                        f"Missing {detail}",
                    )
                )

    def candidates(self, task: _Task, week: int, n: int, state: _State) -> list[tuple[int, ...]]:
        base = week * 7
        days = [base + i for i in range(7)]
        ok_days = [d for d in days if self.day_problem(task, d, state) is None]
        self.budget -= len(days)
        out: list[tuple[float, tuple[int, ...]]] = []
        past = state.history.get(task.rid, [])
        last = max(past) if past else None
        ideal = 7 / n if n else 7
        mine = self.conflicts.get(task.rid, set())
        for combo in itertools.combinations(ok_days, n):
            self.budget -= 1
            if not self.history_ok(task, combo, state):
                continue
            gaps = [b - a for a, b in itertools.pairwise(combo)]
            if last is not None and combo:
                gaps.append(combo[0] - last)
            if len(combo) >= 2:
                gaps.append(combo[0] + 7 - combo[-1])
            score = sum((g - ideal) ** 2 for g in gaps)
            if task.wish.days:
                score += 4 * sum(1 for d in combo if self.dates[d].weekday() not in task.wish.days)
            for d in combo:
                for nb in (d - 1, d + 1):
                    if 0 <= nb < self.n_days and mine & state.recipes_on[nb].keys():
                        score += 1
                score += 0.1 * len(state.specs[d])
            out.append((score, combo))
        out.sort()
        return [combo for _, combo in out]

    def week_choices(
        self, week: int, tasks: Sequence[_Task], counts: Mapping[str, int], state: _State
    ) -> Iterator[list[tuple[_Task, tuple[int, ...]]]]:
        """Every way to place this week's weekly remedies, best first (a generator)."""
        chosen: list[tuple[_Task, tuple[int, ...]]] = []

        def rec(i: int) -> Iterator[list[tuple[_Task, tuple[int, ...]]]]:
            if i == len(tasks):
                yield list(chosen)
                return
            task = tasks[i]
            for combo in self.candidates(task, week, counts[task.rid], state):
                if self.budget < 0:
                    return
                for d in combo:
                    state.add(task, d)
                chosen.append((task, combo))
                yield from rec(i + 1)
                chosen.pop()
                for d in combo:
                    state.remove(task, d)

        yield from rec(0)

    def tail_key(self, week: int, tasks: Sequence[_Task], state: _State) -> tuple[object, ...]:
        start = week * 7
        reach = max([7, *(t.gap for t in tasks)])
        return (
            week,
            tuple(
                tuple(d - start for d in state.history.get(t.rid, []) if d >= start - reach)
                for t in tasks
            ),
        )

    def search(self, tasks: Sequence[_Task], counts: Mapping[str, int], state: _State) -> bool:
        """Complete search over weeks; True (with ``state`` filled) when every wish is met.

        Each week's generator keeps its placements in ``state`` while suspended and
        undoes them when resumed or exhausted, so the stack mirrors the state.
        """
        if not tasks:
            return True
        failed: set[tuple[object, ...]] = set()
        keys = [self.tail_key(0, tasks, state)]
        stack = [self.week_choices(0, tasks, counts, state)]
        while stack:
            if self.budget < 0:
                return False
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
        return False

    def greedy(self, tasks: Sequence[_Task], counts: Mapping[str, int], state: _State) -> None:
        """Most that fits, week by week, without going back: for --best-effort."""
        for week in range(self.weeks):
            for task in tasks:
                for n in range(counts[task.rid], 0, -1):
                    options = self.candidates(task, week, n, state)
                    if options:
                        for d in options[0]:
                            state.add(task, d)
                        break


def _skipped_times(dates: Sequence[dt.date], name: str) -> dict[int, tuple[int, int]]:
    """Per day index, the local minutes that do not exist in zone ``name`` that day."""
    import zoneinfo

    from planner.errors import UsageError

    try:
        zone = zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise UsageError(f"unknown time zone '{name}'") from exc
    out: dict[int, tuple[int, int]] = {}
    for i, day in enumerate(dates):
        first = dt.datetime.combine(day, dt.time(0, 0), zone).utcoffset()
        last = dt.datetime.combine(day, dt.time(23, 59), zone).utcoffset()
        if first is None or last is None or last <= first:
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


def _dates_label(days: Sequence[str]) -> str:
    if len(days) > 4:
        return f"{', '.join(days[:3])} and {len(days) - 3} more"
    return ", ".join(days)


def build_schedule(
    routine: Routine,
    recipes: Mapping[str, Recipe],
    start: dt.date,
    weeks: int | None = None,
    conditions: Sequence[str] = (),
    timezone: str = "UTC",
    best_effort: bool = False,
) -> Plan:
    """A plan for ``routine`` from ``start``, or InfeasibleError saying why not.

    With ``best_effort`` the most that fits is planned and every remedy that
    falls short is listed in ``Plan.shortfalls``; the hard rules still hold.
    """
    weeks = weeks or routine.weeks
    if not 1900 <= start.year <= 9000:
        from planner.errors import UsageError

        raise UsageError(f"start date {start.isoformat()}: choose a date between 1900 and 9000")
    s = _Scheduler(routine, recipes, start, weeks, conditions, best_effort)
    s.set_timezone(timezone)
    s.event_dates()
    tasks = s.make_tasks()
    asked = {t.rid: _asked(s, t) for t in tasks}
    wanted_per_day = {t.rid: t.per_day for t in tasks}
    reasons: dict[str, list[str]] = {t.rid: [] for t in tasks}
    for task in tasks:
        found, fit, per_day = s.static_problems(task)
        reasons[task.rid] += found
        task.per_day = per_day
        task.times = task.times[:per_day]
        if fit is not None:
            task.per_week = fit
    general = s.pair_problems(tasks)
    weekly = sorted(
        (t for t in tasks if t.per_week),
        key=lambda t: (-len(s.conflicts.get(t.rid, set())), -(t.per_week or 0), t.rid),
    )
    counts = {t.rid: t.per_week or 0 for t in weekly}

    def fresh() -> _State:
        n = s.n_days
        return _State(n, [[] for _ in range(n)], [{} for _ in range(n)], {})

    state = fresh()
    s.place_fixed(tasks, state)
    for task in tasks:
        if task.per_week is None:
            asked[task.rid] = task.asked // max(task.per_day, 1) * wanted_per_day[task.rid]
    for f in s.shortfalls:
        reasons[f.recipe].append(f.reason)
    up_front = [f"{rid}: {line}" for rid, lines in reasons.items() for line in lines]
    up_front += general + s.problems
    if up_front and not best_effort:
        raise InfeasibleError(_unique(up_front))
    if not s.search(weekly, counts, state):
        state = fresh()
        s.shortfalls = []
        s.place_fixed(tasks, state)
        s.greedy(weekly, counts, state)
        for rid, line in _weekly_reasons(s, weekly, counts, state):
            reasons[rid].append(line)
        if not best_effort:
            lines = [f"{rid}: {line}" for rid, found in reasons.items() for line in found]
            if lines:
                raise InfeasibleError(_unique(lines))
    shortfalls: list[Shortfall] = []
    for task in tasks:
        placed = len(state.history.get(task.rid, [])) * task.per_day
        if placed < asked[task.rid] or reasons[task.rid]:
            why = "; ".join(_unique(reasons[task.rid])) or "less fits than asked"
            shortfalls.append(Shortfall(task.rid, asked[task.rid], placed, why))
    s.shortfalls = shortfalls + s.event_shortfalls
    return _plan(s, tasks, state)


def _asked(s: _Scheduler, task: _Task) -> int:
    """Sessions the routine asks for over the whole plan."""
    if task.per_week is not None:
        return task.per_week * task.per_day * s.weeks
    return task.asked


def _event_order(e: PlannedEvent) -> tuple[object, ...]:
    return (e.date, -1 if e.start is None else e.start, e.event, e.title, e.recipe or "")


def _unique(lines: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(lines))


def _weekly_reasons(
    s: _Scheduler, tasks: Sequence[_Task], counts: Mapping[str, int], state: _State
) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for task in tasks:
        n = counts[task.rid]
        days = state.history.get(task.rid, [])
        short = [w for w in range(s.weeks) if sum(1 for d in days if d // 7 == w) < n]
        if not short:
            continue
        why: dict[str, None] = {}
        for w in short:
            for d in range(w * 7, w * 7 + 7):
                if d not in days:
                    reason = s.day_problem(task, d, state)
                    why.setdefault(reason or "the weekly limit or spacing after earlier weeks")
        placed = len(days)
        out.append(
            (
                task.rid,
                (
                    f"asked {n} a week; {placed} of {n * s.weeks} fit beside the other remedies. "
                    f"Short in week {', '.join(str(w + 1) for w in short)}: {'; '.join(why)}"
                ),
            )
        )
    return out


def _plan(s: _Scheduler, tasks: Sequence[_Task], state: _State) -> Plan:
    sessions: list[Session] = []
    by_id = {t.rid: t for t in tasks}
    for day in range(s.n_days):
        specs = sorted(state.specs[day])  # pack() answers in sorted order
        if not specs:
            continue
        starts = s.pack(day, specs)
        if starts is None:  # pragma: no cover - every placement was packed before
            raise AssertionError(f"day {day} lost its packing")
        for spec, begin in zip(specs, starts, strict=True):
            sessions.append(
                Session(
                    s.dates[day], begin, spec.recipe, by_id[spec.recipe].recipe.minutes, spec.slot
                )
            )
    return Plan(
        routine=s.routine.id,
        title=s.routine.title,
        start=s.start,
        weeks=s.weeks,
        timezone=s.timezone,
        sessions=tuple(sorted(sessions)),
        events=tuple(sorted(s.events, key=_event_order)),
        excluded=tuple(s.excluded),
        shortfalls=tuple(s.shortfalls),
        conditions=s.conditions,
    )
