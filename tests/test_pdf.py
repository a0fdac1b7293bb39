"""The PDF plan, read back by programs we did not write: poppler (pdffonts, pdftotext
-bbox) for fonts and words, pdfplumber for character sizes, fills and lines.

Which bug each test catches is said in its docstring."""

from __future__ import annotations

import collections
import datetime as dt
import io
import itertools
import json
import re
import statistics
import subprocess
from dataclasses import replace
from typing import Any

import pytest

from planner.core.recipe import clock, day_text
from planner.core.routine import Routine, Wish
from planner.formats.pdf import PAPERS, PdfOptions, render_pdf
from planner.load.catalogue import known_conditions
from planner.load.routine import builtin_routine_files, load_routine_file
from planner.schedule import build_schedule
from planner.shopping.compute import shopping_list

from .factories import make_recipe, make_routine
from .libraries import builtin
from .printed import read_pages
from .programs import require

START = dt.date(2026, 12, 7)
NOW = "2026-12-05T10:00:00+00:00"
TITLE = "Rücken \u2013 Pflege ✓ 背中のケア"  # an en dash: a character beyond ASCII


def _plan(name: str = "back-care", weeks: int = 4, start: dt.date = START, **kw: Any):
    lib = builtin()
    routine = load_routine_file(builtin_routine_files()[name], lib)
    return build_schedule(routine, lib.recipes, start, weeks, timezone="Europe/Berlin", **kw)


def _pdf(plan, recipes=None, paper: str = "a4", week_start: str = "monday") -> tuple[bytes, str]:
    lib = builtin()
    recipes = recipes or lib.recipes
    shop = shopping_list(plan, recipes, lib.catalogue)
    return render_pdf(plan, recipes, shop, known_conditions(lib), PdfOptions(paper, week_start))


class _Page:
    """What pdfplumber reads off one page, kept after the file is closed."""

    def __init__(self, page: Any) -> None:
        self.width, self.height = float(page.width), float(page.height)
        self.chars = [dict(c) for c in page.chars]
        self.rects = [dict(r) for r in page.rects]
        self.words = page.extract_words(extra_attrs=["fontname", "size"])
        self.text = page.extract_text()


def _columns(page: _Page, days: list[dt.date]) -> dict[dt.date, tuple[float, float]]:
    """Each day's column, from where its printed date stands (the centre of the date's
    words, half a column either side): the lowest place the date is printed, as the
    dates in the page's title and heading come above the columns."""
    centres: dict[dt.date, float] = {}
    words = page.words
    for day in days:
        parts = day_text(day).split()
        lowest = -1.0
        for k in range(len(words) - len(parts) + 1):
            run = words[k : k + len(parts)]
            same_line = abs(run[0]["top"] - run[-1]["top"]) < 1
            if [w["text"] for w in run] == parts and same_line and run[0]["top"] > lowest:
                lowest = run[0]["top"]
                centres[day] = (run[0]["x0"] + run[-1]["x1"]) / 2
    xs = sorted(centres.values())
    half = min(b - a for a, b in itertools.pairwise(xs)) / 2
    return {d: (c - half, c + half) for d, c in centres.items()}


def _check_week_pages(plan, data: bytes, paper: str) -> int:
    """Landscape pages of the paper's size, text of 11 pt or more (median), the week
    over 60 % of the page's height, every session on its week's page (or pages) in its
    day's column with its time, and no text over other text or across a cell's edge.
    The number of week pages."""
    import pdfplumber

    from planner.view.pages import week_pages

    pages = week_pages(plan, "monday")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        read = [_Page(p) for p in pdf.pages]
    short, long = PAPERS[paper]
    by_day = collections.defaultdict(list)
    for s in plan.sessions:
        by_day[s.date].append(s)
    used = 0
    for n, days in enumerate(pages, start=1):
        heading = f"Week {n} of {len(pages)}:"
        mine = [p for p in read if heading in p.text]
        assert mine, f"no page for week {n}"
        used += len(mine)
        dated = [d for d in days if d is not None]
        found: collections.Counter[tuple[dt.date, str]] = collections.Counter()
        for page in mine:
            assert (round(page.width), round(page.height)) == (round(long), round(short))
            assert statistics.median(c["size"] for c in page.chars) >= 11
            grid = [r for r in page.rects if r["height"] < page.height * 0.9]
            top, bottom = min(r["top"] for r in grid), max(r["bottom"] for r in grid)
            assert (bottom - top) / page.height >= 0.6
            columns = _columns(page, dated)
            times = [w for w in page.words
                     if "Bold" in w["fontname"] and re.fullmatch(r"\d\d:\d\d", w["text"])]  # fmt: skip
            for w in times:
                centre = (w["x0"] + w["x1"]) / 2
                day = next(d for d, (a, b) in columns.items() if a <= centre < b)
                found[(day, w["text"])] += 1
            _no_overlaps(page)
        wanted = collections.Counter((s.date, clock(s.start)) for d in dated for s in by_day[d])
        assert found == wanted
    return used


