"""The model: what a library, a clinic and a handout are, as plain frozen dataclasses.

Nothing here reads a file, parses YAML, validates a schema or draws: loaders
(`library_file`, `clinic_file`, `layout_file`, `program_file`) build these objects, `program`
makes the decisions that turn them into a `Handout`, and `render` reads it. Importing the
model (or the renderer, which reads it) therefore never loads YAML or jsonschema.

An exercise's fields are declared once, below, each with what the rest of the program needs
to know about it (`field_info`): how to build it from checked library data, the label `show`
and JSON use, and whether it is printed text that the font check must see. Adding a field to
the library means adding it to the schema, the data, this class and the renderer that prints
it; nothing else copies field lists.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from backpdf.errors import BackpdfError
from backpdf.suggest import unknown


@dataclass(frozen=True)
class Dose:
    """How much of an exercise to do. Every field is optional."""

    reps: int | None = None
    sets: int | None = None
    hold_seconds: int | None = None
    minutes: int | None = None
    sides: str | None = None
    times_per_day: int | None = None
    days_per_week: int | None = None

    @classmethod
    def from_dict(cls, data: dict | None) -> Dose:
        return cls(**(data or {}))

    def to_json(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) is not None}

    def merged(self, override: Dose) -> Dose:
        """This dose with every key that `override` sets replaced (library <- program)."""
        return replace(self, **override.to_json())


@dataclass(frozen=True)
class FieldInfo:
    """What the program needs to know about one exercise field, declared beside it.

    `build` turns checked library data into the field's value (it gets the library file's
    folder, for paths); `label` names it in `backpdf show`; `printed` marks patient-facing
    text, which the font check reads before anything is drawn.
    """

    label: str
    build: Callable[[Any, Path], Any] = lambda value, folder: value
    printed: bool = False


def _info(label: str, build: Callable[[Any, Path], Any] | None = None, printed: bool = False) -> dict:
    return {"info": FieldInfo(label, build or (lambda value, folder: value), printed)}


def _texts(value, folder) -> tuple[str, ...]:
    return tuple(value)


def _path(value, folder: Path) -> Path:
    return folder / value



@dataclass(frozen=True, kw_only=True)
class Exercise:
    id: str = field(metadata=_info("Id"))
    name: str = field(metadata=_info("Name", printed=True))
    purpose: str | None = field(default=None, metadata=_info("Why", printed=True))
    areas: tuple[str, ...] = field(metadata=_info("Areas", _texts))
    kind: str = field(metadata=_info("Kind"))
    moves: tuple[str, ...] = field(default=(), metadata=_info("Moves", _texts))
    steps: tuple[str, ...] = field(metadata=_info("Steps", _texts, printed=True))
    dose: Dose = field(default=Dose(), metadata=_info("How much", lambda v, f: Dose.from_dict(v)))
    tips: tuple[str, ...] = field(default=(), metadata=_info("Tips", _texts, printed=True))
    cautions: tuple[str, ...] = field(default=(), metadata=_info("Be careful", _texts, printed=True))
    avoid_if: tuple[str, ...] = field(default=(), metadata=_info("Avoid with", _texts))
    caution_if: dict[str, str] = field(default_factory=dict, metadata=_info("Caution with", lambda v, f: dict(v)))
    video: str = field(metadata=_info("Video"))
    image: Path | None = field(default=None, metadata=_info("Image", _path))
    picture: dict | None = field(default=None, metadata=_info("Picture"))  # pose data, see figures

    @classmethod
    def from_data(cls, data: dict, folder: Path) -> Exercise:
        """An exercise from one checked library entry; paths are relative to `folder`."""
        return cls(**{f.name: field_info(f).build(data[f.name], folder)
                      for f in fields(cls) if f.name in data})

    def to_json(self) -> dict:
        """Every field that is set, as JSON-ready data (for `list --json` and `show --json`)."""
        return {f.name: _jsonable(getattr(self, f.name)) for f in fields(self)
                if getattr(self, f.name) not in (None, (), {})}

    def printed_texts(self) -> Iterator[tuple[str, str]]:
        """(field, text) for every patient-facing text of the exercise."""
        for f in fields(self):
            if not field_info(f).printed:
                continue
            value = getattr(self, f.name)
            if isinstance(value, tuple):
                yield from ((f"{f.name} #{i}", item) for i, item in enumerate(value, 1))
            elif value:
                yield f.name, value


def field_info(f) -> FieldInfo:
    return f.metadata["info"]


def exercise_fields() -> tuple:
    """The declared fields of an exercise, in library order (for `show`)."""
    return fields(Exercise)


def _jsonable(value: Any) -> Any:
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, Dose):
        return value.to_json()
    return value


@dataclass(frozen=True)
class Condition:
    """Something a patient can be screened for. It leaves out exercises by their movement
    tags (`avoid_moves`) or by name (an exercise's `avoid_if`), adds cautions by tag, and
    rewords or drops red flags that its own definition makes expected."""

    id: str
    name: str
    precaution: str | None = None
    avoid_moves: frozenset[str] = frozenset()
    caution_moves: dict[str, str] = field(default_factory=dict)
    reword_red_flags: dict[str, str] = field(default_factory=dict)
    drop_red_flags: frozenset[str] = frozenset()

    @classmethod
    def from_data(cls, data: dict) -> Condition:
        return cls(id=data["id"], name=data["name"], precaution=data.get("precaution"),
                   avoid_moves=frozenset(data.get("avoid_moves", ())),
                   caution_moves=dict(data.get("caution_moves", {})),
                   reword_red_flags=dict(data.get("reword_red_flags", {})),
                   drop_red_flags=frozenset(data.get("drop_red_flags", ())))

    def avoids(self, exercise: Exercise) -> bool:
        return self.id in exercise.avoid_if or bool(self.avoid_moves & set(exercise.moves))

    def cautions_for(self, exercise: Exercise) -> tuple[str, ...]:
        """What to print on `exercise` for this condition: by tag, then by name."""
        found = [text for tag, text in self.caution_moves.items() if tag in exercise.moves]
        if self.id in exercise.caution_if:
            found.append(exercise.caution_if[self.id])
        return tuple(found)


@dataclass(frozen=True)
class RedFlag:
    id: str
    areas: frozenset[str]
    text: str


@dataclass(frozen=True)
class RedFlagTier:
    """One tier of the red-flag box: "Go to the emergency department ... if" or "Stop
    these exercises and call us within a day if", and its signs."""

    title: str
    items: tuple[RedFlag, ...]

    @classmethod
    def from_data(cls, data: dict, all_areas: tuple[str, ...]) -> RedFlagTier:
        """A tier from library data; a plain text item (the one-tier shape of backpdf 0.1)
        applies to every area."""
        return cls(data["title"], tuple(
            RedFlag(f"item-{n}", frozenset(all_areas), item) if isinstance(item, str)
            else RedFlag(item["id"], frozenset(item["areas"]), item["text"])
            for n, item in enumerate(data["items"], 1)))


@dataclass(frozen=True)
class ProgramEntry:
    """One line of a program or template: an exercise id with optional dose and note."""

    id: str
    dose: Dose = Dose()
    note: str | None = None

    @classmethod
    def from_data(cls, data: str | dict) -> ProgramEntry:
        if isinstance(data, str):
            return cls(id=data)
        return cls(id=data["id"], dose=Dose.from_dict(data.get("dose")), note=data.get("note"))


@dataclass(frozen=True)
class Template:
    id: str
    name: str
    description: str
    why: str | None                 # the main message, printed on page 1
    entries: tuple[ProgramEntry, ...]


@dataclass(frozen=True)
class AreaSheet:
    """What `batch --by-area` prints for an area: a short selection, not the catalogue (its
    title comes from the message catalogs, so it is printed in the sheet's language)."""

    exercises: tuple[str, ...]


@dataclass(frozen=True)
class Library:
    path: Path
    red_flags: tuple[RedFlagTier, ...]   # most urgent first
    guidance: tuple[str, ...]
    conditions: dict[str, Condition]
    exercises: dict[str, Exercise]
    templates: dict[str, Template]
    area_sheets: dict[str, AreaSheet] = field(default_factory=dict)
    language: str = "en"                 # of its printed text; see `library_translation`

    def exercise(self, exercise_id: str) -> Exercise:
        """The exercise with this id, or an error with did-you-mean suggestions."""
        try:
            return self.exercises[exercise_id]
        except KeyError:
            raise BackpdfError(unknown("exercise", exercise_id, self.exercises,
                                       "see `backpdf list`")) from None

    def in_area(self, area: str) -> list[Exercise]:
        """Every exercise that serves `area`, in library order."""
        return [e for e in self.exercises.values() if area in e.areas]

    def template(self, template_id: str) -> Template:
        try:
            return self.templates[template_id]
        except KeyError:
            raise BackpdfError(unknown("template", template_id, self.templates,
                                       "see `backpdf templates`")) from None

    def condition(self, condition_id: str) -> Condition:
        try:
            return self.conditions[condition_id]
        except KeyError:
            raise BackpdfError(unknown("condition", condition_id, self.conditions,
                                       "see `backpdf conditions`")) from None


@dataclass(frozen=True, eq=False)
class Picture:
    """A checked picture, ready to draw: its natural size in points, a digest that names its
    single stored copy in the PDF, and what to draw — the image bytes (PNG or JPEG, already
    read and checked), a vector drawing (a reportlab Drawing, built while loading), or that
    drawing already turned into PDF content-stream operators (plain text, as kept on disk
    between runs, so that a fresh process need not build the drawing at all)."""

    width: float
    height: float
    key: str
    data: bytes | None = None
    drawing: Any = None
    operators: str | None = None


# Until a clinic sets video_base_url, QR codes point here (a reserved, never-resolving
# name) and the CLI warns, so nobody hands out codes that lead nowhere by accident.
PLACEHOLDER_VIDEO_BASE = "https://example.invalid/video/"


@dataclass(frozen=True)
class Clinic:
    """Who the handout is from and where its QR codes point. `source` is the profile file
    (relative layout paths in it are taken from its folder); `logo` is already checked."""

    name: str | None = None
    address: str | None = None
    phone: str | None = None
    website: str | None = None
    logo: Picture | None = None
    video_base_url: str = PLACEHOLDER_VIDEO_BASE
    emergency_number: str = "911"
    layout: str | None = None
    paper: str | None = None
    language: str | None = None     # the clinic's usual handout language (None: English)
    # Videos in another language, by language: {es: https://...}; others use video_base_url.
    video_base_urls: dict[str, str] = field(default_factory=dict, hash=False)
    source: Path | None = None

    @property
    def has_placeholder_videos(self) -> bool:
        return self.video_base_url == PLACEHOLDER_VIDEO_BASE

    def video_base_for(self, language: str) -> str:
        """Where the QR codes of a handout in `language` point."""
        return self.video_base_urls.get(language, self.video_base_url)

    def printed_texts(self) -> Iterator[tuple[str, str]]:
        for name in ("name", "address", "phone", "website"):  # the emergency number is in the red flags
            value = getattr(self, name)
            if value:
                yield f"clinic {name}", value


@dataclass(frozen=True)
class DoseCell:
    """One number of a dose with its words: ("hold", 5, "seconds") reads "hold 5 seconds"."""

    before: str
    number: int
    after: str

    @property
    def words(self) -> str:
        return " ".join(part for part in (self.before, str(self.number), self.after) if part)


@dataclass(frozen=True)
class HandoutExercise:
    """One exercise as this patient gets it: the library's exercise, with the decisions
    made for this handout (number, dose, link, extra cautions, note, picture)."""

    number: int
    exercise: Exercise
    dose: Dose
    dose_cells: tuple[DoseCell, ...]
    dose_short: str                      # the same words in one line, for the checklist
    screening_cautions: tuple[str, ...]  # printed after the exercise's own cautions
    video_url: str
    note: str | None = None
    warnings: tuple[str, ...] = ()
    picture: Picture | None = None
    thumbnail: Picture | None = None   # for a table row (the checklist), drawn at that size

    @property
    def id(self) -> str:
        return self.exercise.id

    @property
    def cautions(self) -> tuple[str, ...]:
        return self.exercise.cautions + self.screening_cautions

    def printed_texts(self) -> Iterator[tuple[str, str]]:
        label = f"exercise '{self.exercise.id}'"
        for name, value in self.exercise.printed_texts():
            yield f"{label} {name}", value
        for i, cell in enumerate(self.dose_cells, 1):
            yield f"{label} dose #{i}", cell.words
        for group in ("screening_cautions", "warnings"):
            for i, value in enumerate(getattr(self, group), 1):
                yield f"{label} {group.replace('_', ' ')} #{i}", value
        if self.note:
            yield f"{label} note", self.note


@dataclass(frozen=True)
class Handout:
    """Everything one printed handout says, decided and frozen: render only lays it out."""

    date: _dt.date
    clinic: Clinic
    red_flags: tuple[tuple[str, tuple[str, ...]], ...]   # (title, signs) per tier, most urgent first
    guidance: tuple[str, ...]
    exercises: tuple[HandoutExercise, ...]
    patient: str | None = None
    clinician: str | None = None
    note: str | None = None
    precautions: tuple[str, ...] = ()
    title: str = "Your home exercise program"
    language: str = "en"            # every word printed is in this language (decided in `resolve`)
    why: str | None = None          # the main message: why these exercises
    dated: bool = True              # False: a blank line for the date (a sheet handed out later)
    summary: str | None = None      # "Do these 5 exercises once a day. It takes about 15 minutes."

    def texts(self) -> Iterator[tuple[str, str]]:
        """(field, text) for every piece of text the handout prints, for checks and tests."""
        for name in ("title", "patient", "clinician", "note", "why", "summary"):
            value = getattr(self, name)
            if value:
                yield name, value
        yield from self.clinic.printed_texts()
        for tier, (title, signs) in enumerate(self.red_flags, 1):
            yield f"red flags {tier} title", title
            yield from ((f"red flag {tier}.{i}", sign) for i, sign in enumerate(signs, 1))
        for group, label in (("guidance", "guidance"), ("precautions", "precaution")):
            for i, value in enumerate(getattr(self, group), 1):
                yield f"{label} {i}", value
        for exercise in self.exercises:
            yield from exercise.printed_texts()
