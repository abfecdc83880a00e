"""Flowables that print the same in every handout of a batch, built, measured and drawn
once per process and copied in after that.

A batch prints the same exercise cards in hundreds of handouts. Building a card's
flowables, measuring them (a card is measured by its keep-together wrapper, by itself and
by its frame) and drawing them was about half of a warm render, though only the patient's
name and the page numbers differ from one handout to the next. `Kept` stands in for such
a flowable: it is built once per key and process, its size is remembered per width, and
once it has been drawn whole its PDF operators are copied into later handouts as one
block, the way paragraphs and pictures are (render/markup.py, render/pictures.py).

A kept flowable is drawn inside its own graphics state, translated to where its frame
puts it, so its operators do not depend on where it lands on the page. Operators are
kept only when they are the same bytes in any document: the document gives its fonts the
fixed codes (typeface.fix_codes), the drawing encoded no character outside them (what
the rest of the page prints does not matter), and it added nothing to the document or
page but content (no annotation, font, colour space, transparency state or new
object). The pictures it shows are defined as forms before it is drawn, in the copy as
in the first drawing, so the forms are the same objects in the same order. Anything
else is drawn afresh each time, as before.

tests/test_drawn_paragraphs.py renders every layout with every cache empty and again in a
shuffled order, and compares the bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from reportlab.platypus import Flowable

from backpdf import typeface
from backpdf.model import Picture
from backpdf.render.met_before import MetBefore
from backpdf.render.pictures import define_form

KEPT_ENTRIES = 400  # a few hundred cards (46 exercises x layouts x languages); each ~80 KB


@dataclass
class _Drawing:
    operators: str
    forms_used: tuple[str, ...]


@dataclass
class _Entry:
    """What is known of one key: the objects whose ids are in it (held, so that no other
    object can take their id while the entry lives), the flowable built for measuring,
    and its sizes, heads and drawings by available width."""

    holds: tuple
    made: Flowable
    sizes: dict[float, tuple[float, float]] = field(default_factory=dict)
    heads: dict[float, float] = field(default_factory=dict)
    drawings: dict[float, _Drawing] = field(default_factory=dict)
    made_drawn: bool = False


_entries: dict[tuple, _Entry] = {}
_met = MetBefore(4 * KEPT_ENTRIES)


class Kept(Flowable):
    """Stands in for the flowable `make()` builds (afresh on each call), whose content is
    fully named by `key` and whose size depends on the width it is given alone, or (a
    table's) differs with the height only when it is too tall to fit, where the frame
    splits it anyway; `holds` are the objects whose ids the key uses; `pictures` are the
    pictures it shows."""

    def __init__(self, key: tuple, holds: tuple, make: Callable[[], Flowable], pictures: tuple[Picture, ...] = ()):
        super().__init__()
        self._make, self._pictures = make, pictures
        entry = _entries.get(key)
        if entry is None or any(a is not b for a, b in zip(entry.holds, holds)):
            entry = _Entry(holds, make())
            if _met.again(key):  # kept from the second time: a card with a patient's note comes once
                if len(_entries) >= KEPT_ENTRIES:
                    _entries.clear()
                _entries[key] = entry
        self._entry = entry

    width: float
    height: float

    def wrap(self, avail_width, avail_height):
        entry = self._entry
        size = entry.sizes.get(avail_width)
        if size is None:
            size = entry.sizes[avail_width] = entry.made.wrapOn(self.canv, avail_width, avail_height)
        self._avail = avail_width, avail_height
        self.width, self.height = size
        return size

    def getSpaceBefore(self):
        return self._entry.made.getSpaceBefore()

    def getSpaceAfter(self):
        return self._entry.made.getSpaceAfter()

    def split(self, avail_width, avail_height):
        return self._make().splitOn(self.canv, avail_width, avail_height)

    def drawOn(self, canvas, x, y, _sW=0):
        x = self._entry.made._hAlignAdjust(x, _sW)  # placed as the real flowable would be
        canvas.saveState()
        canvas.translate(x, y)
        for picture in self._pictures:
            define_form(canvas, picture)
        drawing = self._entry.drawings.get(self._avail[0])
        if drawing is not None and typeface.has_fixed_codes(canvas._doc):
            if drawing.operators:
                canvas._code.append(drawing.operators)
            canvas._formsinuse.extend(drawing.forms_used)
        else:
            self._draw_and_keep(canvas)
        canvas.restoreState()

    def _draw_and_keep(self, canvas) -> None:
        """Draw the real flowable at the origin, and keep its operators when they would be
        the same bytes in any document."""
        entry = self._entry
        if entry.made_drawn:
            made = self._make()
        else:  # built for this handout and not drawn yet: no need to build another
            made, entry.made_drawn = entry.made, True
        made.wrapOn(canvas, *self._avail)
        code, forms = canvas._code, canvas._formsinuse  # reportlab <6 (pinned)
        start, forms_start, before = len(code), len(forms), _effects(canvas)
        with typeface.drawn_with_fixed_codes(canvas._doc) as fixed_codes_only:
            made.drawOn(canvas, 0, 0)
        if before == _effects(canvas) and fixed_codes_only():
            entry.drawings[self._avail[0]] = _Drawing("\n".join(code[start:]), tuple(forms[forms_start:]))


class KeptCard(Kept):
    """A kept exercise card (render/flow.Card): also remembers the room its start needs."""

    def head_height(self, avail_width: float, canvas) -> float:
        heads = self._entry.heads
        if avail_width not in heads:
            heads[avail_width] = self._entry.made.head_height(avail_width, canvas)
        return heads[avail_width]


def _effects(canvas) -> tuple:
    """What a drawing could add to its page or document besides content: any change means
    its operators name something of this document alone (reportlab <6, pinned)."""
    doc = canvas._doc
    return (len(doc.idToObject), len(doc.fontMapping), len(canvas._annotationrefs), len(canvas._colorsUsed),
            len(canvas._shadingUsed), len(canvas._extgstate._c))
