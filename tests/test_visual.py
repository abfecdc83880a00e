"""Each layout's pages and the picture contact sheet match their reference renders within
a tolerance that absorbs anti-aliasing, not a moved line or a changed picture."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import pytest
from PIL import ImageChops, ImageStat

from visual import REFERENCE, SPANISH, layout_names, pages, png_bytes, sample_pdf

MEAN_DIFFERENCE = 1.5      # of 255, over the page: a moved card or picture is far more
UPDATE = os.environ.get("BACKPDF_UPDATE_REFERENCES") == "1"


def references_of(name: str) -> list[Path]:
    """`name-1.png`, `name-2.png` ... in page order (not `standard-es-1.png` for "standard")."""
    found = [p for p in REFERENCE.glob(f"{name}-*.png") if re.fullmatch(rf"{re.escape(name)}-\d+", p.stem)]
    return sorted(found, key=lambda p: int(p.stem.rsplit("-", 1)[1]))


@pytest.mark.parametrize("name", [*layout_names(), SPANISH, "pictures"])
def test_pages_match_their_reference_renders(name):
    rendered = pages(sample_pdf(name))
    if UPDATE:
        for old in references_of(name):
            old.unlink()
        for number, image in enumerate(rendered, 1):
            (REFERENCE / f"{name}-{number}.png").write_bytes(png_bytes(image))
    references = references_of(name)
    assert len(references) == len(rendered), f"{name}: {len(rendered)} pages now, {len(references)} in the reference"
    from PIL import Image

    for number, (reference_path, image) in enumerate(zip(references, rendered), 1):
        reference = Image.open(reference_path).convert("L")
        assert reference.size == image.size, f"{name} page {number}: size changed"
        difference = ImageChops.difference(reference, image)
        mean = ImageStat.Stat(difference).mean[0]
        if mean > MEAN_DIFFERENCE:
            folder = Path(tempfile.mkdtemp(prefix=f"backpdf-visual-{name}-{number}-"))
            reference.save(folder / "before.png")
            image.save(folder / "after.png")
            difference.point(lambda v: 255 - min(255, v * 4)).save(folder / "difference.png")
            pytest.fail(f"{name} page {number} differs from its reference (mean {mean:.2f} > {MEAN_DIFFERENCE}); "
                        f"before/after in {folder}; if intended, BACKPDF_UPDATE_REFERENCES=1 pytest tests/test_visual.py")
