"""`sync` in a calendar it shares with others, and against servers that misbehave.

Calendar state is checked against a real Radicale through the `caldav` library
(a client we did not write); hostile servers are small scripted HTTP servers.
"""

from __future__ import annotations

import datetime as dt
import errno
import socket
import threading
import time
from pathlib import Path

import pytest
from icalendar import Calendar

from planner.caldav.client import Session, check_url, digest_response, parse_challenges, redact
from planner.caldav.sync import sync_plan, wanted_events
from planner.errors import InsecureUrlError, PlannerError, SyncError, UsageError
from planner.formats.ics import IcsOptions, render_ics
from planner.load.library import load_library
from planner.load.routine import builtin_routine_files, load_routine_file
from planner.schedule import build_schedule

from .libraries import builtin
from .servers import fake_server, free_port, multistatus, prop_response, radicale

NOW = dt.datetime(2026, 11, 25, 9, 30, tzinfo=dt.UTC)
MONDAY = dt.date(2026, 11, 30)
SODA = (Path(__file__).parents[1] / "recipes" / "soda-mask.toml").read_text()


@pytest.fixture
def server(tmp_path: Path):
    users = tmp_path / "users"
    users.write_text("alice:secret\n")
    with radicale(tmp_path, htpasswd=users) as url:
        yield url


def builtin_plan(rid: str = "back-care", weeks: int | None = None):
    routine = load_routine_file(builtin_routine_files()[rid], builtin())
    return build_schedule(routine, builtin().recipes, MONDAY, weeks, timezone="Europe/Berlin")


def file_plan(tmp_path: Path, routine_text: str, recipes: dict[str, str], weeks: int = 1):
    folder = tmp_path / "r"
    folder.mkdir(exist_ok=True)
    for name, text in recipes.items():
        (folder / f"{name}.toml").write_text(text)
    library = load_library([folder])
    path = tmp_path / "routine.toml"
    path.write_text(routine_text)
    routine = load_routine_file(path, library)
    return build_schedule(
        routine, library.recipes, MONDAY, weeks, timezone="Europe/Berlin"
    ), library


def calendar_objects(url: str, name: str) -> dict[str, tuple[str, bytes]]:
    """href -> (UID, raw data) of every object in the calendar, read with caldav."""
    import caldav

    client = caldav.DAVClient(url=url, username="alice", password="secret")
    for cal in client.principal().calendars():
        if cal.get_display_name() == name:
            out = {}
            for obj in cal.events():
                comp = obj.icalendar_instance.walk("VEVENT")
                uid = str(comp[0]["UID"]) if comp else ""
                out[str(obj.url.path)] = (uid, obj.data.encode())
            return out
    return {}


def make_calendar(url: str, name: str) -> str:
    import caldav

    client = caldav.DAVClient(url=url, username="alice", password="secret")
    cal = client.principal().make_calendar(name=name)
    return str(cal.url)


def put_raw(cal_url: str, href: str, data: str) -> None:
    import caldav

    client = caldav.DAVClient(url=cal_url, username="alice", password="secret")
    response = client.put(cal_url.rstrip("/") + "/" + href, data, {"Content-Type": "text/calendar"})
    assert response.status in (201, 204), response.status


def foreign(uid: str, summary: str, start: str = "20261203T120000Z") -> str:
    """An event someone else wrote: no routine marker."""
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//a phone//EN\r\nBEGIN:VEVENT\r\n"
        f"UID:{uid}\r\nDTSTAMP:20261101T090000Z\r\nDTSTART:{start}\r\n"
        f"DTEND:{start[:9]}130000Z\r\nSUMMARY:{summary}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )


def sync(plan, recipes, url, **kwargs):
    return sync_plan(plan, recipes, NOW, url, user="alice", password="secret", **kwargs)


BACK = """title = "Back"
[availability]
windows = ["07:00-08:30", "19:00-22:30"]
[[remedies]]
recipe = "care-soda-mask"
per_week = 2
days = ["mon", "thu"]
"""


