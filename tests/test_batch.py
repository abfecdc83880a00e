"""`backpdf batch`: sheets, programs and rosters in one run, checked by reading the PDFs back.

Most runs use `--jobs 1` (in-process, fast); the area-sheet test runs a real process pool, and
the interruption test stops a pooled and an in-process run in a subprocess.
"""

from __future__ import annotations

import hashlib
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pikepdf
import pypdf
import pytest
from conftest import TODAY
from pdfcheck import normalise, open_strict, page_count, pdf_text
from rosters import manifest, write_roster

from backpdf import batch, vocabulary
from backpdf.errors import BackpdfError

PATIENTS = ("Zoë Nguyễn", "Ann Smith", "Bob Jones", "Carla Díaz", "Dev Patel", "Eve Stone")


def pdf_names(out: Path) -> set[str]:
    return {p.name for p in out.glob("*.pdf")}


def stderr_lines(result) -> list[str]:
    return result.stderr.splitlines()


def test_area_sheets_hold_the_librarys_selection_with_lines_for_name_and_date(run, tmp_path, clinic_file,
                                                                             library):
    out = tmp_path / "out"
    result = run("batch", "--by-area", "--out-dir", out, "--clinic", clinic_file, "--jobs", "2")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted([f"{a}.pdf" for a in vocabulary.areas()] + ["manifest.json"])
    for area in vocabulary.areas():
        sheet = library.area_sheets[area]
        assert 4 <= len(sheet.exercises) <= 6
        data = (out / f"{area}.pdf").read_bytes()
        open_strict(data)
        text = pdf_text(data)
        assert f"Exercises for your {area.replace('-', ' ')}" in text
        assert [library.exercises[e].name for e in sheet.exercises if library.exercises[e].name not in text] == []
        others = [e.name for e in library.in_area(area) if e.id not in sheet.exercises]
        assert not any(f". {name} " in text for name in others), area
        assert "Date: ____" in text.replace(" ", " ") and "For: ____" in text
        assert "2026" not in text  # no printed date: the sheet is handed out on another day
    assert stderr_lines(result)[-1].startswith("4 written, 0 failed, ")


def test_all_exercises_prints_every_exercise_of_each_area(run, tmp_path, clinic_file, library):
    out = tmp_path / "out"
    result = run("batch", "--by-area", "--all-exercises", "--out-dir", out, "--clinic", clinic_file, "--jobs", "2")
    assert result.exit_code == 0, result.stderr
    for area in vocabulary.areas():
        text = pdf_text((out / f"{area}.pdf").read_bytes())
        missing = [e.name for e in library.in_area(area) if e.name not in text]
        assert missing == [], f"{area} sheet lacks {missing}"


def test_template_sheets_one_per_template_with_paper_applied(run, tmp_path, clinic_file, library):
    out = tmp_path / "out"
    result = run("batch", "--by-template", "--paper", "a4", "--out-dir", out, "--clinic", clinic_file, "--jobs", "1")
    assert result.exit_code == 0, result.stderr
    assert pdf_names(out) == {f"{t}.pdf" for t in library.templates}
    for template in library.templates.values():
        data = (out / f"{template.id}.pdf").read_bytes()
        text = pdf_text(data)
        assert all(library.exercises[e.id].name in text for e in template.entries), template.id
        pdf = open_strict(data)
        assert float(pdf.pages[0].mediabox[2]) == pytest.approx(595.28, abs=0.5)  # A4, not letter


def test_program_files_are_named_by_their_stem(run, tmp_path, clinic_file):
    (tmp_path / "anna.yaml").write_text("patient: Anna Berg\nexercises: [bird-dog]\n", "utf-8")
    (tmp_path / "visit-2.yml").write_text("patient: Bo Lind\ntemplate: core-stability\n", "utf-8")
    out = tmp_path / "out"
    result = run("batch", tmp_path / "anna.yaml", tmp_path / "visit-2.yml", "--out-dir", out,
                 "--clinic", clinic_file, "--jobs", "1")
    assert result.exit_code == 0, result.stderr
    assert pdf_names(out) == {"anna.pdf", "visit-2.pdf"}
    assert "Anna Berg" in pdf_text((out / "anna.pdf").read_bytes())
    assert [o["source"] for o in manifest(out)["outputs"]] == [
        {"file": str(tmp_path / "anna.yaml")}, {"file": str(tmp_path / "visit-2.yml")}]


