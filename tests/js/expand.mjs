// Expand every event of an .ics file with Mozilla's ical.js (Thunderbird's parser).
// Prints JSON: one entry per occurrence with local start, UTC start and minutes.
// Usage: node expand.mjs FILE.ics
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const text = readFileSync(process.argv[2], "utf8");
const root = new ICAL.Component(ICAL.parse(text));
for (const vtz of root.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(vtz);
}
const out = [];
for (const vevent of root.getAllSubcomponents("vevent")) {
  const event = new ICAL.Event(vevent);
  const minutes = event.duration.toSeconds() / 60;
  const alarms = vevent.getAllSubcomponents("valarm").map((a) => ({
    action: a.getFirstPropertyValue("action"),
    trigger: a.getFirstPropertyValue("trigger").toString(),
  }));
  const iter = event.iterator();
  let next;
  let guard = 0;
  while ((next = iter.next()) && guard++ < 5000) {
    out.push({
      uid: event.uid,
      summary: event.summary,
      allDay: next.isDate,
      local: next.toString().slice(0, 16),
      zone: next.zone ? next.zone.tzid : null,
      utc: next.isDate ? null : next.toJSDate().toISOString(),
      minutes,
      alarms,
    });
  }
}
process.stdout.write(JSON.stringify(out));
