"""Platypus behaviours the cards need and reportlab does not have: a column beside the
steps, text that flows beside and then below it without gaps when split, and a card that
waits for a column it fits in.
"""

from __future__ import annotations

import io
from functools import cache

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PTOContainer


class SideColumn(Flowable):
    """Fixed-width flowables stacked top to bottom and centred, never split: what sits
    beside an exercise's steps (its picture, then its QR block)."""

    def __init__(self, items: list, width: float):
        super().__init__()
        self.items = items
        self.width = width

    def wrap(self, avail_width, avail_height):
        self._sizes = [item.wrap(self.width, avail_height) for item in self.items]
        self.height = sum(h for _, h in self._sizes)
        return self.width, self.height

    def draw(self):
        y = self.height
        for item, (w, h) in zip(self.items, self._sizes):
            y -= h
            item.drawOn(self.canv, (self.width - w) / 2, y)


class SideBySide(Flowable):
    """Two fixed-size flowables on one row, `width` wide: the first at the left, the second
    at the right, both centred on the row's height (a picture and its QR block above an
    exercise's steps). Never split: it is at most a picture's height."""

    def __init__(self, left: Flowable, right: Flowable, width: float):
        super().__init__()
        self.left, self.right, self.width = left, right, width

    def wrap(self, avail_width, avail_height):
        self._left = self.left.wrap(avail_width, avail_height)
        self._right = self.right.wrap(avail_width, avail_height)
        self.height = max(self._left[1], self._right[1])
        return self.width, self.height

    def draw(self):
        self.left.drawOn(self.canv, 0, (self.height - self._left[1]) / 2)
        self.right.drawOn(self.canv, self.width - self._right[0], (self.height - self._right[1]) / 2)


class BesideSteps(Flowable):
    """Text beside a side column and, once past its foot, at full width below it.

    reportlab's ImageAndFlowables does this too, but finds where the column ends by
    re-wrapping deep copies of the text in a search, which cost about a third of a
    handout's render time. Here each paragraph is wrapped once: beside the column while
    the text above it still reaches beside the column, full width after. A split keeps
    every paragraph (or part of one) that fits; the rest goes on at full width.
    """

    def __init__(self, side: SideColumn, body: list, gap: float, top_pad: float = 0):
        super().__init__()
        self.side, self.body, self.gap, self.top_pad = side, body, gap, top_pad
        self._laid_out_for: float | None = None

    def _lay_out(self, avail_width: float) -> None:
        if self._laid_out_for == avail_width:
            return
        _, side_h = self.side.wrap(self.side.width, 1e9)
        self._side_h = side_h + self.top_pad
        narrow = avail_width - self.side.width - self.gap
        self._placed, y = [], 0.0
        for i, item in enumerate(self.body):
            y += item.getSpaceBefore() if i else 0
            width = narrow if y < self._side_h else avail_width
            _, h = item.wrap(width, 1e9)
            self._placed.append((item, y, h, width))
            y += h + (item.getSpaceAfter() if i + 1 < len(self.body) else 0)
        self.width, self.height = avail_width, max(y, self._side_h)
        self._laid_out_for = avail_width

    def wrap(self, avail_width, avail_height):
        self._lay_out(avail_width)
        return self.width, self.height

    def getSpaceAfter(self):
        return self.body[-1].getSpaceAfter() if self.body else 0

    def draw(self):
        self.side.drawOn(self.canv, self.width - self.side.width, self.height - self._side_h)
        for item, top, h, _ in self._placed:
            item.drawOn(self.canv, 0, self.height - top - h)

    def split(self, avail_width, avail_height):
        self._lay_out(avail_width)
        if self._side_h > avail_height:
            return []
        for i, (item, top, h, width) in enumerate(self._placed):
            if top + h <= avail_height:
                continue
            parts = item.splitOn(self.canv, width, avail_height - top) if avail_height > top else []
            if parts:
                taken, rest = self.body[:i] + parts[:1], parts[1:] + self.body[i + 1:]
            else:
                taken, rest = self.body[:i], self.body[i:]
            if not taken:
                return []
            return [BesideSteps(self.side, taken, self.gap, self.top_pad), *rest]
        return [self]


