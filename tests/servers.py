"""A real Radicale CalDAV server on 127.0.0.1 for the tests, storage in a temp folder."""

from __future__ import annotations

import http.server
import socket
import ssl
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

RUNNING: dict[int, subprocess.Popen[bytes]] = {}


def stop(port: int) -> None:
    """Stop the Radicale on ``port`` now, as if the server went away."""
    proc = RUNNING.get(port)
    if proc is not None and proc.poll() is None:
        proc.terminate()
        proc.wait(timeout=10)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def radicale(
    folder: Path, htpasswd: Path | None = None, port: int | None = None, rights: Path | None = None
) -> Iterator[str]:
    """Run Radicale until the block ends; yields its base URL."""
    port = port or free_port()
    args = [
        sys.executable, "-m", "radicale",
        "--server-hosts", f"127.0.0.1:{port}",
        "--storage-filesystem-folder", str(folder / "collections"),
    ]  # fmt: skip
    if htpasswd is None:
        args += ["--auth-type", "none"]
    else:
        args += ["--auth-type", "htpasswd", "--auth-htpasswd-filename", str(htpasswd),
                 "--auth-htpasswd-encryption", "plain"]  # fmt: skip
    if rights is not None:
        args += ["--rights-type", "from_file", "--rights-file", str(rights)]
    log = (folder / "radicale.log").open("wb")
    proc = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT)
    RUNNING[port] = proc
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(url, timeout=1)
                break
            except urllib.error.HTTPError:
                break  # it answers, if only with 401 or 404
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError((folder / "radicale.log").read_text()) from None
                time.sleep(0.1)
        yield url
    finally:
        RUNNING.pop(port, None)
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def request(method: str, url: str, body: bytes | None = None) -> tuple[int, bytes]:
    req = urllib.request.Request(url, data=body, method=method)
    if body is not None:
        req.add_header("Content-Type", "text/calendar; charset=utf-8")
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


class Recorder:
    """What a fake server was asked: (method, path, headers) per request."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, str, dict[str, str]]] = []

    def authorized(self) -> list[str]:
        return [path for _, path, headers in self.requests if "authorization" in headers]


Handler = Callable[["FakeRequest"], None]


class FakeRequest:
    """One request to a fake server, and a way to answer it."""

    def __init__(self, handler: http.server.BaseHTTPRequestHandler, port: int) -> None:
        self._h = handler
        self.method = handler.command
        self.path = handler.path
        self.port = port
        self.headers = {k.lower(): v for k, v in handler.headers.items()}

    def send(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        self._h.send_response(status)
        for key, value in (headers or {}).items():
            self._h.send_header(key, value)
        if "Content-Length" not in (headers or {}) and "Transfer-Encoding" not in (headers or {}):
            self._h.send_header("Content-Length", str(len(body)))
        self._h.end_headers()
        if body:
            self._h.wfile.write(body)
            self._h.wfile.flush()

    def raw(self, data: bytes) -> None:
        self._h.wfile.write(data)
        self._h.wfile.flush()


@contextmanager
def fake_server(
    answer: Handler, host: str = "127.0.0.1", tls: ssl.SSLContext | None = None
) -> Iterator[tuple[str, Recorder]]:
    """A scripted HTTP(S) server in a thread; yields its base URL and what it was asked."""
    record = Recorder()

    class H(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def handle_one_request(self) -> None:
            try:
                super().handle_one_request()
            except (BrokenPipeError, ConnectionResetError, ssl.SSLError):
                self.close_connection = True

        def log_message(self, *_args: object) -> None:
            pass

        def _any(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            port = self.server.server_address[1]
            req = FakeRequest(self, port)
            record.requests.append((self.command, self.path, req.headers))
            answer(req)

        do_GET = do_PUT = do_DELETE = do_PROPFIND = do_REPORT = do_MKCALENDAR = _any

    server = http.server.ThreadingHTTPServer((host, 0), H)
    server.daemon_threads = True
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    scheme = "https" if tls else "http"
    try:
        yield f"{scheme}://{host}:{server.server_address[1]}/", record
    finally:
        server.shutdown()
        server.server_close()


def multistatus(*responses: str) -> bytes:
    body = "".join(responses)
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<d:multistatus xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">'
        f"{body}</d:multistatus>"
    ).encode()


def prop_response(href: str, props: str) -> str:
    return (
        f"<d:response><d:href>{href}</d:href><d:propstat><d:prop>{props}</d:prop>"
        "<d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>"
    )


@contextmanager
def xandikos(folder: Path, port: int | None = None) -> Iterator[str]:
    """Run Xandikos (no sign-in, a user with default collections) until the block ends;
    yields its base URL. In CI a missing Xandikos fails the test instead of skipping it."""
    import os
    import shutil

    import pytest

    program = shutil.which("xandikos", path=str(Path(sys.executable).parent)) or shutil.which(
        "xandikos"
    )
    if program is None:
        if os.environ.get("CI") == "true":
            pytest.fail("xandikos is not installed (pip install -e '.[test]')")
        pytest.skip("xandikos is not installed")
    port = port or free_port()
    args = [program, "--defaults", "-d", str(folder / "xandikos"), "-p", str(port),
            "-l", "127.0.0.1"]  # fmt: skip
    log = (folder / "xandikos.log").open("wb")
    proc = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(url, timeout=1)
                break
            except urllib.error.HTTPError:
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError((folder / "xandikos.log").read_text()) from None
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
