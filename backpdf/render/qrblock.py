"""The QR block beside each exercise: the code, "Scan to watch", and the link as text."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth
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
        style = styles.small
        lines = link_lines(url, lambda s: stringWidth(s, style.fontName, style.fontSize), self.block_width)
        self._link = Paragraph("<br/>".join(text(line) for line in lines), style)

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


def link_lines(url: str, width_of, max_width: float) -> list[str]:
    """Break a printed link into lines no wider than `max_width`.

    Breaks go after a "/" where possible, so each line is a recognisable piece of the
    address; a piece still too wide is cut between characters. Never wider than the
    column, so the link cannot run into the exercise text beside it.
    """
    pieces = _after_slashes(url)
    lines: list[str] = []
    current = ""
    for piece in pieces:
        if width_of(current + piece) <= max_width:
            current += piece
            continue
        if current:
            lines.append(current)
        current = ""
        for char in piece:
            if current and width_of(current + char) > max_width:
                lines.append(current)
                current = ""
            current += char
    if current:
        lines.append(current)
    return lines


def _after_slashes(url: str) -> list[str]:
    """"https://a.b/c/d" -> ["https://", "a.b/", "c/", "d"]."""
    pieces, start = [], 0
    for i, char in enumerate(url):
        if char == "/" and (i + 1 == len(url) or url[i + 1] != "/"):
            pieces.append(url[start:i + 1])
            start = i + 1
    if start < len(url):
        pieces.append(url[start:])
    return pieces