def test_roster_names_by_row_or_output_column_and_refuses_unsafe_names(run, tmp_path, clinic_file):
    roster = write_roster(tmp_path / "monday.csv", [
        {"patient": PATIENTS[0], "exercises": "bird-dog"},                        # row 2: default name
        {"patient": PATIENTS[1], "exercises": "bridge", "output": "room-1"},      # row 3
        {"patient": PATIENTS[2], "exercises": "bridge", "output": "../x"},        # row 4
        {"patient": PATIENTS[3], "exercises": "bridge", "output": "/abs"},        # row 5
        {"patient": PATIENTS[4], "exercises": "bridge", "output": "a/b"},         # row 6
        {"patient": PATIENTS[5], "exercises": "bridge", "output": "ROOM-1.pdf"},  # row 7: same as row 3
    ])
    out = tmp_path / "out"
    result = run("batch", roster, "--out-dir", out, "--clinic", clinic_file, "--jobs", "1")
    assert result.exit_code == 1
    assert pdf_names(out) == {"monday-row-2.pdf", "room-1.pdf"}
    assert not (tmp_path / "x.pdf").exists() and not Path("/abs.pdf").exists()
    errors = [line for line in stderr_lines(result) if line.startswith(str(roster))]
    assert [line.split(": ")[0] for line in errors] == [f"{roster}:{n}" for n in (4, 5, 6, 7)]
    assert all("output" in line for line in errors)
    assert errors[-1].endswith(f"clashes with the output of {roster}:3; give each handout its own output name")
    for name in PATIENTS:
        assert name not in result.stderr
        assert name not in (out / "manifest.json").read_text("utf-8")
        assert all(name not in p.name for p in out.iterdir())


@pytest.mark.parametrize("name", ["../x", "..", "/abs", "a/b", "a\\b", ".hidden", "C:x", "  ", "a\nb"])
def test_unsafe_output_names_are_refused(name):
    with pytest.raises(BackpdfError, match="plain file name inside the out-dir"):
        batch.output_name(name)


@pytest.mark.parametrize("name, expected", [("room-1", "room-1.pdf"), ("Zoë.PDF", "Zoë.PDF"), ("a b", "a b.pdf")])
def test_output_names_get_pdf_added(name, expected):
    assert batch.output_name(name) == expected


