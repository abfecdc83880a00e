"""Program files (a saved prescription) and program-shaped data (a roster row): checked
against the program schema and the library, then turned into a `Request`; and the way back,
a `Request` written as a program file (`generate --save-program`)."""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import replace
from pathlib import Path

from backpdf.errors import BackpdfError, Problem
from backpdf.layout_file import looks_like_path
from backpdf.loading import Document, load_yaml
from backpdf.model import Library, ProgramEntry
from backpdf.output import write_new
from backpdf.program import Request
from backpdf.resources import schema_file
from backpdf.schemas import schema_problems
from backpdf.suggest import unknown


def lowercase_ids(data):
    """Program-shaped data with its ids and fixed words in lower case: staff type 'Bird-Dog'
    or 'A4', and the library's ids are all lowercase. Values of the wrong type are left as
    they are, for the schema to name."""
    if not isinstance(data, dict):
        return data

    def lower(value):
        return value.lower() if isinstance(value, str) else value

    def lower_entry(entry):
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            return {**entry, "id": entry["id"].lower()}
        return lower(entry)

    data = {key: lower(value) if key in ("template", "paper") else value for key, value in data.items()}
    for key in ("conditions", "overrides", "areas", "exercises"):
        if isinstance(data.get(key), list):
            data[key] = [lower_entry(item) for item in data[key]]
    return data


def program_problems(doc: Document, library: Library | None = None) -> list[Problem]:
    """Schema problems, then (with a library) unknown exercise, template and condition ids."""
    doc = replace(doc, data=lowercase_ids(doc.data))
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
    data = lowercase_ids(data)
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
        areas=tuple(data.get("areas", [])), tracking_log=data.get("tracking_log"),
    )


SAVED_HEADER = """\
# yaml-language-server: $schema={schema}
#
# A program saved by `backpdf generate --save-program`. Make the same handout again with
#   backpdf generate --program {name}
# The date is the one printed; change it, or delete the line to print the day's date.
"""


def write_program_file(path: str | Path, request: Request, date: _dt.date) -> Path:
    """Write `request` as a program file that `generate --program` turns into the same
    handout, byte for byte (`date` is the date that was printed). Never overwrites."""
    import yaml  # only here: a fresh `generate` otherwise reads no YAML when its files are kept

    path = Path(path)
    header = SAVED_HEADER.format(schema=schema_file("program").as_uri(), name=path.name)
    body = yaml.safe_dump(program_data(request, date, path.parent), sort_keys=False, allow_unicode=True,
                          default_flow_style=None, width=100)
    return write_new(path, (header + body).encode("utf-8"))


def program_data(request: Request, date: _dt.date, folder: Path) -> dict:
    """The request as program-file keys, leaving out what was not given. A layout file's
    path is written relative to `folder`, where the program file goes (as it is read)."""
    layout = request.layout
    if layout and looks_like_path(layout):
        try:
            layout = os.path.relpath(Path(layout).resolve(), folder.resolve())
        except ValueError:  # on another drive (Windows): only the full path leads there
            layout = str(Path(layout).resolve())
    data = {
        "patient": request.patient, "clinician": request.clinician, "date": date.isoformat(),
        "note": request.note, "template": request.template, "areas": list(request.areas),
        "exercises": [_entry_data(entry) for entry in request.entries],
        "conditions": list(request.conditions), "overrides": list(request.overrides),
        "layout": layout, "paper": request.paper, "tracking_log": request.tracking_log,
    }
    return {key: value for key, value in data.items() if value not in (None, [])}


def _entry_data(entry: ProgramEntry) -> str | dict:
    """An id alone, or with the dose and note a program gave it."""
    dose = entry.dose.to_json()
    if not dose and entry.note is None:
        return entry.id
    return {"id": entry.id, **({"dose": dose} if dose else {}), **({"note": entry.note} if entry.note else {})}
