"""pack_day against an exhaustive search of every start time on the 5-minute grid."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from planner.schedule.daypack import GRID, SAME_RECIPE_SPACING, Spec, pack_day


def _valid(specs, starts, windows, busy) -> bool:
    spans = sorted(zip(starts, specs, strict=True))
    for t, s in spans:
        if not any(a <= t and t + s.minutes <= b for a, b in windows):
            return False
        if any(t < b1 and b0 < t + s.minutes for b0, b1 in busy):
            return False
    for (t1, s1), (t2, _s2) in itertools.pairwise(spans):
        if t2 < t1 + s1.minutes:
            return False
    for s1, t1 in zip(specs, starts, strict=True):
        for s2, t2 in zip(specs, starts, strict=True):
            if s1.recipe == s2.recipe and s1.slot < s2.slot and t2 - t1 < SAME_RECIPE_SPACING:
                return False
    return all(t % GRID == 0 for t in starts)


def _exhaustive(specs, windows, busy) -> bool:
    grid = [t for t in range(0, 24 * 60, GRID) if any(a <= t < b for a, b in windows)]
    return any(_valid(specs, c, windows, busy) for c in itertools.product(grid, repeat=len(specs)))


windows_st = st.sampled_from(
    [
        ((480, 540),),
        ((480, 530), (700, 760)),
        ((1140, 1230),),
        ((420, 480), (600, 660), (780, 840)),
    ]
)


@st.composite
def days(draw):
    n = draw(st.integers(1, 3))
    specs = []
    for _i in range(n):
        recipe = draw(st.sampled_from(["a", "b", "c"]))
        slot = 1 + sum(1 for s in specs if s.recipe == recipe)
        specs.append(
            Spec(draw(st.integers(0, 1439)), recipe, slot, draw(st.sampled_from([5, 10, 20, 35])))
        )
    windows = draw(windows_st)
    busy = draw(st.sampled_from([(), ((500, 515),), ((1150, 1200),)]))
    return specs, windows, busy


@settings(max_examples=300, deadline=None)
@given(days())
def test_pack_day_fits_exactly_when_some_placement_exists(day) -> None:
    specs, windows, busy = day
    starts = pack_day(specs, windows, busy)
    if starts is None:
        assert not _exhaustive(specs, windows, busy)
    else:
        assert _valid(specs, starts, windows, busy)


def test_sessions_go_to_their_preferred_time_when_free() -> None:
    specs = [
        Spec(20 * 60, "mask", 1, 30),
        Spec(8 * 60, "wipe", 1, 10),
        Spec(20 * 60, "wipe", 2, 10),
    ]
    starts = pack_day(specs, [(7 * 60, 9 * 60), (19 * 60, 23 * 60)])
    assert starts is not None
    assert starts[1] == 8 * 60
    assert sorted([starts[0], starts[2]]) in ([20 * 60, 20 * 60 + 30], [19 * 60 + 50, 20 * 60])
