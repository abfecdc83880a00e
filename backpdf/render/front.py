"""The first page's full-width top: clinic, title, patient, red flags, precautions; and the
general guidance. Shared by every layout, so every handout opens the same way and the
red-flag box is always on page 1.
"""

from __future__ import annotations

from reportlab.lib.units import cm, mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import KeepTogether, Spacer

from backpdf import typeface as fonts
from backpdf.errors import BackpdfError
from backpdf.i18n import long_date
from backpdf.layout import Layout
from backpdf.model import Handout
from backpdf.render.boxes import BOX_GREY, boxed, bullet_list
from backpdf.render.flow import stacked_height
from backpdf.render.kept_flowables import Kept
from backpdf.render.markup import Para, labelled, text
from backpdf.render.pictures import PictureFlowable
from backpdf.render.styles import Styles
from backpdf.render.tables import make_table

BLANK_NAME = "_" * 24  # a sheet made without a patient (or date): a line to write it on
LOGO_HEIGHT = 1.6 * cm
LOGO_MAX_WIDTH = 6 * cm
CLINIC_SHARE = 0.36      # of the page width, for the clinic's name and details at the top right
SIDE_BY_SIDE_EMS = 14    # narrowest clinic column, in body-text ems, worth putting beside the title


def _date_words(handout: Handout) -> str:
    return long_date(handout.date, handout.language)


def printed_website(website: str | None) -> str | None:
    """"https://riverside-physio.example/" -> "riverside-physio.example": how a website is
    printed on paper; the scheme only made the line wrap inside the address."""
    if not website:
        return website
    for scheme in ("https://", "http://"):
        if website.lower().startswith(scheme):
            website = website[len(scheme):]
    return website.rstrip("/")


def _clinic_block(handout: Handout, styles: Styles, one_per_line: bool) -> list:
    """Logo, name and contact details, right-aligned: the top right of page 1."""
    clinic = handout.clinic
    block: list = []
    if clinic.logo:
        block += [PictureFlowable(clinic.logo, LOGO_MAX_WIDTH, LOGO_HEIGHT, h_align="RIGHT"), Spacer(0, 2 * mm)]
    if clinic.name:
        block.append(Para(text(clinic.name), styles.clinic_name))
    details = [text(v) for v in (clinic.address, clinic.phone, printed_website(clinic.website)) if v]
    if details and one_per_line:
        block += [Para(line, styles.clinic) for line in details]
    elif details:
        block.append(Para(" \u00b7 ".join(details), styles.clinic))
    return block


def _letterhead(handout: Handout, layout: Layout, styles: Styles, width: float) -> tuple[list, bool]:
    """The title and the patient on the left, the clinic on the right (the title above
    both when it would not fit on one line there); with big type, where the clinic's
    column would be too narrow to read, the clinic goes above instead. Also says whether
    the disclaimer is in it."""
    title = Para(text(handout.title), styles.title)
    side_by_side = width * CLINIC_SHARE >= SIDE_BY_SIDE_EMS * styles.body.fontSize
    clinic = _clinic_block(handout, styles, side_by_side) if layout.sections.clinic_header else []
    if not clinic or not side_by_side:
        return [*clinic, title, *_patient_block(handout, layout, styles, width)], False
    left_w = width * (1 - CLINIC_SHARE)
    # The disclaimer, once per handout, under whose it is: beside the clinic's address it
    # takes no room of its own (in every page's footer it took a line a page, two in large
    # print). Without a clinic beside it, it closes the front instead (front_matter).
    left = [*_patient_block(handout, layout, styles, left_w), _disclaimer(layout, styles)]
    one_line = title.wrap(left_w, styles.title.leading * 3)[1] <= styles.title.leading * 1.01
    table = make_table([[[title, *left] if one_line else left, clinic]], [left_w, width - left_w],
                       [("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("LEFTPADDING", (0, 0), (-1, -1), 0),
                        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                        ("TOPPADDING", (0, 0), (-1, -1), 0),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 0)])
    return ([table] if one_line else [title, table]), True


