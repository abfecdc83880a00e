"""Exercise pictures (PNG, JPEG, SVG): opened and checked before anything is drawn.

A library's pictures come from anywhere a clinic found them, so each is treated as
untrusted input:

* PNG and JPEG are opened with Pillow, with a pixel limit (`MAX_PIXELS`): a small file that
  unpacks to gigabytes (a "decompression bomb") is refused instead of filling memory.
  Every picture is decoded once in full, so a cut-short file fails here, in words, not as
  a traceback halfway through a PDF.
* SVG is parsed by lxml with entities, DTD loading and network access off, and refused if
  it declares entities or refers to anything outside itself (another file, a web
  address, an embedded raster): an SVG cannot make backpdf read a file or open a
  connection. Only then is it converted by svglib, whose text is set in the embedded font.

`with_pictures` is the one call the pipeline makes, while resolving: it reads and checks
each exercise's picture once and hands the renderer a `Picture` it can draw without
opening a file. A bad picture is an error naming the exercise and the file, or (with
missing="skip") a warning and the exercise without it.
"""

from __future__ import annotations

import hashlib
import io
import logging
import math
import warnings
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from stat import S_ISREG

from backpdf import typeface
from backpdf.drawn_pictures import handout_picture
from backpdf.errors import BackpdfError
from backpdf.files import read_regular_file
from backpdf.model import Handout, HandoutExercise, Picture

MAX_PIXELS = 40_000_000          # a 40-megapixel photo is far more than any handout needs
MAX_SVG_BYTES = 2 * 1024 * 1024
MAX_RASTER_BYTES = 50 * 1024 * 1024
MIN_SVG_SIDE, MAX_SVG_SIDE = 1.0, 100_000.0  # points: under 0.4 mm to 35 m
MAX_SVG_NUMBER = 1e7
RASTER_FORMATS = ("PNG", "JPEG", "MPO")  # MPO: a phone's JPEG with extra frames; the first is used
# JPEG segments that are kept: the JFIF header, the ICC colour profile and Adobe's colour
# transform flag (APPn), besides the image data itself. Every other APPn (EXIF with the
# camera owner and GPS, XMP, IPTC, MPF's extra frames) and comments (COM) are left out.
_KEPT_APP_SEGMENTS = {0xE0: b"JFIF\0", 0xE2: b"ICC_PROFILE\0", 0xEE: b"Adobe"}
MISSING_CHOICES = ("error", "skip")
_SVG_NS = "{http://www.w3.org/2000/svg}"
_HREFS = ("{http://www.w3.org/1999/xlink}href", "href")



class ImageProblem(Exception):
    """Why a picture cannot be used, in words that finish "image PATH ..."."""


