"""QR geometry without a PDF: the traced outline fills exactly the dark modules."""

import pytest

from backpdf.render.qr import qr_matrix, qr_outlines


def even_odd_fill(loops, size):
    """Rasterise polygons at module centres with the even-odd rule (ray casting)."""
    edges = []
    for loop in loops:
        for i, (x1, y1) in enumerate(loop):
            x2, y2 = loop[(i + 1) % len(loop)]
            edges.append((x1, y1, x2, y2))
    grid = []
    for r in range(size):
        cy = r + 0.5
        row = []
        for c in range(size):
            cx = c + 0.5
            crossings = sum(1 for x1, y1, x2, y2 in edges
                            if x1 == x2 and x1 > cx and min(y1, y2) < cy < max(y1, y2))
            row.append(crossings % 2 == 1)
        grid.append(tuple(row))
    return tuple(grid)


@pytest.mark.parametrize("url", [
    "https://clinic.example/videos/bird-dog",
    "https://a.example/" + "x" * 120,
    "http://h.example/?q=1&r=<2>",
])
def test_outline_fills_exactly_the_dark_modules(url):
    matrix = qr_matrix(url)
    assert even_odd_fill(qr_outlines(url), len(matrix)) == matrix


def test_outline_uses_corners_only():
    url = "https://clinic.example/videos/bird-dog"
    loops = qr_outlines(url)
    dark = sum(sum(row) for row in qr_matrix(url))
    points = sum(len(loop) for loop in loops)
    assert points < dark * 4 / 2  # far fewer points than one square per module
    for loop in loops:
        for i, (x, y) in enumerate(loop):
            nx, ny = loop[(i + 1) % len(loop)]
            assert (x == nx) != (y == ny)  # every segment is horizontal or vertical


def test_level_m_and_cached():
    url = "https://clinic.example/v/abcde"  # 30 bytes: version 2 at level L, version 3 at M
    assert len(url) == 30
    assert qr_matrix(url) is qr_matrix(url)
    assert len(qr_matrix(url)) == 29


def test_printed_link_breaks_after_slashes_and_never_overflows():
    from backpdf.render.qrblock import link_lines

    def width(s):
        return float(len(s))

    url = "https://riverside.example/videos/heel-slide"
    lines = link_lines(url, width, 20)
    assert "".join(lines) == url
    assert lines == ["https://", "riverside.example/", "videos/heel-slide"]
    long = "https://h.example/" + "x" * 50
    assert all(len(line) <= 20 for line in link_lines(long, width, 20))
    assert "".join(link_lines(long, width, 20)) == long
