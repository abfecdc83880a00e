"""The one way tables are made: embedded font, and splittable inside a row.

reportlab's Table defaults its cells to Helvetica (an unembedded font that would appear in
the PDF's font list) and refuses to split a row taller than a page (a LayoutError, i.e.
lost content); every table here sets both right.
"""

from __future__ import annotations

from reportlab.platypus import Table, TableStyle

from backpdf.render import fonts


def make_table(rows: list, col_widths: list, commands: list) -> Table:
    table = Table(rows, colWidths=col_widths, splitInRow=1)
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), fonts.REGULAR), *commands]))
    return table
