"""The `Handout`: everything one printed handout says, decided and frozen.

Resolution (program.py) makes every decision, render only lays this out. Keeping it plain
data, free of reportlab, is what lets most tests check the handout without making a PDF.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from backpdf.clinic import ClinicProfile
from backpdf.library import Dose

GENERIC_TITLE = "Your home exercise program"


@dataclass(frozen=True)
class HandoutExercise:
    number: int
    id: str
    name: str
    kind: str
    steps: tuple[str, ...]
    dose: Dose
    dose_sentences: tuple[str, ...]
    dose_short: str
    tips: tuple[str, ...]
    cautions: tuple[str, ...]
    video_url: str
    note: str | None = None
    warnings: tuple[str, ...] = ()
    image: Path | None = None


@dataclass(frozen=True)
class Handout:
    date: _dt.date
    clinic: ClinicProfile
    red_flags_title: str
    red_flags: tuple[str, ...]
    guidance: tuple[str, ...]
    exercises: tuple[HandoutExercise, ...]
    patient: str | None = None
    clinician: str | None = None
    note: str | None = None
    precautions: tuple[str, ...] = ()
    title: str = GENERIC_TITLE

    def texts(self) -> Iterator[tuple[str, str]]:
        """(field, text) for every piece of text the handout prints, for checks and tests."""
        for name in ("title", "patient", "clinician", "note", "red_flags_title"):
            value = getattr(self, name)
            if value:
                yield name, value
        for name in ("name", "address", "phone", "website"):
            value = getattr(self.clinic, name)
            if value:
                yield f"clinic {name}", value
        for i, text in enumerate(self.red_flags, 1):
            yield f"red flag {i}", text
        for i, text in enumerate(self.guidance, 1):
            yield f"guidance {i}", text
        for i, text in enumerate(self.precautions, 1):
            yield f"precaution {i}", text
        for ex in self.exercises:
            label = f"exercise '{ex.id}'"
            yield f"{label} name", ex.name
            for group in ("steps", "dose_sentences", "tips", "cautions", "warnings"):
                for i, text in enumerate(getattr(ex, group), 1):
                    yield f"{label} {group.replace('_', ' ')} #{i}", text
            if ex.note:
                yield f"{label} note", ex.note