def test_a_bad_row_or_program_fails_alone_with_file_and_row(run, tmp_path, clinic_file):
    roster = write_roster(tmp_path / "roster.csv", [
        {"patient": PATIENTS[0], "exercises": "bird-dog"},                                  # row 2
        {"patient": PATIENTS[1], "template": "core-stability"},                             # row 3
        {"patient": PATIENTS[2], "exercises": "brid-dog"},                                  # row 4
        {"patient": PATIENTS[3], "exercises": "bridge", "date": "21/11/2026"},              # row 5
    ])
    good = tmp_path / "good.yaml"
    good.write_text("exercises: [cat-cow]\n", "utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text("exercises: [cat-cow]\nfoo: 1\n", "utf-8")
    out = tmp_path / "out"
    result = run("batch", roster, bad, good, "--out-dir", out, "--clinic", clinic_file, "--jobs", "1")
    assert result.exit_code == 1
    assert pdf_names(out) == {"roster-row-2.pdf", "roster-row-3.pdf", "good.pdf"}
    lines = stderr_lines(result)
    assert lines[:3] == [
        f"{roster}:4: unknown exercise 'brid-dog'; did you mean 'bird-dog' or 'bridge'?",
        f"{roster}:5: date must be a date written YYYY-MM-DD, like 2026-11-21 (got '21/11/2026')",
        f"{bad}:2: unknown key 'foo'; allowed: areas, clinician, conditions, date, exercises, language, layout, "
        "note, overrides, paper, patient, template, tracking_log",
    ]
    assert lines[3].startswith("3 written, 3 failed, ")


def test_unknown_roster_columns_fail_that_roster_only(run, tmp_path, clinic_file):
    roster = write_roster(tmp_path / "roster.csv", [{"pateint": "Ann", "exercises": "bridge", "colour": "red"}],
                          columns=("pateint", "exercises", "colour"))
    program = tmp_path / "p.yaml"
    program.write_text("exercises: [bridge]\n", "utf-8")
    out = tmp_path / "out"
    result = run("batch", roster, program, "--out-dir", out, "--clinic", clinic_file, "--jobs", "1")
    assert result.exit_code == 1
    assert pdf_names(out) == {"p.pdf"}
    assert f"{roster}:1: unknown column 'pateint'; did you mean 'patient'?; unknown column 'colour'; allowed: " \
        in result.stderr
    assert manifest(out)["failures"] == [{"source": {"file": str(roster)}, "reason": stderr_lines(result)[0]}]


def test_roster_as_a_spreadsheet_saves_it(run, tmp_path, clinic_file, library):
    """Excel's "CSV UTF-8" in many locales: a byte-order mark, ';' between cells, capitalised headers."""
    roster = tmp_path / "export.csv"
    roster.write_bytes("\ufeffPatient;Area;Paper;\nAnn;neck, upper-back;a4;\nBo;nek;;\n;;;\n".encode("utf-8"))
    out = tmp_path / "out"
    result = run("batch", roster, "--out-dir", out, "--clinic", clinic_file, "--jobs", "1")
    assert result.exit_code == 1
    assert stderr_lines(result)[0] == f"{roster}:3: area: unknown area 'nek'; did you mean 'neck'?"
    [written] = manifest(out)["outputs"]
    expected = dict.fromkeys(e.id for area in ("neck", "upper-back") for e in library.in_area(area))
    assert written["exercises"] == list(expected)


def test_manifest_records_each_output_and_failure(run, tmp_path, clinic_file):
    roster = write_roster(tmp_path / "r.csv", [
        {"patient": PATIENTS[0], "exercises": "bird-dog bridge"},
        {"patient": PATIENTS[1], "exercises": "nope"},
        {"patient": PATIENTS[2], "template": "core-stability", "output": "bob"},
    ])
    out = tmp_path / "out"
    result = run("batch", roster, "--out-dir", out, "--clinic", clinic_file, "--jobs", "1")
    assert result.exit_code == 1
    data = manifest(out)
    assert data["date"] and data["interrupted"] is False and data["combined"] is None
    assert [(o["source"], o["path"]) for o in data["outputs"]] == [
        ({"file": str(roster), "row": 2}, "r-row-2.pdf"), ({"file": str(roster), "row": 4}, "bob.pdf")]
    assert data["outputs"][0]["exercises"] == ["bird-dog", "bridge"]
    assert len(data["outputs"][1]["exercises"]) >= 3  # the template's exercises
    for entry in data["outputs"]:
        pdf = (out / entry["path"]).read_bytes()
        assert entry["sha256"] == hashlib.sha256(pdf).hexdigest()
        assert entry["pages"] == page_count(pdf)
    assert data["failures"] == [{"source": {"file": str(roster), "row": 3},
                                 "reason": f"{roster}:3: unknown exercise 'nope'; see `backpdf list`"}]


def page_texts(data: bytes) -> list[str]:
    return [normalise(page.extract_text()) for page in pypdf.PdfReader(io.BytesIO(data)).pages]


def test_combined_pdf_is_every_handout_in_input_order(run, tmp_path, clinic_file):
    roster = write_roster(tmp_path / "r.csv", [
        {"patient": PATIENTS[0], "template": "core-stability"},
        {"patient": PATIENTS[1], "exercises": "pelvic-tilt bird-dog bridge"},
        {"patient": PATIENTS[2], "template": "lower-back-starter"},
    ])
    out = tmp_path / "out"
    combined = tmp_path / "stack.pdf"
    result = run("batch", roster, "--out-dir", out, "--combined", combined, "--clinic", clinic_file, "--jobs", "1")
    assert result.exit_code == 0, result.stderr
    data = combined.read_bytes()
    open_strict(data)
    singles = [(out / f"r-row-{n}.pdf").read_bytes() for n in (2, 3, 4)]
    # Read page by page: each handout's pages in order, a blank back after each odd one
    # but the last, so every handout starts on an odd page (the front of a sheet).
    expected: list[str] = []
    for number, single in enumerate(singles, start=1):
        expected += page_texts(single)
        if len(page_texts(single)) % 2 and number < len(singles):
            expected.append("")
    assert page_texts(data) == expected
    assert page_count(data) == len(expected) == manifest(out)["combined"]["pages"]
    assert manifest(out)["combined"]["blank_pages"] == expected.count("")
    text = pdf_text(data)
    assert text.count("Page 1 of") == 3
    positions = [text.index(f"For: {name}") for name in PATIENTS[:3]]
    assert positions == sorted(positions)
    assert manifest(out)["combined"]["path"] == "../stack.pdf"
    assert manifest(out)["combined"]["sha256"] == hashlib.sha256(data).hexdigest()


def _numbered_pdf(path: Path, label: str, pages: int, size=(612, 792)) -> Path:
    """A stand-in handout whose every page says which handout and page it is."""
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), pagesize=size, invariant=True)
    for page in range(1, pages + 1):
        canvas.drawString(72, 720, f"{label} page {page}")
        canvas.showPage()
    canvas.save()
    return path


