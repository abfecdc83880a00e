"""The command line as staff use it: listings, generate, validate, and every error path."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pdfcheck import page_count, pdf_text, qr_codes


def test_list_and_filters(run, library):
    result = run("list", "--area", "neck")
    assert result.exit_code == 0
    neck = [e for e in library.exercises.values() if "neck" in e.areas]
    assert len(result.stdout.splitlines()) == len(neck)
    assert all(line.split()[0] in library.exercises for line in result.stdout.splitlines())
    data = json.loads(run("list", "--kind", "aerobic", "--json").stdout)
    assert {e["kind"] for e in data} == {"aerobic"} and all("steps" in e for e in data)


def test_show(run, library):
    result = run("show", "bird-dog")
    assert result.exit_code == 0
    for step in library.exercises["bird-dog"].steps:
        assert step in result.stdout
    assert json.loads(run("show", "bird-dog", "--json").stdout)["id"] == "bird-dog"


def test_generate_writes_file_and_reports_pages(run, tmp_path, clinic_file):
    out = tmp_path / "h.pdf"
    result = run("generate", "bird-dog", "chin-tuck", "--patient", "Jane Doe", "--date", "2026-11-21",
                 "--clinic", clinic_file, "-o", out)
    assert result.exit_code == 0, result.stderr
    pages = page_count(out.read_bytes())
    assert f"wrote {out} ({pages} page" in result.stderr
    assert "warning" not in result.stderr
    assert qr_codes(out.read_bytes()) == ["https://clinic.example/videos/bird-dog",
                                          "https://clinic.example/videos/chin-tuck"]


def test_generate_by_area_and_program(run, tmp_path, clinic_file, library):
    program = tmp_path / "jane.yaml"
    program.write_text("patient: Jane Doe\nclinician: Ana Ruiz, PT\ndate: 2026-11-21\npaper: a4\n"
                       "note: Start with the first three.\nexercises:\n  - pelvic-tilt\n"
                       "  - id: bird-dog\n    dose: {reps: 6, sets: 2}\n    note: Right side only this week.\n")
    out = tmp_path / "p.pdf"
    result = run("generate", "--program", program, "--patient", "Janet Doe", "--clinic", clinic_file, "-o", out)
    assert result.exit_code == 0, result.stderr
    text = pdf_text(out.read_bytes())
    assert "Janet Doe" in text and "Jane Doe" not in text
    assert "Right side only this week." in text and "6 times" in text
    out2 = tmp_path / "area.pdf"
    assert run("generate", "--area", "neck", "--clinic", clinic_file, "-o", out2).exit_code == 0
    text = pdf_text(out2.read_bytes())
    for exercise in library.exercises.values():
        if "neck" in exercise.areas:
            assert exercise.name in text


def test_placeholder_videos_warn(run, tmp_path):
    result = run("generate", "chin-tuck", "-o", tmp_path / "x.pdf")
    assert result.exit_code == 0
    assert "warning: no clinic video_base_url is set" in result.stderr
    assert qr_codes((tmp_path / "x.pdf").read_bytes())[0].startswith("https://example.invalid/")


def test_clinic_found_through_environment(run, tmp_path, clinic_file, monkeypatch):
    monkeypatch.setenv("BACKPDF_CLINIC", str(clinic_file))
    result = run("generate", "chin-tuck", "-o", tmp_path / "x.pdf")
    assert "warning" not in result.stderr
    assert "Riverside Physio" in pdf_text((tmp_path / "x.pdf").read_bytes())


def test_default_name_has_no_patient(run, tmp_path, clinic_file, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for _ in range(2):
        assert run("generate", "chin-tuck", "--patient", "Jane Doe", "--date", "2026-11-21",
                   "--clinic", clinic_file).exit_code == 0
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == ["handout-2026-11-21-2.pdf",
                                                               "handout-2026-11-21.pdf"]


def test_stdout_output_is_the_pdf():
    env = {**os.environ, "BACKPDF_CLINIC": ""}
    done = subprocess.run([sys.executable, "-m", "backpdf", "generate", "chin-tuck", "-o", "-"],
                          capture_output=True, env=env, check=True)
    assert done.stdout.startswith(b"%PDF-") and page_count(done.stdout) >= 1
    assert b"wrote the PDF to stdout (" in done.stderr


@pytest.mark.parametrize("args, message", [
    (["generate", "brid-dog"], "unknown exercise 'brid-dog'; did you mean 'bird-dog'"),
    (["generate"], "no exercises chosen"),
    (["generate", "chin-tuck", "--date", "21/11/2026"], "date must be a real date written YYYY-MM-DD"),
    (["generate", "chin-tuck", "--layout", "fancy"], "unknown layout 'fancy'"),
    (["generate", "chin-tuck", "--library", "missing.yaml"], "missing.yaml: file not found"),
    (["generate", "chin-tuck", "--program", "missing.yaml"], "missing.yaml: file not found"),
    (["generate", "chin-tuck", "--patient", "Tanaka 鍵"], "patient: cannot print '鍵' (U+9375 CJK UNIFIED IDEOGRAPH-9375): the handout font has no such character"),
    (["show", "brid-dog"], "did you mean 'bird-dog'"),
    (["generate", "chin-tuck", "-o", "no/such/folder/x.pdf"], "folder no/such/folder does not exist"),
])
def test_user_errors_are_one_line_exit_2_no_file(run, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = run(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("backpdf: error: ") and message in lines[0], result.stderr
    assert "Traceback" not in result.stderr
    assert list(tmp_path.rglob("*.pdf")) == [] and list(tmp_path.rglob("*.part")) == []


@pytest.mark.parametrize("args, message", [
    (["generate", "chin-tuck", "--paper", "a5"], "'a5' is not one of 'letter', 'a4'"),
    (["generate", "chin-tuck", "--bogus"], "No such option '--bogus'"),
])
def test_usage_errors_are_clicks_own_exit_2(run, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = run(*args)
    assert result.exit_code == 2 and message in result.stderr and "Usage: " in result.stderr
    assert list(tmp_path.rglob("*.pdf")) == []


def test_bad_program_file_names_its_line(run, tmp_path):
    program = tmp_path / "p.yaml"
    program.write_text("patient: Jane\nexercises:\n  - pelvic-tilt\n  - id: bird-dog\n    dose: {reps: ten}\n")
    result = run("generate", "--program", program, "-o", tmp_path / "x.pdf")
    assert result.exit_code == 2
    assert (f"{program}:5: exercise 'bird-dog': dose.reps must be a whole number from 1 to 100 "
            "(got 'ten')") in result.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_failed_run_keeps_the_existing_file(run, tmp_path):
    out = tmp_path / "keep.pdf"
    out.write_bytes(b"%PDF- good one")
    assert run("generate", "brid-dog", "-o", out).exit_code == 2
    assert out.read_bytes() == b"%PDF- good one"


def test_validate_reports_every_problem(run, tmp_path):
    program = tmp_path / "p.yaml"
    program.write_text("patient: Jane\ndate: tomorrow\nexercises:\n  - brid-dog\n  - id: chin-tuck\n    dose: {sets: 0}\n")
    layout = tmp_path / "mine.yaml"
    layout.write_text("name: mine\ndescription: x\nmargins_mm: {top: 5, bottom: 20, left: 20, right: 20}\n"
                      "font_sizes: {title: 20, heading: 14, body: 9, small: 9}\nqr_cm: 1\n")
    result = run("validate", program, layout)
    assert result.exit_code == 1
    lines = [line for line in result.stdout.splitlines() if line.startswith((str(program), str(layout)))]
    assert f"{program}:2: date must be a date written YYYY-MM-DD, like 2026-11-21 (got 'tomorrow')" in lines
    assert f"{program}:6: exercise 'chin-tuck': dose.sets must be a whole number from 1 to 10 (got 0)" in lines
    assert any(line.startswith(f"{layout}:3: margins_mm.top must be at least 10") for line in lines)
    assert any(line.startswith(f"{layout}:4: font_sizes.body must be at least 12") for line in lines)
    assert any(line.startswith(f"{layout}:5: qr_cm must be at least 2") for line in lines)
    assert len(lines) == 5


def test_validate_checks_program_ids_against_the_library(run, tmp_path):
    program = tmp_path / "p.yaml"
    program.write_text("exercises:\n  - brid-dog\n")
    result = run("validate", program)
    assert result.exit_code == 1
    assert f"{program}:2: unknown exercise 'brid-dog'; did you mean 'bird-dog'" in result.stdout


def test_validate_bundled_files_are_clean(run):
    assert run("validate").exit_code == 0


def test_help_and_module_entry_point():
    done = subprocess.run([sys.executable, "-m", "backpdf", "--help"], capture_output=True, text=True, check=True)
    for command in ("generate", "list", "show", "validate", "layouts", "templates", "conditions"):
        assert command in done.stdout


def test_tracking_log_flag_overrides_the_layout(run, tmp_path, clinic_file):
    on, off = tmp_path / "on.pdf", tmp_path / "off.pdf"
    assert run("generate", "chin-tuck", "--tracking-log", "--clinic", clinic_file, "-o", on).exit_code == 0
    assert run("generate", "chin-tuck", "--clinic", clinic_file, "-o", off).exit_code == 0
    assert page_count(on.read_bytes()) > page_count(off.read_bytes())
    assert "Pain 0" in pdf_text(on.read_bytes()) or "pain" in pdf_text(on.read_bytes()).lower()
    assert "Day" in pdf_text(on.read_bytes()) and "Day" not in pdf_text(off.read_bytes())


def test_missing_image_is_an_error_or_skipped_with_a_warning(run, tmp_path, clinic_file):
    library = tmp_path / "lib.yaml"
    text = (Path(__file__).parent.parent / "exercises.yaml").read_text()
    library.write_text(text.replace("video: chin-tuck\n", "video: chin-tuck\n    image: pictures/chin-tuck.png\n"))
    out = tmp_path / "h.pdf"
    refused = run("generate", "chin-tuck", "--library", library, "--clinic", clinic_file, "-o", out)
    assert refused.exit_code == 2 and "chin-tuck" in refused.stderr and "pictures/chin-tuck.png" in refused.stderr
    assert not out.exists()
    skipped = run("generate", "chin-tuck", "--library", library, "--clinic", clinic_file,
                  "--missing-images", "skip", "-o", out)
    assert skipped.exit_code == 0
    assert "warning:" in skipped.stderr and "chin-tuck.png" in skipped.stderr
    assert "Chin tuck" in pdf_text(out.read_bytes())


def test_layouts_lists_bundled_and_clinic_layouts(run, tmp_path):
    from backpdf.layout_file import clinic_layouts_dir

    folder = clinic_layouts_dir()
    folder.mkdir(parents=True)
    standard = (Path(__file__).parent.parent / "layouts" / "standard.yaml").read_text()
    (folder / "front-desk.yaml").write_text(standard.replace("name: standard", "name: front-desk"))
    result = run("layouts")
    assert result.exit_code == 0
    names = [line.split()[0] for line in result.stdout.splitlines()]
    assert {"standard", "compact", "large-print", "one-per-page", "checklist", "front-desk"} <= set(names)
    out = tmp_path / "h.pdf"
    assert run("generate", "chin-tuck", "--layout", "front-desk", "-o", out).exit_code == 0


def test_no_arguments_prints_the_help_and_exits_0(run):
    """A new user's first try: the same help as --help, on stdout, and no 'Error:' line."""
    result = run()
    assert result.exit_code == 0
    assert result.stdout == run("--help").stdout
    assert "generate" in result.stdout and "Commands:" in result.stdout
    assert result.stderr == ""


