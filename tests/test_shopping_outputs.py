"""What the shopping list prints: one unit system per line, the same numbers in text and
JSON, names as written, an honest summary line. Expected lines are worked out by hand."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import replace

import pytest

from planner.core.plan import Plan, Session
from planner.core.recipe import CatalogueItem, Ingredient
from planner.core.units import parse_amount, plural
from planner.formats.shopping_list import render, totals_line
from planner.load.routine import builtin_routine_files, load_routine_file
from planner.schedule import build_schedule
from planner.shopping.compute import PantryEntry, ShoppingItem, ShoppingList, shopping_list
from planner.view.describe import buy_text, need_text

from .factories import make_recipe
from .libraries import builtin

DAY = dt.date(2026, 11, 30)


def plan_with(counts: dict[str, int]) -> Plan:
    sessions = [
        Session(DAY + dt.timedelta(days=k), 20 * 60, rid, 20)
        for rid, n in counts.items()
        for k in range(n)
    ]
    return Plan("test", "Test", DAY, 8, "UTC", tuple(sorted(sessions)))


def shop_for(counts: dict[str, int], system: str = "metric", **kw) -> ShoppingList:
    lib = builtin()
    return shopping_list(plan_with(counts), lib.recipes, lib.catalogue, system=system, **kw)


def line_of(shop: ShoppingList, name: str) -> ShoppingItem:
    [found] = [i for i in shop.items if i.item == name]
    return found


def ing(item: str, amount: str, section: str = "grocery", **kw) -> Ingredient:
    return Ingredient(item=item, quantity=parse_amount(amount), section=section, **kw)


def recipe_with(rid: str, *ingredients: Ingredient):
    return replace(make_recipe(rid), ingredients=tuple(ingredients))


# ---- one unit system per line ------------------------------------------------------


def test_us_lines_show_package_and_leftover_in_us_units() -> None:
    # Peel: 6 x 5 ml = 30 ml = 1.0144 fl oz, bought rounded up: 1.02 fl oz. One 50 ml
    # bottle is 1.6907 fl oz (1.69); 20 ml left is 0.6763 fl oz (0.68).
    # Salt: 6 x 500 g = 3000 g = 6.6139 lb, rounded up 6.62 lb; 3 x 1 kg (2.2046 lb each)
    # leave nothing, so no "(0 lb left)".
    text = render(shop_for({"fruit-acid-peel": 6, "sea-salt-bath": 6}, "us"), "text")
    lines = text.splitlines()
    assert "  [ ] fruit-acid peel  1.02 fl oz  1 x 1.69 fl oz (0.68 fl oz left)" in lines
    assert "  [ ] sea salt         6.62 lb     3 x 2.2 lb" in lines
    assert "  [ ] cleanser         as needed   1 x 6.76 fl oz" in lines  # 200 ml
    for unit in (" ml", " g ", " g)", " kg", " tsp", " oz left"):
        assert unit not in text.replace(" fl oz", ""), unit


def test_metric_lines_stay_metric_and_hide_a_leftover_of_nothing() -> None:
    text = render(shop_for({"fruit-acid-peel": 6, "sea-salt-bath": 6}), "text")
    lines = text.splitlines()
    assert "  [ ] fruit-acid peel  30 ml      1 x 50 ml (20 ml left)" in lines
    assert "  [ ] sea salt         3 kg       3 x 1 kg" in lines


def test_us_leftover_is_in_the_line_unit_even_when_another_would_be_shorter() -> None:
    # 10 US tsp of calendula (4.9289 ml each) at 0.15 g/ml = 7.3934 g = 0.2608 oz -> 0.27.
    # 50 g = 1.7637 oz (1.76); left 42.6066 g = 1.5029 oz (1.5).
    # Soda: 8 US tbsp (14.7868 ml) at 0.9 g/ml = 106.4647 g = 3.7554 oz -> 3.76; the 500 g
    # box is 1.1023 lb (1.1 lb), and what is left, 393.5353 g, is 13.8815 oz (13.9 oz).
    shop = shop_for({"calendula-wipe": 10, "soda-mask": 8}, "us")
    assert buy_text(line_of(shop, "dried calendula flowers")) == "1 x 1.76 oz (1.5 oz left)"
    assert need_text(line_of(shop, "dried calendula flowers")) == "0.27 oz"
    assert buy_text(line_of(shop, "baking soda")) == "1 x 1.1 lb (13.9 oz left)"
    assert need_text(line_of(shop, "baking soda")) == "3.76 oz"


def test_json_and_csv_package_size_follow_the_unit_system() -> None:
    counts = {"fruit-acid-peel": 6, "calendula-wipe": 10}
    us = {i["item"]: i for i in json.loads(render(shop_for(counts, "us"), "json"))["items"]}
    assert us["fruit-acid peel"]["package_size"] == "1.69 fl oz"
    assert (us["fruit-acid peel"]["leftover"], us["fruit-acid peel"]["leftover_unit"]) == (
        0.68,
        "fl oz",
    )
    assert us["cotton pad"]["package_size"] == "80 cotton pads"  # counted: the same in both
    metric = list(csv.DictReader(io.StringIO(render(shop_for(counts), "csv"))))
    assert {r["item"]: r["package_size"] for r in metric if r["package_size"]} == {
        "fruit-acid peel": "50 ml",
        "cleanser": "200 ml",
        "moisturiser": "200 ml",
        "dried calendula flowers": "50 g",
        "cotton pad": "80 cotton pads",
    }


def test_a_us_package_in_a_metric_list_is_converted() -> None:
    recipes = {"a": recipe_with("a", ing("honey", "100 g"))}
    catalogue = {"honey": CatalogueItem("honey", "grocery", package=parse_amount("1 lb"))}
    shop = shopping_list(plan_with({"a": 3}), recipes, catalogue)
    # 1 lb = 453.59 g: one jar covers 300 g and leaves 153.59 g (154 g).
    assert buy_text(line_of(shop, "honey")) == "1 x 454 g (154 g left)"


# ---- text and JSON carry the same numbers ------------------------------------------


def _text_entry(text: str, name: str) -> str:
    """A list line's text after the item name, with a wrapped line's second line joined."""
    lines = text.splitlines()
    start = next(k for k, line in enumerate(lines) if line.startswith(f"  [ ] {name}"))
    rest = lines[start][len(f"  [ ] {name}") :]
    for line in lines[start + 1 :]:
        if not line.startswith("      "):
            break
        rest += " " + line.strip()
    return " ".join(rest.split())


BUILT_IN = sorted(builtin_routine_files())


@pytest.mark.parametrize("system", ["metric", "us"])
@pytest.mark.parametrize("rid", BUILT_IN)
def test_every_json_number_is_the_printed_number(rid: str, system: str) -> None:
    lib = builtin()
    routine = load_routine_file(builtin_routine_files()[rid], lib)
    plan = build_schedule(routine, lib.recipes, DAY, None, timezone="UTC")
    shop = shopping_list(plan, lib.recipes, lib.catalogue, system=system)
    text = render(shop, "text")
    data = json.loads(render(shop, "json"))
    raw = {i.item: i for i in shop.items}
    checked = 0
    for entry in data["items"]:
        if entry["status"] != "buy":
            continue
        shown = _text_entry(text, entry["item"])
        q, unit = entry["quantity"], entry["unit"]
        if q is not None:
            assert shown.startswith(f"{q:g} {plural(unit, q)}"), (shown, q, unit)
            exact = raw[entry["item"]].quantity
            assert exact is not None and exact - 1e-9 <= q < exact + 0.01 * max(1.0, exact)
            checked += 1
        for extra in entry["also"]:
            assert f"+ {extra['quantity']:g} {plural(extra['unit'], extra['quantity'])}" in shown
        if entry["packages"] is not None:
            assert f"{entry['packages']} x {entry['package_size']}" in shown
        left = entry["leftover"]
        if left:
            assert f"({left:g} {plural(entry['leftover_unit'], left)} left)" in shown, shown
        elif left == 0:
            assert "left" not in shown
    assert checked >= 3


# ---- names keep their spelling -----------------------------------------------------


def test_unknown_items_keep_the_recipe_spelling_and_still_merge() -> None:
    recipes = {
        "a": recipe_with("a", ing("Rose Water", "10 ml"), ing("Wooden Spoon", "1 piece",
                                                                type="equipment")),
        "b": recipe_with("b", ing("rose  WATER", "5 ml"), ing("Baking Soda", "9 g")),
    }  # fmt: skip
    shop = shopping_list(plan_with({"a": 1, "b": 2}), recipes, builtin().catalogue)
    assert [(i.item, i.quantity, i.status) for i in shop.items] == [
        ("baking soda", 18.0, "buy"),  # the catalogue's name
        ("Rose Water", 20.0, "buy"),  # the first spelling, recipe "a"
        ("Wooden Spoon", None, "equipment"),
    ]
    assert "  [ ] Rose Water   20 ml" in render(shop, "text").splitlines()
    have = [PantryEntry("ROSE water", 20, "ml", "p:1")]
    covered = shopping_list(plan_with({"a": 1, "b": 2}), recipes, {}, pantry=have)
    assert line_of(covered, "Rose Water").status == "on hand"


# ---- Markdown and CSV ------------------------------------------------------------------


def test_markdown_lines_nest_no_parentheses() -> None:
    md = render(shop_for({"calendula-wipe": 10, "sea-salt-bath": 2, "fruit-acid-peel": 1}), "md")
    lines = md.splitlines()
    # 10 tsp x 0.15 g/ml = 7.5 g of calendula; 1 x 50 g leaves 42.5 g (42.5).
    assert "- [ ] **dried calendula flowers**: 7.5 g; buy 1 x 50 g, 42.5 g left over" in lines
    assert "- [ ] **sea salt**: 1 kg; buy 1 x 1 kg" in lines
    assert "- [ ] **cleanser**: as needed; buy 1 x 200 ml" in lines
    assert not [line for line in lines if line.count("(") > 1]


def test_csv_recipes_are_joined_with_commas() -> None:
    rows = list(csv.DictReader(io.StringIO(render(
        shop_for({"salt-clay-mask": 4, "sea-salt-bath": 2}), "csv"))))  # fmt: skip
    salt = next(r for r in rows if r["item"] == "sea salt")
    assert salt["recipes"] == "salt-clay-mask, sea-salt-bath"


# ---- the summary line ---------------------------------------------------------------


def _listed(*items: tuple[str, int | None], on_hand: int = 0) -> ShoppingList:
    made = [ShoppingItem(item=f"i{k}", section=section, quantity=1.0, unit="g", packages=n)
            for k, (section, n) in enumerate(items)]  # fmt: skip
    made += [ShoppingItem(item=f"h{k}", section="grocery", quantity=None, unit="",
                          status="on hand") for k in range(on_hand)]  # fmt: skip
    return ShoppingList("r", "R", "2026-11-30", "2026-12-06", "metric", tuple(made))


@pytest.mark.parametrize(
    ("items", "on_hand", "expected"),
    [
        (
            [("pharmacy", 2), ("grocery", 1)],
            0,
            "Shopping: 2 items to buy (1 pharmacy, 1 grocery), 3 packages",
        ),
        ([("grocery", 1)], 0, "Shopping: 1 item to buy (1 grocery), 1 package"),
        ([("grocery", None)], 0, "Shopping: 1 item to buy (1 grocery), by amount"),
        (
            [("grocery", None), ("pharmacy", None)],
            1,
            "Shopping: 2 items to buy (1 pharmacy, 1 grocery), all by amount, 1 on hand",
        ),
        (
            [
                ("pharmacy", 2),
                ("drugstore", 1),
                ("grocery", None),
                ("grocery", None),
                ("grocery", None),
            ],
            0,
            "Shopping: 5 items to buy (1 pharmacy, 1 drugstore, 3 grocery): "
            "3 packages for 2 items, 3 by amount",
        ),
        (
            [("grocery", 1), ("grocery", None)],
            2,
            "Shopping: 2 items to buy (2 grocery): 1 package for 1 item, 1 by amount, 2 on hand",
        ),
        ([], 1, "Shopping: nothing to buy, 1 on hand"),
    ],
)
def test_the_summary_counts_items_packages_and_amounts_honestly(
    items: list[tuple[str, int | None]], on_hand: int, expected: str
) -> None:
    assert totals_line(_listed(*items, on_hand=on_hand)) == expected


def test_the_summary_of_a_real_list_with_an_item_of_no_package() -> None:
    recipes = {"a": recipe_with("a", ing("honey", "1 tbsp"), ing("baking soda", "10 g"))}
    shop = shopping_list(plan_with({"a": 2}), recipes, builtin().catalogue)
    assert (
        totals_line(shop)
        == "Shopping: 2 items to buy (2 grocery): 1 package for 1 item, 1 by amount"
    )


# ---- a pantry in US units ------------------------------------------------------------


def test_a_pantry_in_ounces_pounds_and_fluid_ounces_is_subtracted(tmp_path) -> None:
    from planner.load.pantry import load_pantry

    path = tmp_path / "have.toml"
    path.write_text(
        '"baking soda" = "2 oz"\n"sea salt" = "1 lb"\n"fruit-acid peel" = "0.5 fl oz"\n'
    )
    have = load_pantry(path)
    counts = {"soda-mask": 8, "sea-salt-bath": 6, "fruit-acid-peel": 6}
    metric = shop_for(counts, pantry=have)
    # Salt: 3000 g - 453.59 g = 2546.41 g (2.55 kg up); 3 x 1 kg leave 453.59 g (454 g).
    salt = line_of(metric, "sea salt")
    assert (need_text(salt), buy_text(salt)) == ("2.55 kg", "3 x 1 kg (454 g left)")
    # Peel: 30 ml - 14.79 ml = 15.21 ml (15.3 up); one 50 ml bottle leaves 34.79 ml (34.8).
    peel = line_of(metric, "fruit-acid peel")
    assert (need_text(peel), buy_text(peel)) == ("15.3 ml", "1 x 50 ml (34.8 ml left)")
    # Soda with US spoons: 8 x 14.7868 ml x 0.9 g/ml = 3.7554 oz, less 2 oz = 1.7554 oz.
    soda = line_of(shop_for(counts, "us", pantry=have), "baking soda")
    assert (need_text(soda), soda.have) == ("1.76 oz", "2 oz")
