"""Faults and hostile files (issue 14): special files, deep nesting, huge inputs, dead
workers, signals, concurrent runs, full disks, picture metadata, extreme SVGs.

Process tests start a real `backpdf batch` in its own process group, bounded in time, and
stop only the processes they started (found as children of that batch process in /proc).
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from backpdf.errors import BackpdfError
from backpdf.loading import load_yaml
from pdfcheck import open_strict, page_count

ROOT = Path(__file__).parent.parent


def one_line_error(result) -> str:
    assert result.exit_code == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def write_roster(path: Path, rows: list[dict], columns=("patient", "template", "output")) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    return path


def manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text("utf-8"))


def assert_manifest_true_to_disk(out: Path) -> dict:
    """Every PDF in the out-dir is listed with its real hash and pages, and no temp file is left."""
    data = manifest(out)
    listed = {entry["path"]: entry for entry in data["outputs"]}
    on_disk = {p.name for p in out.glob("*.pdf")}
    assert set(listed) == on_disk
    assert [p.name for p in out.iterdir() if p.name.startswith(".backpdf-")] == []
    for name, entry in listed.items():
        pdf = (out / name).read_bytes()
        open_strict(pdf)
        assert hashlib.sha256(pdf).hexdigest() == entry["sha256"] and page_count(pdf) == entry["pages"]
    return data


# --- 5. special files ------------------------------------------------------------------------

def _bounded(function, seconds: float = 10):
    """Run `function` in a thread; fail (instead of hanging the suite) if it does not return."""
    outcome: dict = {}

    def target():
        try:
            outcome["value"] = function()
        except BaseException as exc:  # noqa: BLE001 - handed back to the test
            outcome["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "hung on a special file"
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


@pytest.mark.parametrize("option", ["--library", "--layout", "--clinic", "--program"])
def test_a_fifo_as_an_input_file_is_refused_without_waiting(run, tmp_path, option):
    fifo = tmp_path / "input.yaml"
    os.mkfifo(fifo)
    result = _bounded(lambda: run("generate", "chin-tuck", option, fifo, "-o", tmp_path / "h.pdf"))
    assert f"{fifo}: is not a regular file" in one_line_error(result)
    assert not (tmp_path / "h.pdf").exists()


def test_a_fifo_as_a_roster_or_roster_cell_is_refused(run, tmp_path, clinic_file):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    layout_fifo = tmp_path / "layout.yaml"
    os.mkfifo(layout_fifo)
    roster = write_roster(tmp_path / "day.csv", [{"patient": "A", "template": "core-stability",
                                                  "layout": "layout.yaml"}],
                          columns=("patient", "template", "layout"))
    out = tmp_path / "out"
    result = _bounded(lambda: run("batch", roster, "--out-dir", out, "--clinic", clinic_file, "--jobs", "1"))
    assert result.exit_code == 1
    assert "is not a regular file" in result.stderr
    assert not list(out.glob("*.pdf"))
    result = _bounded(lambda: run("batch", fifo, "--out-dir", out, "--clinic", clinic_file, "--jobs", "1"))
    assert f"{fifo}: is not a regular file" in result.stderr


def test_dev_zero_does_not_pass_the_size_limit():
    with pytest.raises(BackpdfError, match="is not a regular file"):
        _bounded(lambda: load_yaml("/dev/zero"))


def test_a_picture_that_is_a_fifo_is_refused(tmp_path):
    from backpdf.images import ImageProblem, open_picture

    fifo = tmp_path / "photo.png"
    os.mkfifo(fifo)
    with pytest.raises(ImageProblem, match="is not a regular file"):
        _bounded(lambda: open_picture(fifo))


def test_output_onto_a_fifo_or_device_is_refused_and_the_node_kept(run, tmp_path):
    fifo = tmp_path / "out.pdf"
    os.mkfifo(fifo)
    assert "is not a regular file" in one_line_error(_bounded(lambda: run("generate", "chin-tuck", "-o", fifo)))
    assert fifo.is_fifo()
    assert "is not a regular file" in one_line_error(run("generate", "chin-tuck", "-o", "/dev/null"))
    assert Path("/dev/null").is_char_device()


def test_a_255_byte_output_name_is_written(run, tmp_path):
    name = "h" * 251 + ".pdf"
    result = run("generate", "chin-tuck", "-o", tmp_path / name)
    assert result.exit_code == 0, result.stderr
    open_strict((tmp_path / name).read_bytes())
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


# --- 7. deep nesting ---------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["[" * 40_000 + "]" * 40_000, "- " * 40_000 + "x\n",
                                  "a: " + "{b: " * 40_000 + "1" + "}" * 40_000])
def test_deeply_nested_yaml_is_refused_in_a_subprocess_without_crashing(tmp_path, text):
    """In a subprocess: before the fix this killed the interpreter with SIGSEGV."""
    path = tmp_path / "deep.yaml"
    path.write_text(text)
    result = subprocess.run([sys.executable, "-m", "backpdf", "generate", "chin-tuck", "--library",
                             str(path), "-o", str(tmp_path / "h.pdf")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2, result.stderr
    assert f"{path}:1: values are nested more than 50 levels deep" in result.stderr


def test_nesting_just_within_the_limit_loads(tmp_path):
    path = tmp_path / "ok.yaml"
    path.write_text("a: " + "[" * 40 + "1" + "]" * 40 + "\n" + "# padding\n" * 200 + "b: " + "{c: " * 5
                    + "1" + "}" * 5 + "\nx: " + "y" * 1200 + "\n")
    assert load_yaml(path).data["b"] == {"c": {"c": {"c": {"c": {"c": 1}}}}}


# --- 13. large but legal inputs ----------------------------------------------------------------

def test_a_ten_thousand_exercise_library_is_not_called_an_alias_bomb(tmp_path):
    entry = ("  - {{id: ex-{n}, name: Exercise {n}, areas: [neck], kind: mobility, "
             "steps: [Sit tall., Turn your head.], dose: {{reps: 8}}, video: ex-{n}}}\n")
    path = tmp_path / "big.yaml"
    path.write_text("version: 1\nexercises:\n" + "".join(entry.format(n=n) for n in range(10_000)))
    assert len(load_yaml(path).data["exercises"]) == 10_000


def test_too_many_values_says_so_without_blaming_aliases(tmp_path):
    path = tmp_path / "many.yaml"
    path.write_text("a: [" + ",".join(["1"] * 1_100_000) + "]\n")
    assert path.stat().st_size < 5 * 1024 * 1024
    with pytest.raises(BackpdfError, match="more than 1,000,000 values") as error:
        load_yaml(path)
    assert "alias" not in str(error.value)


def test_a_huge_roster_with_a_bad_header_is_refused_before_reading_it_all(tmp_path, library, clinic):
    """The header error comes from the first line: a roster of 200 MB is refused at once,
    which reading it whole could not do in a fraction of a second."""
    import resource

    from backpdf.roster import read_roster

    path = tmp_path / "huge.csv"
    with path.open("w") as handle:
        handle.write("patient,colour\n")
        handle.truncate(200 * 1024 * 1024)  # sparse: costs no disk
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(BackpdfError, match=r"huge.csv:1: unknown column 'colour'"):
        read_roster(path)
    assert (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024 < 50
