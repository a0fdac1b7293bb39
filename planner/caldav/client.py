"""A small WebDAV/CalDAV client that keeps the password on the one origin it was given for.

Why not a general CalDAV library: sync must be able to promise things such a
library leaves open. Here the password goes only to the scheme, host and port of
the URL the person gave (a calendar home on another host is refused, never
followed with it); the whole conversation has one deadline, so a server that
trickles bytes cannot hang it; no reply is read beyond a size cap; and every
failure becomes one line that names the URL (without any user name or password
in it) and the real cause.

Only the standard library is used: ``http.client`` over ``ssl`` with certificate
checks on, and ``xml.etree`` on replies that may not declare entities.
"""

from __future__ import annotations

import base64
import errno
import hashlib
import http.client
import io
import ipaddress
import os
import re
import socket
import ssl
import time
import urllib.parse
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from planner.core.record import record
from planner.errors import InsecureUrlError, MissingUserError, SyncError, UsageError

MAX_REPLY_BYTES = 20_000_000
STEP_SECONDS = 30.0  # the longest wait for any one read or write, within the deadline
_REDIRECTS = 5
_CHANGES = frozenset({"PUT", "DELETE", "MKCALENDAR", "PROPPATCH", "MOVE", "COPY", "POST"})


def redact(url: str) -> str:
    """The URL without any user name or password in it, safe to print."""
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        return "(an unreadable URL)"
    if "@" not in parts.netloc:
        return url
    return urllib.parse.urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))


def _is_loopback(host: str) -> bool:
    if host.lower() == "localhost" or host.lower().endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@record
class Origin:
    """Scheme, host and port: where a password may be sent."""

    scheme: str
    host: str
    port: int

    @classmethod
    def of(cls, url: str) -> Origin:
        parts = urllib.parse.urlsplit(url)
        scheme = parts.scheme.lower()
        port = parts.port or (443 if scheme == "https" else 80)
        return cls(scheme, (parts.hostname or "").lower(), port)

    def __str__(self) -> str:
        default = 443 if self.scheme == "https" else 80
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{self.scheme}://{host}" + ("" if self.port == default else f":{self.port}")


def check_url(url: str, allow_insecure_http: bool = False) -> list[str]:
    """Refuse a URL that would leak the password; return warnings to show for one allowed anyway.

    Raises UsageError for a URL that is not http(s) or names no host, or holds a
    user name or password; InsecureUrlError for plain http to another computer.
    """
    shown = redact(url)
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError as exc:
        raise UsageError(f"'{shown}' is not a usable URL ({exc})") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise UsageError(
            f"'{shown}' must start with https:// (or http:// for a server on this computer)"
        )
    if parts.username is not None or parts.password is not None:
        raise UsageError(
            f"'{shown}': the URL holds a user name or password, which others could read "
            "from the command line; give the user name on its own, the password separately"
        )
    if parts.scheme.lower() == "http" and not _is_loopback(parts.hostname):
        if not allow_insecure_http:
            raise InsecureUrlError(
                f"'{shown}' is plain http to another computer: the password and the plan "
                "would travel unencrypted; use https"
            )
        return [f"{shown} is plain http: the password and the plan travel unencrypted"]
    return []


@dataclass
class Reply:
    """One HTTP reply, read in full (within the size cap)."""

    status: int
    reason: str
    headers: http.client.HTTPMessage
    body: bytes
    url: str

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    def header(self, name: str) -> str | None:
        return self.headers.get(name)


class _Deadline:
    def __init__(self, seconds: float, clock: Callable[[], float]) -> None:
        self.seconds = seconds
        self.clock = clock
        self.end = clock() + seconds

    def step(self) -> float:
        """Seconds the next read or write may take; raises when the deadline has passed."""
        left = self.end - self.clock()
        if left <= 0:
            raise TimeoutError(f"no complete answer within {self.seconds:g} s")
        return min(left, STEP_SECONDS)


class _Raw(io.RawIOBase):
    """The socket's byte stream, where every read waits at most until the deadline."""

    def __init__(self, owner: _DeadlineSocket) -> None:
        self._owner = owner

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        sock = self._owner.sock
        sock.settimeout(self._owner.deadline.step())
        return sock.recv_into(buffer)

    def close(self) -> None:
        if not self.closed:
            self._owner.release()
        super().close()


