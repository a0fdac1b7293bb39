import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from planner.core import units
from planner.core.units import (
    MASS,
    AmountError,
    base_amount,
    dimension,
    display_amount,
    format_amount,
    format_number,
    from_base,
    parse_amount,
    shown_number,
)


@pytest.mark.parametrize(
    ("text", "amount", "unit"),
    [
        ("1 tbsp", 1.0, "tbsp"),
        ("a spoon", 1.0, "tbsp"),
        ("1/2 tsp", 0.5, "tsp"),
        ("1 1/2 cups", 1.5, "cup"),
        ("3 drops", 3.0, "drop"),
        ("a pinch", 1.0, "pinch"),
        ("2 cotton pads", 2.0, "cotton pad"),
        ("200ml", 200.0, "ml"),
        ("0.5 L", 0.5, "l"),
        ("  250   Grams ", 250.0, "g"),
    ],
)
def test_household_amounts_are_read(text: str, amount: float, unit: str) -> None:
    q = parse_amount(text)
    assert (q.amount, q.unit) == (amount, unit)


def test_as_needed_has_no_amount() -> None:
    assert parse_amount("as needed").amount is None


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("-1 g", "greater than zero"),
        ("0 ml", "greater than zero"),
        ("2 tbps", "did you mean 'tbsp'"),
        ("5", "unit is missing"),
        ("abc", "not an amount"),
        ("1/0 g", "division by zero"),
        ("2000000 g", "far too large"),
        ("9" * 5000 + " g", "far too large"),
        ("x" * 5000, "not an amount"),
    ],
)
def test_bad_amounts_say_what_is_wrong(text: str, fragment: str) -> None:
    with pytest.raises(AmountError, match=fragment) as info:
        parse_amount(text)
    assert len(str(info.value)) < 200  # a huge value is shown shortened, not echoed whole


def test_counts_are_pluralised_for_people() -> None:
    assert format_amount(parse_amount("3 drops")) == "3 drops"
    assert format_amount(parse_amount("2 pinches")) == "2 pinches"
    assert format_amount(parse_amount("1 cotton pad")) == "1 cotton pad"


@pytest.mark.parametrize(
    ("text", "amount", "unit"),
    [
        ("8 oz", 8.0, "oz"),
        ("3 ounces", 3.0, "oz"),
        ("1 lb", 1.0, "lb"),
        ("2 lbs", 2.0, "lb"),
        ("1 1/2 pounds", 1.5, "lb"),
        ("2 fl oz", 2.0, "fl oz"),
        ("0.5 fl. oz", 0.5, "fl oz"),
        ("3 fluid ounces", 3.0, "fl oz"),
    ],
)
def test_us_amounts_are_read_so_a_pantry_can_use_them(text: str, amount: float, unit: str) -> None:
    q = parse_amount(text)
    assert (q.amount, q.unit) == (amount, unit)


# ---- the one rounding that text, JSON and CSV share ----------------------------------


@pytest.mark.parametrize(
    ("value", "up", "text", "number"),
    [
        (2.1902, True, "2.2", 2.2),  # was 2.19 in JSON and 2.2 in text (review W7)
        (2.1902, False, "2.19", 2.19),
        (1.0144, True, "1.02", 1.02),
        (6.6139, True, "6.62", 6.62),
        (31.25, True, "31.3", 31.3),
        (155.2, True, "156", 156.0),
        (99.96, True, "100", 100.0),  # rounding up moves to the next precision band
        (9.9951, True, "10", 10.0),
        (108.0, True, "108", 108.0),
        (392.0, False, "392", 392.0),
        (0.004, False, "0", 0.0),
        (-1e-12, False, "0", 0.0),  # a leftover a hair below zero is nothing, not "-0"
        (1e-7, True, "0.01", 0.01),
    ],
)
def test_shown_number_is_the_printed_number(
    value: float, up: bool, text: str, number: float
) -> None:
    assert format_number(value, up) == text
    assert shown_number(value, up) == number


@settings(max_examples=300, deadline=None)
@given(st.floats(min_value=0, max_value=1e5, allow_nan=False), st.booleans())
@example(2.3345383520626964e-09, True)
@example(100.0000004, True)
def test_printed_and_stored_numbers_never_differ(value: float, up: bool) -> None:
    shown = shown_number(value, up)
    assert float(format_number(value, up)) == shown
    assert shown_number(shown, up) == shown  # rounding a shown number changes nothing
    if up:
        # An amount to buy is never rounded down, but for float noise: within half a
        # millionth of the last shown digit (2.3e-9 g shows as 0, 100.0000004 g as 100).
        assert shown >= value - 1e-6


# ---- the unit table against an independent one ---------------------------------------------

# pint's own definitions (not ours) of the US units; metric spoons are the project's choice.
PINT_NAMES = {"g": "gram", "kg": "kilogram", "mg": "milligram", "oz": "ounce", "lb": "pound",
              "ml": "milliliter", "l": "liter", "fl oz": "fluid_ounce", "tsp": "teaspoon",
              "tbsp": "tablespoon", "cup": "cup"}  # fmt: skip


@pytest.mark.parametrize("unit", sorted(PINT_NAMES))
def test_us_factors_agree_with_pints_default_registry(unit: str) -> None:
    import pint  # a test dependency: the reference, not used by the program

    ureg = pint.UnitRegistry()
    base = "gram" if dimension(unit) == MASS else "milliliter"
    theirs = ureg.Quantity(1, PINT_NAMES[unit]).to(base).magnitude
    ours, _ = base_amount(1.0, unit, "us")
    assert ours == pytest.approx(theirs, rel=1e-12)


def test_metric_spoons_are_the_rounded_household_measures() -> None:
    assert [base_amount(1.0, u, "metric")[0] for u in ("tsp", "tbsp", "cup", "pinch", "drop")] == [
        5.0, 15.0, 250.0, 5 / 16, 0.05]  # fmt: skip


def test_sums_of_exact_factors_do_not_drift() -> None:
    # 3 tsp are exactly 1 tbsp in both systems; float factors would leave a last-digit error.
    for system in ("metric", "us"):
        assert from_base(base_amount(3.0, "tsp", system)[0], "tbsp", system) == 1.0
    assert display_amount(base_amount(16.0, "oz", "us")[0], MASS, "us") == (1.0, "lb")


def test_amounts_of_different_dimensions_do_not_convert() -> None:
    assert from_base(3.0, "cotton pad", "metric") == 3.0  # counted things stay as counted
    with pytest.raises(ValueError, match="cannot convert g to ml"):
        units._convert(1.0, "g", "ml", "metric")


PAIRS = [("tsp", "ml"), ("oz", "g"), ("lb", "oz"), ("fl oz", "tsp"), ("cup", "tbsp"),
         ("pinch", "drop"), ("mg", "kg")]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    value=st.floats(min_value=1e-6, max_value=1e6, allow_nan=False),
    pair=st.sampled_from(PAIRS),
    system=st.sampled_from(["metric", "us"]),
)
def test_a_conversion_is_the_exact_result_rounded_once(value, pair, system) -> None:
    from fractions import Fraction

    src, dst = pair
    exact = (
        Fraction(value)
        * Fraction(*units._factor(src, system))
        / Fraction(*units._factor(dst, system))
    )
    assert units._convert(value, src, dst, system) == float(exact)