def test_routines_whose_old_uids_collided_keep_their_own_events(server, tmp_path) -> None:
    """Routine "back" + recipe "care-soda-mask" met "back-care" + "soda-mask" in the old UIDs."""
    back, library = file_plan(tmp_path, BACK, {"care-soda-mask": SODA}, weeks=4)
    care = builtin_plan()
    first = sync(care, builtin().recipes, server, calendar="Care2")
    sync(back, library.recipes, server, calendar="Care2")
    again_care = sync(care, builtin().recipes, server, calendar="Care2")
    again_back = sync(back, library.recipes, server, calendar="Care2")
    assert again_care.changes == [] and again_back.changes == []
    uids = [uid for uid, _ in calendar_objects(server, "Care2").values()]
    assert len(uids) == len(set(uids))
    assert set(uids) == set(wanted_events(care, builtin().recipes, NOW)) | set(
        wanted_events(back, library.recipes, NOW)
    )
    assert first.count("create") == len(wanted_events(care, builtin().recipes, NOW))


SPA = """title = "Spa"
weeks = 1
[[remedies]]
recipe = "event-spa"
per_day = 1
[[events]]
event = "spa"
day = 1
time = "12:00"
minutes = 60
"""
EVENT_SPA = 'name = "Spa prep wipe"\nkind = "wipe"\nsummary = "s"\nsteps = ["a"]\nminutes = 10\n'


def test_a_recipe_named_like_an_event_gets_its_own_uids(server, tmp_path) -> None:
    plan, library = file_plan(tmp_path, SPA, {"event-spa": EVENT_SPA})
    from planner.formats.ics import IcsOptions

    options = IcsOptions(recurrence=False)
    ics = Calendar.from_ical(render_ics(plan, library.recipes, NOW, options))
    uids = [str(ev["UID"]) for ev in ics.walk("VEVENT")]
    assert len(uids) == 8 and len(set(uids)) == 8
    report = sync(plan, library.recipes, server, options=options)
    assert report.count("create") == 8
    assert len(calendar_objects(server, "Spa")) == 8


def test_foreign_events_holding_our_uids_are_left_and_reported(server) -> None:
    plan = builtin_plan(weeks=1)
    cal_url = make_calendar(server, "Shared")
    wanted = list(wanted_events(plan, builtin().recipes, NOW))
    soda = next(u for u in wanted if ".soda-mask." in u)
    clay = next(u for u in wanted if ".salt-clay-mask." in u)
    # At the very href our event would take, and under another href.
    put_raw(cal_url, soda.replace("@", "%40") + ".ics", foreign(soda, "Friend's birthday"))
    put_raw(cal_url, "someone-else.ics", foreign(clay, "Same UID, other href"))
    before = calendar_objects(server, "Shared")
    report = sync(plan, builtin().recipes, server, calendar="Shared")
    after = calendar_objects(server, "Shared")
    for href, content in before.items():
        assert after[href] == content  # byte for byte, never rewritten
    assert report.count("create") == len(wanted) - 2
    assert len(report.conflicts) == 2
    assert {c.kind for c in report.conflicts} == {"foreign"}
    assert all(str(c).startswith("a foreign event holds UID") for c in report.conflicts)
    assert {soda, clay} == {c.uid for c in report.conflicts}
    assert {uid for uid, _ in after.values()} == set(wanted)
    again = sync(plan, builtin().recipes, server, calendar="Shared")
    assert again.changes == [] and len(again.conflicts) == 2


def test_cli_reports_a_foreign_event_in_one_line_and_exits_1(server, cli) -> None:
    plan = builtin_plan(weeks=1)
    cal_url = make_calendar(server, "Back care")
    soda = next(u for u in wanted_events(plan, builtin().recipes, NOW) if ".soda-mask." in u)
    put_raw(cal_url, "mine.ics", foreign(soda, "Mine"))
    env = {"REMEDY_PLANNER_PASSWORD": "secret"}
    result = cli("sync", "--start", "2026-11-30", "--weeks", "1", "--tz", "Europe/Berlin",
                 "--url", server, "--user", "alice", env=env)  # fmt: skip
    assert result.exit_code == 1
    assert "event(s) were created" in result.stdout
    errors = result.stderr.splitlines()
    assert len(errors) == 1 and errors[0].startswith(f"error: a foreign event holds UID {soda}")
    assert errors[0].endswith("left as it is")


