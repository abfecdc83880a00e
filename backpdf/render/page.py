"""Page furniture drawn on every page: the footer with the phone, the patient and "Page X of Y".

"Y" is only known when the last page is done, so the canvas keeps each finished page's
state and draws every footer at save time (the usual reportlab recipe); this costs one
pass, where building the document twice would cost two.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from backpdf import typeface as fonts
from backpdf.layout import Labels
from backpdf.render.state_stack import QuickStateStack

RULE_GAP = 3 * mm        # between the body's last line and the footer's rule
EDGE_CLEARANCE = 5 * mm  # between the footer's last line and the paper's edge (printers clip)


@dataclass(frozen=True)
class Footer:
    """On every page: how to reach the clinic (at body size: it is how a patient gets
    help), and whose handout it is and "Page X of Y" (so a dropped stack can be sorted).

    The disclaimer is printed once, on page 1 (render/front.py), not here: in large
    print it took two 18 pt lines off every page."""

    width: float
    body_size: float
    phone: str | None
    patient: str | None
    labels: Labels

    def _whose(self, page: int, pages: int) -> str:
        numbering = self.labels.fill("page_of", page=page, pages=pages)
        return f"{self.patient} \u00b7 {numbering}" if self.patient else numbering

    def _call(self) -> str:
        return self.labels.fill("call_us", phone=self.phone) if self.phone else ""

    def _lines(self, whose: str) -> list[tuple[str, str, str]]:
        """(left, right, font) per line at body size: side by side when both fit."""
        fonts.register_fonts()
        call, size = self._call(), self.body_size
        fits = stringWidth(call, fonts.REGULAR, size) + stringWidth(whose, fonts.BOLD, size) + 4 * mm <= self.width
        if fits or not call:
            return [(call, whose, fonts.BOLD)]
        return [(call, "", fonts.BOLD), ("", whose, fonts.BOLD)]

    def height_needed(self) -> float:
        """The bottom margin this footer needs: a rule, its lines, and the printer's edge.
        Measured with the widest page number the handout could have."""
        lines = len(self._lines(self._whose(999, 999)))
        return RULE_GAP + self.body_size * 1.3 * lines + self.body_size * 0.3 + EDGE_CLEARANCE

    def draw(self, canvas: Canvas, left: float, top: float, page: int, pages: int) -> None:
        """Draw below the rule at `top` (the bottom margin's top, less the gap)."""
        canvas.saveState()
        canvas.setLineWidth(0.6)
        canvas.line(left, top, left + self.width, top)
        baseline = top
        for call, whose, bold in self._lines(self._whose(page, pages)):
            baseline -= self.body_size * 1.3
            canvas.setFont(fonts.REGULAR, self.body_size)
            if call:
                canvas.drawString(left, baseline, call)
            canvas.setFont(bold, self.body_size)
            if whose:
                canvas.drawRightString(left + self.width, baseline, whose)
        canvas.restoreState()


def numbered_canvas(footer: Footer, left: float, top: float) -> type:
    """A Canvas class that draws `footer` on every page once the page count is known."""

    class NumberedCanvas(QuickStateStack, Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            fonts.fix_codes(self._doc)
            self._page_states: list[dict] = []

        def showPage(self):
            self._page_states.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            pages = len(self._page_states)
            for number, state in enumerate(self._page_states, 1):
                self.__dict__.update(state)
                body_end = len(self._code)
                footer.draw(self, left, top, number, pages)
                footer_code = self._code[body_end:]
                del self._code[body_end:]
                Canvas.showPage(self)
                _with_own_footer_stream(self._doc.Pages.pages[-1], footer_code)
            Canvas.save(self)

    return NumberedCanvas


def _with_own_footer_stream(page, footer_code: list[str]) -> None:
    """Give `page` two content streams, its body then its footer (a PDF page's content may
    be an array of streams, read as one): the footer names the patient, and with it
    apart, the body of every page after the first is the same bytes in every handout of
    a batch, so its compressed stream is made once (kept_streams) and a --combined print
    job stores it once. reportlab's PDFPage and PDFStream (reportlab <6, pinned), set up
    as its own `check_format` would for one stream."""
    streams = []
    for content in (page.stream, "\n".join(footer_code) + "\n"):
        stream = pdfdoc.PDFStream(content=content)
        if page.compression:
            stream.filters = [pdfdoc.PDFZCompress]  # ASCII85 is off while rendering (document.py)
        streams.append(stream)
    page.Contents = pdfdoc.PDFArray(streams)
