"""QR codes as flowables: the bare code with its quiet zone (for tables), and the block
beside each exercise with the code, "Scan to watch" and the link as text."""

from __future__ import annotations

import re

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Spacer

from backpdf.render.markup import Para, text
from backpdf.render.qr import draw_qr, quiet_zone


class QRCode(Flowable):
    """A vector QR code with its quiet zone, which is part of its size: ink inside the
    quiet zone (a table rule, a letter) can stop a scan.

    `stacked` keeps only half the quiet zone above and below, for codes stacked in a
    column with nothing else in it: the neighbour's blank half completes each zone.
    """

    def __init__(self, url: str, symbol_size: float, stacked: bool = False):
        super().__init__()
        self.url = url
        self.symbol_size = symbol_size
        self.quiet = quiet_zone(url, symbol_size)
        self._above = self.quiet / 2 if stacked else self.quiet
        self.width = symbol_size + 2 * self.quiet
        self.height = symbol_size + 2 * self._above

    def wrap(self, avail_width, avail_height):
        return self.width, self.height

    def draw(self):
        draw_qr(self.canv, self.url, self.quiet, self._above, self.symbol_size)


class QRBlock(Flowable):
    """A fixed-width column: the QR code, its caption and the printed link.

    The link is printed too because some patients have no phone that scans, and a person
    helping them can type it; narrow columns print it under the card's text instead
    (`with_link=False` here).
    """

    def __init__(self, url: str, symbol_size: float, width: float, styles, caption: str,
                 with_link: bool = True):
        super().__init__()
        self.code = QRCode(url, symbol_size)
        self.block_width = max(width, self.code.width)
        self._caption = Para(text(caption), styles.small_bold)
        self._link = PrintedLink(url, styles.small) if with_link else Spacer(0, 0)

    def wrap(self, avail_width, avail_height):
        self._caption_h = self._caption.wrap(self.block_width, avail_height)[1]
        self._link_h = self._link.wrap(self.block_width, avail_height)[1]
        self.width = self.block_width
        self.height = self.code.height + self._caption_h + self._link_h
        return self.width, self.height

    def draw(self):
        self.code.drawOn(self.canv, (self.block_width - self.code.width) / 2, self._caption_h + self._link_h)
        self._caption.drawOn(self.canv, 0, self._link_h)
        self._link.drawOn(self.canv, 0, 0)


class PrintedLink(Flowable):
    """The link as text, broken after a "/" to fit whatever width it is given (it may land
    beside a QR code or below it, so that is known only when it is laid out)."""

    def __init__(self, url: str, style, label: str = ""):
        super().__init__()
        self.url, self.style, self.label = url, style, label

    def wrap(self, avail_width, avail_height):
        width_of = lambda s: stringWidth(s, self.style.fontName, self.style.fontSize)  # noqa: E731
        lines = link_lines(self.label + self.url, width_of, avail_width)
        self._paragraph = Para("<br/>".join(text(line) for line in lines), self.style)
        self.width, self.height = self._paragraph.wrap(avail_width, avail_height)
        return self.width, self.height

    def getSpaceBefore(self):
        return self.style.spaceBefore

    def draw(self):
        self._paragraph.drawOn(self.canv, 0, 0)


def link_lines(url: str, width_of, max_width: float) -> list[str]:
    """Break a printed link into lines no wider than `max_width`.

    Breaks go after a "/" where possible, so each line is a recognisable piece of the
    address; a piece still too wide breaks after a "." or "-", and only then between
    characters. Never wider than the column, so the link cannot run into the text beside it.
    """
    lines = [""]

    def place(piece: str, finer) -> None:
        if width_of(lines[-1] + piece) <= max_width:
            lines[-1] += piece
        elif width_of(piece) <= max_width or not finer:
            lines.append(piece)
        else:
            for smaller in finer[0](piece):
                place(smaller, finer[1:])

    for piece in _after_slashes(url):
        place(piece, (_after_dots_and_dashes, list))
    return [line for line in lines if line]


def _after_dots_and_dashes(piece: str) -> list[str]:
    """"riverside-physio.example/" -> ["riverside-", "physio.", "example/"]."""
    return re.findall(r"[^.-]*[.-]|[^.-]+$", piece)


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