def open_picture(path: Path) -> Picture:
    """The picture at `path`, checked; raises ImageProblem. Cached per file version, so a
    batch checks each picture once per process."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise ImageProblem("was not found") from None
    except OSError as exc:
        raise ImageProblem(f"cannot be read ({exc.strerror})") from None
    if not S_ISREG(stat.st_mode):
        raise ImageProblem("is not a regular file (a folder, pipe or device)")
    return _open_cached(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=256)
def _open_cached(path: str, _mtime_ns: int, _size: int) -> Picture:
    if path.lower().endswith(".svg"):
        return _open_svg(Path(path))
    return _open_raster(Path(path))


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:24]


def _read(path: Path, limit: int) -> bytes:
    """The file's bytes; opened without waiting and checked again once open, so a file
    swapped for a pipe or device since `open_picture` looked cannot hang or flood us."""
    try:
        return read_regular_file(path, limit)
    except BackpdfError as exc:
        raise ImageProblem(exc.problems[0].message) from None


def _open_raster(path: Path) -> Picture:
    from PIL import Image, UnidentifiedImageError

    data = _read(path, MAX_RASTER_BYTES)
    with warnings.catch_warnings():
        # Pillow warns above its own limit and refuses above twice that; both are ours to
        # refuse, in words.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data)) as image:
                if image.format not in RASTER_FORMATS:
                    raise ImageProblem(f"is a {image.format} picture; use PNG, JPEG or SVG")
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise ImageProblem(_too_big(width, height))
                image.load()  # decodes everything: a cut-short file fails here
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise ImageProblem(_too_big()) from None
        except UnidentifiedImageError:
            raise ImageProblem("is not a PNG, JPEG or SVG picture") from None
        except (OSError, SyntaxError, ValueError) as exc:
            raise ImageProblem(f"is damaged or cut short ({exc})") from None
    if not width or not height:
        raise ImageProblem("has no size")
    clean = data if image.format == "PNG" else jpeg_without_metadata(data)
    return Picture(float(width), float(height), _digest(data), data=clean)


def jpeg_without_metadata(data: bytes) -> bytes:
    """The first image of a JPEG (or MPO) file, byte for byte, without its metadata.

    reportlab copies a JPEG's bytes into the PDF as they are, so EXIF (artist, camera
    serial number, GPS position), XMP, IPTC and comments would reach every handout. Segments
    are copied or dropped whole, so the pixels are the same and nothing is re-compressed.
    """
    if not data.startswith(b"\xff\xd8"):
        raise ImageProblem("is damaged (not a JPEG stream)")
    kept = [b"\xff\xd8"]
    i = 2
    while i < len(data):
        if data[i] != 0xFF:
            raise ImageProblem("is damaged (a JPEG segment is out of place)")
        while i < len(data) and data[i] == 0xFF:  # fill bytes before a marker
            i += 1
        if i >= len(data):
            break
        marker = data[i]
        i += 1
        if marker == 0xD9:  # end of the first image: any further frames (MPO) are dropped
            kept.append(b"\xff\xd9")
            return b"".join(kept)
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:  # markers without a length
            kept.append(bytes((0xFF, marker)))
            continue
        length = int.from_bytes(data[i:i + 2], "big")
        segment = data[i:i + length]
        i += length
        if marker == 0xFE or (0xE0 <= marker <= 0xEF
                              and not segment[2:].startswith(_KEPT_APP_SEGMENTS.get(marker, b"-"))):
            continue
        kept.append(bytes((0xFF, marker)) + segment)
        if marker == 0xDA:  # start of scan: entropy-coded data up to the next real marker
            end = _end_of_scan(data, i)
            kept.append(data[i:end])
            i = end
    raise ImageProblem("is damaged or cut short (the JPEG has no end marker)")


def _end_of_scan(data: bytes, start: int) -> int:
    """Where the entropy-coded data that starts at `start` ends: the first 0xFF that is
    neither a stuffed byte (0xFF00) nor a restart marker (0xFFD0-D7)."""
    i = data.find(b"\xff", start)
    while i != -1 and i + 1 < len(data) and (data[i + 1] == 0 or 0xD0 <= data[i + 1] <= 0xD7):
        i = data.find(b"\xff", i + 2)
    return len(data) if i == -1 else i


def _too_big(width: int | None = None, height: int | None = None) -> str:
    size = f"{width} x {height} pixels" if width else "far too many pixels"
    return (f"is too large: {size} (at most {MAX_PIXELS // 1_000_000} million); "
            "make it smaller, 2000 pixels wide is plenty for print")


def _open_svg(path: Path) -> Picture:
    from lxml import etree

    data = _read(path, MAX_SVG_BYTES)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, remove_comments=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ImageProblem(f"is not a readable SVG file ({exc})") from None
    _check_self_contained(root)
    if root.tag != f"{_SVG_NS}svg":
        raise ImageProblem("is not an SVG picture (its top element is not <svg>)")
    drawing = _svg_drawing(path, root)
    _check_svg_size(drawing.width, drawing.height)
    _check_svg_drawing(drawing)
    return Picture(float(drawing.width), float(drawing.height), _digest(data), drawing=drawing)


def _check_svg_size(width, height) -> None:
    """A size the page can scale: a number, above zero, not astronomically large or thin.
    (NaN wrote an invalid PDF; 1e308 overflowed while scaling; a negative size drew nothing.)"""
    if not width or not height:
        raise ImageProblem("has no size (give the <svg> a width and height or a viewBox)")
    for side, value in (("width", width), ("height", height)):
        if not math.isfinite(value) or value <= 0:
            raise ImageProblem(f"has an impossible {side} ({value:g}); give the <svg> a positive "
                               "width and height or viewBox")
        if not MIN_SVG_SIDE <= value <= MAX_SVG_SIDE:
            raise ImageProblem(f"has a {side} of {value:g} points; it must be from {MIN_SVG_SIDE:g} "
                               f"to {MAX_SVG_SIDE:g} (check the units of the width, height or viewBox)")


def _check_svg_drawing(drawing) -> None:
    """Every number a shape carries must be finite and within reason (a NaN or 1e308 in
    a coordinate reaches the PDF as text no viewer can read), and every text must be
    printable in the embedded font, like any other text of the handout."""
    texts = []
    for node in _svg_nodes(drawing):
        for name, value in vars(node).items():
            numbers = value if isinstance(value, (list, tuple)) else (value,)
            for number in numbers:
                if isinstance(number, float) and not (math.isfinite(number) and abs(number) <= MAX_SVG_NUMBER):
                    raise ImageProblem(f"has a shape with an impossible {name.lstrip('_')} ({number:g})")
        if isinstance(getattr(node, "text", None), str):
            texts.append(("has text", node.text))
    try:
        typeface.check_printable(texts)
    except BackpdfError as exc:
        raise ImageProblem(str(exc)) from None


def _svg_nodes(node):
    yield node
    for child in getattr(node, "contents", ()):
        yield from _svg_nodes(child)


def _check_self_contained(root) -> None:
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and list(dtd.iterentities()):
        raise ImageProblem("declares XML entities, which can pull in other files; "
                           "save the SVG again without a DOCTYPE")
    for element in root.iter():
        for attribute in _HREFS:
            target = element.get(attribute)
            if target is not None and not target.strip().startswith("#"):
                shown = target if len(target) <= 60 else target[:57] + "..."
                raise ImageProblem(f"refers to {shown!r} outside itself; backpdf only prints "
                                   "self-contained SVG pictures (no linked files, web "
                                   "addresses or embedded photos)")


class _EmbeddedFonts:
    """svglib's font lookup, answered with the handout's embedded family: no font search
    on the system, and no unembedded PDF fonts in the output."""

    def find_font(self, name, weight="normal", style="normal"):
        return (typeface.BOLD if str(weight) in ("bold", "bolder", "600", "700", "800", "900")
                else typeface.REGULAR), True


def _svg_drawing(path: Path, root):
    from svglib.svglib import SvgRenderer

    # svglib reports what it cannot draw through logging; without a handler Python would
    # print those lines on stderr in the middle of the CLI's own messages.
    svglib_log = logging.getLogger("svglib")
    if not svglib_log.handlers:
        svglib_log.addHandler(logging.NullHandler())
    typeface.register_fonts()
    try:
        drawing = SvgRenderer(str(path), font_map=_EmbeddedFonts()).render(root)
    except Exception as exc:  # svglib's own failures on odd input, reported as such
        raise ImageProblem(f"could not be converted ({type(exc).__name__}: {exc})") from None

    def embed_fonts(node) -> None:
        # svglib names Helvetica (unembedded) for text without a font-family, on text and
        # on groups alike; everything is drawn in the handout's own family instead.
        if getattr(node, "fontName", None) not in (None, typeface.REGULAR, typeface.BOLD):
            node.fontName = typeface.BOLD if "bold" in node.fontName.lower() else typeface.REGULAR
        for child in getattr(node, "contents", ()):
            embed_fonts(child)

    drawing.initialFontName = typeface.REGULAR
    embed_fonts(drawing)
    return drawing


def _message(exercise: HandoutExercise, problem: ImageProblem) -> str:
    return f"exercise '{exercise.id}': image {exercise.exercise.image} {problem}"


def with_pictures(handout: Handout, missing: str = "error", box_mm: tuple[float, float] | None = None,
                  thumbnail_mm: float | None = None) -> tuple[Handout, list[str]]:
    """The handout with every exercise's picture read, checked and attached: the clinic's
    own `image:` file where there is one, else (given the layout's picture box) the
    pictogram drawn from the exercise's pose data.

    missing="error": the first unusable picture raises a BackpdfError naming the exercise
    and the file. missing="skip": unusable pictures are left out and each is reported in
    the returned warnings; the exercise is still printed in full.
    """
    if missing not in MISSING_CHOICES:
        raise ValueError(f"missing must be one of {MISSING_CHOICES}, not {missing!r}")
    notices: list[str] = []
    exercises = []
    for exercise in handout.exercises:
        if exercise.exercise.image is not None:
            try:
                exercise = replace(exercise, picture=open_picture(exercise.exercise.image))
            except ImageProblem as problem:
                if missing == "error":
                    raise BackpdfError(_message(exercise, problem)) from None
                notices.append(_message(exercise, problem) + "; printed without its picture")
        elif exercise.exercise.picture is not None and box_mm is not None:
            pose = exercise.exercise.picture
            thumbnail = handout_picture(pose, (thumbnail_mm, thumbnail_mm)) if thumbnail_mm else None
            exercise = replace(exercise, picture=handout_picture(pose, box_mm), thumbnail=thumbnail)
        exercises.append(exercise)
    return replace(handout, exercises=tuple(exercises)), notices
