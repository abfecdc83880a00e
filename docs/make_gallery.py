"""Render the README gallery: the first pages of every bundled layout and every exercise
picture, as small PNGs in docs/gallery/.

Run from the repository root after changing a layout, the renderer or a picture, and
commit the PNGs:

    python docs/make_gallery.py

The handout is the one the reference renders use (tests/visual.py): a patient, a
clinician's note, 5 exercises with their pictures, a clinic with its own video site.
Needs the test extra (pypdfium2) to turn PDF pages into pictures.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from visual import SPANISH, layout_names, pages, sample_pdf  # noqa: E402

OUT = HERE / "gallery"
DPI = 60
PAGES_SHOWN = 2  # page 1 (red flags, first exercises) and page 2 (exercise cards)


def save(image, name: str) -> None:
    path = OUT / name
    image.save(path, optimize=True)
    print(f"wrote {path.relative_to(HERE.parent)} ({path.stat().st_size // 1024} KB)")


def main() -> None:
    for old in OUT.glob("*.png"):
        old.unlink()
    for name in [*layout_names(), SPANISH]:
        for number, image in enumerate(pages(sample_pdf(name), DPI)[:PAGES_SHOWN], 1):
            save(image, f"{name}-{number}.png")
    for number, image in enumerate(pages(sample_pdf("pictures"), 70), 1):
        save(image, f"pictures-{number}.png")


if __name__ == "__main__":
    main()
