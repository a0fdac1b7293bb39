"""Household amounts: reading "1 tbsp", "a pinch" or "3 drops" from recipe files.

Parsing and conversion need no unit library: the units are a fixed household set whose
factors this module defines exactly.
"""

from __future__ import annotations

import math
import re

from planner.core.recipe import Quantity
from planner.core.text import suggest
from planner.errors import AmountError

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
    # US units, so a pantry can be written in the units a US shopping list prints.
    "oz": ("oz", "ounce", "ounces"),
    "lb": ("lb", "lbs", "pound", "pounds"),
    "fl oz": ("fl oz", "fl. oz", "fl oz.", "floz", "fluid ounce", "fluid ounces"),
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


def _fraction(text: str) -> float:
    top, bottom = text.split("/")
    return int(top) / int(bottom)


def _parse_number(text: str) -> float:
    text = text.strip().lower()
    if text in ("a", "an"):
        return 1.0
    if " " in text:
        whole, frac = text.split()
        return int(whole) + _fraction(frac)
    if "/" in text:
        return _fraction(text)
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
    shown = clean if len(clean) <= 60 else f"{clean[:40]}...{clean[-12:]}"  # errors stay short
    match = _AMOUNT_RE.match(clean)
    if match is None:
        if clean.startswith("-"):
            raise AmountError(f"'{shown}': amounts must be greater than zero")
        raise AmountError(
            f"'{shown}' is not an amount; write a number and a unit, e.g. \"1 tbsp\", "
            '"a pinch", "3 drops", or "as needed"'
        )
    try:
        value = _parse_number(match["num"])
    except ZeroDivisionError:
        raise AmountError(f"'{shown}': cannot read the number (division by zero)") from None
    except ValueError as exc:
        raise AmountError(f"'{shown}': cannot read the number ({exc})") from None
    if math.isnan(value) or value <= 0:
        raise AmountError(f"'{shown}': amounts must be greater than zero")
    if value > MAX_AMOUNT:
        raise AmountError(f"'{shown}': the number is far too large")
    unit_text = match["unit"] or ""
    if not unit_text.strip():
        raise AmountError(f"'{shown}': the unit is missing, e.g. \"1 g\"")
    unit = parse_unit(unit_text)
    return Quantity(amount=value, unit=unit, text=clean)


def format_amount(q: Quantity) -> str:
    """Short human text for an amount, e.g. "1 tbsp" or "2 cotton pads"."""
    if q.amount is None:
        return "as needed"
    return f"{q.amount:g} {plural(q.unit, q.amount)}"


_DENSITY_RE = r"(?i)^\s*(\d+(?:\.\d+)?|\.\d+)\s*(g/ml|g/cm3|kg/l|g/l)?\s*$"  # compiled on use


def parse_density(value: object) -> float:
    """Grams per millilitre from 0.9, "0.9 g/ml", "900 g/l" or "0.9 kg/l"."""
    if isinstance(value, bool):
        raise AmountError('must be a density such as "0.9 g/ml"')
    if isinstance(value, int | float):
        number, unit = float(value), "g/ml"
    elif isinstance(value, str) and (m := re.match(_DENSITY_RE, value)):
        number, unit = float(m[1]), (m[2] or "g/ml").lower()
    else:
        raise AmountError(f"'{value}' is not a density such as \"0.9 g/ml\"")
    grams_per_ml = number / 1000 if unit == "g/l" else number
    if not math.isfinite(grams_per_ml) or not 0.01 <= grams_per_ml <= 25:
        raise AmountError(f"'{value}': a density must lie between 0.01 and 25 g/ml")
    return grams_per_ml


# ---- conversions: an exact table of factors ----
# Every unit a recipe uses is defined by this project, so a table of exact ratios does
# what a unit library would, without its import cost. A factor is a pair of whole
# numbers (numerator, denominator); a conversion multiplies whole numbers and divides
# once, and Python rounds that division correctly, so no factor's error adds up.

MASS = "mass"
VOLUME = "volume"
SYSTEMS = ("metric", "us")
_ABBREVIATIONS = {"g", "kg", "mg", "ml", "l", "tsp", "tbsp", "oz", "lb", "fl oz"}
Ratio = tuple[int, int]
_OUNCE: Ratio = (28_349_523_125, 10**9)  # grams, by definition (avoirdupois ounce)
_FLUID_OUNCE: Ratio = (295_735_295_625, 10**10)  # millilitres, by definition (US fluid ounce)


def _times(ratio: Ratio, multiply: int = 1, divide: int = 1) -> Ratio:
    return ratio[0] * multiply, ratio[1] * divide


_US_TEASPOON = _times(_FLUID_OUNCE, divide=6)

# Grams per unit of mass; the same in both systems.
_GRAMS: dict[str, Ratio] = {
    "g": (1, 1), "kg": (1000, 1), "mg": (1, 1000), "oz": _OUNCE, "lb": _times(_OUNCE, 16),
}  # fmt: skip


