"""The printable plan as a PDF, drawn by the tool itself, so that it prints the same from
any program and opens on any phone: a landscape page per week, the shopping list, a card
per remedy and a tracker to fill in by hand.

It lays out the same description as the workbook (``planner.view.pages`` and
``planner.view.describe``). The fonts (DejaVu Sans, shipped with the package) are
embedded as subsets; a character they do not have prints as a white square, and the
plan's notes name it. The same inputs give the same bytes (no dates or random ids in the
file).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from importlib import resources
from typing import Any

from planner.core.plan import Plan, PlannedEvent, Session
from planner.core.recipe import Condition, Recipe, clock, day_text
from planner.core.record import record
from planner.shopping.compute import SECTION_ORDER, ShoppingItem, ShoppingList
from planner.view.describe import done_text, leftover_text, need_text, recipe_card, to_buy_text
from planner.view.pages import (
    EVENT_FILL,
    HEAD_FILL,
    WeekPage,
    at_time,
    footer_text,
    plan_lanes,
    printed_weeks,
    remedy_colours,
    session_ids,
    zone_words,
)

MM = 72 / 25.4
PAPERS = {"a4": (210 * MM, 297 * MM), "letter": (612.0, 792.0)}
MARGIN = 10 * MM
# Read from a metre away: 12 pt sessions, 15 pt days, an 8 mm tick box.
SESSION_PT = 12.0
DAY_PT = 15.0
TEXT_PT = 11.0
BOX = 8 * MM
LEADING = 1.2  # line height, as a multiple of the font size
REGULAR, BOLD = "PlanSans", "PlanSans-Bold"
MISSING = "\u25a1"  # a white square: a character the font does not have
SAFETY = ("Do not use if you have", "Warnings")
SAFETY_FILL = "FDECEA"
OFF_FILL = "DDDDDD"
LINE_GREY = 0.55
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


@record
class PdfOptions:
    """How the PDF looks."""

    paper: str = "a4"
    week_start: str = "monday"


def _fonts() -> Any:
    """DejaVu Sans, registered once per process; the regular face (for its character map)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if REGULAR not in pdfmetrics.getRegisteredFontNames():
        folder = resources.files("planner.fonts")
        for name, file in ((REGULAR, "DejaVuSans.ttf"), (BOLD, "DejaVuSans-Bold.ttf")):
            with resources.as_file(folder / file) as path:
                pdfmetrics.registerFont(TTFont(name, str(path)))
    return pdfmetrics.getFont(REGULAR)


