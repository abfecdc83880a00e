"""The exercise library as plain data: exercises, doses, conditions, templates.

`load_library` reads and checks a library file; after it returns, every cross-reference
inside the library (condition ids, template entries) is known to be valid, so the rest of
the program never re-checks them.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from backpdf import passed, resources
from backpdf.errors import BackpdfError, Problem
from backpdf.links import is_absolute, link_problem
from backpdf.loading import Document, load_yaml
from backpdf.schemas import schema_problems


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
    def from_dict(cls, data: dict | None) -> "Dose":
        return cls(**(data or {}))

    def merged(self, override: "Dose") -> "Dose":
        """This dose with every key that `override` sets replaced (library <- program)."""
        changes = {f.name: getattr(override, f.name) for f in fields(override)
                   if getattr(override, f.name) is not None}
        return replace(self, **changes)


@dataclass(frozen=True)
class Condition:
    id: str
    name: str
    precaution: str | None = None


@dataclass(frozen=True)
class Exercise:
    id: str
    name: str
    areas: tuple[str, ...]
    kind: str
    steps: tuple[str, ...]
    video: str
    dose: Dose = Dose()
    tips: tuple[str, ...] = ()
    cautions: tuple[str, ...] = ()
    avoid_if: tuple[str, ...] = ()
    caution_if: dict = field(default_factory=dict)
    image: Path | None = None

    def to_json(self) -> dict:
        """All fields as JSON-ready data (for `list --json` and `show --json`)."""
        data = {
            "id": self.id, "name": self.name, "areas": list(self.areas), "kind": self.kind,
            "steps": list(self.steps),
            "dose": {f.name: getattr(self.dose, f.name) for f in fields(self.dose)
                     if getattr(self.dose, f.name) is not None},
            "tips": list(self.tips), "cautions": list(self.cautions),
            "avoid_if": list(self.avoid_if), "caution_if": dict(self.caution_if),
            "video": self.video,
        }
        if self.image:
            data["image"] = str(self.image)
        return data


@dataclass(frozen=True)
class ProgramEntry:
    """One line of a program or template: an exercise id with optional dose and note."""

    id: str
    dose: Dose = Dose()
    note: str | None = None

    @classmethod
    def from_data(cls, data: str | dict) -> "ProgramEntry":
        if isinstance(data, str):
            return cls(id=data)
        return cls(id=data["id"], dose=Dose.from_dict(data.get("dose")), note=data.get("note"))


@dataclass(frozen=True)
class Template:
    id: str
    name: str
    description: str
    entries: tuple[ProgramEntry, ...]


@dataclass(frozen=True)
class Library:
    path: Path
    red_flags_title: str
    red_flags: tuple[str, ...]
    guidance: tuple[str, ...]
    conditions: dict[str, Condition]
    exercises: dict[str, Exercise]
    templates: dict[str, Template]

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


def unknown(what: str, given: str, known, listing_hint: str) -> str:
    """"unknown exercise 'brid-dog'; did you mean 'bird-dog'?" """
    matches = difflib.get_close_matches(given, list(known), n=3, cutoff=0.6)
    if matches:
        return f"unknown {what} '{given}'; did you mean " + " or ".join(f"'{m}'" for m in matches) + "?"
    return f"unknown {what} '{given}'; {listing_hint}"


def load_library(path: str | Path | None = None) -> Library:
    """Read, validate and build a library; the bundled one when `path` is None."""
    doc = load_yaml(path or resources.bundled_library())
    passed.check_once(doc, "library", library_problems)
    return build_library(doc)


def library_problems(doc: Document) -> list[Problem]:
    """Everything wrong with a library document: schema first, then cross-references."""
    problems = schema_problems(doc, "library")
    if problems:
        return problems
    return _reference_problems(doc)


def _reference_problems(doc: Document) -> list[Problem]:
    data = doc.data
    problems: list[Problem] = []
    conditions = _unique_ids(doc, "conditions", "condition", problems)
    exercises = _unique_ids(doc, "exercises", "exercise", problems)
    _unique_ids(doc, "templates", "template", problems)

    hint = "add it under conditions:"
    for i, ex in enumerate(data["exercises"]):
        obj = f"exercise '{ex['id']}'"
        for j, cid in enumerate(ex.get("avoid_if", [])):
            if cid not in conditions:
                problems.append(doc.problem("avoid_if: " + unknown("condition", cid, conditions, hint),
                                            ("exercises", i, "avoid_if", j), obj))
        for cid in ex.get("caution_if", {}):
            if cid not in conditions:
                problems.append(doc.problem("caution_if: " + unknown("condition", cid, conditions, hint),
                                            ("exercises", i, "caution_if", cid), obj))
        video = ex["video"]
        if is_absolute(video) and (why := link_problem(video)):
            problems.append(doc.problem(f"video: {why}", ("exercises", i, "video"), obj))

    for i, tpl in enumerate(data.get("templates", [])):
        for j, entry in enumerate(tpl["exercises"]):
            eid = entry if isinstance(entry, str) else entry["id"]
            if eid not in exercises:
                problems.append(doc.problem(unknown("exercise", eid, exercises, "see `backpdf list`"),
                                            ("templates", i, "exercises", j), f"template '{tpl['id']}'"))
    return sorted(problems, key=lambda p: p.line or 0)


def _unique_ids(doc: Document, key: str, label: str, problems: list[Problem]) -> dict[str, int]:
    """Map id -> index for the list under `key`, reporting repeated ids with both lines."""
    seen: dict[str, int] = {}
    for i, item in enumerate(doc.data.get(key, [])):
        ident = item["id"]
        if ident in seen:
            first = doc.line_of((key, seen[ident], "id"))
            problems.append(doc.problem(f"duplicate id: '{ident}' is also used on line {first}",
                                        (key, i, "id"), f"{label} '{ident}'"))
        else:
            seen[ident] = i
    return seen


def build_library(doc: Document) -> Library:
    """A `Library` from a document that `library_problems` found nothing wrong with."""
    data = doc.data
    base = doc.path.parent
    exercises = {}
    for ex in data["exercises"]:
        exercises[ex["id"]] = Exercise(
            id=ex["id"], name=ex["name"], areas=tuple(ex["areas"]), kind=ex["kind"],
            steps=tuple(ex["steps"]), video=ex["video"], dose=Dose.from_dict(ex.get("dose")),
            tips=tuple(ex.get("tips", ())), cautions=tuple(ex.get("cautions", ())),
            avoid_if=tuple(ex.get("avoid_if", ())), caution_if=dict(ex.get("caution_if", {})),
            image=(base / ex["image"]) if ex.get("image") else None,
        )
    return Library(
        path=doc.path,
        red_flags_title=data["red_flags"]["title"],
        red_flags=tuple(data["red_flags"]["items"]),
        guidance=tuple(data.get("guidance", ())),
        conditions={c["id"]: Condition(c["id"], c["name"], c.get("precaution"))
                    for c in data.get("conditions", [])},
        exercises=exercises,
        templates={t["id"]: Template(t["id"], t["name"], t.get("description", ""),
                                     tuple(ProgramEntry.from_data(e) for e in t["exercises"]))
                   for t in data.get("templates", [])},
    )

