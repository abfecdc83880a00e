"""Finding and reading layout files, and merging each over the layout it extends.

`--layout NAME` picks a layout by name: a clinic's own layouts (`*.yaml` in the `layouts/`
folder of backpdf's config folder; `backpdf paths` prints it) come first, then the bundled
ones, so a clinic can replace `standard` for all its staff by saving its own
`standard.yaml` there. Anything that looks like a path (has a slash or ends in .yaml/.yml)
loads that file.

A layout file gives only what it changes over the layout it `extends:` (by default
`_base`, the bundled defaults), the way rst2pdf merges stylesheets: mappings merge key by
key, lists and single values replace. Each file in the chain gets the same file:line
errors as a library.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from backpdf import check_cache, places, resources, vocabulary
from backpdf.errors import BackpdfError, Problem
from backpdf.layout import Layout
from backpdf.layout_geometry import layout_geometry_problems
from backpdf.loading import Document, load_yaml
from backpdf.schemas import schema_problems
from backpdf.suggest import unknown

DEFAULT_LAYOUT = "standard"
BASE_LAYOUT = "_base"
MAX_EXTENDS = 8


def bundled_layouts() -> dict[str, Path]:
    """Name -> file of every layout shipped with backpdf (`_base` included)."""
    return {p.stem: p for p in sorted(resources.bundled_layouts_dir().glob("*.yaml"))}


def clinic_layouts_dir() -> Path:
    """The clinic's own layouts: `layouts/` in backpdf's config folder."""
    return places.config_dir() / "layouts"


def clinic_layouts() -> dict[str, Path]:
    folder = clinic_layouts_dir()
    if not folder.is_dir():
        return {}
    return {p.stem: p for p in sorted(folder.glob("*.yaml")) if p.is_file()}


def available_layouts() -> dict[str, Path]:
    """Name -> file of every layout `--layout NAME` can pick: bundled ones, with the
    clinic's own added (a clinic file of the same name replaces the bundled one)."""
    return {**bundled_layouts(), **clinic_layouts()}


def printable_layouts() -> dict[str, Path]:
    """The layouts to offer staff: all but the `_`-named building blocks."""
    return {name: path for name, path in available_layouts().items() if not name.startswith("_")}


@dataclass(frozen=True)
class LayoutListing:
    """One line of `backpdf layouts`."""

    name: str
    path: Path
    origin: str             # "bundled" or "clinic"
    description: str        # or what is wrong with the file

    def __str__(self) -> str:
        mark = "" if self.origin == "bundled" else f"  [clinic: {self.path}]"
        return f"{self.name:<14} {self.description}{mark}"

    def to_json(self) -> dict:
        return {"name": self.name, "origin": self.origin, "path": str(self.path),
                "description": self.description}


def list_layouts() -> list[LayoutListing]:
    """Every available layout with its description; a broken clinic file is listed with
    its first problem instead of stopping the listing."""
    clinic = clinic_layouts()
    rows = []
    for name, path in sorted(printable_layouts().items()):
        try:
            description = load_layout_file(path).description
        except BackpdfError as exc:
            description = f"(cannot be used: {exc})"
        rows.append(LayoutListing(name, path, "clinic" if name in clinic else "bundled", description))
    return rows


def looks_like_path(value: str) -> bool:
    return "/" in value or "\\" in value or value.endswith((".yaml", ".yml"))


def layout_problems(doc: Document) -> list[Problem]:
    """What is wrong with one layout file on its own: schema, then label placeholders."""
    problems = schema_problems(doc, "layout")
    if problems:
        return problems
    base_labels = _base_label_fields()
    for key, value in doc.data.get("labels", {}).items():
        for item in value if isinstance(value, list) else [value]:
            extra = _fields(item) - base_labels.get(key, set())
            if extra:
                problems.append(doc.problem(f"labels.{key}: unknown placeholder {{{sorted(extra)[0]}}}; "
                                            f"this label can use: "
                                            f"{', '.join('{' + f + '}' for f in sorted(base_labels[key])) or 'none'}",
                                            ("labels", key)))
    return problems


def _fields(text: str) -> set[str]:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:  # a lone "{" or "}"
        return {"{"}


@lru_cache(maxsize=1)
def _base_label_fields() -> dict[str, set[str]]:
    """The placeholders each label of `_base` may use (read once per process)."""
    data = load_yaml(bundled_layouts()[BASE_LAYOUT], keep=True).data
    return {key: set().union(*(_fields(v) for v in (value if isinstance(value, list) else [value])))
            for key, value in data["labels"].items()}


def _merged(base: dict, over: dict) -> dict:
    """`over` merged into `base`: mappings key by key, everything else replaced."""
    result = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = _merged(result[key], value)
        else:
            result[key] = value
    return result


def _layout_data(path: Path, chain: tuple[Path, ...] = ()) -> dict:
    """The file's data merged over everything it extends, each file checked once."""
    doc = load_yaml(path, keep=True)
    check_cache.check_once(doc, "layout", layout_problems)
    data = dict(doc.data)
    parent = data.pop("extends", None if doc.data.get("name") == BASE_LAYOUT else BASE_LAYOUT)
    if parent is None:
        return data
    if len(chain) >= MAX_EXTENDS:
        raise BackpdfError(f"extends: more than {MAX_EXTENDS} layouts deep", path, doc.line_of(("extends",)))
    parent_path = _find(parent, relative_to=path.parent, extending=path.stem)
    if parent_path.resolve() in chain or parent_path.resolve() == path.resolve():
        raise BackpdfError(f"extends: '{parent}' leads back to this file (a loop)", path,
                           doc.line_of(("extends",)))
    return _merged(_layout_data(parent_path, (*chain, path.resolve())), data)


def load_layout_file(path: str | Path) -> Layout:
    """A layout file merged over what it extends, refused if its page cannot hold what it
    asks for (on either paper), so `validate` and `generate` refuse the same layouts."""
    path = Path(path)
    data = _layout_data(path)
    problems = layout_geometry_problems(data, {p: vocabulary.paper_size_mm(p) for p in vocabulary.papers()})
    if problems:
        doc = load_yaml(path)  # for the line of each key this file sets itself
        raise BackpdfError.from_problems([doc.problem(message, where) for message, where in problems])
    return Layout.from_data(data, source=path)


def _find(name_or_path: str, relative_to: Path | None = None, extending: str | None = None) -> Path:
    """The file for a layout name or path. A clinic layout named like a bundled one can
    extend the bundled one of that name (`standard.yaml` with `extends: standard`)."""
    if looks_like_path(name_or_path):
        path = Path(name_or_path)
        if relative_to is not None and not path.is_absolute():
            path = relative_to / path
        return path
    layouts = available_layouts()
    if extending == name_or_path:
        layouts = bundled_layouts()
    if name_or_path not in layouts:
        raise BackpdfError(unknown("layout", name_or_path, printable_layouts(), "see `backpdf layouts`"))
    return layouts[name_or_path]


def find_layout(name_or_path: str | None, relative_to: Path | None = None) -> Layout:
    """A layout by name (clinic's, else bundled), or a layout file by path (relative to
    `relative_to`)."""
    return load_layout_file(_find(name_or_path or DEFAULT_LAYOUT, relative_to))
