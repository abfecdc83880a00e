"""Streams compressed from memory (render/kept_streams.py) are zlib's own bytes, only what
repeats is kept, and reportlab (pinned <6) really sends a handout's streams through it."""

from __future__ import annotations

import datetime as dt
import zlib

from reportlab.pdfbase import pdfdoc

from backpdf.model import Clinic, ProgramEntry
from backpdf.pipeline import make_handout
from backpdf.program import Request
from backpdf.render import kept_streams
from backpdf.render.kept_streams import KeptFlate, kept_flate, kept_subsets
from backpdf.render.met_before import next_handout


def test_a_stream_is_compressed_as_zlib_does_and_kept_only_once_seen_twice():
    flate = KeptFlate()
    page = "BT /F1+0 12 Tf 72 700 Td (Patient 1) Tj ET\n" * 50
    first = flate.encode(page)
    assert first == zlib.compress(page.encode("utf8"))
    assert flate.encode(page) == first
    assert flate._made == {}  # seen in one handout only: a page 1, most likely; only its hash stays
    next_handout()
    second = flate.encode(page)
    third = flate.encode(page)
    assert second == third == first
    assert third is second  # served from memory
    assert flate.decode(third) == page.encode("utf8")
    assert flate.encode(b"\x00\x01font") == zlib.compress(b"\x00\x01font")


def test_kept_subsets_builds_each_subset_once():
    calls: list = []

    def make(subset):
        calls.append(list(subset))
        return bytes(subset)

    make_kept = kept_subsets(make)
    assert make_kept([0, 65, 66]) is make_kept([0, 65, 66])
    assert make_kept([0, 67]) == bytes([0, 67])
    assert calls == [[0, 65, 66], [0, 67]]


def test_a_handout_is_written_through_the_kept_filter_and_reportlab_is_given_its_own_back(
        library, monkeypatch):
    original = pdfdoc.PDFZCompress
    encoded: list = []
    real_encode = KeptFlate.encode

    def encode(self, content):
        encoded.append(content)
        return real_encode(self, content)

    monkeypatch.setattr(KeptFlate, "encode", encode)
    request = Request(entries=(ProgramEntry("bridge"), ProgramEntry("bird-dog")), patient="Ana")
    clinic = Clinic(name="Riverside Physio", phone="555-0100", video_base_url="https://clinic.example/videos/")
    for _ in range(2):
        make_handout(request, library, clinic, dt.date(2026, 11, 21))
    assert pdfdoc.PDFZCompress is original
    assert len(encoded) >= 2 * 4  # pages, pictures, two font files and their maps, twice
    font_files = [c for c in encoded if isinstance(c, bytes) and c[:4] == b"\x00\x01\x00\x00"]
    assert len(font_files) == 4 and font_files[0] is font_files[2]  # the same subset, built once
    assert font_files[0] in kept_streams._flate._made


def test_the_filter_is_put_back_when_a_build_fails():
    original = pdfdoc.PDFZCompress
    try:
        with kept_flate():
            assert pdfdoc.PDFZCompress is kept_streams._flate
            raise RuntimeError
    except RuntimeError:
        pass
    assert pdfdoc.PDFZCompress is original
