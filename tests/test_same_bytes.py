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
    ('standard', 'eight'): '545dfbac2b37094bfa6c02594d40130d4fbca4bce1e358647779a9ce6f3d3a3d',
    ('standard', 'neck-a4'): 'edb7e2040d8ebc51c87cfe5aab0e3d394b59e764ed59b327492d17e188de44d7',
    ('standard', 'eight-no-pictures'): 'f22ef18eb5f4342f1397fa5214359903a5aac5012fe21499fff11b5c420f8fdc',
    ('compact', 'eight'): 'de24f3192fc8d76e02580b5ce6ec40c31b64468eab17011cffc5ca907c0b9090',
    ('compact', 'neck-a4'): '33c5c8b4069177f70e0a81fec93ef3548eee30eb217fca4e20dba378efda6e9e',
    ('compact', 'eight-no-pictures'): '5882e1de1a53c675252b10f09aedb222f5376ebdf2d24b2cd684f2d54918f79b',
    ('large-print', 'eight'): 'd3538087e1a70be3cbe3a9593dfde75eb3c7ea47f6794cd16c4f1999b140edfd',
    ('large-print', 'neck-a4'): 'b04f2dadc9d4c87bbb5886f76afafa64de0a61d7196b955c8de59b9f5db74bb9',
    ('large-print', 'eight-no-pictures'): '43c33b3324ad89e9a5eeeb27c53edba4a0a9655cde40c86561305c3e0bd4be01',
    ('one-per-page', 'eight'): '2c53ca510e0ab37a31f3357aaf7183f2b12ddede399fbac75f35d6aac7e3306c',
    ('one-per-page', 'neck-a4'): 'c6b007703805364fe10d8de5f30396f5648214f28ab866b059ca67c45da41674',
    ('one-per-page', 'eight-no-pictures'): '7993246116f1b8bf6d5c1625b276455c2149929a442f01480920dcbb489ec375',
    ('checklist', 'eight'): '88fab49206c06a424caa657cf04cdd74abb2c24b85fe3703867de6e8c683a09e',
    ('checklist', 'neck-a4'): '1e57f0e917fd6a776b474cdefa8de1f2210f6b50c1652bf8d0dff99fc8807b34',
    ('checklist', 'eight-no-pictures'): '1702150bc9d8d5f16b94ea738ff7ecdc43b961faebaa7b93b4e06a963bcb8f02',
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
