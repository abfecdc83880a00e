"""Faults and hostile files (issue 14): special files, deep nesting, huge inputs, dead
workers, signals, concurrent runs, full disks, picture metadata, extreme SVGs.

Process tests start a real `backpdf batch` in its own process group, bounded in time, and
stop only the processes they started (found as children of that batch process in /proc).
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from pdfcheck import open_strict, page_count
from rosters import manifest, write_roster

from backpdf.errors import BackpdfError
from backpdf.loading import load_yaml

ROOT = Path(__file__).parent.parent


def one_line_error(result) -> str:
    assert result.exit_code == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def assert_manifest_true_to_disk(out: Path) -> dict:
    """Every PDF in the out-dir is listed, as made (with its real hash and pages) or set
    aside, and no temp file is left."""
    data = manifest(out)
    listed = {entry["path"]: entry for entry in data["outputs"]}
    set_aside = {entry["renamed_to"] for entry in data["set_aside"]}
    on_disk = {p.name for p in out.glob("*.pdf")}
    assert set(listed) | set_aside == on_disk and not set(listed) & set_aside
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


def test_too_many_values_says_so_without_blaming_aliases(tmp_path, monkeypatch):
    from backpdf import yaml_text

    monkeypatch.setattr(yaml_text, "MAX_NODES", 1_000)  # the wording, without 8 s of parsing
    path = tmp_path / "many.yaml"
    path.write_text("a: [" + ",".join(["1"] * 1_100) + "]\n")
    with pytest.raises(BackpdfError, match="more than 1,000 values") as error:
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


# --- 3, 4. dead workers and signals, against a real `backpdf batch` ------------------------------

class Batch:
    """A `backpdf batch` subprocess in its own process group, over a roster of `rows`."""

    def __init__(self, tmp_path: Path, clinic_file: Path, rows: int, jobs: str = "2", out: Path | None = None):
        self.out = out or tmp_path / "out"
        self.roster = write_roster(tmp_path / f"day-{rows}.csv",
                                   [{"patient": f"P {n}", "template": "core-stability"} for n in range(rows)],
                                   columns=("patient", "template"))
        env = {**os.environ, "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path)}
        env.pop("BACKPDF_CLINIC", None)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "backpdf", "batch", str(self.roster), "--out-dir", str(self.out),
             "--clinic", str(clinic_file), "--jobs", jobs],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True,
            # A shell that started us in the background may have set SIGINT to "ignore".
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        self.started: set[int] = {self.process.pid}

    def wait_for_pdfs(self, count: int, seconds: float = 180) -> None:
        deadline = time.monotonic() + seconds
        while len(list(self.out.glob("*.pdf"))) < count and self.process.poll() is None:
            assert time.monotonic() < deadline, "the batch made no handouts in time"
            time.sleep(0.005)

    def workers(self) -> list[int]:
        """The batch process's children, from /proc (no psutil)."""
        found = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                if int(fields[1]) == self.process.pid:
                    found.append(int(entry.name))
        self.started.update(found)
        return found

    def finish(self, seconds: float = 240) -> str:  # bounded; generous for a loaded 2-core machine
        _, stderr = self.process.communicate(timeout=seconds)
        return stderr.decode()

    def clean_up(self) -> None:
        """Kill whatever this test started and is still alive: the batch and its workers
        (looked up first: once the batch is gone they are no longer its children)."""
        if self.process.poll() is None:
            self.workers()
        for pid in self.started:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
        if self.process.poll() is None:
            self.process.wait(10)


