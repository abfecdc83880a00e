"""The "fridge sheet": one table row per exercise with its short dose, its QR code and a
tick box for each day of the week.

Rows are as short as a readable QR code allows (the code and its quiet zone set the row
height), so 6 exercises fit under the red flags on page 1 of Letter and A4; more run onto
the next page under a repeated header row, each row whole.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import cm, mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Spacer

from backpdf.layout import Layout
from backpdf.model import Handout
from backpdf.render.boxes import BAR_GREY
from backpdf.render.markup import Para, text
from backpdf.render.pictures import PictureFlowable
from backpdf.render.qrblock import QRCode
from backpdf.render.styles import Styles
from backpdf.render.tables import make_table

TICK_BOX = 0.8 * cm
THUMBNAIL = 2.5 * cm       # the exercise's picture, small enough to fit a row, big enough to read
THUMBNAIL_GAP = 2 * mm


def _beside(thumbnail, what: list, text_width: float):
    """The row's picture at the left of its name and dose."""
    return make_table([[thumbnail, what]], [THUMBNAIL + THUMBNAIL_GAP, text_width],
                      [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                       ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0),
                       ("BOTTOMPADDING", (0, 0), (-1, -1), 0)])


class TickBox(Flowable):
    """An empty square to tick."""

    def __init__(self, size: float):
        super().__init__()
        self.width = self.height = size

    def wrap(self, avail_width, avail_height):
        return self.width, self.height

    def draw(self):
        self.canv.setLineWidth(1.2)
        self.canv.rect(0, 0, self.width, self.height)


def checklist(handout: Handout, layout: Layout, styles: Styles, width: float, height: float) -> list:
    """The instruction line and the table, for a frame `width` x `height`."""
    codes = [QRCode(ex.video_url, layout.qr_cm * cm, stacked=True) for ex in handout.exercises]
    head, labels, rules = styles.table_head, layout.labels, layout.borders_pt
    weekdays = labels["weekdays"]
    number_w = stringWidth("00", styles.row_number.fontName, styles.row_number.fontSize) + 10
    code_w = max(code.width for code in codes)
    day_head = styles.small_bold  # small enough that 7 days leave the name and picture room
    day_w = max(TICK_BOX + 5, *(stringWidth(day, day_head.fontName, day_head.fontSize) + 5 for day in weekdays))
    name_w = width - number_w - code_w - len(weekdays) * day_w
    header = ["", Para(text(labels["checklist_exercise"]), styles.cell_bold),
              Para(text(labels["checklist_video"]), head), *[Para(text(day), day_head) for day in weekdays]]
    rows = [header]
    tallest = 0.0
    for ex, code in zip(handout.exercises, codes):
        what: list = [Para(text(ex.exercise.name), styles.cell_bold)]
        if ex.dose_short:
            what.append(Para(text(ex.dose_short), styles.cell))
        text_w = name_w - 8 - (THUMBNAIL + THUMBNAIL_GAP if ex.thumbnail else 0)
        tallest = max(tallest, sum(p.wrap(text_w, height)[1] for p in what), THUMBNAIL if ex.thumbnail else 0)
        if ex.thumbnail:
            what = [_beside(PictureFlowable(ex.thumbnail, THUMBNAIL, THUMBNAIL), what, text_w)]
        rows.append([Para(str(ex.number), styles.row_number), what, code,
                     *[TickBox(min(TICK_BOX, day_w - 3 * mm)) for _ in weekdays]])
    # Rules stop at the QR column: stacked codes share their quiet zones, and nothing may
    # be drawn inside one. The header's text is far enough above the first code.
    first_quiet = max(code.quiet for code in codes)
    commands = [
        ("LINEABOVE", (0, 0), (-1, 0), rules.table_outer, colors.black),
        ("LINEBELOW", (0, 0), (1, -1), rules.table, colors.black),
        ("LINEBELOW", (3, 0), (-1, -1), rules.table, colors.black),
        ("LINEBELOW", (0, -1), (1, -1), rules.table_outer, colors.black),
        ("LINEBELOW", (3, -1), (-1, -1), rules.table_outer, colors.black),
        ("LINEBEFORE", (0, 0), (0, -1), rules.table_outer, colors.black),
        ("LINEBEFORE", (3, 0), (3, -1), rules.table, colors.black),
        ("LINEAFTER", (-1, 0), (-1, -1), rules.table_outer, colors.black),
        ("BACKGROUND", (0, 0), (1, 0), BAR_GREY),
        ("BACKGROUND", (3, 0), (-1, 0), BAR_GREY),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (3, 0), (-1, -1), "CENTER"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (3, 0), (-1, -1), 1),
        ("RIGHTPADDING", (3, 0), (-1, -1), 1),
        ("TOPPADDING", (0, 0), (-1, 0), 4),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 6),
        ("BOTTOMPADDING", (2, 0), (2, 0), max(6, first_quiet)),
        ("VALIGN", (2, 0), (2, 0), "TOP"),
        ("LEFTPADDING", (2, 1), (2, -1), 0),
        ("RIGHTPADDING", (2, 1), (2, -1), 0),
        ("TOPPADDING", (2, 1), (2, -1), 0),
        ("BOTTOMPADDING", (2, 1), (2, -1), 0),
    ]
    # A row is one exercise: it moves to the next page whole, unless a name so long that
    # the row could outgrow a page forces it to split like text.
    table = make_table(rows, [number_w, name_w, code_w, *[day_w] * len(weekdays)], commands, repeat_rows=1,
                       split_in_row=tallest > height / 2)
    return [Spacer(0, 2 * mm), Para(text(labels["checklist_how"]), styles.body), Spacer(0, 1 * mm), table]
