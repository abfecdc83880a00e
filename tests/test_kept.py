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
from backpdf.render import kept_flowables, pictures, qr

TODAY = dt.date(2026, 11, 21)
CLINIC = Clinic(name="Riverside Physio", video_base_url="https://clinic.example/videos/")
REQUEST = Request(entries=tuple(ProgramEntry(i) for i in ("cat-cow", "bird-dog", "bridge")),
                  date=TODAY.isoformat())


def _as_if_fresh_process() -> None:
    """Forget what this process worked out, as a new `backpdf generate` would not know it."""
    drawn_pictures._drawn.cache_clear()
    drawn_pictures._handout_picture.cache_clear()
    pictures._operators.clear()
    kept_flowables._entries.clear()
    qr.qr_matrix.cache_clear()
    qr.qr_outlines.cache_clear()
    qr._module_path.cache_clear()


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
    assert qr.qr_outlines.cache_info().misses == 0  # no code was traced
    assert again == afresh


def test_damaged_kept_qr_codes_are_made_again(library, cache_folder):
    afresh = make_handout(REQUEST, library, CLINIC, TODAY).pdf
    for entry in (cache_folder / "qr").iterdir():
        entry.write_bytes(b"n 0 0 m 1 0 l h /F1" if entry.read_bytes().startswith(b"n") else b"0101")
    _as_if_fresh_process()
    assert make_handout(REQUEST, library, CLINIC, TODAY).pdf == afresh
    assert qr.qr_outlines.cache_info().misses == len(REQUEST.entries)


def test_damaged_kept_pictures_are_drawn_again(library, cache_folder):
    afresh = make_handout(REQUEST, library, CLINIC, TODAY).pdf
    entries = list((cache_folder / "pictures").iterdir())
    damage = [b"", b"{not json", b'{"width": 1.0}',
              b'{"width": 1.0, "height": 1.0, "key": "k", "operators": "/GS1 gs"}',
              b'{"width": 1.0, "height": 1.0, "key": "k", "operators": ["q", "Q"]}']
    for entry, bad in zip(entries, damage * len(entries)):
        entry.write_bytes(bad)
    _as_if_fresh_process()
    assert make_handout(REQUEST, library, CLINIC, TODAY).pdf == afresh
    assert drawn_pictures._drawn.cache_info().misses == len(entries)
    assert all(entry.read_bytes().startswith(b'{"width": ') for entry in entries)  # written again


def test_a_kept_library_reads_back_the_same_data_and_lines(cache_folder, monkeypatch):
    from backpdf import loading, resources, yaml_text

    first = loading.load_yaml(resources.bundled_library(), keep=True)

    def no_yaml(*args):
        raise AssertionError("the kept library was parsed again")

    monkeypatch.setattr(yaml_text, "parse_yaml", no_yaml)
    again = loading.load_yaml(resources.bundled_library(), keep=True)
    assert (again.data, again.lines, again.digest) == (first.data, first.lines, first.digest)
    assert again.line_of(("exercises", 3, "steps", 1)) == first.line_of(("exercises", 3, "steps", 1))


def test_what_json_cannot_give_back_exactly_is_not_kept(cache_folder):
    from backpdf import loading

    path = cache_folder / "odd.yaml"
    path.write_text("1: one\nflag: yes\n")
    assert loading.load_yaml(path, keep=True).data == {1: "one", "flag": True}
    assert not (cache_folder / "documents").exists()
    assert loading.load_yaml(path, keep=True).data == {1: "one", "flag": True}


def test_programs_are_never_kept(cache_folder, library):
    """A program holds a patient's name and notes: nothing of it goes to the cache folder."""
    from backpdf.program_file import load_program

    path = cache_folder / "program.yaml"
    path.write_text("patient: Nguyễn Thị Lan\nnote: Twice a day.\nexercises: [bird-dog]\n")
    load_program(path, library)
    assert not (cache_folder / "documents").exists()


def test_a_damaged_kept_document_is_read_as_yaml_again(cache_folder):
    from backpdf import loading, resources

    first = loading.load_yaml(resources.bundled_library(), keep=True)
    (entry,) = (cache_folder / "documents").iterdir()
    for damage in (b"", b"[1, 2]", b'{"data": {}, "lines": [[["a"], 1, 2]]}', b'{"data": 1, "lines": [[[[]], 1]]}'):
        entry.write_bytes(damage)
        assert loading.load_yaml(resources.bundled_library(), keep=True).data == first.data


@pytest.mark.parametrize(("language", "words"), [("en", "21 November 2026"), ("es", "21 de noviembre de 2026")])
def test_kept_dates_are_the_same_words(cache_folder, monkeypatch, language, words):
    import babel.dates

    from backpdf.i18n import long_date

    long_date.cache_clear()
    assert long_date(TODAY, language) == words
    (entry,) = (cache_folder / "dates").iterdir()
    long_date.cache_clear()
    with monkeypatch.context() as patched:
        patched.setattr(babel.dates, "format_date", None)  # read back, not formatted again
        assert long_date(TODAY, language) == words
    entry.write_bytes(b"\xff")  # damaged: written again
    long_date.cache_clear()
    assert long_date(TODAY, language) == words
    assert entry.read_bytes() == words.encode()
    long_date.cache_clear()


def test_a_clinic_profile_is_kept_like_the_library(cache_folder, tmp_path, monkeypatch):
    """A clinic's profile holds no patient's text; a fresh run that finds it kept does not
    parse YAML (nor import PyYAML) to read it."""
    from backpdf import yaml_text
    from backpdf.clinic_file import load_clinic

    profile = tmp_path / "clinic.yaml"
    profile.write_text("name: Riverside Physio\nphone: 555-0100\nvideo_base_url: https://clinic.example/v/\n")
    first = load_clinic(profile)
    monkeypatch.setattr(yaml_text, "parse_yaml", lambda *a: pytest.fail("parsed the kept profile again"))
    assert load_clinic(profile) == first
    profile.write_text(profile.read_text().replace("555-0100", "555-0199"))
    with pytest.raises(pytest.fail.Exception):
        load_clinic(profile)  # changed bytes: a new entry, parsed afresh
