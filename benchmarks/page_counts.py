"""Page counts of every bundled layout on Letter and A4, as the printed-page issue measures
them: pictures on, a clinic header, a patient, a clinician and a note; 1, 3, 5 and 8
exercises from the lower-back starter set and beyond. Prints a Markdown table for the
README, with the budget each layout aims for.

    python benchmarks/page_counts.py
"""

from __future__ import annotations

import datetime as dt

from backpdf.layout_file import bundled_layouts
from backpdf.library_file import load_library
from backpdf.model import Clinic, ProgramEntry
from backpdf.pipeline import make_handout
from backpdf.program import Request

IDS = ("pelvic-tilt", "bridge", "bird-dog", "knee-to-chest", "cat-cow", "heel-slide", "piriformis-stretch",
       "childs-pose")
COUNTS = (1, 3, 5, 8)
BUDGET = {"standard": "1 / 2 / 3 / 4", "compact": "8 on 3", "one-per-page": "5 on 6", "large-print": "5 on 7",
          "checklist": "6 rows on page 1; 4 in all"}
# The most pages each layout may take today, for 1 / 3 / 5 / 8 exercises on Letter and A4:
# the closest to BUDGET reached at the type sizes the layouts had (tests/test_page_budget.py
# holds them, so a change that costs paper fails). BUDGET is out of reach at those sizes:
# see the README's page-count section for the heights that decide it.
REACHED = {"standard": (2, 3, 4, 5), "compact": (2, 3, 4, 5), "large-print": (5, 8, 11, 15),
           "one-per-page": (5, 7, 9, 12), "checklist": (2, 3, 4, 6)}
CLINIC = Clinic(name="Riverside Physio", address="12 River Road, Springfield", phone="555-0100",
                website="https://riverside-physio.example", video_base_url="https://riverside-physio.example/v/")


def handout(library, layout: str, paper: str, count: int):
    """The measured handout: its Result (`.pages`, `.pdf`)."""
    request = Request(entries=tuple(ProgramEntry(i) for i in IDS[:count]), patient="Maria Lopez",
                      clinician="Ana Ruiz, PT", note="Start with exercises 1 to 3. Add the rest next week.",
                      layout=layout, paper=paper)
    return make_handout(request, library, CLINIC, dt.date(2026, 3, 2))


def pages(library, layout: str, paper: str, count: int) -> int:
    return handout(library, layout, paper, count).pages


def main() -> None:
    library = load_library()
    print("| layout | paper | " + " | ".join(f"{n} exercise{'s' if n > 1 else ''}" for n in COUNTS)
          + " | budget (pages) |")
    print("|---|---|" + "---|" * (len(COUNTS) + 1))
    for layout in sorted(name for name in bundled_layouts() if not name.startswith("_")):
        for paper in ("letter", "a4"):
            counts = " | ".join(str(pages(library, layout, paper, n)) for n in COUNTS)
            print(f"| {layout} | {paper} | {counts} | {BUDGET.get(layout, '')} |")


if __name__ == "__main__":
    main()
