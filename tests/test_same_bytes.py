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

import hashlib
from dataclasses import replace

import pytest
from samples import CLINIC, EIGHT, LAYOUTS, TODAY

from backpdf.model import ProgramEntry
from backpdf.pipeline import make_handout
from backpdf.program import Request

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
    ('standard', 'eight'): '1b27694b0fc7e1b2a93e33a97c81652644252e31f445777d0c81d79fa1ac159c',
    ('standard', 'neck-a4'): '1d761e6148e250405d6db330cd5038534124e23a8bcb1226150d97a193c4c4e4',
    ('standard', 'eight-no-pictures'): '0e1ec59a3ef6b26a705265ce319542caf4483c25d86a683f61dac605cfc6de8d',
    ('compact', 'eight'): 'b50fd7a12cf3e18ec1f25b35124efcc698e404f0fd2cfa10c74238d919b4d928',
    ('compact', 'neck-a4'): 'b31fc318e6129ccbd60793ae1f909b5cbd1535318026df9fede4b747b1b29bef',
    ('compact', 'eight-no-pictures'): 'f57a5db47e678a1aa8d18e437afb0fe57fe367253d76cff3a4157649facfd856',
    ('large-print', 'eight'): '334e8fb9d6fdc9a8c0c4cadc64c3c7a42a30443fd0df7c2b35bb7b3cb1fcfe88',
    ('large-print', 'neck-a4'): '236ef59db5eb311d8a962f9a7fc1254f6f8aa8be286ce33c6f624d961d107113',
    ('large-print', 'eight-no-pictures'): 'a096da20c1bc7bcfffb67cbe0881ba58d7d816307e77ba58c556029241579ee3',
    ('one-per-page', 'eight'): '00c50576dccbc2efd7a060cc7c9dad2a8681e101b8ed71a7a157a593ae037155',
    ('one-per-page', 'neck-a4'): 'c4fa840fc42af873233f3cb0bd06648e79c7deca5a62cc32d46994d49a4a1bb7',
    ('one-per-page', 'eight-no-pictures'): 'abba2986976e8a6a08e12f383585ae5fafdfe59cf1fd7b595139bf242d5efd23',
    ('checklist', 'eight'): 'c9f3fbdbd4eda469dc3af937854f8abd97d3f975676e8733b1896b0c9b524b15',
    ('checklist', 'neck-a4'): '1ef54cca1d590c989c13ba39015f5e7956ee9f916bfd7dca5e791ead6fd37ddd',
    ('checklist', 'eight-no-pictures'): '875a941e978977afca9465b281729cb21da5d68846097e7c7718ef044d9a6bf9',
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
