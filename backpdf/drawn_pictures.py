"""Exercise pictograms drawn from the library's pose data, sized for a layout's picture box.

Each picture is drawn at the size it prints (line widths are set in printed millimetres,
so it is never scaled afterwards), with the picture's own proportions fitted into the box.
Drawings are kept per pose data and size, so a batch draws each picture once per worker.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache

from backpdf import typeface
from backpdf.model import Picture


def drawn_picture(pose: dict, box_mm: tuple[float, float]) -> Picture:
    """The pictogram for `pose` (an exercise's checked `picture:` block), as large as fits
    in `box_mm` (width, height)."""
    return _drawn(json.dumps(pose, sort_keys=True), round(box_mm[0], 2), round(box_mm[1], 2))


@lru_cache(maxsize=512)
def _drawn(pose_json: str, box_w: float, box_h: float) -> Picture:
    from backpdf.figures import drawing, natural_size, picture_from_data, solve

    spec = picture_from_data(json.loads(pose_json))
    geometry = solve(spec)
    width, height = natural_size(spec, max(box_w, box_h), geometry)
    fit = min(box_w / width, box_h / height)
    width, height = width * fit, height * fit
    drawn = drawing(spec, width, height, geometry)
    # A Drawing starts its text state in Helvetica, an unembedded font; pictograms hold no
    # text, but the font would still be named in the PDF.
    typeface.register_fonts()
    drawn.initialFontName = typeface.REGULAR
    key = hashlib.sha256(f"{pose_json}:{width:.2f}x{height:.2f}".encode()).hexdigest()[:24]
    return Picture(float(drawn.width), float(drawn.height), key, drawing=drawn)