def _old_scheme(uid: str) -> str:
    """The UID the first release gave the same session or event."""
    body, domain = uid.split("@")
    routine, ident, day, slot = body.split(".")
    if slot.startswith("e"):
        return f"{routine}-event-{ident}-{day}-{slot[1:]}@{domain}"
    return f"{routine}-{ident}-{day}-{slot}@{domain}"


def test_a_calendar_synced_with_old_uids_is_migrated(server) -> None:
    plan = builtin_plan("legs-hair-removal")
    wanted = wanted_events(plan, builtin().recipes, NOW)
    cal_url = make_calendar(server, "Legs")
    from planner.caldav.objects import object_bytes as _object

    for uid, want in wanted.items():
        old = _old_scheme(uid)
        event = want.event.copy()
        event["uid"] = old
        put_raw(cal_url, old.replace("@", "%40") + ".ics", _object(plan, event).decode())
    put_raw(cal_url, "dentist.ics", foreign("dentist@example.org", "Dentist"))
    report = sync(plan, builtin().recipes, server, calendar="Legs")
    assert report.count("create") == len(wanted) == report.count("delete")
    uids = sorted(uid for uid, _ in calendar_objects(server, "Legs").values())
    assert uids == sorted([*wanted, "dentist@example.org"])
    assert sync(plan, builtin().recipes, server, calendar="Legs").changes == []


def test_two_syncs_at_once_converge_without_duplicates(server) -> None:
    plan = builtin_plan(weeks=2)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            sync(plan, builtin().recipes, server)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # Both may try to make the calendar; at most one is refused, and a rerun settles.
    assert len(errors) <= 1, errors
    uids = [uid for uid, _ in calendar_objects(server, "Back care").values()]
    assert len(uids) == len(set(uids)) == len(wanted_events(plan, builtin().recipes, NOW))
    assert sync(plan, builtin().recipes, server, dry_run=True).changes == []


def test_an_event_replaced_while_we_sync_is_not_overwritten(server, monkeypatch) -> None:
    """Between listing and writing, someone puts a foreign event where ours was: If-Match holds."""
    first = builtin_plan(weeks=2)
    sync(first, builtin().recipes, server)
    shorter = builtin_plan(weeks=1)
    objects = calendar_objects(server, "Back care")
    # An hour's reminder instead of 30 minutes: every event of week 1 is an update (and
    # week 2's are deleted); pick one such object to replace.
    later = IcsOptions(remind_minutes=60)
    wanted = wanted_events(shorter, builtin().recipes, NOW, later)
    series = next(u for u in wanted if ".calendula-wipe." in u)
    href = next(h for h, (uid, _) in objects.items() if uid == series)
    stolen = foreign(series, "Replaced by another app")
    real_request = Session.request
    done = []

    def racing(self, method, url, body=None, headers=None):
        if method == "PUT" and url.endswith(href.rsplit("/", 1)[1]) and not done:
            done.append(1)
            put_raw(server.rstrip("/") + href.rsplit("/", 1)[0] + "/", href.rsplit("/", 1)[1],
                    stolen)  # fmt: skip
        return real_request(self, method, url, body, headers)

    monkeypatch.setattr(Session, "request", racing)
    report = sync(shorter, builtin().recipes, server, options=later)
    assert done
    kept = Calendar.from_ical(calendar_objects(server, "Back care")[href][1]).walk("VEVENT")[0]
    assert str(kept["SUMMARY"]) == "Replaced by another app"
    assert "X-REMEDY-PLANNER-ROUTINE" not in kept
    assert any(series in str(c) for c in report.conflicts)
    assert report.count("delete") > 0  # the rest of the sync still happened


def test_a_renamed_calendar_gets_a_clear_message(server) -> None:
    plan = builtin_plan(weeks=1)
    sync(plan, builtin().recipes, server)
    body = (
        b'<?xml version="1.0"?><d:propertyupdate xmlns:d="DAV:"><d:set><d:prop>'
        b"<d:displayname>My skin</d:displayname></d:prop></d:set></d:propertyupdate>"
    )
    import base64
    import urllib.request

    req = urllib.request.Request(server + "alice/back-care/", data=body, method="PROPPATCH")
    req.add_header("Authorization", "Basic " + base64.b64encode(b"alice:secret").decode())
    urllib.request.urlopen(req, timeout=10).close()
    with pytest.raises(SyncError, match="a calendar named 'My skin' is already there"):
        sync(plan, builtin().recipes, server)


