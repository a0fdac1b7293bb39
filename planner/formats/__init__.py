"""From records to bytes, and back where a file is read again: each file format once.

- ``outputs``: which files ``plan`` writes, each rendered to bytes (nothing is written here);
- ``json`` (the plan, recipes, routines and progress as JSON) and ``planfile`` (a plan
  JSON read back); ``shopping_list`` (text, Markdown, CSV, JSON); ``ics`` (the calendar);
- ``workbook``: the printable workbook, its writer beside the reader of its tick boxes.

openpyxl and icalendar are imported only by the workbook and calendar. May import
``planner.core``, ``planner.load``, ``planner.schedule``, ``planner.shopping`` and
``planner.view``; never the history, a calendar server or the command line.
"""
