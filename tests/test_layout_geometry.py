"""Layout geometry (issue 14, family 1): whatever the layout schema allows either renders in
a few seconds or is refused, with a reason, by `validate` and `generate` alike.

Each example is rendered in a forked child with a time limit, so a layout that sends
reportlab into an endless loop fails the test instead of hanging the suite.
"""

from __future__ import annotations

import os
import pickle
import re
import signal
import time
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from hypothesis import Phase, given, settings, strategies as st

from backpdf.errors import BackpdfError
from backpdf import vocabulary
from backpdf.images import with_pictures
from backpdf.layout_file import _layout_data, load_layout_file
from backpdf.layout_geometry import layout_geometry_problems
from backpdf.model import ProgramEntry
from backpdf.program import Request, resolve
from backpdf.render import render
from backpdf.validation import validate_files

from conftest import TODAY
from pdfcheck import open_strict

ROOT = Path(__file__).parent.parent
PAPER_SIZES_MM = {paper: vocabulary.paper_size_mm(paper) for paper in vocabulary.papers()}
FLOWS = [["front", "guidance", "cards", "notes"], ["front", "checklist", "new_page", "guidance", "cards"],
         ["front", "cards", "tracking_log"], ["front", "guidance", "checklist", "cards", "notes", "tracking_log"]]
RENDER_SECONDS = 20  # far above a normal render (under a second); only a loop gets near it
EXAMPLES = 2_000 if os.environ.get("HYPOTHESIS_PROFILE") == "long" else 12
SVG = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 200"><rect x="10" y="10" width="280" '
       'height="180" fill="none" stroke="black" stroke-width="8"/></svg>')


def _number(low, high):
    return st.floats(low, high, allow_nan=False).map(lambda x: round(x, 1))


layouts = st.fixed_dictionaries(
    {
        "name": st.just("generated"),
        "description": st.just("A generated layout."),
        "margins_mm": st.fixed_dictionaries({side: _number(10, 60) for side in ("top", "bottom", "left", "right")}),
        "font_sizes": st.fixed_dictionaries({"title": _number(14, 48), "heading": _number(12, 40),
                                             "body": _number(12, 32), "small": _number(8, 24)}),
        "qr_cm": _number(2, 8),
    },
    optional={
        "flow": st.sampled_from(FLOWS),
        "columns": st.integers(1, 2),
        "column_gap_mm": _number(0, 30),
        "line_spacing": _number(1.1, 2.5),
        "space_between_exercises_mm": _number(0, 40),
        "new_page_per_exercise": st.booleans(),
        "qr_column_cm": _number(2.5, 10),
        "link_text": st.sampled_from(["beside", "below"]),
        "images": st.fixed_dictionaries({}, optional={"place": st.sampled_from(["beside", "above", "none"]),
                                                      "width_cm": _number(2, 20), "height_cm": _number(2, 20)}),
        "sections": st.fixed_dictionaries({}, optional={"clinic_header": st.booleans(),
                                                        "notes_lines": st.integers(0, 40),
                                                        "exercise_notes_lines": st.integers(0, 20)}),
    },
)


@pytest.fixture(scope="module")
def handout(library, clinic, tmp_path_factory):
    picture = tmp_path_factory.mktemp("pictures") / "pose.svg"
    picture.write_text(SVG)
    ids = ("bridge", "cat-cow", "bird-dog", "hamstring-stretch")
    handout, _ = resolve(Request(entries=tuple(ProgramEntry(i) for i in ids), patient="Zoë Nguyễn",
                                 note="Stop if it hurts more than a little."), library, clinic, TODAY)
    named = replace(handout, exercises=tuple(replace(ex, exercise=replace(ex.exercise, image=picture))
                                             for ex in handout.exercises))
    return with_pictures(named)[0]


