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
    ('standard', 'eight'): 'ea34e195c23a68b68b05ffa748ca5251bf4ddb20c2328e8404d749ba37860db1',
    ('standard', 'neck-a4'): 'b4bf6f77190d23b6d2438b271dba9a75c135490f5198b3465a6b9eee5ecd8d64',
    ('standard', 'eight-no-pictures'): '78c3fa2f7ec52f9174469054f1fe7e26e02be3271134f7c7e812a35163811c5d',
    ('compact', 'eight'): 'cfaa1d8e76947c532b1319660439ec501d4d1bcd0d6e7bad540e9b3a6fa03b4d',
    ('compact', 'neck-a4'): 'bb33021104f2cb2187999cbefdd4301301c0047fd69d76bf9d46184b0b88da7e',
    ('compact', 'eight-no-pictures'): '9c41da79ddecaa78804232dcd36472b4a4134a168e0daf366bf4b51355e23297',
    ('large-print', 'eight'): 'ffd833f9a16404a556c740531374b7f0a31bbfff2adc4ba4b8df15ec38c03bc0',
    ('large-print', 'neck-a4'): '3ace7c0854bde292001aadd9e51a8c3ce261ead1d1fd38b41d241213b03bd949',
    ('large-print', 'eight-no-pictures'): 'bafa39f54afe7a930dba18a84e36c22313a93e2a9bcf0094e6b72833e0ab19c7',
    ('one-per-page', 'eight'): 'a03a863cc274ae6e070cc49ce85f920edd2026a7b342c25fd788b3b3b9d5cdcb',
    ('one-per-page', 'neck-a4'): 'fb4b22425d229bf3272659a369da739e7779609d5e2d56c234755a6afacad457',
    ('one-per-page', 'eight-no-pictures'): 'e329302bae90b89086ba762360b05f095a36fd8e0ea0529cc0011adeb3459b10',
    ('checklist', 'eight'): '529f4826560836b8487fcb44d0dcdee48cdbe872328f646a8b22edaf45d4989e',
    ('checklist', 'neck-a4'): '12c27bfe5693f3bc669f25d98a6f6f634bbd96258e94774b0139a198a012acef',
    ('checklist', 'eight-no-pictures'): '26dc9aa435e9c3ccdfc1fa729b69154013aacfc51ccba600510ff298020f3284',
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
