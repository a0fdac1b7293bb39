"""Pictures of the printout for README: the default routine's workbook, printed by
LibreOffice, turned into small PNGs by poppler's pdftoppm.

    python docs/make_pictures.py            # writes docs/plan-week.png, recipe-card.png,
                                            # shopping.png
    python docs/make_pictures.py --out DIR  # somewhere else

The inputs are fixed (start, zone, time of making), so the pictures change only when
the printout does. Needs soffice (libreoffice-calc-nogui), pdftoppm and pdftotext.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

START = dt.date(2026, 11, 30)
NOW = dt.datetime(2026, 11, 25, 9, 30, tzinfo=dt.UTC)
PICTURES = {"Plan": "plan-week.png", "Recipes": "recipe-card.png", "Shopping": "shopping.png"}


def workbook() -> bytes:
    from planner.formats.workbook.write import render_xlsx
    from planner.load.catalogue import known_conditions
    from planner.load.library import load_library
    from planner.load.routine import builtin_routine_files, load_routine_file
    from planner.schedule import build_schedule
    from planner.shopping.compute import shopping_list

    lib = load_library()
    routine = load_routine_file(builtin_routine_files()["back-care"], lib)
    plan = build_schedule(routine, lib.recipes, START, timezone="Europe/Berlin")
    shop = shopping_list(plan, lib.recipes, lib.catalogue)
    return render_xlsx(plan, lib.recipes, shop, known_conditions(lib), NOW)


def first_pages(pdf: Path) -> dict[str, int]:
    """The first page of each sheet, read from the page headers "<title> - <sheet>"."""
    out: dict[str, int] = {}
    page = 1
    while True:
        text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
                              capture_output=True, text=True)  # fmt: skip
        if text.returncode != 0 or not text.stdout.strip():
            return out
        header = text.stdout.strip().splitlines()[0]
        out.setdefault(header.rsplit(" - ", 1)[-1].strip(), page)
        page += 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).parent)
    args = parser.parse_args(argv)
    soffice = shutil.which("soffice")
    if soffice is None or not shutil.which("pdftoppm"):
        print("make_pictures: needs soffice and pdftoppm", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        book = Path(tmp) / "back-care.xlsx"
        book.write_bytes(workbook())
        subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp}/profile",
                        "--convert-to", "pdf", "--outdir", tmp, str(book)],
                       check=True, capture_output=True, timeout=300)  # fmt: skip
        pdf = Path(tmp) / "back-care.pdf"
        pages = first_pages(pdf)
        for sheet, name in PICTURES.items():
            stem = Path(tmp) / sheet
            subprocess.run(["pdftoppm", "-png", "-singlefile", "-scale-to", "900", "-f",
                            str(pages[sheet]), "-l", str(pages[sheet]), str(pdf), str(stem)],
                           check=True, timeout=120)  # fmt: skip
            shutil.copyfile(stem.with_suffix(".png"), args.out / name)
            print(f"wrote {args.out / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