class _Pen:
    """The canvas, with the few drawing verbs the pages need (y grows downwards here,
    from the top of the page), and a record of the characters the font lacks."""

    def __init__(self, canvas: Any, width: float, height: float, chars: set[int]) -> None:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        self.c = canvas
        self.width = width
        self.height = height
        self.chars = chars
        self.missing: dict[str, None] = {}
        self._width = stringWidth

    def clean(self, text: str) -> str:
        text = _CONTROL.sub(" ", text)
        out = []
        for ch in text:
            if ord(ch) in self.chars or ch == " ":
                out.append(ch)
            else:
                self.missing[ch] = None
                out.append(MISSING)
        return "".join(out)

    def text_width(self, text: str, size: float, bold: bool = False) -> float:
        return float(self._width(text, BOLD if bold else REGULAR, size))

    def wrap(self, text: str, size: float, width: float, bold: bool = False,
             most: int | None = None) -> list[str]:  # fmt: skip
        """Lines of ``text`` no wider than ``width``; a word longer than a line is broken.
        With ``most``, no more lines than that: the last one ends with an ellipsis."""
        lines: list[str] = []
        line = ""
        for word in self.clean(text).split(" "):  # clean made line breaks spaces
            trial = f"{line} {word}" if line else word
            if self.text_width(trial, size, bold) <= width:
                line = trial
                continue
            if line:
                lines.append(line)
            line = ""
            while len(word) > 1 and self.text_width(word, size, bold) > width:
                cut = self._most_that_fit(word, size, width, bold)
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
        if most is not None and len(lines) > most:
            rest = " ".join(lines[most - 1 :])
            lines = [*lines[: most - 1], self.one_line(rest, size, width, bold)]
        return lines

    def _most_that_fit(self, word: str, size: float, width: float, bold: bool) -> int:
        """How many of ``word``'s first characters fit in ``width`` (at least one)."""
        total = 0.0
        for k, ch in enumerate(word):
            total += self.text_width(ch, size, bold)
            if total > width:
                return max(1, k)
        return len(word)

    def one_line(self, text: str, size: float, width: float, bold: bool = False) -> str:
        """``text`` on one line of ``width``, cut with an ellipsis when it is longer."""
        lines = self.wrap(text, size, width, bold)
        if len(lines) == 1:
            return lines[0]
        first = self.wrap(text, size, width - self.text_width("\u2026", size, bold), bold)[0]
        return first.rstrip() + "\u2026"

    def fit(self, text: str, size: float, width: float, least: float, bold: bool = False) -> float:
        """The largest size, from ``size`` down to ``least``, at which ``text`` fits on a line."""
        while size > least and self.text_width(self.clean(text), size, bold) > width:
            size -= 0.5
        return size

    def text(self, x: float, top: float, text: str, size: float, bold: bool = False,
             centre_in: float | None = None) -> None:  # fmt: skip
        """One line with its top at ``top``."""
        text = self.clean(text)
        self.c.setFont(BOLD if bold else REGULAR, size)
        self.c.setFillColorRGB(0, 0, 0)
        y = self.height - top - size * 0.93
        if centre_in is not None:
            self.c.drawCentredString(x + centre_in / 2, y, text)
        else:
            self.c.drawString(x, y, text)

    def lines(self, x: float, top: float, lines: Sequence[str], size: float,
              bold: bool = False) -> float:  # fmt: skip
        """Lines of text from ``top`` down; the height they take."""
        for k, line in enumerate(lines):
            self.text(x, top + k * size * LEADING, line, size, bold)
        return len(lines) * size * LEADING

    def rect(self, x: float, top: float, w: float, h: float, fill: str | None = None,
             stroke: float = 0.0, grey: float = LINE_GREY) -> None:  # fmt: skip
        if fill:
            self.c.setFillColorRGB(*(int(fill[k : k + 2], 16) / 255 for k in (0, 2, 4)))
        self.c.setStrokeGray(grey)
        self.c.setLineWidth(stroke or 0.5)
        self.c.rect(x, self.height - top - h, w, h, stroke=1 if stroke else 0,
                    fill=1 if fill else 0)  # fmt: skip

    def box(self, x: float, top: float, size: float) -> None:
        """A tick box: white, with a dark edge that shows on any fill."""
        self.rect(x, top, size, size, fill="FFFFFF", stroke=1.2, grey=0.1)

    def new_page(self) -> None:
        self.c.showPage()


def render_pdf(
    plan: Plan,
    recipes: Mapping[str, Recipe],
    shopping: ShoppingList,
    conditions: Mapping[str, Condition],
    options: PdfOptions | None = None,
) -> tuple[bytes, str]:
    """The PDF's bytes, and the characters the font does not have (each printed as
    ``MISSING``), in the order they first came."""
    import io

    from reportlab.pdfgen.canvas import Canvas

    options = options or PdfOptions()
    face = _fonts()
    chars = set(face.face.charToGlyph)
    short, long = PAPERS[options.paper]
    out = io.BytesIO()
    # The canvas's own first font would be Helvetica, a font no page uses and none embeds.
    canvas = Canvas(out, pagesize=(long, short), invariant=1, pageCompression=1,
                    initialFontName=REGULAR, initialFontSize=TEXT_PT)  # fmt: skip
    canvas.setCreator("remedy-planner")
    canvas.setTitle(plan.title)
    canvas.setAuthor("remedy-planner")
    pen = _Pen(canvas, long, short, chars)
    _week_pages(pen, plan, recipes, options)
    canvas.setPageSize((short, long))
    portrait = _Pen(canvas, short, long, chars)
    _shopping_pages(portrait, plan, shopping, recipes)
    _recipe_pages(portrait, plan, recipes, conditions)
    _tracker_pages(portrait, plan, recipes, options)
    canvas.save()
    return out.getvalue(), "".join({**pen.missing, **portrait.missing})


