"""The dose at a glance: a row of boxes, each a big number with its words ("10" over
"times each side", "hold" / "5" / "seconds"), in place of a paragraph to decode.

Boxes wrap onto a second row in a narrow column rather than squeezing their words; each
is as wide as the widest word it holds needs, so nothing is ever clipped.
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
PAD = 1.2 * mm
MAX_PHRASE = 30 * mm


class DosePanel(Flowable):
    def __init__(self, cells: tuple[DoseCell, ...], styles: Styles, border: float):
        super().__init__()
        self.styles, self.border = styles, border
        self._cells = [(Para(text(c.before), styles.dose_word) if c.before else None,
                        Para(str(c.number), styles.dose_number),
                        Para(text(c.after), styles.dose_word)) for c in cells]
        def width(words: str) -> float:
            return stringWidth(words, styles.dose_word.fontName, styles.dose_word.fontSize)

        # Each phrase on one line where it takes no more than about 3 cm, else its longest word.
        longest = max((max(min(width(phrase), MAX_PHRASE), *(width(w) for w in phrase.split()))
                       for c in cells for phrase in (c.before, c.after) if phrase), default=0)
        self._min_cell = max(longest, stringWidth("000", styles.dose_number.fontName,
                                                  styles.dose_number.fontSize)) + 2 * PAD

    def getSpaceBefore(self):
        return self.styles.body.fontSize * 0.4

    def getSpaceAfter(self):
        return self.styles.body.fontSize * 0.5

    def wrap(self, avail_width, avail_height):
        count = len(self._cells)
        per_row = max(1, min(count, int((avail_width + GAP) // (self._min_cell + GAP))))
        # As wide as the widest word needs, a little more, but never stretched across a
        # wide column: five small boxes read faster than five long ones.
        self._cell_w = min((avail_width - (per_row - 1) * GAP) / per_row, self._min_cell * 1.1)
        inner = self._cell_w - 2 * PAD
        self._rows = [self._cells[i:i + per_row] for i in range(0, count, per_row)]
        self._heights = [max(sum(p.wrap(inner, avail_height)[1] for p in cell if p is not None) + 2 * PAD
                             for cell in row) for row in self._rows]
        self.width = per_row * self._cell_w + (per_row - 1) * GAP
        self.height = sum(self._heights) + GAP * (len(self._rows) - 1)
        return self.width, self.height

    def draw(self):
        canvas, top = self.canv, self.height
        for row, height in zip(self._rows, self._heights):
            for i, cell in enumerate(row):
                x = i * (self._cell_w + GAP)
                canvas.saveState()
                canvas.setFillColor(BOX_GREY)
                canvas.setLineWidth(self.border)
                canvas.rect(x, top - height, self._cell_w, height, stroke=1, fill=1)
                canvas.restoreState()
                y = top - PAD
                for part in cell:
                    if part is None:
                        continue
                    _, h = part.wrap(self._cell_w - 2 * PAD, height)
                    y -= h
                    part.drawOn(canvas, x + PAD, y)
            top -= height + GAP
