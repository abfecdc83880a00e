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
    ('standard', 'eight'): 'b813891fc07abd947b20497f0568f9e66d6740c537cfc5af8451f8d5924b2f8d',
    ('standard', 'neck-a4'): '7f79006558e634c264d6c72c325b7c5947d319771e192d52aec405f4e7f7815e',
    ('standard', 'eight-no-pictures'): '582cf033a996c4d2766ff7df88bbca5f53190017c80868adc14faf172e1323b1',
    ('compact', 'eight'): '628f7299fb5b976ad0d2e5891275b135383a3c1b5f87f32ae0154e643d34f459',
    ('compact', 'neck-a4'): '398d8e5a598f1e07219740344949f86dc76539ecf3d553b6f24513317c66ba9f',
    ('compact', 'eight-no-pictures'): '035ef412df65d95986a596f6d8863d38a15187a952b09ed3edcb5d8dda6c8d91',
    ('large-print', 'eight'): '77293e3136fdeac113df8ae3b7cea0ecc612616912505307e114c7b5e4f53661',
    ('large-print', 'neck-a4'): '11c67a1b9326f793159a523f8c246ab922cfb68003d01688bb34c41ce5c32a18',
    ('large-print', 'eight-no-pictures'): '3ba61f0a3e1f5d0a4ca77e5dc0bcc8450c3d17355395b21ac1359d7c6db66f22',
    ('one-per-page', 'eight'): '5f97f4f1978bc9b18760d67985528ef4df4f7a4696b8304a673111d25b110fa0',
    ('one-per-page', 'neck-a4'): 'f0130bcc0afa953b3055bb417ab3b7bfdb5126bd8c87a64d20ba62404170f813',
    ('one-per-page', 'eight-no-pictures'): '3ecc43c8d795df8e0a74ede591ce9b13336a23c1b30e386f4b304299d1ba0744',
    ('checklist', 'eight'): '75d3f1cbc6a4366daef819dec2f7be0140bb70d0ce21231eb294188e2863b52a',
    ('checklist', 'neck-a4'): '0a6043513c9900b9f15af0880e9f043f6b1fea42b2b0213c45487cf1f3417cd1',
    ('checklist', 'eight-no-pictures'): '6f912524e5b2af42a012fc368c60512f9ee5a70252e2d7b2d0d1b7fe0c7137e8',
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
