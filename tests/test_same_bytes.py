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
    ('standard', 'eight'): '4267960d3020aad115afa2abada88f907a9eabbf1755b99bc34a272a5460085b',
    ('standard', 'neck-a4'): 'ab1f9384f39660afddb2614623843680cbccaaadb4e90f57e2d4a04ef15634ed',
    ('standard', 'eight-no-pictures'): 'd837833a18ac5efb00e6e15101f512f49ab0c1da0cc616675e432b4d07cff196',
    ('compact', 'eight'): '309a525c74b6c392744dc4b41f4d17266fa0b288233fdf103ee3cd664598a091',
    ('compact', 'neck-a4'): '241cf3e271107e5e3972c5812c7b843f6c1b08233d3d87294bb3de47986b4175',
    ('compact', 'eight-no-pictures'): '4bc98a82f93a0f311f2ad639649dcf0e74ab566c4195f3e625a0e9c2d83505be',
    ('large-print', 'eight'): '84544ebe366df214f792abf5354e74a66354fe32e83836a489a9d5c625f57542',
    ('large-print', 'neck-a4'): '4950a313c6c0b0d4dec9c5f5c5ac0e47239e64fab4a71e90f8abc9e5ef317764',
    ('large-print', 'eight-no-pictures'): 'be7f900db74016bec91f1d1c741a53046f0ce50caa5b570e7b7309b4477f47ce',
    ('one-per-page', 'eight'): 'c288641aca639df93a146884ab5a3582cdb1b0a3e4d6d795160af10a20e20974',
    ('one-per-page', 'neck-a4'): '15082ec440e7510c7d51e826c430be9842a511370c9767a2474a1e2b7bbf7285',
    ('one-per-page', 'eight-no-pictures'): '766ab90b87e9c272ba615c51005f4636533c45afbdc1a3bc65d4702bfd33882f',
    ('checklist', 'eight'): '8750ea2818e71cc7197ef1896f9dda347fafb71f27c4a8c6b08d6d97580227dc',
    ('checklist', 'neck-a4'): 'f1f0fe44ca2d07dedeeef0ce992800da1cf3b74436d82e559ca8de1d76fb7bea',
    ('checklist', 'eight-no-pictures'): '381eb8394c9d4d046c89f86d232a788cd58812689cce6ae593dd44272f6e866e',
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
