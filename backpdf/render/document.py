"""`render(handout, layout, paper) -> bytes`: the whole handout as a PDF, deterministically.

Pure: no clock, no files written; the same handout gives the same bytes (reportlab's
invariant mode fixes the document ID and dates). Page geometry comes from the layout file;
columns are frames, not coordinate arithmetic.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib.units import cm, mm
from reportlab.platypus import BaseDocTemplate, Frame, Image, PageTemplate, Paragraph, Spacer

from backpdf.handout import Handout
from backpdf.layout import PAPER_SIZES_MM, Layout
from backpdf.render import fonts
from backpdf.render.cards import BOX_GREY, boxed, bullet_list, exercise_card
from backpdf.render.markup import text
from backpdf.render.page import Footer, numbered_canvas
from backpdf.render.styles import Styles, styles_for
from backpdf.render.tables import make_table

PDF_TITLE = "Home exercise program"
LOGO_HEIGHT = 1.6 * cm


def _date_words(handout: Handout) -> str:
    d = handout.date
    return f"{d.day} {d:%B} {d.year}"


def _clinic_header(handout: Handout, styles: Styles, width: float) -> list:
    clinic = handout.clinic
    lines = []
    if clinic.name:
        lines.append(Paragraph(text(clinic.name), styles.heading))
    details = [v for v in (clinic.address, clinic.phone, clinic.website) if v]
    if details:
        lines.append(Paragraph(" \u00b7 ".join(text(v) for v in details), styles.body))
    if not lines and not clinic.logo:
        return []
    if not clinic.logo:
        return lines
    logo = Image(str(clinic.logo))
    logo.drawWidth = logo.imageWidth * LOGO_HEIGHT / logo.imageHeight
    logo.drawHeight = LOGO_HEIGHT
    return [make_table([[lines, logo]], [width - logo.drawWidth - 6, logo.drawWidth + 6],
                       [("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                        ("LEFTPADDING", (0, 0), (-1, -1), 0),
                        ("RIGHTPADDING", (0, 0), (-1, -1), 0)])]


def _patient_block(handout: Handout, styles: Styles, width: float) -> list:
    rows = []
    for label, value in (("For:", handout.patient), ("Date:", _date_words(handout)),
                         ("From:", handout.clinician), ("Note:", handout.note)):
        if value:
            rows.append([Paragraph(f"<b>{label}</b>", styles.body), Paragraph(text(value), styles.body)])
    label_w = styles.body.fontSize * 4.2
    return [make_table(rows, [label_w, width - label_w],
                       [("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("LEFTPADDING", (0, 0), (-1, -1), 0),
                        ("TOPPADDING", (0, 0), (-1, -1), 0),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 0)])]


def _red_flags(handout: Handout, styles: Styles, width: float) -> list:
    title = Paragraph("\u26a0 " + text(handout.red_flags_title), styles.box_title)
    return [boxed([title, *bullet_list(handout.red_flags, styles)], width,
                  border=2.2, padding=9, background=BOX_GREY)]


def _precautions(handout: Handout, styles: Styles, width: float) -> list:
    if not handout.precautions:
        return []
    title = Paragraph("Your precautions", styles.box_title)
    return [Spacer(0, 3 * mm),
            boxed([title, *bullet_list(handout.precautions, styles)], width, border=1.2, padding=9)]


def _guidance(handout: Handout, styles: Styles) -> list:
    if not handout.guidance:
        return []
    return [Paragraph("Before you start", styles.heading), *bullet_list(handout.guidance, styles)]


def _story(handout: Handout, layout: Layout, styles: Styles, width: float) -> list:
    story: list = []
    if layout.sections.clinic_header:
        story += _clinic_header(handout, styles, width)
    story.append(Paragraph(text(handout.title), styles.title))
    story += _patient_block(handout, styles, width)
    story.append(Spacer(0, 4 * mm))
    story += _red_flags(handout, styles, width)
    story += _precautions(handout, styles, width)
    if layout.sections.guidance:
        story += _guidance(handout, styles)
    lead = (Paragraph("Your exercises", styles.heading),)
    for exercise in handout.exercises:
        story += exercise_card(exercise, layout, styles, width, lead)
        lead = ()
    return story


@dataclass(frozen=True)
class RenderedPDF:
    data: bytes
    pages: int


def render(handout: Handout, layout: Layout, paper: str = "letter") -> RenderedPDF:
    """The handout as a PDF. Raises BackpdfError for text the font cannot print."""
    fonts.check_printable(handout.texts())
    styles = styles_for(layout)
    page_w, page_h = (v * mm for v in PAPER_SIZES_MM[paper])
    m = layout.margins_mm
    width = page_w - (m.left + m.right) * mm
    height = page_h - (m.top + m.bottom) * mm
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer, pagesize=(page_w, page_h), invariant=1,
        leftMargin=m.left * mm, rightMargin=m.right * mm, topMargin=m.top * mm, bottomMargin=m.bottom * mm,
        title=PDF_TITLE, author=handout.clinic.name or "backpdf", subject="", keywords="",
        creator="backpdf", producer="backpdf",
        # Without this the canvas starts each page in Helvetica, an unembedded font.
        initialFontName=fonts.REGULAR,
    )
    frame = Frame(m.left * mm, m.bottom * mm, width, height, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    footer = Footer(left=m.left * mm, right=page_w - m.right * mm, bottom_margin=m.bottom * mm,
                    font_size=layout.font_sizes.small, phone=handout.clinic.phone)
    doc.build(_story(handout, layout, styles, width), canvasmaker=numbered_canvas(footer))
    return RenderedPDF(buffer.getvalue(), doc.page)
