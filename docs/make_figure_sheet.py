"""Contact sheet of every staged exercise picture, for a clinician to review by eye.

    python docs/make_figure_sheet.py [out.pdf [ID ...]]   (default: /tmp/figure-sheet.pdf, all)

Each picture is drawn at print size (55 x 38 mm, about a standard layout's picture) with
the exercise's name and first step, so a picture can be checked against what the
patient reads. Problems the checks find are printed to stderr and under the picture.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml
from reportlab.graphics import renderPDF
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from backpdf.figures import drawing, picture_from_data, problems
from backpdf.library_file import load_library

ROOT = Path(__file__).resolve().parent.parent
BOX_W, BOX_H = 55, 38
COLUMNS, ROWS = 3, 5


def main(out: str, only: list[str]) -> None:
    exercises = load_library(ROOT / "exercises.yaml").exercises
    pictures = yaml.safe_load((ROOT / "backpdf/figures/library_pictures.yaml").read_text("utf-8"))
    if only:
        pictures = {ex_id: pictures[ex_id] for ex_id in only}
    canvas = Canvas(out, pagesize=A4, invariant=1)
    height = A4[1]
    for index, (ex_id, data) in enumerate(pictures.items()):
        slot = index % (COLUMNS * ROWS)
        if index and slot == 0:
            canvas.showPage()
        col, row = slot % COLUMNS, slot // COLUMNS
        x = 12 * mm + col * (BOX_W + 8) * mm
        y = height - 14 * mm - (row + 1) * (BOX_H + 16) * mm
        canvas.setLineWidth(0.3)
        canvas.setStrokeGray(0.7)
        canvas.rect(x, y, BOX_W * mm, BOX_H * mm)
        renderPDF.draw(drawing(picture_from_data(data), BOX_W, BOX_H), canvas, x, y)
        exercise = exercises[ex_id]
        canvas.setFont("Helvetica-Bold", 8)
        canvas.drawString(x, y - 4 * mm, f"{exercise.name} ({ex_id})")
        canvas.setFont("Helvetica", 7)
        canvas.drawString(x, y - 7.5 * mm, exercise.steps[0][:70])
        found = problems(data)
        if found:
            canvas.setFillColorRGB(0.8, 0, 0)
            canvas.drawString(x, y - 11 * mm, f"! {found[0][0]}"[:75])
            canvas.setFillColorRGB(0, 0, 0)
        for message, path in found:
            print(f"{ex_id}: {'.'.join(map(str, path))}: {message}", file=sys.stderr)
    canvas.save()
    print(f"{len(pictures)} pictures -> {out}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/figure-sheet.pdf", sys.argv[2:])
