"""The built-in library: every remedy of the source text, with provenance on every limit."""

from __future__ import annotations

import pytest

from planner.load.catalogue import known_conditions
from planner.load.fields import UNSTATED

from .libraries import builtin

EXPECTED = {
    "soda-mask",
    "salt-clay-mask",
    "clay-mask",
    "peroxide-spot",
    "chamomile-bath",
    "oak-bark-bath",
    "celandine-bath",
    "string-bath",
    "sea-salt-bath",
    "calendula-wipe",
    "fruit-acid-peel",
    "fruit-acid-peel-daily",
    "anti-ingrown",
    "chlorhexidine-aftercare",
    "salon-chemical-cleansing",
    "salon-ultrasonic-cleansing",
}


def test_every_remedy_of_the_source_is_built_in(library) -> None:
    assert set(library.recipes) >= EXPECTED


@pytest.mark.parametrize("rid", sorted(builtin().recipes))
def test_every_limit_says_where_it_comes_from(rid: str, library) -> None:
    recipe = library.recipes[rid]
    # The limits a person relies on most must be written down with a reason.
    for key in ("max_per_week", "min_days_between", "time_of_day"):
        prov = recipe.limits.named()[key].provenance
        assert prov.text != UNSTATED, f"{rid}: {key} has no stated provenance"
    for key, limit in recipe.limits.named().items():
        assert limit.provenance.kind in ("source", "default"), (rid, key)
        assert limit.provenance.text.strip(), (rid, key)


@pytest.mark.parametrize("rid", sorted(builtin().recipes))
def test_contraindications_are_in_the_catalogue(rid: str, library) -> None:
    for cid in library.recipes[rid].contraindications:
        assert cid in library.conditions, f"{rid}: {cid} missing from _conditions.toml"


def test_facts_from_the_source_text(library) -> None:
    r = library.recipes
    assert r["soda-mask"].limits.max_per_week.value == 2
    assert r["soda-mask"].limits.max_per_week.provenance.kind == "source"
    assert r["soda-mask"].skin_minutes == 10
    assert {"open-pimples", "mature-pimples"} <= set(r["soda-mask"].contraindications)
    assert r["salt-clay-mask"].skin_minutes == 15
    assert r["calendula-wipe"].limits.per_day.value == 2
    assert r["calendula-wipe"].limits.per_day.provenance.kind == "source"
    assert r["fruit-acid-peel"].limits.max_per_week.value == 1
    assert r["fruit-acid-peel"].limits.max_per_week.provenance.kind == "source"
    assert r["fruit-acid-peel-daily"].limits.max_per_week.value == 7
    assert r["salon-ultrasonic-cleansing"].minutes == 120
    window = r["anti-ingrown"].limits.around_event
    assert window is not None
    assert (window.value.event, window.value.first_day) == ("hair-removal", -14)
    acid = set(r["fruit-acid-peel"].contraindications)
    assert {"eczema", "herpes", "psoriasis", "keloid-scars", "oncological-disease"} <= acid
    assert r["salon-chemical-cleansing"].kind == "salon appointment"


def test_tap_water_and_equipment_are_never_bought(library) -> None:
    for recipe in library.recipes.values():
        for ing in recipe.ingredients:
            if ing.item == "water" or ing.item.startswith("tap water"):
                assert ing.type == "tap", recipe.id
            if ing.item in {"bowl", "bath tub", "bathtub", "towel", "saucepan"}:
                assert ing.type == "equipment", recipe.id
            if ing.bought:
                assert ing.section is not None, (recipe.id, ing.item)


def test_conflicts_point_at_real_recipes(library) -> None:
    for recipe in library.recipes.values():
        assert set(recipe.limits.not_same_day_as.value) <= set(library.recipes)


def test_known_conditions_include_the_catalogue(library) -> None:
    known = known_conditions(library)
    # The catalogue's own name, not the id spelled out: only the catalogue knows it.
    assert known["eczema"].name == "Eczema"
    assert known["mature-pimples"].name == "Mature (ripe) pimples"
    # A condition no recipe names is there only because the catalogue lists it.
    named = {c for r in library.recipes.values() for c in r.contraindications}
    assert set(library.conditions) - named <= set(known)
