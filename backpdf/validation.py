"""`backpdf validate`: check every file given and report all problems, not only the first.

Each file's kind (library, clinic profile, program, layout) is told from its top-level keys,
so staff can pass any mix of files without saying which is which.
"""

from __future__ import annotations

from pathlib import Path

from backpdf.clinic import clinic_problems, find_clinic_file
from backpdf.errors import BackpdfError, Problem
from backpdf.library import Library, library_problems, load_library
from backpdf.loading import Document, load_yaml
from backpdf.program import program_problems
from backpdf.resources import bundled_library
from backpdf.schemas import schema, schema_problems


def kind_of(doc: Document) -> str:
    """Which schema a file is meant for, judged by the keys only that kind has."""
    data = doc.data
    if not isinstance(data, dict):
        return "program"
    keys = set(data)
    for kind in ("library", "layout", "clinic"):
        own = set(schema(kind)["properties"]) - set(schema("program")["properties"])
        if keys & own and not keys - set(schema(kind)["properties"]) - own:
            return kind
    return "program"


def _problems_in(path: Path, library: Library | None, forced_kind: str | None = None) -> list[Problem]:
    try:
        doc = load_yaml(path)
    except BackpdfError as exc:
        return exc.problems
    kind = forced_kind or kind_of(doc)
    if kind == "library":
        return library_problems(doc)
    if kind == "clinic":
        return clinic_problems(doc)
    if kind == "layout":
        return schema_problems(doc, "layout")
    return program_problems(doc, library)


def validate_files(library_path, clinic_path, files) -> tuple[list[Problem], int]:
    """(problems, number of files checked) for the library, the clinic profile and `files`."""
    library_file = Path(library_path) if library_path else bundled_library()
    problems = _problems_in(library_file, None, "library")
    checked = 1
    library = None
    if not problems:
        library = load_library(library_file)
    clinic_file = find_clinic_file(clinic_path)
    if clinic_file is not None:
        problems += _problems_in(clinic_file, None, "clinic")
        checked += 1
    for name in files:
        problems += _problems_in(Path(name), library)
        checked += 1
    return problems, checked
