"""`render(handout, layout, paper) -> RenderedPDF`: the whole handout, deterministically.

Pure: no clock, no files read or written; the same handout gives the same bytes
(reportlab's invariant mode fixes the document ID and dates). What the handout holds, and
in which order, is the layout's `flow`; this module turns each part into flowables and
never asks which layout it is drawing. Columns are frames on page templates, not
coordinate arithmetic:

* "full": one frame the width of the page (front matter, checklist table, tracking log,
  and everything in one-column layouts);
* "columns": `layout.columns` frames side by side, for the flowing parts;
* "first": page 1 with a full-width frame on top, exactly as tall as the full-width parts
  before the first flowing part need, and the columns below it.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from functools import lru_cache

from reportlab import rl_config
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    FrameBreak,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Spacer,
)

from backpdf import typeface as fonts
from backpdf import vocabulary
from backpdf.errors import BackpdfError
from backpdf.layout import FULL_WIDTH_PARTS, Layout
from backpdf.layout_geometry import layout_geometry_problems
from backpdf.model import Handout
from backpdf.render.ascii_streams import ascii_fast_path
from backpdf.render.cards import exercise_card
from backpdf.render.checklist import checklist
from backpdf.render.fill_in import notes_section, tracking_log
from backpdf.render.flow import stacked_height
from backpdf.render.front import front_matter, guidance
from backpdf.render.kept_streams import kept_flate
from backpdf.render.markup import Para
from backpdf.render.met_before import next_handout
from backpdf.render.page import RULE_GAP, Footer, numbered_canvas
from backpdf.render.styles import Styles, styles_for

TOP_FRAME_SLACK = 6 * mm  # measuring flowables outside a frame can come out a little short
MAX_TOP_SHARE = 0.7  # columns under a taller page-1 top would be too short to hold a card


def footer_for(handout: Handout | None, layout: Layout, width: float) -> Footer:
    return Footer(width=width, body_size=layout.font_sizes.body,
                  phone=handout.clinic.phone if handout else None,
                  patient=handout.patient if handout else None, labels=layout.labels)


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
    def of(cls, layout: Layout, paper: str, handout: Handout | None = None) -> Page:
        """The page of `layout` on `paper`; its bottom margin holds the footer (with the
        handout's phone and patient, when given)."""
        width, height = (v * mm for v in vocabulary.paper_size_mm(paper))
        m = layout.margins_mm
        footer = footer_for(handout, layout, width - (m.left + m.right) * mm).height_needed()
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


def _cards(handout: Handout, layout: Layout, styles: Styles, page: Page) -> list:
    story: list = []
    heading = Para(layout.labels["exercises_heading"], styles.heading)
    lead: tuple = () if layout.new_page_per_exercise else (heading,)
    for exercise in handout.exercises:
        if layout.new_page_per_exercise:
            story.append(PageBreak())
        story += exercise_card(exercise, layout, styles, page.column_width, page.frame_height, lead)
        lead = ()
    # The space after the last card is space before nothing: at the foot of a full page it
    # started a page of its own, printed blank but for its footer.
    return story[:-1] if story and isinstance(story[-1], Spacer) else story


Part = Callable[[Handout, Layout, Styles, Page], list]

# What each part of a layout's `flow` draws. Full-width parts (layout.FULL_WIDTH_PARTS) are
# laid out across the page, the others in the layout's columns.
PARTS: dict[str, Part] = {
    "front": lambda h, lay, st, pg: front_matter(h, lay, st, pg.frame_width, pg.frame_height),
    "guidance": lambda h, lay, st, pg: guidance(h, lay, st, pg.column_width),
    "checklist": lambda h, lay, st, pg: checklist(h, lay, st, pg.frame_width, pg.frame_height),
    "cards": _cards,
    "notes": lambda h, lay, st, pg: notes_section(lay, st, pg.column_width),
    "tracking_log": lambda h, lay, st, pg: tracking_log(h, lay, st, pg.frame_width, pg.frame_height),
    "new_page": lambda h, lay, st, pg: [PageBreak()],
}
STARTS_OWN_PAGE = frozenset({"tracking_log"})  # parts that begin with their own page break


def _story(handout: Handout, layout: Layout, styles: Styles, page: Page) -> tuple[list, float | None]:
    """The flowables of every part in the layout's flow, and the height of page 1's top
    frame when full-width parts open the handout above columns."""
    def draw(part: str) -> list:
        return PARTS[part](handout, layout, styles, page)

    flow = list(layout.flow)
    first_flowing = next(i for i, part in enumerate(flow) if part not in FULL_WIDTH_PARTS)
    story = [f for part in flow[:first_flowing] for f in draw(part)]
    top_height = None
    columns = page.columns > 1
    if columns:
        if flow[first_flowing] == "new_page":
            story.append(NextPageTemplate("columns"))
        else:
            top_height = stacked_height(story, page.frame_width) + TOP_FRAME_SLACK
            if top_height <= page.frame_height * MAX_TOP_SHARE:
                story.append(FrameBreak())
            else:  # too little room left for columns under it: they start on page 2
                top_height = None
                story += [NextPageTemplate("columns"), PageBreak()]
    in_columns = columns
    for part in flow[first_flowing:]:
        wide = part in FULL_WIDTH_PARTS
        if columns and part != "new_page" and wide == in_columns:
            story.append(NextPageTemplate("full" if wide else "columns"))
            if part not in STARTS_OWN_PAGE:
                story.append(PageBreak())
            in_columns = not wide
        story += draw(part)
    return story, top_height


@contextmanager
def _without_ascii85() -> Iterator[None]:
    """Page content is Flate-compressed either way; reportlab's default also wraps it in
    ASCII85 (a 7-bit mail-safe text encoding) which only adds a quarter to its size.
    reportlab reads this from a process-wide setting when it writes, so it is set for the
    duration of one render and put back, never changed for the whole process."""
    previous = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = previous


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
    problem = _room_problem(layout, paper)
    if problem:
        raise BackpdfError(f"layout '{layout.name}': {problem}", layout.source)


@lru_cache(maxsize=64)
def _room_problem(layout: Layout, paper: str) -> str | None:
    """The first geometry problem of `layout` on `paper`, once per layout and paper per
    process: turning the layout into data cost a millisecond of every handout of a batch."""
    data = {key: value for key, value in asdict(layout).items() if key != "source"}
    problems = layout_geometry_problems(data, {paper: vocabulary.paper_size_mm(paper)})
    return problems[0][0] if problems else None


@dataclass(frozen=True)
class RenderedPDF:
    data: bytes
    pages: int


def render(handout: Handout, layout: Layout, paper: str = "letter") -> RenderedPDF:
    """The handout as a PDF. Raises BackpdfError for text the font cannot print; pictures
    arrive checked (see `pipeline.prepare`), so nothing here reads a file."""
    fonts.check_printable(handout.texts())
    _check_room(layout, paper)
    next_handout()
    styles = styles_for(layout)
    page = Page.of(layout, paper, handout)
    story, top_height = _story(handout, layout, styles, page)
    buffer = io.BytesIO()
    doc = _PageLimitedDoc(
        _page_limit(handout), buffer, pagesize=(page.width, page.height), invariant=1,
        leftMargin=page.left, rightMargin=page.right, topMargin=page.top, bottomMargin=page.bottom,
        title=layout.labels["pdf_title"], author=handout.clinic.name or "backpdf", subject="", keywords="",
        creator="backpdf", producer="backpdf",
        # Without this the canvas starts each page in Helvetica, an unembedded font.
        initialFontName=fonts.REGULAR,
    )
    doc.addPageTemplates(page.templates(top_height))
    footer = footer_for(handout, layout, page.frame_width)
    with _without_ascii85(), kept_flate(), ascii_fast_path():
        try:
            doc.build(story, canvasmaker=numbered_canvas(footer, page.left, page.bottom - RULE_GAP))
        except _PageLimitReached:
            raise BackpdfError(f"layout '{layout.name}': the handout would run past {doc.page_limit} pages, "
                               "as some part of it fits on no page; run `backpdf validate` on the layout file",
                               layout.source) from None
    return RenderedPDF(buffer.getvalue(), doc.page)
