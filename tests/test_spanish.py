"""Handouts in Spanish: every word from the catalog or the translated library, read back
from the PDF; the catalog complete; the language chosen per handout; gaps are errors."""

from __future__ import annotations

import csv
import datetime as _dt
import io
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from babel.messages.mofile import write_mo
from pdfcheck import pdf_text, qr_codes

from backpdf.errors import BackpdfError
from backpdf.i18n import SUPPORTED_LANGUAGES, check_language, messages_in_use, read_catalog, translator
from backpdf.layout_file import find_layout
from backpdf.library_translation import in_language
from backpdf.model import Dose, ProgramEntry
from backpdf.pipeline import make_handout
from backpdf.program import Request, resolve
from backpdf.resources import bundled_layouts_dir, bundled_translation
from backpdf.wording import dose_cells, dose_sentences

TODAY = _dt.date(2026, 11, 21)
LAYOUTS = ("standard", "compact", "large-print", "one-per-page", "checklist")
SPANISH = Request(template="lower-back-starter", patient="Juana Pérez", clinician="Ana Ruiz",
                  date="2026-11-21", language="es", tracking_log=True, conditions=("osteoporosis",))


def _english_labels() -> list[str]:
    """The fixed parts (placeholders cut out) of every English label longer than 3
    characters whose Spanish differs ("Video" is the same word in both)."""
    labels = yaml.safe_load((bundled_layouts_dir() / "_base.yaml").read_text("utf-8"))["labels"]
    tr = translator("es")
    values = [v for value in labels.values() for v in (value if isinstance(value, list) else [value])]
    return [part.strip() for v in values if tr.gettext(v) != v
            for part in re.split(r"\{\w+\}", v) if len(part.strip()) > 3]


@pytest.fixture(scope="module")
def spanish_pdfs(library, clinic):
    return {name: make_handout(replace(SPANISH, layout=name), library, clinic, TODAY) for name in LAYOUTS}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_spanish_handout_holds_no_english_in_any_layout(spanish_pdfs, library, layout):
    result = spanish_pdfs[layout]
    text = pdf_text(result.pdf)
    english = _english_labels()
    assert len(english) > 25
    for exercise in result.handout.exercises:
        original = library.exercises[exercise.id]
        english += [original.name, *original.steps, *original.cautions]
    english += [flag.text for tier in library.red_flags for flag in tier.items]
    english += ["Your home exercise program", "It takes about", "times", "each side", "once a day"]
    leaked = [phrase for phrase in english if phrase in text]
    assert not leaked, leaked
    for spanish in ("21 de noviembre de 2026", "Página 1 de", "Para:", "Fecha:", "De:",
                    "Su programa de ejercicios en casa", "Vaya a la sala de emergencias",
                    "¿Preguntas? Llame al 555-0100", "Haga estos 4 ejercicios una vez al día", "veces",
                    "Sus precauciones", "No doble la cintura hacia adelante con fuerza"):
        assert spanish in text, (layout, spanish)
    assert all(e.exercise.name in text for e in result.handout.exercises)


@pytest.mark.parametrize("layout", ("standard", "checklist"))
def test_qr_codes_of_a_spanish_handout_still_decode(spanish_pdfs, layout):
    result = spanish_pdfs[layout]
    assert set(qr_codes(result.pdf)) == {e.video_url for e in result.handout.exercises}


def test_the_log_and_labels_are_spanish(spanish_pdfs):
    text = pdf_text(spanish_pdfs["standard"].pdf)
    assert "Su registro de 4 semanas" in text and "Día 28" in text and "Dolor 0–10" in text


def test_spanish_plurals_for_1_and_10():
    tr = translator("es")
    assert dose_sentences(Dose(reps=1), tr) == ["Repita 1 vez."]
    assert dose_sentences(Dose(reps=10, sides="each"), tr) == ["Repita 10 veces de cada lado."]
    assert [c.words for c in dose_cells(Dose(reps=1, times_per_day=1, days_per_week=1), tr)] == [
        "1 vez", "1 vez al día", "1 día a la semana"]
    assert [c.words for c in dose_cells(Dose(reps=10, hold_seconds=5, sets=2, sides="each",
                                             times_per_day=2, days_per_week=7), tr)] == [
        "10 veces de cada lado", "mantenga 5 segundos", "2 series", "2 veces al día", "7 días a la semana"]
    assert dose_sentences(Dose(minutes=1, days_per_week=5), tr) == [
        "Siga durante 1 minuto.", "Hágalo 5 días a la semana."]