def _alive(pid: int) -> bool:
    """Running, and not a zombie waiting to be reaped."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.fixture
def batch_process(tmp_path, clinic_file):
    started: list[Batch] = []

    def start(rows: int, **options) -> Batch:
        started.append(Batch(tmp_path, clinic_file, rows, **options))
        return started[-1]

    yield start
    for batch in started:
        batch.clean_up()


def test_a_killed_worker_costs_only_its_handouts(batch_process):
    rows = 120
    run = batch_process(rows)
    run.wait_for_pdfs(3)
    workers = run.workers()
    assert len(workers) == 2
    os.kill(workers[0], signal.SIGKILL)
    stderr = run.finish()
    assert run.process.returncode in (0, 1), stderr
    data = assert_manifest_true_to_disk(run.out)
    assert len(data["outputs"]) + len(data["failures"]) == rows
    assert len(data["outputs"]) >= rows - 2 * 4  # at most the jobs in flight, and those are retried
    assert "BrokenProcessPool" not in stderr and "internal error" not in stderr


def test_workers_exit_when_the_batch_is_killed(batch_process):
    run = batch_process(300)
    run.wait_for_pdfs(2)
    workers = run.workers()
    assert workers
    os.kill(run.process.pid, signal.SIGKILL)
    run.process.wait(10)
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in workers), "workers outlived their batch"


@pytest.mark.parametrize("gap", [0.0, 0.005, 0.05])
def test_a_second_ctrl_c_stops_at_once_and_the_manifest_stays_true(batch_process, gap):
    run = batch_process(300)
    run.wait_for_pdfs(2)
    os.killpg(run.process.pid, signal.SIGINT)  # as a terminal does: the whole group
    time.sleep(gap)
    os.killpg(run.process.pid, signal.SIGINT)
    stderr = run.finish(seconds=20)
    assert run.process.returncode == 130, stderr
    data = assert_manifest_true_to_disk(run.out)
    assert data["interrupted"] is True
    assert 0 < len(data["outputs"]) < 300
    time.sleep(0.5)  # a worker left running would write more files now
    assert {p.name for p in run.out.glob("*.pdf")} == {e["path"] for e in data["outputs"]}


# --- 8. concurrent and repeated runs ------------------------------------------------------------

def test_a_second_run_into_a_busy_out_dir_is_refused(batch_process, run, clinic_file):
    first = batch_process(150)
    first.wait_for_pdfs(1)
    roster = write_roster(first.out.parent / "other.csv", [{"patient": "Q", "template": "core-stability"}],
                          columns=("patient", "template"))
    second = run("batch", roster, "--out-dir", first.out, "--clinic", clinic_file, "--jobs", "1")
    assert "is in use by another backpdf batch run" in one_line_error(second)
    assert first.finish() is not None and first.process.returncode == 0
    data = assert_manifest_true_to_disk(first.out)
    assert len(data["outputs"]) == 150 and not (first.out / "other-row-2.pdf").exists()


def test_a_failed_row_sets_aside_the_earlier_run_s_file_of_its_name(run, tmp_path, clinic_file):
    out = tmp_path / "out"
    good = write_roster(tmp_path / "day.csv", [{"patient": "Ann", "template": "core-stability", "output": "room-1"}])
    assert run("batch", good, "--out-dir", out, "--clinic", clinic_file, "--jobs", "1").exit_code == 0
    earlier = (out / "room-1.pdf").read_bytes()
    bad = write_roster(tmp_path / "day.csv", [{"patient": "Bob", "template": "no-such-template", "output": "room-1"}])
    result = run("batch", bad, "--out-dir", out, "--clinic", clinic_file, "--jobs", "1")
    assert result.exit_code == 1
    assert "day.csv:2: a PDF of an earlier run had this handout's name; it was renamed" in result.stderr
    assert "room-1" not in result.stderr.replace("room-1.pdf", "")  # the name may be a patient's
    assert not (out / "room-1.pdf").exists()
    data = assert_manifest_true_to_disk(out)
    [entry] = data["set_aside"]
    assert entry["path"] == "room-1.pdf" and entry["source"] == {"file": str(bad), "row": 2}
    assert (out / entry["renamed_to"]).read_bytes() == earlier
    assert entry["renamed_to"].startswith("room-1.stale-")


# --- 9. full disk at the end ----------------------------------------------------------------------

@pytest.fixture
def small_disk(tmp_path):
    folder = tmp_path / "small"
    folder.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(folder)],
                                            capture_output=True).returncode != 0:
        pytest.skip("needs root to mount a small tmpfs")
    yield folder
    subprocess.run(["umount", str(folder)], check=True)


def test_a_full_disk_reports_failures_and_leaves_no_stale_manifest(run, tmp_path, clinic_file, small_disk):
    out = small_disk / "out"
    out.mkdir()
    (out / "manifest.json").write_text('{"outputs": ["from last week"]}')
    filler = os.open(small_disk / "filler", os.O_WRONLY | os.O_CREAT)
    try:  # fill the disk to the last block
        while os.write(filler, b"\0" * 4096):
            pass
    except OSError:
        pass
    finally:
        os.close(filler)
    roster = write_roster(tmp_path / "day.csv", [{"patient": "A", "template": "no-such-template"},
                                                 {"patient": "B", "template": "core-stability"}],
                          columns=("patient", "template"))
    result = run("batch", roster, "--out-dir", out, "--clinic", clinic_file, "--jobs", "1")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{roster}:2: ") and "no-such-template" in lines[0]
    assert lines[1].startswith(f"{roster}:3: cannot write") and "No space left" in lines[1]
    assert "no manifest was written (the manifest of an earlier run was removed)" in lines[2]
    assert not (out / "manifest.json").exists()
    assert sorted(p.name for p in out.iterdir()) == []


# --- 2 (second half). an internal error never prints user text ----------------------------------

def test_an_internal_error_names_its_type_and_place_but_not_its_message(run, tmp_path, monkeypatch):
    from backpdf import pipeline as api

    def buggy(request, *args, **kwargs):
        raise ValueError(f"could not fit {request.note!r}")

    monkeypatch.setattr(api, "make_handout", buggy)
    result = run("generate", "chin-tuck", "--note", "Mrs Zoë Secret-Patient", "-o", tmp_path / "h.pdf")
    assert result.exit_code == 70
    assert "internal error: ValueError in tests/test_faults.py" not in result.stderr  # ours only
    assert "internal error: ValueError" in result.stderr
    assert "Secret-Patient" not in result.stderr


# --- 6. paths in roster cells ---------------------------------------------------------------------

@pytest.mark.parametrize("content", ["API_KEY=sk-live-0123456789\n", "root:x:0:0:root:/root:/bin/bash\n",
                                     "- sk-live-0123456789\n", "sk-live-0123456789"])
def test_a_roster_cell_naming_a_foreign_file_never_echoes_it(run, tmp_path, clinic_file, content):
    secret = tmp_path / "elsewhere" / "env.yaml"
    secret.parent.mkdir()
    secret.write_text(content)
    roster = write_roster(tmp_path / "day.csv", [{"patient": "A", "template": "core-stability",
                                                  "layout": "elsewhere/env.yaml"}],
                          columns=("patient", "template", "layout"))
    out = tmp_path / "out"
    result = run("batch", roster, "--out-dir", out, "--clinic", clinic_file, "--jobs", "1")
    assert result.exit_code == 1
    assert f"{secret}:1: " in result.stderr  # found beside the roster, and named
    assert "sk-live" not in result.stderr and "root:x" not in result.stderr
    assert "sk-live" not in (out / "manifest.json").read_text() and "root:x" not in (out / "manifest.json").read_text()


def test_a_roster_cell_layout_path_is_relative_to_the_roster(run, tmp_path, clinic_file, monkeypatch):
    folder = tmp_path / "rosters"
    folder.mkdir()
    (folder / "ours.yaml").write_text((ROOT / "layouts" / "large-print.yaml").read_text())
    roster = write_roster(folder / "day.csv", [{"patient": "A", "template": "core-stability",
                                                "layout": "ours.yaml"}], columns=("patient", "template", "layout"))
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "out"
    result = run("batch", "rosters/day.csv", "--out-dir", out, "--clinic", clinic_file, "--jobs", "1")
    assert result.exit_code == 0, result.stderr
    assert_manifest_true_to_disk(out)


# --- 11. picture metadata; 13. MPO ----------------------------------------------------------------

PLANTED = ("Dr Planted Artist", "Planted description", "planted-xmp-secret", "Planted JPEG comment",
           "Planted PNG text")


def _photo():
    from PIL import Image

    image = Image.new("RGB", (240, 160), "white")
    image.paste((0, 0, 0), (20, 20, 200, 140))
    return image


def _jpeg_with_metadata(path: Path, format: str = "JPEG") -> None:
    from PIL import Image, ImageCms

    exif = Image.Exif()
    exif[0x013B] = PLANTED[0]  # Artist
    exif[0x010E] = PLANTED[1]  # ImageDescription
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    xmp = f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description note="{PLANTED[2]}"/></x:xmpmeta>'.encode()
    options = {"exif": exif.tobytes(), "icc_profile": icc, "comment": PLANTED[3].encode(), "xmp": xmp}
    if format == "MPO":
        second = Image.new("RGB", (240, 160), "black")
        _photo().save(path, "MPO", save_all=True, append_images=[second], **options)
    else:
        _photo().save(path, "JPEG", **options)
    data = path.read_bytes()
    assert all(text.encode() in data for text in PLANTED[:4]) and b"ICC_PROFILE" in data


def _png_with_metadata(path: Path) -> None:
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Author", PLANTED[4])
    info.add_itxt("Description", PLANTED[1])
    _photo().save(path, "PNG", pnginfo=info)


def _image_streams(pdf: bytes) -> list[bytes]:
    import io

    import pikepdf

    doc = pikepdf.open(io.BytesIO(pdf))
    return [obj.read_raw_bytes() for obj in doc.objects
            if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"]


@pytest.mark.parametrize("kind", ["jpeg", "mpo", "png"])
def test_picture_metadata_never_reaches_the_pdf(tmp_path, library, clinic, kind):
    from dataclasses import replace

    from conftest import TODAY
    from PIL import Image

    from backpdf.images import open_picture, with_pictures
    from backpdf.layout_file import find_layout
    from backpdf.model import ProgramEntry
    from backpdf.program import Request, resolve
    from backpdf.render import render

    photo, logo = tmp_path / f"photo.{kind}", tmp_path / f"logo.{kind}"
    for path in (photo, logo):
        {"jpeg": _jpeg_with_metadata, "png": _png_with_metadata,
         "mpo": lambda p: _jpeg_with_metadata(p, "MPO")}[kind](path)
    clinic = replace(clinic, logo=open_picture(logo))
    handout, _ = resolve(Request(entries=(ProgramEntry("bridge"),)), library, clinic, TODAY)
    first = handout.exercises[0]
    handout, _ = with_pictures(replace(handout, exercises=(replace(first, exercise=replace(first.exercise,
                                                                                          image=photo)),)))
    pdf = render(handout, find_layout("standard")).data
    streams = _image_streams(pdf)
    assert streams
    for text in PLANTED:
        assert text.encode() not in pdf and all(text.encode() not in s for s in streams)
    if kind != "png":  # the pixels are the first frame's, unchanged, and the colour profile stays
        import io

        first = Image.open(io.BytesIO(streams[0]))
        assert first.size == (240, 160) and "icc_profile" in first.info
        assert first.getpixel((100, 80))[0] < 30 and first.getpixel((5, 5))[0] > 220


# --- 12. extreme SVGs -------------------------------------------------------------------------------

@pytest.mark.parametrize("size, content, expected", [
    ('width="1e308" height="100"', "", "has a width of 7.5e+307 points"),
    ('width="NaN" height="100"', "", "has an impossible width (nan)"),
    ('width="-50" height="100"', "", "has an impossible width (-37.5)"),
    ('viewBox="0 0 100 inf"', "", "has an impossible height (inf)"),
    ('width="100" height="100"', '<rect x="nan" y="0" width="5" height="5"/>', "has a shape with an impossible x (nan)"),
    ('width="100" height="100"', '<g transform="scale(1e300)"><rect width="5" height="5"/></g>', "has a shape with an impossible transform"),
    ('width="100" height="100"', '<text x="1" y="20">שלום</text>', "has text: cannot print 'ש' (U+05E9"),
    ('width="100" height="100"', '<text x="1" y="20">Lift 漢</text>', "has text: cannot print '漢'"),
])
def test_extreme_svgs_are_clear_errors(run, tmp_path, size, content, expected):
    picture = tmp_path / "pose.svg"
    picture.write_text(f'<svg xmlns="http://www.w3.org/2000/svg" {size}><rect width="9" height="9"/>{content}</svg>')
    library = tmp_path / "lib.yaml"
    library.write_text((ROOT / "exercises.yaml").read_text().replace(
        "  - id: chin-tuck\n", f"  - id: chin-tuck\n    image: {picture}\n", 1))
    assert f"image: {picture}" in library.read_text()
    result = run("generate", "chin-tuck", "--library", library, "-o", tmp_path / "h.pdf")
    assert f"exercise 'chin-tuck': image {picture} {expected}" in one_line_error(result)
    assert not (tmp_path / "h.pdf").exists()


def test_an_ordinary_svg_with_text_still_prints(run, tmp_path):
    picture = tmp_path / "pose.svg"
    picture.write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100"><rect width="50" '
                       'height="50"/><text x="60" y="40">Lift – Zoë</text></svg>')
    library = tmp_path / "lib.yaml"
    library.write_text((ROOT / "exercises.yaml").read_text().replace(
        "  - id: chin-tuck\n", f"  - id: chin-tuck\n    image: {picture}\n", 1))
    result = run("generate", "chin-tuck", "--library", library, "-o", tmp_path / "h.pdf")
    assert result.exit_code == 0, result.stderr
    open_strict((tmp_path / "h.pdf").read_bytes())


def test_combined_onto_a_fifo_is_refused_before_any_work(run, tmp_path, clinic_file):
    fifo = tmp_path / "all.pdf"
    os.mkfifo(fifo)
    result = _bounded(lambda: run("batch", "--by-area", "--out-dir", tmp_path / "out", "--clinic", clinic_file,
                                  "--jobs", "1", "--combined", fifo))
    assert "is not a regular file" in one_line_error(result)
    assert fifo.is_fifo() and not (tmp_path / "out").exists()


def test_a_combined_file_that_cannot_be_written_still_leaves_a_true_manifest(run, tmp_path, clinic_file,
                                                                           monkeypatch):
    from backpdf import batch

    def full_disk(paths, target, duplex=True):
        raise BackpdfError(f"cannot write {target}: No space left on device")

    monkeypatch.setattr(batch, "combine", full_disk)
    out = tmp_path / "out"
    result = run("batch", "--by-area", "--out-dir", out, "--clinic", clinic_file, "--jobs", "1",
                 "--combined", tmp_path / "all.pdf")
    assert result.exit_code == 1
    assert "backpdf: error: --combined: cannot write" in result.stderr
    data = assert_manifest_true_to_disk(out)
    assert data["outputs"] and data["combined"] is None


# --- 10. long text ------------------------------------------------------------------------------

def test_a_pasted_document_as_a_note_is_refused_at_once_without_quoting_it(run, tmp_path):
    note = "Private history of the patient. " * 2000  # 64 KB: minutes of line breaking before
    result = run("generate", "chin-tuck", "--note", note, "-o", tmp_path / "h.pdf")
    assert result.exit_code == 2
    assert "the note is 64,000 characters; the limit is 2,000" in result.stderr
    assert "Private history" not in result.stderr
    roster = tmp_path / "r.csv"
    roster.write_text("exercises,note\nchin-tuck," + "x" * 2500 + "\nchin-tuck,fine\n")
    result = run("batch", roster, "--out-dir", tmp_path / "out", "--jobs", "1")
    assert result.exit_code == 1 and "r.csv:2" in result.stderr and "2000" in result.stderr.replace(",", "")
    assert (tmp_path / "out" / "r-row-3.pdf").is_file() and not (tmp_path / "out" / "r-row-2.pdf").exists()
    assert not list(tmp_path.glob("*.pdf"))
