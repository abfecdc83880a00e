"""Platypus behaviours the cards need and reportlab does not have: a column beside the
steps, text that flows beside and then below it without gaps when split, and a card that
waits for a column it fits in.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, ImageAndFlowables, KeepTogether


class SideColumn(Flowable):
    """Fixed-width flowables stacked top to bottom and centred, never split: what
    ImageAndFlowables sets beside an exercise's steps (its picture, then its QR block)."""

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

    def _restrictSize(self, avail_width, avail_height):  # noqa: N802 (reportlab's name)
        """ImageAndFlowables asks its image for this; the column never shrinks (a QR code
        smaller than the layout's size may not scan), so it is just its size."""
        return self.wrap(avail_width, avail_height)

    def _unRestrictSize(self):  # noqa: N802 (reportlab's name)
        """The counterpart ImageAndFlowables calls after splitting; nothing to undo."""


class BesideSteps(ImageAndFlowables):
    """Text beside a side column and then below it, splitting with no gap.

    When it must split, reportlab's ImageAndFlowables keeps on the page only the text
    beside the column plus part of one more paragraph, and hands everything else back as
    loose pieces, which PTOContainer then moves to the next page: half a page left blank.
    This one takes every further paragraph that fits into the first piece.
    """

    def split(self, avail_width, avail_height):
        pieces = super().split(avail_width, avail_height)
        if not pieces:
            return pieces
        first, rest = pieces[0], list(pieces[1:])
        used = first.wrapOn(self.canv, avail_width, avail_height)[1]
        taken = []
        while rest:
            room = avail_height - used - rest[0].getSpaceBefore()
            height = rest[0].wrapOn(self.canv, avail_width, room)[1]
            if height <= room:
                used += rest[0].getSpaceBefore() + height + rest[0].getSpaceAfter()
                taken.append(rest.pop(0))
                continue
            parts = rest[0].splitOn(self.canv, avail_width, room)
            if parts:
                taken.append(parts[0])
                rest = [*parts[1:], *rest[1:]]
            break
        if not taken:
            return pieces
        return [self._again(first._content + taken), *rest]

    def _again(self, content: list) -> "BesideSteps":
        return BesideSteps(self._I, content, imageLeftPadding=self._ilpad, imageRightPadding=self._irpad,
                           imageTopPadding=self._itpad, imageBottomPadding=self._ibpad, imageSide=self._side)


class KeepWhole(KeepTogether):
    """Keeps a card in one column: moves it on, frame after frame, until it fits, and
    splits it only at the top of a full-height column (where waiting would not help).

    reportlab's KeepTogether moves its content on once and then lets it loose, so a card
    that missed the short columns under page 1's red flags would split in the next one.
    """

    def __init__(self, flowables: list, full_height: float):
        super().__init__(flowables)
        self.full_height = full_height

    def split(self, avail_width, avail_height):
        if getattr(self, "_wrapInfo", None) != (avail_width, avail_height):
            self.wrap(avail_width, avail_height)
        if self._H <= avail_height or avail_height >= self.full_height - 1:
            # reportlab requires the first piece of a split to fit; an action does.
            return [self.NullActionFlowable(), *self._content]
        return [self.FrameBreak(), self]