def stack_size(flowables: list, avail_width: float, canv, dims: list | None = None) -> tuple[float, float]:
    """Width and height of flowables stacked with collapsed spacing, as reportlab's
    _listWrapOn measures them, minus its deep copy of the current frame on every call
    (it exists for content that adds content while wrapped, which cards never do; the
    copies were a tenth of a handout's render time)."""
    width = height = 0.0
    space_after = None
    for item in flowables:
        w, h = item.wrapOn(canv, avail_width, 0xFFFFFFF)
        if dims is not None:
            dims.append((w, h))
        if h <= 1e-8:
            continue
        width = max(width, w)
        if space_after is not None:
            height += space_after + max(item.getSpaceBefore() - space_after, 0)
        height += h
        space_after = item.getSpaceAfter()
    return width, height


def stacked_height(flowables: list, width: float) -> float:
    """The height `flowables` take stacked in a frame `width` wide, measured before any
    page exists (a KeepTogether counts as its content: its own wrap answers "too tall")."""
    parts = [p for f in flowables for p in (f._content if isinstance(f, KeepTogether) else [f])]
    return stack_size(parts, width, _measuring_canvas())[1]


@cache
def _measuring_canvas():
    """One canvas per process to measure on: wrapping reads fonts and widths, never draws,
    so a canvas made for every measurement (a fifth of a millisecond each, ten a
    handout) was wasted."""
    from reportlab.pdfgen.canvas import Canvas

    return Canvas(io.BytesIO())


class Card(PTOContainer):
    """PTOContainer (a card with "continued" marks when split) measured by `stack_size`.

    Its first `head` flowables (the title, the picture, the dose and the first step) are
    what must be on the page where it starts: a card split just under its picture shows
    the patient a picture with nothing to do."""

    def __init__(self, content: list, trailer: list, header: list, head: int):
        super().__init__(content, trailer=trailer, header=header)
        self.head, self.trailer = head, trailer

    def wrap(self, avail_width, avail_height):
        self.width, self.height = stack_size(self._content, avail_width, self.canv)
        return self.width, self.height

    def head_height(self, avail_width: float, canvas) -> float:
        """The room its start needs: the head, and the "continues" mark under it."""
        return stack_size([*self._content[:self.head], *self.trailer], avail_width, canvas)[1]


HEAD_SLACK = 6 * mm  # the split measures spaces between flowables a little more generously


class KeepWhole(KeepTogether):
    """Keeps a card in one column: moves it on, frame after frame, until it fits, and
    splits it only at the top of a full-height column (where waiting would not help).

    reportlab's KeepTogether moves its content on once and then lets it loose, so a card
    that missed the short columns under page 1's red flags would split in the next one.

    A card taller than a column splits wherever it goes, so waiting for a fresh column
    only wastes paper: it starts where it is when its head fits there (in large print,
    waiting left the lower half of every other page blank).
    """

    def __init__(self, flowables: list, full_height: float):
        super().__init__(flowables)
        self.full_height = full_height

    def wrap(self, avail_width, avail_height):
        dims: list = []
        width, self._H = stack_size(self._content, avail_width, self.canv, dims)
        self._H0 = dims[0][1] if dims else 0
        self._wrapInfo = avail_width, avail_height
        return width, 0xFFFFFF  # never "fits": the frame always asks split(), below

    def split(self, avail_width, avail_height):
        if getattr(self, "_wrapInfo", None) != (avail_width, avail_height):
            self.wrap(avail_width, avail_height)
        if (avail_height >= self._H or avail_height >= self.full_height - 1
                or (self.full_height < self._H and avail_height >= self._start_height(avail_width))):
            # reportlab requires the first piece of a split to fit; an action does.
            return [self.NullActionFlowable(), *self._content]
        return [self.FrameBreak(), self]

    def _start_height(self, avail_width: float) -> float:
        """What must fit where a too-tall card starts: what leads it and its head."""
        lead: list = []
        for item in self._content:
            if hasattr(item, "head_height"):  # the card, or the kept one standing in for it
                return (stack_size(lead, avail_width, self.canv)[1] + item.head_height(avail_width, self.canv)
                        + HEAD_SLACK)
            lead.append(item)
        return self.full_height
