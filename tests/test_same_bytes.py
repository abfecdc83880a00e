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
    ('standard', 'eight'): 'c55f231556290f4d0191f308607ffa88b3127a8bb56ea7c4ca4199b918f585c6',
    ('standard', 'neck-a4'): '991279da33a2e8d57bc390b3b84e4e7f37332ac3e584d23eda44bbe49cb6a103',
    ('standard', 'eight-no-pictures'): '61df23cc81d31ac02427fe987e8a1b61adf50768f98258bb2507db05dd9e9755',
    ('compact', 'eight'): 'bbf4cf384c8efc9e9ed2353c77aab3143d9199496ec6a75ed53b225799034900',
    ('compact', 'neck-a4'): '07a5f9057d44b78659abde2154f6f8f4285161895e2c807fd94f6067d43cbc19',
    ('compact', 'eight-no-pictures'): '24bf50865930438f8d291e5f1a5396da3e57aa8e7d9a9e5c6300a00bbe8912e7',
    ('large-print', 'eight'): '207245bf4e9a1216832a6367c50b189be811fe33d252d454b56e038c00aa3626',
    ('large-print', 'neck-a4'): 'e51a9470c92bbd7a7692dc31d98442a613c20df3f98c3c3c8524a62f20941153',
    ('large-print', 'eight-no-pictures'): '41524e8ce1877c9d601908354a6f794dc6f530cc75d98d0e12f8d18ff0f15214',
    ('one-per-page', 'eight'): 'c5324807833b8e9c8627eb827686a7be0254f4fec22b3d971e0b9f61c6e6f211',
    ('one-per-page', 'neck-a4'): '442381591eae1fce5b36d26a04623f96408518c9bcf3c88b32c4dd19fc72fbdd',
    ('one-per-page', 'eight-no-pictures'): 'a685fa211f197b6fc3d5d3c7774cd84be218ffa66fe76226c1aee24fd953bac1',
    ('checklist', 'eight'): '52e00dd545104b0cc9b5c1a135e1ba32ae9541ebcdfa25bba705ae878ef13eea',
    ('checklist', 'neck-a4'): '428e6b1e8e213d49b32fdff3446a260b7167f4cc13a341e1b233997537ebaa2b',
    ('checklist', 'eight-no-pictures'): '11b94f0d2b71cca0ae0e5f81cb63f1c82fe06bf2d036ffc066edf725b48e1b4d',
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
