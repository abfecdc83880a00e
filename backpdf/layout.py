"""Layouts are data: `layouts/*.yaml` files checked against `layout.schema.json`.

`--layout NAME` picks a bundled layout; anything that looks like a path (has a slash or
ends in .yaml/.yml) loads a clinic's own file, which gets the same file:line errors as a
library.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from backpdf import resources
from backpdf.errors import BackpdfError
from backpdf.library import unknown
from backpdf.loading import load_yaml
from backpdf.schemas import check

PAPER_SIZES_MM = {"letter": (215.9, 279.4), "a4": (210.0, 297.0)}
DEFAULT_LAYOUT = "standard"


@dataclass(frozen=True)
class Margins:
    top: float
    bottom: float
    left: float
    right: float


@dataclass(frozen=True)
class FontSizes:
    title: float
    heading: float
    body: float
    small: float


@dataclass(frozen=True)
class Sections:
    clinic_header: bool = True
    guidance: bool = True
    notes_lines: int = 0
    tracking_log: bool = False


@dataclass(frozen=True)
class Layout:
    name: str
    description: str
    margins_mm: Margins
    font_sizes: FontSizes
    qr_cm: float
    columns: int = 1
    column_gap_mm: float = 8.0
    line_spacing: float = 1.3
    space_between_exercises_mm: float = 5.0
    sections: Sections = Sections()
    show_images: bool = True
    source: Path | None = None

    @classmethod
    def from_data(cls, data: dict, source: Path | None = None) -> "Layout":
        data = dict(data)
        data["margins_mm"] = Margins(**data["margins_mm"])
        data["font_sizes"] = FontSizes(**data["font_sizes"])
        data["sections"] = Sections(**data.get("sections", {}))
        return cls(**data, source=source)


def bundled_layouts() -> dict[str, Path]:
    """Name -> file of every layout shipped with backpdf."""
    return {p.stem: p for p in sorted(resources.bundled_layouts_dir().glob("*.yaml"))}


def looks_like_path(value: str) -> bool:
    return "/" in value or "\\" in value or value.endswith((".yaml", ".yml"))


def load_layout_file(path: str | Path) -> Layout:
    doc = load_yaml(path)
    check(doc, "layout")
    return Layout.from_data(doc.data, source=Path(path))


def find_layout(name_or_path: str | None, relative_to: Path | None = None) -> Layout:
    """A bundled layout by name, or a layout file by path (relative to `relative_to`)."""
    value = name_or_path or DEFAULT_LAYOUT
    if looks_like_path(value):
        path = Path(value)
        if relative_to is not None and not path.is_absolute():
            path = relative_to / path
        return load_layout_file(path)
    layouts = bundled_layouts()
    if value not in layouts:
        raise BackpdfError(unknown("layout", value, layouts, "see `backpdf layouts`"))
    return load_layout_file(layouts[value])
