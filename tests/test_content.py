"""The bundled library is complete, plain and safe: the bar it must keep in CI."""

from __future__ import annotations

import re
from collections import Counter
from statistics import mean

from conftest import TODAY
from pdfcheck import normalise, pdf_text

from backpdf.pipeline import make_handout
from backpdf.program import Request
from backpdf.readability import library_readability

AREAS = ("neck", "upper-back", "mid-back", "lower-back")
NUMBER_WORDS = re.compile(r"\b(two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty)\b", re.I)


def test_size_and_coverage(library):
    exercises = list(library.exercises.values())
    assert len(exercises) >= 40
    for area in AREAS:
        in_area = [e for e in exercises if area in e.areas]
        assert len(in_area) >= 8, area
        assert {"strengthening", "stretching", "mobility"} <= {e.kind for e in in_area}, area
    aerobic = [e.id for e in exercises if e.kind == "aerobic"]
    assert len(aerobic) >= 4
    for wanted in ("pelvic-tilt", "bird-dog", "bridge", "modified-plank", "knee-to-chest", "cat-cow",
                   "piriformis-stretch", "childs-pose", "heel-slide", "wall-sit", "partial-crunch",
                   "press-up", "lower-back-rotation", "chin-tuck", "shoulder-blade-squeeze",
                   "doorway-chest-stretch", "walking"):
        assert any(wanted in e.id for e in exercises), wanted


def test_every_exercise_is_written_to_the_house_rules(library):
    for e in library.exercises.values():
        assert 2 <= len(e.steps) <= 8, e.id
        assert e.cautions, e.id
        assert e.video == e.id, e.id  # a path under the clinic's video_base_url
        for step in e.steps:
            assert not NUMBER_WORDS.search(step), (e.id, step)  # digits for numbers
            assert len(step.split()) <= 20, (e.id, step)


def test_doses_follow_the_guidance(library):
    for e in library.exercises.values():
        d = e.dose
        if e.kind == "stretching" and d.hold_seconds:
            assert 15 <= d.hold_seconds <= 60, e.id
        if e.kind == "aerobic":
            assert d.minutes, e.id
        if e.kind == "strengthening" and d.reps:
            assert 3 <= d.reps <= 15, e.id


def test_readability_bar(library):
    results = library_readability(library)
    grades = [r.grade for r in results]
    assert mean(grades) <= 7
    assert max(grades) <= 9
    assert not [w for r in results for w in r.warnings()]


def test_red_flags_and_guidance_cover_the_seeds(library):
    flags = " ".join(library.red_flags).lower()
    for phrase in ("below the knee", "numb", "tingling", "weakness", "bladder", "bowel", "fall",
                   "15 minutes"):
        assert phrase in flags, phrase
    guidance = " ".join(library.guidance).lower()
    for phrase in ("warm up", "cool down", "bounce", "sharp pain", "toe touches", "sit-ups", "both legs"):
        assert phrase in guidance, phrase


def test_conditions_have_precautions_and_rules(library):
    needed = {"osteoporosis", "pregnancy", "hip-replacement", "spinal-stenosis", "disc-herniation",
              "spine-surgery"}
    assert needed <= set(library.conditions)
    ruled_out = Counter(c for e in library.exercises.values() for c in e.avoid_if)
    for condition in needed:
        assert library.conditions[condition].precaution
        assert ruled_out[condition] >= 2, condition
    assert "prone-press-up" in [e.id for e in library.exercises.values() if "spinal-stenosis" in e.avoid_if]


def test_templates(library, clinic):
    assert len(library.templates) >= 6
    for template in library.templates.values():
        assert 3 <= len(template.entries) <= 8, template.id
        result = make_handout(Request(template=template.id), library, clinic, TODAY)
        text = pdf_text(result.pdf)
        for entry in template.entries:
            assert normalise(library.exercises[entry.id].name) in text, (template.id, entry.id)
