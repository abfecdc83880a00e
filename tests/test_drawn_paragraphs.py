"""A paragraph's drawn operators are reused across handouts (render/markup.py), so a handout
must come out the same whether its paragraphs were drawn fresh or copied in: rendered with
every cache empty, and again after other handouts in another order, byte for byte.

The handouts cover every layout and style, paragraphs split across pages (large print),
<b> and <font> markup, bullets, Spanish accents and a name beyond the fixed alphabet; the
spy below checks that the reused path really served each of those, so the byte comparison
cannot pass by never reusing anything.
"""

from __future__ import annotations

import io
import random
from dataclasses import fields, replace

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph
from samples import CLINIC, EIGHT, LAYOUTS, TODAY

from backpdf import typeface
from backpdf.layout_file import find_layout
from backpdf.model import ProgramEntry
from backpdf.pipeline import make_handout
from backpdf.program import Request
from backpdf.render import kept_flowables, kept_streams, markup
from backpdf.render.styles import Styles, styles_for

REQUESTS = {
    "eight": Request(entries=tuple(ProgramEntry(i) for i in EIGHT), patient="Nguyễn Thị Lan",
                     clinician="Ana Ruiz, PT"),
    "neck-a4": Request(areas=("neck",), conditions=("osteoporosis",), patient="Zoë O'Brien & Co <x>",
                       note="Twice a day; stop if it hurts.", paper="a4"),
    "four-es": Request(entries=tuple(ProgramEntry(i) for i in EIGHT[:4]), language="es", patient="Núñez"),
}
# A step long enough to split across pages (the bundled steps are a line or two): the piece
# on the first page is reused; the rest is new fragments each time, drawn afresh.
LONG_STEP = " ".join(f"Breathe out slowly and count to {i}." for i in range(1, 160))
CASES = [(layout, name) for layout in LAYOUTS for name in (*REQUESTS, "long-step")]


def _render(library, layout: str, name: str) -> bytes:
    if name == "long-step":
        big = replace(library.exercises["bird-dog"], steps=("Start on all fours.", LONG_STEP))
        library = replace(library, exercises={**library.exercises, "bird-dog": big})
        request = Request(entries=tuple(ProgramEntry(i) for i in ("chin-tuck", "bird-dog", "bridge")))
    else:
        request = REQUESTS[name]
    return make_handout(replace(request, layout=layout), library, CLINIC, TODAY).pdf


def _forget_everything() -> None:
    kept_flowables._entries.clear()
    kept_flowables._met.clear()
    markup._met.clear()
    markup._drawings.clear()
    markup._line_breaks.clear()
    markup._parsed.cache_clear()


@pytest.fixture
def served(monkeypatch) -> list:
    """The Para objects whose drawing was copied in, not drawn by reportlab."""
    drawn: list = []
    copied: list = []
    real_draw_para, real_draw = Paragraph.drawPara, markup.Para.draw

    def draw_para(self, *args):
        drawn.append(self)
        return real_draw_para(self, *args)

    def draw(self):
        before = len(drawn)
        real_draw(self)
        if len(drawn) == before:
            copied.append(self)

    monkeypatch.setattr(Paragraph, "drawPara", draw_para)
    monkeypatch.setattr(markup.Para, "draw", draw)
    return copied


def test_a_handout_is_the_same_drawn_fresh_or_copied_in(library, served):
    cold = {}
    for case in CASES:
        _forget_everything()
        cold[case] = _render(library, *case)
    assert not served or len(served) < 2000  # cold renders reuse only within one handout
    # A text is kept from the second handout that prints it, and a split one's pieces from
    # the second after its lines were kept: the long step comes four times more.
    order = CASES * 2 + [case for case in CASES if case[1] == "long-step"] * 2
    random.Random(15).shuffle(order)
    for case in order:
        assert _render(library, *case) == cold[case], case

    style_names = {p.style.name for p in served}
    # dose_number only sizes the number inside dose_cell's <font> markup.
    expected = {field.name for field in fields(Styles)} - {"dose_number"}
    assert expected <= style_names, f"styles never reused: {expected - style_names}"
    assert any(getattr(p, "_splitpara", 0) for p in served), "no split paragraph reused"
    assert any(p.bulletText for p in served), "no bullet reused"
    assert any("<b>" in (p.text or "") and p.style.fontName == typeface.REGULAR for p in served)
    assert any("<font" in (p.text or "") for p in served)
    assert any(set(p.getPlainText()) & set("áéíóúñ¿") for p in served), "no Spanish reused"


