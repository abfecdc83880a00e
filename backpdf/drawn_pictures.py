"""Exercise pictograms drawn from the library's pose data, sized for a layout's picture box.

Each picture is drawn at the size it prints (line widths are set in printed millimetres,
so it is never scaled afterwards), with the picture's own proportions fitted into the box.
Drawings are kept per pose data and size, so a batch draws each picture once per worker.
A handout's pictures are also kept on disk as PDF operators (`pictures/` in the cache
folder): posing, solving and drawing them, with the imports and data files that takes,
was a third of a fresh `backpdf generate`.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache, lru_cache
from pathlib import Path

from backpdf import __version__, kept, typeface
from backpdf.model import Picture


def drawn_picture(pose: dict, box_mm: tuple[float, float]) -> Picture:
    """The pictogram for `pose` (an exercise's checked `picture:` block), as large as fits
    in `box_mm` (width, height), as a reportlab drawing."""
    return _drawn(json.dumps(pose, sort_keys=True), round(box_mm[0], 2), round(box_mm[1], 2))


def handout_picture(pose: dict, box_mm: tuple[float, float]) -> Picture:
    """`drawn_picture` as a handout prints it: as PDF operators, kept on disk, or as the
    drawing when its operators cannot be kept."""
    return _handout_picture(json.dumps(pose, sort_keys=True), round(box_mm[0], 2), round(box_mm[1], 2))


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


@lru_cache(maxsize=512)
def _handout_picture(pose_json: str, box_w: float, box_h: float) -> Picture:
    entry = f"{_drawing_code()}:{box_w}x{box_h}:{pose_json}"
    stored = _read_kept(entry)
    if stored is not None:
        return stored
    from backpdf.render.pictures import drawing_operators

    drawn = _drawn(pose_json, box_w, box_h)
    operators = drawing_operators(drawn.drawing)
    if operators is None:
        return drawn
    kept.keep("pictures", entry, json.dumps(
        {"width": drawn.width, "height": drawn.height, "key": drawn.key, "operators": operators}).encode())
    return Picture(drawn.width, drawn.height, drawn.key, operators=operators)


def _read_kept(entry: str) -> Picture | None:
    """The picture kept for `entry`, or None when there is none or it is not whole."""
    data = kept.read("pictures", entry)
    if data is None:
        return None
    try:
        stored = json.loads(data)
        width, height, key, operators = stored["width"], stored["height"], stored["key"], stored["operators"]
    except (ValueError, TypeError, KeyError):
        return None
    if not (isinstance(width, float) and isinstance(height, float) and isinstance(key, str)
            and isinstance(operators, str) and "/" not in operators):
        return None
    return Picture(width, height, key, operators=operators)


@cache
def _drawing_code() -> str:
    """A digest of everything a pictogram's operators depend on besides its pose and box:
    the drawing code and its data files, this module and the renderer's versions."""
    import reportlab

    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(f"{__version__}:{reportlab.Version}".encode())
    sources = sorted((package / "figures").glob("*.py")) + sorted((package / "figures").glob("*.yaml"))
    for source in (*sources, package / "drawn_pictures.py", package / "render" / "pictures.py"):
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()
