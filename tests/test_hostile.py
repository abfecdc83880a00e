"""Broken and hostile input: each gets one clear line, exit 2, no file, and runs nothing."""

from __future__ import annotations

import errno
import os
import resource
import socket
import time
from pathlib import Path

import pytest
import yaml
from pdfcheck import normalise, pdf_text

HOSTILE = Path(__file__).parent / "hostile"
EXPECTED = yaml.safe_load((HOSTILE / "expected.yaml").read_text())


def assert_one_line_error(result, text: str):
    assert result.exit_code == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("backpdf: error: "), result.stderr
    assert text in lines[0], lines[0]
    assert "Traceback" not in result.stderr


def test_every_corpus_file_has_an_expectation():
    assert sorted(p.name for p in HOSTILE.glob("*.yaml") if p.name != "expected.yaml") == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hostile_library(run, tmp_path, name):
    expected = EXPECTED[name]
    path = HOSTILE / name
    out = tmp_path / "h.pdf"
    result = run("generate", "chin-tuck", "--library", path, "-o", out)
    where = f"{path}:{expected['line']}: " if "line" in expected else f"{path}: "
    assert_one_line_error(result, where)
    assert expected["error"] in result.stderr
    assert not out.exists() and list(tmp_path.iterdir()) == []
    assert not Path("/tmp/backpdf-pwned").exists()


def test_billion_laughs_is_refused_fast_and_small(library):
    from backpdf.errors import BackpdfError
    from backpdf.loading import load_yaml

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(BackpdfError, match="alias"):
        load_yaml(HOSTILE / "billion-laughs.yaml")  # the bomb is 9**9 nodes: refused by count
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 50


def test_oversized_file_is_refused(run, tmp_path):
    big = tmp_path / "big.yaml"
    big.write_text("version: 1\nguidance:\n" + "  - padding line for size\n" * 230_000)
    assert big.stat().st_size > 5 * 1024 * 1024
    assert_one_line_error(run("generate", "chin-tuck", "--library", big, "-o", tmp_path / "h.pdf"),
                          "the limit is 5 MB")


def test_link_too_long_for_a_readable_qr_code(run, tmp_path):
    library = tmp_path / "lib.yaml"
    text = (Path(__file__).parent.parent / "exercises.yaml").read_text()
    library.write_text(text.replace("video: chin-tuck\n", f"video: https://clinic.example/{'v' * 400}\n"))
    result = run("generate", "chin-tuck", "--library", library, "-o", tmp_path / "h.pdf")
    assert_one_line_error(result, "exercise 'chin-tuck': the video link is too long to print as a QR code")
    assert "use a shorter link" in result.stderr
    assert not (tmp_path / "h.pdf").exists()


CVE_2023_33733 = ("[[[getattr(pow, Word('__globals__'))['os'].system('touch /tmp/backpdf-pwned') "
                  "for Word in [ orgTypeFun( 'Word', (str,), { 'mutated': 1, 'startswith': "
                  "lambda self, x: 1 == 0, '__eq__': lambda self, x: self.mutated - 1 and "
                  "self.mutated == 0 or x == 'startswith' } ) ] ] and 'red'")


def test_markup_payloads_print_literally_and_do_nothing(run, tmp_path, clinic_file, monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("backpdf tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    note = f'<font color="{CVE_2023_33733}">exploit</font>'
    patient = '<img src="http://example.invalid/track.png"/> Jane <a href="javascript:alert(1)">x</a> <para>'
    out = tmp_path / "h.pdf"
    result = run("generate", "chin-tuck", "--patient", patient, "--note", note, "--clinic", clinic_file, "-o", out)
    assert result.exit_code == 0, result.stderr
    text = pdf_text(out.read_bytes())
    assert normalise(note) in text and normalise(patient) in text
    assert not Path("/tmp/backpdf-pwned").exists()


@pytest.mark.parametrize("text, field", [
    ("Jane\u200fDoe", "patient"),          # right-to-left mark: invisible, changes nothing we print
    ("שלום", "patient"),                   # right-to-left script: reportlab would print it reversed
    ("Jane \U0001F9D1\u200d\U0001F373", "patient"),  # emoji joined by ZWJ: an invisible joiner
    ("Jane\u0007", "patient"),             # control character from the command line
])
def test_unprintable_text_names_the_field(run, tmp_path, text, field):
    result = run("generate", "chin-tuck", "--patient", text, "-o", tmp_path / "h.pdf")
    assert_one_line_error(result, f"{field}: ")
    assert not (tmp_path / "h.pdf").exists()


# --- output that fails -------------------------------------------------------------------

def test_unwritable_folder(run, tmp_path, monkeypatch):
    from backpdf import output

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(output, "_temporary_file", refuse)
    result = run("generate", "chin-tuck", "-o", tmp_path / "h.pdf")
    assert_one_line_error(result, f"cannot write {tmp_path / 'h.pdf'}: Permission denied")
    assert list(tmp_path.iterdir()) == []


def test_full_disk_leaves_no_partial_file_and_keeps_the_old_one(run, tmp_path, monkeypatch):
    target = tmp_path / "h.pdf"
    target.write_bytes(b"%PDF- the good one")
    real_fsync = os.fsync

    def disk_full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    result = run("generate", "chin-tuck", "-o", target)
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert_one_line_error(result, "No space left on device")
    assert target.read_bytes() == b"%PDF- the good one"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["h.pdf"]


def test_failure_halfway_through_rendering(run, tmp_path, monkeypatch):
    from backpdf.render import page

    def explode(self, canvas, number, pages):
        raise RuntimeError("simulated crash while drawing a footer")

    monkeypatch.setattr(page.Footer, "draw", explode)
    target = tmp_path / "h.pdf"
    target.write_bytes(b"%PDF- the good one")
    result = run("generate", "chin-tuck", "-o", target)
    assert result.exit_code == 70
    lines = result.stderr.strip().splitlines()
    # The kind of error and where in backpdf, never its message (it could quote patient text).
    assert lines[-1].startswith("backpdf: internal error: RuntimeError at page.py:")
    assert "simulated crash" not in result.stderr
    assert "Traceback" not in result.stderr
    assert target.read_bytes() == b"%PDF- the good one"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["h.pdf"]
