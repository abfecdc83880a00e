"""Page furniture drawn on every page: the footer with "Page X of Y", phone and disclaimer.

"Y" is only known when the last page is done, so the canvas keeps each finished page's
state and draws every footer at save time (the usual reportlab recipe); this costs one
pass, where building the document twice would cost two.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

from backpdf import typeface as fonts
from backpdf.layout import Labels

RULE_GAP = 3 * mm        # between the body's last line and the footer's rule
EDGE_CLEARANCE = 5 * mm  # between the footer's last line and the paper's edge (printers clip)


@dataclass(frozen=True)
class Footer:
    left: float
    right: float
    bottom_margin: float
    font_size: float
    phone: str | None
    labels: Labels

    @staticmethod
    def disclaimer_lines(labels: Labels, font_size: float, width: float) -> list[str]:
        """The disclaimer, wrapped to the text width (large print needs two lines)."""
        return simpleSplit(labels["disclaimer"], fonts.REGULAR, font_size, width)

    @classmethod
    def height_needed(cls, labels: Labels, font_size: float, width: float) -> float:
        """The bottom margin this footer needs: a rule, its lines, and the printer's edge."""
        lines = 1 + len(cls.disclaimer_lines(labels, font_size, width))
        return RULE_GAP + font_size * (1.4 + 1.35 * (lines - 1) + 0.3) + EDGE_CLEARANCE

    def draw(self, canvas: Canvas, page: int, pages: int) -> None:
        size = self.font_size
        top = self.bottom_margin - RULE_GAP
        canvas.saveState()
        canvas.setLineWidth(0.6)
        canvas.line(self.left, top, self.right, top)
        baseline = top - size * 1.4
        canvas.setFont(fonts.BOLD, size)
        canvas.drawRightString(self.right, baseline, self.labels.fill("page_of", page=page, pages=pages))
        canvas.setFont(fonts.REGULAR, size)
        if self.phone:
            canvas.drawString(self.left, baseline, self.labels.fill("call_us", phone=self.phone))
        for line in self.disclaimer_lines(self.labels, size, self.right - self.left):
            baseline -= size * 1.35
            canvas.drawString(self.left, baseline, line)
        canvas.restoreState()


def numbered_canvas(footer: Footer) -> type:
    """A Canvas class that draws `footer` on every page once the page count is known."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._page_states: list[dict] = []

        def showPage(self):
            self._page_states.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            pages = len(self._page_states)
            for number, state in enumerate(self._page_states, 1):
                self.__dict__.update(state)
                footer.draw(self, number, pages)
                Canvas.showPage(self)
            Canvas.save(self)

    return NumberedCanvas
