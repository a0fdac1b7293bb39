"""Every file that `remedy-planner plan` writes is decided here, in one place."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import field
from pathlib import Path

from planner.core.plan import Plan
from planner.core.recipe import Library
from planner.core.record import record
from planner.shopping.compute import PantryEntry, ShoppingList


@record
class OutputOptions:
    """Which files a plan is written as, and how they look."""

    units: str = "metric"
    packages: bool = True
    pantry: Sequence[PantryEntry] = field(default_factory=tuple)
    xlsx: bool = True
    pdf: bool = True
    paper: str = "a4"
    week_start: str = "monday"
    ics: bool = True
    remind_minutes: int | None = 30
    recurrence: bool = True


@record
class Outputs:
    """The files of a plan, not yet written, and the lines to print about them."""

    files: dict[Path, bytes]
    summary: list[str]
    notes: list[str] = field(default_factory=list)


def make_shopping(plan: Plan, library: Library, options: OutputOptions) -> ShoppingList:
    from planner.shopping.compute import shopping_list

    return shopping_list(plan, library.recipes, library.catalogue, options.pantry,
                         options.units, options.packages)  # fmt: skip


def plan_outputs(
    plan: Plan,
    library: Library,
    out_dir: Path,
    now: dt.datetime,
    options: OutputOptions | None = None,
) -> Outputs:
    """File path -> content for a plan, and the lines to print about them; nothing is written.

    ``now`` is the moment written into the files as their creation time.
    """
    from planner.formats.json import render_plan_json
    from planner.formats.shopping_list import render_md, totals_line

    options = options or OutputOptions()
    shopping = make_shopping(plan, library, options)
    files = {
        out_dir / f"{plan.routine}.json": render_plan_json(plan, library.recipes),
        out_dir / f"{plan.routine}.shopping.md": render_md(shopping).encode("utf-8"),
    }
    if options.xlsx:
        from planner.formats.workbook.cells import XlsxOptions
        from planner.formats.workbook.write import render_xlsx
        from planner.load.catalogue import known_conditions

        files[out_dir / f"{plan.routine}.xlsx"] = render_xlsx(
            plan,
            library.recipes,
            shopping,
            known_conditions(library),
            now,
            XlsxOptions(paper=options.paper, week_start=options.week_start),
        )
    notes = list(shopping.notes)
    if options.pdf:
        from planner.formats.pdf import MISSING, PdfOptions, render_pdf
        from planner.load.catalogue import known_conditions

        pdf, missing = render_pdf(
            plan, library.recipes, shopping, known_conditions(library),
            PdfOptions(paper=options.paper, week_start=options.week_start),
        )  # fmt: skip
        path = out_dir / f"{plan.routine}.pdf"
        files[path] = pdf
        if missing:
            shown = missing if len(missing) <= 20 else missing[:20] + "..."
            notes.append(f"notice: {path.name}: its font has no {shown!r}; each such "
                         f"character prints as {MISSING}")  # fmt: skip
    if options.ics:
        from planner.formats.ics import IcsOptions, render_ics

        files[out_dir / f"{plan.routine}.ics"] = render_ics(
            plan,
            library.recipes,
            now,
            IcsOptions(remind_minutes=options.remind_minutes, recurrence=options.recurrence),
        )
    return Outputs(files=files, summary=[totals_line(shopping)], notes=notes)
