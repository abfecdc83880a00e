"""Pose -> geometry: 2-D points per frame, with contacts and hand placements solved.

Pure functions of a `PictureSpec`. Forward kinematics places every joint from the angles
(3-D, so a hip can flex and turn out at once, as in a figure-4 stretch); the view projects
it flat. Then the solver does the trigonometry a clinic should never do:

1. hands that reach for a part of the body (`right_hand` to `right_knee`) get shoulder and
   elbow angles from the two-link (law of cosines) solution;
2. with `free_root`, the whole body turns until its two farthest-apart contacts on
   horizontal surfaces both touch (shoulders and feet in a bridge);
3. the body moves until every contact rests on its surface without going through it;
4. hands that reach for a prop (`chair_back`) are placed last, once the body stands still.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from backpdf.figures import body
from backpdf.figures.joints import ANGLE_KINDS, expand
from backpdf.figures.model import Contact, Frame, PictureSpec
from backpdf.figures.props import Surface, surfaces_and_points

Vec = tuple[float, float, float]
Mat = tuple[Vec, Vec, Vec]
Point = tuple[float, float]

CONTACT_TOLERANCE = 0.012   # body heights: 2 cm on a 170 cm adult

# What a contact names, as (body point, how far its drawn surface is from the point).
_R_TRUNK = body.TRUNK_WIDTH / 2
_R_LIMB = body.FOREARM_WIDTH / 2
_R_FOOT = body.FOOT_WIDTH / 2
_CENTRE_PARTS = {
    "seat": [("pelvis", _R_TRUNK)],
    "hips": [("pelvis", _R_TRUNK)],
    "belly": [("pelvis", _R_TRUNK), ("waist", _R_TRUNK)],
    "back": [("pelvis", _R_TRUNK), ("waist", _R_TRUNK), ("neck_base", _R_TRUNK)],
    "lower_back": [("pelvis", _R_TRUNK), ("waist", _R_TRUNK)],
    "upper_back": [("waist", _R_TRUNK), ("neck_base", _R_TRUNK)],
    "chest": [("waist", _R_TRUNK), ("neck_base", _R_TRUNK)],
    "shoulders": [("neck_base", _R_TRUNK)],
    "head": [("head_centre", body.HEAD_RADIUS)],
    "forehead": [("head_centre", body.HEAD_RADIUS)],
}
_SIDE_PARTS = {
    "heel": [("heel", _R_FOOT)],
    "toes": [("toe", _R_FOOT)],
    "foot": [("heel", _R_FOOT), ("toe", _R_FOOT)],
    "knee": [("knee", body.SHANK_WIDTH / 2)],
    "hand": [("hand", _R_LIMB)],
    "elbow": [("elbow", _R_LIMB)],
    "forearm": [("elbow", _R_LIMB), ("hand", _R_LIMB)],
}
_PLURALS = {"heels": "heel", "feet": "foot", "knees": "knee", "hands": "hand",
            "elbows": "elbow", "forearms": "forearm", "toes": "toes"}

# Points a hand can reach for, beyond the joints: on the head, the thigh, the back.
_BODY_TARGETS = {
    "chest": ("neck_base", (1.1, -1.6, 0.0), "thorax"),
    "belly": ("waist", (1.1, 0.0, 0.0), "lumbar"),
    "forehead": ("head_centre", (1.0, 0.2, 0.0), "head"),
    "head_top": ("head_centre", (0.0, 1.15, 0.0), "head"),
    "head_back": ("head_centre", (-1.1, 0.1, 0.0), "head"),
    "lower_back": ("pelvis", (-1.3, 0.9, 0.0), "pelvis"),
}


def contact_part_names() -> tuple[str, ...]:
    paired = [f"{side}_{name}" for name in _SIDE_PARTS for side in body.SIDES]
    return (*_CENTRE_PARTS, *_PLURALS, *paired)


def contact_points(part: str) -> list[tuple[str, float]]:
    """The body points (and their drawn radius) a contact part stands for."""
    if part in _CENTRE_PARTS:
        return _CENTRE_PARTS[part]
    if part in _PLURALS:
        return [(f"{side}_{p}", r) for side in body.SIDES for p, r in _SIDE_PARTS[_PLURALS[part]]]
    side, _, name = part.partition("_")
    return [(f"{side}_{p}", r) for p, r in _SIDE_PARTS[name]]


def point_names() -> tuple[str, ...]:
    """Every named point of a solved frame: joints, the head, and points hands reach for."""
    return (*body.JOINT_POINTS, "head_centre", "nose", *_BODY_TARGETS,
            *(f"{s}_thigh" for s in body.SIDES))


@dataclass(frozen=True)
class DrawnSegment:
    name: str
    start: Point
    end: Point
    width: float
    depth: str          # "near", "far" or "centre"


@dataclass(frozen=True)
class ContactResult:
    contact: Contact
    gap: float          # body heights between the part and its surface after solving (0 = touching)


@dataclass(frozen=True)
class FrameGeometry:
    points: dict
    segments: tuple[DrawnSegment, ...]
    head: tuple[Point, float]
    nose: Point
    torso: tuple[Point, ...]      # front view: the outline of the trunk; side view: empty
    contacts: tuple[ContactResult, ...]
    unreached: tuple[str, ...]    # hands that could not reach their target
    bbox: tuple[float, float, float, float]


# ---------------------------------------------------------------- small 3-D algebra

def _rot(axis: str, degrees: float) -> Mat:
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    if axis == "z":
        return ((c, -s, 0.0), (s, c, 0.0), (0.0, 0.0, 1.0))
    if axis == "x":
        return ((1.0, 0.0, 0.0), (0.0, c, -s), (0.0, s, c))
    return ((c, 0.0, s), (0.0, 1.0, 0.0), (-s, 0.0, c))


def _apply(m: Mat, v: Vec) -> Vec:
    return (_dot(m[0], v), _dot(m[1], v), _dot(m[2], v))


def _dot(a: Vec, b: Vec) -> float:
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]


def _transpose(m: Mat) -> Mat:
    return ((m[0][0], m[1][0], m[2][0]), (m[0][1], m[1][1], m[2][1]), (m[0][2], m[1][2], m[2][2]))


def _mul(a: Mat, b: Mat) -> Mat:
    columns = _transpose(b)
    return (_apply(columns, a[0]), _apply(columns, a[1]), _apply(columns, a[2]))


def _scale(v: Vec, factor: float) -> Vec:
    return (v[0] * factor, v[1] * factor, v[2] * factor)


_IDENTITY: Mat = ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0))


# ---------------------------------------------------------------- forward kinematics

def joint_rotations(angles: dict[str, float]) -> dict[str, dict[str, float]]:
    """Named angles -> per joint (with side) the degrees about each axis."""
    joints: dict[str, dict[str, float]] = {}
    for name, value in angles.items():
        for kind_name, side in expand(name):
            kind = ANGLE_KINDS[kind_name]
            sign = kind.left_sign if side == "left" else kind.right_sign
            targets = kind.halves or (f"{side}_{kind.joint}" if side else kind.joint,)
            share = value / len(targets)
            for joint in targets:
                axes = joints.setdefault(joint, {"z": 0.0, "x": 0.0, "y": 0.0})
                axes[kind.axis] += sign * share
    return joints


def _joint_matrix(axes: dict[str, float] | None) -> Mat:
    if not axes:
        return _IDENTITY
    return _mul(_mul(_rot("z", axes["z"]), _rot("x", axes["x"])), _rot("y", axes["y"]))


def forward(angles: dict[str, float], root_turn: float = 0.0, view: str = "side"):
    """3-D joint positions (pelvis at the origin) and every segment's frame."""
    joints = joint_rotations(angles)
    turn_axis = "z" if view == "side" else "x"
    frames: dict[str, Mat] = {"pelvis": _mul(_rot(turn_axis, root_turn), _joint_matrix(joints.get("root")))}
    points: dict[str, Vec] = {"pelvis": (0.0, 0.0, 0.0)}
    for seg in body.SKELETON:
        turned = joints.get(seg.joint) if seg.joint else None
        frame = _mul(frames[seg.frame], _joint_matrix(turned))
        frames[seg.name] = frame
        points[seg.end] = _add(points[seg.start], _apply(frame, _scale(seg.rest, seg.length)))
    head = frames["head"]
    base = points["head_base"]
    points["head_centre"] = _add(base, _apply(head, (0.0, body.HEAD / 2, 0.0)))
    for name, (origin, offset, carrier) in _BODY_TARGETS.items():
        scale = body.HEAD_RADIUS if carrier == "head" else _R_TRUNK
        points[name] = _add(points[origin], _apply(frames[carrier], _scale(offset, scale)))
    for side in body.SIDES:
        points[f"{side}_thigh"] = _mid(points[f"{side}_hip"], points[f"{side}_knee"])
    return points, frames


