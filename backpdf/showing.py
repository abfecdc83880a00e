"""`backpdf show`: an exercise as readable text, derived from its declared fields.

Every field of `model.Exercise` is shown under the label it declares, so a field added to
the library appears here without anyone remembering to add it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import fields

from backpdf.i18n import Translator
from backpdf.model import Dose, Exercise, field_info
from backpdf.wording import ENGLISH, dose_sentences

_TITLE_FIELDS = ("id", "name")


def exercise_lines(exercise: Exercise, tr: Translator = ENGLISH) -> Iterator[str]:
    """"Bird dog (bird-dog)", then one labelled line (or list) per field that is set; the
    field labels are for staff (English), the texts and dose in the library's language."""
    yield f"{exercise.name} ({exercise.id})"
    for f in fields(exercise):
        value = getattr(exercise, f.name)
        if f.name in _TITLE_FIELDS or value in (None, (), {}):
            continue
        label = field_info(f).label
        if isinstance(value, Dose):
            yield f"{label}: {' '.join(dose_sentences(value, tr))}"
        elif isinstance(value, tuple) and field_info(f).printed:
            yield f"{label}:"
            yield from (f"  {i}. {item}" for i, item in enumerate(value, 1))
        elif isinstance(value, tuple):
            yield f"{label}: {', '.join(value)}"
        elif isinstance(value, dict):
            yield f"{label}:"
            yield from (f"  {key}: {text}" for key, text in value.items())
        else:
            yield f"{label}: {value}"