def test_combined_double_sided_starts_every_handout_on_a_new_sheet(tmp_path):
    handouts = [_numbered_pdf(tmp_path / f"{label}.pdf", label, pages, size)
                for label, pages, size in (("One", 1, (612, 792)), ("Two", 2, (612, 792)),
                                           ("Three", 3, (595, 842)), ("Last", 1, (612, 792)))]
    made = batch.combine(handouts, tmp_path / "all.pdf")
    data = (tmp_path / "all.pdf").read_bytes()
    assert page_texts(data) == ["One page 1", "",
                                "Two page 1", "Two page 2",
                                "Three page 1", "Three page 2", "Three page 3", "",
                                "Last page 1"]  # no blank after the last handout
    assert (made.pages, made.blank_pages) == (9, 2)
    reader = pypdf.PdfReader(io.BytesIO(data))
    for index in (1, 7):  # truly blank: nothing drawn at all, not even a footer
        assert reader.pages[index].get_contents() is None
    assert [float(reader.pages[i].mediabox.height) for i in (1, 7)] == [792, 842]  # paper of the handout it backs


def test_combined_stores_a_picture_shared_by_handouts_once_and_keeps_every_page(tmp_path, library, clinic):
    """Three patients, the same exercises: the join is a valid PDF with every page's text,
    every picture (a form) and identical font subset stored once, and smaller than the parts."""
    from backpdf.model import ProgramEntry
    from backpdf.pipeline import make_handout
    from backpdf.program import Request

    entries = tuple(ProgramEntry(i) for i in ("cat-cow", "bird-dog", "bridge"))
    handouts = []
    for number, patient in enumerate(["Ann Lee", "Ann Lee", "Bo Chan"]):
        pdf = make_handout(Request(entries=entries, patient=patient), library, clinic, TODAY).pdf
        handouts.append(tmp_path / f"h{number}.pdf")
        handouts[-1].write_bytes(pdf)
    made = batch.combine(handouts, tmp_path / "all.pdf", duplex=False)
    data = (tmp_path / "all.pdf").read_bytes()
    assert made.sha256 == hashlib.sha256(data).hexdigest()
    combined = open_strict(data)
    parts = [open_strict(path.read_bytes()) for path in handouts]
    assert page_texts(data) == [text for path in handouts for text in page_texts(path.read_bytes())]
    assert made.pages == len(combined.pages) == sum(len(part.pages) for part in parts)

    def streams(pdf, test) -> set[bytes]:
        return {bytes(obj.read_raw_bytes()) for obj in pdf.objects if isinstance(obj, pikepdf.Stream) and test(obj)}

    def is_form(obj):
        return obj.get("/Subtype") == "/Form"

    def is_font(obj):
        return "/Length1" in obj

    assert len(streams(combined, is_form)) == len(streams(parts[0], is_form)) == 3
    assert sum(1 for obj in combined.objects if isinstance(obj, pikepdf.Stream) and is_form(obj)) == 3
    # The two "Ann Lee" handouts are identical: their fonts are stored once.
    fonts = sum(1 for obj in combined.objects if isinstance(obj, pikepdf.Stream) and is_font(obj))
    assert fonts == len(streams(parts[0], is_font)) + len(streams(parts[2], is_font) - streams(parts[0], is_font))
    assert len(data) < sum(path.stat().st_size for path in handouts) * 0.8


def test_combined_simplex_has_no_blank_pages(run, tmp_path, clinic_file):
    handouts = [_numbered_pdf(tmp_path / f"{n}.pdf", f"H{n}", n) for n in (1, 2, 3)]
    batch.combine(handouts, tmp_path / "simplex.pdf", duplex=False)
    assert page_texts((tmp_path / "simplex.pdf").read_bytes()) == [
        "H1 page 1", "H2 page 1", "H2 page 2", "H3 page 1", "H3 page 2", "H3 page 3"]
    (tmp_path / "p.yaml").write_text("exercises: [bridge]\n", "utf-8")
    (tmp_path / "q.yaml").write_text("exercises: [bird-dog]\n", "utf-8")
    out = tmp_path / "out"
    result = run("batch", tmp_path / "p.yaml", tmp_path / "q.yaml", "--out-dir", out, "--combined",
                 tmp_path / "all.pdf", "--simplex", "--clinic", clinic_file, "--jobs", "1")
    assert result.exit_code == 0, result.stderr
    singles = [(out / name).read_bytes() for name in ("p.pdf", "q.pdf")]
    assert page_texts((tmp_path / "all.pdf").read_bytes()) == page_texts(singles[0]) + page_texts(singles[1])
    assert manifest(out)["combined"]["blank_pages"] == 0