# ---- the week pages -------------------------------------------------------
def _footer_lines(pen: _Pen, text: str) -> list[str]:
    """The footer's text ("Not medical advice" first), in at most three lines on the left
    part of the page; the page's own label has the right part."""
    return pen.wrap(text, TEXT_PT, (pen.width - 2 * MARGIN) * 0.62, most=3)


def _footer(pen: _Pen, text: str, page: str) -> None:
    """The not-medical-advice line, on every page, with the page's label at the right."""
    lines = _footer_lines(pen, text)
    top = pen.height - MARGIN - len(lines) * TEXT_PT * LEADING
    pen.lines(MARGIN, top, lines, TEXT_PT)
    label = pen.one_line(page, TEXT_PT, (pen.width - 2 * MARGIN) * 0.35)
    pen.text(pen.width - MARGIN - pen.text_width(label, TEXT_PT), top, label, TEXT_PT)


def _footer_height(pen: _Pen, text: str) -> float:
    return len(_footer_lines(pen, text)) * TEXT_PT * LEADING + 6


def _week_pages(pen: _Pen, plan: Plan, recipes: Mapping[str, Recipe], opts: PdfOptions) -> None:
    colours = remedy_colours(plan)
    lanes = plan_lanes(plan)
    events: dict[dt.date, list[PlannedEvent]] = {}
    for e in plan.events:
        events.setdefault(e.date, []).append(e)
    off = dict(plan.days_off)
    at = {(s.date, s.recipe, s.slot): s for s in plan.sessions}
    for week in printed_weeks(plan, opts.week_start):
        _week_page(pen, plan, recipes, week, lanes, at, events, off, colours)


# A name longer than this many lines is cut with an ellipsis: a row stays within a page.
NAME_LINES = 4
# The heights of a week page's heading (title and dates, then "Week N of M") and of its
# days' headings: a continued week's rows start below them.
TITLE_H = 26
HEADING_H = DAY_PT * LEADING + 6
DAY_HEAD_H = DAY_PT * LEADING + 8


def _week_page(
    pen: _Pen,
    plan: Plan,
    recipes: Mapping[str, Recipe],
    week: WeekPage,
    lanes: dict[str, list[list[tuple[str, int]]]],
    at: dict[tuple[dt.date, str, int], Session],
    events: dict[dt.date, list[PlannedEvent]],
    off: Mapping[dt.date, str],
    colours: Mapping[str, str],
) -> None:
    """One week: title, dates, then the days as columns and the parts of the day as rows,
    which grow to fill the page. A week with more rows than a page holds at full size
    goes on over more pages (each with the days' headings), never in smaller type."""
    width = pen.width - 2 * MARGIN
    label_w = 24 * MM
    day_w = (width - label_w) / 7
    cols = [MARGIN + label_w + k * day_w for k in range(7)]
    footer = footer_text(plan, recipes)
    bottom = pen.height - MARGIN - _footer_height(pen, footer)
    dated = [d for d in week.days if d is not None]
    rows: list[tuple[str, list[tuple[str, int]], float]] = []
    for band, band_lanes in lanes.items():
        for lane in band_lanes:
            names = [recipes[rid].name for d in dated for rid, slot in lane if (d, rid, slot) in at]
            lines = max([len(pen.wrap(nm, SESSION_PT, day_w - 8)) for nm in names] or [1])
            rows.append((band, lane, BOX + 8 + min(lines, NAME_LINES) * SESSION_PT * LEADING + 4))
    parts: list[list[tuple[str, list[tuple[str, int]], float]]] = [[]]
    top = _week_head(pen, plan, recipes, week, events, off, cols, day_w, label_w, first=True)
    room = bottom - top
    for row in rows:
        if parts[-1] and sum(h for _, _, h in parts[-1]) + row[2] > room:
            parts.append([])
            room = bottom - (MARGIN + TITLE_H + HEADING_H + DAY_HEAD_H)
        parts[-1].append(row)
    for k, part in enumerate(parts):
        if k:
            top = _week_head(pen, plan, recipes, week, events, off, cols, day_w, label_w,
                             first=False)  # fmt: skip
        extra = max(0.0, (bottom - top - sum(h for _, _, h in part)) / max(1, len(part)))
        for band in lanes:
            first = top
            for _, lane, h in [r for r in part if r[0] == band]:
                h += extra
                for c, day in enumerate(week.days):
                    if day is None:
                        continue
                    pen.rect(cols[c], top, day_w, h, stroke=0.5)
                    found = [at[(day, rid, slot)] for rid, slot in lane if (day, rid, slot) in at]
                    if found:
                        _session(pen, found[0], recipes, colours, cols[c], top, day_w, h)
                top += h
            if top > first:
                pen.rect(MARGIN, first, label_w, top - first, fill=HEAD_FILL, stroke=0.5)
                pen.text(MARGIN + 4, first + 6, band, 13, bold=True)
        if not rows:
            pen.text(MARGIN, top + 12, "No sessions this week.", SESSION_PT)
        label = f"Week {week.number} of {week.count}"
        if len(parts) > 1:
            label += f", page {k + 1} of {len(parts)}"
        _footer(pen, footer, label)
        pen.new_page()


