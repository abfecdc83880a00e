"""Patient data is printed on the page and nowhere else: not in the PDF's metadata (Info
or XMP) of any layout, not in default file names, not in anything backpdf prints."""

from __future__ import annotations

import pytest
from conftest import TODAY
from pdfcheck import metadata_text, pdf_text

from backpdf.layout_file import bundled_layouts, find_layout
from backpdf.model import ProgramEntry
from backpdf.pipeline import make_handout
from backpdf.program import Request

SECRETS = {"patient": "Winifred Quackenbush", "clinician": "Dr Ottoline Prendergast",
           "note": "Recovering from a fall at Sunnyvale"}


@pytest.mark.parametrize("layout_name", sorted(n for n in bundled_layouts() if not n.startswith("_")))
def test_no_patient_data_in_metadata(library, clinic, layout_name):
    request = Request(entries=(ProgramEntry("bird-dog"), ProgramEntry("chin-tuck")),
                      conditions=("osteoporosis",), overrides=("bird-dog",), **SECRETS)
    result = make_handout(request, library, clinic, TODAY, find_layout(layout_name))
    text = pdf_text(result.pdf)
    meta = metadata_text(result.pdf)
    for value in SECRETS.values():
        assert value in text  # printed on the page ...
        for word in value.split():
            if len(word) > 3:
                assert word not in meta  # ... and nowhere in the metadata
    for condition in ("Osteoporosis", "osteoporosis"):
        assert condition not in meta


def test_nothing_printed_to_the_terminal_names_the_patient(run, tmp_path, clinic_file, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("generate", "--area", "lower-back", "--condition", "osteoporosis", "--clinic", clinic_file,
                 *[arg for key, value in SECRETS.items() for arg in (f"--{key}", value)])
    assert result.exit_code == 0, result.stderr
    for value in SECRETS.values():
        for word in value.split():
            if len(word) > 3:
                assert word not in result.stderr + result.stdout
                assert not any(word in p.name for p in tmp_path.iterdir())