def _add(a: Vec, b: Vec) -> Vec:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def _mid(a: Vec, b: Vec) -> Vec:
    return _scale(_add(a, b), 0.5)


# ---------------------------------------------------------------- projection

def project(p: Vec, view: str, facing: str) -> Point:
    """Side view looks at the body's right (facing right) or left side; front view at its
    front; top view down from the ceiling (the floor is the page, the right side below)."""
    if view == "front":
        return (-p[2], p[1])
    if view == "top":
        return (p[0], -p[2]) if facing == "right" else (-p[0], p[2])
    return (p[0], p[1]) if facing == "right" else (-p[0], p[1])


def _depth(seg, pts3, view: str, facing: str) -> str:
    """Which parts are nearer the reader: the side facing them, or from above the higher;
    from the front, all but a hand and forearm behind the head (holding the back of it)."""
    if seg.side is None:
        return "centre"
    if view == "front":
        return "far" if _behind_head(pts3, seg) else "near"
    if view == "top":
        height = (pts3[seg.start][1] + pts3[seg.end][1]) / 2
        return "far" if height < pts3["pelvis"][1] - 0.03 else "near"
    return "near" if seg.side == facing else "far"


def _behind_head(pts3, seg) -> bool:
    """In an upright body, a part at the height of the head and behind its middle."""
    centre = pts3["head_centre"]
    mid = _mid(pts3[seg.start], pts3[seg.end])
    upright = centre[1] > pts3["pelvis"][1] + body.TRUNK
    return upright and mid[0] < centre[0] - body.HEAD_RADIUS / 2 and mid[1] > pts3["head_base"][1]


