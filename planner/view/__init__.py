"""Words for people: ``describe`` (the one description of a remedy, limit, shortfall and
shopping line, which the terminal, the workbook and the calendar lay out) and
``terminal`` (its layout for an 80-column terminal).

May import ``planner.core``, ``planner.schedule`` (a recipe's default times) and
``planner.shopping``.
"""
