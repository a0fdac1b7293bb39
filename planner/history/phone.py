"""Sessions ticked on the phone, kept in the history in the person's data folder.

Every sync reads the routine's tasks (``planner.caldav.tasks``) before it plans. A
ticked task becomes one record, ``"source": "calendar"``, on the day and at the time
it was ticked (in the plan's time zone), with the task's UID, so that:

- a task is recorded once, however often sync runs;
- a task ticked again at another time moves its record (when the app says when);
- a task un-ticked takes back its own record, and only it;
- a task deleted from the list keeps its record (clearing done tasks away is tidying,
  not undoing), as does every record from anywhere else (``done``, a workbook).

A tick dated later than now (a phone's clock that is wrong, a date typed by hand) is
not recorded; the caller says why. A task that tells no time at all is recorded on its
session's day, without a time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from planner.caldav.tasks import Tick
from planner.core.done import Done
from planner.core.recipe import YEARS
from planner.core.record import record
from planner.history.store import edit_history

SOURCE = "calendar"
SLACK = dt.timedelta(minutes=10)  # a phone's clock a little ahead of this computer's


@record
class TickOutcome:
    """What the ticks changed in the history (or would, in a dry run)."""

    recorded: tuple[Done, ...] = ()
    taken_back: tuple[Done, ...] = ()
    moved: tuple[tuple[Done, Done], ...] = ()  # ticked again at another time: (was, now)
    refused: tuple[tuple[Tick, dt.datetime], ...] = ()  # ticked later than now: (tick, local)
    held: int = 0  # ticks already recorded

    @property
    def changed(self) -> bool:
        return bool(self.recorded or self.taken_back or self.moved)


def _record_of(tick: Tick, zone: Any) -> Done:
    if tick.when is None:
        return Done(tick.task.name, tick.task.date, None, SOURCE, tick.uid)
    local = tick.when.astimezone(zone)
    return Done(tick.task.name, local.date(), local.hour * 60 + local.minute, SOURCE, tick.uid)


def reconcile_ticks(
    history: Sequence[Done], ticks: Sequence[Tick], zone: Any, now: dt.datetime
) -> tuple[list[Done], TickOutcome]:
    """The history with the ticks applied (by the rules above), and what changed."""
    by_task = {d.task: d for d in history if d.source == SOURCE and d.task}
    latest: dict[str, Tick] = {}
    for tick in ticks:  # two copies of one task: a tick in either counts
        if tick.uid not in latest or tick.done:
            latest[tick.uid] = tick
    drop: set[int] = set()  # the records taken out, by identity (copies may be equal)
    add: list[Done] = []
    recorded: list[Done] = []
    taken_back: list[Done] = []
    moved: list[tuple[Done, Done]] = []
    refused: list[tuple[Tick, dt.datetime]] = []
    held = 0
    for uid, tick in sorted(latest.items()):
        old = by_task.get(uid)
        if not tick.done:
            if old is not None:
                drop.add(id(old))
                taken_back.append(old)
            continue
        if tick.when is not None and (
            tick.when > now + SLACK or not YEARS[0] <= tick.when.astimezone(zone).year <= YEARS[1]
        ):
            refused.append((tick, tick.when.astimezone(zone)))
            continue
        new = _record_of(tick, zone)
        if old is None:
            add.append(new)
            recorded.append(new)
        elif (old.date, old.time) == (new.date, new.time) or not tick.exact:
            held += 1
        else:
            drop.add(id(old))
            add.append(new)
            moved.append((old, new))

    def when(d: Done) -> tuple[dt.date, int]:
        return d.date, -1 if d.time is None else d.time

    outcome = TickOutcome(
        tuple(sorted(recorded, key=when)),
        tuple(sorted(taken_back, key=when)),
        tuple(sorted(moved, key=lambda pair: when(pair[1]))),
        tuple(refused),
        held,
    )
    return [d for d in history if id(d) not in drop] + add, outcome


def record_ticks(
    path: Path, ticks: Sequence[Tick], zone: Any, now: dt.datetime, *, dry_run: bool = False
) -> TickOutcome:
    """Apply the ticks to the history at ``path``, under its lock (in a dry run, only
    work out what would change)."""
    found: list[TickOutcome] = []

    def edit(history: list[Done]) -> list[Done] | None:
        new, outcome = reconcile_ticks(history, ticks, zone, now)
        found[:] = [outcome]
        return new if outcome.changed and not dry_run else None

    if dry_run:
        from planner.history.store import read_history

        edit(list(read_history(path)))
    else:
        edit_history(path, edit)
    return found[0]
