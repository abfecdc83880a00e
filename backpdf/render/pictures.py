"""Exercise pictures on the page, scaled to fit and stored once.

Each distinct picture (by content) becomes one PDF form XObject the first time it is drawn
and is reused after that, so a picture shown twice, or by two exercises, is stored once.
A vector drawing is turned into PDF operators once per process, not once per handout: a
batch prints the same few dozen pictures thousands of times, and walking a drawing's
shapes cost a third of a handout's render time. Drawn pictograms arrive with their
operators already made (and kept on disk between runs, see `drawn_pictures`).
"""

from __future__ import annotations

import io

from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable

from backpdf.model import Picture

_operators: dict[str, str | None] = {}  # picture key -> its drawing's PDF operators, if keepable


class PictureFlowable(Flowable):
    """`picture` scaled to fit `max_width` x `max_height`, its proportions kept."""

    def __init__(self, picture: Picture, max_width: float, max_height: float, h_align: str = "CENTER"):
        super().__init__()
        self.picture = picture
        self.scale = min(max_width / picture.width, max_height / picture.height)
        self.width = picture.width * self.scale
        self.height = picture.height * self.scale
        self.hAlign = h_align

    def wrap(self, avail_width, avail_height):
        return self.width, self.height

    def draw(self):
        canvas = self.canv
        name = define_form(canvas, self.picture)
        canvas.saveState()
        canvas.scale(self.scale, self.scale)
        canvas.doForm(name)
        canvas.restoreState()


def define_form(canvas, picture: Picture) -> str:
    """The name of `picture`'s form in the canvas's document, defined there the first time."""
    name = f"picture-{picture.key}"
    if not canvas.hasForm(name):
        canvas.beginForm(name, 0, 0, picture.width, picture.height)
        if picture.data is not None:
            # The checked, metadata-free bytes; never the file again (it may have changed).
            image = ImageReader(io.BytesIO(picture.data))
            canvas.drawImage(image, 0, 0, picture.width, picture.height, mask="auto")
        else:
            _draw_vector(canvas, picture)
        canvas.endForm()
    return name


def _draw_vector(canvas, picture: Picture) -> None:
    """The picture's operators copied in: made once per picture and process when the
    picture does not already carry them, or drawn afresh when they cannot be kept."""
    operators = picture.operators
    if operators is None:
        if picture.key not in _operators:
            _operators[picture.key] = drawing_operators(picture.drawing)
        operators = _operators[picture.key]
    if operators is None:
        from reportlab.graphics import renderPDF

        renderPDF.draw(picture.drawing, canvas, 0, 0)
        return
    if operators:  # none at all must add no empty line either
        canvas.addLiteral(operators)


def drawing_operators(drawing) -> str | None:
    """A reportlab Drawing as the PDF operators that draw it at the origin, as one block of
    content-stream lines (a stream is its operators joined by newlines, so one literal is
    the same bytes as thousands, at a fraction of the cost), or None when they name a
    resource (a font, a transparency state: anything with a `/`): such names belong to one
    document, so that drawing must be drawn afresh in each one. Pictograms name none.
    Drawn on a scratch canvas, whose state a drawing does not read."""
    from reportlab.graphics import renderPDF
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(io.BytesIO(), invariant=1)
    code = canvas._code  # reportlab <6 (pinned): the content stream being written, a list of str
    start = len(code)
    renderPDF.draw(drawing, canvas, 0, 0)
    made = "\n".join(code[start:])
    return None if "/" in made else made
