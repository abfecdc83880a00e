"""Reading a library file: schema, cross-references, then the model's `Library`.

`load_library` reads and checks a library file; after it returns, every cross-reference
inside the library (condition ids, template entries) is known to be valid, so the rest of
the program never re-checks them.
"""

from __future__ import annotations

from pathlib import Path

from backpdf import check_cache, resources
from backpdf.errors import Problem
from backpdf.loading import Document, load_yaml
from backpdf.model import Condition, Exercise, Library, ProgramEntry, Template
from backpdf.schemas import schema_problems
from backpdf.suggest import unknown
from backpdf.video_links import is_absolute, link_problem


def load_library(path: str | Path | None = None) -> Library:
    """Read, validate and build a library; the bundled one when `path` is None."""
    doc = load_yaml(path or resources.bundled_library())
    check_cache.check_once(doc, "library", library_problems)
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
    exercises = {ex["id"]: Exercise.from_data(ex, base) for ex in data["exercises"]}
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

