"""`render(handout, layout, paper) -> RenderedPDF`: the whole handout, deterministically.

Pure: no clock, no files written; the same handout gives the same bytes (reportlab's
invariant mode fixes the document ID and dates). Page geometry comes from the layout file.
Columns are frames on page templates, not coordinate arithmetic:

* "full": one frame the width of the page (everything in one-column layouts, the checklist
  table, the tracking log);
* "columns": `layout.columns` frames side by side, for exercise cards;
* "first": for cards in columns, page 1 has a full-width frame on top, exactly as tall as
  the clinic header, title, patient and red flags need, and the columns below it.
"""

from __future__ import annotations

import io
from dataclasses import asdict, dataclass

from reportlab import rl_config
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, KeepTogether, NextPageTemplate,
                                PageBreak, PageTemplate)

from backpdf.errors import BackpdfError
from backpdf.handout import Handout
from backpdf.images import check_images
from backpdf.layout import PAPER_SIZES_MM, Layout
from backpdf.layout_geometry import layout_geometry_problems
from backpdf.render import fonts
from backpdf.render.markup import Para

# Page content is Flate-compressed either way; reportlab's default also wraps it in
# ASCII85 (a 7-bit mail-safe text encoding) which only adds a quarter to its size.
rl_config.useA85 = 0
from backpdf.render.cards import exercise_card
from backpdf.render.checklist import checklist
from backpdf.render.front import front_matter, guidance
from backpdf.render.handwriting import notes_section, tracking_log
from backpdf.render.page import Footer, numbered_canvas
from backpdf.render.styles import Styles, styles_for

PDF_TITLE = "Home exercise program"
TOP_FRAME_SLACK = 6 * mm  # measuring flowables outside a frame can come out a little short


