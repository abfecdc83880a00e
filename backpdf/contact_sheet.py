"""`backpdf pictures`: every exercise's pictogram on a few pages, with its name and first
step, for a clinician to review the whole set against what the patient reads.

Drawn at about the size the standard layout prints them, in the handout's embedded font;
any problem the picture checks find is printed under its picture. Deterministic (same
library, same bytes), so reference renders of it catch any change to the drawing code.
"""

from __future__ import annotations

import io

from backpdf import typeface
from backpdf.drawn_pictures import drawn_picture
from backpdf.model import Library

BOX_MM = (55.0, 38.0)
COLUMNS, ROWS = 3, 4
MARGIN_MM, GAP_MM, CAPTION_MM = 14.0, 8.0, 22.0


def contact_sheet(library: Library, paper_mm: tuple[float, float]) -> tuple[bytes, int]:
    """(PDF bytes, page count) of every exercise that has a picture, in library order."""
    from reportlab.graphics import renderPDF
    from reportlab.lib.units import mm
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen.canvas import Canvas

    typeface.register_fonts()
    width, height = paper_mm[0] * mm, paper_mm[1] * mm
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height), invariant=1, initialFontName=typeface.REGULAR)
    canvas.setTitle("Exercise pictures")
    pictured = [e for e in library.exercises.values() if e.picture]
    per_page = COLUMNS * ROWS
    pages = max(1, -(-len(pictured) // per_page))
    box_w, box_h = BOX_MM[0] * mm, BOX_MM[1] * mm
    for index, exercise in enumerate(pictured):
        slot = index % per_page
        if index and slot == 0:
            canvas.showPage()
        if slot == 0:
            canvas.setFont(typeface.REGULAR, 9)
            canvas.drawRightString(width - MARGIN_MM * mm, 6 * mm, f"{index // per_page + 1} / {pages}")
        col, row = slot % COLUMNS, slot // COLUMNS
        x = MARGIN_MM * mm + col * (box_w + GAP_MM * mm)
        y = height - MARGIN_MM * mm - (row + 1) * (box_h + CAPTION_MM * mm)
        picture = drawn_picture(exercise.picture or {}, BOX_MM)
        renderPDF.draw(picture.drawing, canvas, x + (box_w - picture.width) / 2, y + (box_h - picture.height) / 2)
        canvas.setLineWidth(0.3)
        canvas.setStrokeGray(0.7)
        canvas.rect(x, y, box_w, box_h)
        lines = [(typeface.BOLD, line) for line in simpleSplit(exercise.name, typeface.BOLD, 9, box_w)]
        first_step = simpleSplit(f"1. {exercise.steps[0]}", typeface.REGULAR, 9, box_w)
        lines += [(typeface.REGULAR, line) for line in first_step]
        for i, (font, line) in enumerate(lines[:5]):
            canvas.setFont(font, 9)
            canvas.drawString(x, y - (4 + 3.6 * i) * mm, line)
    canvas.save()
    return buffer.getvalue(), pages
