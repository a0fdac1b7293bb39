"""Writing to disk: ``atomic`` writes a set of files all or none, under a folder lock,
never through a link. May import only ``planner.errors``."""
