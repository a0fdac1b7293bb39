"""Appointments and the remedies tied to them: event days, the windows before and after
an event, keep-clear days, and the sessions placed on fixed days."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from planner.core.plan import Exclusion, PlannedEvent, Shortfall
from planner.core.recipe import (
    SAME_RECIPE_SPACING,
    EventWindow,
    Recipe,
    clock,
)
from planner.core.routine import EventSpec
from planner.schedule.daypack import (
    recipe_times,
)
from planner.schedule.rules import NO_ROOM
from planner.schedule.state import _dates_label, _State, _Task

if TYPE_CHECKING:
    from planner.schedule.search import _Scheduler

# Each function is a method of _Scheduler (assigned there by name): ``self`` is the
# scheduler, whose state they share.


def event_day(self: _Scheduler, spec: EventSpec) -> int:
    return (spec.date - self.start).days if spec.date is not None else (spec.day or 1) - 1


def appointment_problem(
    self: _Scheduler, recipe: Recipe, day: int, taken: Sequence[int]
) -> str | None:
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


def event_problem(self: _Scheduler, text: str, recipe: str | None = None) -> None:
    """A problem with an event: an error, or with best effort a shortfall."""
    if self.best_effort:
        self.event_shortfalls.append(Shortfall(recipe or "", 0, 0, text))
    else:
        self.problems.append(f"{recipe}: {text}" if recipe else text)


def event_dates(self: _Scheduler) -> None:
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


def keep_clear(self: _Scheduler, spec: EventSpec, day: int) -> None:
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


def event_bounds(self: _Scheduler, window: EventWindow) -> dict[int, tuple[int, int]]:
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


def recovery_days(self: _Scheduler, tasks: Sequence[_Task], event: str) -> set[int]:
    """Days from each ``event`` to the end of the aftercare the routine has for it."""
    after = [t.window.last_day for t in tasks if t.window and t.window.event == event
             and t.window.first_day >= 0]  # fmt: skip
    reach = max([0, *after])
    return {a + k for a in self.event_days.get(event, []) for k in range(reach + 1)}


# ---- placing -------------------------------------------------------
def window_days(self: _Scheduler, window: EventWindow) -> tuple[list[int], list[int]]:
    """Days of every window of the event: those inside the plan, those outside it."""
    inside: set[int] = set()
    outside: set[int] = set()
    for anchor in self.event_days.get(window.event, []):
        for d in range(anchor + window.first_day, anchor + window.last_day + 1):
            (inside if 0 <= d < self.n_days else outside).add(d)
    return sorted(inside), sorted(outside)


def without_recovery(
    self: _Scheduler, task: _Task, wanted: list[int], tasks: Sequence[_Task]
) -> list[int]:
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


def place_fixed(self: _Scheduler, tasks: Sequence[_Task], state: _State) -> None:
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
        partial: dict[tuple[int, str], list[str]] = {}  # (sessions, why) -> dates
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
            some = self.most_that_fit(task, day, state) if why == NO_ROOM else 0
            if some:
                # The sessions that fit go on the day; the shortfall says why not all.
                state.add(task, day, some)
                placed += some
                key = (some, self.room_left(task, day, some))
                partial.setdefault(key, []).append(self.dates[day].isoformat())
                continue
            if why is not None:
                reasons.setdefault(why, []).append(self.dates[day].isoformat())
                continue
            state.add(task, day)
            placed += task.per_day
        if outside:
            reasons.setdefault("outside the plan's dates", []).extend(
                (self.start + dt.timedelta(days=d)).isoformat() for d in outside
            )
        if placed < task.asked:
            detail = "; ".join(
                [f"{n} of {task.per_day} on {_dates_label(days)} ({why})"
                 for (n, why), days in partial.items()]
                + [f"not on {_dates_label(days)} ({why})" for why, days in reasons.items()]
            )  # fmt: skip
            if task.window is not None:
                w = task.window
                what = f"every day of {w.event} days {w.first_day:+d} to {w.last_day:+d}"
            else:
                what = "every available day"
            self.shortfalls.append(
                Shortfall(
                    task.rid,
                    task.asked,
                    placed,
                    f"asked {what} ({task.asked} sessions); {placed} fit: {detail}",
                )
            )


def room_left(self: _Scheduler, task: _Task, day: int, some: int) -> str:
    """Why only ``some`` of ``task``'s sessions fit on ``day``."""
    low, high = task.bounds.get(day, (0, 24 * 60))
    where = "the day's free time"
    if task.window is not None and low > 0:
        where = f"the free time after the {task.window.event} ends at {clock(low)}"
    elif task.window is not None and high < 24 * 60:
        where = f"the free time before the {task.window.event} at {clock(high)}"
    hours = SAME_RECIPE_SPACING // 60
    return f"{where} holds only {some}, with one remedy's sessions {hours} hours apart"


def note_outside_windows(self: _Scheduler, task: _Task) -> None:
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