class _DeadlineSocket:
    """A socket wrapper that http.client uses as its socket: sends and reads keep the deadline.

    Like a real socket, it stays open while a reader made by ``makefile`` is open:
    http.client closes the connection as soon as a reply says it will close, and
    reads the body afterwards.
    """

    def __init__(self, sock: socket.socket, deadline: _Deadline) -> None:
        self.sock = sock
        self.deadline = deadline
        self._readers = 0
        self._closed = False

    def sendall(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            self.sock.settimeout(self.deadline.step())
            sent = self.sock.send(view[:65536])
            view = view[sent:]

    def makefile(self, mode: str, *_args: Any, **_kwargs: Any) -> io.BufferedReader:
        self._readers += 1
        return io.BufferedReader(_Raw(self))

    def release(self) -> None:
        self._readers -= 1
        if self._closed and self._readers <= 0:
            self.sock.close()

    def close(self) -> None:
        self._closed = True
        if self._readers <= 0:
            self.sock.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.sock, name)


class _Unreachable(Exception):
    """No connection could be made (name lookup, TCP or TLS handshake): the server was not
    reached, as opposed to a failure after it was. Not an OSError, so it is never retried."""

    def __init__(self, cause: OSError, seconds: float) -> None:
        super().__init__(str(cause))
        self.cause = cause
        self.seconds = seconds


def _connection_class(secure: bool, deadline: _Deadline) -> Any:
    base: Any = http.client.HTTPSConnection if secure else http.client.HTTPConnection

    class Connection(base):  # type: ignore[misc]
        def connect(self) -> None:
            self.timeout = deadline.step()
            try:
                super().connect()
            except OSError as exc:  # gaierror, refused, timed out, TLS handshake, ...
                # A wait cut short by the deadline is reported as the whole deadline.
                waited = STEP_SECONDS if self.timeout >= STEP_SECONDS else deadline.seconds
                raise _Unreachable(exc, waited) from exc
            self.sock: Any = _DeadlineSocket(self.sock, deadline)

    return Connection


_NO_CONNECTION = {
    errno.ECONNREFUSED: "connection refused",
    errno.ECONNRESET: "the connection was reset",
    errno.ENETUNREACH: "no network route to it (network unreachable)",
    errno.EHOSTUNREACH: "no network route to it (host unreachable)",
    errno.ENETDOWN: "this computer's network is down",
    errno.EHOSTDOWN: "the host is down",
    errno.ETIMEDOUT: "no answer to the connection attempt",
    errno.EADDRNOTAVAIL: "the address cannot be used from this computer",
}


def _why_unreachable(failure: _Unreachable) -> str:
    """Why no connection was made, in our words (not the socket library's)."""
    exc = failure.cause
    if isinstance(exc, socket.gaierror):
        if exc.errno in (socket.EAI_NONAME, getattr(socket, "EAI_NODATA", socket.EAI_NONAME)):
            return "no such host name"
        if exc.errno == socket.EAI_AGAIN:
            return "the host name could not be looked up (no answer from the name server)"
        return "the host name could not be looked up"
    if isinstance(exc, ssl.SSLCertVerificationError):
        return (
            "the server's TLS certificate could not be verified "
            f"({exc.verify_message or exc.reason})"
        )
    if isinstance(exc, ssl.SSLError) and exc.reason == "WRONG_VERSION_NUMBER":
        return "no secure (TLS) connection could be made: the server does not speak TLS there"
    if isinstance(exc, ssl.SSLError):
        return f"no secure (TLS) connection could be made ({exc.reason or exc})"
    if isinstance(exc, TimeoutError) and exc.errno is None:
        return f"no connection within {failure.seconds:g} s"
    if exc.errno in _NO_CONNECTION:
        return _NO_CONNECTION[exc.errno]
    reason = os.strerror(exc.errno) if exc.errno else type(exc).__name__
    return f"no connection could be made ({reason[:1].lower()}{reason[1:]})"


_CHALLENGE_RE = r'([A-Za-z0-9!#$%&\'*+.^_`|~-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^,\s]*)'


