"""`sync` against a calendar server that lies: it never writes outside the one calendar it
syncs, never loops, never lets the server's text move the terminal's cursor.

The server is a small scripted one (tests/servers.py) with a calendar home `/dav/cal/`,
the calendar `care/` ("Back care") that is synced and a person's own `personal/`. Each
test makes it misbehave in one way, as the hostile review of 2026-12-04 did.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest

from planner.caldav.sync import sync_plan
from planner.errors import SyncError

from .libraries import builtin
from .servers import FakeRequest, Recorder, fake_server, multistatus, prop_response
from .test_sync_safety import builtin_plan

NOW = dt.datetime(2026, 11, 25, 9, 30, tzinfo=dt.UTC)
CARE = "/dav/cal/care/"
HOME = "/dav/cal/"
XML = {"Content-Type": "application/xml; charset=utf-8"}


def ours(uid: str = "back-care.soda-mask.20261101.1@remedy-planner",
         summary: str = "Baking-soda mask", start: str = "20261205T200000Z",
         extra: str = "") -> str:  # fmt: skip
    """An object of this routine's (its UID and marker), on a day the plan does not have."""
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//remedy-planner//EN\r\nBEGIN:VEVENT\r\n"
        f"UID:{uid}\r\nDTSTAMP:20261101T090000Z\r\nDTSTART:{start}\r\n"
        f"DTEND:{start[:9]}210000Z\r\nSUMMARY:{summary}\r\n"
        "X-REMEDY-PLANNER-ROUTINE:back-care\r\nEND:VEVENT\r\n" + extra + "END:VCALENDAR\r\n"
    )


def listed(href: str, data: str | None = None, etag: str = '"e1"') -> str:
    """One object in a calendar-query answer, with its data (or only its ETag)."""
    props = f"<d:getetag>{etag}</d:getetag>"
    if data is not None:
        props += f"<c:calendar-data>{data}</c:calendar-data>"
    return prop_response(href, props)


def calendar_server(
    objects: list[str],
    home: list[str] | None = None,
    write: Callable[[FakeRequest], bool] | None = None,
    get: Callable[[FakeRequest], bool] | None = None,
) -> Callable[[FakeRequest], None]:
    """Answers discovery, the home listing and the calendar query; a PUT or DELETE is
    stored (201/204) unless ``write`` answered it, a GET is 404 unless ``get`` did."""
    calendar = "<d:resourcetype><d:collection/><c:calendar/></d:resourcetype>"
    listing = home if home is not None else [
        prop_response(HOME, "<d:resourcetype><d:collection/></d:resourcetype>"),
        prop_response(CARE, f"{calendar}<d:displayname>Back care</d:displayname>"),
        prop_response("/dav/cal/personal/", f"{calendar}<d:displayname>Personal</d:displayname>"),
    ]  # fmt: skip

    def answer(req: FakeRequest) -> None:
        if req.method == "PROPFIND" and req.path == "/dav/":
            props = (
                "<d:current-user-principal><d:href>/dav/anna/</d:href></d:current-user-principal>"
                f"<c:calendar-home-set><d:href>{HOME}</d:href></c:calendar-home-set>"
            )
            req.send(207, multistatus(prop_response("/dav/", props)), XML)
        elif req.method == "PROPFIND" and req.path == HOME:
            req.send(207, multistatus(*listing), XML)
        elif req.method == "REPORT":
            req.send(207, multistatus(*(objects if req.path == CARE else [])), XML)
        elif req.method in ("PUT", "DELETE", "MKCALENDAR"):
            if write is None or not write(req):
                req.send(201 if req.method != "DELETE" else 204)
        elif req.method == "GET" and get is not None and get(req):
            return
        else:
            req.send(404)

    return answer


def run(answer: Callable[[FakeRequest], None], **kwargs: Any) -> tuple[Any, Recorder]:
    plan = builtin_plan(weeks=1)
    with fake_server(answer) as (url, seen):
        report = sync_plan(plan, builtin().recipes, NOW, url + "dav/", **kwargs)
    return report, seen


