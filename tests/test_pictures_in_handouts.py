"""Every exercise's pictogram reaches the page in every layout, at least the size the
layout promises, drawn in ink that survives a 150 dpi print; --no-pictures leaves them out."""

from __future__ import annotations

import pypdfium2
import pytest

from backpdf.layout_file import find_layout
from backpdf.model import ProgramEntry
from backpdf.pipeline import make_handout
from backpdf.program import Request

from conftest import TODAY
from layoutcheck import object_bounds

MM = 72 / 25.4
MIN_LONGER_SIDE_MM = {"standard": 50, "compact": 40, "large-print": 70, "one-per-page": 90, "checklist": 40}
IDS = ("bird-dog", "cat-cow", "wall-sit", "chin-tuck")


@pytest.mark.parametrize("name", sorted(MIN_LONGER_SIDE_MM))
def test_each_exercise_has_its_picture_at_the_promised_size(name, library, clinic):
    result = make_handout(Request(entries=tuple(ProgramEntry(i) for i in IDS), layout=name), library, clinic, TODAY)
    forms = [box for _, kind, box in object_bounds(result.pdf) if kind == "form"]
    table = "checklist" in find_layout(name).flow
    assert len(forms) == len(IDS) * (2 if table else 1)  # each drawn on its card (and in its row)
    for exercise in result.handout.exercises:
        assert (exercise.thumbnail is not None) == table
        if table:  # the checklist row's thumbnail
            assert max(exercise.thumbnail.width, exercise.thumbnail.height) >= 25 * MM - 0.5
    qr_pt = find_layout(name).qr_cm * 10 * MM
    for exercise in result.handout.exercises:  # each drawn at its printed size, never scaled
        longer = max(exercise.picture.width, exercise.picture.height)
        assert longer >= MIN_LONGER_SIDE_MM[name] * MM - 1 and longer >= qr_pt, exercise.id


def test_pictures_are_dark_ink_at_150_dpi(library, clinic):
    result = make_handout(Request(entries=(ProgramEntry("bird-dog"),)), library, clinic, TODAY)
    (left, bottom, right, top), = [box for _, kind, box in object_bounds(result.pdf) if kind == "form"]
    page = pypdfium2.PdfDocument(result.pdf)[0]
    scale = 150 / 72
    image = page.render(scale=scale).to_pil().convert("L")
    height = image.height
    crop = image.crop((int(left * scale), int(height - top * scale), int(right * scale), int(height - bottom * scale)))
    dark = sum(1 for value in crop.getdata() if value < 80)
    assert dark > 0.03 * crop.width * crop.height


def test_no_pictures_leaves_them_out(library, clinic):
    result = make_handout(Request(entries=(ProgramEntry("bird-dog"),), pictures=False), library, clinic, TODAY)
    assert [kind for _, kind, _ in object_bounds(result.pdf) if kind == "form"] == []


def test_the_same_picture_is_stored_once(library, clinic):
    import io
    from dataclasses import replace

    import pikepdf

    from backpdf.render import render

    result = make_handout(Request(entries=(ProgramEntry("bird-dog"), ProgramEntry("bridge"))), library, clinic, TODAY)
    first, second = result.handout.exercises
    twice = replace(result.handout, exercises=(first, replace(second, picture=first.picture)))
    doc = pikepdf.open(io.BytesIO(render(twice, result.layout).data))
    forms = {str(key) for page in doc.pages for key in page.Resources.get("/XObject", {}).keys()
             if "picture-" in str(key)}
    assert len(forms) == 1
