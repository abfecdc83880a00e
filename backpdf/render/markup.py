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

from backpdf.render.met_before import MetBefore
from backpdf.typeface import ENCODED_ALIKE, has_fixed_codes


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

    source: object       # what the words came from, kept so the id in the key is never reused
    style: object
    lines: object        # the ParaLines (blPara) that wrap and draw read
    frags_out: list      # breakLines replaces self.frags by its word list
    widths_out: list     # ... and adjusts the widths it was given for a bullet
    width_max: float
    split_long_words: int
    hyphenations: int


LINE_BREAKS_KEPT = 20_000  # distinct (sentence, style, width) pairs: a library's worth, several times over
_line_breaks: dict[tuple, _Broken] = {}
_met = MetBefore(LINE_BREAKS_KEPT)


@dataclass(frozen=True)
class _Drawn:
    """The operators one paragraph's lines drew, or None when they cannot be reused."""

    lines: list             # the kept lines the key names by id, held so no id is reused
    style: object
    operators: str | None


DRAWINGS_KEPT = 20_000
_drawings: dict[tuple, _Drawn] = {}


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
        self._piece_of: tuple | None = None  # (kept lines, first, end): what a split cut it from
        self._lines_kept = False  # its lines are the ones kept for its words, style and width
        if frags is None:
            frags = _parsed(text, style)
        super().__init__(text, style, bulletText, frags=frags, **kwargs)

    def _source(self) -> tuple[object, tuple]:
        """What this paragraph's words are made from, and where in it: its shared parsed
        fragments (or the word list an earlier break of them made), or for a piece of a
        split, the kept lines it was cut from and which of them; None for anything else."""
        if self._shared:
            return self.frags, ()
        if self._piece_of is not None:
            lines, first, end = self._piece_of
            return lines, (first, end)
        return None, ()

    def breakLines(self, width):
        """reportlab's line breaking (a third of a handout's render time, measuring every
        word), done once per sentence (or piece of a split one), style, bullet and width
        per process, from the second time it is met (its lines and drawing are kept only
        then: a text met once, such as a patient's name, is broken as reportlab does).

        A piece of a split is remembered by the kept lines it was cut from and which of
        them, as its fragments are new each time. The result is shared like the parsed
        fragments: reportlab reads the lines when drawing and splitting and builds new
        lists from them (the byte-identical tests would catch it if not).
        """
        source, where = self._source()
        if source is None or not isinstance(width, list):
            return super().breakLines(width)
        key = (id(source), *where, id(self.style), self.bulletText, *width)
        found = _line_breaks.get(key)
        if found is None or found.source is not source or found.style is not self.style:
            lines = super().breakLines(width)  # adjusts `width` in place for a bullet
            if not _met.again(key):  # kept from the second time: a patient's name comes once
                return lines
            if len(_line_breaks) >= LINE_BREAKS_KEPT:
                _line_breaks.clear()
            found = _line_breaks[key] = _Broken(
                source, self.style, lines, self.frags, list(width), self._width_max,
                self._splitLongWordCount, self._hyphenations)
        width[:] = found.widths_out
        self.frags = found.frags_out
        self._width_max = found.width_max
        self._splitLongWordCount, self._hyphenations = found.split_long_words, found.hyphenations
        self.height = 0
        self._lines_kept = True
        return found.lines

    def split(self, availWidth, availHeight):
        """reportlab's split; when our lines are kept, each piece is told which of them it
        holds, so its own line breaks and drawing are kept too."""
        pieces = super().split(availWidth, availHeight)
        if len(pieces) == 2 and self._lines_kept and all(p.style is self.style for p in pieces):
            lines = self.blPara.lines
            first_end = len(pieces[0].blPara.lines)
            pieces[0]._piece_of = (lines, 0, first_end)
            pieces[1]._piece_of = (lines, first_end, len(lines))
        return pieces

    def draw(self):
        """reportlab's drawing of the paragraph, or the operators it drew the last time
        these same kept lines were drawn at this size, copied in as one block.

        Drawing (encoding every word for the font subset, formatting every number) was a
        third of a handout's render time, and a batch draws the same sentences in every
        handout. It is the same bytes because a paragraph draws inside its own saved
        graphics state from the origin its frame translated to, and every document encodes
        ENCODED_ALIKE the same (typeface.fix_codes); a paragraph with any other character,
        or on a canvas whose document was not set up so, is drawn afresh every time.
        """
        if not self._lines_kept or not has_fixed_codes(self.canv._doc):
            return super().draw()
        lines = self.blPara.lines
        key = (id(lines), self.width, self.height, id(self.style), self.bulletText,
               getattr(self, "_JustifyLast", False))
        found = _drawings.get(key)
        if found is None or found.lines is not lines or found.style is not self.style:
            code = self.canv._code  # reportlab <6 (pinned): the content stream being written
            start = len(code)
            super().draw()
            chars = set(self.getPlainText()) | set(self.bulletText or "")
            if len(_drawings) >= DRAWINGS_KEPT:
                _drawings.clear()
            _drawings[key] = _Drawn(lines, self.style, "\n".join(code[start:]) if chars <= ENCODED_ALIKE else None)
            return None
        if found.operators is None:
            return super().draw()
        self.canv._code.append(found.operators)
        return None
