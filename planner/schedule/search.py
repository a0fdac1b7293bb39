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

import bisect
import datetime as dt
import itertools
import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from planner.core.done import Done
from planner.core.plan import Exclusion, Plan, PlannedEvent, Session, Shortfall
from planner.core.recipe import (
    SAME_RECIPE_SPACING,
    WEEKDAYS,
    YEARS,
    EventWindow,
    Recipe,
    clock,
    day_text,
    share_skin,
)
from planner.core.routine import EventSpec, Routine, Wish
from planner.core.zones import skipped_times
from planner.errors import InfeasibleError
from planner.schedule.daypack import (
    Spec,
    default_times,
    free_intervals,
    pack_day,
    recipe_times,
)

if TYPE_CHECKING:
    from planner.schedule.exact import ExactModel, ExactResult

SEARCH_BUDGET = 60_000


def _label_days(days: Sequence[int]) -> str:
    return ", ".join(WEEKDAYS[d].capitalize() for d in days)


_NO_DAYS: frozenset[int] = frozenset()


def _limits_ok(
    past: Sequence[int], days: Sequence[int], gap: int, limit: int, tolerant: bool = False
) -> bool:
    """``days`` beside the session days ``past`` keep the spacing and at most ``limit``
    days in any 7.

    With ``tolerant``, ``past`` may break the rules by itself (a history done against
    them): only a pair or a 7-day stretch that holds one of the new days counts.
    """
    all_days = sorted([*past, *days])
    new: set[int] | frozenset[int] = set(days) if tolerant else _NO_DAYS
    for a, b in itertools.pairwise(all_days):
        if b - a < gap and (not tolerant or a in new or b in new):
            return False
    lo_i = 0
    for hi_i, day in enumerate(all_days):
        while all_days[lo_i] <= day - 7:
            lo_i += 1
        if hi_i - lo_i + 1 > limit and (
            not tolerant or any(d in new for d in all_days[lo_i : hi_i + 1])
        ):
            return False
    return True