def _no_overlaps(page: _Page) -> None:
    """No two characters overlap, and none crosses a cell's side (text cut off)."""
    boxes = sorted((c["x0"], c["top"], c["x1"], c["bottom"]) for c in page.chars
                   if c["text"].strip())  # fmt: skip
    for i, (ax0, at, ax1, ab) in enumerate(boxes):
        for bx0, bt, bx1, bb in boxes[i + 1 :]:
            if bx0 >= ax1 - 0.5:
                break  # sorted by their left side: no later box reaches back to this one
            if min(ax1, bx1) - max(ax0, bx0) > 0.5 and min(ab, bb) - max(at, bt) > 0.5:
                raise AssertionError(f"text overlaps at x={ax0:.0f}, y={at:.0f}")
    for r in page.rects:
        for edge in (r["x0"], r["x1"]):
            for x0, t, x1, b in boxes:
                inside = t >= r["top"] - 0.5 and b <= r["bottom"] + 0.5
                assert not (inside and x0 < edge - 0.8 and x1 > edge + 0.8), (
                    f"text crosses a cell's side at x={edge:.0f}, y={t:.0f}"
                )


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_week_pages_read_from_a_metre_with_every_session_in_its_day(paper: str) -> None:
    """Fails if a page is portrait or the wrong size, the text is small, the week is
    squeezed into the top of the page, a session is missing or in the wrong column, or
    text overlaps."""
    plan = _plan()
    data, missing = _pdf(plan, paper=paper)
    assert missing == ""
    _check_week_pages(plan, data, paper)


def test_long_names_and_four_sessions_a_day_fit_without_overlap() -> None:
    """Fails if a long remedy name runs out of its cell or into another session, or if
    four sessions a day push the week off the page."""
    long_name = "Sea-salt-and-healing-clay-and-calendula-and-chamomile compress for the back"
    recipes = {
        "four": replace(make_recipe("four", per_day=4, max_per_week=28, minutes=10),
                        name="Four times a day wash with a long name"),
        "long": replace(make_recipe("long", max_per_week=3, gap=2, minutes=30), name=long_name),
    }  # fmt: skip
    routine: Routine = make_routine(
        [Wish("four", None, 4), Wish("long", 3, None)], weeks=2, windows=((7 * 60, 23 * 60),)
    )
    plan = build_schedule(routine, recipes, START, timezone="UTC")
    assert len(plan.sessions) == 2 * 7 * 4 + 6
    data, _ = _pdf(plan, recipes)
    assert _check_week_pages(plan, data, "a4") == 2


def test_a_week_too_full_for_one_page_goes_on_over_more_pages_in_the_same_type() -> None:
    """Sixteen sessions a day: fails if the type shrinks below 11 pt (median), if text
    overlaps, or if a session is lost between a week's pages."""
    recipes = {f"r{k}": replace(make_recipe(f"r{k}", per_day=4, max_per_week=28, minutes=10),
                                name=f"Remedy number {k} with a rather long name")
               for k in range(4)}  # fmt: skip
    routine = make_routine([Wish(rid, None, 4) for rid in recipes], weeks=1,
                           windows=((6 * 60, 24 * 60),))  # fmt: skip
    plan = build_schedule(routine, recipes, START, timezone="UTC")
    assert len(plan.sessions) == 7 * 16
    data, _ = _pdf(plan, recipes)
    assert _check_week_pages(plan, data, "a4") >= 2


def test_every_font_is_embedded_and_the_file_is_the_same_each_time() -> None:
    """Fails if a font is only named (a phone would substitute it) or if the bytes
    change from run to run (a date or random id in the file)."""
    pdffonts = require("pdffonts")
    data, _ = _pdf(_plan())
    assert data == _pdf(_plan())[0]
    out = subprocess.run([pdffonts, "-"], input=data, capture_output=True, check=True).stdout
    rows = out.decode().splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows), rows  # the emb column
    assert all("DejaVuSans" in row for row in rows)


