"""From files to records: every TOML and CSV file the person writes is read here.

- ``schema``: every key of a recipe or routine file, for the loaders and README's tables;
- ``diagnostics``: reading small text files safely, TOML with FILE:LINE errors;
- ``fields``: the shared field reader and one parser per small concept (clock times,
  provenance, event windows);
- ``recipe``, ``catalogue``, ``library``, ``cache``: recipe files, the shop catalogue and
  conditions, the merged library and its parse cache;
- ``routine``, ``pantry``: routine files and ``--have`` files;
- ``prebuilt``, ``snapshot``, ``builtin_tables``: the built-in files parsed ahead of time;
- ``check``: the checks behind the ``validate`` command.

May import ``planner.core``, ``planner.errors``, ``planner.disk`` (the cache is written
all or none) and ``planner.shopping`` (a pantry is the shopping list's input); never the
scheduler, the views, the file formats or the command line.
"""
