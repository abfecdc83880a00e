"""The standard handout, read back: text, QR codes, fonts, validity, determinism, privacy."""

from __future__ import annotations

import re

import pytest
from conftest import TODAY
from pdfcheck import fonts, metadata_text, normalise, open_strict, page_count, pdf_text, qr_codes, qr_symbol_widths_cm

from backpdf.errors import BackpdfError
from backpdf.layout_file import find_layout
from backpdf.model import ProgramEntry
from backpdf.pipeline import make_handout
from backpdf.program import Request
from backpdf.render import render

PATIENT = "Zoë O'Brien-Nguyễn <b>&amp;</b>"
NOTE = "Start with the first 3 & add <the rest> next week."
IDS = ("pelvic-tilt", "bird-dog", "bridge", "knee-to-chest", "cat-cow", "chin-tuck")


def request(**changes) -> Request:
    values = dict(entries=tuple(ProgramEntry(i) for i in IDS), patient=PATIENT,
                  clinician="Ana Ruiz, PT", note=NOTE, date="2026-11-21")
    values.update(changes)
    return Request(**values)


@pytest.fixture(scope="module")
def made(request_, library, clinic):
    return make_handout(request(paper=request_), library, clinic, TODAY)


@pytest.fixture(scope="module", params=["letter", "a4"])
def request_(request):
    return request.param


@pytest.fixture(scope="module")
def text(made):
    return pdf_text(made.pdf)


def test_every_step_dose_caution_and_name_is_printed(made, text):
    handout = made.handout
    for field, value in handout.texts():
        assert normalise(value) in text, field
    assert PATIENT in text
    assert "8 times" in text or "10 times" in text
    assert "21 November 2026" in text


def test_qr_codes_decode_to_the_video_links(made):
    expected = [e.video_url for e in made.handout.exercises]
    assert qr_codes(made.pdf) == expected


def test_qr_codes_are_at_least_the_layout_size(made):
    widths = qr_symbol_widths_cm(made.pdf)
    assert len(widths) == len(IDS)
    assert min(widths) >= made.layout.qr_cm * 0.97 >= 2.0 * 0.97


def test_links_are_printed_as_text(made, text):
    squeezed = text.replace(" ", "")
    for exercise in made.handout.exercises:
        assert exercise.video_url in squeezed


def test_valid_pdf_with_embedded_fonts_only(made):
    open_strict(made.pdf)
    used = fonts(made.pdf)
    assert used and all(f["embedded"] for f in used), used
    assert not any(name in f["name"] for f in used for name in ("Helvetica", "Times", "Courier"))


def test_page_size_and_footer(made, request_):
    import io

    import pypdf
    page = pypdf.PdfReader(io.BytesIO(made.pdf)).pages[0]
    size = (round(float(page.mediabox.width)), round(float(page.mediabox.height)))
    assert size == {"letter": (612, 792), "a4": (595, 842)}[request_]
    pages = page_count(made.pdf)
    assert made.pages == pages
    text = pdf_text(made.pdf)
    for number in range(1, pages + 1):
        assert f"Page {number} of {pages}" in text
    assert text.count("This handout does not replace advice from your clinician.") == 1  # on page 1
    assert text.count("Questions? Call 555-0100") == pages


def test_byte_identical_rebuilds(made, library, clinic, request_):
    again = make_handout(request(paper=request_), library, clinic, TODAY)
    assert again.pdf == made.pdf


def test_metadata_is_generic(made):
    meta = metadata_text(made.pdf)
    for secret in ("Zo", "Nguy", "Ana Ruiz", "first 3"):
        assert secret not in meta
    assert "Home exercise program" in meta


def test_red_flags_come_before_the_exercises_on_page_one(made, library):
    import io

    import pypdf
    first = normalise(pypdf.PdfReader(io.BytesIO(made.pdf)).pages[0].extract_text())
    for title, signs in made.handout.red_flags:
        assert normalise(title) in first
        for sign in signs:
            assert normalise(sign) in first
    emergency = normalise(made.handout.red_flags[0][0])
    assert emergency.startswith("Go to the emergency department or call 911 now")
    assert first.index(emergency) < first.find("Your exercises") or "Your exercises" not in first


def test_enormous_step_is_printed_whole_across_pages(library, clinic):
    from dataclasses import replace

    words = " ".join(f"w{i}" for i in range(3000))
    big = replace(library.exercises["bird-dog"], steps=("Start on all fours.", words))
    lib = replace(library, exercises={**library.exercises, "bird-dog": big})
    result = make_handout(request(entries=(ProgramEntry("chin-tuck"), ProgramEntry("bird-dog"),
                                            ProgramEntry("bridge"))), lib, clinic, TODAY)
    text = pdf_text(result.pdf)
    assert re.findall(r"\bw\d+\b", text) == words.split()  # all, in order, despite page breaks
    assert result.pages >= 4
    assert "2. Bird-dog (continued)" in text
    assert "This exercise continues on the next page." in text
    assert qr_codes(result.pdf) == [e.video_url for e in result.handout.exercises]


def test_short_exercise_is_not_split(made):
    """Every card that fits on a page has its title and its last line on one page."""
    import io

    import pypdf
    pages = [normalise(p.extract_text()) for p in pypdf.PdfReader(io.BytesIO(made.pdf)).pages]
    for exercise in made.handout.exercises:
        title, last = f"{exercise.number}. {exercise.exercise.name}", normalise(exercise.cautions[-1])
        assert any(title in page and last in page[page.index(title):] for page in pages if title in page), \
            exercise.id
    assert "(continued)" not in " ".join(pages)


def test_text_the_font_cannot_print_is_an_error_naming_the_field(library, clinic):
    with pytest.raises(BackpdfError, match=r"patient: cannot print '鍵' \(U\+9375 CJK UNIFIED IDEOGRAPH-9375\): the handout font has no such character"):
        make_handout(request(patient="Tanaka 鍵"), library, clinic, TODAY)


def test_markup_payloads_print_literally(library, clinic):
    payload = ("[[[getattr(pow, Word('__globals__'))['os'].system('touch /tmp/pwned') "
               "for Word in [ orgTypeFun( 'Word', (str,), { 'mutated': 1 } ) ]]]] "
               "<font color=\"red\">x</font> <img src=\"http://example.invalid/x.png\"/>")
    result = make_handout(request(note=payload), library, clinic, TODAY)
    assert normalise(payload) in pdf_text(result.pdf)


def test_render_is_pure(made):
    again = render(made.handout, find_layout("standard"), made.paper)
    assert again.data == made.pdf