# -- secrets ---------------------------------------------------------------------------------


def test_a_password_in_the_url_is_refused_and_never_printed(cli) -> None:
    result = cli("sync", "--url", "https://alice:S3cretPW@example.org/dav/", "--user", "alice",
                 env={"REMEDY_PLANNER_PASSWORD": "x"})  # fmt: skip
    assert result.exit_code == 2
    assert "S3cretPW" not in result.stderr + result.stdout
    assert result.stderr.startswith("error: 'https://example.org/dav/': the URL holds a user name")
    assert redact("https://a:b@host:8443/x") == "https://host:8443/x"
    with pytest.raises(UsageError):
        check_url("http://bob@127.0.0.1:5232/")


def test_plain_http_to_another_computer_needs_a_flag_and_warns(cli) -> None:
    with pytest.raises(InsecureUrlError):
        check_url("http://192.0.2.7:5232/")
    assert check_url("http://127.0.0.1:5232/") == [] and check_url("http://[::1]:80/") == []
    assert check_url("http://localhost/") == []
    refused = cli("sync", "--url", "http://192.0.2.7:9/", "--user", "a",
                  env={"REMEDY_PLANNER_PASSWORD": "x"})  # fmt: skip
    assert refused.exit_code == 2
    assert refused.stderr.strip().endswith("(or add --allow-insecure-http to send it anyway)")
    # Allowed: a warning first, then the (unreachable, quickly timed out) attempt.
    allowed = cli("sync", "--url", "http://192.0.2.7:9/", "--user", "a", "--allow-insecure-http",
                  "--timeout", "1", env={"REMEDY_PLANNER_PASSWORD": "x"})  # fmt: skip
    lines = allowed.stderr.splitlines()
    assert lines[0] == (
        "warning: http://192.0.2.7:9/ is plain http: the password and the plan travel unencrypted"
    )
    assert allowed.exit_code == 1 and len(lines) == 2 and lines[1].startswith("error: ")


def _discovery(home: str):
    def answer(req) -> None:
        if "authorization" not in req.headers:
            req.send(401, b"", {"WWW-Authenticate": 'Basic realm="x"'})
            return
        props = (
            "<d:current-user-principal><d:href>/alice/</d:href></d:current-user-principal>"
            f"<c:calendar-home-set><d:href>{home}</d:href></c:calendar-home-set>"
        )
        req.send(207, multistatus(prop_response(req.path, props)), {"Content-Type": "text/xml"})

    return answer


def test_credentials_never_follow_a_calendar_home_to_another_origin() -> None:
    with (
        fake_server(lambda req: req.send(207, multistatus())) as (elsewhere, seen_there),
        fake_server(_discovery(elsewhere + "home/")) as (url, seen_here),
        pytest.raises(SyncError) as info,
    ):
        sync(builtin_plan(weeks=1), builtin().recipes, url)
    message = str(info.value)
    assert "on another server" in message and "is not followed" in message
    assert seen_here.authorized()  # we did sign in where we were told to
    assert seen_there.requests == []  # and sent nothing, let alone a password, elsewhere


def test_https_never_falls_back_to_http_with_the_password() -> None:
    trustme = pytest.importorskip("trustme")
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1")
    server_ctx = __import__("ssl").create_default_context(__import__("ssl").Purpose.CLIENT_AUTH)
    cert.configure_cert(server_ctx)
    client_ctx = __import__("ssl").create_default_context()
    ca.configure_trust(client_ctx)
    with (
        fake_server(lambda req: req.send(207, multistatus())) as (plain, seen_plain),
        fake_server(_discovery(plain + "home/"), tls=server_ctx) as (url, seen_tls),
    ):
        session = Session(url, "alice", "secret", tls=client_ctx)
        with pytest.raises(SyncError, match="over plain http"):
            sync_plan(builtin_plan(weeks=1), builtin().recipes, NOW, url, session=session)
    assert seen_tls.authorized() and seen_plain.requests == []


