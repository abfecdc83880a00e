"""Exercise pictures: PNG, JPEG and SVG print, each stored once; every bad picture is a
clear error naming the exercise and the file, or with "skip" a warning and no picture."""

from __future__ import annotations

import io
import socket
import struct
import zlib
from dataclasses import replace

import pikepdf
import pytest
from conftest import TODAY
from layoutcheck import object_bounds, runs, text_of
from pdfcheck import fonts, normalise, qr_codes
from PIL import Image

from backpdf.errors import BackpdfError
from backpdf.images import with_pictures
from backpdf.layout_file import bundled_layouts, find_layout
from backpdf.model import ProgramEntry
from backpdf.program import Request, resolve
from backpdf.render import render

IDS = ("bridge", "pelvic-tilt", "cat-cow", "bird-dog")
SVG = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100" width="200" height="100">'
       '<rect x="10" y="10" width="180" height="80" fill="none" stroke="black" stroke-width="6"/>'
       '<text x="100" y="60" font-size="20" text-anchor="middle">Lift</text></svg>')


@pytest.fixture(scope="module")
def pictures(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pictures")
    photo = Image.new("RGB", (300, 150), "white")
    photo.paste((0, 0, 0), (20, 20, 280, 130))
    photo.save(folder / "a.png")
    photo.save(folder / "b.jpg", quality=80)
    (folder / "c.svg").write_text(SVG)
    return folder


@pytest.fixture(scope="module")
def handout(library, clinic):
    handout, _ = resolve(Request(entries=tuple(ProgramEntry(i) for i in IDS)), library, clinic, TODAY)
    return handout


def with_images(handout, *paths):
    """The handout with picture files for its first exercises, in order (not yet read)."""
    paths = paths + (None,) * (len(handout.exercises) - len(paths))
    return replace(handout, exercises=tuple(replace(ex, exercise=replace(ex.exercise, image=path))
                                            for ex, path in zip(handout.exercises, paths)))


def pictured(handout, *paths):
    """The handout with those pictures read and attached, as the pipeline does."""
    return with_pictures(with_images(handout, *paths))[0]


def counts(pdf: bytes) -> tuple[int, int]:
    """(raster images stored, picture forms stored) in the whole file."""
    doc = pikepdf.open(io.BytesIO(pdf))
    images = sum(1 for o in doc.objects if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image")
    forms = {name for page in doc.pages for name in page.Resources.get("/XObject", {}).keys()
             if "picture-" in name}
    return images, len(forms)


@pytest.mark.parametrize("name", sorted(n for n in bundled_layouts() if not n.startswith("_")))
def test_png_jpeg_and_svg_print_and_each_is_stored_once(name, pictures, handout):
    attached = pictured(handout, pictures / "a.png", pictures / "b.jpg", pictures / "c.svg",
                        pictures / "a.png")
    layout = find_layout(name)
    pdf = render(attached, layout, "letter").data
    assert counts(pdf) == (2, 3)  # a.png used twice: one image, one form
    assert sum(kind == "form" for _, kind, _ in object_bounds(pdf)) == 4
    text = text_of(runs(pdf), layout.font_sizes.body)
    for field, value in attached.texts():
        assert normalise(value) in text, field
    assert sorted(qr_codes(pdf)) == sorted(e.video_url for e in attached.exercises
                                           for _ in range(2 if "checklist" in layout.flow else 1))
    assert all(f["embedded"] for f in fonts(pdf))  # the SVG's text is set in the embedded font


def test_pictures_keep_their_proportions(pictures, handout):
    pdf = render(pictured(handout, pictures / "a.png"), find_layout("one-per-page"), "a4").data
    (left, bottom, right, top), = [box for _, kind, box in object_bounds(pdf) if kind == "form"]
    assert (right - left) / (top - bottom) == pytest.approx(2.0, rel=0.01)


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bomb(path, side=20_000):
    """A real 1-bit PNG of side x side white pixels: 400 megapixels in about 50 KB."""
    packer = zlib.compressobj(9)
    row = b"\0" + b"\xff" * (side // 8)
    body = b"".join(packer.compress(row * 500) for _ in range(side // 500)) + packer.flush()
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0))
                     + png_chunk(b"IDAT", body) + png_chunk(b"IEND", b""))
    return path


def bad_pictures(folder):
    good = (folder / "good.png")
    Image.new("RGB", (400, 300), "white").save(good)
    (folder / "cut.png").write_bytes(good.read_bytes()[:200])
    (folder / "notes.png").write_text("these are my notes, not a picture")
    entity = folder / "entity.svg"
    entity.write_text('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
                      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>&secret;</text></svg>')
    remote = folder / "remote.svg"
    remote.write_text('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
                      'width="10" height="10"><image xlink:href="http://127.0.0.1:9/x.png" width="10" '
                      'height="10"/></svg>')
    local = folder / "local.svg"
    local.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
                     '<image href="../../etc/hostname" width="10" height="10"/></svg>')
    return {
        "missing.png": "was not found",
        "cut.png": "is damaged or cut short",
        "notes.png": "is not a PNG, JPEG or SVG picture",
        "bomb.png": "is too large",
        "entity.svg": "declares XML entities",
        "remote.svg": "refers to 'http://127.0.0.1:9/x.png' outside itself",
        "local.svg": "refers to '../../etc/hostname' outside itself",
    }


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a picture tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)


def test_bad_pictures_are_clear_errors_or_skipped_with_a_warning(tmp_path, handout, no_network):
    expected = bad_pictures(tmp_path)
    png_bomb(tmp_path / "bomb.png")
    assert (tmp_path / "bomb.png").stat().st_size < 200_000
    exercise = handout.exercises[0]
    for file_name, reason in expected.items():
        path = tmp_path / file_name
        named = with_images(handout, path)
        with pytest.raises(BackpdfError) as caught:
            with_pictures(named)
        assert str(caught.value).startswith(f"exercise '{exercise.id}': image {path} {reason}"), str(caught.value)
        skipped, warnings = with_pictures(named, missing="skip")
        assert skipped.exercises[0].picture is None and skipped.exercises[1:] == handout.exercises[1:]
        assert warnings == [f"{caught.value}; printed without its picture"]
        pdf = render(skipped, find_layout("one-per-page"), "letter").data
        assert normalise(exercise.exercise.steps[-1]) in text_of(runs(pdf))


def test_a_picture_over_40_megapixels_is_refused_before_decoding(tmp_path, handout):
    path = tmp_path / "huge.png"
    # A header that claims 8000 x 6000 with no pixel data: refused on the size alone.
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", struct.pack(">IIBBBBB", 8000, 6000, 8, 2, 0, 0, 0))
                     + png_chunk(b"IEND", b""))
    with pytest.raises(BackpdfError, match=r"image .*huge.png is too large: 8000 x 6000 pixels \(at most 40"):
        with_pictures(with_images(handout, path))


def test_missing_must_be_error_or_skip(handout):
    with pytest.raises(ValueError):
        with_pictures(handout, missing="ignore")


def test_layouts_without_pictures_ignore_them(tmp_path, handout, pictures):
    layout = replace(find_layout("standard"), images=replace(find_layout("standard").images, place="none"))
    pdf = render(pictured(handout, pictures / "a.png"), layout).data
    assert counts(pdf) == (0, 0)
