"""Shopping arithmetic: hand-computed totals, unit merging, pantry, package boundaries."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import random
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.core.plan import Plan, Session
from planner.core.recipe import CatalogueItem, Ingredient
from planner.core.units import parse_amount
from planner.errors import DataError
from planner.formats.shopping_list import render
from planner.load.library import load_library
from planner.load.pantry import load_pantry
from planner.shopping.compute import PantryEntry, ShoppingList, shopping_list

from .factories import make_recipe
from .libraries import builtin

DAY = dt.date(2026, 11, 30)


def plan_with(counts: dict[str, int]) -> Plan:
    sessions = []
    for rid, n in counts.items():
        for k in range(n):
            sessions.append(Session(DAY + dt.timedelta(days=k), 20 * 60, rid, 20))
    return Plan("test", "Test", DAY, 8, "UTC", tuple(sorted(sessions)))


def recipe_with(rid: str, *ingredients: Ingredient):
    base = make_recipe(rid)
    return replace(base, ingredients=tuple(ingredients))


def ing(item: str, amount: str, section: str = "grocery", **kw) -> Ingredient:
    return Ingredient(item=item, quantity=parse_amount(amount), section=section, **kw)


def item(shop: ShoppingList, name: str):
    found = [i for i in shop.items if i.item == name]
    assert len(found) == 1, [i.item for i in shop.items]
    return found[0]


def test_soda_mask_eight_times_is_eight_tablespoons_of_soda() -> None:
    # 8 sessions x 1 tbsp (15 ml) = 120 ml; at 0.9 g/ml that is 108 g: one 500 g box, 392 g left.
    shop = shopping_list(plan_with({"soda-mask": 8}), builtin().recipes, builtin().catalogue)
    soda = item(shop, "baking soda")
    assert (soda.quantity, soda.unit) == (pytest.approx(108.0), "g")
    assert (soda.packages, soda.package_size) == (1, "500 g")
    assert (soda.leftover, soda.leftover_unit) == (pytest.approx(392.0), "g")
    assert soda.recipes == ("soda-mask",)
    pads = item(shop, "cotton pad")
    assert (pads.quantity, pads.unit, pads.packages) == (8, "cotton pad", 1)
    assert item(shop, "bowl").status == "equipment"
    assert all(i.item != "water" for i in shop.items)


def test_spoons_and_grams_of_one_ingredient_merge_through_its_density() -> None:
    # salt-clay mask: 1 tsp sea salt x 4 = 20 ml = 24 g at 1.2 g/ml; bath: 500 g x 2 = 1000 g.
    shop = shopping_list(
        plan_with({"salt-clay-mask": 4, "sea-salt-bath": 2}), builtin().recipes, builtin().catalogue
    )
    salt = item(shop, "sea salt")
    assert (salt.quantity, salt.unit) == (pytest.approx(1.024), "kg")
    assert salt.also == ()
    assert salt.packages == 2
    assert (salt.leftover, salt.leftover_unit) == (pytest.approx(976.0), "g")
    assert salt.recipes == ("salt-clay-mask", "sea-salt-bath")


def test_without_a_density_mass_and_volume_stay_on_one_line() -> None:
    recipes = {
        "a": recipe_with("a", ing("nettle powder", "10 g")),
        "b": recipe_with("b", ing("nettle powder", "1 tbsp")),
    }
    shop = shopping_list(plan_with({"a": 2, "b": 3}), recipes, {})
    lines = [i for i in shop.items if i.item == "nettle powder"]
    assert len(lines) == 1
    assert (lines[0].quantity, lines[0].unit) == (20, "g")
    assert lines[0].also == ((45, "ml"),)
    assert "nettle powder  20 g + 45 ml" in render(shop, "text")


def test_aliases_merge_names() -> None:
    recipes = {
        "a": recipe_with("a", ing("Soda", "1 tsp")),
        "b": recipe_with("b", ing("sodium  bicarbonate", "9 g")),
    }
    shop = shopping_list(plan_with({"a": 2, "b": 1}), recipes, builtin().catalogue)
    soda = item(shop, "baking soda")
    # 2 tsp = 10 ml = 9 g, plus 9 g.
    assert (soda.quantity, soda.unit) == (pytest.approx(18.0), "g")


@pytest.mark.parametrize(
    ("sessions", "packages", "leftover"),
    [(1, 1, 400.0), (5, 1, 0.0), (6, 2, 400.0), (10, 2, 0.0), (11, 3, 400.0)],
)
def test_package_rounding_at_the_boundaries(sessions: int, packages: int, leftover: float) -> None:
    recipes = {"a": recipe_with("a", ing("clay", "100 g", "pharmacy"))}
    catalogue = {"clay": CatalogueItem("clay", "pharmacy", package=parse_amount("500 g"))}
    shop = shopping_list(plan_with({"a": sessions}), recipes, catalogue)
    clay = item(shop, "clay")
    assert clay.packages == packages
    assert clay.leftover == pytest.approx(leftover)


def test_sums_of_thirds_do_not_buy_an_extra_package() -> None:
    # 3 x 1/3 tsp = 1 tsp = 5 ml exactly one package of 5 ml, despite float rounding.
    recipes = {"a": recipe_with("a", ing("oil", "1/3 tsp"))}
    catalogue = {"oil": CatalogueItem("oil", "grocery", package=parse_amount("5 ml"))}
    shop = shopping_list(plan_with({"a": 3}), recipes, catalogue)
    assert item(shop, "oil").packages == 1


def test_no_packages_shows_raw_amounts() -> None:
    shop = shopping_list(
        plan_with({"soda-mask": 8}), builtin().recipes, builtin().catalogue, packages=False
    )
    soda = item(shop, "baking soda")
    assert soda.packages is None and soda.quantity == pytest.approx(108.0)


def test_us_units_use_us_spoons_and_ounces() -> None:
    shop = shopping_list(
        plan_with({"soda-mask": 8}), builtin().recipes, builtin().catalogue, system="us"
    )
    soda = item(shop, "baking soda")
    # 8 US tbsp = 118.294 ml; x 0.9 g/ml = 106.46 g = 3.755 oz.
    assert soda.unit == "oz"
    assert soda.quantity == pytest.approx(8 * 14.78676478125 * 0.9 / 28.349523125)


def test_pantry_is_subtracted_across_units() -> None:
    have = [PantryEntry("soda", 2, "tbsp", "p:1"), PantryEntry("soap", None, "", "p:2")]
    shop = shopping_list(
        plan_with({"soda-mask": 8}), builtin().recipes, builtin().catalogue, pantry=have
    )
    soda = item(shop, "baking soda")
    # 108 g needed - 2 tbsp (30 ml = 27 g) = 81 g.
    assert soda.quantity == pytest.approx(81.0)
    assert soda.have == "2 tbsp"
    assert item(shop, "soap").status == "on hand"


def test_pantry_that_covers_everything_is_on_hand() -> None:
    have = [PantryEntry("baking soda", 200, "g", "p:1")]
    shop = shopping_list(
        plan_with({"soda-mask": 8}), builtin().recipes, builtin().catalogue, pantry=have
    )
    soda = item(shop, "baking soda")
    assert soda.status == "on hand" and soda.packages is None
    assert "[x] baking soda" in render(shop, "text")


def test_pantry_in_an_impossible_unit_is_an_error_naming_file_line_and_item() -> None:
    have = [PantryEntry("baking soda", 3, "cotton pad", "pantry.toml:4")]
    with pytest.raises(DataError) as info:
        shopping_list(
            plan_with({"soda-mask": 8}), builtin().recipes, builtin().catalogue, pantry=have
        )
    assert info.value.problems == [
        "pantry.toml:4: baking soda: cannot subtract 3 cotton pads from an amount in grams"
    ]


def test_pantry_files_toml_and_csv(tmp_path: Path) -> None:
    toml = tmp_path / "have.toml"
    toml.write_text('# at home\n"baking soda" = "200 g"\nsoap = "some"\n')
    assert load_pantry(toml) == [
        PantryEntry("baking soda", 200.0, "g", f"{toml}:2"),
        PantryEntry("soap", None, "", f"{toml}:3"),
    ]
    csv_path = tmp_path / "have.csv"
    csv_path.write_text("item,amount\ncotton pad,20 cotton pads\nsea salt,some\n")
    assert [e.item for e in load_pantry(csv_path)] == ["cotton pad", "sea salt"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bad.toml", 'x = "2 tbps"\n', "bad.toml:1: x: unknown unit 'tbps' (did you mean 'tbsp'?)"),
        (
            "neg.toml",
            '"sea salt" = "-5 g"\n',
            "neg.toml:1: sea salt: '-5 g': amounts must be greater than zero",
        ),
        (
            "num.toml",
            "soda = 5\n",
            'num.toml:1: soda: the amount must be text such as "200 g" or "some"',
        ),
        ("syntax.toml", "soda = \n", "syntax.toml:1:8: "),
        (
            "head.csv",
            "name,qty\nsoda,1 g\n",
            "head.csv:1: the first row must be the header: item,amount",
        ),
        (
            "cols.csv",
            "item,amount\nsoda,1 g,extra\n",
            "cols.csv:2: expected 2 columns (item,amount), got 3",
        ),
        ("unit.csv", "item,amount\nsoda,1 gramz\n", "unit.csv:2: soda: unknown unit 'gramz'"),
    ],
)
def test_malformed_pantry_files(tmp_path: Path, name: str, content: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(DataError) as info:
        load_pantry(path)
    assert info.value.problems[0].startswith(f"{tmp_path}/{message}"), info.value.problems


def test_formats_carry_the_same_items() -> None:
    shop = shopping_list(
        plan_with({"soda-mask": 8, "calendula-wipe": 10}), builtin().recipes, builtin().catalogue
    )
    data = json.loads(render(shop, "json"))
    soda = next(i for i in data["items"] if i["item"] == "baking soda")
    assert {
        k: soda[k] for k in ("section", "quantity", "unit", "packages", "package_size", "leftover")
    } == {
        "section": "grocery",
        "quantity": 108.0,
        "unit": "g",
        "packages": 1,
        "package_size": "500 g",
        "leftover": 392.0,
    }
    assert soda["recipes"] == ["soda-mask"]
    rows = list(csv.DictReader(io.StringIO(render(shop, "csv"))))
    assert {r["item"] for r in rows} == {i["item"] for i in data["items"]}
    md = render(shop, "md")
    assert "- [ ] **baking soda**: 108 g; buy 1 x 500 g, 392 g left over" in md
    text = render(shop, "text")
    assert all(len(line) <= 80 for line in text.splitlines())
    assert "[ ] baking soda" in text


def test_csv_cells_cannot_become_formulas() -> None:
    recipes = {"a": recipe_with("a", ing('=HYPERLINK("x")', "1 g"))}
    shop = shopping_list(plan_with({"a": 1}), recipes, {})
    rows = list(csv.reader(io.StringIO(render(shop, "csv"))))
    assert rows[1][1] == '\'=HYPERLINK("x")'


# ---- properties -------------------------------------------------------------

ML = {"ml": 1.0, "l": 1000.0, "tsp": 5.0, "tbsp": 15.0, "cup": 250.0, "drop": 0.05}
amounts = st.tuples(st.integers(1, 400).map(lambda n: n / 4), st.sampled_from(sorted(ML)))


@st.composite
def volume_recipes(draw):
    n = draw(st.integers(1, 4))
    recipes = {}
    expected = 0.0
    counts = {}
    for i in range(n):
        value, unit = draw(amounts)
        rid = f"r{i}"
        recipes[rid] = recipe_with(rid, ing("rose water", f"{value:g} {unit}"))
        counts[rid] = draw(st.integers(0, 30))
        expected += value * ML[unit] * counts[rid]
    return recipes, counts, expected


def _total_ml(shop: ShoppingList) -> float:
    rows = [i for i in shop.items if i.item == "rose water"]
    if not rows:
        return 0.0
    factor = {"ml": 1.0, "l": 1000.0}[rows[0].unit]
    return rows[0].quantity * factor


@settings(max_examples=150, deadline=None)
@given(volume_recipes())
def test_total_equals_the_sum_over_sessions(case) -> None:
    recipes, counts, expected = case
    shop = shopping_list(plan_with(counts), recipes, {}, packages=False)
    assert math.isclose(_total_ml(shop), expected, rel_tol=1e-9, abs_tol=1e-9)


@settings(max_examples=100, deadline=None)
@given(volume_recipes(), st.integers(2, 5))
def test_scaling_every_session_count_scales_each_total(case, k: int) -> None:
    recipes, counts, _ = case
    base = _total_ml(shopping_list(plan_with(counts), recipes, {}, packages=False))
    scaled = _total_ml(
        shopping_list(plan_with({r: n * k for r, n in counts.items()}), recipes, {}, packages=False)
    )
    assert math.isclose(scaled, base * k, rel_tol=1e-9, abs_tol=1e-9)


@settings(max_examples=100, deadline=None)
@given(volume_recipes(), st.randoms(use_true_random=False))
def test_merge_order_does_not_change_the_result(case, rnd: random.Random) -> None:
    recipes, counts, _ = case
    ids = list(recipes)
    rnd.shuffle(ids)
    shuffled_recipes = {rid: recipes[rid] for rid in ids}
    shuffled_counts = {rid: counts[rid] for rid in reversed(ids)}
    a = shopping_list(plan_with(counts), recipes, builtin().catalogue)
    b = shopping_list(plan_with(shuffled_counts), shuffled_recipes, builtin().catalogue)
    assert a == b


def test_pantry_takes_from_the_matching_part_of_a_mixed_line() -> None:
    recipes = {
        "a": recipe_with("a", ing("nettle powder", "10 g")),
        "b": recipe_with("b", ing("nettle powder", "1 tbsp")),
    }
    have = [PantryEntry("nettle powder", 30, "ml", "p:1")]
    shop = shopping_list(plan_with({"a": 2, "b": 3}), recipes, {}, pantry=have)
    line = item(shop, "nettle powder")
    # 20 g + 45 ml needed; 30 ml at home leaves 20 g + 15 ml.
    assert (line.quantity, line.unit, line.also) == (20, "g", ((15, "ml"),))


def test_a_user_catalogue_entry_keeps_the_built_in_aliases_and_density(tmp_path: Path) -> None:
    (tmp_path / "_catalogue.toml").write_text(
        '["baking soda"]\nsection = "grocery"\npackage = "1 kg"\n'
    )
    lib = load_library([tmp_path])
    soda = lib.catalogue["baking soda"]
    assert soda.package is not None and soda.package.text == "1 kg"
    assert "soda" in soda.aliases and soda.density == 0.9
    recipes = {
        "a": recipe_with("a", ing("soda", "1 tbsp")),
        "b": recipe_with("b", ing("baking soda", "10 g")),
    }
    shop = shopping_list(plan_with({"a": 4, "b": 1}), recipes, lib.catalogue)
    # 4 tbsp = 60 ml = 54 g, plus 10 g: one line, one 1 kg package.
    line = item(shop, "baking soda")
    assert (line.quantity, line.packages, line.package_size) == (pytest.approx(64.0), 1, "1 kg")
