"""Exercise cards and the boxed sections (red flags, precautions) as platypus flowables.

A card stays on one page when it fits (KeepTogether); a card taller than a page splits at
paragraph boundaries, with "continued" marks at both ends of the break (PTOContainer), so
nothing is ever clipped.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import cm, mm
from reportlab.platypus import ImageAndFlowables, KeepTogether, Paragraph, PTOContainer, Spacer

from backpdf.handout import HandoutExercise
from backpdf.layout import Layout
from backpdf.render.markup import labelled, text
from backpdf.render.qrblock import QRBlock
from backpdf.render.styles import Styles
from backpdf.render.tables import make_table

KIND_LABELS = {
    "strengthening": "Strengthening",
    "stretching": "Stretch",
    "mobility": "Mobility",
    "aerobic": "Activity",
}
BAR_GREY = colors.Color(0.88, 0.88, 0.88)
BOX_GREY = colors.Color(0.95, 0.95, 0.95)


def boxed(rows: list, width: float, border: float, padding: float, background=None) -> Table:
    """A bordered box of flowables, one per row, that may split across pages (and inside
    a row, for text taller than a page) instead of raising a LayoutError."""
    style = [
        ("BOX", (0, 0), (-1, -1), border, colors.black),
        ("LEFTPADDING", (0, 0), (-1, -1), padding),
        ("RIGHTPADDING", (0, 0), (-1, -1), padding),
        ("TOPPADDING", (0, 0), (-1, -1), padding * 0.25),
        ("BOTTOMPADDING", (0, 0), (-1, -1), padding * 0.25),
        ("TOPPADDING", (0, 0), (-1, 0), padding * 0.7),
        ("BOTTOMPADDING", (0, -1), (-1, -1), padding * 0.7),
    ]
    if background is not None:
        style.append(("BACKGROUND", (0, 0), (-1, -1), background))
    return make_table([[row] for row in rows], [width], style)


def bullet_list(items, styles: Styles) -> list:
    return [Paragraph(text(item), styles.bullet, bulletText="\u2022") for item in items]


def _title_bar(ex: HandoutExercise, width: float, styles: Styles) -> Table:
    """Number and name on a grey bar, the kind of exercise at the right."""
    number = Paragraph(f"{ex.number}.", styles.card_title)
    name = Paragraph(text(ex.name), styles.card_title)
    kind = Paragraph(KIND_LABELS[ex.kind], styles.small)
    number_w = styles.card_title.fontSize * 2.2
    kind_w = styles.small.fontSize * 9
    return make_table([[number, name, kind]], [number_w, width - number_w - kind_w, kind_w], [
        ("BACKGROUND", (0, 0), (-1, -1), BAR_GREY),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ])


def _card_body(ex: HandoutExercise, styles: Styles, width: float) -> list:
    """Steps, dose, tips, cautions, note and warnings, in the order a patient reads them."""
    body = [Paragraph(text(step), styles.step, bulletText=f"{i}.")
            for i, step in enumerate(ex.steps, 1)]
    if ex.dose_sentences:
        body.append(Paragraph(labelled("How much:", " ".join(ex.dose_sentences)), styles.dose))
    body += [Paragraph(labelled("Tip:", tip), styles.label) for tip in ex.tips]
    body += [Paragraph(labelled("Be careful:", caution), styles.label) for caution in ex.cautions]
    if ex.note:
        body.append(Paragraph(labelled("Note from your clinician:", ex.note), styles.label))
    for warning in ex.warnings:
        body.append(boxed([Paragraph(labelled("Warning:", warning), styles.label)],
                          width, border=1.5, padding=6))
    return body


def exercise_card(ex: HandoutExercise, layout: Layout, styles: Styles, width: float,
                  lead: tuple = ()) -> list:
    """One exercise: title bar, then the body with the QR block on the right.

    `lead` flowables (a section heading) are kept on the same page as the card.
    """
    qr_symbol = layout.qr_cm * cm
    qr_block = QRBlock(ex.video_url, qr_symbol, qr_symbol + 1.6 * cm, styles)
    gap = 4 * mm
    body_width = width - qr_block.block_width - gap
    body = ImageAndFlowables(qr_block, _card_body(ex, styles, body_width), imageSide="right",
                             imageLeftPadding=gap, imageRightPadding=0, imageTopPadding=2 * mm,
                             imageBottomPadding=2 * mm)
    continued = [Paragraph(f"{ex.number}. {text(ex.name)} (continued)", styles.card_title),
                 Spacer(0, 2 * mm)]
    turn_over = [Paragraph("This exercise continues on the next page.", styles.small)]
    card = PTOContainer([_title_bar(ex, width, styles), Spacer(0, 2 * mm), body],
                        trailer=turn_over, header=continued)
    return [KeepTogether([*lead, card]), Spacer(0, layout.space_between_exercises_mm * mm)]
