"""The shopping list for exactly the sessions of a plan.

Each ingredient's per-session amount is multiplied by the number of sessions
of its recipe and summed over every recipe that uses it. Names merge through
the catalogue's aliases, amounts through the exact unit table of ``planner.core.units``
(household spoons included); volume and mass of one ingredient merge through its
density, and without one they stay on one line ("30 g + 15 ml"). Packages come from
the catalogue.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from planner.core.plan import Plan
from planner.core.recipe import CatalogueItem, Quantity, Recipe
from planner.core.record import record
from planner.core.units import (
    MASS,
    SYSTEM_UNITS,
    VOLUME,
    base_amount,
    dimension,
    display_amount,
    format_number,
    from_base,
    plural,
)
from planner.errors import DataError

# Floating-point sums of spoonfuls land a hair above a package boundary
# (0.1 + 0.2 ...); amounts this close to a whole package count as that package.
_EPSILON = 1e-9


MAX_NOTES = 20  # a long pantry file gives a short list of notices


@record
class PantryEntry:
    """Something already at home: ``amount`` None means "some" (enough)."""

    item: str
    amount: float | None
    unit: str
    where: str  # "FILE:LINE" for error messages


@record
class ShoppingItem:
    """One line of the shopping list."""

    item: str
    section: str
    quantity: float | None  # in ``unit``; None when the recipes say "as needed" only
    unit: str
    also: tuple[tuple[float, str], ...] = ()  # amounts that cannot merge (no density)
    packages: int | None = None
    package_size: str | None = None  # one package, in the list's unit system: "1.69 fl oz"
    leftover: float | None = None  # in ``leftover_unit``; the line's own unit with US units
    leftover_unit: str = ""
    recipes: tuple[str, ...] = ()
    status: str = "buy"  # buy | on hand | equipment
    as_needed: bool = False
    have: str = ""  # what the pantry covered, as text
    note: str = ""


@record
class ShoppingList:
    """What to buy for exactly the sessions of a plan."""

    routine: str
    title: str
    start: str
    end: str
    units: str
    items: tuple[ShoppingItem, ...] = field(default_factory=tuple)
    notes: tuple[str, ...] = ()  # e.g. pantry entries that match nothing on the list

    def with_status(self, status: str) -> list[ShoppingItem]:
        return [i for i in self.items if i.status == status]


SECTION_ORDER = ("pharmacy", "drugstore", "grocery", "other")


def alias_map(catalogue: Mapping[str, CatalogueItem]) -> dict[str, str]:
    out: dict[str, str] = {}
    for entry in catalogue.values():
        out[entry.item] = entry.item
        for alias in entry.aliases:
            out[alias] = entry.item
    return out


def canonical(name: str, aliases: Mapping[str, str]) -> str:
    """The key an item merges under: case and spacing do not matter, aliases do."""
    key = " ".join(name.lower().split())
    return aliases.get(key, key)


def _shown_name(name: str, key: str, catalogue: Mapping[str, CatalogueItem]) -> str:
    """The name a line shows: the catalogue's, else the recipe's own spelling."""
    entry = catalogue.get(key)
    return entry.item if entry is not None else " ".join(name.split())


@dataclass
class _Total:
    """An item's amounts while the list is being added up."""

    name: str = ""  # as shown; the first spelling met, in recipe id order
    parts: dict[str, float] = field(default_factory=dict)  # dimension -> base amount
    recipes: dict[str, None] = field(default_factory=dict)
    density: float | None = None
    section: str | None = None
    as_needed: bool = False


def session_counts(plan: Plan) -> dict[str, int]:
    counts: dict[str, int] = {}
    for s in plan.sessions:
        counts[s.recipe] = counts.get(s.recipe, 0) + 1
    return counts


def _to_dim(value: float, src: str, dst: str, density: float | None) -> float | None:
    if src == dst:
        return value
    if density is None:
        return None
    if src == VOLUME and dst == MASS:
        return value * density
    if src == MASS and dst == VOLUME:
        return value / density
    return None


