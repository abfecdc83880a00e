"""Vector QR codes: the `qrcode` matrix traced into outlines and drawn as one filled path.

One even-odd path per code (instead of a rectangle per module, or a raster image) keeps the
PDF small, prints crisp at any resolution and shows no hairline seams between modules.
Both the matrix (its mask search costs ~13 ms) and the outline are cached per link, so a
batch run pays for each distinct link once per worker; the matrix is also kept on disk
(`qr/` in backpdf's cache folder), so a fresh `backpdf generate` encodes only new links.
"""

from __future__ import annotations

import re
from functools import lru_cache

from backpdf import kept

QUIET_ZONE_MODULES = 4
_SIZES = frozenset(21 + 4 * version for version in range(40))  # QR versions 1 to 40


@lru_cache(maxsize=4096)
def qr_matrix(url: str) -> tuple[tuple[bool, ...], ...]:
    """The QR code for `url` at error correction level M, without its quiet zone."""
    stored = _read_kept(url)
    if stored is not None:
        return stored
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    code.add_data(url)
    code.make(fit=True)
    matrix = tuple(tuple(bool(cell) for cell in row) for row in code.get_matrix())
    _keep(url, matrix)
    return matrix


_KEPT_FORMAT = "qr-M-v1"  # the encoding's settings, part of every kept entry's key


def _read_kept(url: str) -> tuple[tuple[bool, ...], ...] | None:
    """The matrix kept on disk for `url`, or None when there is none or it is not a whole,
    square QR matrix of a possible size (a damaged entry is ignored and written again)."""
    data = kept.read("qr", f"{_KEPT_FORMAT}:{url}")
    try:
        rows = data.decode("ascii").split() if data is not None else []
    except UnicodeDecodeError:
        return None
    if len(rows) not in _SIZES or any(len(row) != len(rows) or row.strip("01") for row in rows):
        return None
    return tuple(tuple(cell == "1" for cell in row) for row in rows)


def _keep(url: str, matrix: tuple[tuple[bool, ...], ...]) -> None:
    text = "\n".join("".join("1" if cell else "0" for cell in row) for row in matrix) + "\n"
    kept.keep("qr", f"{_KEPT_FORMAT}:{url}", text.encode("ascii"))


def _boundary_edges(matrix) -> dict:
    """Directed unit edges around every dark region, dark on the right (start -> end).

    Points are (x, y) in module units with y growing downward, as rows are read.
    """
    size = len(matrix)

    def dark(r: int, c: int) -> bool:
        return 0 <= r < size and 0 <= c < size and matrix[r][c]

    edges: dict = {}
    for r in range(size):
        for c in range(size):
            if not matrix[r][c]:
                continue
            if not dark(r - 1, c):
                edges.setdefault((c, r), []).append((c + 1, r))          # top, left to right
            if not dark(r, c + 1):
                edges.setdefault((c + 1, r), []).append((c + 1, r + 1))  # right, downward
            if not dark(r + 1, c):
                edges.setdefault((c + 1, r + 1), []).append((c, r + 1))  # bottom, right to left
            if not dark(r, c - 1):
                edges.setdefault((c, r + 1), []).append((c, r))          # left, upward
    return edges


@lru_cache(maxsize=4096)
def qr_outlines(url: str) -> tuple[tuple[tuple[int, int], ...], ...]:
    """Closed polygons (corner points only) whose even-odd fill is exactly the dark modules."""
    edges = _boundary_edges(qr_matrix(url))
    loops = []
    while edges:
        start = next(iter(edges))
        loop = [start]
        point = start
        while True:
            ends = edges[point]
            end = ends.pop()
            if not ends:
                del edges[point]
            point = end
            if point == start:
                break
            loop.append(point)
        loops.append(tuple(_corners(loop)))
    return tuple(loops)


def _corners(loop: list) -> list:
    """Drop points that lie on a straight run, keeping only where the outline turns."""
    kept = []
    n = len(loop)
    for i, (x, y) in enumerate(loop):
        px, py = loop[i - 1]
        nx, ny = loop[(i + 1) % n]
        if (x - px, y - py) != (nx - x, ny - y):
            kept.append((x, y))
    return kept


def quiet_zone(url: str, symbol_size: float) -> float:
    """Width of the blank margin a code of this printed size needs on each side."""
    return QUIET_ZONE_MODULES * symbol_size / len(qr_matrix(url))


_PATH_FORMAT = "qr-M-path-v1"
_PATH_OPERATORS = re.compile(rb"n( [0-9]+ [0-9]+ [ml]| h)+")  # what PDFPathObject writes for outlines


@lru_cache(maxsize=4096)
def _module_path(url: str) -> str:
    """The outline as PDF path operators in module units (y down), made once per link: the
    same operators serve every handout and size, placed by the transform in `draw_qr`.
    Kept on disk beside the matrix: tracing and writing out a code's outline costs ~2 ms,
    and a `batch --by-area` prints 46 codes."""
    entry = f"{_PATH_FORMAT}:{url}"
    stored = kept.read("qr", entry)
    if stored is not None and _PATH_OPERATORS.fullmatch(stored):
        return stored.decode("ascii")
    from reportlab.pdfgen.pathobject import PDFPathObject

    path = PDFPathObject()
    for loop in qr_outlines(url):
        (first_x, first_y), rest = loop[0], loop[1:]
        path.moveTo(first_x, first_y)
        for px, py in rest:
            path.lineTo(px, py)
        path.close()
    operators = path.getCode()
    kept.keep("qr", entry, operators.encode("ascii"))
    return operators


def draw_qr(canvas, url: str, x: float, y: float, symbol_size: float) -> None:
    """Draw the code for `url`, its dark modules spanning `symbol_size` from (x, y) up/right.

    The caller leaves `quiet_zone()` blank around it; `symbol_size` is what a phone sees, so
    it is the number the layout's minimum (2 cm) applies to.
    """
    module = symbol_size / len(qr_matrix(url))
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    canvas.transform(module, 0, 0, -module, x, y + symbol_size)  # module units, rows downward
    canvas.addLiteral(_module_path(url))
    canvas.addLiteral("f*")  # fill, even-odd: what drawPath(path, stroke=0, fill=1, FILL_EVEN_ODD) writes
    canvas.restoreState()
