"""The dose at a glance: a row of boxes, each a big number in its words ("10 times each
side", "hold 5 seconds", "2 sets", "1 time a day"), in place of a paragraph to decode.

Each box is one line when it can be, as wide as its words need; boxes wrap onto another
row in a narrow column rather than squeezing their words, so nothing is ever clipped.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from backpdf.model import DoseCell
from backpdf.render.boxes import BOX_GREY
from backpdf.render.markup import Para, text
from backpdf.render.styles import Styles

GAP = 2 * mm
PAD_X, PAD_Y = 2 * mm, 1.2 * mm


def _markup(cell: DoseCell, number_size: float) -> str:
    number = f'<font size="{number_size:g}"><b>{cell.number}</b></font>'
    return " ".join(part for part in (text(cell.before), number, text(cell.after)) if part)


class DosePanel(Flowable):
    def __init__(self, cells: tuple[DoseCell, ...], styles: Styles, border: float):
        super().__init__()
        self.styles, self.border = styles, border
        style = styles.dose_cell
        number_size = styles.dose_number.fontSize
        self._paras = [Para(_markup(c, number_size), style) for c in cells]
        self._natural = [stringWidth(f"{c.before} {c.after}", style.fontName, style.fontSize)
                         + stringWidth(f" {c.number} ", styles.dose_number.fontName, number_size) + 2 * PAD_X + 2
                         for c in cells]

    def getSpaceBefore(self):
        return self.styles.body.fontSize * 0.4

    def getSpaceAfter(self):
        return self.styles.body.fontSize * 0.5

    def wrap(self, avail_width, avail_height):
        """Boxes left to right, a new row when the next one would not fit."""
        self._placed: list[tuple[Para, float, float, int]] = []  # (para, x, width, row)
        x, row = 0.0, 0
        for para, natural in zip(self._paras, self._natural):
            width = min(natural, avail_width)
            if x and x + width > avail_width:
                x, row = 0.0, row + 1
            self._placed.append((para, x, width, row))
            x += width + GAP
        heights: dict[int, float] = {}
        for para, _, width, row in self._placed:
            h = para.wrap(width - 2 * PAD_X, avail_height)[1] + 2 * PAD_Y
            heights[row] = max(heights.get(row, 0.0), h)
        rows = [heights[r] for r in sorted(heights)]
        self._row_tops = [sum(rows[:r]) + GAP * r for r in range(len(rows))]
        self._rows = rows
        self.width = max((x + w for _, x, w, _ in self._placed), default=0.0)
        self.height = sum(rows) + GAP * (len(rows) - 1) if rows else 0.0
        return self.width, self.height

    def draw(self):
        canvas = self.canv
        for para, x, width, row in self._placed:
            height = self._rows[row]
            bottom = self.height - self._row_tops[row] - height
            canvas.saveState()
            canvas.setFillColor(BOX_GREY)
            canvas.setLineWidth(self.border)
            canvas.rect(x, bottom, width, height, stroke=1, fill=1)
            canvas.restoreState()
            _, h = para.wrap(width - 2 * PAD_X, height)
            para.drawOn(canvas, x + PAD_X, bottom + (height - h) / 2)
