"""Render the layout gallery: page 1 of every bundled layout, as small PNGs in docs/gallery/.

Run from the repository root after changing a layout or the renderer, and commit the PNGs:

    python docs/make_gallery.py

The handout is realistic on purpose (a patient, a clinician's note, 5 exercises, two with
pictures, a clinic with its own video site), so a clinic can choose a layout by looking.
Needs the test extra (pypdfium2) to turn PDF pages into pictures.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pypdfium2

from backpdf.images import with_pictures
from backpdf.layout_file import bundled_layouts, find_layout
from backpdf.library_file import load_library
from backpdf.model import Clinic, ProgramEntry
from backpdf.program import Request, resolve
from backpdf.render import render

HERE = Path(__file__).resolve().parent
OUT = HERE / "gallery"
DPI = 70
EXERCISES = ("pelvic-tilt", "bridge", "bird-dog", "cat-cow", "knee-to-chest")
PICTURES = {"pelvic-tilt": "pelvic-tilt.svg", "bridge": "bridge.svg"}
# Layouts whose page 1 shows no exercise also get their first exercise page shown.
EXERCISE_PAGE_TOO = ("one-per-page",)


def gallery_handout():
    clinic = Clinic(name="Riverside Physio", address="12 River Road, Springfield",
                           phone="555-0100", video_base_url="https://riverside-physio.example/v/")
    request = Request(entries=tuple(ProgramEntry(i) for i in EXERCISES), patient="Maria Lopez",
                      clinician="Ana Ruiz, PT", note="Start with exercises 1 to 3. Add 4 and 5 next week.")
    handout, _ = resolve(request, load_library(), clinic, dt.date(2026, 3, 2))
    exercises = tuple(replace(ex, exercise=replace(ex.exercise, image=OUT / "pictures" / PICTURES[ex.id]))
                      if ex.id in PICTURES else ex for ex in handout.exercises)
    return with_pictures(replace(handout, exercises=exercises))[0]


def save_page(pdf: pypdfium2.PdfDocument, index: int, path: Path) -> None:
    image = pdf[index].render(scale=DPI / 72).to_pil().convert("L")
    image.save(path, optimize=True)
    print(f"wrote {path.relative_to(HERE.parent)} ({path.stat().st_size // 1024} KB)")


def main() -> None:
    handout = gallery_handout()
    for name in (n for n in bundled_layouts() if not n.startswith("_")):
        pdf = pypdfium2.PdfDocument(render(handout, find_layout(name), "letter").data)
        save_page(pdf, 0, OUT / f"{name}.png")
        if name in EXERCISE_PAGE_TOO:
            first = handout.exercises[0]
            index = next(i for i, page in enumerate(pdf)
                         if f"{first.number}. {first.exercise.name}" in page.get_textpage().get_text_range())
            save_page(pdf, index, OUT / f"{name}-exercise.png")


if __name__ == "__main__":
    main()
