"""Picture engine: geometry, checks and drawing, without a PDF."""

from __future__ import annotations

import math
import sys

import jsonschema
import pytest

from backpdf.figures import (
    body,
    drawing,
    line_widths_mm,
    natural_size,
    picture_from_data,
    picture_schema,
    problems,
    solve,
    to_svg,
)
from backpdf.figures.geometry import CONTACT_TOLERANCE
from backpdf.library_file import load_library

EXERCISES = load_library().exercises   # the bundled library, read the way handouts read it
STAGED = {ex.id: ex.picture for ex in EXERCISES.values() if ex.picture}  # each exercise's picture: block
THUMBNAIL_MM = 25


def _solve(data):
    return solve(picture_from_data(data))


def test_segment_lengths_add_up_to_standing_height():
    assert body.standing_height() == pytest.approx(1.0, abs=1e-9)


def test_standing_figure_is_one_body_height_tall_on_the_floor():
    (geo,) = _solve({"posture": "standing", "frames": [{"shoulder": 0, "elbow": 0}]})
    top = geo.head[0][1] + body.HEAD / 2
    sole = min(geo.points["right_heel"][1], geo.points["right_toe"][1]) - body.FOOT_WIDTH / 2
    assert sole == pytest.approx(0.0, abs=1e-6)
    assert top - sole == pytest.approx(1.0, abs=0.01)


def test_hip_at_90_puts_the_knee_straight_ahead_of_the_hip():
    (geo,) = _solve({"posture": "standing", "frames": [{"right_hip": 90}],
                     "contacts": ["left_foot on floor"]})
    hip, knee = geo.points["right_hip"], geo.points["right_knee"]
    assert knee[0] - hip[0] == pytest.approx(body.THIGH, abs=1e-6)
    assert knee[1] == pytest.approx(hip[1], abs=1e-6)


def test_elbow_flexion_bends_the_forearm_forward():
    (geo,) = _solve({"posture": "standing", "frames": [{"shoulder": 0, "right_elbow": 90}]})
    elbow, wrist = geo.points["right_elbow"], geo.points["right_wrist"]
    assert wrist[0] - elbow[0] == pytest.approx(body.FOREARM, abs=1e-6)
    assert wrist[1] == pytest.approx(elbow[1], abs=1e-6)


def test_facing_left_mirrors_the_picture():
    right = _solve({"posture": "standing", "frames": [{"right_shoulder": 90}]})[0]
    left = _solve({"posture": "standing", "facing": "left", "frames": [{"right_shoulder": 90}]})[0]
    assert right.points["right_hand"][0] > 0 > left.points["right_hand"][0]


def test_lying_figure_rests_its_back_and_feet_on_the_mat():
    (geo,) = _solve({"posture": "lying-knees-bent", "frames": [{}]})
    assert all(abs(r.gap) <= CONTACT_TOLERANCE for r in geo.contacts)
    # Nothing below the mat's top, and the lowest point is on it.
    lowest = min(min(s.start[1], s.end[1]) - s.width / 2 for s in geo.segments)
    assert lowest == pytest.approx(0.016, abs=0.01)


def test_bridge_turns_the_body_so_shoulders_and_feet_both_touch():
    start, end = _solve(STAGED["bridge"])
    gaps = {r.contact.part: r.gap for r in end.contacts}
    assert gaps["shoulders"] == pytest.approx(0, abs=CONTACT_TOLERANCE)
    assert gaps["feet"] == pytest.approx(0, abs=CONTACT_TOLERANCE)
    assert end.points["pelvis"][1] > start.points["pelvis"][1] + 0.1


def test_reach_puts_the_hand_on_its_target():
    (geo,) = _solve({"posture": "lying-knees-bent",
                     "frames": [{"right_hip": 110, "reach": {"hands": "right_knee"}}]})
    assert math.dist(geo.points["right_hand"], geo.points["right_knee"]) < 1e-6
    assert geo.unreached == ()


def test_feet_stay_in_place_between_frames():
    start, end = _solve(STAGED["sit-to-stand"])[::2]
    assert end.points["right_heel"][0] == pytest.approx(start.points["right_heel"][0], abs=1e-6)