def test_an_untrusted_certificate_is_one_clear_line() -> None:
    trustme = pytest.importorskip("trustme")
    import ssl

    cert = trustme.CA().issue_cert("127.0.0.1")
    server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    cert.configure_cert(server_ctx)
    with (
        fake_server(lambda req: req.send(207, multistatus()), tls=server_ctx) as (url, seen),
        pytest.raises(SyncError) as info,
    ):
        sync(builtin_plan(weeks=1), builtin().recipes, url)
    assert str(info.value).startswith(
        f"cannot reach {url}: the server's TLS certificate could not be verified ("
    )
    assert seen.requests == []


# -- servers that misbehave -------------------------------------------------------------------


def test_a_server_that_trickles_bytes_meets_the_deadline() -> None:
    sent = []

    def trickle(req) -> None:
        req.raw(b"HTTP/1.1 207 Multi-Status\r\nContent-Length: 100000\r\n\r\n")
        for _ in range(200):
            try:
                req.raw(b" ")
            except OSError:
                return
            sent.append(1)
            time.sleep(0.2)

    with (
        fake_server(trickle) as (url, _),
        pytest.raises(SyncError, match="no complete answer within 2 s"),
    ):
        sync(builtin_plan(weeks=1), builtin().recipes, url, timeout=2)
    assert 0 < len(sent) < 200  # it was still trickling when we gave up


@pytest.mark.parametrize("chunked", [False, True])
def test_a_huge_answer_is_refused_without_reading_it_whole(chunked: bool) -> None:
    size = 21_000_000

    def huge(req) -> None:
        if not chunked:
            req.send(207, b"", {"Content-Length": str(size)})
            try:
                for _ in range(size // 1_000_000):
                    req.raw(b" " * 1_000_000)
            except OSError:
                pass
            return
        req.send(207, b"", {"Transfer-Encoding": "chunked"})
        try:
            for _ in range(size // 1_000_000 + 1):
                req.raw(b"%x\r\n%s\r\n" % (1_000_000, b" " * 1_000_000))
            req.raw(b"0\r\n\r\n")
        except OSError:
            pass

    with (
        fake_server(huge) as (url, _),
        pytest.raises(SyncError, match="the answer is larger than 20 MB; not read"),
    ):
        sync(builtin_plan(weeks=1), builtin().recipes, url)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b"<<<not xml", "not readable XML"),
        (b"<html><body>hello</body></html>", "not a WebDAV multistatus"),
        (b'<!DOCTYPE x [<!ENTITY a "aaaa">]><d:multistatus xmlns:d="DAV:"/>', "declares a DTD"),
        # The same in UTF-16, where the bytes "<!DOCTYPE" never appear: refused all the same.
        (
            (
                '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE d:multistatus [<!ENTITY a "aaaa">'
                '<!ENTITY b "&a;&a;&a;&a;">]><d:multistatus xmlns:d="DAV:">&b;</d:multistatus>'
            ).encode("utf-16"),
            "declares a DTD",
        ),
        (
            b'<!DOCTYPE d:multistatus SYSTEM "file:///etc/passwd"><d:multistatus xmlns:d="DAV:"/>',
            "declares a DTD",
        ),
        (
            b'<d:multistatus xmlns:d="DAV:">'
            + b"<a>" * 5000
            + b"</a>" * 5000
            + b"</d:multistatus>",
            "over 32 levels deep",
        ),
        (b"", "not readable XML"),
    ],
)
def test_garbage_from_the_server_is_one_line_naming_the_url(body: bytes, expected: str) -> None:
    with (
        fake_server(lambda req: req.send(207, body, {"Content-Type": "text/xml"})) as (url, _),
        pytest.raises(SyncError) as info,
    ):
        sync(builtin_plan(weeks=1), builtin().recipes, url)
    assert str(info.value).startswith(url) and expected in str(info.value)
    assert "\n" not in str(info.value)


def test_cli_shows_one_error_line_for_a_broken_server(cli) -> None:
    with fake_server(lambda req: req.send(207, b"<oops", {})) as (url, _):
        result = cli("sync", "--url", url, "--user", "a", "--start", "2026-11-30",
                     env={"REMEDY_PLANNER_PASSWORD": "x"})  # fmt: skip
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [result.stderr.strip()]
    assert result.stderr.startswith(f"error: {url}: the server's answer is not readable XML")


