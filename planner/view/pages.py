"""The printed plan's pages, for every layout that prints them (the workbook, the PDF):
which days go on which page, the rows of each part of the day, a colour per remedy, the
page's heading and footer. Nothing here knows about cells or points."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from planner.core.plan import Plan
from planner.core.recipe import Recipe, clock, day_text
from planner.core.record import record

# Light fills for remedies, in legend order; dark text stays readable on each.
PALETTE = (
    "F9C9CF",  # pink
    "C9E4D6",  # mint
    "C8D6F8",  # periwinkle
    "FFE49A",  # yellow
    "DCCBF0",  # lavender
    "FAD0A8",  # peach
    "BFE8F2",  # aqua
    "E2CDB3",  # tan
    "D9EFA8",  # lime
    "E6E6E0",  # grey
    "EBC3E6",  # orchid
    "C4D1DD",  # slate
)


EVENT_FILL = "FFD166"


HEAD_FILL = "E9ECEF"


def colour(i: int) -> str:
    """The i-th remedy colour: the palette first, then light tints spread round the hue circle."""
    if i < len(PALETTE):
        return PALETTE[i]
    import colorsys

    hue = ((i - len(PALETTE)) * 0.6180339887 + 0.07) % 1.0
    shade = 0.80 + 0.06 * ((i // 7) % 2)
    r, g, b = colorsys.hls_to_rgb(hue, shade, 0.65)
    return f"{round(r * 255):02X}{round(g * 255):02X}{round(b * 255):02X}"


def remedy_colours(plan: Plan) -> dict[str, str]:
    """A colour per remedy that stays the same from plan to plan: chosen from the id,
    moving on to the next free colour only when two remedies of one plan meet."""
    import zlib

    out: dict[str, str] = {}
    taken: set[int] = set()
    for rid in sorted(plan.recipe_ids()):
        i = zlib.crc32(rid.encode()) % len(PALETTE)
        while i in taken:
            i = (i + 1) % len(PALETTE) if len(taken) < len(PALETTE) else i + 1
        taken.add(i)
        out[rid] = colour(i)
    return out


BANDS = (("Morning", 0), ("Midday", 12 * 60), ("Evening", 17 * 60))


def band_of(start: int) -> str:
    return [name for name, begin in BANDS if start >= begin][-1]


def week_pages(plan: Plan, week_start: str) -> list[list[dt.date | None]]:
    """The days of each Plan page, column by column (None: a column with no plan day).

    Columns follow ``week_start``. When the plan does not start on that weekday, the days
    of the last, partial week fill the empty columns of the first page (each with its own
    date), so the pages are the plan's weeks rounded up and never a page for one day.
    """
    first = 0 if week_start == "monday" else 6
    offset = (plan.start.weekday() - first) % 7
    days = [plan.start + dt.timedelta(days=k) for k in range(7 * plan.weeks)]
    cells: list[dt.date | None] = [None] * offset + list(days)
    pages = [cells[k : k + 7] for k in range(0, len(cells), 7)]
    if offset and len(pages) > 1 and len(pages[-1]) == offset:
        tail = pages.pop()
        pages[0] = [*tail, *pages[0][offset:]]
    pages[-1] += [None] * (7 - len(pages[-1]))
    return pages


def runs_label(days: Sequence[dt.date]) -> str:
    """ "Mon 30 Nov to Sat 5 Dec, and Sun 10 Jan": the page's days, in runs of dates."""
    runs: list[list[dt.date]] = []
    for day in sorted(days):
        if runs and (day - runs[-1][-1]).days == 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    parts = [day_text(r[0]) + (f" to {day_text(r[-1])}" if len(r) > 1 else "") for r in runs]
    return ", and ".join(parts)


def zone_words(zone: str) -> str:
    return "UTC" if zone in ("UTC", "Etc/UTC") else zone.rsplit("/", 1)[-1].replace("_", " ")


def session_ids(plan: Plan) -> list[str]:
    return list(dict.fromkeys(s.recipe for s in plan.sessions))


def footer_text(plan: Plan, recipes: Mapping[str, Recipe]) -> str:
    text = "Not medical advice"
    if plan.excluded:
        names = ", ".join(dict.fromkeys(
            recipes[x.recipe].name if x.recipe in recipes else x.recipe for x in plan.excluded
        ))  # fmt: skip
        conditions = ", ".join(dict.fromkeys(c for x in plan.excluded for c in x.conditions))
        text += f". Left out for {conditions.replace('-', ' ')}: {names}"
    return text


def at_time(minute: int | None, text: str) -> str:
    """ "16:00 At the salon", as the printed pages say an event or a session done; the
    text alone when it has no time."""
    return text if minute is None else f"{clock(minute)} {text}"


def printed_weeks(plan: Plan, week_start: str) -> list[WeekPage]:
    """The printed pages of the plan's weeks (``week_pages``), each with its heading."""
    pages = week_pages(plan, week_start)
    folded = {d for d in pages[0] if d is not None and d > plan.start + dt.timedelta(days=6)}
    return [WeekPage(days, n, len(pages), folded) for n, days in enumerate(pages, start=1)]


@record
class WeekPage:
    """One printed page of the Plan sheet."""

    days: list[dt.date | None]  # the page's columns
    number: int
    count: int
    folded: set[dt.date]  # the plan's last days, printed on the first page

    def heading(self) -> str:
        dated = [d for d in self.days if d is not None]
        mine = [d for d in dated if d not in self.folded]
        text = f"Week {self.number} of {self.count}: {runs_label(mine)}"
        if self.folded and self.number == 1:
            text += f"; at the left, the plan's last days: {runs_label(sorted(self.folded))}"
        elif self.folded and self.number == self.count:
            text += f" (the last days, {runs_label(sorted(self.folded))}, are on week 1's page)"
        return text


def _median(values: Sequence[int]) -> float:
    """The middle value (the mean of the two middle ones for an even count), as
    ``statistics.median`` gives it, without that module's import."""
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def plan_lanes(plan: Plan) -> dict[str, list[list[tuple[str, int]]]]:
    """Rows of each part of the day, by time: each row holds remedies (recipe, slot)
    whose days never meet, earliest first, so a remedy keeps its row all week and
    "what do I do tonight?" reads along one row."""
    starts: dict[tuple[str, str, int], list[int]] = {}
    days: dict[tuple[str, str, int], set[dt.date]] = {}
    for s in plan.sessions:
        key = (band_of(s.start), s.recipe, s.slot)
        starts.setdefault(key, []).append(s.start)
        days.setdefault(key, set()).add(s.date)
    out: dict[str, list[list[tuple[str, int]]]] = {}
    for band, _ in BANDS:
        keys = sorted((k for k in starts if k[0] == band),
                      key=lambda k: (_median(starts[k]), k))  # fmt: skip
        rows: list[tuple[list[tuple[str, int]], set[dt.date]]] = []
        for key in keys:
            free = next((r for r in rows if not r[1] & days[key]), None)
            if free is None:
                rows.append(([], set()))
                free = rows[-1]
            free[0].append((key[1], key[2]))
            free[1].update(days[key])
        if rows:
            out[band] = [r[0] for r in rows]
    return out
