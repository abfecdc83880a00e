"""From what staff asked for to a `Handout`: selection, doses, screening, video links.

A `Request` is what was asked (a program file, command-line options, or both merged);
`resolve` turns it into a `Handout` and a list of notices for stderr. This is where every
decision is made, and it does no I/O, so it is where most tests aim.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, replace

from backpdf.errors import BackpdfError
from backpdf.i18n import DEFAULT_LANGUAGE, Translator, check_language, translator
from backpdf.model import (
    Clinic,
    Condition,
    Dose,
    Exercise,
    Handout,
    HandoutExercise,
    Library,
    ProgramEntry,
)
from backpdf.schemas import schema
from backpdf.video_links import link_problem, video_url
from backpdf.wording import dose_cells, dose_short, program_summary


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
    pictures: bool = True                    # False: no pictures at all (--no-pictures)
    undated: bool = False                    # True: a line to write the date on, none printed
    language: str | None = None              # None: the clinic's, else English

    def overridden_by(self, other: Request) -> Request:
        """This request with everything `other` sets taken from `other` (command line wins).

        A selection given on the command line (ids, areas or a template) replaces the
        program's selection as a whole; conditions and overrides are added together, so a
        screening never silently disappears.
        """
        changes = {k: getattr(other, k) for k in
                   ("patient", "clinician", "note", "date", "layout", "paper", "title", "tracking_log", "language")
                   if getattr(other, k) is not None}
        if other.entries or other.areas or other.template:
            changes.update(entries=other.entries, areas=other.areas, template=other.template)
        changes["missing_images"] = other.missing_images
        changes["pictures"] = self.pictures and other.pictures
        changes["conditions"] = _union(self.conditions, other.conditions)
        changes["overrides"] = _union(self.overrides, other.overrides)
        return replace(self, **changes)


def _union(first: tuple, second: tuple) -> tuple:
    return tuple(dict.fromkeys(first + second))


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


def _override_warning(condition_names: list[str], tr: Translator) -> str:
    from babel.lists import format_list

    return tr.gettext("Your clinician chose this exercise for you even though it is usually avoided with "
                      "{conditions}. Follow their instructions closely.").format(
        conditions=format_list(condition_names, locale=tr.language))


def handout_language(request: Request, clinic: Clinic) -> str:
    """The request's language, else the clinic's usual one, else English."""
    return check_language(request.language or clinic.language or DEFAULT_LANGUAGE)


def resolve(request: Request, library: Library, clinic: Clinic,
            today: _dt.date) -> tuple[Handout, list[str]]:
    """Make every decision for one handout. Returns the handout and notices for stderr.

    The handout's language is decided first, and everything after reads the library in that
    language (the only file read here: its translation, once per language and library) and
    words doses from that language's catalog.
    """
    from backpdf.library_translation import in_language

    language = handout_language(request, clinic)
    library = in_language(library, language)
    tr = translator(language)
    _check_note_lengths(request)
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
        ruled_out = [c for c in conditions if c.avoids(exercise)]
        warnings: tuple[str, ...] = ()
        if ruled_out:
            names = [c.name for c in ruled_out]
            if exercise.id in request.overrides:
                warnings = (_override_warning(names, tr),)
            elif named:
                raise BackpdfError(f"exercise '{exercise.id}' is not advised with {' and '.join(names)}; "
                                   f"leave it out, or print it anyway with --override {exercise.id}")
            else:
                notices.append(f"left out '{exercise.id}' ({exercise.name}): not advised with "
                               + " and ".join(names))
                continue
        items.append(_handout_exercise(len(items) + 1, exercise, entry, conditions, warnings, clinic, tr))

    if not items:
        raise BackpdfError("every chosen exercise is ruled out by the screened conditions; "
                           "choose others, or use --override ID")
    handout = Handout(
        date=parse_date(request.date, today),
        clinic=clinic,
        red_flags=red_flags_for(library, items, conditions, clinic),
        guidance=library.guidance,
        exercises=tuple(items),
        patient=request.patient,
        clinician=request.clinician,
        note=request.note,
        precautions=tuple(c.precaution or tr.gettext("Tell your clinician about your {condition} before you "
                                                     "start.").format(condition=c.name.lower())
                          for c in conditions),
        title=request.title or tr.gettext("Your home exercise program"),
        language=language,
        why=library.template(request.template).why if request.template else None,
        summary=program_summary(tuple(item.dose for item in items), tr),
        dated=not request.undated,
    )
    return handout, notices


def _check_note_lengths(request: Request) -> None:
    """Notes come from the command line and roster cells too, not only checked files: the
    same limit as the program schema, so a pasted document cannot make a 100-page handout
    (or take minutes to set). The message never quotes the note."""
    limit = schema("program")["properties"]["note"]["maxLength"]
    notes = [("note", request.note)] + [(f"note of '{e.id}'", e.note) for e in request.entries]
    for what, note in notes:
        if note and len(note) > limit:
            raise BackpdfError(f"the {what} is {len(note):,} characters; the limit is {limit:,} (about half a page)")


def red_flags_for(library: Library, items: list[HandoutExercise], conditions: list[Condition],
                  clinic: Clinic) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each tier's title and the signs that apply to the areas of these exercises, as the
    screened conditions word them: a sign a condition makes expected (leg pain with a disc
    herniation) is reworded or dropped, so no patient is told to stop for the reason they
    came. The emergency number is the clinic's."""
    areas = {area for item in items for area in item.exercise.areas}
    reworded = {flag: text for c in conditions for flag, text in c.reword_red_flags.items()}
    dropped = {flag for c in conditions for flag in c.drop_red_flags}
    tiers = []
    for tier in library.red_flags:
        signs = tuple(reworded.get(flag.id, flag.text) for flag in tier.items
                      if flag.areas & areas and flag.id not in dropped)
        tiers.append((tier.title, signs))
    return tuple((_with_number(title, clinic), tuple(_with_number(s, clinic) for s in signs))
                 for title, signs in tiers if signs)


def _with_number(text: str, clinic: Clinic) -> str:
    return text.replace("{emergency_number}", clinic.emergency_number)


def _handout_exercise(number: int, exercise: Exercise, entry: ProgramEntry, conditions,
                      warnings: tuple[str, ...], clinic: Clinic, tr: Translator) -> HandoutExercise:
    dose: Dose = exercise.dose.merged(entry.dose)
    url = video_url(exercise.video, clinic.video_base_for(tr.language))
    why = link_problem(url)
    if why:
        raise BackpdfError(f"exercise '{exercise.id}': video link {url!r} cannot be printed: {why}")
    own = set(exercise.cautions)
    screening = tuple(dict.fromkeys(text for c in conditions for text in c.cautions_for(exercise)
                                    if text not in own))  # each sentence once
    return HandoutExercise(
        number=number, exercise=exercise, dose=dose,
        dose_cells=dose_cells(dose, tr), dose_short=dose_short(dose, tr),
        screening_cautions=screening,
        video_url=url, note=entry.note, warnings=warnings,
    )