def test_a_closed_port_names_the_url() -> None:
    url = f"http://127.0.0.1:{free_port()}/"
    with pytest.raises(PlannerError, match=f"cannot reach {url}"):
        sync(builtin_plan(weeks=1), builtin().recipes, url)


# "cannot reach" is for no connection at all, in our words; once the server answered,
# the message says what went wrong instead. The CLI prints one line and exits 1.

START = ("sync", "--start", "2026-11-30")


def test_cli_a_refused_connection_is_one_line_in_our_words(cli) -> None:
    url = f"http://127.0.0.1:{free_port()}/"  # nothing listens there
    result = cli(*START, "--url", url)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"error: cannot reach {url}: connection refused\n"


@pytest.mark.parametrize(
    ("failure", "said"),
    [
        (socket.gaierror(socket.EAI_NONAME, "Name or service not known"), "no such host name"),
        (
            socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution"),
            "the host name could not be looked up (no answer from the name server)",
        ),
        (TimeoutError("timed out"), "no connection within 5 s"),
        (
            OSError(errno.ENETUNREACH, "Network is unreachable"),
            "no network route to it (network unreachable)",
        ),
    ],
)
def test_cli_network_failures_are_cannot_reach(cli, monkeypatch, failure, said) -> None:
    """Name lookups and routes this machine cannot fake for real: the socket call fails."""

    def fail(*_args, **_kwargs):
        raise failure

    monkeypatch.setattr(socket, "create_connection", fail)
    url = "https://calendar.example.invalid/dav/"
    result = cli(*START, "--url", url, "--timeout", "5")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"error: cannot reach {url}: {said}\n"


def _closes_at_once(req) -> None:
    req._h.close_connection = True  # no answer at all


def _breaks_off(req) -> None:
    req.raw(b"HTTP/1.1 207 Multi-Status\r\nContent-Length: 5000\r\n\r\n<d:multistatus")
    req._h.close_connection = True


@pytest.mark.parametrize(
    ("answer", "said"),
    [
        (_closes_at_once, "the server closed the connection without a complete answer"),
        (_breaks_off, "the server's answer broke off before its end"),
    ],
)
def test_cli_a_server_that_was_reached_is_not_cannot_reach(cli, answer, said) -> None:
    with fake_server(answer) as (url, _):
        result = cli(*START, "--url", url)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"error: {url}: {said}\n"


# -- authentication ----------------------------------------------------------------------------


def test_digest_answers_match_the_rfc_examples() -> None:
    # RFC 2617, section 3.5
    rfc2617 = {"realm": "testrealm@host.com", "nonce": "dcd98b7102dd2f0e8b11d0f600bfb0c093",
               "qop": "auth,auth-int", "opaque": "5ccc069c403ebaf9f0171e9517f40e41"}  # fmt: skip
    header = digest_response(rfc2617, "Mufasa", "Circle Of Life", "GET", "/dir/index.html", 1,
                             "0a4f113b")  # fmt: skip
    assert 'response="6629fae49393a05397450978507c4ef1"' in header
    # RFC 7616, section 3.9.1, with SHA-256 and with MD5
    rfc7616 = {"realm": "http-auth@example.org", "qop": "auth, auth-int",
               "nonce": "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
               "opaque": "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"}  # fmt: skip
    cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ"
    sha = digest_response({**rfc7616, "algorithm": "SHA-256"}, "Mufasa", "Circle of Life", "GET",
                          "/dir/index.html", 1, cnonce)  # fmt: skip
    assert 'response="753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"' in sha
    md5 = digest_response({**rfc7616, "algorithm": "MD5"}, "Mufasa", "Circle of Life", "GET",
                          "/dir/index.html", 1, cnonce)  # fmt: skip
    assert 'response="8ca523f5e9506fed4657c9700eebdbec"' in md5


