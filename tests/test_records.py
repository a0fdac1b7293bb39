"""Records behave as frozen dataclasses do: the same equality, hash, text and guards."""

from __future__ import annotations

import dataclasses

import pytest

from planner.core.record import record


@record
class Point:
    x: int
    y: int = 0
    note: str = dataclasses.field(default="", compare=False, repr=False)


@record(eq=False)
class Thing:
    name: str


@dataclasses.dataclass(frozen=True)
class Reference:
    x: int
    y: int = 0
    note: str = dataclasses.field(default="", compare=False, repr=False)


def test_a_record_compares_hashes_and_reads_like_a_frozen_dataclass() -> None:
    a, b = Point(1, 2, note="a"), Point(1, 2, note="b")
    ref_a, ref_b = Reference(1, 2, note="a"), Reference(1, 2, note="b")
    assert (a == b) is (ref_a == ref_b) is True
    assert hash(a) == hash(ref_a) == hash((1, 2))
    assert repr(a) == repr(ref_a).replace("Reference", "Point") == "Point(x=1, y=2)"
    assert (Point(1) == Point(2)) is False and Point(1) != Point(2)
    assert Point(1).__eq__(Reference(1)) is NotImplemented  # another class is never equal
    assert {a: 1}[b] == 1
    assert dataclasses.replace(a, y=5) == Point(1, 5)
    assert [f.name for f in dataclasses.fields(a)] == ["x", "y", "note"]


def test_a_record_is_frozen() -> None:
    p = Point(1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.x = 3  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del p.y  # type: ignore[misc]


def test_without_eq_a_record_is_compared_by_identity() -> None:
    one, two = Thing("a"), Thing("a")
    assert one != two and one == one and hash(one) == object.__hash__(one)
    assert repr(one) == "Thing(name='a')"
