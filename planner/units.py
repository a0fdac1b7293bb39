"""Household amounts: reading "1 tbsp", "a pinch" or "3 drops" from recipe files.

Parsing needs no unit library, so listing and validating recipes stays fast;
conversions between units happen only when a shopping list is computed.
"""

from __future__ import annotations

import difflib
import math
import re
from fractions import Fraction

from planner.model import Quantity

# Spelling in a file -> the canonical unit name used everywhere after loading.
UNIT_ALIASES: dict[str, str] = {}
_CANONICAL: dict[str, tuple[str, ...]] = {
    "ml": ("ml", "milliliter", "milliliters", "millilitre", "millilitres"),
    "l": ("l", "liter", "liters", "litre", "litres"),
    "g": ("g", "gram", "grams", "gramme", "grammes"),
    "kg": ("kg", "kilogram", "kilograms"),
    "mg": ("mg", "milligram", "milligrams"),
    "tsp": ("tsp", "teaspoon", "teaspoons"),
    # The article's "a spoon" of baking soda is read as a tablespoon.
    "tbsp": ("tbsp", "tablespoon", "tablespoons", "spoon", "spoons", "spoonful", "spoonfuls"),
    "cup": ("cup", "cups"),
    "drop": ("drop", "drops"),
    "pinch": ("pinch", "pinches"),
    "piece": ("piece", "pieces", "pc", "pcs"),
    "cotton pad": ("cotton pad", "cotton pads", "pad", "pads"),
    "cotton swab": ("cotton swab", "cotton swabs", "swab", "swabs"),
    "napkin": ("napkin", "napkins"),
    "sachet": ("sachet", "sachets"),
    "tea bag": ("tea bag", "tea bags"),
    "tablet": ("tablet", "tablets"),
    "application": ("application", "applications"),
    "session": ("session", "sessions"),
}
for _canon, _spellings in _CANONICAL.items():
    for _s in _spellings:
        UNIT_ALIASES[_s] = _canon

UNITS: tuple[str, ...] = tuple(_CANONICAL)
AS_NEEDED = ("as needed", "some", "to taste")
MAX_AMOUNT = 1_000_000.0

_NUMBER = r"(?:\d+\s+\d+/\d+|\d+/\d+|\d+(?:\.\d+)?|\.\d+|an?(?=\s))"
_AMOUNT_RE = re.compile(rf"^\s*(?P<num>{_NUMBER})\s*(?P<unit>[^\d].*?)?\s*$", re.IGNORECASE)


class AmountError(ValueError):
    """The text is not an amount; the message says what is wrong and suggests a fix."""


def suggest(word: str, choices: list[str] | tuple[str, ...]) -> str:
    """A ' (did you mean 'x'?)' suffix, or '' when nothing is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _parse_number(text: str) -> float:
    text = text.strip().lower()
    if text in ("a", "an"):
        return 1.0
    if " " in text:
        whole, frac = text.split()
        return float(int(whole) + Fraction(frac))
    if "/" in text:
        frac_value = Fraction(text)
        return float(frac_value)
    return float(text)


def parse_unit(text: str) -> str:
    """The canonical name of a unit as written, or AmountError with a suggestion."""
    key = " ".join(text.strip().lower().split())
    if key in UNIT_ALIASES:
        return UNIT_ALIASES[key]
    raise AmountError(f"unknown unit '{text.strip()}'{suggest(key, list(UNIT_ALIASES))}")


def parse_amount(text: str) -> Quantity:
    """Read "1 tbsp", "1/2 tsp", "a pinch", "200 ml", "2 cotton pads" or "as needed"."""
    if not isinstance(text, str):
        raise AmountError('must be text such as "1 tbsp" or "as needed"')
    clean = " ".join(text.split())
    if clean.lower() in AS_NEEDED:
        return Quantity(amount=None, unit="", text=clean)
    match = _AMOUNT_RE.match(clean)
    if match is None:
        if clean.startswith("-"):
            raise AmountError(f"'{clean}': amounts must be greater than zero")
        raise AmountError(
            f"'{clean}' is not an amount; write a number and a unit, e.g. \"1 tbsp\", "
            '"a pinch", "3 drops", or "as needed"'
        )
    try:
        value = _parse_number(match["num"])
    except (ValueError, ZeroDivisionError) as exc:
        raise AmountError(f"'{clean}': cannot read the number ({exc})") from None
    if not math.isfinite(value) or value <= 0:
        raise AmountError(f"'{clean}': amounts must be greater than zero")
    if value > MAX_AMOUNT:
        raise AmountError(f"'{clean}': {value:g} is far too large for one session")
    unit_text = match["unit"] or ""
    if not unit_text.strip():
        raise AmountError(f"'{clean}': the unit is missing, e.g. \"{match['num']} g\"")
    unit = parse_unit(unit_text)
    return Quantity(amount=value, unit=unit, text=clean)


def format_amount(q: Quantity) -> str:
    """Short human text for an amount, e.g. "1 tbsp" or "2 cotton pads"."""
    if q.amount is None:
        return "as needed"
    number = f"{q.amount:g}"
    unit = q.unit
    if q.amount != 1 and unit in {
        "drop",
        "pinch",
        "piece",
        "cotton pad",
        "cotton swab",
        "napkin",
        "sachet",
        "tea bag",
        "tablet",
        "application",
        "session",
    }:
        unit = unit + ("es" if unit.endswith("ch") else "s")
    return f"{number} {unit}"
