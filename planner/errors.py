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


class UnknownIdError(PlannerError):
    """Raised when a recipe, routine or condition id that the user named does not exist."""

    exit_code = 2


class UsageError(PlannerError):
    """Raised when options contradict each other or a value given on the command line is bad."""

    exit_code = 2


class OutputExistsError(PlannerError):
    """Raised when an output file already exists and ``force`` was not given."""

    exit_code = 1


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
