"""Exercise cards as platypus flowables.

A card stays in one column of one page when it fits (KeepWhole); a card taller than a
column splits at paragraph boundaries, with "continued" marks at both ends of the break
(PTOContainer), so nothing is ever clipped. Its picture, when the layout shows one, sits
above its QR block beside the steps, or above the steps.
"""

from __future__ import annotations

from dataclasses import fields

from reportlab.lib.units import cm, mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Spacer

from backpdf.layout import Layout
from backpdf.model import Exercise, HandoutExercise, Picture
from backpdf.render.boxes import BAR_GREY, boxed
from backpdf.render.dose_panel import DosePanel
from backpdf.render.fill_in import RuledBox
from backpdf.render.flow import BesideSteps, Card, KeepWhole, SideBySide, SideColumn, stacked_height
from backpdf.render.kept_flowables import KeptCard
from backpdf.render.markup import Para, labelled, text
from backpdf.render.pictures import PictureFlowable
from backpdf.render.qrblock import PrintedLink, QRBlock
from backpdf.render.styles import Styles

STEPS_GAP = 4 * mm     # between the steps and the column beside them
PICTURE_GAP = 5 * mm   # between a picture above the steps and the QR block beside it


class TitleBar(Flowable):
    """Number and name on a grey bar, the kind of exercise at the right.

    Its own flowable rather than a one-row Table: tables measure every cell several times
    and were a sixth of a card's render time. It does not split: names are at most 120
    characters (library schema), which is at most a few lines even in large print.
    """

    PAD_X, PAD_TOP, PAD_BOTTOM = 4, 3, 5

    def __init__(self, ex: HandoutExercise, kind_label: str, styles: Styles):
        super().__init__()
        label = text(kind_label)
        self._cells = [Para(f"{ex.number}.", styles.card_title), Para(text(ex.exercise.name), styles.card_title),
                       Para(label, styles.small)]
        self._number_w = stringWidth("00.", styles.card_title.fontName, styles.card_title.fontSize) + 10
        self._kind_w = stringWidth(label, styles.small.fontName, styles.small.fontSize) + 10

    def wrap(self, avail_width, avail_height):
        widths = (self._number_w, avail_width - self._number_w - self._kind_w, self._kind_w)
        self._sizes = [cell.wrap(w - 2 * self.PAD_X, avail_height) for cell, w in zip(self._cells, widths)]
        self._widths = widths
        self.width = avail_width
        self.height = max(h for _, h in self._sizes) + self.PAD_TOP + self.PAD_BOTTOM
        return self.width, self.height

    def draw(self):
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColor(BAR_GREY)
        canvas.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        canvas.restoreState()
        x = 0
        inner = self.height - self.PAD_TOP - self.PAD_BOTTOM
        for cell, (_, h), w in zip(self._cells, self._sizes, self._widths):
            cell.drawOn(canvas, x + self.PAD_X, self.PAD_BOTTOM + (inner - h) / 2)
            x += w


def _card_body(ex: HandoutExercise, layout: Layout, styles: Styles, width: float, link_below: bool) -> list:
    """Steps, dose, tips, cautions, note and warnings, in the order a patient reads them;
    then the video link as text when it is not printed under the QR code."""
    labels = layout.labels
    body = _purpose_and_dose(ex, layout, styles) if layout.images.place == "beside" else []
    body += [Para(text(step), styles.step, bulletText=f"{i}.") for i, step in enumerate(ex.exercise.steps, 1)]
    # One paragraph per label, not one per sentence: the label once, then its sentences,
    # which fill the line the label starts instead of each leaving a part-empty line.
    body += [Para(labelled(labels[label], " ".join(found)), styles.label)
             for label, found in (("tip", ex.exercise.tips), ("caution", ex.cautions)) if found]
    if ex.note:
        body.append(Para(labelled(labels["exercise_note"], ex.note), styles.label))
    for warning in ex.warnings:
        body.append(boxed([Para(labelled(labels["warning"], warning), styles.label)],
                          width, border=layout.borders_pt.warning, padding=6))
    if link_below:
        body.append(_printed_link(ex, layout, styles))
    return body


def _printed_link(ex: HandoutExercise, layout: Layout, styles: Styles) -> PrintedLink:
    """"Video: https://..." under the steps, for a card whose QR block does not carry it."""
    return PrintedLink(ex.video_url, styles.link, label=layout.labels["video"] + " ")


def _purpose_and_dose(ex: HandoutExercise, layout: Layout, styles: Styles) -> list:
    """What the exercise is for, and the dose panel: beside a picture that sits beside the
    steps, else across the card under the picture, where the panel's boxes fit in one row."""
    found: list = [Para(text(ex.exercise.purpose), styles.body)] if ex.exercise.purpose else []
    if ex.dose_cells:
        found.append(DosePanel(ex.dose_cells, styles, layout.borders_pt.table))
    return found


def _pictures(ex: HandoutExercise, picture: Picture | None, layout: Layout, styles: Styles, width: float,
              link_beside: bool) -> tuple[SideColumn | None, list]:
    """The column beside the steps (None when the steps take the card's whole width), and
    what goes above the steps.

    A picture beside the steps has its QR block under it. A picture above the steps has
    its QR block beside it, so the steps below get the card's whole width: in a narrow
    column or in big type, steps squeezed beside a QR column wrapped every few words.
    """
    if picture is None or layout.images.place == "beside":
        return _side_column(ex, picture, layout, styles, link_beside), []
    qr = _qr_block(ex, layout, styles, link_beside)
    picture_w = min(layout.images.width_cm * cm, width - qr.block_width - PICTURE_GAP)
    return None, [SideBySide(PictureFlowable(picture, picture_w, layout.images.height_cm * cm), qr, width),
                  Spacer(0, 2 * mm)]