def _disclaimer(layout: Layout, styles: Styles) -> Para:
    return Para(text(layout.labels["disclaimer"]), styles.fine_print)


def _patient_block(handout: Handout, layout: Layout, styles: Styles, width: float) -> list:
    labels = layout.labels
    date = _date_words(handout) if handout.dated else BLANK_NAME
    shown = [(label, value) for label, value in ((labels["patient"], handout.patient or BLANK_NAME),
                                                 (labels["date"], date),
                                                 (labels["clinician"], handout.clinician)) if value]
    rows = [[Para(f"<b>{text(label)}</b>", styles.body), Para(text(value), styles.body)] for label, value in shown]
    size = styles.body.fontSize  # the label column fits its longest label ("Fecha:"), at least 4.2 em
    label_w = max(size * 4.2, *(stringWidth(label, fonts.BOLD, size) + size * 0.6 for label, _ in shown))
    return [make_table(rows, [label_w, width - label_w],
                       [("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("LEFTPADDING", (0, 0), (-1, -1), 0),
                        ("TOPPADDING", (0, 0), (-1, -1), 0),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 0)])]


def _red_flag_box(tiers, layout: Layout, styles: Styles, width: float) -> Kept:
    """One box, most urgent tier first ("Go to the emergency department or call 911 now
    if ..."), each tier's title in bold with its signs below; the same in every handout
    with these signs, so kept (render/kept_flowables.py)."""
    return Kept(("red flags", id(styles), width, tuple(tiers)), (styles,),
                lambda: _made_red_flag_box(tiers, layout, styles, width))


def _made_red_flag_box(tiers, layout: Layout, styles: Styles, width: float):
    rows: list = []
    for tier, (title, signs) in enumerate(tiers):
        if tier:
            rows.append(Spacer(0, styles.body.fontSize * 0.5))
        rows += [Para("\u26a0 " + text(title), styles.box_title), *bullet_list(signs, styles)]
    return boxed(rows, width, border=layout.borders_pt.red_flags, padding=9, background=BOX_GREY)


def _red_flags(above: list, handout: Handout, layout: Layout, styles: Styles, width: float,
               height: float) -> list | None:
    """The red flags under `above` on page 1, never split; None when page 1 cannot hold
    even their first tier under it.

    One box, whole, when it fits. Otherwise (18 pt type and the signs of several areas)
    each tier is a box of its own with its own title, each whole: the emergency signs on
    page 1, the next tier whole at the top of the next page. A tier no page can hold is
    an error: a sign list cut in two is one a patient may not read to the end.
    """
    box = _red_flag_box(handout.red_flags, layout, styles, width)
    if stacked_height([*above, box], width) <= height:
        return [KeepTogether([box])]
    boxes = [_red_flag_box([tier], layout, styles, width) for tier in handout.red_flags]
    for tier_box, (title, signs) in zip(boxes, handout.red_flags):
        needed = stacked_height([tier_box], width)
        if needed > height:
            raise BackpdfError(
                f"the red flags under '{title}' ({len(signs)} signs) are {needed / mm:.0f} mm tall in layout "
                f"'{layout.name}', and a page holds {height / mm:.0f} mm; shorten red_flags in the library "
                "or use a layout with smaller type")
    if stacked_height([*above, boxes[0]], width) > height:
        return None
    found: list = []
    for n, tier_box in enumerate(boxes):
        found += [Spacer(0, 3 * mm)] if n else []
        found.append(KeepTogether([tier_box]))
    return found


def _main_message(handout: Handout, styles: Styles) -> list:
    """Why these exercises, and what they take: the first thing a patient reads."""
    found = [Para(text(handout.why), styles.body)] if handout.why else []
    if handout.summary:
        found.append(Para(f"<b>{text(handout.summary)}</b>", styles.body))
    return found


