"""Exercise pictures on the page, scaled to fit and stored once.

Each distinct picture (by content) becomes one PDF form XObject the first time it is drawn
and is reused after that, so a picture shown twice, or by two exercises, is stored once.
A vector drawing is turned into PDF operators once per process, not once per handout: a
batch prints the same few dozen pictures thousands of times, and walking a drawing's
shapes cost a third of a handout's render time.
"""

from __future__ import annotations

import io

from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable

from backpdf.model import Picture

_operators: dict[str, list[str]] = {}  # picture key -> its drawing's PDF operators


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
        canvas, picture = self.canv, self.picture
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
        canvas.saveState()
        canvas.scale(self.scale, self.scale)
        canvas.doForm(name)
        canvas.restoreState()


def _draw_vector(canvas, picture: Picture) -> None:
    """The drawing's operators, made once per picture and process and then copied in.

    Operators that name a resource (a font, a transparency state: anything with a `/`)
    are never kept, since those names belong to one document; pictograms have none, and
    anything that had some would simply be drawn afresh each time.
    """
    kept = _operators.get(picture.key)
    if kept is not None:
        for operator in kept:
            canvas.addLiteral(operator)
        return
    from reportlab.graphics import renderPDF

    code = canvas._code  # reportlab <6 (pinned): the content stream being written, a list of str
    start = len(code)
    renderPDF.draw(picture.drawing, canvas, 0, 0)
    made = code[start:]
    if not any("/" in operator for operator in made):
        _operators[picture.key] = made