def _millilitres(teaspoon: Ratio, tablespoon: Ratio, cup: Ratio) -> dict[str, Ratio]:
    return {
        "ml": (1, 1), "l": (1000, 1), "fl oz": _FLUID_OUNCE,
        "tsp": teaspoon, "tbsp": tablespoon, "cup": cup,
        "drop": (1, 20), "pinch": _times(teaspoon, divide=16),
    }  # fmt: skip


# Household measures differ between the two systems; drops and pinches do not.
_MILLILITRES: dict[str, dict[str, Ratio]] = {
    "metric": _millilitres((5, 1), (15, 1), (250, 1)),
    "us": _millilitres(_US_TEASPOON, _times(_US_TEASPOON, 3), _times(_US_TEASPOON, 48)),
}


def dimension(unit: str) -> str:
    """ "mass", "volume", or the counted thing itself ("cotton pad")."""
    if unit in _GRAMS:
        return MASS
    if unit in _MILLILITRES["metric"]:
        return VOLUME
    return unit


def _factor(unit: str, system: str) -> Ratio:
    """How many grams, millilitres or pieces one ``unit`` is in ``system``."""
    if system not in SYSTEMS:
        raise ValueError(f"unknown unit system {system!r}")
    if unit in _GRAMS:
        return _GRAMS[unit]
    return _MILLILITRES[system].get(unit, (1, 1))


def _convert(value: float, src: str, dst: str, system: str) -> float:
    """``value`` in ``src`` expressed in ``dst``, both of one dimension, rounded once."""
    if dimension(src) != dimension(dst):
        raise ValueError(f"cannot convert {src} to {dst}")
    top, bottom = value.as_integer_ratio()
    (n_src, d_src), (n_dst, d_dst) = _factor(src, system), _factor(dst, system)
    return (top * n_src * d_dst) / (bottom * d_src * n_dst)


def base_amount(amount: float, unit: str, system: str) -> tuple[float, str]:
    """The amount in grams, millilitres or counted pieces, and that dimension."""
    dim = dimension(unit)
    base = {MASS: "g", VOLUME: "ml"}.get(dim, unit)
    return _convert(amount, unit, base, system), dim


def display_amount(value: float, dim: str, system: str) -> tuple[float, str]:
    """A base amount (g, ml or pieces) in the unit a person would read it in."""
    if dim == MASS:
        if system == "us":
            oz = _convert(value, "g", "oz", system)
            return (oz / 16, "lb") if oz >= 16 else (oz, "oz")
        return (value / 1000, "kg") if value >= 1000 else (value, "g")
    if dim == VOLUME:
        if system == "us":
            floz = _convert(value, "ml", "fl oz", system)
            if floz < 1:
                return _convert(value, "ml", "tsp", system), "tsp"
            return floz, "fl oz"
        return (value / 1000, "l") if value >= 1000 else (value, "ml")
    return value, dim


def from_base(value: float, unit: str, system: str) -> float:
    """A base amount (g, ml or pieces) in ``unit`` of the same dimension."""
    dim = dimension(unit)
    if dim not in (MASS, VOLUME):
        return value
    return _convert(value, "g" if dim == MASS else "ml", unit, system)


# The units each system prints; an amount in another unit is converted for the list.
SYSTEM_UNITS = {"metric": frozenset({"g", "kg", "mg", "ml", "l"}),
                "us": frozenset({"oz", "lb", "fl oz"})}  # fmt: skip


def shown_number(value: float, up: bool = False) -> float:
    """The number exactly as ``format_number`` prints it, for outputs that carry numbers
    (JSON, CSV): the same rounding everywhere, so a file never says 2.19 where the printed
    list says 2.2."""
    return float(_number_text(value, up))


def format_number(value: float, up: bool = False) -> str:
    """Short, honest numbers: 3, 2.5, 0.15, 1250. With ``up`` an amount to buy is
    rounded up at the shown precision, never down (31.25 ml shows as 31.3)."""
    text = _number_text(value, up)
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def _number_text(value: float, up: bool) -> str:
    digits = 0 if value >= 100 else (1 if value >= 10 else 2)
    if up:
        # Sums of household amounts carry float noise (31.25 * 10 = 312.50000000001):
        # within half a millionth of the last shown digit counts as on it, so less than a
        # millionth of a unit is ever rounded down, and only as noise.
        scale = 10**digits
        value = math.ceil(round(value * scale, 6)) / scale
    text = f"{value:.{digits}f}"
    return "0" if text.lstrip("-").strip("0.") == "" else text


def plural(unit: str, value: float) -> str:
    if unit in _ABBREVIATIONS or value == 1:
        return unit
    return unit + ("es" if unit.endswith(("ch", "sh")) else "s")