def test_every_message_in_use_has_spanish_and_the_catalog_compiles():
    catalog = read_catalog("es")
    in_use = messages_in_use()
    translated = {message.id: message.string for message in catalog if message.id}
    assert len(in_use) > 60
    missing = [m for m in in_use if not translated.get(m) or not all(translated[m])]
    assert not missing, missing
    assert not [m for m in translated if m not in in_use], "messages no code uses"
    for msgid, msgstr in translated.items():  # placeholders survive translation
        ids, strs = (msgid, msgstr) if isinstance(msgid, tuple) else ((msgid,), (msgstr,))
        assert {f for s in strs for f in re.findall(r"\{\w+\}", s)} == {
            f for s in ids for f in re.findall(r"\{\w+\}", s)}, msgid
    assert not list(catalog.check())
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    assert len(compiled.getvalue()) > 1000


def test_english_is_the_identity_and_supported_languages_are_the_schemas():
    assert SUPPORTED_LANGUAGES == ("en", "es")
    assert translator("en").ngettext("time", "times", 2) == "times"
    with pytest.raises(BackpdfError, match="unknown language 'fr'; backpdf prints en, es"):
        check_language("fr")


def test_unknown_language_is_a_clean_error(run, tmp_path):
    result = run("generate", "bird-dog", "--language", "fr", "-o", tmp_path / "h.pdf")
    assert result.exit_code == 2 and "'fr' is not one of 'en', 'es'" in result.stderr
    program = tmp_path / "p.yaml"
    program.write_text("exercises: [bird-dog]\nlanguage: fr\n")
    result = run("generate", "--program", program, "-o", tmp_path / "h.pdf")
    assert result.exit_code != 0 and "language" in result.stderr and "es" in result.stderr
    assert not (tmp_path / "h.pdf").exists()


def _clinic_library(tmp_path: Path) -> Path:
    from backpdf.resources import bundled_library

    path = tmp_path / "ours.yaml"
    shutil.copy(bundled_library(), path)
    return path


def test_a_library_without_the_language_is_an_error_naming_the_file(run, tmp_path):
    library = _clinic_library(tmp_path)
    result = run("generate", "bird-dog", "--library", library, "--language", "es", "-o", tmp_path / "h.pdf")
    assert result.exit_code != 0
    assert "no 'es' translation" in result.stderr and "ours.es.yaml" in result.stderr
    assert not (tmp_path / "h.pdf").exists()


def test_a_translation_missing_a_text_is_an_error_naming_what_is_missing(run, tmp_path):
    library = _clinic_library(tmp_path)
    data = yaml.safe_load(bundled_translation("es").read_text("utf-8"))
    data["exercises"]["bird-dog"]["steps"].pop()
    del data["exercises"]["chin-tuck"]["name"]
    del data["red_flags"]["urgent"]["items"]["risk-history"]
    data["exercises"]["no-such-exercise"] = {"name": "Nada"}
    (tmp_path / "ours.es.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    result = run("generate", "pelvic-tilt", "--library", library, "--language", "es", "-o", tmp_path / "h.pdf")
    assert result.exit_code != 0 and not (tmp_path / "h.pdf").exists()
    assert re.search(r"ours\.es\.yaml:\d+: .*\(and 3 more problem\(s\); run `backpdf validate`\)", result.stderr)
    result = run("validate", "--library", library)
    assert result.exit_code == 1
    for expected in ("exercise 'bird-dog' steps: 6 translated, the library has 7",
                     "exercise 'chin-tuck': no translation of name ('Chin tuck')",
                     "red flag: no translation of 'risk-history'",
                     "exercise 'no-such-exercise' is not in the library"):
        assert re.search(r"ours\.es\.yaml:\d+: .*" + re.escape(expected), result.stdout), expected


def test_validate_checks_the_bundled_spanish_and_measures_it(run):
    result = run("validate", "--json")
    assert result.exit_code == 0, result.stdout
    import json

    scores = [r["reading_ease"] for r in json.loads(result.stdout)["readability_in_spanish"]]
    assert len(scores) == 46
    assert sum(scores) / len(scores) >= 75 and min(scores) >= 60
    shown = run("validate").stdout
    assert "readability in Spanish: mean Fernández-Huerta" in shown
    assert re.search(r"bird-dog +Fernández-Huerta +\d+", shown)


def test_roster_rows_choose_their_language(run, tmp_path, clinic_file):
    roster = tmp_path / "day.csv"
    with roster.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["patient", "exercises", "language"])
        writer.writerows([["Ann", "bird-dog", "en"], ["Juana", "bird-dog", "es"], ["Bo", "bird-dog", ""],
                          ["Zed", "bird-dog", "fr"]])
    out = tmp_path / "out"
    result = run("batch", roster, "--out-dir", out, "--clinic", clinic_file, "--jobs", "1")
    assert result.exit_code == 1 and f"{roster}:5: language" in result.stderr
    texts = {n: pdf_text((out / f"day-row-{n}.pdf").read_bytes()) for n in (2, 3, 4)}
    assert "Your exercises" in texts[2] and "Sus ejercicios" not in texts[2]
    assert "Sus ejercicios" in texts[3] and "Your exercises" not in texts[3]
    assert "Your exercises" in texts[4]


