"""The printout a person pins up, measured on the PDF that LibreOffice prints."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from planner.core.recipe import clock
from planner.formats.json import plan_to_dict
from planner.formats.workbook.cells import XlsxOptions
from planner.formats.workbook.write import render_xlsx
from planner.load.catalogue import known_conditions
from planner.load.routine import builtin_routine_files, load_routine_file
from planner.schedule import build_schedule
from planner.shopping.compute import shopping_list
from planner.view.describe import planned_times

from .libraries import builtin
from .printed import Page, to_pdf

pytestmark = pytest.mark.slow  # every test here starts LibreOffice
NOW = dt.datetime(2026, 11, 25, 9, 30, tzinfo=dt.UTC)


def book(rid: str, start: dt.date, weeks: int | None = None, **opts: str):
    lib = builtin()
    routine = load_routine_file(builtin_routine_files()[rid], lib)
    plan = build_schedule(routine, lib.recipes, start, weeks, timezone="Europe/Berlin")
    shop = shopping_list(plan, lib.recipes, lib.catalogue)
    data = render_xlsx(plan, lib.recipes, shop, known_conditions(lib), NOW, XlsxOptions(**opts))
    return plan, data


def sheet(pages: list[Page], name: str) -> list[Page]:
    return [p for p in pages if p.sheet == name]


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """The four built-in routines on A4 and back-care on Letter with Sunday weeks."""
    folder = tmp_path_factory.mktemp("print")
    made = {
        "back-care": book("back-care", dt.date(2026, 11, 30)),
        "acid": book("acid-peel-course", dt.date(2026, 11, 30)),
        "flare": book("inflammation-flare", dt.date(2026, 11, 30), paper="letter"),
        "legs": book("legs-hair-removal", dt.date(2026, 11, 30), paper="letter",
                     week_start="sunday"),
    }  # fmt: skip
    pages = to_pdf({name: data for name, (_, data) in made.items()}, folder)
    return {name: (made[name][0], pages[name]) for name in made}


@pytest.mark.parametrize("name", ["back-care", "acid", "flare", "legs"])
def test_a_plan_page_reads_from_a_metre_and_fills_the_page(printed, name: str) -> None:
    plan, pages = printed[name]
    weeks = sheet(pages, "Plan")
    assert len(weeks) == plan.weeks
    for page in weeks:
        week = page.below("Week")
        # 12 pt type gives word boxes of about 15.6 pt; 11 pt would give 14.5 pt.
        assert page.median_height(week) >= 14.5, (page.number, page.median_height(week))
        days = [w for w in week if re.fullmatch(r"Mon|Tue|Wed|Thu|Fri|Sat|Sun", w.text)]
        assert days and min(w.height for w in days) >= 18.5  # 14 pt day headings or more
        top = min(w.y0 for w in week) / page.height
        _, bottom = page.inked()
        assert bottom - top >= 0.6, (page.number, top, bottom)
        assert "Not medical advice" in page.text  # the footer line, on every page


def test_the_footer_names_what_a_condition_left_out(tmp_path: Path) -> None:
    lib = builtin()
    routine = load_routine_file(builtin_routine_files()["back-care"], lib)
    plan = build_schedule(routine, lib.recipes, dt.date(2026, 11, 30), weeks=1,
                          conditions=("open-pimples",))  # fmt: skip
    data = render_xlsx(plan, lib.recipes, shopping_list(plan, lib.recipes, lib.catalogue),
                       known_conditions(lib), NOW)  # fmt: skip
    [page] = sheet(to_pdf({"left-out": data}, tmp_path)["left-out"], "Plan")
    assert "Left out for open pimples: Baking-soda mask" in page.text


def test_a_plan_prints_its_weeks_rounded_up_never_a_page_for_one_day(tmp_path: Path) -> None:
    books = {}
    expected = {}
    wednesday = dt.date(2026, 12, 2)  # neither a Monday nor a Sunday: weeks fold
    for paper in ("a4", "letter"):
        for start in ("monday", "sunday"):
            for weeks in (1, 4, 5):
                key = f"{paper}-{start}-{weeks}"
                books[key] = book("back-care", wednesday, weeks, paper=paper,
                                  week_start=start)[1]  # fmt: skip
                expected[key] = weeks
    printed = to_pdf(books, tmp_path)
    for key, pages in printed.items():
        plan_pages = sheet(pages, "Plan")
        assert len(plan_pages) == expected[key], key
        size = (842, 595) if key.startswith("a4") else (792, 612)
        assert all((round(p.width), round(p.height)) == size for p in plan_pages), key


@pytest.mark.parametrize("name", ["back-care", "acid", "flare", "legs"])
def test_every_card_prints_the_times_the_plan_uses(printed, name: str) -> None:
    plan, pages = printed[name]
    lib = builtin()
    by_name = {lib.recipes[rid].name: rid for rid in plan.recipe_ids()}
    cards = sheet(pages, "Recipes")
    assert len(cards) == len({s.recipe for s in plan.sessions})
    for page in cards:
        card = next(n for n in by_name if page.text.split(" - Recipes ", 1)[1].startswith(n))
        printed_times = set(re.findall(r"\b\d\d:\d\d\b", page.text))
        allowed = {clock(t) for t in planned_times(plan, by_name[card])}
        assert printed_times and printed_times <= allowed, (card, printed_times, allowed)


@pytest.mark.parametrize("name", ["back-care", "acid", "flare", "legs"])
def test_the_shopping_page_names_remedies_never_ids(printed, name: str) -> None:
    plan, pages = printed[name]
    [shop] = sheet(pages, "Shopping")
    ids = {rid for rid in plan.recipe_ids() if "-" in rid}
    text = shop.text
    for item in shopping_list(plan, builtin().recipes, builtin().catalogue).items:
        text = text.replace(item.item, "")  # "anti-ingrown product" is a thing one buys
    assert ids and not [rid for rid in ids if rid in text]
    # What to buy reads as "2 x 100 g", never a count run into a size.
    assert re.search(r"\b\d+ x \d+(\.\d+)? ?\w+", shop.text)
    assert json.dumps(plan_to_dict(plan, builtin().recipes))  # the plan itself is sound


def test_the_pictures_script_renders_the_readme_pictures(tmp_path: Path) -> None:
    import subprocess
    import sys

    from .programs import require

    require("pdftoppm")
    require("pdftotext")
    script = Path(__file__).parents[1] / "docs" / "make_pictures.py"
    done = subprocess.run([sys.executable, str(script), "--out", str(tmp_path)],
                          capture_output=True, text=True, timeout=600)  # fmt: skip
    assert done.returncode == 0, done.stderr
    for name in ("plan-week.png", "recipe-card.png", "shopping.png", "tracker.png"):
        data = (tmp_path / name).read_bytes()
        assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 10_000
    readme = (Path(__file__).parents[1] / "README.md").read_text()
    assert "](docs/plan-week.png)" in readme.split("## Quickstart")[0]


def test_sessions_already_done_print_in_their_days_row_on_one_page_a_week(tmp_path: Path) -> None:
    from planner.core.done import Done

    lib = builtin()
    routine = load_routine_file(builtin_routine_files()["back-care"], lib)
    monday = dt.date(2026, 11, 30)
    history = (Done("soda-mask", monday + dt.timedelta(days=1), 20 * 60 + 15),
               Done("chamomile-bath", monday))  # fmt: skip
    plan = build_schedule(routine, lib.recipes, monday, 2, timezone="Europe/Berlin",
                          history=history)  # fmt: skip
    data = render_xlsx(plan, lib.recipes, shopping_list(plan, lib.recipes, lib.catalogue),
                       known_conditions(lib), NOW)  # fmt: skip
    first, second = sheet(to_pdf({"done": data}, tmp_path)["done"], "Plan")
    assert "Done" in first.text.split() and "Done" not in second.text.split()
    # Wrapped in its cell, so word by word: "mask:", "bath:" and "done" are only there.
    words = first.text.split()
    assert {"20:15", "mask:", "bath:"} <= set(words) and words.count("done") == 2
    assert "done" not in second.text.split()
    # Still read from a metre: the same type size as a week without the row.
    assert first.median_height(first.below("Week")) >= 14.5
