"""The only way text reaches reportlab Paragraph markup: escaped, NFC-normalised.

ReportLab parses Paragraph text as markup (CVE-2023-33733 ran code through it), so user and
library text is always escaped here; tags come only from this package's own constants.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from html import escape

from reportlab.platypus import Paragraph


def text(value: str) -> str:
    """User or library text, safe inside Paragraph markup and printed exactly as typed."""
    # html.escape without quotes replaces exactly what xml.sax.saxutils.escape does (&, <, >),
    # without saxutils' import of urllib.request, http, email and ssl (25 ms per process).
    return escape(unicodedata.normalize("NFC", value), quote=False)


def labelled(label: str, value: str) -> str:
    """"<b>Tip:</b> user text": the label (from a layout file) and the text both escaped."""
    return f"<b>{text(label)}</b> {text(value)}"


@lru_cache(maxsize=8192)
def _parsed(markup: str, style):
    return Paragraph(markup, style).frags


@dataclass(frozen=True)
class _Broken:
    """What `Paragraph.breakLines` computed and changed for one paragraph at one width."""

    frags_in: list       # kept so that the id in the key can never be reused by another list
    style: object
    lines: object        # the ParaLines (blPara) that wrap and draw read
    frags_out: list      # breakLines replaces self.frags by its word list
    widths_out: list     # ... and adjusts the widths it was given for a bullet
    width_max: float
    split_long_words: int
    hyphenations: int


LINE_BREAKS_KEPT = 20_000  # distinct (sentence, style, width) pairs: a library's worth, several times over
_line_breaks: dict[tuple, _Broken] = {}


class Para(Paragraph):
    """A Paragraph whose parsed markup is shared with every other one of the same markup
    and style (styles are built once per layout, so they are the same objects).

    Parsing markup was a fifth of a handout's render time, and a batch prints the same
    library sentences thousands of times; reportlab only reads the parsed fragments
    afterwards (wrapping and splitting build new lists), so sharing them is safe — the
    byte-identical-rebuild tests would catch it if not.
    """

    # Set by reportlab's Paragraph (untyped); declared for the line-break cache below.
    frags: list
    _width_max: float
    _splitLongWordCount: int  # noqa: N815 (reportlab's name)
    _hyphenations: int

    def __init__(self, text, style=None, bulletText=None, frags=None, **kwargs):
        # reportlab's split() calls this with the pieces' own fragments: use those.
        self._shared = frags is None
        if frags is None:
            frags = _parsed(text, style)
        super().__init__(text, style, bulletText, frags=frags, **kwargs)

    def breakLines(self, width):
        """reportlab's line breaking (a third of a handout's render time, measuring every
        word), done once per sentence, style, bullet and width per process.

        Only paragraphs whose fragments are shared (parsed here, or the word list an
        earlier break of them made) are remembered; the pieces of a split are not, as
        their fragments are new each time. The result is shared like the parsed
        fragments: reportlab reads the lines when drawing and splitting and builds new
        lists from them (the byte-identical tests would catch it if not).
        """
        if not self._shared or not isinstance(width, list):
            return super().breakLines(width)
        key = (id(self.frags), id(self.style), self.bulletText, *width)
        found = _line_breaks.get(key)
        if found is None or found.frags_in is not self.frags or found.style is not self.style:
            frags_in = self.frags
            lines = super().breakLines(width)  # adjusts `width` in place for a bullet
            if len(_line_breaks) >= LINE_BREAKS_KEPT:
                _line_breaks.clear()
            found = _line_breaks[key] = _Broken(
                frags_in, self.style, lines, self.frags, list(width), self._width_max,
                self._splitLongWordCount, self._hyphenations)
        width[:] = found.widths_out
        self.frags = found.frags_out
        self._width_max = found.width_max
        self._splitLongWordCount, self._hyphenations = found.split_long_words, found.hyphenations
        self.height = 0
        return found.lines