# ---------------------------------------------------------------- solving

def _resolve_parts(contacts, pts2d):
    """(contact, [(point, radius)]) for every contact, in picture order."""
    return [(c, [(pts2d[name], r) for name, r in contact_points(c.part)]) for c in contacts]


def _gap(point: Point, radius: float, surface: Surface) -> float:
    x, y = point
    if surface.kind == "top":
        return (y - radius) - surface.value
    if surface.toward == 0:
        return abs(x - surface.value)
    return surface.toward * (x - surface.value) - radius


def _level_turn(parts, surfaces) -> float:
    """Degrees to turn the body so it rests on its contacts: of every pair of resting
    points, turn so both touch and no other contact is lower (the body's lower hull, as a
    table rests on its legs); of those turns under a quarter turn, the widest pair's."""
    resting = [(p, r + surfaces[c.surface].value) for c, pts in parts for p, r in pts
               if surfaces[c.surface].kind == "top"]
    best, widest = 0.0, 0.15
    for (pa, la) in resting:
        for (pb, lb) in resting:
            dx, dy = pb[0] - pa[0], pb[1] - pa[1]
            length = math.hypot(dx, dy)
            if length <= widest:
                continue
            turn = math.asin(max(-1.0, min(1.0, (lb - la) / length))) - math.atan2(dy, dx)
            turn = math.atan2(math.sin(turn), math.cos(turn))
            c, s = math.cos(turn), math.sin(turn)
            heights = [p[0] * s + p[1] * c - lift for p, lift in resting]
            if abs(turn) < math.pi / 2 and min(heights) >= pa[0] * s + pa[1] * c - la - 1e-6:
                best, widest = turn, length
    return math.degrees(best)


def _shift(parts, surfaces) -> tuple[float | None, float]:
    """How far to move the body so no contact goes through its surface and each touches.
    The x shift is None when no contact fixes it (a body lying on an endless floor)."""
    dy = None
    dx = None
    for contact, pts in parts:
        surface = surfaces[contact.surface]
        for (x, y), r in pts:
            if surface.kind == "top":
                need = surface.value + r - y
                dy = need if dy is None else max(dy, need)
                if dx is None and surface.anchor is not None:
                    dx = surface.anchor - x
            elif dx is None:
                dx = surface.value - x + surface.toward * r
    return (dx, dy or 0.0)