def test_ids_areas_and_paper_in_any_letter_case(run, tmp_path, clinic_file):
    """Typed as people type them: 'Bird-Dog', 'A4', 'Lower-Back' give the very same handout."""
    common = ("--date", "2026-11-21", "--clinic", clinic_file)
    lower = run("generate", "bird-dog", "--template", "neck-relief", "--area", "mid-back", "--paper", "a4",
                "--condition", "osteoporosis", *common, "-o", tmp_path / "lower.pdf")
    mixed = run("generate", "Bird-Dog", "--template", "Neck-Relief", "--area", "Mid-Back", "--paper", "A4",
                "--condition", "OSTEOPOROSIS", *common, "-o", tmp_path / "mixed.pdf")
    assert lower.exit_code == mixed.exit_code == 0, mixed.stderr
    assert (tmp_path / "mixed.pdf").read_bytes() == (tmp_path / "lower.pdf").read_bytes()

    program = tmp_path / "p.yaml"
    program.write_text("template: Neck-Relief\npaper: A4\nconditions: [Osteoporosis]\n"
                       "exercises:\n  - Bird-Dog\n  - id: BRIDGE\n    dose: {reps: 6}\n", "utf-8")
    assert run("validate", program).exit_code == 0
    assert run("generate", "--program", program, *common, "-o", tmp_path / "prog.pdf").exit_code == 0
    program.write_text(program.read_text().replace("Neck-Relief", "neck-relief").replace("A4", "a4")
                       .replace("Osteoporosis", "osteoporosis").replace("Bird-Dog", "bird-dog")
                       .replace("BRIDGE", "bridge"), "utf-8")
    assert run("generate", "--program", program, *common, "-o", tmp_path / "prog2.pdf").exit_code == 0
    assert (tmp_path / "prog.pdf").read_bytes() == (tmp_path / "prog2.pdf").read_bytes()

    assert run("list", "--area", "Neck", "--kind", "Stretching").stdout == run("list", "--area", "neck",
                                                                               "--kind", "stretching").stdout
    assert run("show", "Bird-Dog").stdout == run("show", "bird-dog").stdout


