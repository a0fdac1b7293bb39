"""XML from outside (a calendar server's answer, the parts of a workbook), looked at
before any parser builds anything from it.

A DTD is what entity bombs and external entities need, and no answer or workbook of
ours has one, so any DTD is refused. expat reads the XML declaration and the byte-order
mark itself, so this holds in every encoding (a check for the bytes ``<!DOCTYPE`` misses
UTF-16). The pass builds nothing, so it costs no memory whatever the input.
"""

from __future__ import annotations

from typing import Any


class XmlRefused(ValueError):
    """Why the XML is not read: ``kind`` is "dtd", "size" or "syntax"."""

    def __init__(self, kind: str, why: str) -> None:
        super().__init__(why)
        self.kind = kind


def screen_xml(data: bytes, max_depth: int | None = None, max_elements: int | None = None) -> None:
    """Raise XmlRefused for a DTD, for more than ``max_depth`` levels or ``max_elements``
    elements, or for XML that does not parse."""
    import xml.parsers.expat

    depth = count = 0

    def refuse_dtd(*_args: Any) -> None:
        raise XmlRefused("dtd", "declares a DTD or XML entities")

    def start(*_args: Any) -> None:
        nonlocal depth, count
        depth, count = depth + 1, count + 1
        if max_depth is not None and depth > max_depth:
            raise XmlRefused("size", f"over {max_depth} levels deep")
        if max_elements is not None and count > max_elements:
            raise XmlRefused("size", f"over {max_elements:,} elements")

    def end(*_args: Any) -> None:
        nonlocal depth
        depth -= 1

    parser = xml.parsers.expat.ParserCreate()
    parser.StartDoctypeDeclHandler = refuse_dtd
    parser.EntityDeclHandler = refuse_dtd
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError as exc:
        raise XmlRefused(
            "syntax",
            f"is not readable XML ({xml.parsers.expat.ErrorString(exc.code)}: line "
            f"{exc.lineno}, column {exc.offset})",
        ) from None