def _keep_in_place(contacts, pts2, before: FrameGeometry | None) -> float:
    """x shift that keeps the first contact shared with the frame before where it was, so
    a body that stays in place (feet on the floor) does not wander between frames."""
    if before is None:
        return 0.0
    earlier = {c.part for c in (r.contact for r in before.contacts)}
    for contact in contacts:
        if contact.part in earlier:
            name = contact_points(contact.part)[0][0]
            return before.points[name][0] - pts2[name][0]
    return 0.0


def _two_link(d_along: float, d_across: float, l1: float, l2: float) -> tuple[float, float, bool]:
    """Shoulder angle from 'down' toward 'across', and elbow bend, to put the hand at d."""
    dist = math.hypot(d_along, d_across)
    reached = dist <= l1 + l2 - 1e-6
    dist = min(max(dist, abs(l1 - l2) + 1e-6), l1 + l2 - 1e-6)
    cos_elbow = (dist * dist - l1 * l1 - l2 * l2) / (2 * l1 * l2)
    elbow = math.acos(max(-1.0, min(1.0, cos_elbow)))
    toward = math.atan2(d_across, d_along)
    shoulder = toward - math.atan2(l2 * math.sin(elbow), l1 + l2 * math.cos(elbow))
    return math.degrees(shoulder), math.degrees(elbow), reached


def _reach(angles, frames, points, side, target: Vec, view):
    """Set one arm's angles so its hand lands on `target` (3-D, pelvis-relative)."""
    shoulder = points[f"{side}_shoulder"]
    local = _apply(_transpose(frames["thorax"]), tuple(t - s for t, s in zip(target, shoulder)))
    p = f"{side}_"
    l2 = body.FOREARM + body.PALM
    angles[p + "wrist"] = 0.0
    if view == "side":
        flex, elbow, ok = _two_link(-local[1], local[0], body.UPPER_ARM, l2)
        angles.update({p + "shoulder": flex, p + "elbow": elbow,
                       p + "shoulder_abduction": 0.0, p + "shoulder_rotation": 0.0})
        return ok
    out = local[2] if side == "right" else -local[2]
    # Of the two elbow positions, take the one farther out to the side, as people do
    # when they reach across or over their head.
    shoulder_angle, elbow, ok = _two_link(-local[1], out, body.UPPER_ARM, l2)
    line = math.degrees(math.atan2(out, -local[1]))
    bend = line - shoulder_angle
    options = [(_wrap(line - bend), 90.0), (_wrap(line + bend), -90.0)]
    abduction, rotation = max(options, key=lambda o: math.sin(math.radians(o[0])))
    angles.update({p + "shoulder_abduction": abduction, p + "elbow": elbow, p + "shoulder": 0.0,
                   p + "shoulder_rotation": rotation})
    return ok


def _wrap(degrees: float) -> float:
    return (degrees + 180.0) % 360.0 - 180.0


def _hands(hand: str) -> list[str]:
    return list(body.SIDES) if hand == "hands" else [hand.split("_")[0]]


def _world_target(name, points3d, prop_points, surfaces, offset, view, facing,
                  shoulder: Vec) -> Vec:
    """A reach target as a pelvis-relative 3-D point (the unseen axis kept at the shoulder's).

    A surface as target means the nearest place on it: on a floor or seat, under the
    shoulder; on a wall, level with it."""
    if name in points3d:
        return points3d[name]
    if name in prop_points:
        sx, sy = prop_points[name]
    else:
        surface = surfaces[name]
        sx, sy = _plus(project(shoulder, view, facing), offset)
        if surface.kind == "top":
            sy = surface.value + _R_LIMB
        else:
            sx = surface.value + surface.toward * _R_LIMB
    x, y = sx - offset[0], sy - offset[1]
    if view == "front":
        return (shoulder[0], y, -x)
    return (x if facing == "right" else -x, y, shoulder[2])