def parse_challenges(values: list[str]) -> dict[str, dict[str, str]]:
    """WWW-Authenticate headers as {scheme: {param: value}} (scheme in lower case)."""
    out: dict[str, dict[str, str]] = {}
    for value in values:
        scheme: str | None = None
        pos = 0
        while pos < len(value):
            m = re.compile(r"\s*,?\s*").match(value, pos)
            pos = m.end() if m else pos
            param = re.compile(_CHALLENGE_RE).match(value, pos)
            if param and scheme is not None:
                raw = param.group(2)
                if raw.startswith('"'):
                    raw = re.sub(r"\\(.)", r"\1", raw[1:-1])
                out[scheme][param.group(1).lower()] = raw
                pos = param.end()
                continue
            token = re.compile(r"[A-Za-z0-9!#$%&'*+.^_`|~-]+").match(value, pos)
            if not token:
                break
            scheme = token.group(0).lower()
            out.setdefault(scheme, {})
            pos = token.end()
            # token68 (e.g. "Negotiate abc=="): skip it, it carries no parameters we use
            t68 = re.compile(r"\s+[A-Za-z0-9._~+/-]+=*\s*(?=,|$)").match(value, pos)
            if t68 and "=" not in value[pos : t68.end()].rstrip("="):
                pos = t68.end()
    return out


def digest_response(
    params: Mapping[str, str],
    user: str,
    password: str,
    method: str,
    uri: str,
    nc: int,
    cnonce: str,
) -> str:
    """The Authorization header for an HTTP Digest challenge (RFC 7616, RFC 2617)."""
    algorithm = params.get("algorithm", "MD5")
    base = algorithm.upper().removesuffix("-SESS")
    names = {"MD5": "md5", "SHA-256": "sha256", "SHA-512-256": "sha512_256"}
    if base not in names:
        raise SyncError(f"the server asks for Digest with {algorithm}, which is not supported")

    def h(text: str) -> str:
        return hashlib.new(names[base], text.encode("utf-8")).hexdigest()

    realm, nonce = params.get("realm", ""), params.get("nonce", "")
    ha1 = h(f"{user}:{realm}:{password}")
    if algorithm.upper().endswith("-SESS"):
        ha1 = h(f"{ha1}:{nonce}:{cnonce}")
    ha2 = h(f"{method}:{uri}")
    qops = [q.strip() for q in params.get("qop", "").split(",") if q.strip()]
    fields = {"username": user, "realm": realm, "nonce": nonce, "uri": uri}
    if "auth" in qops:
        count = f"{nc:08x}"
        fields["response"] = h(f"{ha1}:{nonce}:{count}:{cnonce}:auth:{ha2}")
        extra = f', qop=auth, nc={count}, cnonce="{cnonce}"'
    elif not qops:
        fields["response"] = h(f"{ha1}:{nonce}:{ha2}")
        extra = ""
    else:
        raise SyncError(
            f"the server asks for Digest with qop={params['qop']}, which is not supported"
        )
    quoted = ", ".join(f'{k}="{v}"' for k, v in fields.items())
    if "opaque" in params:
        quoted += f', opaque="{params["opaque"]}"'
    if "algorithm" in params:
        quoted += f", algorithm={algorithm}"
    return f"Digest {quoted}{extra}"


