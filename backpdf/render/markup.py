"""The only way text reaches reportlab Paragraph markup: escaped, NFC-normalised.

ReportLab parses Paragraph text as markup (CVE-2023-33733 ran code through it), so user and
library text is always escaped here; tags come only from this package's own constants.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from xml.sax.saxutils import escape

from reportlab.platypus import Paragraph


def text(value: str) -> str:
    """User or library text, safe inside Paragraph markup and printed exactly as typed."""
    return escape(unicodedata.normalize("NFC", value))


def labelled(label: str, value: str) -> str:
    """"<b>Tip:</b> user text": the label (from a layout file) and the text both escaped."""
    return f"<b>{text(label)}</b> {text(value)}"


@lru_cache(maxsize=8192)
def _parsed(markup: str, style):
    return Paragraph(markup, style).frags


class Para(Paragraph):
    """A Paragraph whose parsed markup is shared with every other one of the same markup
    and style (styles are built once per layout, so they are the same objects).

    Parsing markup was a fifth of a handout's render time, and a batch prints the same
    library sentences thousands of times; reportlab only reads the parsed fragments
    afterwards (wrapping and splitting build new lists), so sharing them is safe — the
    byte-identical-rebuild tests would catch it if not.
    """

    def __init__(self, text, style=None, bulletText=None, frags=None, **kwargs):
        # reportlab's split() calls this with the pieces' own fragments: use those.
        if frags is None:
            frags = _parsed(text, style)
        super().__init__(text, style, bulletText, frags=frags, **kwargs)
