"""A calendar server: ``client`` (HTTP to one origin, one deadline, Basic or Digest),
``xml`` (WebDAV requests and screened Multi-Status answers) and ``sync`` (the plan's
events kept in one calendar, nothing else touched).

May import ``planner.core``, ``planner.errors`` and ``planner.formats`` (the events are
the calendar file's).
"""
