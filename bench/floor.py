"""The floor for the main job: the same libraries doing the same amount of output work.

It imports click, openpyxl, icalendar and pint, writes a workbook with the given
numbers of sheets and cells, a calendar with the given number of events, and
does the given number of unit conversions, with no planning logic of its own.
The main job's cost divided by this script's is the overhead of our own code.

    python bench/floor.py SHEETS CELLS EVENTS CONVERSIONS OUTDIR
"""

from __future__ import annotations

import datetime as dt
import io
import json
import sys
import zoneinfo
from pathlib import Path


def main(sheets: int, cells: int, events: int, conversions: int, out: Path) -> None:
    import click  # noqa: F401  (the CLI library the real command loads)
    import icalendar
    import openpyxl
    import pint

    wb = openpyxl.Workbook()
    targets = [wb.active] + [wb.create_sheet(f"S{i}") for i in range(1, sheets)]
    per_sheet = cells // sheets + 1
    for ws in targets:
        for k in range(per_sheet):
            ws.cell(row=k // 20 + 1, column=k % 20 + 1, value=f"cell {k}")
    buf = io.BytesIO()
    wb.save(buf)
    (out / "floor.xlsx").write_bytes(buf.getvalue())

    cal = icalendar.Calendar()
    cal.add("version", "2.0")
    cal.add("prodid", "-//floor//EN")
    zone = zoneinfo.ZoneInfo("Europe/Berlin")
    start = dt.datetime(2026, 11, 30, 20, 0, tzinfo=zone)
    for k in range(events):
        ev = icalendar.Event()
        ev.add("uid", f"floor-{k}@example.invalid")
        ev.add("dtstamp", dt.datetime(2026, 11, 25, tzinfo=dt.UTC))
        ev.add("dtstart", start + dt.timedelta(days=k))
        ev.add("dtend", start + dt.timedelta(days=k, minutes=30))
        ev.add("summary", f"event {k}")
        ev.add("description", "x" * 400)
        cal.add_component(ev)
    (out / "floor.ics").write_bytes(cal.to_ical())

    ureg = pint.UnitRegistry(None, cache_folder=None)
    ureg.define("gram = [mass] = g")
    ureg.define("milliliter = [volume] = ml")
    ureg.define("tablespoon = 15 * milliliter = tbsp")
    total = 0.0
    for k in range(conversions):
        total += ureg.Quantity(k % 7 + 1, "tbsp").to("milliliter").magnitude
    (out / "floor.json").write_text(json.dumps({"total": total}))


if __name__ == "__main__":
    s, c, e, q = (int(x) for x in sys.argv[1:5])
    main(s, c, e, q, Path(sys.argv[5]))