def render_in_child(handout, layout, paper: str, seconds: float = RENDER_SECONDS):
    """("pdf", bytes) or ("refused", message) from rendering in a forked child; fails the
    test if the child is still rendering after `seconds` (then it is killed)."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: render, send the outcome, leave without cleanup
        os.close(read_end)
        try:
            outcome = ("pdf", render(handout, layout, paper).data)
        except BackpdfError as exc:
            outcome = ("refused", str(exc))
        except BaseException as exc:  # noqa: BLE001 - reported to the parent
            outcome = ("crashed", f"{type(exc).__name__}: {exc}")
        with os.fdopen(write_end, "wb") as pipe:
            pickle.dump(outcome, pipe)
        os._exit(0)
    os.close(write_end)
    deadline = time.monotonic() + seconds
    data = b""
    with os.fdopen(read_end, "rb") as pipe:
        os.set_blocking(pipe.fileno(), False)
        while True:
            chunk = pipe.read()
            if chunk:
                data += chunk
            finished, _ = os.waitpid(pid, os.WNOHANG)
            if finished:
                data += pipe.read() or b""
                break
            if time.monotonic() > deadline:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                pytest.fail(f"rendering took over {seconds} s (an endless loop?)")
            time.sleep(0.01)
    return pickle.loads(data)


@settings(max_examples=EXAMPLES, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(data=layouts, paper=st.sampled_from(sorted(PAPER_SIZES_MM)))
def test_every_layout_in_the_schema_renders_or_is_refused_by_validate(tmp_path_factory, handout, data, paper):
    path = tmp_path_factory.mktemp("layout") / "generated.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    report = validate_files(None, None, [path])
    try:
        layout = load_layout_file(path)
    except BackpdfError as exc:
        assert report.problems, "generate refused a layout that validate passed"
        assert str(exc).startswith(f"{path}:") and str(report.problems[0]) in str(exc)
        return
    assert not report.problems, [str(p) for p in report.problems]
    kind, outcome = render_in_child(handout, layout, paper)
    if kind == "refused" and outcome.startswith("the red flags under "):
        # Whether the library's red flags fit a page depends on the library as well as
        # the layout: a refusal that names the tier and both heights, never a split box.
        assert re.search(r"are \d+ mm tall in layout .* a page holds \d+ mm", outcome), outcome
        return
    assert kind == "pdf", f"validate passed the layout, but rendering on {paper}: {outcome}"
    open_strict(outcome)


# --- the examples from the issue ------------------------------------------------------------------

def _bundled(name: str, **changes) -> dict:
    data = _layout_data(ROOT / "layouts" / f"{name}.yaml")  # the file merged over _base
    for key, value in changes.items():
        data[key] = {**data[key], **value} if isinstance(value, dict) else value
    return data


@pytest.mark.parametrize("data, key", [
    (_bundled("compact", qr_column_cm=10), ("qr_column_cm",)),
    (_bundled("standard", images={"place": "beside", "width_cm": 18}), ("images", "width_cm")),
    (_bundled("checklist", font_sizes={"body": 32}), ("font_sizes", "body")),
    (_bundled("standard", images={"place": "above", "height_cm": 20}, margins_mm={"top": 60, "bottom": 60}),
     ("images", "height_cm")),
])
def test_layouts_that_leave_no_room_are_refused_naming_the_key(run, tmp_path, data, key):
    problems = layout_geometry_problems(data, PAPER_SIZES_MM)
    assert key in [path for _, path in problems]
    path = tmp_path / "mine.yaml"
    path.write_text(yaml.safe_dump(data))
    for result in (run("validate", path), run("generate", "bridge", "--layout", path, "-o", tmp_path / "h.pdf")):
        assert result.exit_code in (1, 2)
        assert f"{path}:" in result.output + result.stderr
    assert not (tmp_path / "h.pdf").exists()


def test_every_bundled_layout_fits_both_papers():
    for path in sorted((ROOT / "layouts").glob("*.yaml")):
        assert layout_geometry_problems(_layout_data(path), PAPER_SIZES_MM) == [], path.name


def test_a_layout_made_in_code_is_checked_before_rendering(handout):
    layout = load_layout_file(ROOT / "layouts" / "compact.yaml")
    squeezed = replace(layout, qr_column_cm=10.0)
    kind, outcome = render_in_child(handout, squeezed, "a4", seconds=30)
    assert kind == "refused" and "the QR column takes 100 mm" in outcome