def changed(seen: Recorder) -> list[tuple[str, str]]:
    return [(m, p) for m, p, _ in seen.requests if m in ("PUT", "DELETE", "MKCALENDAR")]


# ---- F1: only direct children of the synced calendar ----------------------------------------

OUTSIDE = [
    "/dav/cal/personal/dentist.ics",  # another calendar
    "/dav/cal/care/../personal/dentist2.ics",  # dot segments
    "/dav/cal/care/%2e%2e/personal/dentist3.ics",  # dot segments, percent-encoded
    "/dav/cal/care%2F..%2Fpersonal%2Fdentist4.ics",  # slashes, percent-encoded
    "/dav/cal/personal/",  # a whole calendar
    "/dav/cal/care/sub/",  # a collection inside the calendar
    "/dav/cal/care/sub/deeper.ics",  # something deeper
    "/dav/cal/care/x.ics?delete=all",  # a query
    "http://127.0.0.2:1/dav/cal/care/elsewhere.ics",  # another origin
    "http://127.0.0.1:99999/dav/cal/care/port.ics",  # a port that cannot be
    "http://[::1/dav/cal/care/broken.ics",  # an address that cannot be read
]


def test_objects_listed_outside_the_calendar_are_never_changed_and_are_reported() -> None:
    objects = [listed(href, ours()) for href in OUTSIDE]
    # The same object inside the calendar is deleted: the server is otherwise obeyed.
    objects.append(listed(CARE + "old.ics", ours()))
    report, seen = run(calendar_server(objects))
    writes = changed(seen)
    assert ("DELETE", CARE + "old.ics") in writes
    assert all(re.fullmatch(r"/dav/cal/care/[^/]+\.ics", path) for _, path in writes), writes
    assert report.count("delete") == 1
    assert [c.kind for c in report.conflicts] == ["outside"]
    assert report.conflicts[0].count == len(OUTSIDE)
    assert [str(c) for c in report.conflicts] == [
        f"the server listed {len(OUTSIDE)} objects outside the calendar "
        f"http://127.0.0.1:{seen_port(seen)}{CARE} (such as http://127.0.0.1:{seen_port(seen)}"
        "/dav/cal/personal/dentist.ics); not read and not changed"
    ]
    # Listed without their data, none is fetched either.
    report, seen = run(calendar_server([listed(href) for href in OUTSIDE]))
    assert [m for m, _, _ in seen.requests if m == "GET"] == []


def seen_port(seen: Recorder) -> str:
    host = seen.requests[0][2]["host"]
    return host.rsplit(":", 1)[1]


def test_a_calendar_listed_outside_the_home_is_not_taken_for_the_routines() -> None:
    calendar = "<d:resourcetype><d:collection/><c:calendar/></d:resourcetype>"
    home = [
        prop_response(HOME, "<d:resourcetype><d:collection/></d:resourcetype>"),
        prop_response("/dav/other/care/", f"{calendar}<d:displayname>Back care</d:displayname>"),
        prop_response("/dav/cal/x/../../other/c2/",
                      f"{calendar}<d:displayname>Back care</d:displayname>"),
    ]  # fmt: skip
    report, seen = run(calendar_server([], home=home))
    writes = changed(seen)
    assert writes[0] == ("MKCALENDAR", "/dav/cal/back-care/")
    assert all(path.startswith("/dav/cal/back-care/") for _, path in writes)
    assert [(c.kind, c.count) for c in report.conflicts] == [("outside", 2)]
    assert str(report.conflicts[0]).startswith(
        "the server listed 2 collections outside the calendar home"
    )


