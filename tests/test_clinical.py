"""The safety content, held to its rules: red flags in two tiers for every area, screening
that follows the movements an exercise asks for, no patient told to stop for the reason
they came, and plain words."""

from __future__ import annotations

import json

import pytest
import textstat

from backpdf import vocabulary
from backpdf.model import ProgramEntry
from backpdf.pipeline import make_handout
from backpdf.program import Request, resolve

from conftest import TODAY
from pdfcheck import normalise, pdf_text

# What mainstream physiotherapy practice expects of each condition, written independently
# of the library: every exercise that makes one of these movements must be left out or
# carry a caution for the condition.
MUST_SCREEN = {
    "osteoporosis": {"bends-forward-loaded", "twists-loaded", "bends-forward", "twists"},
    "vertebral-fracture": {"bends-forward", "twists", "bends-forward-loaded", "twists-loaded",
                           "bends-backward-loaded"},
    "pregnancy": {"lies-on-stomach", "lies-on-back"},
    "hip-replacement": {"hip-bends-past-90", "crosses-legs"},
    "spinal-stenosis": {"bends-backward", "bends-backward-loaded"},
    "spondylolisthesis": {"bends-backward", "bends-backward-loaded", "lies-on-stomach"},
    "disc-herniation": {"bends-forward-loaded", "bends-forward"},
    "neck-instability": {"neck-moves", "neck-bends-backward", "loads-neck"},
    "fall-risk": {"stands-on-one-leg", "balance", "stands"},
    "high-blood-pressure": {"holds-effort"},
}


def test_every_area_has_red_flags_in_both_tiers(library):
    assert [tier.title.split()[0] for tier in library.red_flags] == ["Go", "Stop"]
    assert "{emergency_number}" in library.red_flags[0].title
    for area in vocabulary.areas():
        for tier in library.red_flags:
            assert any(area in flag.areas for flag in tier.items), (area, tier.title)


@pytest.mark.parametrize("condition_id", sorted(MUST_SCREEN))
def test_each_condition_screens_the_movements_it_implies(library, condition_id):
    condition = library.conditions[condition_id]
    for exercise in library.exercises.values():
        if set(exercise.moves) & MUST_SCREEN[condition_id]:
            assert condition.avoids(exercise) or condition.cautions_for(exercise), (condition_id, exercise.id)


def test_every_exercise_has_a_purpose_and_movement_tags_and_every_template_a_reason(library):
    assert all(e.purpose and e.moves for e in library.exercises.values())
    assert all(t.why for t in library.templates.values())


def test_no_screened_patient_is_told_to_stop_for_the_reason_they_came(library, clinic):
    for condition in library.conditions.values():
        changed = condition.reword_red_flags.keys() | condition.drop_red_flags
        for flag in (f for tier in library.red_flags for f in tier.items if f.id in changed):
            exercise = next(e for e in library.exercises.values()
                            if set(e.areas) & flag.areas and not condition.avoids(e))
            handout, _ = resolve(Request(entries=(ProgramEntry(exercise.id),), conditions=(condition.id,)),
                                 library, clinic, TODAY)
            printed = [sign for _, signs in handout.red_flags for sign in signs]
            assert flag.text not in printed, (condition.id, flag.id)
            if flag.id in condition.reword_red_flags:
                assert condition.reword_red_flags[flag.id] in printed


def test_a_disc_patient_with_leg_pain_is_not_told_to_stop_for_it(library, clinic, run, tmp_path, clinic_file):
    out = tmp_path / "h.pdf"
    result = run("generate", "--template", "lower-back-starter", "--condition", "disc-herniation",
                 "--clinic", clinic_file, "-o", out)
    assert result.exit_code == 0, result.stderr
    text = pdf_text(out.read_bytes())
    assert "Pain spreads down your leg below your knee." not in text
    assert normalise(library.conditions["disc-herniation"].reword_red_flags["pain-below-knee"]) in text


def test_a_neck_handout_shows_neck_red_flags_and_no_leg_ones(library, clinic):
    handout, _ = resolve(Request(template="neck-relief"), library, clinic, TODAY)
    printed = " ".join(sign for _, signs in handout.red_flags for sign in signs)
    assert "swallow" in printed and "below your knee" not in printed and "bladder" not in printed


def test_the_emergency_tier_prints_first_with_the_clinics_number(library, clinic, run, tmp_path):
    profile = tmp_path / "clinic.yaml"
    profile.write_text("name: Clinica\nemergency_number: '112'\nvideo_base_url: https://c.example/v/\n")
    out = tmp_path / "h.pdf"
    assert run("generate", "--template", "lower-back-starter", "--clinic", profile, "-o", out).exit_code == 0
    text = pdf_text(out.read_bytes())
    assert "Go to the emergency department or call 112 now if" in text and "911" not in text
    assert text.index("call 112 now") < text.index("Stop these exercises and call us within a day")


def test_page_one_says_why_and_how_long(library, clinic):
    result = make_handout(Request(template="lower-back-starter"), library, clinic, TODAY)
    text = pdf_text(result.pdf)
    assert normalise(library.templates["lower-back-starter"].why) in text
    assert "Do these 5 exercises once a day. It takes about 15 minutes." in text
    for entry in library.templates["lower-back-starter"].entries:
        assert normalise(library.exercises[entry.id].purpose) in text


def test_safety_texts_read_at_grade_6_or_below(library):
    from backpdf.readability import safety_texts

    for group in ("red flags", "precautions", "purposes", "template reasons"):
        for text in safety_texts(library)[group]:
            assert textstat.flesch_kincaid_grade(text.replace("{emergency_number}", "911")) <= 6.5, (group, text)


def test_review_prints_the_screening_table(run, library):
    rows = {row["id"]: row for row in json.loads(run("review", "--json").stdout)}
    assert set(rows) == set(library.conditions)
    assert {a["exercise"] for a in rows["osteoporosis"]["avoids"]} >= {"thread-the-needle", "knee-to-chest"}
    assert rows["disc-herniation"]["rewords_red_flags"]
    text = run("review").stdout
    assert "Spondylolisthesis" in text and "leaves out" in text
