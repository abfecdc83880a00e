"""Condition screening, read back from the PDF and stderr."""

from __future__ import annotations

from pdfcheck import normalise, pdf_text

AREA = "lower-back"


def ruled_out(library, condition, area=AREA):
    return [e for e in library.exercises.values() if area in e.areas and condition in e.avoid_if]


def test_area_selection_leaves_out_and_says_why(run, tmp_path, clinic_file, library):
    out = tmp_path / "h.pdf"
    result = run("generate", "--area", AREA, "--condition", "osteoporosis", "--clinic", clinic_file, "-o", out)
    assert result.exit_code == 0, result.stderr
    left_out = ruled_out(library, "osteoporosis")
    assert left_out
    text = pdf_text(out.read_bytes())
    for exercise in left_out:
        assert f"backpdf: warning: left out '{exercise.id}' ({exercise.name}): not advised with Osteoporosis" \
            in result.stderr
        assert f". {exercise.name} " not in text
        assert normalise(exercise.steps[-1]) not in text or any(
            normalise(exercise.steps[-1]) in " ".join(other.steps)
            for other in library.exercises.values() if other is not exercise)
    assert "Your precautions" in text
    assert normalise(library.conditions["osteoporosis"].precaution) in text


def test_named_exercise_that_is_ruled_out_is_refused(run, tmp_path, library):
    exercise = ruled_out(library, "disc-herniation")[0]
    result = run("generate", exercise.id, "--condition", "disc-herniation", "-o", tmp_path / "h.pdf")
    assert result.exit_code == 2
    assert (f"exercise '{exercise.id}' is not advised with Acute disc herniation with leg pain; "
            f"leave it out, or print it anyway with --override {exercise.id}") in result.stderr
    assert not (tmp_path / "h.pdf").exists()


def test_override_prints_with_a_visible_warning(run, tmp_path, clinic_file, library):
    exercise = ruled_out(library, "disc-herniation")[0]
    out = tmp_path / "h.pdf"
    result = run("generate", exercise.id, "chin-tuck", "--condition", "disc-herniation",
                 "--override", exercise.id, "--clinic", clinic_file, "-o", out)
    assert result.exit_code == 0, result.stderr
    text = pdf_text(out.read_bytes())
    assert exercise.name in text
    assert ("Warning: Your clinician chose this exercise for you even though it is usually avoided "
            "with Acute disc herniation with leg pain.") in text


def test_caution_if_prints_with_its_exercise(run, tmp_path, clinic_file, library):
    exercise = next(e for e in library.exercises.values()
                    if "spinal-stenosis" in e.caution_if and "spinal-stenosis" not in e.avoid_if)
    out = tmp_path / "h.pdf"
    assert run("generate", exercise.id, "--condition", "spinal-stenosis", "--clinic", clinic_file,
               "-o", out).exit_code == 0
    text = pdf_text(out.read_bytes())
    assert normalise(exercise.caution_if["spinal-stenosis"]) in text
    out2 = tmp_path / "plain.pdf"
    assert run("generate", exercise.id, "--clinic", clinic_file, "-o", out2).exit_code == 0
    assert normalise(exercise.caution_if["spinal-stenosis"]) not in pdf_text(out2.read_bytes())


def test_unknown_condition_suggests(run, tmp_path):
    result = run("generate", "chin-tuck", "--condition", "osteoporsis", "-o", tmp_path / "h.pdf")
    assert result.exit_code == 2
    assert "unknown condition 'osteoporsis'; did you mean 'osteoporosis'?" in result.stderr


def test_screening_that_empties_the_selection_is_an_error(run, tmp_path, library):
    template = next(t for t in library.templates.values()
                    if all("spine-surgery" in library.exercises[e.id].avoid_if for e in t.entries))
    result = run("generate", "--template", template.id, "--condition", "spine-surgery", "-o", tmp_path / "h.pdf")
    assert result.exit_code == 2
    assert "every chosen exercise is ruled out" in result.stderr
    assert not (tmp_path / "h.pdf").exists()


def test_program_file_conditions_and_template(run, tmp_path, clinic_file, library):
    template = library.templates["lower-back-starter"]
    first = template.entries[0].id
    program = tmp_path / "p.yaml"
    program.write_text(f"template: lower-back-starter\nconditions: [pregnancy]\n"
                       f"exercises:\n  - id: {first}\n    dose: {{reps: 4}}\n    note: Go easy.\n  - chin-tuck\n")
    out = tmp_path / "h.pdf"
    result = run("generate", "--program", program, "--clinic", clinic_file, "-o", out)
    assert result.exit_code == 0, result.stderr
    text = pdf_text(out.read_bytes())
    assert f"1. {library.exercises[first].name}" in text  # stays in the template's place
    assert "Repeat 4 times" in text and "Go easy." in text
    assert library.exercises["chin-tuck"].name in text
    assert normalise(library.conditions["pregnancy"].precaution) in text
    for entry in template.entries:
        if "pregnancy" in library.exercises[entry.id].avoid_if:
            assert f"left out '{entry.id}'" in result.stderr


def test_templates_listing(run, library):
    result = run("templates")
    assert result.exit_code == 0
    for template in library.templates.values():
        assert template.id in result.stdout and template.name in result.stdout