def test_bounding_box_holds_every_segment():
    for geo in _solve(STAGED["bird-dog"]):
        x0, y0, x1, y1 = geo.bbox
        for seg in geo.segments:
            for x, y in (seg.start, seg.end):
                assert x0 < x < x1 and y0 < y < y1


@pytest.mark.parametrize("ex_id", sorted(STAGED))
def test_staged_picture_is_valid_and_has_no_problems(ex_id):
    assert ex_id in EXERCISES
    jsonschema.Draft202012Validator(picture_schema()).validate(STAGED[ex_id])
    assert problems(STAGED[ex_id]) == []


@pytest.mark.parametrize("ex_id", sorted(STAGED))
def test_no_line_under_half_a_millimetre_in_a_thumbnail(ex_id):
    spec = picture_from_data(STAGED[ex_id])
    widths = line_widths_mm(spec, THUMBNAIL_MM, THUMBNAIL_MM)
    assert min(widths.values()) >= 0.5, widths


def test_line_widths_grow_with_the_picture():
    spec = picture_from_data(STAGED["bridge"])
    small, large = line_widths_mm(spec, 25, 25), line_widths_mm(spec, 90, 90)
    assert large["thinnest limb"] > small["thinnest limb"] * 3


GOOD = {"posture": "standing", "frames": [{}, {"right_shoulder": 90}]}


def test_checks_are_silent_on_good_data():
    assert problems(GOOD) == []


@pytest.mark.parametrize("change, message, path", [
    ({"posture": "standin"}, "did you mean 'standing'", ("posture",)),
    ({"props": ["chiar"]}, "did you mean 'chair'", ("props", 0)),
    ({"frames": [{}, {"right_sholder": 90}]}, "did you mean 'right_shoulder'", ("frames", 1, "right_sholder")),
    ({"frames": [{}, {"right_knee": 200}]}, "outside the normal range", ("frames", 1, "right_knee")),
    ({"frames": [{}, {"trunk": 0.0001}]}, "look the same", ("frames", 1)),
    ({"posture": "lying-legs-straight", "frames": [{}, {"neck": -40}]}, "below the floor", ("frames", 1)),
    ({"contacts": ["feet on floor", "hands on floor"]}, "does not touch", ("contacts", 1)),
    ({"frames": [{}, {"reach": {"right_hand": "chair_back"}}]}, "unknown reach target",
     ("frames", 1, "reach", "right_hand")),
    ({"contacts": ["heels on flor"]}, "did you mean 'floor'", ("contacts", 0)),
    ({"arrows": [{"point": "rigth_knee"}]}, "did you mean 'right_knee'", ("arrows", 0, "point")),
])
def test_each_check_fires_on_bad_data(change, message, path):
    found = problems({**GOOD, **change})
    assert any(message in m and p == path for m, p in found), found


def test_walking_through_a_wall_is_reported():
    found = problems({"posture": "standing-at-wall", "frames": [{}, {"trunk": -30}]})
    assert any("inside the wall" in m for m, _ in found), found


def test_svg_export_is_byte_identical_twice():
    one = to_svg(drawing(picture_from_data(STAGED["bird-dog"]), 50, 35))
    two = to_svg(drawing(picture_from_data(STAGED["bird-dog"]), 50, 35))
    assert one == two and one.startswith(b"<?xml")


def test_drawing_has_the_size_asked_for():
    d = drawing(picture_from_data(STAGED["bridge"]), 50, 30)
    assert (d.width, d.height) == pytest.approx((50 * 72 / 25.4, 30 * 72 / 25.4))


# A word in the steps -> the props that show it.
PROP_WORDS = {"chair": {"chair"}, "wall": {"wall"}, "doorway": {"doorway"},
              "towel": {"towel", "towel_roll", "folded_towel"}, "band": {"band"},
              "pillow": {"pillow"}, "bike": {"stationary_bike"}, "pool": {"water"},
              "elliptical": {"elliptical"}}
# Words a picture need not show: (exercise, word) -> why.
PROP_WORDS_NOT_SHOWN = {("swimming", "wall"): "resting at the wall is between lengths, not the exercise"}


def _first_side(steps):
    words = " ".join(steps).lower().replace(".", " ").replace(",", " ").split()
    return next((w for w in words if w in ("right", "left")), None)


