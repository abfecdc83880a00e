"""`backpdf validate`: check every file given and report all problems, not only the first.

Each file's kind (library, translation, clinic profile, program, layout) is told from its
top-level keys, so staff can pass any mix of files without saying which is which. The
library's translations beside it are checked too. The library's steps, and their Spanish,
are also measured for readability; those findings are warnings, not problems.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from backpdf.clinic_file import clinic_problems, find_clinic_file
from backpdf.errors import BackpdfError, Problem
from backpdf.i18n import SUPPORTED_LANGUAGES
from backpdf.layout_file import layout_problems
from backpdf.library_file import base_library, build_library, library_problems
from backpdf.library_translation import apply_translation, translation_file, translation_problems
from backpdf.loading import Document, load_yaml
from backpdf.model import Library
from backpdf.program_file import program_problems
from backpdf.readability import (
    GroupReadability,
    SpanishReadability,
    StepsReadability,
    groups_readability,
    library_readability,
    spanish_readability,
)
from backpdf.resources import bundled_library
from backpdf.schemas import schema, schema_problems


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    readability: list[StepsReadability] = field(default_factory=list)
    groups: list[GroupReadability] = field(default_factory=list)
    spanish: list[SpanishReadability] = field(default_factory=list)
    checked: int = 0

    def to_json(self) -> dict:
        """For `validate --json`: every problem and warning with its file and line."""
        def entry(p: Problem) -> dict:
            return {"file": p.file, "line": p.line, "object": p.obj, "message": p.message}

        return {"checked": self.checked, "problems": [entry(p) for p in self.problems],
                "warnings": [entry(p) for p in self.warnings],
                "readability": [vars(r) for r in self.readability],
                "readability_of_groups": [vars(g) for g in self.groups],
                "readability_in_spanish": [vars(s) for s in self.spanish]}


def kind_of(doc: Document) -> str:
    """Which schema a file is meant for, judged by the keys only that kind has."""
    data = doc.data
    if not isinstance(data, dict):
        return "program"
    keys = set(data)
    for kind in ("library", "translation", "layout", "clinic"):
        own = set(schema(kind)["properties"]) - set(schema("program")["properties"])
        if keys & own and not keys - set(schema(kind)["properties"]) - own:
            return kind
    return "program"


def _problems_in(doc: Document, library: Library | None, kind: str) -> list[Problem]:
    if kind == "library":
        return library_problems(doc, base_library(doc))
    if kind == "translation":
        return translation_problems(doc, library) if library else schema_problems(doc, "translation")
    if kind == "clinic":
        return clinic_problems(doc)
    if kind == "layout":
        return layout_problems(doc)
    return program_problems(doc, library)


def _check_file(path: Path, library: Library | None, report: Report, kind: str | None = None):
    """Add the file's problems to `report`; return its document when it could be read."""
    report.checked += 1
    try:
        doc = load_yaml(path)
    except BackpdfError as exc:
        report.problems += exc.problems
        return None
    kind = kind or kind_of(doc)
    found = _problems_in(doc, library, kind)
    if not found and kind == "layout":
        found = _extends_problems(path)
    report.problems += found
    return None if found else doc


def _extends_problems(path: Path) -> list[Problem]:
    """A layout file that is fine on its own can still extend a missing or broken one."""
    from backpdf.layout_file import load_layout_file

    try:
        load_layout_file(path)
    except BackpdfError as exc:
        return exc.problems
    return []


def _readability(doc: Document, library: Library, report: Report) -> None:
    report.readability = library_readability(library)
    report.groups = groups_readability(library)
    index = {exercise_id: i for i, exercise_id in enumerate(library.exercises)}
    for result in report.readability:
        path = ("exercises", index[result.exercise_id], "steps")
        for message in result.warnings():
            report.warnings.append(doc.problem(f"warning: {message}", path,
                                               f"exercise '{result.exercise_id}'"))


def _check_translations(library: Library, report: Report) -> None:
    """Check each translation beside the library; measure the Spanish one."""
    for language in SUPPORTED_LANGUAGES:
        path = translation_file(library.path, language)
        if language == library.language or not path.is_file():
            continue
        doc = _check_file(path, library, report, "translation")
        if doc is not None and language == "es":
            report.spanish = spanish_readability(apply_translation(doc.data, library, language))
            index = {line.exercise_id: line for line in report.spanish}
            for exercise_id, result in index.items():
                for message in result.warnings():
                    report.warnings.append(doc.problem(f"warning: {message}", ("exercises", exercise_id, "steps"),
                                                       f"exercise '{exercise_id}'"))


def validate_files(library_path, clinic_path, files) -> Report:
    """Check the library, the clinic profile and `files`; measure the library's wording."""
    report = Report()
    library_doc = _check_file(Path(library_path) if library_path else bundled_library(),
                              None, report, "library")
    library = build_library(library_doc, base_library(library_doc)) if library_doc else None
    if library is not None:
        _readability(library_doc, library, report)
        _check_translations(library, report)
    clinic_file = find_clinic_file(clinic_path)
    if clinic_file is not None:
        _check_file(clinic_file, None, report, "clinic")
    for name in files:
        _check_file(Path(name), library, report)
    return report