def _side_column(ex: HandoutExercise, picture: Picture | None, layout: Layout, styles: Styles,
                 link_beside: bool) -> SideColumn:
    """The column beside the steps: the picture (where the layout puts it there) over the
    QR block, or the QR block alone."""
    qr = _qr_block(ex, layout, styles, link_beside)
    if picture is None or layout.images.place != "beside":
        return SideColumn([qr], qr.block_width)
    column_w = max(qr.block_width, layout.images.width_cm * cm)
    return SideColumn([PictureFlowable(picture, column_w, layout.images.height_cm * cm), Spacer(0, 3 * mm), qr],
                      column_w)


def _qr_block(ex: HandoutExercise, layout: Layout, styles: Styles, link_beside: bool) -> QRBlock:
    return QRBlock(ex.video_url, layout.qr_cm * cm, layout.qr_column_width_cm * cm, styles,
                   caption=layout.labels["scan_to_watch"], with_link=link_beside)


class ContinuesNote(Flowable):
    """The mark at the foot of a split card: "...continues on the next page", or "in the
    next column" when the break is between columns of one page. Only the document knows
    which frame it is drawing in, so the words are chosen when drawn."""

    def __init__(self, layout: Layout, styles: Styles):
        super().__init__()
        self._notes = [Para(text(layout.labels[key]), styles.small)
                       for key in ("continues_next_page", "continues_next_column")]

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        self.height = max(note.wrap(avail_width, avail_height)[1] for note in self._notes)
        return self.width, self.height

    def draw(self):
        doc = self.canv._doctemplate
        last_frame = doc.frame is doc.pageTemplate.frames[-1]
        self._notes[0 if last_frame else 1].drawOn(self.canv, 0, 0)


def exercise_card(ex: HandoutExercise, layout: Layout, styles: Styles, width: float,
                  column_height: float, lead: tuple = ()) -> list:
    """One exercise: title bar, then the body with its picture and QR block, then (when the
    layout asks) ruled lines for the clinician's notes.

    `lead` flowables (a section heading) are kept with the card; `column_height` is the
    height of a full column, the most a card can wait for. The card itself is kept
    (render/kept_flowables.py): built, measured and drawn once per process for the same
    exercise, layout and width.
    """
    picture = ex.picture if layout.images.place != "none" else None
    key, holds = _card_key(ex, styles, width, column_height)
    card = KeptCard(key, holds, lambda: _card(ex, picture, layout, styles, width, column_height),
                    pictures=(picture,) if picture else ())
    notes: list = []
    if layout.sections.exercise_notes_lines:
        notes = [Spacer(0, 3 * mm), RuledBox(layout.labels["exercise_notes_heading"],
                                             layout.sections.exercise_notes_lines, styles, width,
                                             border=layout.borders_pt.note_box, fewer_ok=True)]
    return [KeepWhole([*lead, card, *notes], column_height), Spacer(0, layout.space_between_exercises_mm * mm)]


def _card_key(ex: HandoutExercise, styles: Styles, width: float, column_height: float) -> tuple[tuple, tuple]:
    """(key, objects whose ids it uses): everything a card is made from. Every field of the
    exercise, by value, except the library's exercise (by identity: the same object in
    every handout of a run) and pictures (by their content key). The layout is its styles
    object: `styles_for` is cached by layout value, so equal layouts share one."""
    values = tuple(
        id(value) if isinstance(value, Exercise)
        else (value.key, value.width, value.height) if isinstance(value, Picture)
        else value
        for value in (getattr(ex, f.name) for f in fields(ex)))
    return (id(styles), width, column_height, values), (styles, ex.exercise)


def _card(ex: HandoutExercise, picture: Picture | None, layout: Layout, styles: Styles, width: float,
          column_height: float) -> Card:
    """The card's title bar, picture, QR block and body; split with "continued" marks."""
    link_beside = layout.link_text == "beside"
    side, above = _pictures(ex, picture, layout, styles, width, link_beside)
    if layout.images.place != "beside":
        above += _purpose_and_dose(ex, layout, styles)
    if side is None:
        body = _card_body(ex, layout, styles, width, link_below=not link_beside)
    else:
        narrow = width - side.width - STEPS_GAP
        steps = _card_body(ex, layout, styles, narrow, link_below=not link_beside)
        if link_beside:
            moved = [*steps, _printed_link(ex, layout, styles)]
            if stacked_height(moved, narrow) <= side.wrap(side.width, column_height)[1]:
                # A tall picture makes the column beside the steps the taller one: its link
                # goes under the steps, into the room beside that column, and the card is
                # shorter by the link's lines.
                side = _side_column(ex, picture, layout, styles, link_beside=False)
                steps = moved
        body = [BesideSteps(side, steps, STEPS_GAP, top_pad=2 * mm)]
    continued = [Para(f"{ex.number}. {text(ex.exercise.name)} {text(layout.labels['continued'])}",
                      styles.card_title), Spacer(0, 2 * mm)]
    kind_label = layout.labels[f"kind_{ex.exercise.kind}"]
    head = [TitleBar(ex, kind_label, styles), Spacer(0, 2 * mm), *above, *body[:1]]
    return Card([*head, *body[1:]], trailer=[ContinuesNote(layout, styles)], header=continued, head=len(head))