@dataclass
class _Task:
    """A remedy being placed by the search, with what it asks for."""

    recipe: Recipe
    wish: Wish
    per_day: int
    per_week: int | None  # None: fixed days
    times: tuple[int, ...]
    window: EventWindow | None = None
    asked: int = 0  # sessions asked over the whole plan, set when placed
    wanted: list[int] = field(default_factory=list)  # days a fixed remedy is asked for
    bounds: dict[int, tuple[int, int]] = field(default_factory=dict)  # day -> earliest, latest

    def spec(self, slot: int, day: int) -> Spec:
        """Session ``slot`` (0-based) of this remedy on ``day``."""
        low, high = self.bounds.get(day, (0, 24 * 60))
        pinned = bool(self.wish.times)
        return Spec(self.times[slot], self.rid, slot + 1, self.recipe.minutes, pinned, low, high)

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

    def add(self, task: _Task, day: int, sessions: int | None = None) -> None:
        n = task.per_day if sessions is None else sessions
        for slot in range(n):
            self.specs[day].append(task.spec(slot, day))
        self.recipes_on[day][task.rid] = n
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
        timezone: str = "UTC",
        history: Sequence[Done] = (),
    ) -> None:
        self.routine = routine
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

    def harsh_note(self, rid: str, other: str) -> str:
        """ " (both are drying or exfoliating ...)" when that is why two may not share a day."""
        why = self.conflict_reason(rid, other)
        return "" if why.startswith("not on the same day") else f" ({why})"

    def conflict_reason(self, rid: str, other: str) -> str:
        named = other in self.recipes[rid].limits.not_same_day_as.value or (
            other in self.recipes and rid in self.recipes[other].limits.not_same_day_as.value
        )
        if named or frozenset((rid, other)) not in self.harsh_pairs:
            return f"not on the same day as {other}"
        return f"{other} is also drying or exfoliating (one such treatment a day)"

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

    def pack(self, day: int, specs: Sequence[Spec]) -> list[int] | None:
        """Start minutes for ``sorted(specs)`` on ``day``, cached by the day's contents."""
        key = (tuple(sorted(specs)), tuple(self.busy[day]))
        if key not in self.pack_cache:
            self.pack_cache[key] = pack_day(key[0], self.windows, key[1])
        return self.pack_cache[key]

    def off_reason(self, day: int) -> str | None:
        """Why nothing at all may go on ``day``, if so."""
        if self.available[day]:
            return None
        d = self.dates[day]
        if self.gaps.get(day) == (0, 24 * 60):
            return f"the date does not exist in {self.timezone}"
        if d in self.routine.availability.blackout:
            return "blackout date"
        return f"{WEEKDAYS[d.weekday()].capitalize()} is not an available day"

    def day_problem(self, task: _Task, day: int, state: _State) -> str | None:
        """Why ``task`` cannot go on ``day`` given what is there (same-day rules only)."""
        off = self.off_reason(day)
        if off is not None:
            return off
        if day in self.blocked.get(task.rid, {}):
            return self.blocked[task.rid][day]
        done = self.done_blocked.get(task.rid)
        if done and day in done:
            return done[day]
        mine = self.conflicts.get(task.rid, set())
        for other in state.recipes_on[day]:
            if other in mine:
                return self.conflict_reason(task.rid, other)
        specs = [*state.specs[day], *(task.spec(s, day) for s in range(task.per_day))]
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
        return _limits_ok(past, days, gap, task.max_week // task.per_day, task.rid in self.untidy)

    def history_reason(self, task: _Task) -> str:
        lim = task.recipe.limits
        return (
            f"at most {lim.max_per_week.value} in any 7 days "
            f"({lim.max_per_week.provenance}) and "
            f"{lim.min_days_between.value}+ days apart "
            f"({lim.min_days_between.provenance})"
        )

    # ---- the history ---------------------------------------------------
    def take_history(self, tasks: Sequence[_Task]) -> None:
        """The history's sessions of the routine's remedies that a limit reaches from
        the plan, or that lie on its days; other remedies' sessions on the plan's days
        for the same-day rules and the clock. Older ones are ignored."""
        by_id = {t.rid: t for t in tasks}
        others: dict[str, set[int]] = {}  # other remedies done on the plan's days
        for entry in self.history:
            task = by_id.get(entry.recipe)
            day = (entry.date - self.start).days
            if task is None:
                # Not this routine's, but the same-day rules still hold against it (a
                # fruit-acid peel done today rules out a drying mask today).
                if entry.recipe in self.recipes and 0 <= day < self.n_days:
                    others.setdefault(entry.recipe, set()).add(day)
                    if entry.time is not None:
                        minutes = self.recipes[entry.recipe].minutes
                        self.busy[day].append((entry.time, min(entry.time + minutes, 24 * 60)))
                continue
            if not -max(7, task.gap) < day < self.n_days:
                continue
            self.seen.setdefault(task.rid, []).append(entry)
            if day < 0:
                continue
            on = self.done_days.setdefault(task.rid, {})
            on[day] = on.get(day, 0) + 1
            if entry.time is not None:
                # It happened then: nothing else is planned at that time.
                end = min(entry.time + task.recipe.minutes, 24 * 60)
                self.busy[day].append((entry.time, end))
        for rid in self.seen:
            for day in self.done_days.get(rid, {}):
                self.done_blocked.setdefault(rid, {})[day] = "already done that day"
        self.done_on = {rid: set(self.done_days.get(rid, {})) for rid in self.seen} | others
        for rid, days in sorted(self.done_on.items()):
            for day in sorted(days):
                for other in sorted(self.conflicts.get(rid, set()) & self.recipes.keys()):
                    why = self.conflict_reason(other, rid)
                    self.done_blocked.setdefault(other, {}).setdefault(
                        day, f"{why}, and it was done that day"
                    )

    def history_days(self, task: _Task) -> list[int]:
        """The days of ``task``'s sessions done, as the search counts them (see ``past``)."""
        sessions: dict[int, int] = {}
        for e in self.seen.get(task.rid, []):
            day = (e.date - self.start).days
            sessions[day] = sessions.get(day, 0) + 1
        return sorted(d for d, k in sessions.items() for _ in range(-(-k // task.per_day)))

    def history_caps(self, task: _Task) -> dict[int, tuple[int, int]]:
        """Per plan week that the history reaches: its days done, and the most new days
        the remedy's own limits allow beside the history."""
        past = self.past.get(task.rid)
        if not past:
            return {}
        reach = max(7, task.gap)
        limit = task.max_week // task.per_day
        out: dict[int, tuple[int, int]] = {}
        for w in range(self.weeks):
            lo, hi = 7 * w, 7 * w + 6
            near = [d for d in past if lo - reach < d < hi + reach]
            if not near:
                continue
            free = [d for d in range(lo, hi + 1) if d not in near]
            most = next(
                (
                    k
                    for k in range(len(free), 0, -1)
                    if any(
                        _limits_ok(near, combo, task.gap, limit, tolerant=True)
                        for combo in itertools.combinations(free, k)
                    )
                ),
                0,
            )
            out[w] = (len({d for d in near if lo <= d <= hi}), most)
        return out

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

    def history_notices(self, tasks: Sequence[_Task], sessions: Sequence[Session]) -> list[str]:
        """One line per remedy whose plan the history changed: what was done, the first
        planned day, and weeks that hold fewer than asked because of it."""
        out: list[str] = []
        for task in tasks:
            entries = self.seen.get(task.rid)
            if not entries:
                continue
            past = self.past[task.rid]
            done = self.done_days.get(task.rid, {})
            limit = task.max_week // task.per_day
            tolerant = task.rid in self.untidy
            early = [
                d
                for d in range(min(max(7, task.gap), self.n_days))
                if d not in done and not _limits_ok(past, [d], task.gap, limit, tolerant)
            ]
            short: list[str] = []
            if task.per_week:
                for w, (n_done, _) in sorted(self.caps.get(task.rid, {}).items()):
                    has = n_done + self.week_n(task, w, task.per_week)
                    if has < task.per_week:
                        short.append(f"week {w + 1} holds {has} of the {task.per_week} a week")
            dropped = self.dropped.get(task.rid, [])
            if not (early or short or done or dropped):
                continue
            dates = sorted({e.date for e in entries})
            line = f"{task.rid}: {len(entries)} done on {_short_dates(dates)}"
            if done:
                line += ", kept as done"
            for day, why in self.rest.get(task.rid, []):
                left = task.per_day - done[day]
                what = "its other session" if left == 1 else f"its other {left} sessions"
                when = _short_dates([self.dates[day]])
                line += f"; {what} on {when} " + ("still planned" if why is None else f"not: {why}")
            if early or short or dropped:
                lim = task.recipe.limits
                mine = [s.date for s in sessions if s.recipe == task.rid]
                first = f"first planned {_short_dates(mine[:1])}" if mine else "none planned"
                line += (
                    f"; at most {lim.max_per_week.value} in any 7 days and "
                    f"{lim.min_days_between.value}+ days apart: {first}"
                )
            if dropped:
                line += f"; not on {_short_dates([self.dates[d] for d in dropped])}"
            if short:
                line += f" ({'; '.join(short)})"
            out.append(line)
        # Remedies outside the routine, done on its days, that kept some of it off them.
        routine_ids = {t.rid for t in tasks}
        for rid in sorted(self.done_on.keys() - routine_ids):
            kept_off = sorted(self.conflicts.get(rid, set()) & routine_ids)
            if kept_off:
                days = sorted(self.dates[d] for d in self.done_on[rid])
                why = "".join(dict.fromkeys(self.harsh_note(other, rid) for other in kept_off))
                out.append(
                    f"{rid} (not in this routine): done on {_short_dates(days)}, so "
                    f"{' and '.join(kept_off)} not planned on that day{why}"
                )
        return out

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
                    f"({lim.min_days_between.provenance})"
                )
        for first in range(day - 6, day + 1):
            n = 1 + sum(1 for d in taken if first <= d <= first + 6)
            if n > lim.max_per_week.value:
                return (
                    f"{recipe.id}: {n} appointments within 7 days of {self.day_label(day)}; at "
                    f"most {lim.max_per_week.value} ({lim.max_per_week.provenance})"
                )
        return None

    def event_problem(self, text: str, recipe: str | None = None) -> None:
        """A problem with an event: an error, or with best effort a shortfall."""
        if self.best_effort:
            self.event_shortfalls.append(Shortfall(recipe or "", 0, 0, text))
        else:
            self.problems.append(f"{recipe}: {text}" if recipe else text)

    def event_dates(self) -> None:
        taken: dict[str, list[int]] = {}
        last = self.dates[-1]
        for spec in sorted(self.routine.events, key=self.event_day):
            day = self.event_day(spec)
            when = self.start + dt.timedelta(days=day)
            if not 0 <= day < self.n_days:
                side = (
                    f"before the plan starts on {self.start.isoformat()}"
                    if day < 0
                    else f"after the plan ends on {last.isoformat()}"
                )
                self.event_problem(f"{spec.event} on {when.isoformat()} is {side}", spec.recipe)
                # Its windows and keep-clear days that reach into the plan still count.
                self.event_days.setdefault(spec.event, []).append(day)
                self.keep_clear(spec, day)
                continue
            recipe = self.recipes.get(spec.recipe) if spec.recipe else None
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
            elif recipe is not None:
                why = self.appointment_problem(recipe, day, taken.get(recipe.id, []))
                if why is not None and not self.best_effort:
                    self.problems.append(why)
                elif why is not None:
                    # Never an appointment without its rules: it is left out entirely.
                    left_out = f"{spec.title} on {self.day_label(day)} is left out: {why}"
                    self.event_shortfalls.append(Shortfall(recipe.id, 1, 0, left_out))
                    continue
                else:
                    taken.setdefault(recipe.id, []).append(day)
            self.event_days.setdefault(spec.event, []).append(day)
            minutes = spec.minutes or (recipe.minutes if recipe else None)
            if spec.recipe and recipe is None:
                minutes = None  # a left-out appointment takes no time that day
            start = spec.time
            if start is None and recipe is not None:
                first = recipe_times(recipe)[0]
                start = first.hour * 60 + first.minute
            gap = self.gaps.get(day)
            if start is not None and gap is not None and gap[0] <= start < gap[1]:
                self.notices.append(
                    f"{spec.title} on {self.day_label(day)} at {clock(start)}: that time does "
                    f"not exist in {self.timezone} (the clocks skip {clock(gap[0])}-"
                    f"{clock(gap[1])}); it is planned at {clock(gap[1] % (24 * 60))}"
                )
                start = gap[1] if gap[1] < 24 * 60 else None
            self.events.append(
                PlannedEvent(
                    self.dates[day], spec.event, spec.title, start, minutes,
                    recipe.id if recipe else None,
                )
            )  # fmt: skip
            if start is not None and minutes:
                self.busy[day].append((start, start + minutes))
            if recipe is not None:
                for other in self.conflicts.get(recipe.id, set()):
                    self.blocked.setdefault(other, {})[day] = f"{spec.title} ({recipe.id}) that day"
            self.keep_clear(spec, day)

    def keep_clear(self, spec: EventSpec, day: int) -> None:
        if spec.keep_clear is None:
            return
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
            if window is not None:
                task.bounds = self.event_bounds(window)
            self.note_outside_windows(task)
            tasks.append(task)
        return tasks

    def note_outside_windows(self, task: _Task) -> None:
        """A recipe's usual time that no time window holds is moved, and the plan says so."""
        if task.wish.times:
            return  # a time the person wrote has its own notice when it is not kept
        r = task.recipe
        outside = [
            t for t in task.times if not any(a <= t and t + r.minutes <= b for a, b in self.windows)
        ]
        if outside:
            said = [clock(t) for t in outside]
            times = said[0] if len(said) == 1 else ", ".join(said[:-1]) + " and " + said[-1]
            which = "time {} is" if len(said) == 1 else "times {} are"
            self.notices.append(
                f"{r.id}: its usual {which.format(times)} outside the time windows "
                f"({self.windows_label()}); {'it is' if len(said) == 1 else 'they are'} "
                "planned inside them"
            )

    def event_bounds(self, window: EventWindow) -> dict[int, tuple[int, int]]:
        """On the event's own day, aftercare (a window from day 0) comes after the event
        and a run-up that ends on day 0 comes before it."""
        out: dict[int, tuple[int, int]] = {}
        for e in self.events:
            if e.event != window.event or e.start is None:
                continue
            day = (e.date - self.start).days
            if window.first_day == 0:
                out[day] = (e.start + (e.minutes or 60), 24 * 60)
            elif window.last_day == 0:
                out[day] = (0, e.start)
        return out

    def recovery_days(self, tasks: Sequence[_Task], event: str) -> set[int]:
        """Days from each ``event`` to the end of the aftercare the routine has for it."""
        after = [t.window.last_day for t in tasks if t.window and t.window.event == event
                 and t.window.first_day >= 0]  # fmt: skip
        reach = max([0, *after])
        return {a + k for a in self.event_days.get(event, []) for k in range(reach + 1)}

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
                f"({lim.per_day.provenance})"
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
            fits = max(
                (k for k in range(1, per_day) if pack_day(specs[:k], self.windows) is not None),
                default=0,
            )
            out.append(
                f"{per_day} sessions a day, {SAME_RECIPE_SPACING // 60} h apart, do not fit "
                f"into the time windows {self.windows_label()}; {fits} a day would fit"
            )
            per_day = max(fits, 1)
        fit = task.per_week
        if task.per_week is not None:
            n = task.per_week
            most = lim.max_per_week.value // per_day
            if n > most:
                asked = f"{n} a week" if per_day == 1 else f"{n} days a week, {per_day} a day"
                out.append(
                    f"asked {asked}, but at most {lim.max_per_week.value} "
                    f"in any 7 days ({lim.max_per_week.provenance}); {most} a week would fit"
                )
                n = most
            w, d = self.weeks, task.gap
            spaced = (7 * w - 1 + d) // (w * d)
            if n > spaced:
                out.append(
                    f"asked {n} a week but sessions must be {d}+ days apart "
                    f"({lim.min_days_between.provenance}); {spaced} a week would fit"
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
                    f"not share a day{self.harsh_note(a.rid, b.rid)}, but only {avail} days a "
                    f"week are available; at most {avail} of their {both} fit"
                )
        for a in daily:
            for b in weekly:
                if b.rid in self.conflicts.get(a.rid, set()):
                    note = self.harsh_note(b.rid, a.rid)
                    out.append(
                        f"{b.rid} can never be placed: {a.rid} is planned every "
                        f"available day and the two may not share a day{note}"
                    )
        return out

    # ---- placing -------------------------------------------------------
    def window_days(self, window: EventWindow) -> tuple[list[int], list[int]]:
        """Days of every window of the event: those inside the plan, those outside it."""
        inside: set[int] = set()
        outside: set[int] = set()
        for anchor in self.event_days.get(window.event, []):
            for d in range(anchor + window.first_day, anchor + window.last_day + 1):
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
                    self.event_problem(
                        f"is used around '{ev.event}' events (days {ev.first_day:+d} "
                        f"to {ev.last_day:+d}) but the routine has no such event; add "
                        f'[[events]] event = "{ev.event}"',
                        task.rid,
                    )
                    continue
                wanted, outside = self.window_days(ev)
                if ev.last_day < 0:
                    wanted = self.without_recovery(task, wanted, tasks)
            else:
                wanted = [d for d in range(self.n_days) if self.available[d]]
            done = self.done_days.get(task.rid, {})
            self.rest[task.rid] = [(d, None) for d in wanted if 0 < done.get(d, 0) < task.per_day]
            wanted = [d for d in wanted if d not in done]  # kept as done
            task.asked = (len(wanted) + len(outside)) * task.per_day
            task.wanted = list(wanted)
            reasons: dict[str, list[str]] = {}
            placed = 0
            for day in wanted:
                why = self.day_problem(task, day, state)
                if why is None and not self.history_ok(task, [day], state):
                    why = self.history_reason(task)
                if why is not None and self.ruled_out_by_history(task, day, state, why):
                    # Not asked any more: the history, not the plan, leaves no room.
                    self.dropped.setdefault(task.rid, []).append(day)
                    task.asked -= task.per_day
                    task.wanted.remove(day)
                    continue
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
                detail = "; ".join(
                    f"not on {_dates_label(days)} ({why})" for why, days in reasons.items()
                )
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
                        f"asked {what} ({task.asked} sessions); {placed * task.per_day} fit: "
                        f"{detail}",
                    )
                )

    def ruled_out_by_history(self, task: _Task, day: int, state: _State, why: str) -> bool:
        """Whether only the history keeps an every-day remedy off ``day``: a session done
        that day that may not share it, or its own sessions done before."""
        if why == self.done_blocked.get(task.rid, {}).get(day):
            return True
        past = self.past.get(task.rid)
        if not past or why != self.history_reason(task):
            return False
        mine = [d for d in state.history.get(task.rid, []) if d not in past]
        return _limits_ok(mine, [day], task.gap, task.max_week // task.per_day)

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

    def finish_done_days(self, tasks: Sequence[_Task], state: _State) -> None:
        """A remedy used more than once a day, done fewer times on a plan day: the day's
        other sessions go on it too when they fit beside what is planned there (the day
        already counts toward the limits)."""
        for task in tasks:
            if task.per_week is None:
                days = [d for d, _ in self.rest.get(task.rid, [])]
            else:
                done = self.done_days.get(task.rid, {})
                days = [d for d, k in sorted(done.items()) if k < task.per_day]
            missed: list[tuple[int, str | None]] = []
            for day in days:
                k = self.done_days[task.rid][day]
                rest = self.rest_of_day(task, day, k, state)
                why = self.off_reason(day) or self.blocked.get(task.rid, {}).get(day)
                for other in sorted(self.conflicts.get(task.rid, set())):
                    if why is None and day in self.done_on.get(other, set()):
                        why = f"{self.conflict_reason(task.rid, other)}, and it was done that day"
                if why is None and not self.room_for(task, day, len(rest), state):
                    why = self.history_reason(task)
                if why is None and self.pack(day, [*state.specs[day], *rest]) is None:
                    why = "no free time left in the day's windows"
                if why is not None:
                    missed.append((day, why))
                    continue
                state.specs[day] += rest
                state.recipes_on[day][task.rid] = len(rest)
                missed.append((day, None))
            self.rest[task.rid] = missed

    def room_for(self, task: _Task, day: int, more: int, state: _State) -> bool:
        """Whether ``more`` sessions of ``task`` on ``day`` keep its limits, counting the
        sessions really done and those planned (not days: a day done in part)."""
        done: dict[int, int] = {}
        for e in self.seen.get(task.rid, []):
            d = (e.date - self.start).days
            done[d] = done.get(d, 0) + 1
        for d in range(day - task.gap + 1, day + task.gap):
            planned = 0 <= d < self.n_days and task.rid in state.recipes_on[d]
            if d != day and (d in done or planned):
                return False  # a history that broke the spacing itself
        for first in range(day - 6, day + 1):
            days = range(first, first + 7)
            n = more + sum(done.get(d, 0) for d in days)
            n += sum(state.recipes_on[d].get(task.rid, 0) for d in days if 0 <= d < self.n_days)
            if n > task.max_week:
                return False
        return True

    def without_recovery(self, task: _Task, wanted: list[int], tasks: Sequence[_Task]) -> list[int]:
        """A run-up never falls on its event's day or the aftercare days after one: with
        two events close together, the aftercare of the first wins over the run-up of the
        second, and the dropped days are named."""
        assert task.window is not None
        recovery = self.recovery_days(tasks, task.window.event)
        dropped = [d for d in wanted if d in recovery]
        if dropped:
            self.notices.append(
                f"{task.rid}: not on {_dates_label([self.dates[d].isoformat() for d in dropped])}"
                f": those are {task.window.event} or aftercare days, and the run-up for the "
                f"next {task.window.event} does not go on freshly treated skin"
            )
        return [d for d in wanted if d not in recovery]

    def candidates(self, task: _Task, week: int, n: int, state: _State) -> list[tuple[int, ...]]:
        base = week * 7
        days = [base + i for i in range(7)]
        ok_days = [d for d in days if self.day_problem(task, d, state) is None]
        self.budget -= len(days)
        out: list[tuple[float, tuple[int, ...]]] = []
        past = state.history.get(task.rid, [])
        before = bisect.bisect_left(past, base)  # a day done later in the plan is no "last"
        last = past[before - 1] if before else None
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
            n = self.week_n(task, week, counts[task.rid])
            for combo in self.candidates(task, week, n, state):
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
            days = tuple(d for d in pool if self.day_problem(t, d, empty) is None)
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

    def asked_of(self, task: _Task) -> int:
        """Sessions the routine asks for over the whole plan."""
        if task.per_week is not None:
            return task.per_week * task.per_day * self.weeks
        return task.asked

    def weekly_reasons(
        self, tasks: Sequence[_Task], counts: Mapping[str, int], state: _State
    ) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        for task in tasks:
            n = counts[task.rid]
            done = self.done_days.get(task.rid, {})
            days = [d for d in state.history.get(task.rid, []) if d >= 0 and d not in done]
            short = [
                w
                for w in range(self.weeks)
                if sum(1 for d in days if d // 7 == w) < self.week_n(task, w, n)
            ]
            if not short:
                continue
            why: dict[str, None] = {}
            for w in short:
                for d in range(w * 7, w * 7 + 7):
                    if d not in days and d not in done:
                        reason = self.day_problem(task, d, state)
                        why.setdefault(reason or "the weekly limit or spacing after earlier weeks")
            placed = len(days)
            total = sum(self.week_n(task, w, n) for w in range(self.weeks))
            out.append(
                (
                    task.rid,
                    (
                        f"asked {n} a week; {placed} of {total} days fit beside the other "
                        f"remedies. Short in week {', '.join(str(w + 1) for w in short)}: "
                        f"{'; '.join(why)}"
                    ),
                )
            )
        return out

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
            best = solve(self.exact_model(tasks, maximize=True), maximize=True)
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


def _short_dates(dates: Sequence[dt.date]) -> str:
    """ "Sat 5 Dec and Sun 6 Dec"; a long list is cut after three."""
    shown = [day_text(d) for d in dates]
    if len(shown) > 4:
        return f"{', '.join(shown[:3])} and {len(shown) - 3} more"
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


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
    history: Sequence[Done] = (),
) -> Plan:
    """A plan for ``routine`` from ``start``, or InfeasibleError saying why not.

    With ``best_effort`` the most that fits is planned and every remedy that
    falls short is listed in ``Plan.shortfalls``; the hard rules still hold.

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
        routine, recipes, start, weeks, conditions, best_effort, timezone, history
    ).run()


_UNDECIDED = (
    "no plan was found within the exact search's time limit; one may still exist "
    "(a shorter plan or fewer remedies will decide faster)"
)


def _done_order(d: Done) -> tuple[object, ...]:
    return (d.date, d.time is not None, d.time or 0, d.recipe, d.source)


def _event_order(e: PlannedEvent) -> tuple[object, ...]:
    return (e.date, -1 if e.start is None else e.start, e.event, e.title, e.recipe or "")


def _unique(lines: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(lines))
