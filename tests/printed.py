"""Workbooks printed for real: LibreOffice makes the PDF, poppler reads it back.

Every measurement comes from the printed page, not from the workbook's own numbers:
word boxes from ``pdftotext -bbox``, the inked area from ``pdftoppm``'s grey image.
"""

from __future__ import annotations

import html
import re
import statistics
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from .programs import require


@dataclass
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass
class Page:
    pdf: Path
    number: int
    width: float
    height: float
    words: list[Word] = field(default_factory=list)

    @property
    def sheet(self) -> str:
        """The sheet's name, from the page header "<title> - <sheet>"."""
        top = min(w.y0 for w in self.words)
        header = " ".join(w.text for w in self.words if w.y0 < top + 4)
        return header.rsplit(" - ", 1)[-1]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    def below(self, first: str) -> list[Word]:
        """The words from the first one that starts with ``first``, down to the footer."""
        start = min(w.y0 for w in self.words if w.text.startswith(first))
        footer = max(w.y0 for w in self.words) - 2
        return [w for w in self.words if start <= w.y0 < footer]

    def median_height(self, words: list[Word]) -> float:
        return statistics.median(w.height for w in words)

    def inked(self) -> tuple[float, float]:
        """The top and bottom of the inked area between header and footer, as fractions
        of the page height (fills count: a tall empty cell is part of the week)."""
        out = subprocess.run(
            ["pdftoppm", "-gray", "-r", "30", "-f", str(self.number), "-l", str(self.number),
             str(self.pdf)],
            capture_output=True, check=True, timeout=60,
        ).stdout  # fmt: skip
        match = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", out)
        assert match, "pdftoppm did not write a PGM image"
        w, h = int(match[1]), int(match[2])
        pixels = out[match.end() :]
        rows = [pixels[y * w : (y + 1) * w] for y in range(h)]
        inked = [y for y, row in enumerate(rows) if 0.08 * h < y < 0.9 * h and min(row) < 200]
        return inked[0] / h, inked[-1] / h


def to_pdf(books: dict[str, bytes], folder: Path) -> dict[str, list[Page]]:
    """Print every workbook (one LibreOffice run for all); the pages of each, by name."""
    soffice = require("soffice")
    require("pdftotext")
    require("pdftoppm")
    files = []
    for name, data in books.items():
        path = folder / f"{name}.xlsx"
        path.write_bytes(data)
        files.append(str(path))
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{folder / 'lo-profile'}",
         "--convert-to", "pdf", "--outdir", str(folder), *files],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    return {name: read_pages(folder / f"{name}.pdf") for name in books}


def read_pages(pdf: Path) -> list[Page]:
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                         check=True, timeout=120).stdout  # fmt: skip
    pages: list[Page] = []
    for n, m in enumerate(re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>',
                                      out, re.S), start=1):  # fmt: skip
        page = Page(pdf, n, float(m[1]), float(m[2]))
        for w in re.finditer(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>',
            m[3],
        ):
            box = (float(w[1]), float(w[2]), float(w[3]), float(w[4]))
            page.words.append(Word(html.unescape(w[5]), *box))
        pages.append(page)
    return pages
