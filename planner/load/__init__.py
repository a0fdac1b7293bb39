"""From files to model objects: every TOML and CSV file the person writes is read here.

- ``schema``: every key of a recipe or routine file, for the loaders and README's tables;
- ``diagnostics``: reading small text files safely, TOML with FILE:LINE errors;
- ``fields``: the shared field reader and one parser per small concept (clock times,
  provenance, event windows);
- ``recipe``, ``catalogue``, ``library``, ``cache``: recipe files, the shop catalogue and
  conditions, the merged library and its parse cache;
- ``routine``, ``pantry``: routine files and ``--have`` files;
- ``history``: the sessions really done (a JSON list; ``planner.history.store`` writes it);
- ``check``: the checks behind the ``validate`` command.

May import ``planner.core``, ``planner.errors`` and ``planner.disk``; never the scheduler,
describe, the file formats or the command line.
"""
