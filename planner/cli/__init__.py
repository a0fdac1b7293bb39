"""The command line, the only package that imports click: thin commands over the library.

- ``app``: the group, the one clock (``read_clock``), printing and errors to exit codes;
- ``types``: parameter types (dates, times, reminders, time zones);
- ``library``: ``recipes``, ``routines`` and ``validate``;
- ``plan``: ``plan`` and ``shopping``, and the options every plan-building command shares;
- ``history``: ``done`` and ``progress``;
- ``sync``: ``sync``.

Every command parses its options, calls the library and prints; known failures
(PlannerError) become one clean message and an exit code in ``app``. A command's module is
loaded when the command is asked for (``app.COMMANDS``).
"""

from __future__ import annotations

from planner.cli.app import main, read_clock
from planner.cli.types import parse_remind

__all__ = ["main", "parse_remind", "read_clock"]
