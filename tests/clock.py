"""The moment every test runs at, whatever the real date.

Friday 27 November 2026 at noon UTC: the day README's examples are written for. Noon keeps
it the same day on every computer from UTC-11 to UTC+11. The command line reads
``REMEDY_PLANNER_NOW`` instead of the clock when it is set; conftest sets it for every test,
so it reaches every program the tests start too. A test that needs another day sets it itself.
"""

from __future__ import annotations

import datetime as dt

PINNED_NOW = "2026-11-27T12:00:00+00:00"
PINNED_TODAY = dt.date(2026, 11, 27)
