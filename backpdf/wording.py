"""Plain-language wording of doses, for readers with limited health literacy.

Whole numbers as digits, one instruction per sentence, nothing to calculate:
"Repeat 8 times on each side. Hold each for 5 seconds. Do 2 sets. Do this once a day,
every day." The short form ("8x each side, hold 5 s, 2 sets") is for tables with little room.
"""

from __future__ import annotations

from backpdf.model import Dose

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


def dose_short(dose: Dose) -> str:
    """A compact dose for tables: "8x each side, hold 5 s, 2 sets, 1x a day"."""
    parts = []
    side = {"each": " each side", "alternate": " each side"}.get(dose.sides or "", "")
    if dose.minutes is not None:
        parts.append(f"{dose.minutes} min{side}")
    if dose.reps is not None:
        parts.append(f"{dose.reps}x{side}")
    if dose.hold_seconds is not None:
        parts.append(f"hold {dose.hold_seconds} s" + (side if dose.reps is None else ""))
    if dose.sets is not None and dose.sets > 1:
        parts.append(f"{dose.sets} sets")
    if dose.times_per_day is not None:
        parts.append(f"{dose.times_per_day}x a day")
    if dose.days_per_week is not None and dose.days_per_week != 7:
        parts.append(f"{dose.days_per_week} days a week")
    return ", ".join(parts)