def test_rows_without_a_date_use_the_day_passed_in(tmp_path, library, clinic):
    roster = write_roster(tmp_path / "r.csv", [
        {"patient": PATIENTS[0], "exercises": "bridge", "date": "2026-01-05"},
        {"patient": PATIENTS[1], "exercises": "bridge"},
    ])
    plan = batch.plan([roster], tmp_path / "out", batch.Settings(library, clinic, TODAY))
    report = batch.run(plan, jobs=1)
    first, second = (pdf_text(o.path.read_bytes()) for o in report.written)
    assert "Date: 5 January 2026" in first
    assert "Date: 21 November 2026" in second


@pytest.mark.parametrize("args, message", [
    ([], "nothing to make"),
    (["--by-area", "--out-dir", "{tmp}/missing/out"], "does not exist"),
    (["{tmp}/notes.txt", "--out-dir", "{tmp}/out"], "not a program (.yaml, .yml) or roster (.csv) file"),
    (["{tmp}/p.yaml", "--out-dir", "{tmp}/out", "--combined", "{tmp}/p.yaml"], "clashes with an input file"),
    (["--by-area", "--out-dir", "{tmp}/out", "--layout", "nope"], "unknown layout 'nope'"),
])
def test_argument_errors_exit_2_before_anything_is_made(run, tmp_path, clinic_file, args, message):
    (tmp_path / "notes.txt").write_text("hello", "utf-8")
    (tmp_path / "p.yaml").write_text("exercises: [bridge]\n", "utf-8")
    args = [a.format(tmp=tmp_path) for a in args] or ["--out-dir", str(tmp_path / "out")]
    result = run("batch", *args, "--clinic", clinic_file)
    assert result.exit_code == 2
    assert result.stderr.startswith("backpdf: error: ") and message in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("sig, jobs", [(signal.SIGTERM, "2"), (signal.SIGINT, "1")])
def test_an_interrupted_run_leaves_only_complete_files(tmp_path, clinic_file, sig, jobs):
    rows = 300
    roster = write_roster(tmp_path / "day.csv", [{"patient": f"P {n}", "template": "core-stability"}
                                                 for n in range(rows)])
    out = tmp_path / "out"
    env = {**os.environ, "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path)}
    env.pop("BACKPDF_CLINIC", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "backpdf", "batch", str(roster), "--out-dir", str(out),
         "--clinic", str(clinic_file), "--jobs", jobs],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
        # A shell that started us in the background may have set SIGINT to "ignore".
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 60
    while not list(out.glob("*.pdf")) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.01)
    process.send_signal(sig)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr.decode()
    assert b"backpdf: interrupted" in stderr
    leftovers = [p.name for p in out.iterdir() if p.name.startswith(".") or p.name.endswith(".part")]
    assert leftovers == []
    data = manifest(out)
    assert data["interrupted"] is True
    listed = {entry["path"]: entry for entry in data["outputs"]}
    assert set(listed) == pdf_names(out)
    assert 0 < len(listed) < rows
    for name, entry in listed.items():
        pdf = (out / name).read_bytes()
        open_strict(pdf)
        assert page_count(pdf) == entry["pages"] and hashlib.sha256(pdf).hexdigest() == entry["sha256"]


def test_a_roster_in_a_european_spreadsheet_dialect_is_read_by_sniffing(tmp_path, library):
    """Semicolons between cells, and quotes around a cell that holds a semicolon itself."""
    from backpdf.roster import read_roster

    path = tmp_path / "dag.csv"
    path.write_text('"patient";"exercises";"note"\n"Smith; Ann";"chin-tuck bird-dog";"Go; slowly"\n'
                    '"Bob";"bridge";""\n', encoding="utf-8")
    first, second = read_roster(path)
    assert first.cells == {"patient": "Smith; Ann", "exercises": "chin-tuck bird-dog", "note": "Go; slowly"}
    assert second.cells == {"patient": "Bob", "exercises": "bridge"}
