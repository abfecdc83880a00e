"""Reading a PDF's layout back: where each piece of text is, at what size, in what font, and
the bounds of everything drawn. Layout tests assert on these, not on the code that drew them.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass

import pypdf
import pypdfium2
from pdfcheck import normalise


@dataclass(frozen=True)
class Run:
    """One piece of text as drawn: its page (from 0), baseline origin, size and font."""

    page: int
    x: float
    y: float
    size: float
    font: str
    text: str


def runs(data: bytes) -> list[Run]:
    """Every non-blank text run in drawing order, with its size as printed (font size times
    the scale of the text and graphics matrices)."""
    found: list[Run] = []
    for number, page in enumerate(pypdf.PdfReader(io.BytesIO(data)).pages):
        def visit(text, cm, tm, font, size, number=number):
            if not text.strip():
                return
            # The text matrix times the graphics matrix: (c, d) scale the height, (e, f) place it.
            c, d = tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3]
            e, f = tm[4] * cm[0] + tm[5] * cm[2] + cm[4], tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            name = str(font.get("/BaseFont", "")) if font else ""
            found.append(Run(number, e, f, size * math.hypot(c, d), name, text))
        page.extract_text(visitor_text=visit)
    return found


def text_of(found: list[Run], min_size: float = 0.0) -> str:
    """The runs' text at `min_size` or larger, in drawing order, whitespace folded."""
    return normalise(" ".join(r.text for r in found if r.size >= min_size - 0.01))


def object_bounds(data: bytes) -> list[tuple[int, str, tuple[float, float, float, float]]]:
    """(page, kind, (left, bottom, right, top)) of every object drawn on each page: text,
    paths (rules, boxes, QR codes), images and forms (pictures)."""
    kinds = {1: "text", 2: "path", 3: "image", 4: "shading", 5: "form"}
    pdf = pypdfium2.PdfDocument(data)
    return [(number, kinds.get(obj.type, str(obj.type)), tuple(obj.get_bounds()))
            for number, page in enumerate(pdf) for obj in page.get_objects(max_depth=0)]


def page_size(data: bytes) -> tuple[float, float]:
    box = pypdf.PdfReader(io.BytesIO(data)).pages[0].mediabox
    return float(box.width), float(box.height)
