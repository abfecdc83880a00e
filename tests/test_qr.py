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


def _encoded_fresh(url, monkeypatch, tmp_path):
    """qr_matrix with an empty cache folder of its own and nothing remembered in memory."""
    monkeypatch.setenv("BACKPDF_CACHE_DIR", str(tmp_path))
    qr_matrix.cache_clear()
    return qr_matrix(url)


def test_a_matrix_kept_on_disk_is_read_back_without_encoding(monkeypatch, tmp_path):
    import qrcode

    url = "https://clinic.example/videos/bird-dog"
    first = _encoded_fresh(url, monkeypatch, tmp_path)
    assert len(list((tmp_path / "qr").iterdir())) == 1
    qr_matrix.cache_clear()
    monkeypatch.setattr(qrcode, "QRCode", None)  # encoding now would raise
    assert qr_matrix(url) == first
    qr_matrix.cache_clear()


@pytest.mark.parametrize("damage", ["", "0101\n1010\n", "2" * 29 + "\n", "x", None])
def test_a_damaged_kept_matrix_is_ignored_and_written_again(monkeypatch, tmp_path, damage):
    url = "https://clinic.example/v/abcde"
    good = _encoded_fresh(url, monkeypatch, tmp_path)
    (kept,) = (tmp_path / "qr").iterdir()
    if damage is None:  # a matrix of the right size with one row cut short
        lines = kept.read_text().split()
        damage = "\n".join([lines[0][:-1], *lines[1:]])
    kept.write_text(damage)
    assert _encoded_fresh(url, monkeypatch, tmp_path) == good
    assert kept.read_text().split() == ["".join("1" if c else "0" for c in row) for row in good]
    qr_matrix.cache_clear()


def test_an_unwritable_cache_folder_only_means_encoding(monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("BACKPDF_CACHE_DIR", str(blocker))
    qr_matrix.cache_clear()
    assert len(qr_matrix("https://clinic.example/v/abcde")) == 29
    qr_matrix.cache_clear()
