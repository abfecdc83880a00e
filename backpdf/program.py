"""From what staff asked for to a `Handout`: selection, doses, screening, video links.

A `Request` is what was asked (a program file, command-line options, or both merged); 
`resolve` turns it into a `Handout` and a list of notices for stderr. This is where every
decision is made, and it does no I/O, so it is where most tests aim.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, replace
from pathlib import Path

from backpdf.clinic import ClinicProfile
from backpdf.errors import BackpdfError, Problem
from backpdf.handout import GENERIC_TITLE, Handout, HandoutExercise
from backpdf.layout import looks_like_path
from backpdf.library import Dose, Exercise, Library, ProgramEntry, unknown
from backpdf.links import link_problem, video_url
from backpdf.loading import Document, load_yaml
from backpdf.schemas import schema_problems
from backpdf.wording import dose_sentences, dose_short


@dataclass(frozen=True)
class Request:
    """What one handout should contain, before any decision is made."""

    entries: tuple[ProgramEntry, ...] = ()   # named explicitly (ids on the command line or in a program)
    areas: tuple[str, ...] = ()
    template: str | None = None
    conditions: tuple[str, ...] = ()
    overrides: tuple[str, ...] = ()
    patient: str | None = None
    clinician: str | None = None
    note: str | None = None
    date: str | None = None
    layout: str | None = None
    paper: str | None = None
    title: str | None = None                 # None: the handout's usual title
    tracking_log: bool | None = None         # None: as the layout says
    missing_images: str = "error"            # or "skip": print the exercise without its picture

    def overridden_by(self, other: "Request") -> "Request":
        """This request with everything `other` sets taken from `other` (command line wins).

        A selection given on the command line (ids, areas or a template) replaces the
        program's selection as a whole; conditions and overrides are added together, so a
        screening never silently disappears.
        """
        changes = {k: getattr(other, k) for k in
                   ("patient", "clinician", "note", "date", "layout", "paper", "title", "tracking_log")
                   if getattr(other, k) is not None}
        if other.entries or other.areas or other.template:
            changes.update(entries=other.entries, areas=other.areas, template=other.template)
        changes["missing_images"] = other.missing_images
        changes["conditions"] = _union(self.conditions, other.conditions)
        changes["overrides"] = _union(self.overrides, other.overrides)
        return replace(self, **changes)


def _union(first: tuple, second: tuple) -> tuple:
    return tuple(dict.fromkeys(first + second))


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
        date=data.get("date"), layout=layout, paper=data.get("paper"),
    )


def parse_date(text: str | None, today: _dt.date) -> _dt.date:
    if text is None:
        return today
    try:
        return _dt.date.fromisoformat(text)
    except ValueError:
        raise BackpdfError(f"date must be a real date written YYYY-MM-DD (got {text!r})") from None


def _selection(request: Request, library: Library) -> list[tuple[ProgramEntry, bool]]:
    """(entry, named explicitly?) in print order: template, named exercises, then areas.

    A named entry with the same id as a template entry replaces it in place (the program
    adjusts the template's dose or note); nothing is listed twice.
    """
    chosen: dict[str, tuple[ProgramEntry, bool]] = {}
    if request.template:
        for entry in library.template(request.template).entries:
            chosen[entry.id] = (entry, False)
    for entry in request.entries:
        library.exercise(entry.id)  # unknown ids fail here, with did-you-mean
        if entry.id in chosen:
            base = chosen[entry.id][0]
            entry = ProgramEntry(entry.id, base.dose.merged(entry.dose), entry.note or base.note)
        chosen[entry.id] = (entry, True)
    for exercise in library.exercises.values():
        if set(exercise.areas) & set(request.areas):
            chosen.setdefault(exercise.id, (ProgramEntry(exercise.id), False))
    return list(chosen.values())


def _override_warning(condition_names: list[str]) -> str:
    return ("Your clinician chose this exercise for you even though it is usually avoided with "
            + " and ".join(condition_names) + ". Follow their instructions closely.")


def resolve(request: Request, library: Library, clinic: ClinicProfile,
            today: _dt.date) -> tuple[Handout, list[str]]:
    """Make every decision for one handout. Returns the handout and notices for stderr."""
    conditions = [library.condition(c) for c in request.conditions]
    for ident in request.overrides:
        library.exercise(ident)
    selection = _selection(request, library)
    if not selection:
        raise BackpdfError("no exercises chosen: give exercise ids, --area, --template or --program")

    notices: list[str] = []
    items: list[HandoutExercise] = []
    for entry, named in selection:
        exercise = library.exercises[entry.id]
        ruled_out = [c for c in conditions if c.id in exercise.avoid_if]
        warnings: tuple[str, ...] = ()
        if ruled_out:
            names = [c.name for c in ruled_out]
            if exercise.id in request.overrides:
                warnings = (_override_warning(names),)
            elif named:
                raise BackpdfError(f"exercise '{exercise.id}' is not advised with {' and '.join(names)}; "
                                   f"leave it out, or print it anyway with --override {exercise.id}")
            else:
                notices.append(f"left out '{exercise.id}' ({exercise.name}): not advised with "
                               + " and ".join(names))
                continue
        items.append(_handout_exercise(len(items) + 1, exercise, entry, conditions, warnings, clinic))

    if not items:
        raise BackpdfError("every chosen exercise is ruled out by the screened conditions; "
                           "choose others, or use --override ID")
    handout = Handout(
        date=parse_date(request.date, today),
        clinic=clinic,
        red_flags_title=library.red_flags_title,
        red_flags=library.red_flags,
        guidance=library.guidance,
        exercises=tuple(items),
        patient=request.patient,
        clinician=request.clinician,
        note=request.note,
        precautions=tuple(c.precaution or f"Tell your clinician about your {c.name.lower()} "
                          "before you start." for c in conditions),
        title=request.title or GENERIC_TITLE,
    )
    return handout, notices


def _handout_exercise(number: int, exercise: Exercise, entry: ProgramEntry, conditions,
                      warnings: tuple[str, ...], clinic: ClinicProfile) -> HandoutExercise:
    dose: Dose = exercise.dose.merged(entry.dose)
    url = video_url(exercise.video, clinic.video_base_url)
    why = link_problem(url)
    if why:
        raise BackpdfError(f"exercise '{exercise.id}': video link {url!r} cannot be printed: {why}")
    extra_cautions = tuple(exercise.caution_if[c.id] for c in conditions if c.id in exercise.caution_if)
    return HandoutExercise(
        number=number, id=exercise.id, name=exercise.name, kind=exercise.kind,
        steps=exercise.steps, dose=dose,
        dose_sentences=tuple(dose_sentences(dose)), dose_short=dose_short(dose),
        tips=exercise.tips, cautions=exercise.cautions + extra_cautions,
        video_url=url, note=entry.note, warnings=warnings, image=exercise.image,
    )