@dataclass(frozen=True)
class Page:
    """Paper and margins in points; the bottom margin is made tall enough for the footer."""

    width: float
    height: float
    left: float
    right: float
    top: float
    bottom: float
    column_gap: float
    columns: int

    @classmethod
    def of(cls, layout: Layout, paper: str) -> "Page":
        width, height = (v * mm for v in PAPER_SIZES_MM[paper])
        m = layout.margins_mm
        footer = Footer.height_needed(layout.font_sizes.small, width - (m.left + m.right) * mm)
        return cls(width, height, m.left * mm, m.right * mm, m.top * mm,
                   max(m.bottom * mm, footer), layout.column_gap_mm * mm, layout.columns)

    @property
    def frame_width(self) -> float:
        return self.width - self.left - self.right

    @property
    def frame_height(self) -> float:
        return self.height - self.top - self.bottom

    @property
    def column_width(self) -> float:
        return (self.frame_width - (self.columns - 1) * self.column_gap) / self.columns

    def frame(self, frame_id: str, x: float, y: float, width: float, height: float) -> Frame:
        return Frame(x, y, width, height, id=frame_id,
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def column_frames(self, height: float) -> list[Frame]:
        step = self.column_width + self.column_gap
        return [self.frame(f"column{i + 1}", self.left + i * step, self.bottom, self.column_width, height)
                for i in range(self.columns)]

    def templates(self, top_height: float | None) -> list[PageTemplate]:
        """The page templates, the one page 1 starts with first."""
        full = PageTemplate("full", [self.frame("full", self.left, self.bottom, self.frame_width,
                                                 self.frame_height)])
        if self.columns == 1:
            return [full]
        columns = PageTemplate("columns", self.column_frames(self.frame_height))
        if top_height is None:
            return [full, columns]
        top_height = min(top_height, self.frame_height)
        top = self.frame("top", self.left, self.height - self.top - top_height, self.frame_width, top_height)
        first = PageTemplate("first", [top, *self.column_frames(self.frame_height - top_height)],
                             autoNextPageTemplate="columns")
        return [first, full, columns]


def _height_of(flowables: list, width: float, height: float) -> float:
    """Height of `flowables` stacked in a frame `width` wide (a KeepTogether counts as its
    content: its own wrap answers "too tall" on purpose)."""
    canvas = Canvas(io.BytesIO())
    parts = [p for f in flowables for p in (f._content if isinstance(f, KeepTogether) else [f])]
    return sum(p.wrapOn(canvas, width, height)[1] + p.getSpaceBefore() + p.getSpaceAfter() for p in parts)


def _cards(handout: Handout, layout: Layout, styles: Styles, page: Page, heading: str) -> list:
    story: list = []
    lead: tuple = () if layout.new_page_per_exercise else (Para(heading, styles.heading),)
    for exercise in handout.exercises:
        if layout.new_page_per_exercise:
            story.append(PageBreak())
        story += exercise_card(exercise, layout, styles, page.column_width, page.frame_height, lead)
        lead = ()
    return story


def _story(handout: Handout, layout: Layout, styles: Styles, page: Page) -> tuple[list, float | None]:
    """The flowables, and the height of page 1's top frame when cards sit in columns."""
    front = front_matter(handout, layout, styles, page.frame_width)
    to_columns = [NextPageTemplate("columns")] if page.columns > 1 else []
    top_height = None
    if layout.style == "checklist":
        story = [*front, *checklist(handout, layout, styles, page.frame_width, page.frame_height), *to_columns, PageBreak()]
        heading = "How to do each exercise"
    elif page.columns > 1:
        top_height = _height_of(front, page.frame_width, page.frame_height) + TOP_FRAME_SLACK
        story = [*front, FrameBreak()]
        heading = "Your exercises"
    else:
        story = list(front)
        heading = "Your exercises"
    story += guidance(handout, layout, styles)
    story += _cards(handout, layout, styles, page, heading)
    if layout.sections.notes_lines:
        story += notes_section(layout.sections.notes_lines, styles, page.column_width)
    if layout.sections.tracking_log:
        story += [NextPageTemplate("full"),
                  *tracking_log(handout, styles, page.frame_width, page.frame_height)]
    return story, top_height


class _PageLimitedDoc(BaseDocTemplate):
    """Stops a build that keeps adding pages: reportlab looks for room on page after page
    for a flowable that fits nowhere, for ever, and no layout check can foresee every case."""

    def __init__(self, page_limit: int, *args, **kwargs):
        self.page_limit = page_limit
        super().__init__(*args, **kwargs)

    def handle_pageBegin(self):
        if self.page >= self.page_limit:
            raise _PageLimitReached  # raised as a BackpdfError by render: reportlab rewrites messages
        super().handle_pageBegin()


class _PageLimitReached(Exception):
    pass


def _page_limit(handout: Handout) -> int:
    """Far more pages than any handout needs: the front, a few pages per exercise, the log."""
    return 20 + 5 * len(handout.exercises)


def _check_room(layout: Layout, paper: str) -> None:
    """The layout's geometry on this paper, checked again before rendering: a Layout made
    in code never passed `load_layout_file`."""
    data = {key: value for key, value in asdict(layout).items() if key != "source"}
    problems = layout_geometry_problems(data, {paper: PAPER_SIZES_MM[paper]})
    if problems:
        message, _ = problems[0]
        raise BackpdfError(f"layout '{layout.name}': {message}", layout.source)


@dataclass(frozen=True)
class RenderedPDF:
    data: bytes
    pages: int


def render(handout: Handout, layout: Layout, paper: str = "letter") -> RenderedPDF:
    """The handout as a PDF. Raises BackpdfError for text the font cannot print and for
    pictures that cannot be used (callers that want those skipped run check_images first)."""
    fonts.check_printable(handout.texts())
    _check_room(layout, paper)
    if layout.images.place != "none":
        check_images(handout, "error")
    styles = styles_for(layout)
    page = Page.of(layout, paper)
    story, top_height = _story(handout, layout, styles, page)
    buffer = io.BytesIO()
    doc = _PageLimitedDoc(
        _page_limit(handout), buffer, pagesize=(page.width, page.height), invariant=1,
        leftMargin=page.left, rightMargin=page.right, topMargin=page.top, bottomMargin=page.bottom,
        title=PDF_TITLE, author=handout.clinic.name or "backpdf", subject="", keywords="",
        creator="backpdf", producer="backpdf",
        # Without this the canvas starts each page in Helvetica, an unembedded font.
        initialFontName=fonts.REGULAR,
    )
    doc.addPageTemplates(page.templates(top_height))
    footer = Footer(left=page.left, right=page.width - page.right, bottom_margin=page.bottom,
                    font_size=layout.font_sizes.small, phone=handout.clinic.phone)
    try:
        doc.build(story, canvasmaker=numbered_canvas(footer))
    except _PageLimitReached:
        raise BackpdfError(f"layout '{layout.name}': the handout would run past {doc.page_limit} pages, "
                           "as some part of it fits on no page; run `backpdf validate` on the layout file",
                           layout.source) from None
    return RenderedPDF(buffer.getvalue(), doc.page)
