"""Property: any library and program within the schema gives a correct PDF or a clear error.

Text is drawn from wide Unicode plus the shapes that break PDF tools: markup look-alikes,
300-character words, combining accents, right-to-left marks, emoji, CJK. The outcome must be
either a BackpdfError that names where the problem is, or a valid PDF in which every name,
step, caution, tip and note appears, character for character (whitespace aside).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter

import pikepdf
import yaml
from hypothesis import event, given
from hypothesis import strategies as st
from pdfcheck import pdf_text, without_continued_marks

from backpdf import typeface as fonts
from backpdf.errors import BackpdfError
from backpdf.library_file import load_library
from backpdf.model import Clinic, ProgramEntry
from backpdf.pipeline import make_handout
from backpdf.program import Request

# Shapes that break PDF tools and markup parsers, all printable by the handout font ...
TRICKY = [
    "& < > \" '", "<font color=red>x</font>", '<img src="http://example.invalid/x.png"/>',
    '<a href="javascript:alert(1)">x</a>', "<para>", "</para>", "&amp;", "&#0;", "]]>",
    "e\u0301 n\u0303 a\u0308", "x" * 300, "Zoë O'Brien-Nguyễn", "\u00a0", "Ωμέγα", "Привет",
]
# ... and ones it must refuse with a clear error (RTL marks and script, emoji, CJK, BOM).
UNPRINTABLE = ["\u200f", "\u202e", "\u05e9\u05dc\u05d5\u05dd", "\U0001F600", "\u9375\u76e4", "\ufeff"]
# Characters the embedded font can draw: most examples must get as far as a PDF, so that
# the "every text is printed" half of the property is exercised, not only the errors.
PRINTABLE = sorted(chr(c) for c in fonts._covered()
                   if chr(c) not in "\n\t" and fonts._why_unprintable(chr(c), fonts._covered()) is None)


def texts(hostile: bool):
    """Non-blank text; with `hostile`, drawn from all of Unicode and the refused shapes too."""
    pieces = TRICKY + ["walk", "slowly"] + (UNPRINTABLE if hostile else [])
    alphabet = st.characters(exclude_categories=("Cs",)) if hostile else st.sampled_from(PRINTABLE)
    return st.one_of(
        st.text(alphabet, min_size=1, max_size=40),
        st.sampled_from(pieces),
        st.lists(st.sampled_from(pieces), min_size=1, max_size=6).map(" ".join),
    ).filter(lambda s: s.strip())


slug = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True)
dose = st.fixed_dictionaries({}, optional={
    "reps": st.integers(1, 100), "sets": st.integers(1, 10), "hold_seconds": st.integers(1, 600),
    "minutes": st.integers(1, 240), "sides": st.sampled_from(["each", "both", "alternate"]),
    "times_per_day": st.integers(1, 10), "days_per_week": st.integers(1, 7)})


@st.composite
def exercise(draw, ident, text):
    return {
        "id": ident, "name": draw(text),
        "areas": draw(st.lists(st.sampled_from(["neck", "upper-back", "mid-back", "lower-back"]),
                               min_size=1, max_size=4, unique=True)),
        "kind": draw(st.sampled_from(["strengthening", "stretching", "mobility", "aerobic"])),
        "steps": draw(st.lists(text, min_size=2, max_size=8)),
        "dose": draw(dose),
        "tips": draw(st.lists(text, max_size=3)),
        "cautions": draw(st.lists(text, max_size=3)),
        "video": ident,
    }


@st.composite
def library_and_program(draw):
    text = texts(hostile=draw(st.integers(0, 4)) == 0)  # one library in 5 is hostile
    ids = draw(st.lists(slug, min_size=1, max_size=60, unique=True))
    library = {
        "version": 1,
        "red_flags": {"title": draw(text), "items": draw(st.lists(text, min_size=1, max_size=4))},
        "guidance": draw(st.lists(text, max_size=4)),
        "exercises": [draw(exercise(i, text)) for i in ids],
    }
    chosen = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=len(ids), unique=True))
    notes = {i: draw(st.one_of(st.none(), text)) for i in chosen}
    people = {k: draw(st.one_of(st.none(), text)) for k in ("patient", "clinician", "note")}
    return library, chosen, notes, people


# The field labels Handout.texts() gives, which unprintable-text errors start with.
FIELD = (r"(title|patient|clinician|note|red flags \d+ title|clinic \w+|red flag \d+\.\d+|guidance \d+|"
         r"precaution \d+|exercise '[^']*' [a-z ]+( #\d+)?): ")


def squeeze(value: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", value))


@given(case=library_and_program())
def test_any_library_gives_a_complete_pdf_or_a_clear_error(case, tmp_path_factory):
    library_data, chosen, notes, people = case
    path = tmp_path_factory.mktemp("lib") / "exercises.yaml"
    path.write_text(yaml.safe_dump(library_data, allow_unicode=True), encoding="utf-8")
    request = Request(entries=tuple(ProgramEntry(i, note=notes[i]) for i in chosen), **people)
    clinic = Clinic(video_base_url="https://clinic.example/v/")
    try:
        library = load_library(path)
        result = make_handout(request, library, clinic, dt.date(2026, 11, 21))
    except BackpdfError as error:
        message = str(error)
        event("clear error")
        assert "\n" not in message
        # Names where: a file and line, or the field of the handout it came from.
        assert re.match(rf"{re.escape(str(path))}:\d+: ", message) or re.match(FIELD, message), message
        return
    event("complete PDF")
    pikepdf.open(__import__("io").BytesIO(result.pdf)).check_pdf_syntax()
    printed = squeeze(_without_page_furniture(pdf_text(result.pdf), result))
    for field, value in result.handout.texts():
        if any(_right_to_left(char) for char in value):
            # Text extraction reorders right-to-left letters (NKo, Arabic, Hebrew) against
            # their neighbours, so only that every character is there can be read back.
            assert Counter(squeeze(value)) <= Counter(printed), field
        else:
            assert squeeze(value) in printed, field


RTL_BLOCKS = ((0x0590, 0x08FF), (0xFB1D, 0xFDFF), (0xFE70, 0xFEFF), (0x10800, 0x10FFF), (0x1E800, 0x1EFFF))


def _right_to_left(char: str) -> bool:
    """A letter, or punctuation of a right-to-left script's own block (NKo's comma is a
    neutral, but extraction moves it with its script)."""
    return (unicodedata.bidirectional(char) in ("R", "AL")
            or any(low <= ord(char) <= high for low, high in RTL_BLOCKS))


def _without_page_furniture(text: str, result) -> str:
    """The text as read on across page breaks: a sentence split between pages has the
    footer ("Page 2 of 3", the patient's name) and a card's "continues" and "(continued)"
    marks between its parts."""
    labels = result.layout.labels
    whose = re.escape(result.handout.patient) + " · " if result.handout.patient else ""
    text = re.sub(whose + labels["page_of"].replace("{page}", r"\d+").replace("{pages}", r"\d+"), " ", text)
    return without_continued_marks(text, labels, result.handout.exercises)
