"""What the patient or clinician fills in by pen: ruled note boxes and the 4-week log.

A tangible record is what keeps people exercising, so the log is a real table with room
to write: a row per day for 4 weeks, a tick column per exercise numbered as in the
handout, and a pain score.
"""

from __future__ import annotations

import math

from reportlab.lib import colors
from reportlab.lib.units import cm, mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, PageBreak, Spacer

from backpdf.layout import Labels, Layout
from backpdf.model import Handout, HandoutExercise
from backpdf.render.boxes import BAR_GREY, RULE_GREY
from backpdf.render.markup import Para, text
from backpdf.render.styles import Styles
from backpdf.render.tables import make_table

WRITING_LINE = 9 * mm       # room for a hand that is not steady
BOX_PADDING = 9
MIN_LINES = 3
LOG_DAYS = 28
MAX_LOG_ROW = 10 * mm
MAX_TICK_COLUMN = 2.5 * cm


class RuledBox(Flowable):
    """A bordered box: a title, then ruled lines to write on.

    `fewer_ok` (the clinician's box under an exercise): where the page is short it gives
    fewer lines, never under MIN_LINES, so it stays on the page of its exercise; where
    not even those fit it is left out, rather than printed alone on a page of its own.
    Otherwise it splits across pages like text.
    """

    def __init__(self, title: str, lines: int, styles: Styles, width: float, border: float, fewer_ok: bool):
        super().__init__()
        self.title, self.lines, self.styles, self.width = title, lines, styles, width
        self.border, self.fewer_ok = border, fewer_ok
        self._title = Para(text(title), styles.box_title)
        self._title_h = self._title.wrap(width - 2 * BOX_PADDING, 10_000)[1]
        self.gap = max(WRITING_LINE, styles.body.fontSize * 2)
        self.height = self._height(lines)

    def _height(self, lines: int) -> float:
        return 2 * BOX_PADDING + self._title_h + lines * self.gap

    def wrap(self, avail_width, avail_height):
        return self.width, self.height

    def split(self, avail_width, avail_height):
        fit = int((avail_height - self._height(0)) // self.gap)
        if self.fewer_ok and fit < MIN_LINES:
            return [Spacer(0, 0)]  # left out: blank lines alone on the next page help nobody
        if fit < MIN_LINES or fit >= self.lines:
            return []
        first = RuledBox(self.title, fit, self.styles, self.width, self.border, self.fewer_ok)
        if self.fewer_ok:
            return [first]
        return [first, RuledBox(self.title, self.lines - fit, self.styles, self.width, self.border, self.fewer_ok)]

    def draw(self):
        canvas = self.canv
        canvas.saveState()
        canvas.setLineWidth(self.border)
        canvas.rect(0, 0, self.width, self.height)
        self._title.drawOn(canvas, BOX_PADDING, self.height - BOX_PADDING - self._title_h)
        canvas.setLineWidth(0.6)
        canvas.setStrokeColor(RULE_GREY)
        for i in range(1, self.lines):
            canvas.line(BOX_PADDING, BOX_PADDING + i * self.gap, self.width - BOX_PADDING, BOX_PADDING + i * self.gap)
        canvas.restoreState()


def notes_section(layout: Layout, styles: Styles, width: float) -> list:
    """The `notes` part: a box of `sections.notes_lines` ruled lines (none when 0)."""
    if not layout.sections.notes_lines:
        return []
    return [Spacer(0, 4 * mm), RuledBox(layout.labels["notes_heading"], layout.sections.notes_lines, styles,
                                        width, border=layout.borders_pt.note_box, fewer_ok=False)]


def _groups(exercises: tuple[HandoutExercise, ...], per_table: int) -> list[tuple[HandoutExercise, ...]]:
    """Exercises split into as few, as even groups as fit across a page."""
    count = math.ceil(len(exercises) / per_table)
    size = math.ceil(len(exercises) / count)
    return [exercises[i:i + size] for i in range(0, len(exercises), size)]


def tracking_log(handout: Handout, layout: Layout, styles: Styles, width: float, height: float) -> list:
    """The log, each part on a page of its own; `width` x `height` is the frame it fills.

    28 rows on one page when they can be tall enough to write in, else two weeks a page;
    when the exercise columns do not fit across, the log is repeated for the rest.
    """
    head, labels = styles.table_head, layout.labels
    day_w = stringWidth(labels.fill("log_day_number", day=LOG_DAYS), styles.cell.fontName, styles.cell.fontSize) + 14
    date_w = max(2.2 * cm, stringWidth(labels["log_date"], head.fontName, head.fontSize) + 14)
    pain_w = max(2 * cm, stringWidth("0\u201310", head.fontName, head.fontSize) + 14)
    tick_min = max(1 * cm, stringWidth("00", head.fontName, head.fontSize) + 12)
    per_table = max(1, int((width - day_w - date_w - pain_w) // tick_min))
    header_h = head.leading * 2 + 8
    min_row = styles.cell.fontSize * 1.25 + 4
    story: list = []
    for group in _groups(handout.exercises, per_table):
        tick_w = min(MAX_TICK_COLUMN, (width - day_w - date_w - pain_w) / len(group))
        widths = [day_w, width - day_w - pain_w - tick_w * len(group), *[tick_w] * len(group), pain_w]
        intro = _log_intro(group, labels, styles)
        room = height - sum(f.wrap(width, height)[1] + f.getSpaceBefore() + f.getSpaceAfter()
                            for f in intro) - header_h - 2
        per_page = LOG_DAYS if room >= LOG_DAYS * min_row else 14
        row_h = min(MAX_LOG_ROW, room / per_page)
        for first in range(1, LOG_DAYS + 1, per_page):
            days = range(first, first + per_page)
            story += [PageBreak(), *_log_intro(group, labels, styles),
                      _log_table(group, days, labels, styles, widths, header_h, row_h)]
    return story


def _log_intro(group, labels: Labels, styles: Styles) -> list:
    key = ", ".join(f"<b>{ex.number}</b>\u00a0=\u00a0{text(ex.exercise.name)}" for ex in group)
    return [Para(text(labels["log_title"]), styles.title), Para(text(labels["log_how"]), styles.body),
            Para(f"<b>{text(labels['log_exercises'])}</b> {key}", styles.body), Spacer(0, 3 * mm)]


def _log_table(group, days: range, labels: Labels, styles: Styles, widths: list, header_h: float,
               row_h: float):
    header = [Para(text(labels["log_day"]), styles.table_head), Para(text(labels["log_date"]), styles.table_head),
              *[Para(str(ex.number), styles.table_head) for ex in group],
              Para(text(labels["log_pain"]), styles.table_head)]
    rows = [header] + [[Para(text(labels.fill("log_day_number", day=day)), styles.cell)] + [""] * (len(widths) - 1)
                       for day in days]
    commands = [("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BOX", (0, 0), (-1, -1), 1.2, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), BAR_GREY),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 1), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 1), (-1, -1), 2)]
    # A heavier rule after each week, so "week 2" is easy to find.
    commands += [("LINEBELOW", (0, i), (-1, i), 1.6, colors.black)
                 for i, day in enumerate(days, 1) if day % 7 == 0 and day != days[-1]]
    return make_table(rows, widths, commands, row_heights=[header_h] + [row_h] * len(days), repeat_rows=1)
