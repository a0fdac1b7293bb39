"""From a routine to dated, timed sessions: the scheduler and what it needs.

- ``search``: ``build_schedule``, the fast week-by-week search and every rule it keeps;
- ``exact``: the same rules as an OR-tools CP-SAT model, used when the search cannot
  decide and for best effort (OR-tools is imported only then);
- ``daypack``: one day's sessions on the clock, and the default times of a recipe.

May import ``planner.model``, ``planner.plan``, ``planner.errors``, ``planner.zones``
and ``planner.text``; never the loader, describe, the exporters or the command line.
"""

from planner.schedule.search import build_schedule

__all__ = ["build_schedule"]
