"""Exercise pictures on the page, scaled to fit and stored once.

Each distinct picture (by content) becomes one PDF form XObject the first time it is drawn
and is reused after that, so a picture shown twice, or by two exercises, is stored once.
"""

from __future__ import annotations

import io

from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable

from backpdf.model import Picture


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
            else:  # a vector drawing
                from reportlab.graphics import renderPDF

                renderPDF.draw(picture.drawing, canvas, 0, 0)
            canvas.endForm()
        canvas.saveState()
        canvas.scale(self.scale, self.scale)
        canvas.doForm(name)
        canvas.restoreState()
