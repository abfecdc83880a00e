"""Resolution makes every decision: selection order, doses, screening, links."""

import pytest
from conftest import TODAY, VIDEO_BASE

from backpdf.errors import BackpdfError
from backpdf.model import Dose, ProgramEntry
from backpdf.program import Request, resolve


def ids(handout):
    return [e.id for e in handout.exercises]


def test_area_selection_is_library_order_without_duplicates(library, clinic):
    request = Request(entries=(ProgramEntry("bird-dog"),), areas=("lower-back", "mid-back"))
    handout, _ = resolve(request, library, clinic, TODAY)
    expected = ["bird-dog"] + [e.id for e in library.exercises.values()
                               if e.id != "bird-dog" and {"lower-back", "mid-back"} & set(e.areas)]
    assert ids(handout) == expected
    assert [e.number for e in handout.exercises] == list(range(1, len(expected) + 1))


def test_dose_library_then_program(library, clinic):
    base = library.exercises["bird-dog"].dose
    request = Request(entries=(ProgramEntry("bird-dog", Dose(reps=6), "Right side only."),))
    (item,), _ = resolve(request, library, clinic, TODAY)[0].exercises, None
    assert item.dose == base.merged(Dose(reps=6))
    assert item.dose.reps == 6 and item.note == "Right side only."
    assert "Repeat 6 times" in " ".join(item.dose_sentences)


def test_relative_video_joins_clinic_base(library, clinic):
    handout, _ = resolve(Request(entries=(ProgramEntry("chin-tuck"),)), library, clinic, TODAY)
    assert handout.exercises[0].video_url == VIDEO_BASE + library.exercises["chin-tuck"].video


def test_unknown_id_suggests(library, clinic):
    with pytest.raises(BackpdfError, match=r"unknown exercise 'brid-dog'; did you mean 'bird-dog'"):
        resolve(Request(entries=(ProgramEntry("brid-dog"),)), library, clinic, TODAY)


def test_nothing_chosen_is_an_error(library, clinic):
    with pytest.raises(BackpdfError, match="no exercises chosen"):
        resolve(Request(), library, clinic, TODAY)


def test_command_line_overrides_program():
    program = Request(entries=(ProgramEntry("bird-dog"),), patient="A", conditions=("pregnancy",))
    cli = Request(entries=(ProgramEntry("chin-tuck"),), patient="B", conditions=("osteoporosis",))
    merged = program.overridden_by(cli)
    assert merged.patient == "B"
    assert [e.id for e in merged.entries] == ["chin-tuck"]
    assert merged.conditions == ("pregnancy", "osteoporosis")
    kept = program.overridden_by(Request(clinician="C"))
    assert [e.id for e in kept.entries] == ["bird-dog"] and kept.clinician == "C"


def test_bad_date(library, clinic):
    with pytest.raises(BackpdfError, match="real date"):
        resolve(Request(entries=(ProgramEntry("chin-tuck"),), date="2026-02-30"), library, clinic, TODAY)
