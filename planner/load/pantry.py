"""Reading what a person already has at home (``--have FILE``), TOML or CSV."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from planner.core.text import one_line, plain_text
from planner.core.units import parse_amount
from planner.errors import AmountError, DataError
from planner.load.diagnostics import key_lines, read_text, read_toml
from planner.shopping.compute import PantryEntry

SOME = ("some", "yes", "enough")


def _entry(item: str, amount: object, where: str, problems: list[str]) -> PantryEntry | None:
    item = " ".join(plain_text(item).split())
    if not item:
        problems.append(f"{where}: the item name is empty")
        return None
    if isinstance(amount, str) and amount.strip().lower() in SOME:
        return PantryEntry(item, None, "", where)
    if not isinstance(amount, str):
        problems.append(one_line(f"{where}: {item}: the amount must be text such as "
                                 f'"200 g" or "some"'))  # fmt: skip
        return None
    try:
        q = parse_amount(amount)
    except AmountError as exc:
        problems.append(one_line(f"{where}: {item}: {exc}"))
        return None
    if q.amount is None:
        return PantryEntry(item, None, "", where)
    return PantryEntry(item, q.amount, q.unit, where)


def load_pantry(path: Path) -> list[PantryEntry]:
    """Entries of ``item = "amount"`` (TOML) or rows of ``item,amount`` (CSV with a header)."""
    if path.suffix.lower() == ".csv":
        return _load_csv(path)
    data, text = read_toml(path)
    problems: list[str] = []
    out: list[PantryEntry] = []
    lines = key_lines(text)  # one pass: a line search per item would be quadratic
    for item, amount in data.items():
        line = lines.get(item)
        where = f"{path}:{line}" if line else str(path)
        if isinstance(amount, dict):
            problems.append(one_line(f'{where}: {item}: write item = "amount", not a table'))
            continue
        entry = _entry(item, amount, where, problems)
        if entry is not None:
            out.append(entry)
    if problems:
        raise DataError(problems)
    return out


def _load_csv(path: Path) -> list[PantryEntry]:
    text = read_text(path)
    reader = csv.reader(io.StringIO(text))
    problems: list[str] = []
    out: list[PantryEntry] = []
    header: list[str] | None = None
    try:
        for row in reader:
            where = f"{path}:{reader.line_num}"
            if not row or all(not cell.strip() for cell in row):
                continue
            if header is None:
                header = [cell.strip().lower() for cell in row]
                if header[:2] != ["item", "amount"]:
                    problems.append(f"{where}: the first row must be the header: item,amount")
                    break
                continue
            if len(row) != 2:
                problems.append(
                    one_line(f"{where}: expected 2 columns (item,amount), got {len(row)}")
                )
                continue
            entry = _entry(row[0], row[1], where, problems)
            if entry is not None:
                out.append(entry)
    except csv.Error as exc:
        problems.append(f"{path}:{reader.line_num}: {exc}")
    if header is None and not problems:
        problems.append(f"{path}: empty; expected a header row item,amount")
    if problems:
        raise DataError(problems)
    return out
