"""Exercise cards are built, measured and drawn once per process and copied into later
handouts (render/kept_flowables.py). tests/test_drawn_paragraphs.py compares every
layout's bytes drawn fresh and copied in; these check that the copy path is really taken,
and that it is not taken where the copy could differ from a fresh drawing."""

from __future__ import annotations

import io
from dataclasses import replace

import pikepdf
import pytest
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable
from samples import CLINIC, EIGHT, TODAY

from backpdf import typeface
from backpdf.model import ProgramEntry
from backpdf.pipeline import make_handout
from backpdf.program import Request
from backpdf.render import kept_flowables
from backpdf.render.kept_flowables import Kept, KeptCard
from backpdf.render.met_before import next_handout


@pytest.fixture
def fresh_draws(monkeypatch) -> list:
    """Each time a kept flowable is drawn by reportlab rather than copied in."""
    _forget()
    drawn: list = []
    real = Kept._draw_and_keep

    def spy(self, canvas):
        if isinstance(self, KeptCard):  # the red flags and the advice are kept too
            drawn.append(self)
        return real(self, canvas)

    monkeypatch.setattr(Kept, "_draw_and_keep", spy)
    return drawn


def _forget() -> None:
    kept_flowables._entries.clear()
    kept_flowables._met.clear()


def _handout(library, patient: str, layout: str = "standard", **extra) -> bytes:
    request = Request(entries=tuple(ProgramEntry(i) for i in EIGHT), patient=patient, layout=layout, **extra)
    return make_handout(request, library, CLINIC, TODAY).pdf


def _forms_on_pages(pdf: bytes) -> list[set[str]]:
    doc = pikepdf.open(io.BytesIO(pdf))
    return [{str(name) for name in page.Resources.get("/XObject", {})} for page in doc.pages]


def test_cards_are_kept_from_their_second_handout_then_copied_with_their_pictures(library, fresh_draws):
    first = _handout(library, "Ann Lee")
    assert len(fresh_draws) == len(EIGHT)
    assert not kept_flowables._entries  # met once: nothing kept (a card may hold a patient's note)
    _handout(library, "Cy Park")
    assert len(fresh_draws) == 2 * len(EIGHT)
    third = _handout(library, "Bob Stone")
    assert len(fresh_draws) == 2 * len(EIGHT), "the third handout's cards were drawn again"
    # the copy defined each picture's form in its own document and named it on its page
    assert _forms_on_pages(third) == _forms_on_pages(first)
    assert sum(len(forms) for forms in _forms_on_pages(third)) == len(EIGHT)
    _forget()
    assert _handout(library, "Bob Stone") == third  # the same bytes drawn fresh


def test_cards_are_kept_from_a_document_with_a_character_outside_the_fixed_alphabet(library, fresh_draws):
    """The patient's name is on page 1 before any card: "ễ" takes the next free code of
    this document only. The cards do not print it, so their operators are still the same
    bytes in any document, and are kept."""
    _handout(library, "Nguyễn Thị Lan")
    _handout(library, "Nguyễn Thị Lan")
    assert all(entry.drawings for entry in kept_flowables._entries.values())  # cards, red flags, advice
    drawn = len(fresh_draws)
    vietnamese = _handout(library, "Nguyễn Văn Minh")
    assert len(fresh_draws) == drawn
    _forget()
    assert _handout(library, "Nguyễn Văn Minh") == vietnamese


@pytest.mark.parametrize("patient", ["Ann Lee", "Ŝam Lee"])  # the second has the card's character first
def test_a_card_with_its_own_character_is_drawn_afresh_every_time(library, fresh_draws, patient):
    entries = (ProgramEntry("bridge", note="Ŝlowly"), *(ProgramEntry(i) for i in EIGHT[1:]))
    request = Request(patient=patient, entries=entries)
    pdfs = [make_handout(request, library, CLINIC, TODAY).pdf for _ in range(3)]
    bridge = [k for k in fresh_draws if k._entry.holds[1].id == "bridge"]
    assert len(bridge) == 3 and pdfs[0] == pdfs[1] == pdfs[2]
    _forget()
    assert make_handout(request, library, CLINIC, TODAY).pdf == pdfs[0]


class _WithLink(Flowable):
    """Draws a link annotation: something of this document, not content."""

    def wrap(self, avail_width, avail_height):
        return avail_width, 20

    def draw(self):
        self.canv.linkURL("https://clinic.example/", (0, 0, 20, 20))


def test_a_flowable_that_adds_to_its_document_is_never_copied():
    typeface.register_fonts()
    _forget()
    pdfs = []
    for _ in range(2):
        next_handout()
        canvas = Canvas(io.BytesIO(), invariant=1, initialFontName=typeface.REGULAR)
        typeface.fix_codes(canvas._doc)
        assert typeface.has_fixed_codes(canvas._doc)
        kept = Kept(("link",), (), _WithLink)
        kept.wrapOn(canvas, 100, 100)
        kept.drawOn(canvas, 10, 10)
        canvas.showPage()
        pdfs.append(canvas.getpdfdata())
    assert not kept_flowables._entries[("link",)].drawings
    assert pdfs[0] == pdfs[1]
    assert b"/Annots" in pdfs[1]


def test_the_key_changes_with_anything_printed_on_the_card(library):
    """Every field of the handout's exercise is in the key (a field added later is too)."""
    from backpdf.render.cards import _card_key
    from backpdf.render.styles import styles_for
    from backpdf.layout_file import find_layout
    from backpdf.program import resolve

    handout, _ = resolve(Request(entries=(ProgramEntry("bridge"),)), library, CLINIC, TODAY)
    ex = handout.exercises[0]
    styles = styles_for(find_layout("standard"))
    key = _card_key(ex, styles, 300, 600)[0]
    for changed in (replace(ex, number=2), replace(ex, note="x"), replace(ex, warnings=("w",)),
                    replace(ex, video_url=ex.video_url + "x"), replace(ex, screening_cautions=("c",)),
                    replace(ex, exercise=replace(ex.exercise))):
        assert _card_key(changed, styles, 300, 600)[0] != key
    assert _card_key(ex, styles, 301, 600)[0] != key
    assert _card_key(ex, styles_for(find_layout("compact")), 300, 600)[0] != key


def test_the_red_flags_and_the_advice_are_kept_and_copied(library, monkeypatch):
    _forget()
    _handout(library, "Ann Lee")
    _handout(library, "Ann Lee")
    kinds = {key[0] for key, entry in kept_flowables._entries.items() if entry.drawings}
    assert {"red flags", "guidance"} <= kinds
    fresh: list = []
    real = Kept._draw_and_keep
    monkeypatch.setattr(Kept, "_draw_and_keep", lambda self, canvas: fresh.append(self) or real(self, canvas))
    second = _handout(library, "Bob Stone")
    assert fresh == []
    _forget()
    assert _handout(library, "Bob Stone") == second
