"""How hard each exercise's steps are to read, measured (Flesch-Kincaid grade, words/step).

Patients are often older adults with limited health literacy; the bundled library aims for
grade 6-7 and short steps. `backpdf validate` prints these figures and warns above the
limits below, so a clinic editing its own library sees when wording drifts.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import mean

from backpdf.model import Exercise, Library

WARN_GRADE = 8.0
WARN_WORDS_PER_STEP = 20


@dataclass(frozen=True)
class StepsReadability:
    exercise_id: str
    grade: float
    mean_words: float
    max_words: int

    def warnings(self) -> list[str]:
        found = []
        if self.grade > WARN_GRADE:
            found.append(f"steps read at grade {self.grade:.1f}; aim for {WARN_GRADE:.0f} or below "
                         "(shorter sentences, shorter words)")
        if self.max_words > WARN_WORDS_PER_STEP:
            found.append(f"a step has {self.max_words} words; keep each step to "
                         f"{WARN_WORDS_PER_STEP} or fewer, one action each")
        return found


def _words(text: str) -> int:
    return len(text.split())


def steps_readability(exercise: Exercise) -> StepsReadability:
    import textstat  # loaded only by `validate`

    counts = [_words(step) for step in exercise.steps]
    return StepsReadability(
        exercise_id=exercise.id,
        grade=round(textstat.flesch_kincaid_grade(" ".join(exercise.steps)), 1),
        mean_words=round(mean(counts), 1),
        max_words=max(counts),
    )


def library_readability(library: Library) -> list[StepsReadability]:
    return [steps_readability(e) for e in library.exercises.values()]


def summary(results: list[StepsReadability]) -> str:
    hardest = max(results, key=lambda r: r.grade)
    longest = max(r.max_words for r in results)
    return (f"readability: mean grade {mean(r.grade for r in results):.1f}, highest "
            f"{hardest.grade:.1f} ({hardest.exercise_id}); longest step {longest} words; "
            f"{len(results)} exercises")
