"""The embedded font family and the check that it can draw every character asked of it.

DejaVu Sans (shipped in backpdf/fonts/, Bitstream Vera licence) covers Latin, Greek and
Cyrillic including Vietnamese; reportlab embeds only the glyphs used (a subset). The
standard 14 PDF fonts are never used: they are not embedded and print "Nguyễn" as boxes.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from backpdf.errors import BackpdfError
from backpdf.resources import font_path

REGULAR = "BackpdfSans"
BOLD = "BackpdfSans-Bold"
ITALIC = "BackpdfSans-Italic"
BOLD_ITALIC = "BackpdfSans-BoldItalic"
_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}
# Characters that are layout, not ink: no glyph is needed for them.
_NO_GLYPH_NEEDED = {"\n", "\t", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\ufeff"}


@lru_cache(maxsize=None)
def register_fonts() -> None:
    """Register the family with reportlab once per process (batch workers reuse it)."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, file_name in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(font_path(file_name))))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC)
    for bold, italic, name in ((0, 0, REGULAR), (1, 0, BOLD), (0, 1, ITALIC), (1, 1, BOLD_ITALIC)):
        addMapping(REGULAR, bold, italic, name)


@lru_cache(maxsize=None)
def _covered() -> frozenset[int]:
    """Code points every face of the family can draw (the intersection of their maps)."""
    from reportlab.pdfbase import pdfmetrics

    register_fonts()
    maps = [set(pdfmetrics.getFont(name).face.charToGlyph) for name in _FILES]
    return frozenset(set.intersection(*maps))


def check_printable(texts) -> None:
    """Raise a `BackpdfError` naming the field and character the font cannot draw.

    `texts` yields (field, text). A silent black box on a patient's handout is worse than a
    clear error before printing.
    """
    covered = _covered()
    for field, text in texts:
        for char in unicodedata.normalize("NFC", text):
            if char not in _NO_GLYPH_NEEDED and ord(char) not in covered:
                name = unicodedata.name(char, "unnamed character")
                raise BackpdfError(f"{field}: the handout font cannot print {char!r} "
                                   f"(U+{ord(char):04X} {name}); remove or replace it")
