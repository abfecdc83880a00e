"""The house rules of the package: a model that loads nothing, fields declared once, one
vocabulary, layouts that extend each other, the starter kit, schemas for editors, exit
codes, and the reportlab bound."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from dataclasses import fields
from importlib.metadata import version
from pathlib import Path

import pytest

from backpdf import vocabulary
from backpdf.errors import BackpdfError
from backpdf.layout_file import find_layout, load_layout_file
from backpdf.model import Exercise
from backpdf.render import render

from layoutcheck import runs, text_of

ROOT = Path(__file__).resolve().parent.parent


def test_the_model_and_renderer_import_nothing_that_reads_files():
    code = ("import sys, backpdf.model, backpdf.render, backpdf.layout; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('yaml', 'jsonschema') "
            "or m in ('backpdf.loading', 'backpdf.schemas', 'backpdf.library_file')))")
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "[]"


def test_importing_backpdf_changes_no_process_state():
    code = ("import os; before = os.umask(0o022); os.umask(before); "
            "import reportlab.rl_config as c; a85 = c.useA85; "
            "import logging, backpdf.cli, backpdf.render, backpdf.images, backpdf.batch; "
            "after = os.umask(0o022); os.umask(after); "
            "print(before == after, c.useA85 == a85, logging.getLogger('svglib').handlers == [])")
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.split() == ["True", "True", "True"]


def test_every_exercise_field_is_in_the_schema_and_in_show_and_json(library, run):
    schema = json.loads((ROOT / "backpdf/schema/library.schema.json").read_text())
    declared = set(schema["$defs"]["exercise"]["properties"])
    assert {f.name for f in fields(Exercise)} <= declared
    exercise = library.exercises["bird-dog"]
    as_json = json.loads(run("show", "bird-dog", "--json").stdout)
    shown = run("show", "bird-dog").stdout
    for f in fields(Exercise):
        value = getattr(exercise, f.name)
        if value in (None, (), {}):
            continue
        assert f.name in as_json, f.name
        label = f.metadata["info"].label
        assert f.name in ("id", "name") or f"{label}:" in shown, f.name


def test_cli_choices_come_from_the_vocabulary_schema(run):
    defs = json.loads((ROOT / "backpdf/schema/vocabulary.schema.json").read_text())["$defs"]
    assert vocabulary.areas() == tuple(defs["area"]["enum"])
    listed = run("list", "--help").stdout
    for area in vocabulary.areas():
        assert area in listed
    assert "a4" in run("generate", "--help").stdout
    for name in ("library", "program", "clinic"):
        text = (ROOT / f"backpdf/schema/{name}.schema.json").read_text()
        assert '"letter"' not in text and '"lower-back"' not in text, name


@pytest.mark.parametrize("kind", ["library", "program", "clinic", "layout", "vocabulary"])
def test_schema_command_prints_the_published_schema(run, kind):
    printed = json.loads(run("schema", kind).stdout)
    assert printed == json.loads((ROOT / f"backpdf/schema/{kind}.schema.json").read_text())
    assert printed["$id"] == f"{kind}.schema.json"


def test_bundled_files_name_their_schema_for_editors():
    assert (ROOT / "exercises.yaml").read_text().startswith(
        "# yaml-language-server: $schema=backpdf/schema/library.schema.json")
    for path in (ROOT / "layouts").glob("*.yaml"):
        assert path.read_text().startswith(
            "# yaml-language-server: $schema=../backpdf/schema/layout.schema.json"), path.name


def test_a_clinic_layout_changes_only_what_it_gives(tmp_path, handout_for_layouts):
    path = tmp_path / "ours.yaml"
    path.write_text("name: ours\nextends: standard\ndescription: Bigger type.\n"
                    "font_sizes: {body: 14}\nlabels: {caution: 'Take care:'}\n")
    ours, standard = load_layout_file(path), find_layout("standard")
    assert ours.font_sizes.body == 14 and ours.font_sizes.heading == standard.font_sizes.heading
    assert ours.margins_mm == standard.margins_mm and ours.flow == standard.flow
    text = text_of(runs(render(handout_for_layouts, ours).data))
    assert "Take care:" in text and "Be careful:" not in text


def test_a_layout_flow_decides_what_is_printed(tmp_path, handout_for_layouts):
    path = tmp_path / "fridge.yaml"
    path.write_text("name: fridge\nextends: standard\ndescription: Table then cards.\n"
                    "flow: [front, checklist, new_page, cards]\n")
    text = text_of(runs(render(handout_for_layouts, load_layout_file(path)).data))
    assert "Tick a box each day" in text and "Before you start" not in text


@pytest.mark.parametrize("content, message", [
    ("name: a\ndescription: x\nextends: b.yaml\n", "leads back to this file"),
    ("name: a\ndescription: x\nextends: nosuch\n", "unknown layout 'nosuch'"),
    ("name: a\ndescription: x\nlabels: {page_of: 'Page {n}'}\n", "labels.page_of: unknown placeholder {n}"),
    ("name: a\ndescription: x\nflow: [cards, front]\n", "flow"),
])
def test_bad_layout_files_are_clear_errors(tmp_path, content, message):
    (tmp_path / "b.yaml").write_text("name: b\ndescription: x\nextends: a.yaml\n")
    path = tmp_path / "a.yaml"
    path.write_text(content)
    with pytest.raises(BackpdfError, match=re.escape(message)):
        load_layout_file(path)


def test_init_writes_a_valid_starter_kit_and_never_overwrites(run, tmp_path):
    kit = tmp_path / "kit"
    result = run("init", kit)
    assert result.exit_code == 0, result.stderr
    written = {str(p.relative_to(kit)) for p in kit.rglob("*") if p.is_file()}
    assert {"clinic.yaml", "library.yaml", "layouts/clinic.yaml", "schema/layout.schema.json"} <= written
    for name in ("clinic.yaml", "library.yaml", "layouts/clinic.yaml"):
        first = (kit / name).read_text().splitlines()[0]
        schema_file = (kit / name).parent / first.split("$schema=")[1]
        assert schema_file.is_file(), name
    checked = run("validate", "--library", kit / "library.yaml", "--clinic", kit / "clinic.yaml",
                  kit / "layouts" / "clinic.yaml")
    assert checked.exit_code == 0, checked.stdout + checked.stderr
    made = run("generate", "chin-tuck", "--clinic", kit / "clinic.yaml", "--library", kit / "library.yaml",
               "-o", tmp_path / "h.pdf")
    assert made.exit_code == 0, made.stderr
    again = run("init", kit)
    assert again.exit_code == 2 and "already exists" in again.stderr


def test_json_listings(run):
    assert {row["name"] for row in json.loads(run("layouts", "--json").stdout)} >= {"standard", "checklist"}
    assert "_base" not in {row["name"] for row in json.loads(run("layouts", "--json").stdout)}
    templates = json.loads(run("templates", "--json").stdout)
    assert templates and all(t["exercises"] for t in templates)
    assert json.loads(run("conditions", "--json").stdout)[0]["id"]
    report = json.loads(run("validate", "--json").stdout)
    assert report["problems"] == [] and report["checked"] == 2  # the library and its Spanish
    assert set(json.loads(run("paths", "--json").stdout)) == {"clinic_profile", "clinic_layouts", "cache"}


def test_shell_completion_offers_exercise_ids_and_layout_names(tmp_path):
    env = {"_BACKPDF_COMPLETE": "bash_complete", "COMP_WORDS": "backpdf generate bird", "COMP_CWORD": "2",
           "PATH": str(Path(sys.executable).parent), "HOME": str(tmp_path)}
    found = subprocess.run([sys.executable, "-c", "from backpdf.cli import main; main()"], env=env,
                           capture_output=True, text=True)
    assert "plain,bird-dog" in found.stdout.splitlines()
    env["COMP_WORDS"], env["COMP_CWORD"] = "backpdf generate --layout large", "3"
    found = subprocess.run([sys.executable, "-c", "from backpdf.cli import main; main()"], env=env,
                           capture_output=True, text=True)
    assert "plain,large-print" in found.stdout.splitlines()


def test_reportlab_is_bounded_to_the_major_line_it_is_tested_on():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    spec = next(d for d in project["dependencies"] if d.startswith("reportlab"))
    low, high = re.fullmatch(r"reportlab>=(\d+)\.\d+,<(\d+)", spec.split("#")[0].strip()).groups()
    installed = int(version("reportlab").split(".")[0])
    assert int(low) == installed and int(high) == installed + 1


def test_one_version_source():
    import backpdf

    assert version("backpdf") == backpdf.__version__
    assert "version" not in tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


@pytest.fixture(scope="module")
def handout_for_layouts(library, clinic):
    from backpdf.model import ProgramEntry
    from backpdf.program import Request, resolve

    from conftest import TODAY

    handout, _ = resolve(Request(entries=(ProgramEntry("bird-dog"), ProgramEntry("bridge"))), library,
                         clinic, TODAY)
    return handout


def test_exit_code_for_an_internal_error_is_distinct(run, monkeypatch, tmp_path):
    from backpdf import pipeline

    def broken(*args, **kwargs):
        raise ZeroDivisionError("Zoë's private note")

    monkeypatch.setattr(pipeline, "make_handout", broken)
    result = run("generate", "chin-tuck", "-o", tmp_path / "x.pdf")
    assert result.exit_code == 70
    assert "ZeroDivisionError" in result.stderr and "Zoë" not in result.stderr


def test_a_clinic_library_extends_the_bundled_one(tmp_path, library):
    from backpdf.library_file import load_library

    own = tmp_path / "ours.yaml"
    own.write_text("version: 1\nextends: bundled\nexercises:\n  - id: hip-hinge\n    name: Hip hinge\n"
                   "    purpose: Teaches you to bend at your hips.\n    areas: [lower-back]\n    kind: mobility\n"
                   "    moves: [stands, bends-forward]\n    steps: [Stand tall., Push your hips back.]\n"
                   "    video: hip-hinge\ntemplates:\n  - id: ours\n    name: Ours\n    why: These help.\n"
                   "    exercises: [hip-hinge, bird-dog]\n")
    ours = load_library(own)
    assert set(ours.exercises) == set(library.exercises) | {"hip-hinge"}
    assert ours.red_flags == library.red_flags and "lower-back-starter" in ours.templates
    assert ours.conditions["osteoporosis"].cautions_for(ours.exercises["hip-hinge"])  # screened by its tags
    own.write_text(own.read_text().replace("[hip-hinge, bird-dog]", "[hip-hinge, brid-dog]"))
    with pytest.raises(BackpdfError, match=r"ours.yaml:\d+: template 'ours': unknown exercise 'brid-dog'; did you mean"):
        load_library(own)


def test_a_library_that_extends_nothing_must_have_red_flags(tmp_path):
    from backpdf.library_file import load_library

    own = tmp_path / "lonely.yaml"
    own.write_text("version: 1\nguidance: [Move slowly.]\n")
    with pytest.raises(BackpdfError) as caught:
        load_library(own)
    assert {p.message for p in caught.value.problems} == {"missing required key 'red_flags'",
                                                          "missing required key 'exercises'"}
