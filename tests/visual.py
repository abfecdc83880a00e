"""Reference renders: what each layout's pages and the picture contact sheet look like,
as small grey PNGs kept in tests/reference/, so a change to what is printed shows up as a
picture diff in review rather than slipping through.

    BACKPDF_UPDATE_REFERENCES=1 pytest tests/test_visual.py   # after an intended change

A failing comparison writes before / after / difference PNGs for review (the path is in
the failure message).
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pypdfium2
from PIL import Image

from backpdf.contact_sheet import contact_sheet
from backpdf.layout_file import bundled_layouts
from backpdf.library_file import load_library
from backpdf.model import Clinic, ProgramEntry
from backpdf.pipeline import make_handout
from backpdf.program import Request
from backpdf.vocabulary import paper_size_mm

REFERENCE = Path(__file__).parent / "reference"
DPI = 30
EXERCISES = ("pelvic-tilt", "bridge", "bird-dog", "cat-cow", "knee-to-chest")
CLINIC = Clinic(name="Riverside Physio", address="12 River Road, Springfield", phone="555-0100",
                video_base_url="https://riverside-physio.example/v/")


def layout_names() -> list[str]:
    return sorted(name for name in bundled_layouts() if not name.startswith("_"))


SPANISH = "standard-es"  # the standard layout, in Spanish


def sample_pdf(name: str) -> bytes:
    """The handout each layout is judged by, the Spanish one ("standard-es"), or the
    contact sheet ("pictures")."""
    library = load_library()
    if name == "pictures":
        return contact_sheet(library, paper_size_mm("letter"))[0]
    spanish = name == SPANISH
    request = Request(entries=tuple(ProgramEntry(i) for i in EXERCISES), patient="María López",
                      clinician="Ana Ruiz, PT", note="Empiece con los ejercicios 1 a 3." if spanish else
                      "Start with exercises 1 to 3. Add 4 and 5 next week.",
                      layout="standard" if spanish else name, language="es" if spanish else None)
    return make_handout(request, library, CLINIC, dt.date(2026, 3, 2)).pdf


def pages(pdf: bytes, dpi: int = DPI) -> list[Image.Image]:
    document = pypdfium2.PdfDocument(pdf)
    return [page.render(scale=dpi / 72).to_pil().convert("L") for page in document]


def png_bytes(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
