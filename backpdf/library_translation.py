"""A library in another language: its translation file, checked, applied to the library.

A translation is data beside the library it translates, keyed by id: a clinic library
`X.yaml` has its Spanish in `X.es.yaml` beside it; the bundled library's are in
`backpdf/translations/`. A translation must hold every printed text of the library —
names, steps, tips, cautions, red flags, guidance, conditions, templates — in the same
number and order, because a handout that is half English is worse than none: a patient may
not notice which half. So any gap is an error naming what is missing, never a fallback.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from backpdf import resources
from backpdf.errors import BackpdfError, Problem
from backpdf.i18n import DEFAULT_LANGUAGE, check_language
from backpdf.library_file import RED_FLAG_TIERS
from backpdf.loading import Document, load_yaml
from backpdf.model import Condition, Library, ProgramEntry, RedFlag, RedFlagTier, Template
from backpdf.schemas import schema_problems

_CACHE_SIZE = 8  # (library, language) pairs kept: a run uses one library in a few languages
_cache: dict[tuple[int, str], tuple[Library, Library]] = {}


def translation_file(library_path: Path, language: str) -> Path:
    """Where the translation of the library at `library_path` into `language` lives."""
    if library_path.resolve() == resources.bundled_library().resolve():
        return resources.bundled_translation(language)
    return library_path.with_name(f"{library_path.stem}.{language}{library_path.suffix}")


def in_language(library: Library, language: str) -> Library:
    """The library with every printed text in `language`; built once per library and language."""
    check_language(language)
    if language == library.language:
        return library
    if library.language != DEFAULT_LANGUAGE:
        raise BackpdfError(f"cannot translate a library that is already in '{library.language}'")
    found = _cache.get((id(library), language))
    if found and found[0] is library:
        return found[1]
    path = translation_file(library.path, language)
    if not path.is_file():
        raise BackpdfError(f"the library has no '{language}' translation: {path} is missing; copy the "
                           "bundled backpdf/translations/exercises.es.yaml as a model and translate every text "
                           "(README: Languages)", library.path)
    doc = load_yaml(path, keep=True)
    problems = translation_problems(doc, library, language)
    if problems:
        raise BackpdfError.from_problems(problems)
    translated = apply_translation(doc.data, library, language)
    while len(_cache) >= _CACHE_SIZE:
        del _cache[next(iter(_cache))]
    _cache[(id(library), language)] = (library, translated)
    return translated


def translation_problems(doc: Document, library: Library, language: str | None = None) -> list[Problem]:
    """Everything wrong with a translation of `library`: schema, its language, ids the
    library lacks, and every text of the library it leaves out or counts differently."""
    problems = schema_problems(doc, "translation")
    if problems:
        return problems
    data = doc.data
    if language and data["language"] != language:
        problems.append(doc.problem(f"language: this file is for '{data['language']}', "
                                    f"but its name says '{language}'", ("language",)))
    for message, path in _gaps(data, library):
        problems.append(doc.problem(message, path))
    return problems


def _gaps(data: dict, library: Library) -> Iterator[tuple[str, tuple]]:
    """(message, where) for each difference between the translation and the library."""
    tiers = data.get("red_flags", {})
    for key, tier in zip(RED_FLAG_TIERS, library.red_flags):
        yield from _mapping_gaps(tiers.get(key), {"title": tier.title}, ("red_flags", key), f"red_flags.{key}")
        items = (tiers.get(key) or {}).get("items")
        yield from _keyed_gaps(items, {flag.id: flag.text for flag in tier.items},
                               ("red_flags", key, "items"), "red flag")
    yield from _list_gaps(data.get("guidance"), library.guidance, ("guidance",), "guidance")
    translated = data.get("conditions") or {}
    yield from _unknown_ids(translated, library.conditions, ("conditions",), "condition")
    for condition in library.conditions.values():
        where = ("conditions", condition.id)
        entry = translated.get(condition.id)
        yield from _mapping_gaps(entry, _condition_texts(condition), where, f"condition '{condition.id}'")
        for key in ("caution_moves", "reword_red_flags"):
            yield from _keyed_gaps((entry or {}).get(key), getattr(condition, key), (*where, key),
                                   f"condition '{condition.id}' {key}")
    translated = data.get("exercises") or {}
    yield from _unknown_ids(translated, library.exercises, ("exercises",), "exercise")
    for exercise in library.exercises.values():
        where = ("exercises", exercise.id)
        entry = translated.get(exercise.id)
        label = f"exercise '{exercise.id}'"
        yield from _mapping_gaps(entry, {"name": exercise.name, "purpose": exercise.purpose}, where, label)
        for key in ("steps", "tips", "cautions"):
            yield from _list_gaps((entry or {}).get(key), getattr(exercise, key), (*where, key), f"{label} {key}")
        yield from _keyed_gaps((entry or {}).get("caution_if"), exercise.caution_if, (*where, "caution_if"),
                               f"{label} caution_if")
    translated = data.get("templates") or {}
    yield from _unknown_ids(translated, library.templates, ("templates",), "template")
    for template in library.templates.values():
        where = ("templates", template.id)
        entry = translated.get(template.id)
        label = f"template '{template.id}'"
        yield from _mapping_gaps(entry, {"name": template.name, "description": template.description,
                                         "why": template.why}, where, label)
        yield from _keyed_gaps((entry or {}).get("notes"), {e.id: e.note for e in template.entries if e.note},
                               (*where, "notes"), f"{label} notes")


def _condition_texts(condition: Condition) -> dict:
    return {"name": condition.name, "precaution": condition.precaution}


def _mapping_gaps(entry: dict | None, english: dict, where: tuple, label: str) -> Iterator[tuple[str, tuple]]:
    """Texts the library has (not None or empty) that the translated entry lacks."""
    needed = [key for key, text in english.items() if text]
    if entry is None and needed:
        yield f"{label} is not translated", where
        return
    for key in needed:
        if not (entry or {}).get(key):
            yield f"{label}: no translation of {key} ({english[key]!r})", where


def _keyed_gaps(entry: dict | None, english: dict, where: tuple, label: str) -> Iterator[tuple[str, tuple]]:
    entry = entry or {}
    for key in english:
        if key not in entry:
            yield f"{label}: no translation of '{key}' ({english[key]!r})", where
    for key in entry:
        if key not in english:
            yield f"{label}: '{key}' is not in the library", (*where, key)


def _list_gaps(entry: list | None, english: tuple, where: tuple, label: str) -> Iterator[tuple[str, tuple]]:
    count = len(entry or ())
    if count != len(english):
        yield f"{label}: {count} translated, the library has {len(english)}; translate each one, in order", where


def _unknown_ids(entry: dict, known: dict, where: tuple, what: str) -> Iterator[tuple[str, tuple]]:
    for ident in entry:
        if ident not in known:
            yield f"{what} '{ident}' is not in the library", (*where, ident)


def apply_translation(data: dict, library: Library, language: str) -> Library:
    """The library with the translation's texts, from a translation with no problems."""
    tiers = tuple(
        RedFlagTier(data["red_flags"][key]["title"],
                    tuple(RedFlag(flag.id, flag.areas, data["red_flags"][key]["items"][flag.id])
                          for flag in tier.items))
        for key, tier in zip(RED_FLAG_TIERS, library.red_flags))
    conditions = {cid: replace(c, name=t["name"], precaution=t.get("precaution") if c.precaution else None,
                               caution_moves=dict(t.get("caution_moves", {})),
                               reword_red_flags=dict(t.get("reword_red_flags", {})))
                  for cid, c in library.conditions.items() for t in [data["conditions"][cid]]}
    exercises = {eid: replace(e, name=t["name"], purpose=t.get("purpose") if e.purpose else None,
                              steps=tuple(t["steps"]), tips=tuple(t.get("tips", ())),
                              cautions=tuple(t.get("cautions", ())), caution_if=dict(t.get("caution_if", {})))
                 for eid, e in library.exercises.items() for t in [data["exercises"][eid]]}
    templates = {tid: _template(tpl, (data.get("templates") or {}).get(tid, {}))
                 for tid, tpl in library.templates.items()}
    return replace(library, red_flags=tiers, guidance=tuple(data.get("guidance", ())), conditions=conditions,
                   exercises=exercises, templates=templates, language=language)


def _template(template: Template, text: dict) -> Template:
    notes = text.get("notes", {})
    return Template(template.id, text.get("name", template.name), text.get("description", ""),
                    text.get("why") if template.why else None,
                    tuple(ProgramEntry(e.id, e.dose, notes[e.id] if e.note else None) for e in template.entries))
