"""The QR block beside each exercise: the code, "Scan to watch", and the link as text."""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph

from backpdf.render.markup import text
from backpdf.render.qr import draw_qr, quiet_zone


class QRBlock(Flowable):
    """A fixed-width column: a vector QR code with its quiet zone, caption and printed link.

    The link is printed too because some patients have no phone that scans, and a person
    helping them can type it.
    """

    def __init__(self, url: str, symbol_size: float, width: float, styles):
        super().__init__()
        self.url = url
        self.symbol_size = symbol_size
        self.quiet = quiet_zone(url, symbol_size)
        self.block_width = max(width, symbol_size + 2 * self.quiet)
        self._caption = Paragraph("Scan to watch", styles.small_bold)
        self._link = Paragraph(text(url), styles.small)

    def wrap(self, avail_width, avail_height):
        self._caption_h = self._caption.wrap(self.block_width, avail_height)[1]
        self._link_h = self._link.wrap(self.block_width, avail_height)[1]
        self.width = self.block_width
        # A full quiet zone on every side of the code: text inside it can stop a scan.
        self.height = 2 * self.quiet + self.symbol_size + self._caption_h + self._link_h
        return self.width, self.height

    def draw(self):
        canvas = self.canv
        draw_qr(canvas, self.url, (self.block_width - self.symbol_size) / 2,
                self._caption_h + self._link_h + self.quiet, self.symbol_size)
        self._caption.drawOn(canvas, 0, self._link_h)
        self._link.drawOn(canvas, 0, 0)

    def _restrictSize(self, avail_width, avail_height):  # noqa: N802 (reportlab's name)
        """ImageAndFlowables asks its image for this; the block never shrinks (a QR code
        smaller than the layout's size may not scan), so it is just its size."""
        return self.wrap(avail_width, avail_height)

    def _unRestrictSize(self):  # noqa: N802 (reportlab's name)
        """The counterpart ImageAndFlowables calls after splitting; nothing to undo."""