def _week_head(
    pen: _Pen,
    plan: Plan,
    recipes: Mapping[str, Recipe],
    week: WeekPage,
    events: dict[dt.date, list[PlannedEvent]],
    off: Mapping[dt.date, str],
    cols: Sequence[float],
    day_w: float,
    label_w: float,
    first: bool,
) -> float:
    """The title, the dates, the week's heading and the days' headings; on a week's first
    page also the rows of its events, days off and sessions done. Where the rows start."""
    width = pen.width - 2 * MARGIN
    top = MARGIN
    title_size = pen.fit(plan.title, 18, width * 0.55, 12, bold=True)
    title = pen.one_line(plan.title, title_size, width * 0.55, bold=True)
    pen.text(MARGIN, top, title, title_size, bold=True)
    when = pen.clean(
        f"{day_text(plan.start)} to {day_text(plan.end)} {plan.end.year}, "
        f"{zone_words(plan.timezone)} time. Tick each box when it is done."
    )
    for k, line in enumerate(pen.wrap(when, TEXT_PT, width * 0.43, most=2)):
        x = pen.width - MARGIN - pen.text_width(line, TEXT_PT)
        pen.text(x, top + k * TEXT_PT * LEADING, line, TEXT_PT)
    top += TITLE_H
    heading = week.heading() + ("" if first else " (continued)")
    size = pen.fit(heading, DAY_PT, width, 11, bold=True)
    pen.text(MARGIN, top, pen.one_line(heading, size, width, bold=True), size, bold=True)
    top += HEADING_H
    # The days' headings: the date, in the event colour on an event day.
    head_h = DAY_HEAD_H
    for k, day in enumerate(week.days):
        if day is None:
            continue
        fill = EVENT_FILL if day in events else HEAD_FILL
        if day in off:
            fill = OFF_FILL
        if day in week.folded and day not in events:
            fill = "FFFFFF"
        pen.rect(cols[k], top, day_w, head_h, fill=fill, stroke=0.5)
        label = day_text(day)
        size = pen.fit(label, DAY_PT, day_w - 6, 10, bold=True)
        pen.text(cols[k], top + (head_h - size) / 2, label, size, bold=True, centre_in=day_w)
    top += head_h
    if not first:
        return top
    dated = [d for d in week.days if d is not None]
    notes: dict[dt.date, tuple[str, str]] = {}
    for day in dated:
        parts = [at_time(e.start, e.title) for e in events.get(day, [])]
        if day in off:
            notes[day] = (f"Day off: {off[day]}", OFF_FILL)
        elif parts:
            notes[day] = ("; ".join(parts), EVENT_FILL)
    kinds = [k for k, fill in (("Events", EVENT_FILL), ("Days off", OFF_FILL))
             if any(f == fill for _, f in notes.values())]  # fmt: skip
    label = ", ".join(kinds).capitalize() or "Events"
    top = _note_row(pen, top, label, week.days, notes, cols, day_w, label_w)
    done = {
        day: ("; ".join(at_time(d.time, done_text(recipes[d.recipe].name))
                        for d in plan.done if d.date == day), HEAD_FILL)
        for day in dated if any(d.date == day for d in plan.done)
    }  # fmt: skip
    return _note_row(pen, top, "Done", week.days, done, cols, day_w, label_w)


