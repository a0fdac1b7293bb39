import pytest

from planner.units import AmountError, format_amount, parse_amount


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
