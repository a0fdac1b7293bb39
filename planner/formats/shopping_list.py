"""The shopping list as text (80 columns, tick boxes), Markdown, CSV or JSON."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from planner.core.text import formula_safe, wrap_words
from planner.core.units import shown_number
from planner.errors import UsageError
from planner.shopping.compute import SECTION_ORDER, ShoppingItem, ShoppingList
from planner.view.describe import amount, buy_text, need_text

FORMATS = ("text", "md", "csv", "json")
EXTENSIONS = {".txt": "text", ".md": "md", ".markdown": "md", ".csv": "csv", ".json": "json"}
WIDTH = 80


def _sections(shopping: ShoppingList) -> list[tuple[str, list[ShoppingItem]]]:
    buy = shopping.with_status("buy")
    names = [s for s in SECTION_ORDER if any(i.section == s for i in buy)]
    names += sorted({i.section for i in buy} - set(names))
    return [(s, [i for i in buy if i.section == s]) for s in names]


def _header(shopping: ShoppingList) -> str:
    return f"Shopping list: {shopping.title}, {shopping.start} to {shopping.end}"


def render_text(shopping: ShoppingList) -> str:
    out = [*wrap_words(_header(shopping), WIDTH), ""]
    sections = _sections(shopping)
    listed = [i for _, items in sections for i in items]
    w_item = min(26, max((len(i.item) for i in listed), default=0))
    w_need = min(16, max((len(need_text(i)) for i in listed), default=0))
    for section, items in sections:
        out.append(section.upper())
        for item in items:
            need, buy = need_text(item), buy_text(item)
            line = f"  [ ] {item.item:<{w_item}}  {need:<{w_need}}  {buy}".rstrip()
            if len(line) > WIDTH:
                out += wrap_words(item.item, WIDTH, "  [ ] ", " " * 6)
                out += wrap_words(f"{need}; buy {buy}" if buy else need, WIDTH,
                                     initial_indent=" " * 6, subsequent_indent=" " * 6)  # fmt: skip
            else:
                out.append(line)
        out.append("")
    on_hand = shopping.with_status("on hand")
    if on_hand:
        out.append("ON HAND (from your pantry list)")
        for item in on_hand:
            out += wrap_words(item.item, WIDTH, "  [x] ", " " * 6)
        out.append("")
    equipment = shopping.with_status("equipment")
    if equipment:
        out.append("EQUIPMENT (reused; get it only if you have none)")
        out += wrap_words(", ".join(i.item for i in equipment), WIDTH,
                             initial_indent="  ", subsequent_indent="  ")  # fmt: skip
        out.append("")
    return "\n".join(out)


def render_md(shopping: ShoppingList) -> str:
    out = [f"# {_header(shopping)}", ""]
    for section, items in _sections(shopping):
        out += [f"## {section.capitalize()}", ""]
        for item in items:
            buy = buy_text(item, left=", {} left over")
            out.append(
                f"- [ ] **{_md(item.item)}**: {need_text(item)}" + (f"; buy {buy}" if buy else "")
            )
        out.append("")
    on_hand = shopping.with_status("on hand")
    if on_hand:
        out += ["## On hand", ""] + [f"- [x] {_md(i.item)}" for i in on_hand] + [""]
    equipment = shopping.with_status("equipment")
    if equipment:
        out += ["## Equipment (reused)", ""] + [f"- {_md(i.item)}" for i in equipment] + [""]
    return "\n".join(out)


def _md(text: str) -> str:
    """Markdown-neutral text: characters that would start markup are escaped."""
    return "".join("\\" + c if c in "\\`*_[]<>|" else c for c in text)


def item_to_dict(item: ShoppingItem) -> dict[str, Any]:
    """The numbers are the printed list's numbers (amounts to buy rounded up at the
    shown precision), so a file and the printout never differ in the last digit."""

    def r(value: float | None, up: bool = False) -> float | None:
        return None if value is None else shown_number(value, up)

    return {
        "item": item.item,
        "section": item.section,
        "status": item.status,
        "quantity": r(item.quantity, up=True),
        "unit": item.unit,
        "also": [{"quantity": r(v, up=True), "unit": u} for v, u in item.also],
        "as_needed": item.as_needed,
        "packages": item.packages,
        "package_size": item.package_size,
        "leftover": r(item.leftover),
        "leftover_unit": item.leftover_unit,
        "have": item.have,
        "recipes": list(item.recipes),
    }


def render_json(shopping: ShoppingList) -> str:
    data = {
        "routine": shopping.routine,
        "title": shopping.title,
        "start": shopping.start,
        "end": shopping.end,
        "units": shopping.units,
        "items": [item_to_dict(i) for i in shopping.items],
    }
    from planner.formats.json import dump_json

    return dump_json(data)


CSV_COLUMNS = ("section", "item", "status", "quantity", "unit", "also", "packages",
               "package_size", "leftover", "leftover_unit", "recipes")  # fmt: skip


def render_csv(shopping: ShoppingList) -> str:
    import csv  # only this format needs it

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for item in shopping.items:
        d = item_to_dict(item)
        also = " + ".join(amount(a["quantity"], a["unit"]) for a in d["also"])
        writer.writerow([
            _cell(d["section"]), _cell(d["item"]), d["status"],
            "" if d["quantity"] is None else d["quantity"], d["unit"], also,
            "" if d["packages"] is None else d["packages"], d["package_size"] or "",
            "" if d["leftover"] is None else d["leftover"], d["leftover_unit"],
            _cell(", ".join(d["recipes"])),
        ])  # fmt: skip
    return buf.getvalue()


def _cell(text: str) -> str:
    """Spreadsheets run cells that start with = + - @ as formulas; a quote keeps them text."""
    return formula_safe(text)


def output_format(output: str, given: str | None) -> str:
    """The format for ``-o OUTPUT``: ``given`` (--format) if any, else the file's
    extension (.md, .csv, .json, .txt), else text. An extension naming another format
    than ``given`` is a usage error, since one of the two is a mistake."""
    said = EXTENSIONS.get(Path(output).suffix.lower()) if output != "-" else None
    if given is not None and said is not None and said != given:
        raise UsageError(f"-o {output}: the extension says {said} but --format says {given}")
    return given or said or "text"


def render(shopping: ShoppingList, fmt: str) -> str:
    return {"text": render_text, "md": render_md, "csv": render_csv, "json": render_json}[fmt](
        shopping
    )


def totals_line(shopping: ShoppingList) -> str:
    """ "Shopping: 7 items to buy (3 pharmacy, 2 drugstore, 2 grocery), 9 packages"; items
    with no package size (bought by amount) are counted apart, so the packages never seem
    to cover items they do not."""
    buy = shopping.with_status("buy")
    on_hand = len(shopping.with_status("on hand"))
    if not buy:
        return "Shopping: nothing to buy" + (f", {on_hand} on hand" if on_hand else "")
    by_section = ", ".join(f"{len(items)} {section}" for section, items in _sections(shopping))
    packed = [i for i in buy if i.packages is not None]
    packages = _count(sum(i.packages or 0 for i in packed), "package")
    by_amount = len(buy) - len(packed)
    text = f"Shopping: {_count(len(buy), 'item')} to buy ({by_section})"
    if not by_amount:
        text += f", {packages}"
    elif not packed:
        text += ", all by amount" if by_amount > 1 else ", by amount"
    else:
        text += f": {packages} for {_count(len(packed), 'item')}, {by_amount} by amount"
    if on_hand:
        text += f", {on_hand} on hand"
    return text


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
