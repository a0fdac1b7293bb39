"""Every failure the planner knows about derives from PlannerError.

The CLI maps these to exit codes in one place (``planner.cli``): data problems
exit 1, usage problems exit 2. Library callers can catch ``PlannerError``; each says
what went wrong as lines (``lines()``), one per problem, which the CLI prints as they are.
"""

from __future__ import annotations


class PlannerError(Exception):
    """Base class; never raised directly."""

    exit_code = 1

    def lines(self) -> list[str]:
        """What went wrong, one line per problem."""
        return [str(self)]


class ProblemsError(PlannerError):
    """A failure with several problems, reported all at once, one line each (a whole file,
    every remedy that falls short, every foreign event in the way)."""

    def __init__(self, problems: str | list[str]) -> None:
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))

    def lines(self) -> list[str]:
        return list(self.problems)


class DataError(ProblemsError):
    """Raised when a recipe, routine, history or pantry file is unreadable or breaks the
    format."""


class NotRegularFile(DataError):
    """Raised when a path names a FIFO, a device, a socket or a folder instead of a file."""


class AmountError(ValueError):
    """An amount or density that cannot be read; the message says what is wrong and
    suggests a fix. Not a PlannerError: the loaders turn it into a problem line naming
    the file, line and field."""


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
    """Raised when output files already exist, or links stand at their paths, and
    ``force`` was not given. ``links`` tells the second case, ``count`` how many paths."""

    exit_code = 1

    def __init__(self, message: str, links: bool = False, count: int = 1) -> None:
        self.links = links
        self.count = count
        super().__init__(message)


class InfeasibleError(ProblemsError):
    """Raised when the wanted sessions cannot all fit inside the limits and availability.

    ``problems`` holds one explanation per remedy that falls short; ``fullest`` how many
    sessions best effort would plan instead (None when it was not worked out or plans none);
    ``fullest_proven`` False when that is only what a short search found (at least that).
    """

    def __init__(
        self, problems: str | list[str], fullest: int | None = None, fullest_proven: bool = True
    ) -> None:
        super().__init__(problems)
        self.fullest = fullest
        self.fullest_proven = fullest_proven


class WriteError(PlannerError):
    """Raised when an output file cannot be written (no such folder, no space, no rights)."""

    exit_code = 1


class InsecureUrlError(UsageError):
    """Raised when a calendar URL is plain http to another computer and that was not allowed."""


class SyncError(ProblemsError):
    """Raised when the calendar server cannot be reached, refuses us, rejects an event,
    or holds foreign events where this routine's belong (one line per problem)."""


class MissingUserError(SyncError):
    """Raised when the calendar server asks for a user name and password and no user name
    was given (the command line says which option gives one)."""


class NothingToRemoveError(PlannerError):
    """Raised when a recorded session is to be taken back and the history holds none
    that matches."""

    exit_code = 1
