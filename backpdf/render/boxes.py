"""The boxes every layout shares, so they all look alike: grey bars, bordered boxes, bullets."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import Table

from backpdf.render.markup import Para, text
from backpdf.render.styles import Styles
from backpdf.render.tables import make_table

BAR_GREY = colors.Color(0.88, 0.88, 0.88)
BOX_GREY = colors.Color(0.95, 0.95, 0.95)
RULE_GREY = colors.Color(0.55, 0.55, 0.55)   # writing lines: visible, but lighter than borders


def boxed(rows: list, width: float, border: float, padding: float, background=None,
          split_in_row: bool = True) -> Table:
    """A bordered box of flowables, one per row, that may split across pages (and, unless
    `split_in_row` is False, inside a row, for text taller than a page) instead of raising
    a LayoutError."""
    style = [
        ("BOX", (0, 0), (-1, -1), border, colors.black),
        ("LEFTPADDING", (0, 0), (-1, -1), padding),
        ("RIGHTPADDING", (0, 0), (-1, -1), padding),
        # Rows close together: the bullets' own spacing parts the signs, and a row's padding
        # above and below as well added a line in every dozen signs.
        ("TOPPADDING", (0, 0), (-1, -1), padding * 0.1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), padding * 0.1),
        ("TOPPADDING", (0, 0), (-1, 0), padding * 0.7),
        ("BOTTOMPADDING", (0, -1), (-1, -1), padding * 0.7),
    ]
    if background is not None:
        style.append(("BACKGROUND", (0, 0), (-1, -1), background))
    return make_table([[row] for row in rows], [width], style, split_in_row=split_in_row)


def bullet_list(items, styles: Styles) -> list:
    return [Para(text(item), styles.bullet, bulletText="\u2022") for item in items]
