"""Records and rules, no I/O: what a remedy is, what is wanted, planned and done.

- ``record``: ``@record``, a frozen dataclass with a shared ``__eq__``, ``__hash__`` and
  ``__repr__`` (cheap to define at start);
- ``recipe``: recipes, their limits and the library, and the words for days and times;
- ``routine``: what a person wants (remedies and how often, times, appointments);
- ``plan``: what was planned (sessions, events, what was left out or fell short);
- ``done``: one session really done, and when records from two places are one session;
- ``progress``: planned, done, missed and extra sessions of a plan, by remedy and week;
- ``units``, ``zones``, ``text``, ``xmlscreen``: household amounts, time-zone rules, text
  made safe to show, and XML from outside screened before it is parsed.

Imports only ``planner.core`` and ``planner.errors``.
"""
