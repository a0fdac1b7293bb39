"""Every failure the planner knows about derives from PlannerError.

The CLI maps these to exit codes in one place (``planner.cli``): data problems
exit 1, usage problems exit 2. Library callers can catch ``PlannerError``.
"""

from __future__ import annotations


class PlannerError(Exception):
    """Base class; never raised directly."""

    exit_code = 1


class DataError(PlannerError):
    """Raised when a recipe, routine or pantry file is unreadable or breaks the format.

    ``problems`` holds one line per problem so a whole file can be reported at once.
    """

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


class MissingPathError(DataError):
    """Raised when files or folders named on the command line do not exist (with any
    problems found in the ones that do)."""

    exit_code = 2


class UnknownIdError(PlannerError):
    """Raised when a recipe, routine or condition id that the user named does not exist.

    ``kind`` ("recipe", "routine", "condition") lets the command line say where the
    known ones are listed.
    """

    exit_code = 2

    def __init__(self, message: str, kind: str = "") -> None:
        self.kind = kind
        super().__init__(message)


class UsageError(PlannerError):
    """Raised when options contradict each other or a value given on the command line is bad."""

    exit_code = 2


class OutputExistsError(PlannerError):
    """Raised when an output file already exists, or a link stands at its path, and
    ``force`` was not given. ``links`` tells the second case."""

    exit_code = 1

    def __init__(self, message: str, links: bool = False) -> None:
        self.links = links
        super().__init__(message)


class InfeasibleError(PlannerError):
    """Raised when the wanted sessions cannot all fit inside the limits and availability.

    ``problems`` holds one explanation per remedy that falls short.
    """

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


class WriteError(PlannerError):
    """Raised when an output file cannot be written (no such folder, no space, no rights)."""

    exit_code = 1


class InsecureUrlError(UsageError):
    """Raised when a calendar URL is plain http to another computer and that was not allowed."""


class SyncError(PlannerError):
    """Raised when the calendar server cannot be reached, refuses us, rejects an event,
    or holds foreign events where this routine's belong.

    ``problems`` holds one line per problem (one per foreign event, for instance).
    """

    exit_code = 1

    def __init__(self, message: str | list[str]) -> None:
        self.problems = [message] if isinstance(message, str) else list(message)
        super().__init__("\n".join(self.problems))


class MissingUserError(SyncError):
    """Raised when the calendar server asks for a user name and password and no user name
    was given (the command line says which option gives one)."""


class NothingToRemoveError(PlannerError):
    """Raised when a recorded session is to be taken back and the history holds none
    that matches."""

    exit_code = 1
