"""WebDAV's XML: the requests sync sends (PROPFIND, calendar-query, MKCALENDAR) and the
Multi-Status answers it reads, screened first (``planner.core.xmlscreen``: no DTD in any
encoding, bounded depth and size) and then read one response at a time."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from xml.etree import ElementTree

from planner.caldav.client import Reply, redact
from planner.errors import SyncError

DAV = "{DAV:}"


CALDAV = "{urn:ietf:params:xml:ns:caldav}"


@dataclass
class PropResult:
    """The properties a PROPFIND reported for one resource."""

    href: str
    props: dict[str, ElementTree.Element] = field(default_factory=dict)

    def text(self, name: str) -> str | None:
        el = self.props.get(name)
        return None if el is None else (el.text or "").strip()

    def href_of(self, name: str) -> str | None:
        el = self.props.get(name)
        inner = None if el is None else el.find(f"{DAV}href")
        return None if inner is None or not inner.text else inner.text.strip()

    def is_calendar(self) -> bool:
        el = self.props.get(f"{DAV}resourcetype")
        return el is not None and el.find(f"{CALDAV}calendar") is not None


MAX_ELEMENTS = 1_000_000  # a 20 MB answer of real calendar objects has about half that


MAX_DEPTH = 32  # a multistatus is six levels deep; a resourcetype or a prop a few more


def _screen(reply: Reply) -> None:
    """Refuse an answer with a DTD (in any encoding), or with more or deeper elements
    than any real multistatus, before anything is built from it."""
    from planner.core.xmlscreen import XmlRefused, screen_xml

    try:
        screen_xml(reply.body, MAX_DEPTH, MAX_ELEMENTS)
    except XmlRefused as exc:
        why = {
            "dtd": f"{exc}; not read",
            "size": f"is not a plausible WebDAV answer ({exc}); not read",
        }.get(exc.kind, str(exc))
        raise SyncError(f"{redact(reply.url)}: the server's answer {why}") from None


def parse_multistatus(reply: Reply) -> list[PropResult]:
    """The responses of a 207 Multi-Status, with only the properties found (status 200).

    Read as a stream: each response is taken apart and dropped as soon as it ends, so
    memory follows what is kept (the properties), not the size of the tree.
    """
    _screen(reply)
    out: list[PropResult] = []
    root: ElementTree.Element | None = None
    depth = 0
    try:
        for event, el in ElementTree.iterparse(io.BytesIO(reply.body), events=("start", "end")):
            if event == "start":
                depth += 1
                if root is None:
                    root = el
                    if root.tag != f"{DAV}multistatus":
                        raise SyncError(
                            f"{redact(reply.url)}: the server's answer is not a WebDAV multistatus"
                        )
                continue
            depth -= 1
            if depth != 1 or root is None:
                continue
            if el.tag == f"{DAV}response":
                found = _response(el)
                if found is not None:
                    out.append(found)
            root.clear()  # what is taken apart is not kept twice
    except ElementTree.ParseError as exc:
        raise SyncError(
            f"{redact(reply.url)}: the server's answer is not readable XML ({exc})"
        ) from None
    return out


def _response(response: ElementTree.Element) -> PropResult | None:
    href = response.findtext(f"{DAV}href")
    if not href:
        return None
    result = PropResult(href.strip())
    for propstat in response.findall(f"{DAV}propstat"):
        status = propstat.findtext(f"{DAV}status") or ""
        if " 200 " not in f"{status} ":
            continue
        prop = propstat.find(f"{DAV}prop")
        for el in [] if prop is None else list(prop):
            result.props[el.tag] = el
    return result


def propfind_body(*props: str) -> bytes:
    names = "".join(f"<{p}/>" for p in props)
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<d:propfind xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">'
        f"<d:prop>{names}</d:prop></d:propfind>"
    ).encode()


def component_query(component: str) -> bytes:
    """A calendar-query for every object holding a ``component`` (VEVENT, VTODO)."""
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">'
        "<d:prop><d:getetag/><c:calendar-data/></d:prop>"
        f'<c:filter><c:comp-filter name="VCALENDAR"><c:comp-filter name="{component}"/>'
        "</c:comp-filter></c:filter></c:calendar-query>"
    ).encode()


def mkcalendar_body(name: str, component: str = "VEVENT") -> bytes:
    from xml.sax.saxutils import escape

    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<c:mkcalendar xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:set><d:prop>'
        f"<d:displayname>{escape(name)}</d:displayname>"
        "<c:supported-calendar-component-set>"
        f'<c:comp name="{component}"/>'
        "</c:supported-calendar-component-set></d:prop></d:set></c:mkcalendar>"
    ).encode()