SIDE_VIEWS_NAMING_A_SIDE = sorted(
    i for i in STAGED
    if picture_from_data(STAGED[i]).view == "side" and _first_side(EXERCISES[i].steps))
WHOLE_BODY = sorted(i for i in STAGED if picture_from_data(STAGED[i]).crop != "head")


def test_every_library_exercise_has_a_picture():
    assert set(STAGED) == set(EXERCISES)


@pytest.mark.parametrize("ex_id", SIDE_VIEWS_NAMING_A_SIDE)
def test_the_side_the_steps_name_is_nearest_the_reader(ex_id):
    assert picture_from_data(STAGED[ex_id]).facing == _first_side(EXERCISES[ex_id].steps)


@pytest.mark.parametrize("ex_id", WHOLE_BODY)  # a head-and-shoulders picture shows no furniture
def test_the_props_the_steps_name_are_drawn(ex_id):
    text = " ".join(EXERCISES[ex_id].steps).lower()
    drawn = {p.name for p in picture_from_data(STAGED[ex_id]).props}
    for word, props in PROP_WORDS.items():
        if word in text and (ex_id, word) not in PROP_WORDS_NOT_SHOWN:
            assert drawn & props, f"steps name a {word}"


def test_png_export_has_the_figure_in_dark_pixels():
    from io import BytesIO

    from PIL import Image

    from backpdf.figures import to_png
    png = to_png(drawing(picture_from_data(STAGED["bridge"]), 50, 30), dpi=150)
    image = Image.open(BytesIO(png))
    assert image.size == pytest.approx((50 / 25.4 * 150, 30 / 25.4 * 150), abs=1)
    dark = sum(image.histogram()[:80])
    assert dark > 0.03 * image.size[0] * image.size[1]


def test_png_export_without_pypdfium2_says_which_extra_to_install(monkeypatch):
    from backpdf.errors import BackpdfError
    from backpdf.figures import to_png
    monkeypatch.setitem(sys.modules, "pypdfium2", None)   # as if not installed
    with pytest.raises(BackpdfError, match=r"pip install 'backpdf\[png\]'"):
        to_png(drawing(picture_from_data(STAGED["bridge"]), 50, 30))


@pytest.mark.parametrize("size_mm", [25, 40, 50, 70, 90])
def test_every_line_is_at_least_half_a_millimetre_at_each_layout_size(size_mm):
    for ex_id in ("bird-dog", "chin-tuck", "sit-to-stand", "lower-back-rotation"):
        widths = line_widths_mm(picture_from_data(STAGED[ex_id]), size_mm, size_mm * 0.7)
        assert min(widths.values()) >= 0.5, (ex_id, widths)


def test_a_sequence_draws_each_frame_in_its_own_panel():
    spec = picture_from_data(STAGED["sit-to-stand"])
    d = drawing(spec, 90, 40)
    assert len(d.contents) == len(spec.frames)


def test_head_close_up_reports_a_head_leaving_the_picture():
    found = problems({"posture": "sitting", "crop": "head", "frames": [{}, {"trunk": 60}]})
    assert any("leaves the head-and-shoulders picture" in m for m, _ in found), found


def test_natural_size_keeps_the_longer_side_and_the_pictures_proportions():
    spec = picture_from_data(STAGED["bridge"])
    width, height = natural_size(spec, 50)
    assert width == 50 and 10 < height < 35
    standing = picture_from_data(STAGED["walking"])
    width, height = natural_size(standing, 50)
    assert height == 50 and width < 50


def test_a_hand_on_the_back_of_the_head_is_drawn_behind_it():
    spec = picture_from_data(STAGED["levator-scapulae-stretch"])
    depth = {s.name: s.depth for s in solve(spec)[-1].segments}
    assert depth["left_forearm"] == "far" and depth["right_forearm"] == "near"


@pytest.mark.parametrize("ex_id", sorted(STAGED))
def test_nothing_is_drawn_outside_the_pictures_box(ex_id):
    d = drawing(picture_from_data(STAGED[ex_id]), 50, 35)
    x0, y0, x1, y1 = d.getBounds()
    assert x0 >= -0.01 and y0 >= -0.01 and x1 <= d.width + 0.01 and y1 <= d.height + 0.01