def test_roster_cells_in_any_letter_case(run, tmp_path, clinic_file):
    roster = tmp_path / "r.csv"
    roster.write_text("exercises,area,paper,date\nBird-Dog Bridge,Neck,A4,2026-11-21\n"
                      "bird-dog bridge,neck,a4,2026-11-21\n", "utf-8")
    out = tmp_path / "out"
    result = run("batch", roster, "--out-dir", out, "--clinic", clinic_file, "--jobs", "1")
    assert result.exit_code == 0, result.stderr
    assert (out / "r-row-2.pdf").read_bytes() == (out / "r-row-3.pdf").read_bytes()


def test_list_search_finds_exercises_by_their_printed_words(run, library):
    result = run("list", "--search", "buttock")
    assert result.exit_code == 0
    found = [line.split()[0] for line in result.stdout.splitlines()]
    assert "piriformis-stretch" in found                 # "Buttock stretch (figure 4)"
    printed = {e.id: " ".join([e.id, e.name, e.purpose or "", *e.steps]).lower() for e in library.exercises.values()}
    assert found == [ident for ident, text in printed.items() if "buttock" in text]  # all of them, in library order
    assert run("list", "--search", "BUTTOCK").stdout == result.stdout
    assert [line.split()[0] for line in run("list", "--search", "Figure-4").stdout.splitlines()] == \
        ["piriformis-stretch"]
    walking = json.loads(run("list", "--search", "walk", "--kind", "aerobic", "--json").stdout)
    assert walking and all(e["kind"] == "aerobic" and "walk" in printed[e["id"]] for e in walking)
    nothing = run("list", "--search", "trampoline")
    assert nothing.exit_code == 0 and nothing.stdout == ""
    assert "no exercise mentions 'trampoline'" in nothing.stderr


