"""Pictures of the printout for README: pages of the default routine's PDF, as the tool
writes it, turned into small PNGs by poppler's pdftoppm.

    python docs/make_pictures.py            # writes docs/plan-week.png, shopping.png,
                                            # recipe-card.png, tracker.png
    python docs/make_pictures.py --out DIR  # somewhere else

The inputs are fixed (start, zone), so the pictures change only when the printout does.
Needs pdftoppm (Debian: poppler-utils); no office suite.
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
WEEKS = 4


def pdf() -> bytes:
    from planner.formats.pdf import render_pdf
    from planner.load.catalogue import known_conditions
    from planner.load.library import load_library
    from planner.load.routine import builtin_routine_files, load_routine_file
    from planner.schedule import build_schedule
    from planner.shopping.compute import shopping_list

    lib = load_library()
    routine = load_routine_file(builtin_routine_files()["back-care"], lib)
    plan = build_schedule(routine, lib.recipes, START, WEEKS, timezone="Europe/Berlin")
    shop = shopping_list(plan, lib.recipes, lib.catalogue)
    return render_pdf(plan, lib.recipes, shop, known_conditions(lib))[0]


# The page of each picture: the first week, then (after the 4 week pages) the shopping
# list, the first recipe card and the tracker's first page.
PICTURES = {"plan-week.png": 1, "shopping.png": WEEKS + 1, "recipe-card.png": WEEKS + 2}


def tracker_page(path: Path) -> int:
    """The tracker's first page, found by its heading."""
    page = 1
    while True:
        text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(path), "-"],
                              capture_output=True, text=True)  # fmt: skip
        if text.returncode != 0:
            raise SystemExit("make_pictures: the PDF has no tracker page")
        if text.stdout.startswith("Tracker:"):
            return page
        page += 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).parent)
    args = parser.parse_args(argv)
    if not shutil.which("pdftoppm") or not shutil.which("pdftotext"):
        print("make_pictures: needs pdftoppm and pdftotext (poppler-utils)", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "back-care.pdf"
        path.write_bytes(pdf())
        pages = {**PICTURES, "tracker.png": tracker_page(path)}
        for name, page in pages.items():
            stem = Path(tmp) / Path(name).stem
            subprocess.run(["pdftoppm", "-png", "-singlefile", "-scale-to", "900", "-f",
                            str(page), "-l", str(page), str(path), str(stem)],
                           check=True, timeout=120)  # fmt: skip
            shutil.copyfile(stem.with_suffix(".png"), args.out / name)
            print(f"wrote {args.out / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
