"""`backpdf review`: the whole screening table on one page, for a clinician to check.

For every condition: which exercises it leaves out and why (a movement tag, or the
exercise naming the condition), which it prints a caution on, and which red flags it
rewords or drops. Derived from the same rules `resolve` applies, so what is reviewed is
what is printed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from backpdf.model import Condition, Exercise, Library


@dataclass(frozen=True)
class ConditionReview:
    condition: Condition
    avoided: tuple[tuple[str, str], ...]     # (exercise id, why)
    cautioned: tuple[tuple[str, str], ...]   # (exercise id, caution text)

    def to_json(self) -> dict:
        c = self.condition
        return {"id": c.id, "name": c.name, "avoids": [{"exercise": e, "because": why} for e, why in self.avoided],
                "cautions": [{"exercise": e, "text": text} for e, text in self.cautioned],
                "rewords_red_flags": c.reword_red_flags, "drops_red_flags": sorted(c.drop_red_flags)}

    def lines(self) -> Iterator[str]:
        c = self.condition
        yield f"{c.name} ({c.id})"
        yield f"  leaves out {len(self.avoided)}: " + (", ".join(f"{e} [{why}]" for e, why in self.avoided) or "none")
        cautioned = sorted({e for e, _ in self.cautioned})
        yield f"  cautions {len(cautioned)}: " + (", ".join(cautioned) or "none")
        for flag, text in c.reword_red_flags.items():
            yield f"  red flag '{flag}' reads: {text}"
        for flag in sorted(c.drop_red_flags):
            yield f"  red flag '{flag}' is left out"


def _why_avoided(condition: Condition, exercise: Exercise) -> str:
    tags = sorted(condition.avoid_moves & set(exercise.moves))
    return ", ".join(tags) if tags else "avoid_if"


def review(library: Library) -> list[ConditionReview]:
    rows = []
    for condition in library.conditions.values():
        avoided = tuple((e.id, _why_avoided(condition, e)) for e in library.exercises.values() if condition.avoids(e))
        cautioned = tuple((e.id, text) for e in library.exercises.values() if not condition.avoids(e)
                          for text in condition.cautions_for(e))
        rows.append(ConditionReview(condition, avoided, cautioned))
    return rows
