"""Layouts are data: `layouts/*.yaml` files checked against `layout.schema.json`.

`--layout NAME` picks a layout by name: a clinic's own layouts (`*.yaml` in
`click.get_app_dir("backpdf")/layouts/`, e.g. `~/.config/backpdf/layouts/` on Linux) come
first, then the bundled ones, so a clinic can replace `standard` for all its staff by
saving its own `standard.yaml` there. Anything that looks like a path (has a slash or ends
in .yaml/.yml) loads that file. Every layout file gets the same file:line errors as a
library.

A layout differs from another only by the values below; the renderer has two exercise
styles (`cards` and the `checklist` table) and everything else is switched on or sized here.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from backpdf import passed, resources
from backpdf.errors import BackpdfError
from backpdf.layout_geometry import problems_in
from backpdf.library import unknown
from backpdf.loading import load_yaml
from backpdf.schemas import schema_problems

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
class Images:
    """Where an exercise's picture goes: `beside` the steps (above its QR code), `above`
    the steps (centred), or `none`; scaled to fit width x height, never distorted."""

    place: str = "beside"
    width_cm: float = 4.5
    height_cm: float = 4.5


@dataclass(frozen=True)
class Sections:
    clinic_header: bool = True
    guidance: bool = True
    notes_lines: int = 0            # ruled lines for notes at the end of the handout
    exercise_notes_lines: int = 0   # ruled lines under each exercise, for the clinician
    tracking_log: bool = False      # a 4-week log to fill in by hand, on its own page(s)


@dataclass(frozen=True)
class Layout:
    name: str
    description: str
    margins_mm: Margins
    font_sizes: FontSizes
    qr_cm: float
    style: str = "cards"            # cards | checklist (a tick-box table, then the cards)
    columns: int = 1                # columns of exercise cards
    column_gap_mm: float = 8.0
    line_spacing: float = 1.3
    space_between_exercises_mm: float = 5.0
    new_page_per_exercise: bool = False
    qr_column_cm: float | None = None   # QR, caption and link; default qr_cm + 1.6
    link_text: str = "beside"       # the printed link: beside (under the QR code) | below (the text)
    images: Images = Images()
    sections: Sections = Sections()
    source: Path | None = None

    @classmethod
    def from_data(cls, data: dict, source: Path | None = None) -> "Layout":
        data = dict(data)
        data["margins_mm"] = Margins(**data["margins_mm"])
        data["font_sizes"] = FontSizes(**data["font_sizes"])
        data["images"] = Images(**data.get("images", {}))
        data["sections"] = Sections(**data.get("sections", {}))
        return cls(**data, source=source)

    @property
    def qr_column_width_cm(self) -> float:
        return self.qr_column_cm if self.qr_column_cm is not None else self.qr_cm + 1.6

    def with_tracking_log(self, on: bool | None) -> "Layout":
        """This layout with its tracking log switched on or off (None: as the file says);
        for `--tracking-log/--no-tracking-log`."""
        if on is None:
            return self
        return replace(self, sections=replace(self.sections, tracking_log=on))


def bundled_layouts() -> dict[str, Path]:
    """Name -> file of every layout shipped with backpdf."""
    return {p.stem: p for p in sorted(resources.bundled_layouts_dir().glob("*.yaml"))}


def clinic_layouts_dir() -> Path:
    """The clinic's own layouts: `layouts/` in backpdf's config folder (the folder that
    also holds clinic.yaml; click.get_app_dir follows each platform's convention)."""
    import click

    return Path(click.get_app_dir("backpdf")) / "layouts"


def clinic_layouts() -> dict[str, Path]:
    folder = clinic_layouts_dir()
    if not folder.is_dir():
        return {}
    return {p.stem: p for p in sorted(folder.glob("*.yaml")) if p.is_file()}


def available_layouts() -> dict[str, Path]:
    """Name -> file of every layout `--layout NAME` can pick: bundled ones, with the
    clinic's own added (a clinic file of the same name replaces the bundled one)."""
    return {**bundled_layouts(), **clinic_layouts()}


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


def list_layouts() -> list[LayoutListing]:
    """Every available layout with its description; a broken clinic file is listed with
    its first problem instead of stopping the listing."""
    clinic = clinic_layouts()
    rows = []
    for name, path in sorted(available_layouts().items()):
        try:
            description = load_layout_file(path).description
        except BackpdfError as exc:
            description = f"(cannot be used: {exc})"
        rows.append(LayoutListing(name, path, "clinic" if name in clinic else "bundled", description))
    return rows


def looks_like_path(value: str) -> bool:
    return "/" in value or "\\" in value or value.endswith((".yaml", ".yml"))


def load_layout_file(path: str | Path) -> Layout:
    doc = load_yaml(path)
    passed.check_once(doc, "layout+geometry", lambda d: schema_problems(d, "layout") or problems_in(d, PAPER_SIZES_MM))
    return Layout.from_data(doc.data, source=Path(path))


def find_layout(name_or_path: str | None, relative_to: Path | None = None) -> Layout:
    """A layout by name (clinic's, else bundled), or a layout file by path (relative to
    `relative_to`)."""
    value = name_or_path or DEFAULT_LAYOUT
    if looks_like_path(value):
        path = Path(value)
        if relative_to is not None and not path.is_absolute():
            path = relative_to / path
        return load_layout_file(path)
    layouts = available_layouts()
    if value not in layouts:
        raise BackpdfError(unknown("layout", value, layouts, "see `backpdf layouts`"))
    return load_layout_file(layouts[value])
