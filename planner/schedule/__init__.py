"""From a routine to dated, timed sessions: the scheduler and what it needs.

- ``search``: ``build_schedule``, the fast week-by-week search and every rule it keeps;
- ``exact``: the same rules as an OR-tools CP-SAT model, used when the search cannot
  decide and for best effort (OR-tools is imported only then);
- ``daypack``: one day's sessions on the clock, and the default times of a recipe.

May import ``planner.core``, ``planner.history.record`` and ``planner.errors``; never the
loader, describe, the file formats or the command line.
"""

from __future__ import annotations

from typing import Any

__all__ = ["build_schedule"]


def __getattr__(name: str) -> Any:
    # Loaded on first use: describe needs only ``daypack``, not the whole search.
    if name == "build_schedule":
        from planner.schedule.search import build_schedule

        return build_schedule
    raise AttributeError(name)