def test_a_title_the_font_cannot_print_is_replaced_visibly_with_a_notice(cli, tmp_path) -> None:
    """Fails on a crash, on characters silently dropped, or without the notice."""
    require("pdftotext")
    routine = tmp_path / "ruecken.toml"
    routine.write_text(
        f'title = "{TITLE}"\nweeks = 1\n[[remedies]]\nrecipe = "soda-mask"\nper_week = 2\n',
        encoding="utf-8",
    )
    result = cli("plan", str(routine), "--start", "2026-12-07", "--tz", "UTC", "--out",
                 str(tmp_path / "out"), "-q", env={"REMEDY_PLANNER_NOW": NOW})  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "notice: ruecken.pdf: its font has no '背中のケア'; each such character prints as □" in (
        result.stderr
    )
    pages = read_pages(tmp_path / "out" / "ruecken.pdf")
    assert TITLE.replace("背中のケア", "□□□□□") in pages[0].text


def test_plan_writes_the_pdf_beside_the_other_files_unless_told_not_to(cli, tmp_path) -> None:
    """Fails if the PDF is missing, written with --no-pdf or on the wrong paper, or if
    the workbook and the PDF disagree on a session."""
    require("pdftotext")
    args = ("plan", "back-care", "--start", "2026-12-07", "--weeks", "2", "--tz", "UTC", "-q")
    env = {"REMEDY_PLANNER_NOW": NOW}
    result = cli(*args, "--out", str(tmp_path / "a"), env=env)
    assert result.exit_code == 0, result.output
    assert "wrote " + str(tmp_path / "a" / "back-care.pdf") in result.output
    result = cli(*args, "--paper", "letter", "--out", str(tmp_path / "c"), env=env)
    assert result.exit_code == 0, result.output
    letter = read_pages(tmp_path / "c" / "back-care.pdf")
    assert (letter[0].width, letter[0].height) == (792, 612)  # --paper reaches the PDF
    result = cli(*args, "--no-pdf", "--out", str(tmp_path / "b"), env=env)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "b").iterdir()) == [
        "back-care.ics", "back-care.json", "back-care.shopping.md", "back-care.xlsx"
    ]  # fmt: skip
    # Every session of the JSON is in the PDF: its time, bold, on its week's page.
    plan = json.loads((tmp_path / "a" / "back-care.json").read_text())
    pages = read_pages(tmp_path / "a" / "back-care.pdf")
    for week in (0, 1):
        first = dt.date(2026, 12, 7) + dt.timedelta(days=7 * week)
        days = {(first + dt.timedelta(days=k)).isoformat() for k in range(7)}
        wanted = sorted(s["start"] for s in plan["sessions"] if s["date"] in days)
        printed = sorted(w.text for w in pages[week].words
                         if len(w.text) == 5 and w.text[2] == ":")  # fmt: skip
        assert printed == wanted
    # The workbook holds the same sessions (the Plan sheet's time cells).
    import openpyxl

    book = openpyxl.load_workbook(tmp_path / "a" / "back-care.xlsx")
    times = sorted(
        c.value.strftime("%H:%M") for row in book["Plan"].iter_rows() for c in row
        if isinstance(c.value, dt.time)
    )  # fmt: skip
    assert times == sorted(s["start"] for s in plan["sessions"])


def test_shopping_cards_and_tracker_follow_the_weeks() -> None:
    """Fails if a part is missing: packs written "N x SIZE" with tick boxes, a card per
    remedy with its warnings and the source of a limit, a tracker row per day with a 1-5
    rating, and the not-medical-advice line on every page; or if any text overlaps."""
    import pdfplumber

    plan = _plan(weeks=2)
    data, _ = _pdf(plan)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = [_Page(p) for p in pdf.pages]
    texts = [p.text for p in pages]
    sizes = [(p.width, p.height) for p in pages]
    for page in pages:
        _no_overlaps(page)
    assert all("Not medical advice" in t for t in texts)
    rest = texts[2:]
    assert all(w > h for w, h in sizes[:2]) and all(w < h for w, h in sizes[2:])
    shopping = [t for t in rest if t.startswith("Shopping list: Back care")]
    assert shopping and "1 x 500 g" in shopping[0] and "Pharmacy" in shopping[0]
    cards = [t for t in rest if t.splitlines()[0] in {"Calendula wipe", "Baking-soda mask"}]
    assert len(cards) == 2
    assert all("Warnings" in t and "(the source:" in t for t in cards)
    tracker = "\n".join(t for t in rest if t.startswith("Tracker: Back care"))
    for k in range(14):
        assert day_text(START + dt.timedelta(days=k)) in tracker
    assert tracker.count("1 2 3 4 5") == 14


