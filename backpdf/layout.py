"""A layout as plain data: page geometry, type sizes, what the handout holds and in which
order (`flow`), line widths and every label it prints.

Loaded from `layouts/*.yaml` by `layout_file`; read by `render`, which does what the layout
says and never asks which layout it is drawing.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from backpdf.i18n import Translator

FULL_WIDTH_PARTS = frozenset({"front", "checklist", "tracking_log"})


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
    notes_lines: int = 0            # ruled lines in the `notes` part
    exercise_notes_lines: int = 0   # ruled lines under each exercise, for the clinician


@dataclass(frozen=True)
class Borders:
    """Line widths in points."""

    red_flags: float
    precautions: float
    warning: float
    note_box: float
    table: float
    table_outer: float


@dataclass(frozen=True)
class Labels:
    """Every word a layout prints that is not library or patient text, by key.

    Kept as a tuple of pairs so a Layout stays hashable (styles are cached per layout).
    """

    pairs: tuple[tuple[str, Any], ...]
    _index: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    def __post_init__(self) -> None:
        self._index.update(self.pairs)

    def __getitem__(self, key: str) -> Any:
        return self._index[key]

    def fill(self, key: str, **values: object) -> str:
        """The label with its {placeholders} filled in: fill("page_of", page=1, pages=3)."""
        return str(self._index[key]).format(**values)


@dataclass(frozen=True)
class Layout:
    name: str
    description: str
    margins_mm: Margins
    font_sizes: FontSizes
    qr_cm: float
    flow: tuple[str, ...]
    borders_pt: Borders
    labels: Labels
    columns: int = 1                # columns for the flowing parts (guidance, cards, notes)
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
    def from_data(cls, data: dict, source: Path | None = None) -> Layout:
        """A layout from complete, checked data (a file merged over what it extends)."""
        data = {key: value for key, value in data.items() if key != "extends"}
        data["margins_mm"] = Margins(**data["margins_mm"])
        data["font_sizes"] = FontSizes(**data["font_sizes"])
        data["images"] = Images(**data.get("images", {}))
        data["sections"] = Sections(**data.get("sections", {}))
        data["borders_pt"] = Borders(**data["borders_pt"])
        data["labels"] = Labels(tuple((k, tuple(v) if isinstance(v, list) else v)
                                      for k, v in data["labels"].items()))
        data["flow"] = tuple(data["flow"])
        return cls(**data, source=source)

    @property
    def qr_column_width_cm(self) -> float:
        return self.qr_column_cm if self.qr_column_cm is not None else self.qr_cm + 1.6

    def translated(self, tr: Translator) -> Layout:
        """This layout with every label through `tr`'s catalog (a list label item by item).
        A label a clinic rewrote in its own layout file has no catalog entry and stays as
        the clinic wrote it."""
        pairs = tuple((key, tuple(tr.gettext(item) for item in value) if isinstance(value, tuple)
                       else tr.gettext(value)) for key, value in self.labels.pairs)
        return replace(self, labels=Labels(pairs))

    def with_tracking_log(self, on: bool | None) -> Layout:
        """This layout with the tracking log added at the end or taken out (None: as the
        file says); for `--tracking-log/--no-tracking-log`."""
        if on is None or on == ("tracking_log" in self.flow):
            return self
        flow = self.flow + ("tracking_log",) if on else tuple(p for p in self.flow if p != "tracking_log")
        return replace(self, flow=flow)
