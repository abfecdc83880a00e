"""Plain-language wording of doses, for readers with limited health literacy.

Whole numbers as digits, one instruction per sentence, nothing to calculate:
"Repeat 8 times on each side. Hold each for 5 seconds. Do 2 sets. Do this once a day,
every day." On the page the dose is a panel of big numbers with words (`dose_cells`), and
the checklist row uses the same words in one line.
"""

from __future__ import annotations

from backpdf.model import Dose, DoseCell

_SIDE_PHRASES = {
    "each": " on each side",
    "alternate": " on each side, taking turns",
    "both": "",
}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _how_often(times_per_day: int | None, days_per_week: int | None) -> str | None:
    if times_per_day is None and days_per_week is None:
        return None
    parts = []
    if times_per_day is not None:
        parts.append({1: "once a day", 2: "twice a day"}.get(times_per_day, f"{times_per_day} times a day"))
    if days_per_week is not None:
        parts.append("every day" if days_per_week == 7 else f"on {_plural(days_per_week, 'day')} a week")
    return "Do this " + ", ".join(parts) + "."


def dose_sentences(dose: Dose) -> list[str]:
    """The dose as short sentences, in the order a patient does them."""
    side = _SIDE_PHRASES.get(dose.sides or "both", "")
    sentences = []
    if dose.minutes is not None:
        sentences.append(f"Keep going for {_plural(dose.minutes, 'minute')}{side}.")
    if dose.reps is not None:
        if dose.reps == 1:
            sentences.append(f"Do this 1 time{side}.")
        else:
            sentences.append(f"Repeat {dose.reps} times{side}.")
    if dose.hold_seconds is not None:
        held = _plural(dose.hold_seconds, "second")
        if dose.reps is None:
            sentences.append(f"Hold for {held}{side}.")
        else:
            sentences.append(f"Hold {'each ' if dose.reps > 1 else ''}for {held}.")
    if dose.sets is not None and dose.sets > 1:
        sentences.append(f"Do {dose.sets} sets.")
    often = _how_often(dose.times_per_day, dose.days_per_week)
    if often:
        sentences.append(often)
    return sentences


def dose_cells(dose: Dose) -> tuple[DoseCell, ...]:
    """The dose as a row of numbers with words, for the panel on each card and the
    checklist row: "10 times each side", "hold 5 seconds", "2 sets", "1 time a day",
    "5 days a week". Whole numbers as digits, no abbreviations, nothing to work out."""
    each = dose.sides in ("each", "alternate")
    side = " each side" if each else ""
    cells = []
    if dose.minutes is not None:
        cells.append(DoseCell("", dose.minutes, _word(dose.minutes, "minute") + side))
    if dose.reps is not None:
        cells.append(DoseCell("", dose.reps, _word(dose.reps, "time") + side))
    if dose.hold_seconds is not None:
        after = _word(dose.hold_seconds, "second") + (side if dose.reps is None and dose.minutes is None else "")
        cells.append(DoseCell("hold", dose.hold_seconds, after))
    if dose.sets is not None and dose.sets > 1:
        cells.append(DoseCell("", dose.sets, "sets"))
    if dose.times_per_day is not None:
        cells.append(DoseCell("", dose.times_per_day, _word(dose.times_per_day, "time") + " a day"))
    if dose.days_per_week is not None:
        cells.append(DoseCell("", dose.days_per_week, _word(dose.days_per_week, "day") + " a week"))
    return tuple(cells)


def _word(n: int, word: str) -> str:
    return word if n == 1 else word + "s"


def dose_short(dose: Dose) -> str:
    """The dose in one line of the same words as the panel, for tables with little room."""
    return ", ".join(cell.words for cell in dose_cells(dose))


SECONDS_PER_REP = 4      # a slow, controlled repetition, without its hold
SECONDS_TO_SET_UP = 30   # getting into position, changing sides, a short rest


def minutes_needed(dose: Dose) -> float:
    """A generous estimate of how long one session of an exercise takes."""
    if dose.minutes is not None:
        return dose.minutes
    sides = 2 if dose.sides in ("each", "alternate") else 1
    per_rep = SECONDS_PER_REP + (dose.hold_seconds or 0)
    return (SECONDS_TO_SET_UP + (dose.reps or 1) * (dose.sets or 1) * sides * per_rep) / 60


def program_summary(doses: tuple[Dose, ...]) -> str:
    """The page-1 summary: "Do these 5 exercises once a day. It takes about 15 minutes."

    Minutes are rounded up to a multiple of 5: a patient should find it takes less time
    than promised, not more.
    """
    count = len(doses)
    what = "Do this exercise" if count == 1 else f"Do these {count} exercises"
    per_day = {d.times_per_day for d in doses}
    often = ""
    times = next(iter(per_day))
    if len(per_day) == 1 and times is not None:
        often = " " + {1: "once a day", 2: "twice a day"}.get(times, f"{times} times a day")
    minutes = max(5, -(-sum(minutes_needed(d) for d in doses) // 5) * 5)
    return f"{what}{often}. It takes about {int(minutes)} minutes."
