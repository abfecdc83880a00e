"""Program files (a saved prescription) and program-shaped data (a roster row): checked
against the program schema and the library, then turned into a `Request`."""

from __future__ import annotations

from pathlib import Path

from backpdf.errors import BackpdfError, Problem
from backpdf.layout_file import looks_like_path
from backpdf.loading import Document, load_yaml
from backpdf.model import Library, ProgramEntry
from backpdf.program import Request
from backpdf.schemas import schema_problems
from backpdf.suggest import unknown


def program_problems(doc: Document, library: Library | None = None) -> list[Problem]:
    """Schema problems, then (with a library) unknown exercise, template and condition ids."""
    problems = schema_problems(doc, "program")
    if problems or library is None:
        return problems
    data = doc.data
    for i, entry in enumerate(data.get("exercises", [])):
        eid = entry if isinstance(entry, str) else entry["id"]
        if eid not in library.exercises:
            problems.append(doc.problem(unknown("exercise", eid, library.exercises, "see `backpdf list`"),
                                        ("exercises", i)))
    for key, known, what, hint in (("conditions", library.conditions, "condition", "see `backpdf conditions`"),
                                   ("overrides", library.exercises, "exercise", "see `backpdf list`")):
        for i, ident in enumerate(data.get(key, [])):
            if ident not in known:
                problems.append(doc.problem(f"{key}: " + unknown(what, ident, known, hint), (key, i)))
    if "template" in data and data["template"] not in library.templates:
        problems.append(doc.problem(unknown("template", data["template"], library.templates,
                                            "see `backpdf templates`"), ("template",)))
    return problems


def load_program(path: str | Path, library: Library) -> Request:
    """Read and check a program file; relative layout paths are taken from its folder."""
    doc = load_yaml(path)
    problems = program_problems(doc, library)
    if problems:
        raise BackpdfError.from_problems(problems)
    return request_from_data(doc.data, doc.path.parent)


def request_from_data(data: dict, folder: Path) -> Request:
    """A `Request` from checked program-shaped data: a program file's, or a roster row's.

    A layout given as a path is relative to `folder` (the file it was written in).
    """
    layout = data.get("layout")
    if layout and looks_like_path(layout):
        layout = str(folder / layout)
    return Request(
        entries=tuple(ProgramEntry.from_data(e) for e in data.get("exercises", [])),
        template=data.get("template"),
        conditions=tuple(data.get("conditions", [])),
        overrides=tuple(data.get("overrides", [])),
        patient=data.get("patient"), clinician=data.get("clinician"), note=data.get("note"),
        date=data.get("date"), layout=layout, paper=data.get("paper"), language=data.get("language"),
    )