def _precautions(handout: Handout, layout: Layout, styles: Styles, width: float) -> list:
    if not handout.precautions:
        return []
    title = Para(text(layout.labels["precautions_heading"]), styles.box_title)
    return [Spacer(0, 3 * mm),
            KeepTogether(boxed([title, *bullet_list(handout.precautions, styles)], width,
                               border=layout.borders_pt.precautions, padding=9))]


def front_matter(handout: Handout, layout: Layout, styles: Styles, width: float, height: float) -> list:
    """Everything above the exercises on page 1, for a frame `width` x `height`.

    The red-flag box is whole on page 1 whenever page 1 can hold it (see `_red_flags`
    for when it cannot).
    The clinician's note comes after the red flags, not in the patient block above them:
    however long it is, it cannot push the red flags off page 1.
    """
    story, disclaimer_placed = _letterhead(handout, layout, styles, width)
    story.append(Spacer(0, 2 * mm))
    story += _main_message(handout, styles)
    story.append(Spacer(0, 2 * mm))
    flags = _red_flags(story, handout, layout, styles, width, height)
    if flags is None:
        # Page 1 cannot hold the clinic, the patient and the emergency signs (large print,
        # several areas): the red flags come first, whole, and the rest follows them.
        flags = _red_flags([], handout, layout, styles, width, height)
        assert flags is not None  # under nothing, a tier fits a page or _red_flags has raised
        story = [*flags, Spacer(0, 3 * mm), KeepTogether(story)]
    else:
        story += flags
    story += _precautions(handout, layout, styles, width)
    if handout.note:
        story += [Spacer(0, 3 * mm), Para(labelled(layout.labels["handout_note"], handout.note), styles.body)]
    if not disclaimer_placed:
        story.append(_disclaimer(layout, styles))
    return story


GUIDANCE_COLUMN_EMS = 18  # two columns of advice only where each still holds a few words a line
GUIDANCE_GAP = 6 * mm


def guidance(handout: Handout, layout: Layout, styles: Styles, width: float) -> list:
    """The `guidance` part: the library's general advice under its heading; in two columns,
    read left to right, where the column is wide enough, so page 1 keeps room for the first
    exercise. Rows are whole: the advice can go on over a page break between rows."""
    if not handout.guidance:
        return []
    column = (width - GUIDANCE_GAP) / 2
    if column < GUIDANCE_COLUMN_EMS * styles.body.fontSize:
        return [_guidance_heading(layout, styles), *bullet_list(handout.guidance, styles)]
    return [Kept(("guidance", id(styles), width, handout.guidance), (styles,),
                 lambda: _guidance_table(handout.guidance, layout, styles, column))]


def _guidance_heading(layout: Layout, styles: Styles) -> Para:
    return Para(text(layout.labels["guidance_heading"]), styles.heading)


def _guidance_table(advice: tuple[str, ...], layout: Layout, styles: Styles, column: float):
    """The advice in two columns, the same in every handout, so kept (see `guidance`).
    The heading is the table's first row, kept with the row under it (NOSPLIT): a
    heading that kept with the whole table would carry all of it to the next page."""
    bullets = bullet_list(advice, styles)
    rows = [[_guidance_heading(layout, styles), ""]] + [bullets[i:i + 2] + [""] * (2 - len(bullets[i:i + 2]))
                                                      for i in range(0, len(bullets), 2)]
    return make_table(rows, [column + GUIDANCE_GAP / 2, column + GUIDANCE_GAP / 2],
                       [("SPAN", (0, 0), (1, 0)), ("NOSPLIT", (0, 0), (-1, 1)),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                        ("RIGHTPADDING", (0, 0), (-1, -1), GUIDANCE_GAP / 2), ("TOPPADDING", (0, 0), (-1, -1), 0),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                        ("TOPPADDING", (0, 0), (-1, 0), styles.heading.spaceBefore),
                        ("BOTTOMPADDING", (0, 0), (-1, 0), styles.heading.spaceAfter)], split_in_row=False)
