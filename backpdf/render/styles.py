"""Paragraph styles derived from a layout's font sizes, built once per layout per process.

Every style is upright DejaVu Sans, regular or bold: italics are harder to read for people
with low vision or limited reading skills, so no layout uses them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from backpdf import typeface as fonts
from backpdf.layout import Layout


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    heading: ParagraphStyle
    card_title: ParagraphStyle
    body: ParagraphStyle
    step: ParagraphStyle
    label: ParagraphStyle
    small: ParagraphStyle
    small_bold: ParagraphStyle
    fine_print: ParagraphStyle
    box_title: ParagraphStyle
    bullet: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    table_head: ParagraphStyle
    row_number: ParagraphStyle
    clinic_name: ParagraphStyle
    clinic: ParagraphStyle
    link: ParagraphStyle
    dose_number: ParagraphStyle
    dose_cell: ParagraphStyle


@lru_cache(maxsize=32)
def styles_for(layout: Layout) -> Styles:
    fonts.register_fonts()
    size = layout.font_sizes
    lead = layout.line_spacing

    def style(name, font_size, font=fonts.REGULAR, **kw):
        # allowWidows=0: a sentence split across pages never leaves its last line alone at
        # the top of the next page ("fall in or out." under "(continued)").
        return ParagraphStyle(name, fontName=font, fontSize=font_size,
                              leading=round(font_size * lead, 2), allowWidows=0, **kw)

    body = style("body", size.body, spaceAfter=size.body * 0.3)
    step_indent = size.body * 1.9
    return Styles(
        title=style("title", size.title, fonts.BOLD, spaceAfter=size.title * 0.3),
        heading=style("heading", size.heading, fonts.BOLD, spaceBefore=size.heading * 0.5,
                      spaceAfter=size.heading * 0.3, keepWithNext=1),
        card_title=style("card_title", size.heading, fonts.BOLD),
        body=body,
        step=style("step", size.body, leftIndent=step_indent, bulletIndent=0,
                   bulletFontName=fonts.BOLD, bulletFontSize=size.body, spaceAfter=size.body * 0.2),
        label=style("label", size.body, spaceAfter=size.body * 0.3),
        small=style("small", size.small, alignment=TA_CENTER),
        small_bold=style("small_bold", size.small, fonts.BOLD, alignment=TA_CENTER),
        fine_print=style("fine_print", size.small, spaceBefore=size.body * 0.3),
        box_title=style("box_title", size.heading, fonts.BOLD, spaceAfter=size.body * 0.3),
        bullet=style("bullet", size.body, leftIndent=size.body * 1.3, bulletIndent=size.body * 0.2,
                     bulletFontName=fonts.BOLD, bulletFontSize=size.body, spaceAfter=size.body * 0.15),
        cell=style("cell", size.body),
        cell_bold=style("cell_bold", size.body, fonts.BOLD),
        table_head=style("table_head", size.body, fonts.BOLD, alignment=TA_CENTER),
        row_number=style("row_number", size.heading, fonts.BOLD, alignment=TA_CENTER),
        clinic_name=style("clinic_name", size.heading, fonts.BOLD, alignment=TA_RIGHT, spaceAfter=2),
        clinic=style("clinic", size.body, alignment=TA_RIGHT),
        link=style("link", size.small, spaceBefore=size.body * 0.2),
        dose_number=style("dose_number", round(size.heading * 1.35, 1), fonts.BOLD, alignment=TA_CENTER),
        dose_cell=ParagraphStyle("dose_cell", fontName=fonts.REGULAR, fontSize=size.body,
                                 leading=round(size.heading * 1.35 * 1.15, 2), alignment=TA_CENTER),
    )