def total_amounts(
    counts: Mapping[str, int],
    recipes: Mapping[str, Recipe],
    catalogue: Mapping[str, CatalogueItem],
    system: str = "metric",
) -> tuple[dict[str, _Total], dict[str, _Total]]:
    """Per canonical item the summed base amounts; and the equipment with its recipes."""
    aliases = alias_map(catalogue)
    totals: dict[str, _Total] = {}
    equipment: dict[str, _Total] = {}
    for rid in sorted(counts):
        n = counts[rid]
        if n <= 0:
            continue
        for ing in recipes[rid].ingredients:
            name = canonical(ing.item, aliases)
            if ing.type == "tap":
                continue
            shown = _shown_name(ing.item, name, catalogue)
            if ing.type == "equipment":
                equipment.setdefault(name, _Total(shown)).recipes[rid] = None
                continue
            total = totals.setdefault(name, _Total(shown))
            total.recipes[rid] = None
            total.section = total.section or ing.section
            if total.density is None and ing.density is not None:
                total.density = ing.density
            if ing.quantity.amount is None:
                total.as_needed = True
                continue
            value, dim = base_amount(ing.quantity.amount, ing.quantity.unit, system)
            total.parts[dim] = total.parts.get(dim, 0.0) + value * n
    for name, total in totals.items():
        entry = catalogue.get(name)
        if entry is not None:
            total.section = entry.section or total.section
            if total.density is None:
                total.density = entry.density
    return totals, equipment


def _target_dim(total: _Total, entry: CatalogueItem | None) -> str | None:
    if entry is not None and entry.package is not None and entry.package.amount is not None:
        return dimension(entry.package.unit)
    for dim in (MASS, VOLUME):
        if dim in total.parts:
            return dim
    return next(iter(total.parts), None)


def shopping_list(
    plan: Plan,
    recipes: Mapping[str, Recipe],
    catalogue: Mapping[str, CatalogueItem],
    pantry: Sequence[PantryEntry] = (),
    system: str = "metric",
    packages: bool = True,
) -> ShoppingList:
    """What to buy for ``plan``, in packages (unless ``packages`` is False)."""
    totals, equipment = total_amounts(session_counts(plan), recipes, catalogue, system)
    aliases = alias_map(catalogue)
    have: dict[str, list[PantryEntry]] = {}
    for entry in pantry:
        have.setdefault(canonical(entry.item, aliases), []).append(entry)
    items: list[ShoppingItem] = []
    for name in sorted(totals):
        items.append(_item(totals[name], catalogue.get(name), have.get(name, []),
                           system, packages))  # fmt: skip
    for name in sorted(equipment):
        tool = equipment[name]
        items.append(ShoppingItem(item=tool.name, section="equipment", quantity=None, unit="",
                                  recipes=tuple(tool.recipes), status="equipment"))  # fmt: skip
    notes = []
    unlisted = [e for e in pantry if canonical(e.item, aliases) not in totals | equipment.keys()]
    for entry in unlisted[:MAX_NOTES]:
        from planner.core.text import suggest

        hint = suggest(canonical(entry.item, aliases), sorted(totals))
        notes.append(f"notice: {entry.where}: '{entry.item}' is not on the list{hint}")
    if len(unlisted) > MAX_NOTES:
        notes.append(
            f"notice: ... and {len(unlisted) - MAX_NOTES} more items you have are not on the list"
        )
    return ShoppingList(
        notes=tuple(notes),
        routine=plan.routine,
        title=plan.title,
        start=plan.start.isoformat(),
        end=plan.end.isoformat(),
        units=system,
        items=tuple(items),
    )


def _merge_parts(total: _Total, target: str | None) -> dict[str, float]:
    """Every part of a total in the target dimension where a density allows it."""
    merged: dict[str, float] = {}
    for dim, value in total.parts.items():
        moved = _to_dim(value, dim, target, total.density) if target else None
        key = target if moved is not None and target is not None else dim
        merged[key] = merged.get(key, 0.0) + (moved if moved is not None else value)
    return merged