def test_a_paragraph_with_a_character_outside_the_fixed_alphabet_is_drawn_afresh(library, served):
    _forget_everything()
    for _ in range(2):
        _render(library, "standard", "eight")
    assert served
    assert not any("ễ" in p.getPlainText() for p in served)


def _codes(first_text: str, text: str) -> list:
    """How `text` is encoded in a fresh document that printed `first_text` first."""
    canvas = Canvas(io.BytesIO())
    typeface.register_fonts()
    typeface.fix_codes(canvas._doc)
    font = pdfmetrics.getFont(typeface.REGULAR)
    font.splitString(first_text, canvas._doc)
    return [font.getSubsetInternalName(0, canvas._doc), pdfmetrics.getFont(typeface.BOLD)
            .getSubsetInternalName(0, canvas._doc), *font.splitString(text, canvas._doc)]


def test_the_fixed_alphabet_is_encoded_alike_whatever_a_document_printed_first():
    """reportlab (pinned <6) gives a character the next free code the first time a document
    prints it; fix_codes must take that order out of the hands of the document."""
    text = "Déjelo – ¿Sí? · ñandú • ⚠"
    assert _codes("ễ ü “quoted” ô", text) == _codes("", text) == _codes("Ω…", text)
    assert _codes("ễ", "ô") != _codes("", "ô")  # outside it, order still decides


def test_every_bundled_layout_label_is_in_the_fixed_alphabet():
    """Labels are printed on every handout: one beyond the alphabet would make every
    paragraph with it drawn afresh (slower, same bytes). Add the character to
    typeface.FIXED_ALPHABET."""
    for layout_name in LAYOUTS:
        layout = find_layout(layout_name)
        for key, label in layout.labels.pairs:
            assert set(str(label)) <= typeface.ENCODED_ALIKE | {"\n"}, (layout_name, key, label)


def test_a_paragraph_on_a_canvas_without_the_fixed_codes_is_drawn_afresh(served):
    """Copied operators name the fixed fonts and codes: any other document (a scratch
    canvas, a future contact sheet) must get reportlab's own drawing."""
    styles = styles_for(find_layout("standard"))
    pdfs = []
    for _ in range(3):
        canvas = Canvas(io.BytesIO(), invariant=1)
        para = markup.Para("Stand tall – ¿Sí?", styles.body)
        para.wrapOn(canvas, 200, 100)
        para.drawOn(canvas, 10, 10)
        pdfs.append(canvas.getpdfdata())
    assert not served
    assert pdfs[0] == pdfs[1] == pdfs[2]


def test_what_a_batch_keeps_does_not_grow_with_its_patients(library):
    """A patient's name, note and page 1 come once each: kept only from a second sighting
    (render/met_before.py), so a worker's memory stays flat over thousands of handouts."""
    _forget_everything()

    def handout(number: int) -> None:
        request = replace(REQUESTS["eight"], patient=f"Patient {number}", note=f"Note for patient {number}.")
        make_handout(request, library, CLINIC, TODAY)

    def sizes() -> tuple:
        return (len(markup._line_breaks), len(markup._drawings), len(kept_flowables._entries),
                len(kept_streams._flate._made))

    for number in range(3):
        handout(number)
    warm = sizes()
    assert all(warm)
    for number in range(3, 23):
        handout(number)
    assert sizes() == warm