def _note_row(
    pen: _Pen,
    top: float,
    label: str,
    days: Sequence[dt.date | None],
    texts: Mapping[dt.date, tuple[str, str]],
    cols: Sequence[float],
    day_w: float,
    label_w: float,
) -> float:
    """A row of text under the days' headings (events, days off, sessions done), when any
    day of the page has some; where the next row starts."""
    if not texts:
        return top
    size = SESSION_PT
    wrapped = {d: pen.wrap(t, size, day_w - 8, most=4) for d, (t, _) in texts.items()}
    h = max(len(v) for v in wrapped.values()) * size * LEADING + 8
    pen.rect(MARGIN, top, label_w, h, fill=HEAD_FILL, stroke=0.5)
    pen.text(MARGIN + 4, top + 4, label, TEXT_PT, bold=True)
    for day, lines in wrapped.items():
        k = days.index(day)
        pen.rect(cols[k], top, day_w, h, fill=texts[day][1], stroke=0.5)
        pen.lines(cols[k] + 4, top + 4, lines, size)
    return top + h


def _session(
    pen: _Pen,
    s: Session,
    recipes: Mapping[str, Recipe],
    colours: Mapping[str, str],
    x: float,
    top: float,
    w: float,
    h: float,
) -> None:
    """A session's cell: its colour, a tick box with the time beside it, the name below
    (cut with an ellipsis after the lines the cell holds)."""
    size = SESSION_PT
    pen.rect(x, top, w, h, fill=colours[s.recipe], stroke=0.5)
    pen.box(x + 4, top + 4, BOX)
    pen.text(x + BOX + 8, top + 4 + (BOX - size) / 2, clock(s.start), size, bold=True)
    fit = max(1, int((h - BOX - 8) // (size * LEADING)))
    pen.lines(x + 4, top + BOX + 8, pen.wrap(recipes[s.recipe].name, size, w - 8, most=fit), size)


# ---- shopping, recipe cards, tracker (portrait) ---------------------------
def _page_title(pen: _Pen, title: str, sub: str) -> float:
    width = pen.width - 2 * MARGIN
    size = pen.fit(title, 16, width, 11, bold=True)
    pen.text(MARGIN, MARGIN, pen.one_line(title, size, width, bold=True), size, bold=True)
    top = MARGIN + size * LEADING + 2
    top += pen.lines(MARGIN, top, pen.wrap(sub, TEXT_PT, width, most=2), TEXT_PT)
    return top + 8


def _header_row(pen: _Pen, xs: Sequence[float], widths: Sequence[float], heads: Sequence[str],
                top: float) -> float:  # fmt: skip
    """Column headings, wrapped to their columns; where the rows start."""
    wrapped = [pen.wrap(h, TEXT_PT, w - 6, bold=True) for h, w in zip(heads, widths, strict=True)]
    h = max(len(x) for x in wrapped) * TEXT_PT * LEADING + 6
    for x, w, lines in zip(xs, widths, wrapped, strict=True):
        pen.rect(x, top, w, h, fill=HEAD_FILL, stroke=0.5)
        pen.lines(x + 3, top + 3, lines, TEXT_PT, bold=True)
    return top + h


def _shopping_pages(
    pen: _Pen, plan: Plan, shopping: ShoppingList, recipes: Mapping[str, Recipe]
) -> None:
    """Per store section: a tick box, the item, what to buy ("2 x 100 g"), what the plan
    needs, what is left over and which remedies it is for."""
    names = {rid: r.name for rid, r in recipes.items()}
    footer = footer_text(plan, recipes)
    bottom = pen.height - MARGIN - _footer_height(pen, footer)
    width = pen.width - 2 * MARGIN
    fractions = [0.30, 0.18, 0.18, 0.14, 0.20]
    xs = [MARGIN, MARGIN + 12 * MM]
    rest = width - 12 * MM
    for f in fractions[:-1]:
        xs.append(xs[-1] + rest * f / sum(fractions))
    widths = [12 * MM, *(rest * f / sum(fractions) for f in fractions)]
    heads = ["Got", "Item", "Buy", "The plan needs", "Left over", "For"]
    title = f"Shopping list: {plan.title}"
    sub = (f"For {day_text(plan.start)} to {day_text(plan.end)} {plan.end.year} "
           f"({shopping.units} units)")  # fmt: skip
    page = [1]

    def start() -> float:
        return _header_row(pen, xs, widths, heads, _page_title(pen, title, sub))

    def end_page() -> None:
        _footer(pen, footer, f"Shopping, page {page[0]}")
        pen.new_page()
        page[0] += 1

    top = start()
    rows = [i for i in shopping.items if i.status != "equipment"]
    groups: list[tuple[str, list[ShoppingItem]]] = [
        (sec.capitalize(), [i for i in rows if i.status == "buy" and i.section == sec])
        for sec in SECTION_ORDER
    ]
    groups.append(("Already at home", shopping.with_status("on hand")))
    groups.append(("Equipment you need at home (reused)", shopping.with_status("equipment")))
    for section, items in groups:
        if not items:
            continue
        if top + 20 + 26 > bottom:
            end_page()
            top = start()
        pen.text(MARGIN, top + 6, section, 13, bold=True)
        top += 22
        for item in items:
            used = ", ".join(names.get(rid, rid) for rid in item.recipes)
            if item.status == "equipment":
                texts = [item.item, "", "", "", used]
            else:
                texts = [item.item, to_buy_text(item), need_text(item), leftover_text(item), used]
            wrapped = [pen.wrap(t, TEXT_PT, w - 6, bold=k == 1, most=6)
                       for k, (t, w) in enumerate(zip(texts, widths[1:], strict=True))]  # fmt: skip
            h = max(BOX * 0.75 + 6, max(len(w) for w in wrapped) * TEXT_PT * LEADING + 8)
            if top + h > bottom:
                end_page()
                top = start()
            pen.rect(MARGIN, top, width, h, stroke=0.5)
            pen.box(MARGIN + 3, top + 3, BOX * 0.75)
            for k, (x, lines) in enumerate(zip(xs[1:], wrapped, strict=True)):
                pen.lines(x + 3, top + 4, lines, TEXT_PT, bold=k == 1)
            top += h
        top += 6
    if not shopping.items:
        pen.text(MARGIN, top + 6, "Nothing to buy.", TEXT_PT)
    end_page()


def _recipe_pages(
    pen: _Pen, plan: Plan, recipes: Mapping[str, Recipe], conditions: Mapping[str, Condition]
) -> None:
    """A card per remedy, on its own page: who should not use it and the warnings first,
    then when this plan gives it, the ingredients for one session, the steps and the
    limits with where each comes from."""
    names = {rid: r.name for rid, r in recipes.items()}
    colours = remedy_colours(plan)
    footer = footer_text(plan, recipes)
    bottom = pen.height - MARGIN - _footer_height(pen, footer)
    width = pen.width - 2 * MARGIN
    label_w = 42 * MM

    def heading(r: Recipe, size: float, more: str = "") -> float:
        """The card's name on the remedy's colour (at most three lines); its height."""
        name = pen.wrap(r.name + more, size, width - 8, bold=True, most=3)
        h = len(name) * size * LEADING + 10
        pen.rect(MARGIN, MARGIN, width, h, fill=colours[r.id])
        pen.lines(MARGIN + 4, MARGIN + 5, name, size, bold=True)
        return MARGIN + h + 6

    for rid in session_ids(plan):
        r = recipes[rid]
        top = heading(r, 18)
        shown = ""
        for row in recipe_card(r, conditions, plan, names):
            safety = row.label in SAFETY
            label = (
                pen.wrap(row.label, TEXT_PT, label_w - 6, bold=True) if row.label != shown else []
            )
            text = pen.wrap(row.text, TEXT_PT, width - label_w - 6, bold=safety, most=40)
            h = max(len(label), len(text)) * TEXT_PT * LEADING + 4
            if top + h > bottom:
                _footer(pen, footer, f"Recipe card: {r.name}")
                pen.new_page()
                top = heading(r, 13, " (continued)")
                label = pen.wrap(row.label, TEXT_PT, label_w - 6, bold=True)
                h = max(len(label), len(text)) * TEXT_PT * LEADING + 4
            if row.label != shown and shown:
                top += 4
            if safety:
                pen.rect(MARGIN, top, width, h, fill=SAFETY_FILL)
            pen.lines(MARGIN, top + 2, label, TEXT_PT, bold=True)
            pen.lines(MARGIN + label_w, top + 2, text, TEXT_PT, bold=safety)
            top += h
            shown = row.label
        _footer(pen, footer, f"Recipe card: {r.name}")
        pen.new_page()


def _tracker_pages(pen: _Pen, plan: Plan, recipes: Mapping[str, Recipe], opts: PdfOptions) -> None:
    """A row per day: its sessions to tick, a skin rating from 1 to 5 to circle, and a
    line for notes; a heavier line between weeks."""
    footer = footer_text(plan, recipes)
    bottom = pen.height - MARGIN - _footer_height(pen, footer)
    width = pen.width - 2 * MARGIN
    widths = [30 * MM, width * 0.36, 40 * MM]
    widths.append(width - sum(widths))
    xs = [MARGIN]
    for w in widths[:-1]:
        xs.append(xs[-1] + w)
    heads = ["Day", "Sessions (tick when done)", "Skin: 1 bad, 5 very good", "Notes"]
    by_day: dict[dt.date, list[Session]] = {}
    for s in plan.sessions:
        by_day.setdefault(s.date, []).append(s)
    events: dict[dt.date, list[str]] = {}
    for e in plan.events:
        events.setdefault(e.date, []).append(at_time(e.start, e.title))
    first_weekday = 0 if opts.week_start == "monday" else 6
    page = [1]

    def start() -> float:
        hint = "Tick what you did, circle how your skin is, and note anything new."
        return _header_row(pen, xs, widths, heads, _page_title(pen, f"Tracker: {plan.title}", hint))

    top = start()
    for k in range(7 * plan.weeks):
        day = plan.start + dt.timedelta(days=k)
        items = [f"{clock(s.start)} {recipes[s.recipe].name}" for s in sorted(by_day.get(day, []))]
        lines = [pen.wrap(t, TEXT_PT, widths[1] - 6 - 14, most=2) for t in items]
        said = pen.wrap("; ".join(events.get(day, [])), TEXT_PT, widths[0] - 6, most=3)
        h = max(26.0, sum(len(x) for x in lines) * TEXT_PT * LEADING + 8,
                (1 + len(said)) * TEXT_PT * LEADING + 8)  # fmt: skip
        if top + h > bottom:
            _footer(pen, footer, f"Tracker, page {page[0]}")
            pen.new_page()
            page[0] += 1
            top = start()
        heavy = k > 0 and day.weekday() == first_weekday
        for x, w in zip(xs, widths, strict=True):
            pen.rect(x, top, w, h, stroke=0.5)
        if heavy:  # a new week starts
            pen.c.setStrokeGray(0.1)
            pen.c.setLineWidth(1.8)
            pen.c.line(MARGIN, pen.height - top, MARGIN + width, pen.height - top)
        label = day_text(day)
        pen.text(xs[0] + 3, top + 4, label, pen.fit(label, TEXT_PT, widths[0] - 6, 8, True), True)
        pen.lines(xs[0] + 3, top + 4 + TEXT_PT * LEADING, said, TEXT_PT)
        y = top + 4
        for text_lines in lines:
            pen.box(xs[1] + 3, y, 9)
            y += pen.lines(xs[1] + 16, y, text_lines, TEXT_PT)
        for n in range(5):
            cx = xs[2] + 8 + n * (widths[2] - 10) / 5
            pen.c.setStrokeGray(0.3)
            pen.c.circle(cx + 6, pen.height - top - h / 2, 7, stroke=1, fill=0)
            pen.text(cx + 2.5, top + h / 2 - TEXT_PT / 2, str(n + 1), TEXT_PT - 1)
        top += h
    _footer(pen, footer, f"Tracker, page {page[0]}")
    pen.new_page()