def test_a_year_long_plan_makes_a_small_pdf_with_a_page_a_week() -> None:
    """Fails if fonts are embedded whole (the file would be megabytes) or weeks are lost."""
    import pdfplumber

    plan = _plan(weeks=52)
    data, _ = _pdf(plan)
    assert len(data) < 1_500_000
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        texts = [p.extract_text() for p in pdf.pages[:53]]
    headings = [re.findall(r"Week \d+ of \d+:", t) for t in texts]
    assert headings == [[f"Week {n} of 52:"] for n in range(1, 53)] + [[]]


def test_sunday_weeks_and_letter_paper() -> None:
    """Fails if --week-start is ignored by the PDF."""
    import pdfplumber

    plan = _plan(start=dt.date(2026, 12, 6), weeks=1)
    data, _ = _pdf(plan, paper="letter", week_start="sunday")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        assert (round(page.width), round(page.height)) == (792, 612)
        words = page.extract_words()
    sun = next(w for w in words if w["text"] == "Sun" and w["top"] > 50)
    mon = next(w for w in words if w["text"] == "Mon" and w["top"] > 50)
    assert sun["x0"] < mon["x0"]


def test_hostile_names_and_titles_print_cut_never_over_other_text() -> None:
    """Fails on a crash, on a control character that reaches the page, or on a very
    long name or title running over other text or off its cell."""
    import pdfplumber

    name = "\x1b[31mRed\u202e " + "Verylongwordwithoutanyspaces" * 12 + " end"
    recipes = {"odd": replace(make_recipe("odd", per_day=2, max_per_week=14, minutes=10),
                              name=name)}  # fmt: skip
    routine = replace(make_routine([Wish("odd", None, 2)], weeks=1,
                                   windows=((7 * 60, 23 * 60),)),
                      title="A title that goes on " * 30 + "\x07")  # fmt: skip
    plan = build_schedule(routine, recipes, START, timezone="UTC")
    data, missing = _pdf(plan, recipes)
    assert "\x1b" not in missing and "\x07" not in missing
    _check_week_pages(plan, data, "a4")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = [_Page(p) for p in pdf.pages]
    for page in pages:
        _no_overlaps(page)
        assert "\x1b" not in page.text and "\x07" not in page.text
    assert "\u2026" in pages[0].text  # the title, cut visibly


def test_the_longest_texts_a_file_may_give_stay_in_their_cells_on_every_page() -> None:
    """2000 characters (the loader's limit) in a remedy's name, its summary, a step and a
    warning, and in the title; an appointment's title too. Fails if any text runs over
    other text or a cell's side on any page (the tracker's row once ran into the footer)
    or if a week loses its page."""
    from planner.core.routine import EventSpec

    words = " ".join(f"word{k}" for k in range(400))[:2000]
    recipes = {"odd": replace(make_recipe("odd", per_day=2, max_per_week=14, minutes=10),
                              name=words, summary=words, steps=(words, "W" * 2000),
                              warnings=(words,))}  # fmt: skip
    routine = replace(make_routine([Wish("odd", None, 2)], weeks=2,
                                   windows=((7 * 60, 23 * 60),)),
                      title=words,
                      events=(EventSpec("salon", words, day=3, time=12 * 60, minutes=60),))  # fmt: skip
    plan = build_schedule(routine, recipes, START, timezone="UTC")
    data, _ = _pdf(plan, recipes)
    assert _check_week_pages(plan, data, "a4") == 2
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            _no_overlaps(_Page(page))


def test_a_long_word_is_broken_with_one_measure_per_character() -> None:
    """A 2000-character name (the longest a file may give) took six minutes when each
    break measured shorter and shorter prefixes; fails if breaking a word measures more
    than a few times per character (counted, not timed)."""
    from planner.formats.pdf import _fonts, _Pen

    face = _fonts()
    pen = _Pen(None, 800, 600, set(face.face.charToGlyph))
    calls = [0]
    measure = pen._width

    def counted(*args: Any) -> float:
        calls[0] += 1
        return measure(*args)

    pen._width = counted
    lines = pen.wrap("W" * 2000, 12, 90)
    assert "".join(lines) == "W" * 2000 and all(pen.text_width(x, 12) <= 90 for x in lines)
    assert calls[0] <= 3 * 2000 + 50