@pytest.mark.parametrize("method", ["PUT", "DELETE"])
def test_a_redirected_change_is_an_error_never_followed(method: str) -> None:
    def redirect(req: FakeRequest) -> bool:
        if req.method == method:
            req.send(308, b"", {"Location": "/dav/cal/personal/dentist.ics"})
            return True
        return False

    objects = [listed(CARE + "old.ics", ours())] if method == "DELETE" else []
    with pytest.raises(SyncError, match=f"redirects this {method} to .*/dav/cal/personal/"):
        run(calendar_server(objects, write=redirect))


def test_a_redirect_is_not_followed_with_the_change_by_the_command_line(cli) -> None:
    def redirect(req: FakeRequest) -> bool:
        req.send(307, b"", {"Location": "/dav/cal/personal/dentist.ics"})
        return True

    with fake_server(calendar_server([listed(CARE + "old.ics", ours())], write=redirect)) as (
        url,
        seen,
    ):
        result = cli("sync", "--start", "2026-11-30", "--weeks", "1", "--url", url + "dav/",
                     "--user", "anna", env={"REMEDY_PLANNER_PASSWORD": "x"})  # fmt: skip
    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 1
    assert "a change is only sent to the address it is meant for" in result.stderr
    assert not [p for _, p, _ in seen.requests if "personal" in p]


# ---- F3: one re-look per event --------------------------------------------------------------


def test_a_server_that_answers_412_then_404_forever_gets_one_re_look_per_event() -> None:
    """PUT new: 412 (something is there); GET: an event of ours, changed; PUT with
    If-Match: 404 (nothing is there). Each event is looked at once more, then reported."""
    etags = iter(range(10**6))

    def write(req: FakeRequest) -> bool:
        req.send(412 if "if-none-match" in req.headers else 404)
        return True

    def get(req: FakeRequest) -> bool:
        uid = req.path.rsplit("/", 1)[1].removesuffix(".ics").replace("%40", "@")
        body = ours(uid=uid, summary="Changed elsewhere").encode()
        req.send(200, body, {"ETag": f'"g{next(etags)}"', "Content-Type": "text/calendar"})
        return True

    report, seen = run(calendar_server([], write=write, get=get))
    events = len(report.conflicts)
    assert events > 0 and report.changes == []
    assert {c.kind for c in report.conflicts} == {"changed"}
    assert all("changed on the server while this sync ran" in str(c) for c in report.conflicts)
    puts = [p for m, p, _ in seen.requests if m == "PUT"]
    assert len(puts) == 2 * events  # the first try and the one re-look
    assert len(set(puts)) == events


# ---- F5: an object is ours only if all of it is ----------------------------------------------


def test_an_object_with_our_event_and_a_persons_to_do_is_left_whole() -> None:
    todo = "BEGIN:VTODO\r\nUID:taxes@phone\r\nDTSTAMP:20261101T090000Z\r\nSUMMARY:Pay taxes\r\nEND:VTODO\r\n"
    zone = ("BEGIN:VTIMEZONE\r\nTZID:UTC\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n"
            "TZOFFSETFROM:+0000\r\nTZOFFSETTO:+0000\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n")  # fmt: skip
    objects = [
        listed(CARE + "mixed.ics", ours(extra=todo)),
        # A time zone beside our event does not make it anyone else's: deleted.
        listed(CARE + "zoned.ics", ours(uid="back-care.soda-mask.20261102.1@remedy-planner",
                                        extra=zone)),
    ]  # fmt: skip
    _, seen = run(calendar_server(objects))
    deleted = [p for m, p in changed(seen) if m == "DELETE"]
    assert deleted == [CARE + "zoned.ics"]


# ---- F4: nothing from the server moves the terminal ------------------------------------------

ESCAPES = (
    "\x1b]0;PWNED-TITLE\x07\x1b[31mRED\x1b[0m\x1b[1A\x1b[2K\u202efake: 0 event(s) were deleted"
)


