"""`--print`: handouts go to CUPS `lp` on stdin, double-sided, under a generic title.

A stand-in `lp` (a script this test writes onto PATH) records its arguments and the bytes
it was given, one numbered pair of files per call, and can fail or hang like a real one.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from pdfcheck import pdf_text

from backpdf import printing

PATIENT = "Zoë Nguyễn"
DOUBLE = ["-t", "backpdf handout", "-o", "sides=two-sided-long-edge"]

FAKE_LP = """#!{python}
import json, os, pathlib, sys, time
record = pathlib.Path(os.environ["LP_RECORD"])
call = len(list(record.glob("args-*")))
(record / f"args-{{call}}.json").write_text(json.dumps(sys.argv[1:]))
(record / f"stdin-{{call}}.pdf").write_bytes(sys.stdin.buffer.read())
behaviour = os.environ.get("LP_BEHAVIOUR", "ok")
if behaviour == "fail":
    sys.stderr.write("lp: The printer or class does not exist.\\nsecond line\\n")
    sys.exit(1)
if behaviour == "hang":
    time.sleep(30)
print(f"request id is Front-Desk-{{call + 1}} (0 file(s))")
"""


@pytest.fixture
def lp(tmp_path, monkeypatch):
    """The stand-in `lp` first on PATH; returns a function giving [(arguments, stdin bytes)]."""
    bin_dir, record = tmp_path / "bin", tmp_path / "lp-calls"
    bin_dir.mkdir()
    record.mkdir()
    script = bin_dir / "lp"
    script.write_text(FAKE_LP.format(python=sys.executable), "utf-8")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("LP_RECORD", str(record))

    def calls() -> list[tuple[list[str], bytes]]:
        count = len(list(record.glob("args-*")))
        return [(json.loads((record / f"args-{n}.json").read_text()), (record / f"stdin-{n}.pdf").read_bytes())
                for n in range(count)]

    return calls


@pytest.fixture
def work_dir(tmp_path, monkeypatch) -> Path:
    """An empty current folder, to see that printing writes no file."""
    folder = tmp_path / "desk"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


def every_file(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


def test_generate_print_pipes_the_pdf_to_lp_and_writes_no_file(run, lp, work_dir, tmp_path, clinic_file):
    args = ("generate", "bird-dog", "bridge", "--patient", PATIENT, "--date", "2026-11-21", "--clinic", clinic_file)
    result = run(*args, "--print", "Front-Desk")
    assert result.exit_code == 0, result.stderr
    [(arguments, sent)] = lp()
    assert arguments == ["-d", "Front-Desk", *DOUBLE]
    assert every_file(work_dir) == []                   # no file, not even a temporary one
    assert PATIENT not in " ".join(arguments) + result.stderr
    assert "sent it to the printer (lp: request id is Front-Desk-1" in result.stderr
    # The bytes are the handout itself: the same as writing it to a file.
    assert run(*args, "-o", tmp_path / "same.pdf").exit_code == 0
    assert sent == (tmp_path / "same.pdf").read_bytes()
    assert PATIENT in pdf_text(sent)


def test_generate_print_to_the_default_printer_one_sided_and_to_a_file_too(run, lp, work_dir, clinic_file):
    result = run("generate", "bird-dog", "--clinic", clinic_file, "-o", "kept.pdf", "--print", "--simplex")
    assert result.exit_code == 0, result.stderr
    [(arguments, sent)] = lp()
    assert arguments == ["-t", "backpdf handout", "-o", "sides=one-sided"]   # no -d: the system's default
    assert sent == (work_dir / "kept.pdf").read_bytes()
    assert result.stderr.splitlines()[-1].startswith("wrote kept.pdf and sent it to the printer")


def test_print_without_cups_is_one_line_before_any_work(run, work_dir, tmp_path, monkeypatch, clinic_file):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    result = run("generate", "bird-dog", "--patient", PATIENT, "--clinic", clinic_file, "--print")
    assert result.exit_code == 2
    assert result.stderr == "backpdf: error: printing needs CUPS: the lp command was not found\n"
    result = run("batch", "--by-area", "--out-dir", tmp_path / "out", "--clinic", clinic_file, "--print")
    assert result.exit_code == 2 and "the lp command was not found" in result.stderr
    assert every_file(work_dir) == [] and not (tmp_path / "out").exists()


def test_a_failing_printer_gives_lps_first_line_never_the_patient(run, lp, work_dir, monkeypatch, clinic_file):
    monkeypatch.setenv("LP_BEHAVIOUR", "fail")
    result = run("generate", "bird-dog", "--patient", PATIENT, "--clinic", clinic_file, "--print", "Nowhere")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "backpdf: error: printing failed: lp: The printer or class does not exist."
    assert PATIENT not in result.stderr and every_file(work_dir) == []


def test_a_stuck_lp_is_stopped(lp, monkeypatch):
    monkeypatch.setenv("LP_BEHAVIOUR", "hang")
    monkeypatch.setattr(printing, "LP_TIMEOUT_SECONDS", 0.5)
    with pytest.raises(printing.BackpdfError, match=r"lp did not finish within 0.5 seconds"):
        printing.send_to_printer(b"%PDF-", None)


def test_print_refuses_an_exercise_id_taken_as_the_printer(run, lp, work_dir, clinic_file):
    result = run("generate", "--print", "Bird-Dog", "bridge", "--clinic", clinic_file)
    assert result.exit_code == 2
    assert "--print was given an exercise id as its printer name" in result.stderr
    assert lp() == []


def test_batch_prints_each_handout_in_order_or_the_combined_file(run, lp, tmp_path, clinic_file):
    for name, exercise in (("a", "bird-dog"), ("b", "bridge")):
        (tmp_path / f"{name}.yaml").write_text(f"patient: {PATIENT}\nexercises: [{exercise}]\n", "utf-8")
    programs = (tmp_path / "a.yaml", tmp_path / "b.yaml")
    result = run("batch", *programs, "--out-dir", tmp_path / "out", "--clinic", clinic_file, "--jobs", "1",
                 "--print", "Front-Desk")
    assert result.exit_code == 0, result.stderr
    assert lp() == [(["-d", "Front-Desk", *DOUBLE], (tmp_path / "out" / f"{n}.pdf").read_bytes()) for n in "ab"]
    assert "sent 2 files to the printer" in result.stderr

    result = run("batch", *programs, "--out-dir", tmp_path / "out2", "--clinic", clinic_file, "--jobs", "1",
                 "--combined", tmp_path / "all.pdf", "--print", "--simplex")
    assert result.exit_code == 0, result.stderr
    assert lp()[2:] == [(["-t", "backpdf handout", "-o", "sides=one-sided"], (tmp_path / "all.pdf").read_bytes())]


def test_batch_print_refuses_a_file_taken_as_the_printer(run, lp, tmp_path, clinic_file):
    (tmp_path / "a.yaml").write_text("exercises: [bridge]\n", "utf-8")
    result = run("batch", "--out-dir", tmp_path / "out", "--print", tmp_path / "a.yaml")
    assert result.exit_code == 2
    assert "--print was given a program or roster file as its printer name" in result.stderr
    assert not (tmp_path / "out").exists()
