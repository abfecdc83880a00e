"""Reading a library file: schema, cross-references, then the model's `Library`.

`load_library` reads and checks a library file; after it returns, every cross-reference
inside the library (condition ids, template entries) is known to be valid, so the rest of
the program never re-checks them.
"""

from __future__ import annotations

from pathlib import Path

from backpdf import check_cache, resources, vocabulary
from backpdf.errors import Problem
from backpdf.loading import Document, load_yaml
from backpdf.model import AreaSheet, Condition, Exercise, Library, ProgramEntry, RedFlagTier, Template
from backpdf.schemas import schema_problems
from backpdf.suggest import unknown
from backpdf.video_links import is_absolute, link_problem

RED_FLAG_TIERS = ("emergency", "urgent")  # printed in this order, most urgent first


def load_library(path: str | Path | None = None) -> Library:
    """Read, validate and build a library; the bundled one when `path` is None.

    A library with `extends: bundled` holds only a clinic's own additions and changes: its
    exercises, conditions, templates and area sheets are added to the bundled library's
    (an id it shares replaces the bundled entry), and its red flags and guidance, when it
    has them, replace the bundled ones.
    """
    doc = load_yaml(path or resources.bundled_library(), keep=True)
    base = base_library(doc)
    check_cache.check_once(doc, "library", lambda d: library_problems(d, base))
    return build_library(doc, base)


def base_library(doc: Document) -> Library | None:
    """The library `doc` extends, if it says so (only the bundled one can be extended)."""
    if isinstance(doc.data, dict) and doc.data.get("extends") == "bundled":
        return load_library(None)
    return None


def library_problems(doc: Document, base: Library | None = None) -> list[Problem]:
    """Everything wrong with a library document: schema first, then cross-references
    (which may point into the library it extends)."""
    problems = schema_problems(doc, "library")
    if problems:
        return problems
    return _reference_problems(doc, base)


def _reference_problems(doc: Document, base: Library | None = None) -> list[Problem]:
    data = doc.data
    problems: list[Problem] = []
    inherited = base or Library(doc.path, (), (), {}, {}, {})
    conditions = {**dict.fromkeys(inherited.conditions, -1), **_unique_ids(doc, "conditions", "condition", problems)}
    exercises = {**dict.fromkeys(inherited.exercises, -1), **_unique_ids(doc, "exercises", "exercise", problems)}
    _unique_ids(doc, "templates", "template", problems)

    hint = "add it under conditions:"
    for i, ex in enumerate(data.get("exercises", [])):
        obj = f"exercise '{ex['id']}'"
        for j, cid in enumerate(ex.get("avoid_if", [])):
            if cid not in conditions:
                problems.append(doc.problem("avoid_if: " + unknown("condition", cid, conditions, hint),
                                            ("exercises", i, "avoid_if", j), obj))
        for cid in ex.get("caution_if", {}):
            if cid not in conditions:
                problems.append(doc.problem("caution_if: " + unknown("condition", cid, conditions, hint),
                                            ("exercises", i, "caution_if", cid), obj))
        if "picture" in ex:
            from backpdf.figures import problems as picture_problems

            for message, where in picture_problems(ex["picture"]):
                problems.append(doc.problem(f"picture: {message}", ("exercises", i, "picture", *where), obj))
        video = ex["video"]
        if is_absolute(video) and (why := link_problem(video)):
            problems.append(doc.problem(f"video: {why}", ("exercises", i, "video"), obj))

    problems += _red_flag_problems(doc)
    for area, sheet in data.get("area_sheets", {}).items():
        for j, eid in enumerate(sheet["exercises"]):
            if eid not in exercises:
                problems.append(doc.problem(unknown("exercise", eid, exercises, "see `backpdf list`"),
                                            ("area_sheets", area, "exercises", j), f"area sheet '{area}'"))
    for i, tpl in enumerate(data.get("templates", [])):
        for j, entry in enumerate(tpl["exercises"]):
            eid = entry if isinstance(entry, str) else entry["id"]
            if eid not in exercises:
                problems.append(doc.problem(unknown("exercise", eid, exercises, "see `backpdf list`"),
                                            ("templates", i, "exercises", j), f"template '{tpl['id']}'"))
    return sorted(problems, key=lambda p: p.line or 0)


def _red_flag_tiers(data: dict) -> tuple[RedFlagTier, ...]:
    if "items" in data:  # the one-tier shape
        return (RedFlagTier.from_data(data, vocabulary.areas()),)
    return tuple(RedFlagTier.from_data(data[tier], vocabulary.areas()) for tier in RED_FLAG_TIERS)


def _red_flag_problems(doc: Document) -> list[Problem]:
    """Red-flag ids are unique across both tiers, and conditions reword or drop only ids
    that exist."""
    problems: list[Problem] = []
    seen: dict[str, tuple] = {}
    if "items" in doc.data.get("red_flags", {"items": ()}):
        return problems
    for tier in RED_FLAG_TIERS:
        for i, item in enumerate(doc.data["red_flags"][tier]["items"]):
            path = ("red_flags", tier, "items", i, "id")
            if item["id"] in seen:
                problems.append(doc.problem(f"duplicate red-flag id '{item['id']}' (also on line "
                                            f"{doc.line_of(seen[item['id']])})", path))
            seen.setdefault(item["id"], path)
    for i, condition in enumerate(doc.data.get("conditions", [])):
        obj = f"condition '{condition['id']}'"
        for key in ("reword_red_flags", "drop_red_flags"):
            for flag in condition.get(key, ()):
                if flag not in seen:
                    problems.append(doc.problem(f"{key}: " + unknown("red flag", flag, seen, "see red_flags:"),
                                                ("conditions", i, key), obj))
    return problems


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


def build_library(doc: Document, base: Library | None = None) -> Library:
    """A `Library` from a document that `library_problems` found nothing wrong with,
    merged over `base` (the library it extends) when there is one."""
    data = doc.data
    folder = doc.path.parent
    inherited = base or Library(doc.path, (), (), {}, {}, {})
    return Library(
        path=doc.path,
        red_flags=_red_flag_tiers(data["red_flags"]) if "red_flags" in data else inherited.red_flags,
        guidance=tuple(data["guidance"]) if "guidance" in data else inherited.guidance,
        conditions={**inherited.conditions, **{c["id"]: Condition.from_data(c) for c in data.get("conditions", [])}},
        exercises={**inherited.exercises,
                   **{ex["id"]: Exercise.from_data(ex, folder) for ex in data.get("exercises", [])}},
        templates={**inherited.templates,
                   **{t["id"]: Template(t["id"], t["name"], t.get("description", ""), t.get("why"),
                                        tuple(ProgramEntry.from_data(e) for e in t["exercises"]))
                      for t in data.get("templates", [])}},
        area_sheets={**inherited.area_sheets,
                     **{area: AreaSheet(tuple(sheet["exercises"]))
                        for area, sheet in data.get("area_sheets", {}).items()}},
    )