def test_event_titles_from_the_server_reach_the_terminal_escaped(cli) -> None:
    def get(req: FakeRequest) -> bool:
        req.send(200, ours(summary=ESCAPES).encode(), {"ETag": '"x"'})
        return True

    # XML cannot carry ESC: the object is listed without data and fetched with GET.
    with fake_server(calendar_server([listed(CARE + "old.ics")], get=get)) as (url, _):
        result = cli("sync", "--start", "2026-11-30", "--weeks", "1", "--url", url + "dav/",
                     "--user", "anna", "--dry-run", env={"REMEDY_PLANNER_PASSWORD": "x"})  # fmt: skip
    assert result.exit_code == 0, result.stderr
    shown = result.stdout
    assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e]", shown)
    assert (
        "  2026-12-05 20:00 \\u001b]0;PWNED-TITLE\\u0007\\u001b[31mRED\\u001b[0m\\u001b[1A"
        "\\u001b[2K\\u202efake: 0 event(s) were deleted"
    ) in shown.splitlines()


# ---- anything unexpected is one line ----------------------------------------------------------


def test_an_unexpected_failure_is_one_error_line_not_a_traceback(cli, monkeypatch) -> None:
    import planner.caldav.tasks

    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise RecursionError("maximum recursion depth exceeded\nwhile calling a Python object")

    # The first thing sync does on the server: read the task list.
    monkeypatch.setattr(planner.caldav.tasks, "open_task_list", broken)
    result = cli("sync", "--start", "2026-11-30", "--weeks", "1", "--url", "http://127.0.0.1:9/",
                 env={"REMEDY_PLANNER_PASSWORD": "x"})  # fmt: skip
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.startswith(
        "error: RecursionError: maximum recursion depth exceeded\\nwhile calling a Python "
        "object; this is a defect in remedy-planner "
    )
    assert result.stderr.endswith("please report it, with the command that was run\n")
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize(
    ("url", "folder", "name"),
    [
        ("http://h/dav/cal/care/a.ics", False, "a.ics"),
        ("http://h/dav/cal/care/a%20b.ics", False, "a b.ics"),
        ("http://h/dav/cal/care/sub/", True, "sub"),
        ("http://h/dav/cal/care/sub/", False, None),
        ("http://h/dav/cal/care/", False, None),
        ("http://h/dav/cal/care", False, None),
        ("http://h/dav/cal/personal/a.ics", False, None),
        ("http://h/dav/cal/care/%2e%2e", False, None),
        ("http://h/dav/cal/care/a%2Fb.ics", False, None),
        ("http://h/dav/cal/care/a.ics?x=1", False, None),
        ("http://h/dav/cal/care/a.ics#x", False, None),
        ("https://h/dav/cal/care/a.ics", False, None),
        ("http://h:8080/dav/cal/care/a.ics", False, None),
        ("http://h:99999/dav/cal/care/a.ics", False, None),
        ("http://[::1/dav/cal/care/a.ics", False, None),
    ],
)
def test_child_name_accepts_only_direct_children(url: str, folder: bool, name: str | None) -> None:
    from planner.caldav.client import child_name

    assert child_name("http://h/dav/cal/care/", url, folder=folder) == name
    assert child_name("http://h/dav/cal/care", url, folder=folder) == name


# ---- a sync cut off part-way ----------------------------------------------------------------


def test_a_sync_cut_off_part_way_says_how_far_it_got(cli) -> None:
    puts: list[str] = []

    def fail_the_fourth(req: FakeRequest) -> bool:
        puts.append(req.path)
        if len(puts) < 4:
            return False  # stored
        req.send(503, b"down for maintenance")
        return True

    with fake_server(calendar_server([], write=fail_the_fourth)) as (url, _):
        result = cli("sync", "--start", "2026-11-30", "--weeks", "1", "--url", url + "dav/",
                     "--user", "anna", env={"REMEDY_PLANNER_PASSWORD": "x"})  # fmt: skip
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines()[0] == (
        "notice: stopped after 3 of 6 event change(s); run sync again to finish"
    )
    assert result.stderr.splitlines()[1].startswith("error: ")
