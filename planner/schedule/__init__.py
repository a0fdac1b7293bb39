"""From a routine to dated, timed sessions: the scheduler and what it needs.

- ``search``: ``build_schedule``, the fast week-by-week search and every rule it keeps;
- ``exact``: the same rules as an OR-tools CP-SAT model, used when the search cannot
  decide and for best effort (OR-tools is imported only then);
- ``daypack``: one day's sessions on the clock, and the default times of a recipe.

May import ``planner.core`` and ``planner.errors``; never the
loader, describe, the file formats or the command line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from planner.core.done import Done
    from planner.core.plan import Plan
    from planner.core.recipe import Recipe
    from planner.core.routine import Routine

__all__ = ["build_schedule", "plan_or_refuse"]

# The refusal's hint plans with best effort on this much of the exact search's work
# (exact.MOST_WORK is best effort's own): a refusal comes in seconds.
HINT_WORK = 2.0


def plan_or_refuse(
    routine: Routine,
    recipes: Mapping[str, Recipe],
    start: dt.date,
    weeks: int | None = None,
    conditions: Sequence[str] = (),
    timezone: str = "UTC",
    best_effort: bool = False,
    history: Sequence[Done] = (),
) -> Plan:
    """``build_schedule``, with a refusal that says what best effort would do instead.

    When the wishes cannot all fit and best effort was not asked for, the routine is
    planned once more with best effort, on a small budget (HINT_WORK) so that a refusal
    comes in seconds; the InfeasibleError raised then carries in ``fullest`` how many
    sessions that plans (left None when it plans none at all), and in ``fullest_proven``
    whether that count is proven the most (else best effort plans at least as many).
    """
    from planner.errors import InfeasibleError
    from planner.schedule.search import build_schedule

    args = (routine, recipes, start, weeks, conditions, timezone)
    if best_effort:
        return build_schedule(*args, True, history)
    try:
        return build_schedule(*args, False, history)
    except InfeasibleError as exc:
        try:
            fullest = build_schedule(*args, True, history, work=HINT_WORK)
        except InfeasibleError:
            raise exc from None
        raise InfeasibleError(exc.problems, fullest=len(fullest.sessions) or None,
                              fullest_proven=fullest.proven_most) from None  # fmt: skip


def __getattr__(name: str) -> Any:
    # Loaded on first use: describe needs only ``daypack``, not the whole search.
    if name == "build_schedule":
        from planner.schedule.search import build_schedule

        return build_schedule
    raise AttributeError(name)
