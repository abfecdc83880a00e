"""Speed work must not change what is printed: a fixed set of handouts, byte for byte.

Every bundled layout renders the same requests (pictures on), and each PDF's SHA-256 must be
the one the code produced before the caches, font and QR changes of issue 15 went in. Those
changes are about how fast the same bytes come out, so a different hash here means one of
them changed the page.

An *intended* change to the page (a layout, a label, a picture, the wording) changes these
hashes too: check the new PDFs by eye, then update EXPECTED with the printed hashes
(`pytest tests/test_same_bytes.py -q` shows them in the failure).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import replace

import pytest

from backpdf.model import Clinic, ProgramEntry
from backpdf.pipeline import make_handout
from backpdf.program import Request

TODAY = dt.date(2026, 11, 21)
CLINIC = Clinic(name="Riverside Physio", phone="555-0100", video_base_url="https://clinic.example/videos/")
EIGHT = ("cat-cow", "pelvic-tilt", "bird-dog", "bridge", "knee-to-chest", "piriformis-stretch",
         "childs-pose", "walking")
LAYOUTS = ("standard", "compact", "large-print", "one-per-page", "checklist")

# Three requests per layout: the 8-exercise handout of the benchmarks; a neck sheet on A4
# with a screening, a note and a name beyond ASCII; and the same eight without pictures.
REQUESTS = {
    "eight": Request(entries=tuple(ProgramEntry(i) for i in EIGHT), patient="Nguyễn Thị Lan",
                     clinician="Ana Ruiz, PT", date=TODAY.isoformat()),
    "neck-a4": Request(areas=("neck",), conditions=("osteoporosis",), patient="Zoë O'Brien & Co <x>",
                       note="Twice a day; stop if it hurts.", date=TODAY.isoformat(), paper="a4"),
    "eight-no-pictures": Request(entries=tuple(ProgramEntry(i) for i in EIGHT), date=TODAY.isoformat(),
                                 pictures=False),
}

EXPECTED: dict[tuple[str, str], str] = {
    ('standard', 'eight'): '9e9dd47848641f522cc7f35fab3ce7da184bd85fb2f1284265d733d0f6b76d14',
    ('standard', 'neck-a4'): '0040cdc4fb0d092420d60c189a68b4136b8ffdeb6ca1796d1f4c3d87f59959cd',
    ('standard', 'eight-no-pictures'): 'ec659f17e9f967ba865afb6025a2139e668dec7086a34488b2a3949ffcdfa7d7',
    ('compact', 'eight'): '128201e0d0977e65054c6916c41924b32a6802859ed9845f8dd99fd1bcdae9e3',
    ('compact', 'neck-a4'): '0c37a67da81b4f69c3bf8dc5580049e106c2a706e03b4329cd26cb6a81605ed3',
    ('compact', 'eight-no-pictures'): '6e68bda40de0ba6ae2dc13e2e5f029c3c6bf6bb7392a17dcfa862906001f42dc',
    ('large-print', 'eight'): '1afd45f348ada6014143b6ea526407913f1faeb75a6770aca2d12cb2d611c0d7',
    ('large-print', 'neck-a4'): '20d264cec7aac2c6d2afb6a5fd49f6afc87808fdbc096567f40064a5bd968fd0',
    ('large-print', 'eight-no-pictures'): 'beba76b795b630abc50bd3621a7a461d6b3e219cde46451bdc396985e5fd6cc6',
    ('one-per-page', 'eight'): 'a5f11448d9a9236adef46fc52dc938e33f3863219861aa84d3408d6269299533',
    ('one-per-page', 'neck-a4'): '3377c92ff6c2f72e1aa7fad61dbf5244316bcb7e5e2ee9f9331ac8092c2a956a',
    ('one-per-page', 'eight-no-pictures'): '2f736680affdc8d1db9bdd402eb1f9304c01ce402ff668cc70a4a7c41dc6d162',
    ('checklist', 'eight'): '7dda705efe0e7cd51b880f9f2055629772ff688f5f68da3714bd26f98c9f889b',
    ('checklist', 'neck-a4'): '5c486dcadc1abf0763870ad6971097e54e726b9c071171a654fb949bff5149b0',
    ('checklist', 'eight-no-pictures'): '9aa736bdecaee2fca8bb42ab237b57323e825aaad9a5d7a34e91822801351524',
}


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("name", list(REQUESTS))
def test_handout_bytes_unchanged(library, layout, name):
    request = replace(REQUESTS[name], layout=layout)
    first = make_handout(request, library, CLINIC, TODAY).pdf
    again = make_handout(request, library, CLINIC, TODAY).pdf  # every per-process cache warm now
    digest = hashlib.sha256(first).hexdigest()
    assert digest == EXPECTED[(layout, name)], f"({layout!r}, {name!r}): {digest!r},"
    assert again == first
