"""From a plan to bytes: the plan's JSON, the shopping list, the workbook, the calendar.

- ``files``: which files ``plan`` writes, each rendered to bytes (nothing is written here);
- ``json``, ``shopping``, ``xlsx``, ``ics``: one format each, laying out the rows of
  ``planner.describe``; openpyxl and icalendar are imported only by the last two.

May import the model, describe, shopping, units, text and zones (and the catalogue
query ``known_conditions``); never the terminal view, sync or the command line.
"""