def test_challenges_are_parsed_whatever_their_order() -> None:
    found = parse_challenges(
        ['Negotiate, Digest realm="a, b", nonce="n\\"1", qop="auth", Basic realm="r"']
    )
    assert found["digest"] == {"realm": "a, b", "nonce": 'n"1', "qop": "auth"}
    assert found["basic"] == {"realm": "r"} and "negotiate" in found


def test_digest_sign_in_against_a_server_that_checks_it() -> None:
    """The server checks every answer with the RFC 2617 formula (qop=auth, MD5)."""
    import hashlib
    import re

    def h(text: str) -> str:
        return hashlib.md5(text.encode()).hexdigest()

    def answer(req) -> None:
        auth = req.headers.get("authorization", "")
        fields = dict(re.findall(r'(\w+)="?([^",]*)"?', auth[len("Digest ") :]))
        if auth.startswith("Digest ") and fields.get("response") == h(
            f"{h('alice:dav:secret')}:{fields['nonce']}:{fields['nc']}:{fields['cnonce']}:auth:"
            f"{h(req.method + ':' + fields['uri'])}"
        ):
            req.send(207, multistatus(), {"Content-Type": "text/xml"})
            return
        req.send(401, b"", {"WWW-Authenticate": 'Digest realm="dav", nonce="abc", qop="auth"'})

    with fake_server(answer) as (url, seen):
        session = Session(url, "alice", "secret")
        assert session.request("PROPFIND", url).status == 207
        assert session.request("PROPFIND", url + "x/").status == 207
        bad = Session(url, "alice", "wrong")
        assert bad.request("PROPFIND", url).status == 401
    assert all("Basic" not in h.get("authorization", "") for _, _, h in seen.requests)


def test_a_calendar_url_on_another_origin_is_refused(server) -> None:
    with pytest.raises(SyncError, match="on another server"):
        sync(builtin_plan(weeks=1), builtin().recipes, server,
             calendar="http://localhost:1/alice/cal/")  # fmt: skip


@pytest.mark.slow
def test_a_client_killed_mid_sync_is_completed_by_the_next_run(tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import sys

    users = tmp_path / "users"
    users.write_text("alice:secret\n")
    with radicale(tmp_path, htpasswd=users) as url:
        env = {**os.environ, "REMEDY_PLANNER_PASSWORD": "secret", "REMEDY_PLANNER_NO_CACHE": "1",
               "XDG_CONFIG_HOME": str(tmp_path / "cfg")}  # fmt: skip
        args = [sys.executable, "-m", "planner", "sync", "--start", "2026-11-30", "--tz",
                "Europe/Berlin", "--url", url, "--user", "alice", "--no-recurrence"]  # fmt: skip
        proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        store = tmp_path / "collections" / "collection-root" / "alice"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and len(list(store.glob("*/*.ics"))) < 10:
            time.sleep(0.01)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        # A PUT that reached the server before the kill may still be stored after it.
        stored, steady = -1, time.monotonic()
        while time.monotonic() - steady < 0.5 and time.monotonic() < deadline:
            now_stored = len(list(store.glob("*/*.ics")))
            if now_stored != stored:
                stored, steady = now_stored, time.monotonic()
            time.sleep(0.05)
        plan = builtin_plan()
        from planner.formats.ics import IcsOptions

        options = IcsOptions(recurrence=False)
        wanted = wanted_events(plan, builtin().recipes, NOW, options)
        assert 10 <= stored < len(wanted)  # killed part-way
        report = sync(plan, builtin().recipes, url, options=options)
        assert report.count("create") == len(wanted) - stored
        uids = [uid for uid, _ in calendar_objects(url, "Back care").values()]
        assert sorted(uids) == sorted(wanted)
        assert sync(plan, builtin().recipes, url, options=options, dry_run=True).changes == []


def test_a_password_inside_the_calendar_url_is_refused_too(cli) -> None:
    result = cli("sync", "--url", "http://127.0.0.1:9/", "--user", "a", "--calendar",
                 "http://bob:S3cretPW@127.0.0.1:9/alice/cal/",
                 env={"REMEDY_PLANNER_PASSWORD": "x"})  # fmt: skip
    assert result.exit_code == 2
    assert "S3cretPW" not in result.stdout + result.stderr
    assert "the URL holds a user name or password" in result.stderr
