"""Each page's footer (the patient's name, "Page X of Y") is a content stream of its own,
after the page's body: the body of every page after the first is then the same bytes in
every handout of a batch, compressed once (render/kept_streams.py) and stored once in a
--combined print job."""

from __future__ import annotations

import io

import pikepdf
from samples import CLINIC, EIGHT, TODAY

from backpdf.model import ProgramEntry
from backpdf.pipeline import make_handout
from backpdf.program import Request


def _streams(library, patient: str) -> list[tuple[bytes, bytes, bytes]]:
    """Per page: (body as compressed, body's operators, footer's operators)."""
    request = Request(entries=tuple(ProgramEntry(i) for i in EIGHT), patient=patient)
    pdf = pikepdf.open(io.BytesIO(make_handout(request, library, CLINIC, TODAY).pdf))
    found = []
    for page in pdf.pages:
        body, footer = page.obj.Contents
        found.append((body.read_raw_bytes(), body.read_bytes(), footer.read_bytes()))
    return found


def test_the_footer_is_its_own_stream_after_the_body(library):
    pages = _streams(library, "Ann Lee")
    assert len(pages) > 2
    for number, (_, body, footer) in enumerate(pages, 1):
        assert b"Ann Lee" in footer and f"Page {number} of {len(pages)}".encode() in footer
        assert b"Page " not in body
        assert (b"Ann Lee" in body) == (number == 1)  # page 1's letterhead names the patient


def test_bodies_after_page_one_are_the_same_bytes_for_every_patient(library):
    ann, bob = _streams(library, "Ann Lee"), _streams(library, "Bob Stone")
    assert len(ann) == len(bob)
    assert ann[0][0] != bob[0][0]
    for (ann_body, _, ann_footer), (bob_body, _, bob_footer) in zip(ann[1:], bob[1:]):
        assert ann_body == bob_body
        assert ann_footer != bob_footer
