"""Work kept on disk between runs (backpdf/kept.py) must print the same bytes as work done
afresh: a fresh process that finds everything kept, and one that finds it damaged."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from backpdf import drawn_pictures
from backpdf.model import Clinic, ProgramEntry
from backpdf.pipeline import make_handout
from backpdf.program import Request
from backpdf.render import pictures, qr

TODAY = dt.date(2026, 11, 21)
CLINIC = Clinic(name="Riverside Physio", video_base_url="https://clinic.example/videos/")
REQUEST = Request(entries=tuple(ProgramEntry(i) for i in ("cat-cow", "bird-dog", "bridge")),
                  date=TODAY.isoformat())


def _as_if_fresh_process() -> None:
    """Forget what this process worked out, as a new `backpdf generate` would not know it."""
    drawn_pictures._drawn.cache_clear()
    drawn_pictures._handout_picture.cache_clear()
    pictures._operators.clear()
    qr.qr_matrix.cache_clear()


@pytest.fixture
def cache_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("BACKPDF_CACHE_DIR", str(tmp_path))
    _as_if_fresh_process()
    yield tmp_path
    _as_if_fresh_process()


@pytest.mark.parametrize("layout", ["standard", "checklist"])  # checklist: thumbnails too
def test_kept_pictures_print_the_same_bytes(library, cache_folder, layout):
    request = replace(REQUEST, layout=layout)
    afresh = make_handout(request, library, CLINIC, TODAY).pdf
    assert len(list((cache_folder / "pictures").iterdir())) >= 3
    _as_if_fresh_process()
    again = make_handout(request, library, CLINIC, TODAY).pdf
    assert drawn_pictures._drawn.cache_info().misses == 0  # nothing was posed or drawn
    assert again == afresh


def test_damaged_kept_pictures_are_drawn_again(library, cache_folder):
    afresh = make_handout(REQUEST, library, CLINIC, TODAY).pdf
    entries = list((cache_folder / "pictures").iterdir())
    damage = [b"", b"{not json", b'{"width": 1.0}',
              b'{"width": 1.0, "height": 1.0, "key": "k", "operators": ["/GS1 gs"]}']
    for entry, bad in zip(entries, damage * len(entries)):
        entry.write_bytes(bad)
    _as_if_fresh_process()
    assert make_handout(REQUEST, library, CLINIC, TODAY).pdf == afresh
    assert drawn_pictures._drawn.cache_info().misses == len(entries)
    assert all(entry.read_bytes().startswith(b'{"width": ') for entry in entries)  # written again