def _subtract_pantry(
    merged: dict[str, float],
    total: _Total,
    target: str | None,
    have: Sequence[PantryEntry],
    system: str,
) -> tuple[bool, list[str]]:
    """Take what is at home off ``merged`` (in place): whether "some" covers it all, and
    what was taken, for the list. A pantry amount that cannot be converted is an error."""
    covered_text: list[str] = []
    enough = False
    for h in have:
        if h.amount is None:
            enough = True
            covered_text.append("some")
            continue
        value, dim = base_amount(h.amount, h.unit, system)
        if not merged:
            enough = True  # only "as needed" on the list: any amount at home covers it
            continue
        # The same unit first (a mixed line "40 g + 60 ml" takes millilitres off its ml
        # part), then the list's main unit through the density.
        goals = [d for d in (dim, target, *merged) if d in merged]
        goal, moved = next(
            ((g, m) for g in goals if (m := _to_dim(value, dim, g, total.density)) is not None),
            (goals[0], None),
        )
        if moved is None:
            mass_volume = {dim, goal} == {MASS, VOLUME}
            raise DataError([
                f"{h.where}: {h.item}: cannot subtract {h.amount:g} {plural(h.unit, h.amount)} "
                f"from an amount in {_dim_label(goal)}"
                + (" (no density known)" if mass_volume and not total.density else "")
            ])  # fmt: skip
        merged[goal] = max(0.0, merged.get(goal, 0.0) - moved)
        covered_text.append(f"{h.amount:g} {h.unit}")
    return enough, covered_text


def package_text(package: Quantity, system: str) -> str:
    """One package in the list's unit system: "50 ml" stays for metric and reads
    "1.69 fl oz" for US units; counted packages ("80 cotton pads") are the same in both."""
    if package.amount is None or dimension(package.unit) not in (MASS, VOLUME):
        return package.text
    if package.unit in SYSTEM_UNITS[system]:
        value, unit = package.amount, package.unit
    else:
        value, unit = display_amount(*base_amount(package.amount, package.unit, system), system)
    return f"{format_number(value)} {plural(unit, value)}"


def _packages(
    entry: CatalogueItem, needed: dict[str, float], main_dim: str | None, total: _Total,
    has_extra: bool, system: str, line_unit: str,
) -> tuple[int | None, float | None, str]:  # fmt: skip
    """Packages to buy and what is left over, when the line is in the package's unit.
    With US units the leftover is in the line's own unit (oz next to oz, not tsp)."""
    assert entry.package is not None
    pkg = entry.package
    size, pdim = base_amount(pkg.amount or 1.0, pkg.unit, system)
    if has_extra or (main_dim != pdim and main_dim is not None):
        return None, None, ""
    need = needed.get(pdim, 0.0)
    n = max(1, math.ceil(need / size - _EPSILON)) if need else 1
    if total.as_needed and not need:
        return n, None, ""
    left = max(0.0, n * size - need)
    if system == "us" and line_unit:
        return n, from_base(left, line_unit, system), line_unit
    leftover, leftover_unit = display_amount(left, pdim, system)
    return n, leftover, leftover_unit


def _item(
    total: _Total,
    entry: CatalogueItem | None,
    have: Sequence[PantryEntry],
    system: str,
    packages: bool,
) -> ShoppingItem:
    target = _target_dim(total, entry)
    merged = _merge_parts(total, target)
    enough, covered_text = _subtract_pantry(merged, total, target, have, system)
    needed = {d: v for d, v in merged.items() if v > _EPSILON * max(1.0, v)}
    section = total.section or (entry.section if entry else None) or "other"
    # "some" at home covers anything; an amount covers the item when nothing is left to buy.
    status = "on hand" if enough or (have and not needed) else "buy"
    main_dim = target if target in needed else next(iter(needed), None)
    quantity: float | None = None
    unit = ""
    if main_dim is not None:
        quantity, unit = display_amount(needed[main_dim], main_dim, system)
    also = tuple(display_amount(v, d, system) for d, v in needed.items() if d != main_dim)
    n_packages, leftover, leftover_unit, size_text = None, None, "", None
    if packages and entry is not None and entry.package is not None and status == "buy":
        size_text = package_text(entry.package, system)
        n_packages, leftover, leftover_unit = _packages(
            entry, needed, main_dim, total, bool(also), system, unit
        )
    return ShoppingItem(
        item=total.name,
        section=section,
        quantity=quantity,
        unit=unit,
        also=also,
        packages=n_packages,
        package_size=size_text,
        leftover=leftover,
        leftover_unit=leftover_unit,
        recipes=tuple(total.recipes),
        status=status,
        as_needed=total.as_needed,
        have=", ".join(covered_text),
        note=entry.note if entry else "",
    )


def _dim_label(dim: str) -> str:
    return {"mass": "grams", "volume": "millilitres"}.get(dim, dim + "s")
