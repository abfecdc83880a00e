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
    ('standard', 'eight'): 'c01da70cba94047e94e83c57daf724ef34cb2c304631e5c25238efaa2dbf9bba',
    ('standard', 'neck-a4'): 'fca456c6a171d9ab7a8e8f30dfd6ec0b793aa07ae8334620390487b6a5abae22',
    ('standard', 'eight-no-pictures'): 'aad3892ad7a40da4b186f9ba3d0402855deca57b3ba7fcd2619b3b8a2e4b4944',
    ('compact', 'eight'): '12367ea6952cff17e615a0e04055fbfd50a314d1aefc66b2d5ff4a7b38c17a5a',
    ('compact', 'neck-a4'): '22074db7e26ed2f98bd5fa1ced36d194d8a8723c985e04402716904cdba693ec',
    ('compact', 'eight-no-pictures'): '63951ac4148a77f2938078b80da92aa4186c1ae4ee73a9d118bae0822b42c621',
    ('large-print', 'eight'): 'aca628eb1592371f40c9b4063e284c4439267bdc46c0afef345bbe40a8480fee',
    ('large-print', 'neck-a4'): 'd8e3405938cc7b0322d76c5954ae0e81cfbecdf225f36b41ee08875bd1c6a99b',
    ('large-print', 'eight-no-pictures'): '4b132c6d2109b41b8dc1c62e74bd00a73dcf89d0d42157a3f74a22f6181b91f4',
    ('one-per-page', 'eight'): '5af11bb2c0f2a725ba44f0c779b65e70ac544c871f9fee55ca052dfd3408cc21',
    ('one-per-page', 'neck-a4'): 'b79a1242df86d1cf23bb3abe5a8516fabccdb4e4ab5df4ade2212acf1330d92b',
    ('one-per-page', 'eight-no-pictures'): '162ecb2a706b2cc34d4dcd8c7eaa84b9e347a196072156467281b0667b5d7fe9',
    ('checklist', 'eight'): 'd58cc05eff1b038e67244323ddba2f913394065804bfc4b7d3d3d0e12e070cf2',
    ('checklist', 'neck-a4'): '35e43e51a80113abc8fd0047732adf2b148b16652775db8d23a3682d5a94e8f4',
    ('checklist', 'eight-no-pictures'): '2c9fe11488d57a0fc523cc036f98cc0c12cc33875ae2014dfbadc856456becd1',
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
