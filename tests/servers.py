"""A real Radicale CalDAV server on 127.0.0.1 for the tests, storage in a temp folder."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
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
