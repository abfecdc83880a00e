"""Plain-language wording of doses, for readers with limited health literacy.

Whole numbers as digits, one instruction per sentence, nothing to calculate:
"Repeat 8 times on each side. Hold each for 5 seconds. Do 2 sets. Do this once a day,
every day." On the page the dose is a panel of big numbers with words (`dose_cells`), and
the checklist row uses the same words in one line.

Every word comes from the handout language's catalog (`i18n`): each message is written out
here in English, as a whole sentence or phrase with its {placeholders}, so `pybabel extract`
finds it and a translator sees what it means; plurals go through ngettext, so the
catalog's plural rule decides "1 vez" / "10 veces".
"""

from __future__ import annotations

from backpdf.i18n import DEFAULT_LANGUAGE, Translator, translator
from backpdf.model import Dose, DoseCell

ENGLISH = translator(DEFAULT_LANGUAGE)


def _side_phrase(sides: str | None, tr: Translator) -> str:
    """The words a dose sentence ends with for its sides: " on each side", or nothing."""
    if sides == "each":
        return tr.gettext(" on each side")
    if sides == "alternate":
        return tr.gettext(" on each side, taking turns")
    return ""


def _per_day(times: int, tr: Translator) -> str:
    if times == 1:
        return tr.gettext("once a day")
    if times == 2:
        return tr.gettext("twice a day")
    return tr.gettext("{n} times a day").format(n=times)


def _how_often(times_per_day: int | None, days_per_week: int | None, tr: Translator) -> str | None:
    if times_per_day is None and days_per_week is None:
        return None
    parts = []
    if times_per_day is not None:
        parts.append(_per_day(times_per_day, tr))
    if days_per_week is not None:
        parts.append(tr.gettext("every day") if days_per_week == 7 else
                     tr.ngettext("on {n} day a week", "on {n} days a week", days_per_week).format(n=days_per_week))
    return tr.gettext("Do this {when}.").format(when=", ".join(parts))


def dose_sentences(dose: Dose, tr: Translator = ENGLISH) -> list[str]:
    """The dose as short sentences, in the order a patient does them."""
    side = _side_phrase(dose.sides, tr)
    sentences = []
    if dose.minutes is not None:
        sentences.append(tr.ngettext("Keep going for {n} minute{side}.", "Keep going for {n} minutes{side}.",
                                     dose.minutes).format(n=dose.minutes, side=side))
    if dose.reps is not None:
        sentences.append(tr.ngettext("Do this {n} time{side}.", "Repeat {n} times{side}.",
                                     dose.reps).format(n=dose.reps, side=side))
    if dose.hold_seconds is not None:
        n = dose.hold_seconds
        if dose.reps is not None and dose.reps > 1:
            sentences.append(tr.ngettext("Hold each for {n} second.", "Hold each for {n} seconds.", n).format(n=n))
        else:
            sentences.append(tr.ngettext("Hold for {n} second{side}.", "Hold for {n} seconds{side}.", n)
                             .format(n=n, side=side if dose.reps is None else ""))
    if dose.sets is not None and dose.sets > 1:
        sentences.append(tr.ngettext("Do {n} set.", "Do {n} sets.", dose.sets).format(n=dose.sets))
    often = _how_often(dose.times_per_day, dose.days_per_week, tr)
    if often:
        sentences.append(often)
    return sentences


def dose_cells(dose: Dose, tr: Translator = ENGLISH) -> tuple[DoseCell, ...]:
    """The dose as a row of numbers with words, for the panel on each card and the
    checklist row: "10 times each side", "hold 5 seconds", "2 sets", "1 time a day",
    "5 days a week". Whole numbers as digits, no abbreviations, nothing to work out."""
    each = dose.sides in ("each", "alternate")
    side = " " + tr.gettext("each side") if each else ""
    cells = []
    if dose.minutes is not None:
        cells.append(DoseCell("", dose.minutes, tr.ngettext("minute", "minutes", dose.minutes) + side))
    if dose.reps is not None:
        cells.append(DoseCell("", dose.reps, tr.ngettext("time", "times", dose.reps) + side))
    if dose.hold_seconds is not None:
        after = tr.ngettext("second", "seconds", dose.hold_seconds)
        after += side if dose.reps is None and dose.minutes is None else ""
        cells.append(DoseCell(tr.gettext("hold"), dose.hold_seconds, after))
    if dose.sets is not None and dose.sets > 1:
        cells.append(DoseCell("", dose.sets, tr.ngettext("set", "sets", dose.sets)))
    if dose.times_per_day is not None:
        cells.append(DoseCell("", dose.times_per_day,
                              tr.ngettext("time", "times", dose.times_per_day) + " " + tr.gettext("a day")))
    if dose.days_per_week is not None:
        cells.append(DoseCell("", dose.days_per_week,
                              tr.ngettext("day", "days", dose.days_per_week) + " " + tr.gettext("a week")))
    return tuple(cells)


def dose_short(dose: Dose, tr: Translator = ENGLISH) -> str:
    """The dose in one line of the same words as the panel, for tables with little room."""
    return ", ".join(cell.words for cell in dose_cells(dose, tr))


SECONDS_PER_REP = 4      # a slow, controlled repetition, without its hold
SECONDS_TO_SET_UP = 30   # getting into position, changing sides, a short rest


def minutes_needed(dose: Dose) -> float:
    """A generous estimate of how long one session of an exercise takes."""
    if dose.minutes is not None:
        return dose.minutes
    sides = 2 if dose.sides in ("each", "alternate") else 1
    per_rep = SECONDS_PER_REP + (dose.hold_seconds or 0)
    return (SECONDS_TO_SET_UP + (dose.reps or 1) * (dose.sets or 1) * sides * per_rep) / 60


def program_summary(doses: tuple[Dose, ...], tr: Translator = ENGLISH) -> str:
    """The page-1 summary: "Do these 5 exercises once a day. It takes about 15 minutes."

    Minutes are rounded up to a multiple of 5: a patient should find it takes less time
    than promised, not more.
    """
    count = len(doses)
    what = tr.ngettext("Do this exercise", "Do these {n} exercises", count).format(n=count)
    per_day = {d.times_per_day for d in doses}
    times = next(iter(per_day))
    often = " " + _per_day(times, tr) if len(per_day) == 1 and times is not None else ""
    minutes = int(max(5, -(-sum(minutes_needed(d) for d in doses) // 5) * 5))
    return f"{what}{often}. " + tr.gettext("It takes about {minutes} minutes.").format(minutes=minutes)
