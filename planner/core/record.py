"""Frozen records: dataclasses whose comparison and text come from shared functions.

``@dataclass(frozen=True)`` writes six methods per class as source and compiles them
at import, about a millisecond a class, and the main job defines some forty classes.
``@record`` lets dataclasses generate only the three that depend on the field names
(``__init__`` and the two frozen guards) and gives every record the same ``__eq__``,
``__hash__`` and ``__repr__``, which read the field names from the class: the results
are those of dataclasses' own (fields with ``compare=False`` or ``repr=False`` are left
out alike). ``eq=False`` keeps identity comparison, as with dataclasses.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import Any, TypeVar, dataclass_transform, overload

T = TypeVar("T")


def _compared(self: Any) -> tuple[Any, ...]:
    return tuple(getattr(self, name) for name in self.__record_compared__)


def _eq(self: Any, other: object) -> Any:  # bool, or NotImplemented for other classes
    if other.__class__ is not self.__class__:
        return NotImplemented
    return _compared(self) == _compared(other)


def _hash(self: Any) -> int:
    return hash(_compared(self))


def _repr(self: Any) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__record_shown__)
    return f"{self.__class__.__qualname__}({shown})"


def _make(cls: type[T], eq: bool) -> type[T]:
    made = dataclass(cls, frozen=True, eq=False, repr=False)
    kept = fields(made)  # type: ignore[arg-type]
    made.__record_shown__ = tuple(f.name for f in kept if f.repr)  # type: ignore[attr-defined]
    made.__repr__ = _repr  # type: ignore[method-assign]
    if eq:
        made.__record_compared__ = tuple(f.name for f in kept if f.compare)  # type: ignore[attr-defined]
        made.__eq__ = _eq  # type: ignore[method-assign]
        made.__hash__ = _hash  # type: ignore[method-assign]
    return made


@overload
def record(cls: type[T], /) -> type[T]: ...


@overload
def record(*, eq: bool = True) -> Callable[[type[T]], type[T]]: ...


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def record(cls: type[T] | None = None, /, *, eq: bool = True) -> Any:
    """``@record`` or ``@record(eq=False)`` on a class: a frozen dataclass."""
    if cls is None:
        return lambda c: _make(c, eq)
    return _make(cls, eq)
