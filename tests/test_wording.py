"""Doses read as plain sentences with digits and nothing to calculate."""

import pytest

from backpdf.model import Dose
from backpdf.wording import dose_sentences, dose_short


@pytest.mark.parametrize("dose, expected", [
    (Dose(reps=8, sets=2, hold_seconds=5, sides="each", times_per_day=1, days_per_week=7),
     ["Repeat 8 times on each side.", "Hold each for 5 seconds.", "Do 2 sets.",
      "Do this once a day, every day."]),
    (Dose(hold_seconds=30, sides="each"), ["Hold for 30 seconds on each side."]),
    (Dose(reps=1, hold_seconds=1), ["Do this 1 time.", "Hold for 1 second."]),
    (Dose(reps=10, sides="alternate"), ["Repeat 10 times on each side, taking turns."]),
    (Dose(minutes=20, days_per_week=5), ["Keep going for 20 minutes.", "Do this on 5 days a week."]),
    (Dose(reps=12, sets=1, times_per_day=3), ["Repeat 12 times.", "Do this 3 times a day."]),
    (Dose(times_per_day=2, days_per_week=1), ["Do this twice a day, on 1 day a week."]),
    (Dose(), []),
])
def test_dose_sentences(dose, expected):
    assert dose_sentences(dose) == expected


def test_short_form_for_tables():
    dose = Dose(reps=8, sets=2, hold_seconds=5, sides="each", times_per_day=1, days_per_week=7)
    assert dose_short(dose) == "8x each side, hold 5 s, 2 sets, 1x a day"
    assert dose_short(Dose(minutes=15, days_per_week=5)) == "15 min, 5 days a week"


def test_program_dose_overrides_key_by_key():
    library_dose = Dose(reps=10, sets=2, hold_seconds=5)
    assert library_dose.merged(Dose(reps=6)) == Dose(reps=6, sets=2, hold_seconds=5)