def solve_frame(spec: PictureSpec, frame: Frame, before: FrameGeometry | None = None) -> FrameGeometry:
    """Every joint of one frame in picture coordinates (body heights, floor at y = 0).
    `before` is the solved frame before it, if any: a body free to slide stays in step.
    A top view is solved from the side (contacts are about height) and then seen from above."""
    view, facing = spec.view, spec.facing
    solving = "side" if view == "top" else view
    surfaces, prop_points = surfaces_and_points(spec.props, solving)
    angles = dict(frame.angles)
    body_reaches = [r for r in frame.reaches if r.target not in prop_points and r.target not in surfaces]
    prop_reaches = [r for r in frame.reaches if r.target in prop_points or r.target in surfaces]
    unreached: list[str] = []

    def place(reaches, offset):
        pts3, frames = forward(angles, turn, solving)
        for reach in reaches:
            for side in _hands(reach.hand):
                target = _world_target(reach.target, pts3, prop_points, surfaces, offset, solving,
                                       facing, pts3[f"{side}_shoulder"])
                if not _reach(angles, frames, pts3, side, target, solving):
                    unreached.append(reach.hand)
        return forward(angles, turn, solving)

    turn = 0.0
    pts3, frames = place(body_reaches, (0.0, 0.0))
    pts2 = {k: project(v, solving, facing) for k, v in pts3.items()}
    if spec.free_root:
        turn = _level_turn(_resolve_parts(frame.contacts, pts2), surfaces)
        if solving == "side" and facing == "left":   # the picture is the body mirrored
            turn = -turn
        unreached.clear()
        pts3, frames = place(body_reaches, (0.0, 0.0))
        pts2 = {k: project(v, solving, facing) for k, v in pts3.items()}
    dx, dy = _shift(_resolve_parts(frame.contacts, pts2), surfaces)
    if dx is None:
        dx = _keep_in_place(frame.contacts, {k: (v[0], v[1] + dy) for k, v in pts2.items()}, before)
    offset = (dx, dy)
    if prop_reaches:
        pts3, frames = place(prop_reaches, offset)
    pts2 = {k: _plus(project(v, solving, facing), offset) for k, v in pts3.items()}
    results = tuple(
        ContactResult(c, min(_gap(p, r, surfaces[c.surface]) for p, r in pts))
        for c, pts in _resolve_parts(frame.contacts, pts2))
    if view == "top":
        pts2 = {k: _plus(project(v, view, facing), (dx, 0.0)) for k, v in pts3.items()}
        offset = (dx, 0.0)
    return _assemble(spec, pts3, frames, pts2, offset, results, tuple(unreached))


def _plus(a: Point, b: Point) -> Point:
    return (a[0] + b[0], a[1] + b[1])


def _assemble(spec, pts3, frames, pts2, offset, results, unreached) -> FrameGeometry:
    view, facing = spec.view, spec.facing
    segments = tuple(
        DrawnSegment(seg.name, pts2[seg.start], pts2[seg.end], seg.width,
                     _depth(seg, pts3, view, facing))
        for seg in body.SKELETON if seg.drawn)
    centre = pts2["head_centre"]
    nose3 = _add(pts3["head_centre"], _apply(frames["head"], (body.HEAD_RADIUS, 0.0, 0.0)))
    nose = _plus(project(nose3, view, facing), offset)
    pts2 = {**pts2, "nose": nose}
    torso = ()
    if view in ("front", "top"):
        torso = tuple(pts2[n] for n in ("left_shoulder", "right_shoulder", "right_hip", "left_hip"))
    return FrameGeometry(pts2, segments, (centre, body.HEAD_RADIUS), nose, torso, results,
                         unreached, _bbox(segments, centre, torso))


def _bbox(segments, centre, torso):
    xs, ys = [], []
    for seg in segments:
        for x, y in (seg.start, seg.end):
            xs += [x - seg.width / 2, x + seg.width / 2]
            ys += [y - seg.width / 2, y + seg.width / 2]
    r = body.HEAD_RADIUS
    xs += [centre[0] - r, centre[0] + r]
    ys += [centre[1] - r, centre[1] + r]
    for x, y in torso:
        xs += [x - _R_LIMB, x + _R_LIMB]
        ys += [y - _R_LIMB, y + _R_LIMB]
    return (min(xs), min(ys), max(xs), max(ys))


def solve(spec: PictureSpec) -> tuple[FrameGeometry, ...]:
    """Every frame of a picture, solved."""
    solved: list[FrameGeometry] = []
    for frame in spec.frames:
        solved.append(solve_frame(spec, frame, solved[-1] if solved else None))
    return tuple(solved)
