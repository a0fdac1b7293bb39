"""What was really done: the history file and everything else that records sessions.

- ``store``: where the history lives, its JSON format both ways, and changing it
  (a session added or taken back) under the folder lock;
- ``sources``: which records count (the data folder's history, history files, ticked
  workbooks) and each session once.

The record of one session and the rule for when two records are the same session are
core data (``planner.core.done``); how a plan is going is ``planner.core.progress``.
"""
