"""The one way tables are made: embedded font, and splittable inside a row.

reportlab's Table defaults its cells to Helvetica (an unembedded font that would appear in
the PDF's font list) and refuses to split a row taller than a page (a LayoutError, i.e.
lost content); every table here sets both right.
"""

from __future__ import annotations

from reportlab.platypus import Table, TableStyle

from backpdf import typeface as fonts


def make_table(rows: list, col_widths: list, commands: list, row_heights: list | None = None,
               repeat_rows: int = 0, split_in_row: bool = True) -> Table:
    """`repeat_rows` header rows are printed again at the top of each page the table
    continues on. `split_in_row=False` keeps each row whole (a table row that is one
    thing, like a checklist row); only for rows that can never be taller than a page."""
    table = Table(rows, colWidths=col_widths, rowHeights=row_heights, splitInRow=int(split_in_row),
                  repeatRows=repeat_rows)
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), fonts.REGULAR), *commands]))
    return table
