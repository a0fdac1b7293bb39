"""Random routines for checking the scheduler against the exact oracle (tests/oracle.py).

One seed gives one routine: 1-6 remedies from the built-in recipes and random ones
(several a day, drying or exfoliating on shared skin, same-day conflicts), 1-6 weeks,
a time zone (a third of the starts a few days before a clock change), random time
windows, weekdays and blackout dates, and often timed events with aftercare (up to 3
a day, after an evening appointment), a run-up and keep-clear days. Most are meant not
to fit, so that both the refusal and best effort are tested.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from dataclasses import dataclass

from planner.core.recipe import EventWindow, Limit, Provenance, Recipe
from planner.core.routine import Availability, EventSpec, KeepClear, Routine, TimeWindow, Wish

from .factories import make_recipe
from .libraries import builtin
from .oracle import Event, Fullest, events_of, fullest
from .plan_checker import check_plan, check_wishes_met

P = Provenance("default", "random routine")
ZONES = (
    "UTC", "Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Kolkata",
    "America/Santiago", "Europe/London", "Pacific/Auckland", "America/Havana", "Asia/Tokyo",
)  # fmt: skip
# Days the clocks change in 2027 in most of those zones (Europe, North America,
# Australia and New Zealand, Chile, Cuba).
CHANGES = (
    dt.date(2027, 3, 28), dt.date(2027, 10, 31), dt.date(2027, 3, 14), dt.date(2027, 11, 7),
    dt.date(2027, 4, 4), dt.date(2027, 10, 3), dt.date(2027, 9, 26), dt.date(2027, 9, 5),
)  # fmt: skip
PLAIN = (
    "calendula-lotion-spot", "calendula-wipe", "celandine-bath", "chamomile-bath", "clay-mask",
    "fruit-acid-peel", "fruit-acid-peel-daily", "oak-bark-bath", "peroxide-spot",
    "salt-clay-mask", "sea-salt-bath", "soda-mask", "string-bath",
)  # fmt: skip


@dataclass(frozen=True)
class Case:
    seed: int
    recipes: dict[str, Recipe]
    routine: Routine
    start: dt.date
    timezone: str


def _clock(rng: random.Random, lo: int, hi: int) -> int:
    """A time between hours ``lo`` and ``hi``, on the quarter hour."""
    return rng.randrange(lo * 4, hi * 4) * 15


def _random_recipe(rng: random.Random, rid: str, others: list[str]) -> Recipe:
    per_day = rng.choice([1, 1, 1, 2, 3])
    return make_recipe(
        rid,
        per_day=per_day,
        max_per_week=min(7 * per_day, rng.choice([1, 2, 3, 4, 7]) * per_day + rng.choice([0, 1])),
        gap=rng.choice([1, 1, 2, 3]),
        minutes=rng.choice([5, 10, 15, 30, 45, 60]),
        conflicts=tuple(rng.sample(others, k=min(len(others), rng.choice([0, 0, 1])))),
        effects=rng.choice([(), (), ("drying",), ("exfoliating",)]),
        area=rng.choice(["back", "legs", "body", "problem areas"]),
    )


def make_case(seed: int) -> Case:
    rng = random.Random(seed)
    library = builtin().recipes
    recipes: dict[str, Recipe] = {}
    wishes: list[Wish] = []
    for i in range(rng.randint(1, 6)):
        if rng.random() < 0.5:
            recipe = library[rng.choice(PLAIN)]
        else:
            recipe = _random_recipe(rng, f"x{seed}-{i}", [*recipes])
        if recipe.id in recipes:
            continue
        recipes[recipe.id] = recipe
        per_day = recipe.limits.per_day.value
        if rng.random() < 0.15:
            wishes.append(Wish(recipe.id, None, rng.choice([None, 1, per_day])))
        else:
            wishes.append(
                Wish(recipe.id, rng.randint(1, 4), rng.choice([None, None, per_day]),
                     days=tuple(sorted(rng.sample(range(7), rng.randint(0, 2)))))
            )  # fmt: skip
    weeks = rng.randint(1, 6)
    zone = rng.choice(ZONES)
    if rng.random() < 0.3:
        start = rng.choice(CHANGES) - dt.timedelta(days=rng.randint(0, 10))
    else:
        start = dt.date(2027, 1, 1) + dt.timedelta(days=rng.randrange(365))
    windows = [TimeWindow(m := _clock(rng, 6, 9), m + rng.choice([60, 90, 120, 180]))]
    if rng.random() < 0.7:
        evening = _clock(rng, 17, 21)
        windows.append(TimeWindow(evening, min(24 * 60, evening + rng.choice([90, 180, 240]))))
    n_days = 7 * weeks
    blackout = tuple(sorted({start + dt.timedelta(days=rng.randrange(n_days))
                             for _ in range(rng.choice([0, 0, 1, 3]))}))  # fmt: skip
    weekdays = tuple(sorted(rng.sample(range(7), rng.choice([7, 7, 6, 5, 3]))))
    events: list[EventSpec] = []
    if rng.random() < 0.6:
        name = "hair-removal"
        days = sorted(rng.sample(range(n_days), k=min(n_days, rng.randint(1, 3))))
        for d in days:
            keep = None
            if wishes and rng.random() < 0.3:
                keep = KeepClear((rng.choice(wishes).recipe,), -rng.randint(0, 2),
                                 rng.randint(0, 2), P)  # fmt: skip
            events.append(EventSpec(name, "Hair removal", day=d + 1, time=_clock(rng, 8, 22),
                                    minutes=rng.choice([30, 60, 90]), keep_clear=keep))  # fmt: skip
        first = rng.choice([0, 0, 1])
        after = make_recipe(f"after{seed}", per_day=(k := rng.choice([1, 2, 3])),
                            max_per_week=7 * k, minutes=rng.choice([5, 10, 20]), area="legs")  # fmt: skip
        recipes[after.id] = after
        window = Limit(EventWindow(name, first, first + rng.randint(0, 2)), P)
        wishes.append(Wish(after.id, None, None, window=window))
        if rng.random() < 0.4:
            recipes["chlorhexidine-aftercare"] = library["chlorhexidine-aftercare"]
            wishes.append(Wish("chlorhexidine-aftercare", None, None))
        if rng.random() < 0.4:
            runup = make_recipe(f"runup{seed}", minutes=10, effects=("exfoliating",), area="legs")
            recipes[runup.id] = runup
            last = rng.choice([-1, -1, 0])
            wishes.append(Wish(runup.id, None, None, window=Limit(
                EventWindow(name, -rng.randint(2, 7), last), P)))  # fmt: skip
    routine = Routine(
        id=f"fuzz-{seed}",
        title=f"Random routine {seed}",
        weeks=weeks,
        remedies=tuple(wishes),
        availability=Availability(weekdays=weekdays, windows=tuple(windows), blackout=blackout),
        events=tuple(events),
    )
    return Case(seed, recipes, routine, start, zone)


@dataclass
class Verdict:
    """One routine planned both ways and checked against the oracle."""

    seed: int
    refused: bool
    sessions: int  # best effort's
    proven: bool  # best effort's count proven the most by the scheduler
    oracle: Fullest
    violations: list[str]
    plan_seconds: float  # CPU: the plan or the refusal with its hint, and best effort
    best_seconds: float

    @property
    def false_refusal(self) -> bool:
        return self.refused and self.oracle.most == self.oracle.asked

    @property
    def false_plan(self) -> bool:
        return not self.refused and self.oracle.proven and self.oracle.most < self.oracle.asked

    @property
    def below(self) -> bool:
        """Best effort below the oracle's proven most."""
        return self.oracle.proven and self.sessions < self.oracle.most

    @property
    def above(self) -> bool:
        """More than the oracle allows: a rule the oracle keeps was broken."""
        return self.oracle.proven and self.sessions > self.oracle.most


