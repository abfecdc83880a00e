"""`backpdf list --search WORDS`: find exercises by what staff remember of the printed page.

A clinician remembers "the buttock one" or "figure 4", not `piriformis-stretch`. An exercise
matches when every word searched for appears in its id, printed name, purpose or steps,
ignoring letter case and punctuation ("figure-4" finds "Buttock stretch (figure 4)").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from backpdf.model import Exercise

_NOT_A_WORD = re.compile(r"[^\w]+")


def _words(text: str) -> str:
    return " " + _NOT_A_WORD.sub(" ", text.casefold()).strip() + " "


def searchable_text(exercise: Exercise) -> str:
    """What a search looks through: the id and the text printed about the exercise."""
    return _words(" ".join([exercise.id, exercise.name, exercise.purpose or "", *exercise.steps]))


def matching(exercises: Iterable[Exercise], query: str) -> list[Exercise]:
    """The exercises, in library order, that hold every word of `query` (a word may be the
    start or middle of a longer one: "stretch" finds "stretches")."""
    wanted = _words(query).split()
    return [e for e in exercises if all(word in searchable_text(e) for word in wanted)]
