"""The embedded font family and the check that it can draw every character asked of it.

DejaVu Sans (shipped in backpdf/fonts/, Bitstream Vera licence) covers Latin, Greek and
Cyrillic including Vietnamese; reportlab embeds only the glyphs used (a subset). The
standard 14 PDF fonts are never used: they are not embedded and print "Nguyễn" as boxes.
"""

from __future__ import annotations

import unicodedata
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache

from backpdf.errors import BackpdfError
from backpdf.resources import font_path

REGULAR = "BackpdfSans"
BOLD = "BackpdfSans-Bold"
# Upright faces only: italics are harder to read for people with low vision or limited
# reading skills, so nothing backpdf prints is italic (and the two oblique files, 1 MB,
# are not shipped).
_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
}


@cache
def register_fonts() -> None:
    """Register the family with reportlab once per process (batch workers reuse it)."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from backpdf.render.kept_streams import kept_subsets

    for name, file_name in _FILES.items():
        font = TTFont(name, str(font_path(file_name)))
        font.face.makeSubset = kept_subsets(font.face.makeSubset)  # reportlab <6 (pinned)
        pdfmetrics.registerFont(font)
    # <i> in markup (never written by backpdf) would fall back to the upright faces.
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)
    for bold, italic, name in ((0, 0, REGULAR), (1, 0, BOLD), (0, 1, REGULAR), (1, 1, BOLD)):
        addMapping(REGULAR, bold, italic, name)


# The characters beyond ASCII that every document's font subsets hold, with fixed codes,
# whether a handout prints them or not: the bundled texts' and labels' accents, dashes and
# marks, and the Spanish and typographic ones a clinic's own texts most often bring.
# reportlab gives ASCII its own codes in every document and any other character the next
# free code in the order it first appears, so without this the same sentence was encoded
# differently in two handouts and its drawn operators could not be reused (render/markup).
# Characters outside it still print: they get codes after these, in order of appearance.
# (A no-break space is printed with the space's code, so it costs nothing.)
FIXED_ALPHABET = "\u00a0·•⚠–—‘’“”…°×¿¡áéíóúñüÁÉÍÓÚÑÜ"
ENCODED_ALIKE = frozenset(map(chr, range(32, 127))) | frozenset(FIXED_ALPHABET)  # same codes in every document
_fixed_documents: weakref.WeakSet = weakref.WeakSet()


def fix_codes(doc) -> None:
    """Give `doc` (a reportlab PDFDocument, at its start) the same font names and character
    codes as every other: both faces named in this order, FIXED_ALPHABET assigned first.
    TTFont.splitString and getSubsetInternalName are reportlab's own (reportlab <6, pinned)."""
    from reportlab.pdfbase import pdfmetrics

    for name in _FILES:
        font = pdfmetrics.getFont(name)
        font.splitString(FIXED_ALPHABET, doc)
        font.getSubsetInternalName(0, doc)
    _fixed_documents.add(doc)


def has_fixed_codes(doc) -> bool:
    """Whether `fix_codes` set `doc` up: only then is text encoded as in every other."""
    return doc in _fixed_documents


@contextmanager
def drawn_with_fixed_codes(doc) -> Iterator[Callable[[], bool]]:
    """While drawing on `doc`: a function telling whether everything drawn so far was
    encoded with the fixed codes alone, so that its operators are the same bytes in any
    document `fix_codes` set up, whatever else that document prints. reportlab encodes
    all text through each font's `splitString` (reportlab <6, pinned), watched here."""
    from reportlab.pdfbase import pdfmetrics

    seen: set[str] = set()
    faces = [pdfmetrics.getFont(name) for name in _FILES]
    for face in faces:
        def split(text, doc, encoding="utf-8", real=face.splitString):
            seen.update(text)
            return real(text, doc, encoding)

        face.splitString = split  # on the instance, over the class's method, until the end
    try:
        yield lambda: has_fixed_codes(doc) and seen <= ENCODED_ALIKE
    finally:
        for face in faces:
            del face.splitString


@cache
def _covered() -> frozenset[int]:
    """Code points every face of the family can draw (the intersection of their maps)."""
    from reportlab.pdfbase import pdfmetrics

    register_fonts()
    maps = [set(pdfmetrics.getFont(name).face.charToGlyph) for name in _FILES]
    return frozenset(set.intersection(*maps))


def _why_unprintable(char: str, covered: frozenset[int]) -> str | None:
    """Why `char` cannot be printed faithfully, or None when it can."""
    if char in "\n\t":
        return None
    if unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn"):
        return "it is an invisible control or formatting character"
    if ord(char) > 0xFFFF:
        # reportlab writes such characters into the PDF's text map wrongly, so copying,
        # searching and screen readers would get garbage even where a glyph exists.
        return "characters beyond U+FFFF (such as emoji) are not supported"
    if unicodedata.bidirectional(char) in ("R", "AL"):
        return "right-to-left text is not supported (it would print in the wrong order)"
    if ord(char) not in covered:
        return "the handout font has no such character"
    return None


# Characters found printable so far in this process, and which of them are combining marks
# (accents and points that sit on the letter before). Learnt as texts bring them: a handout
# uses a hundred or so characters, the fonts cover 5,900, and sorting them all costs a fresh
# `generate` 7 ms; a batch soon knows every character its texts use, so checking a text
# stays a set difference, not a Unicode lookup per letter.
_printable: set[str] = {"\n", "\t"}
_marks: set[str] = set()
# Texts that passed whole: a batch checks the same library sentences in every handout.
_passed: set[str] = set()
PASSED_KEPT = 20_000


def _learn(chars: set[str]) -> None:
    covered = _covered()
    for char in chars - _printable:
        if _why_unprintable(char, covered) is None:
            _printable.add(char)
            if unicodedata.category(char).startswith("M"):
                _marks.add(char)


def _check_marks(field: str, text: str, marks: set[str]) -> None:
    """A combining mark must follow a letter: on its own it prints over whatever comes
    next, and text extraction (copy, search, screen readers) puts it in the wrong place."""
    previous = ""
    for char in text:
        if char in marks and not (previous.isalpha() or previous in marks):
            raise BackpdfError(f"{field}: the accent mark {char!r} (U+{ord(char):04X} "
                               f"{unicodedata.name(char, 'unnamed character')}) has no letter "
                               "before it; remove it or put it after a letter")
        previous = char


def check_printable(texts) -> None:
    """Raise a `BackpdfError` naming the field and the character that cannot be printed.

    `texts` yields (field, text). A silent black box, a dropped character or reversed
    right-to-left text on a patient's handout is worse than a clear error before printing.
    """
    for field, original in texts:
        if original in _passed:
            continue
        text = unicodedata.normalize("NFC", original)
        chars = set(text)
        if not chars <= _printable:
            _learn(chars)
        if chars & _marks:
            _check_marks(field, text, _marks)
        if chars <= _printable:
            if len(_passed) >= PASSED_KEPT:
                _passed.clear()
            _passed.add(original)
            continue
        for char in text:
            why = _why_unprintable(char, _covered())
            if why:
                name = unicodedata.name(char, "unnamed character")
                raise BackpdfError(f"{field}: cannot print {char!r} (U+{ord(char):04X} {name}): "
                                   f"{why}; remove or replace it")