def test_batch_language_titles_area_sheets(run, tmp_path, clinic_file):
    out = tmp_path / "out"
    result = run("batch", "--by-area", "--by-template", "--language", "es", "--out-dir", out,
                 "--clinic", clinic_file, "--jobs", "1")
    assert result.exit_code == 0, result.stderr
    assert "Ejercicios para el cuello" in pdf_text((out / "neck.pdf").read_bytes())
    assert "Plan para caminar" in pdf_text((out / "walking-plan.pdf").read_bytes())


def test_the_clinic_sets_the_usual_language_and_its_videos(library, clinic):
    spanish_clinic = replace(clinic, language="es", video_base_urls={"es": "https://clinic.example/es/"})
    handout, _ = resolve(Request(areas=("neck",)), library, spanish_clinic, TODAY)
    assert handout.language == "es" and handout.title == "Su programa de ejercicios en casa"
    assert all(e.video_url.startswith("https://clinic.example/es/") for e in handout.exercises)
    english, _ = resolve(Request(areas=("neck",), language="en"), library, spanish_clinic, TODAY)
    assert english.exercises[0].video_url.startswith(clinic.video_base_url)
    assert english.exercises[0].exercise.name == library.exercises[english.exercises[0].id].name


def test_template_notes_and_override_warning_are_spanish(library, clinic):
    handout, _ = resolve(Request(template="lower-back-starter", language="es"), library, clinic, TODAY)
    assert {e.note for e in handout.exercises if e.note} == {"Al principio, suba la cadera solo un poco."}
    spanish = in_language(library, "es")
    assert spanish is in_language(library, "es")  # built once
    ruled_out = next(e for e in library.exercises.values() if library.conditions["disc-herniation"].avoids(e))
    handout, _ = resolve(Request(entries=(ProgramEntry(ruled_out.id),), conditions=("disc-herniation",),
                                 overrides=(ruled_out.id,), language="es"), library, clinic, TODAY)
    assert handout.exercises[0].warnings[0].startswith("Su terapeuta eligió este ejercicio")
    assert "Hernia de disco con dolor en la pierna" in handout.exercises[0].warnings[0]


def test_a_label_a_clinic_rewrote_stays_as_written():
    layout = find_layout("standard")
    changed = replace(layout, labels=type(layout.labels)(tuple(
        (k, "Scan me, please" if k == "scan_to_watch" else v) for k, v in layout.labels.pairs)))
    spanish = changed.translated(translator("es"))
    assert spanish.labels["scan_to_watch"] == "Scan me, please"
    assert spanish.labels["exercises_heading"] == "Sus ejercicios"
    assert spanish.labels["weekdays"][0] == "Lun"


def test_list_show_templates_and_conditions_in_spanish(run):
    assert "Inclinación pélvica" in run("list", "--language", "es").stdout
    shown = run("show", "bird-dog", "--language", "es").stdout
    assert "Repita" in shown and "Bird dog" not in shown
    assert "Plan para caminar" in run("templates", "--language", "es").stdout
    assert "Hernia de disco" in run("conditions", "--language", "es").stdout
