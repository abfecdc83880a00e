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


@dataclass(frozen=True)
class GroupReadability:
    """The grade of one kind of safety or purpose text across the library."""

    group: str
    count: int
    mean_grade: float
    max_grade: float
    hardest: str

    def __str__(self) -> str:
        return (f"readability of {self.group}: mean grade {self.mean_grade:.1f}, highest "
                f"{self.max_grade:.1f} ({self.count} texts)")


def safety_texts(library: Library) -> dict[str, list[str]]:
    """The texts a patient must understand to stay safe, and each exercise's reason, by kind."""
    flags = [flag.text for tier in library.red_flags for flag in tier.items]
    flags += [text for c in library.conditions.values() for text in c.reword_red_flags.values()]
    precautions = [c.precaution for c in library.conditions.values() if c.precaution]
    cautions = [text for c in library.conditions.values() for text in c.caution_moves.values()]
    cautions += [text for e in library.exercises.values() for text in (*e.cautions, *e.caution_if.values())]
    return {"red flags": flags, "precautions": precautions, "cautions": cautions,
            "purposes": [e.purpose for e in library.exercises.values() if e.purpose],
            "template reasons": [t.why for t in library.templates.values() if t.why]}


def groups_readability(library: Library) -> list[GroupReadability]:
    import textstat

    found = []
    for group, texts in safety_texts(library).items():
        if texts:
            grades = [textstat.flesch_kincaid_grade(text.replace("{emergency_number}", "911")) for text in texts]
            worst = max(range(len(texts)), key=grades.__getitem__)
            found.append(GroupReadability(group, len(texts), round(mean(grades), 1), round(grades[worst], 1),
                                          texts[worst]))
    return found


# Fernández-Huerta reading ease for Spanish (0-100, higher is easier): 70-80 "fairly easy",
# 80-90 "easy". Below 60 is "somewhat hard", too hard for a patient handout.
WARN_READING_EASE = 60.0


@dataclass(frozen=True)
class SpanishReadability:
    exercise_id: str
    reading_ease: float

    def warnings(self) -> list[str]:
        if self.reading_ease < WARN_READING_EASE:
            return [f"Spanish steps score {self.reading_ease:.0f} (Fernández-Huerta); aim for "
                    f"{WARN_READING_EASE:.0f} or more (shorter sentences, shorter words)"]
        return []


def spanish_readability(library: Library) -> list[SpanishReadability]:
    """The Fernández-Huerta score of each exercise's steps, for a library in Spanish."""
    import textstat

    textstat.set_lang("es")  # textstat's language is global: set it back for the English measures
    try:
        return [SpanishReadability(e.id, round(textstat.fernandez_huerta(" ".join(e.steps)), 1))
                for e in library.exercises.values()]
    finally:
        textstat.set_lang("en_US")


def spanish_summary(results: list[SpanishReadability]) -> str:
    hardest = min(results, key=lambda r: r.reading_ease)
    return (f"readability in Spanish: mean Fernández-Huerta {mean(r.reading_ease for r in results):.1f}, "
            f"lowest {hardest.reading_ease:.1f} ({hardest.exercise_id}); {len(results)} exercises")