def test_save_program_makes_the_same_handout_again(run, tmp_path, clinic_file, monkeypatch):
    """What was typed, saved as a program file; `--program` makes the very same PDF from it."""
    (tmp_path / "layouts").mkdir()
    (tmp_path / "layouts" / "ours.yaml").write_text("name: ours\nextends: compact\ndescription: Ours.\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "saved").mkdir()
    first = tmp_path / "first.pdf"
    typed = ("generate", "Bridge", "bird-dog", "--template", "neck-relief", "--area", "Neck",
             "--condition", "osteoporosis", "--patient", "Zoë O'Brien: #1", "--clinician", "Ana Ruiz, PT",
             "--note", "Start slow.", "--layout", "layouts/ours.yaml", "--paper", "A4", "--no-tracking-log",
             "--clinic", clinic_file)
    result = run(*typed, "-o", first, "--save-program", "saved/zoe.yaml")
    assert result.exit_code == 0, result.stderr
    saved = tmp_path / "saved" / "zoe.yaml"
    text = saved.read_text("utf-8")
    schema_line = text.splitlines()[0]
    assert schema_line.startswith("# yaml-language-server: $schema=file://")
    assert schema_line.endswith("/program.schema.json")
    assert "exercises: [bridge, bird-dog]" in text and "layout: ../layouts/ours.yaml" in text
    assert run("validate", saved).exit_code == 0

    monkeypatch.chdir(tmp_path / "saved")  # a layout path in a program is read from the program's folder
    again = run("generate", "--program", "zoe.yaml", "--clinic", clinic_file, "-o", tmp_path / "again.pdf")
    assert again.exit_code == 0, again.stderr
    assert (tmp_path / "again.pdf").read_bytes() == first.read_bytes()

    # Never overwritten, and refused before any work: no PDF either.
    before = saved.read_bytes()
    refused = run(*typed[:3], "--clinic", clinic_file, "-o", tmp_path / "x.pdf", "--save-program", "zoe.yaml")
    assert refused.exit_code == 2
    assert refused.stderr == "backpdf: error: zoe.yaml already exists; choose another name (it is never overwritten)\n"
    assert saved.read_bytes() == before and not (tmp_path / "x.pdf").exists()


def test_save_program_keeps_a_programs_doses_and_notes(run, tmp_path, clinic_file):
    program = tmp_path / "p.yaml"
    program.write_text("patient: Jane Doe\ndate: 2026-11-21\nexercises:\n  - pelvic-tilt\n"
                       "  - id: bird-dog\n    dose: {reps: 6, sets: 2}\n    note: Right side only.\n", "utf-8")
    result = run("generate", "--program", program, "--clinician", "Ana", "--clinic", clinic_file,
                 "-o", tmp_path / "a.pdf", "--save-program", tmp_path / "copy.yaml")
    assert result.exit_code == 0, result.stderr
    assert run("generate", "--program", tmp_path / "copy.yaml", "--clinic", clinic_file,
               "-o", tmp_path / "b.pdf").exit_code == 0
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()
    text = (tmp_path / "copy.yaml").read_text("utf-8")
    assert "dose: {reps: 6, sets: 2}" in text and "note: Right side only." in text and "clinician: Ana" in text