def judge(case: Case, oracle_seconds: float = 30.0) -> Verdict:
    from planner.errors import InfeasibleError
    from planner.formats.json import plan_to_dict
    from planner.schedule import build_schedule, plan_or_refuse

    args = (case.routine, case.recipes, case.start)
    violations: list[str] = []
    clock = time.process_time()
    try:
        plan = plan_or_refuse(*args, timezone=case.timezone)  # a refusal with its hint
    except InfeasibleError:
        refused = True
    else:
        refused = False
        exact = plan_to_dict(plan, case.recipes)
        violations += check_plan(exact, case.recipes, case.routine)
        violations += check_wishes_met(exact, case.routine)
    plan_seconds = time.process_time() - clock
    clock = time.process_time()
    try:
        best = build_schedule(*args, timezone=case.timezone, best_effort=True)
    except InfeasibleError:
        # Nothing at all can be planned; the oracle must agree (its most is 0).
        best_seconds = time.process_time() - clock
        answer = fullest(case.recipes, case.routine, case.start, case.timezone,
                         _events(case), oracle_seconds)  # fmt: skip
        return Verdict(case.seed, refused, 0, True, answer, violations, plan_seconds, best_seconds)
    best_seconds = time.process_time() - clock
    found = plan_to_dict(best, case.recipes)
    violations += check_plan(found, case.recipes, case.routine)
    answer = fullest(case.recipes, case.routine, case.start, case.timezone, events_of(found),
                     oracle_seconds)  # fmt: skip
    return Verdict(case.seed, refused, len(best.sessions), best.proven_most, answer, violations,
                   plan_seconds, best_seconds)  # fmt: skip


def _events(case: Case) -> list[Event]:
    """The routine's events as written (no plan placed them: nothing could be planned)."""
    return [
        Event(e.event, case.start + dt.timedelta(days=(e.day or 1) - 1), e.time, e.minutes)
        for e in case.routine.events
    ]
