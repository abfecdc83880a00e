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
    ('standard', 'eight'): '2659cf97614567f71495ff847de0d857b7d64bd9b0538de73cf17c308121669f',
    ('standard', 'neck-a4'): '3d9a75f94b8c621869535b80e977423b82c2dcc91a9c74741ffef876591f76fb',
    ('standard', 'eight-no-pictures'): '8279ac3095599811b335fcaee4fdd6bc7f405ed3c44dc7362fc1d50ff24cd529',
    ('compact', 'eight'): '2f86ac22b0e7817479dc52dca6e3377b30114db801e25891c05cdcc91b15cbf7',
    ('compact', 'neck-a4'): 'a93dced32b1d67348bd24842800c00a4b55c374efdd474370309ae74d32c14ed',
    ('compact', 'eight-no-pictures'): 'f9511ca9dac504181321b384c2d92966d9f9f047a09ec34f8564027153cf4f0b',
    ('large-print', 'eight'): '01d3dd8f1f8b586b20587796e4a8dd0b5d2bba1c500b89fd2f37d52da944d4fa',
    ('large-print', 'neck-a4'): '8cd333e5c05d4ce5121a6c7753c4fa84971b1059f9f078227452253d801f5c81',
    ('large-print', 'eight-no-pictures'): '1e5da225c74bbc2efcb0768d7e30f546702ef38a4de21c9cfd7d4b01cfc9c700',
    ('one-per-page', 'eight'): '14134e596895378f9021f4fc03ac2965ab5389bf5969b3a3c8866345307b9d02',
    ('one-per-page', 'neck-a4'): '8a9886a9bda0063f9d58dd23dc47107623348a72ffde954c299248b2dfbdba26',
    ('one-per-page', 'eight-no-pictures'): 'ea050ec60fd32e1d2c4b96a707558a7c6d4ad8dcbf82a28de749169e700a6764',
    ('checklist', 'eight'): '08b96719d09625c67af474ce90e2fd394c5b9152ecb0c91424b203073d8dc1ed',
    ('checklist', 'neck-a4'): '5f35860d7f7e2c50e5eb050f9637ce5b588b50b54834e2c63902da4e5dd67ea1',
    ('checklist', 'eight-no-pictures'): '8d45d215184101fd1c819ad599a0bef22825116f4160ddd37fe1d6d8373bf3af',
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
