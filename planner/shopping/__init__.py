"""The shopping list for exactly a plan's sessions (``compute``): totals by item, in units
and packages one can buy, less what is already at home. Its file formats are
``planner.formats.shopping_list``.

May import ``planner.core`` and ``planner.errors``.
"""
