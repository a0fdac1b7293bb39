"""Taking in the history: sessions really done count as earlier session days, those on
the plan's own days are kept as done, and the notes say what the history changed."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING

from planner.core.plan import Session
from planner.schedule.rules import NO_ROOM
from planner.schedule.state import _limits_ok, _short_dates, _State, _Task

if TYPE_CHECKING:
    from planner.schedule.search import _Scheduler

# Each function is a method of _Scheduler (assigned there by name): ``self`` is the
# scheduler, whose state they share.


def history_ok(self: _Scheduler, task: _Task, days: Sequence[int], state: _State) -> bool:
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


def history_reason(self: _Scheduler, task: _Task) -> str:
    lim = task.recipe.limits
    return (
        f"at most {lim.max_per_week.value} in any 7 days "
        f"({lim.max_per_week.provenance}) and "
        f"{lim.min_days_between.value}+ days apart "
        f"({lim.min_days_between.provenance})"
    )


# ---- the history ---------------------------------------------------
def take_history(self: _Scheduler, tasks: Sequence[_Task]) -> None:
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


def history_days(self: _Scheduler, task: _Task) -> list[int]:
    """The days of ``task``'s sessions done, as the search counts them (see ``past``)."""
    sessions: dict[int, int] = {}
    for e in self.seen.get(task.rid, []):
        day = (e.date - self.start).days
        sessions[day] = sessions.get(day, 0) + 1
    return sorted(d for d, k in sessions.items() for _ in range(-(-k // task.per_day)))


def history_caps(self: _Scheduler, task: _Task) -> dict[int, tuple[int, int]]:
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


def history_notices(
    self: _Scheduler, tasks: Sequence[_Task], sessions: Sequence[Session]
) -> list[str]:
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


def ruled_out_by_history(self: _Scheduler, task: _Task, day: int, state: _State, why: str) -> bool:
    """Whether only the history keeps an every-day remedy off ``day``: a session done
    that day that may not share it, or its own sessions done before."""
    if why == self.done_blocked.get(task.rid, {}).get(day):
        return True
    past = self.past.get(task.rid)
    if not past or why != self.history_reason(task):
        return False
    mine = [d for d in state.history.get(task.rid, []) if d not in past]
    return _limits_ok(mine, [day], task.gap, task.max_week // task.per_day)


def finish_done_days(self: _Scheduler, tasks: Sequence[_Task], state: _State) -> None:
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
                why = NO_ROOM
            if why is not None:
                missed.append((day, why))
                continue
            state.specs[day] += rest
            state.recipes_on[day][task.rid] = len(rest)
            missed.append((day, None))
        self.rest[task.rid] = missed