class Session:
    """HTTP requests to one origin, with the password sent to that origin only.

    The first request goes without credentials; a 401 tells which scheme the
    server wants (Digest is preferred over Basic), and from then on every request
    carries it. Replies over ``max_bytes`` are refused without reading them whole.
    """

    def __init__(
        self,
        url: str,
        user: str | None = None,
        password: str | None = None,
        *,
        timeout: float = 120.0,
        max_bytes: int = MAX_REPLY_BYTES,
        clock: Callable[[], float] = time.monotonic,
        tls: ssl.SSLContext | None = None,
    ) -> None:
        self.origin = Origin.of(url)
        self.user = user
        self.password = password
        self.max_bytes = max_bytes
        self.deadline = _Deadline(timeout, clock)
        self.tls = tls
        self._conn: Any = None
        self._auth: tuple[str, dict[str, str]] | None = None
        self._nc = 0

    # -- origins ---------------------------------------------------------------------------

    def resolve(self, base: str, href: str, what: str) -> str:
        """An href from a reply as an absolute URL on our origin, or SyncError."""
        url = urllib.parse.urljoin(base, href)
        there = Origin.of(url)
        if there != self.origin:
            downgrade = self.origin.scheme == "https" and there.scheme == "http"
            why = "over plain http" if downgrade else "on another server"
            raise SyncError(
                f"{redact(base)}: the server says the {what} is at {redact(url)}, {why}; "
                f"the password is only sent to {self.origin}, so that address is not followed "
                "(give it as the URL yourself if you trust it)"
            )
        return url

    # -- the wire ----------------------------------------------------------------------------

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _connection(self) -> Any:
        if self._conn is None:
            secure = self.origin.scheme == "https"
            cls = _connection_class(secure, self.deadline)
            if secure:
                context = self.tls or ssl.create_default_context()
                self._conn = cls(self.origin.host, self.origin.port, context=context)
            else:
                self._conn = cls(self.origin.host, self.origin.port)
        return self._conn

    def _authorization(self, method: str, path: str) -> str | None:
        if self._auth is None or self.user is None:
            return None
        scheme, params = self._auth
        if scheme == "digest":
            self._nc += 1
            cnonce = os.urandom(8).hex()
            return digest_response(params, self.user, self.password or "", method, path,
                                   self._nc, cnonce)  # fmt: skip
        token = base64.b64encode(f"{self.user}:{self.password or ''}".encode()).decode("ascii")
        return f"Basic {token}"

    def _send_once(
        self, method: str, url: str, body: bytes | None, headers: Mapping[str, str]
    ) -> Reply:
        parts = urllib.parse.urlsplit(url)
        path = urllib.parse.urlunsplit(("", "", parts.path or "/", parts.query, ""))
        sent = dict(headers)
        auth = self._authorization(method, path)
        if auth:
            sent["Authorization"] = auth
        for attempt in (1, 2):
            reused = self._conn is not None
            conn = self._connection()
            try:
                conn.request(method, path, body=body, headers=sent)
                response = conn.getresponse()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.close()
                if not reused or attempt == 2:
                    raise
        data = self._read(response, url)
        if response.will_close:
            self.close()
        return Reply(response.status, response.reason, response.headers, data, url)

    def _read(self, response: http.client.HTTPResponse, url: str) -> bytes:
        length = response.getheader("Content-Length")
        if length and length.strip().isdigit() and int(length) > self.max_bytes:
            self.close()
            raise SyncError(f"{redact(url)}: the answer is larger than {self._cap()}; not read")
        chunks: list[bytes] = []
        total = 0
        while True:
            try:
                chunk = response.read(65536)
            except http.client.IncompleteRead:
                chunk = None
            if chunk is None or (not chunk and response.length):
                # http.client returns a body cut short by a closed connection as if whole.
                self.close()
                raise SyncError(f"{redact(url)}: the server's answer broke off before its end")
            if not chunk:
                break
            total += len(chunk)
            if total > self.max_bytes:
                self.close()
                raise SyncError(f"{redact(url)}: the answer is larger than {self._cap()}; not read")
            chunks.append(chunk)
        return b"".join(chunks)

    def _cap(self) -> str:
        return f"{self.max_bytes / 1_000_000:g} MB"

    def request(
        self,
        method: str,
        url: str,
        body: bytes | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Reply:
        """Send one request (following same-origin redirects, answering one 401).

        Network failures, TLS failures and the deadline become SyncError naming the URL;
        a 401 when no user name was given becomes MissingUserError.
        """
        headers = dict(headers or {})
        if body is not None:
            headers.setdefault("Content-Length", str(len(body)))
        for _ in range(_REDIRECTS + 1):
            if Origin.of(url) != self.origin:
                raise SyncError(
                    f"{redact(url)}: not on {self.origin}; the password is not sent there"
                )
            reply = self._guarded(method, url, body, headers)
            if reply.status == 401 and self.user is not None and self._auth is None:
                self._auth = self._choose_auth(reply)
                reply = self._guarded(method, url, body, headers)
            elif reply.status == 401 and self._auth and self._auth[0] == "digest":
                # A stale nonce is renewed once; a wrong password stays a 401.
                challenge = parse_challenges(reply.headers.get_all("WWW-Authenticate") or [])
                if challenge.get("digest", {}).get("stale", "").lower() == "true":
                    self._auth = ("digest", challenge["digest"])
                    reply = self._guarded(method, url, body, headers)
            if reply.status in (301, 302, 303, 307, 308) and reply.header("Location"):
                if method in _CHANGES:
                    # A change goes where it was meant to or nowhere: a redirected DELETE
                    # could land on an event in another calendar.
                    where = urllib.parse.urljoin(url, reply.header("Location") or "")
                    raise SyncError(
                        f"{redact(url)}: the server redirects this {method} to "
                        f"{redact(where)}; a change is only sent to the address it is meant "
                        "for, so it was not sent there"
                    )
                url = self.resolve(url, reply.header("Location") or "", "resource")
                continue
            if reply.status == 401 and self.user is None:
                raise MissingUserError(
                    f"{redact(url)}: the server asks for a user name and password, "
                    "but no user name was given"
                )
            return reply
        raise SyncError(f"{redact(url)}: too many redirects")

    def _choose_auth(self, reply: Reply) -> tuple[str, dict[str, str]]:
        challenges = parse_challenges(reply.headers.get_all("WWW-Authenticate") or [])
        if "digest" in challenges:
            return "digest", challenges["digest"]
        if "basic" in challenges or not challenges:
            return "basic", challenges.get("basic", {})
        names = ", ".join(sorted(challenges))
        raise SyncError(
            f"{redact(reply.url)}: the server asks for {names} sign-in, which is not supported"
        )

    def _guarded(
        self, method: str, url: str, body: bytes | None, headers: Mapping[str, str]
    ) -> Reply:
        shown = redact(url)
        try:
            return self._send_once(method, url, body, headers)
        except SyncError:
            self.close()
            raise
        except _Unreachable as failure:
            self.close()
            raise SyncError(f"cannot reach {shown}: {_why_unreachable(failure)}") from None
        except TimeoutError:
            # The deadline ran out, or one read waited its longest: either way, no answer.
            self.close()
            left = self.deadline.end - self.deadline.clock()
            limit = self.deadline.seconds if left <= STEP_SECONDS else STEP_SECONDS
            raise SyncError(f"{shown}: no complete answer within {limit:g} s") from None
        # From here on the server was reached: these are not "cannot reach".
        except ssl.SSLError as exc:
            self.close()
            raise SyncError(
                f"{shown}: the secure (TLS) connection failed ({exc.reason or exc})"
            ) from None
        except (ConnectionResetError, BrokenPipeError):  # RemoteDisconnected too
            self.close()
            raise SyncError(
                f"{shown}: the server closed the connection without a complete answer"
            ) from None
        except http.client.HTTPException as exc:
            self.close()
            raise SyncError(
                f"{shown}: the server's answer is not valid HTTP ({type(exc).__name__})"
            ) from None
        except OSError as exc:
            self.close()
            reason = os.strerror(exc.errno) if exc.errno else type(exc).__name__
            raise SyncError(
                f"{shown}: the connection failed ({reason[:1].lower()}{reason[1:]})"
            ) from None


def child_name(collection: str, url: str, *, folder: bool = False) -> str | None:
    """The name under which ``url`` lies directly inside ``collection``, or None.

    Both are absolute URLs. None for anything else a server may list: another origin,
    the collection itself, something deeper, beside or above it (after percent-decoding,
    so ``care/%2e%2e/personal/x.ics`` is not inside ``care/``), a query or a fragment.
    With ``folder``, the child is a collection (one trailing slash); without, it must
    not be one: a DELETE sent to a collection would remove everything in it.
    """
    try:
        base, there = urllib.parse.urlsplit(collection), urllib.parse.urlsplit(url)
        if Origin.of(collection) != Origin.of(url) or there.query or there.fragment:
            return None
    except ValueError:  # a port out of range, a broken IPv6 address: not ours to touch
        return None
    home = urllib.parse.unquote(base.path).rstrip("/") + "/"
    path = urllib.parse.unquote(there.path)
    if not path.startswith(home):
        return None
    name = path[len(home) :]
    if folder and name.endswith("/"):
        name = name[:-1]
    if name in ("", ".", "..") or "/" in name or "\\" in name:
        return None
    return name


def is_itself(collection: str, url: str) -> bool:
    """Whether ``url`` names ``collection`` itself (same origin and path); False for a URL
    that cannot be read."""
    try:
        return same_path(url, collection) and Origin.of(url) == Origin.of(collection)
    except ValueError:
        return False


def same_path(a: str, b: str) -> bool:
    """Whether two hrefs name the same resource (percent-encoding and host aside)."""

    def norm(u: str) -> str:
        return urllib.parse.unquote(urllib.parse.urlsplit(u).path)

    return norm(a) == norm(b)


def status_text(reply: Reply) -> str:
    return f"{reply.reason or http.client.responses.get(reply.status, '')} ({reply.status})".strip()
