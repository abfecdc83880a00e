"""The body model: segment lengths and the skeleton the solver moves.

Lengths are fractions of standing body height from Drillis & Contini (1966), "Body
segment parameters", Technical Report 1166-03, New York University School of Engineering,
as tabulated in D. A. Winter, *Biomechanics and Motor Control of Human Movement*
(4th ed., Wiley 2009), figure 4.1. Using published proportions rather than eyeballed ones
keeps every picture's figure the same person, whatever pose the data asks for.

Coordinates are in body heights (a standing figure is 1.0 tall). The body's own frame:
x points forward (the way the chest faces), y up, z to the body's right. A picture in side
view looks at the body's right side, so the right limbs are the near ones.
"""

from __future__ import annotations

from dataclasses import dataclass

# Drillis & Contini (1966) via Winter (2009), fractions of body height H.
HEAD = 0.130            # chin to crown
NECK = 0.052            # shoulder line to chin
TRUNK = 0.288           # hip joint to shoulder joint
UPPER_ARM = 0.186
FOREARM = 0.146
HAND = 0.108
THIGH = 0.245
SHANK = 0.246
FOOT = 0.152
ANKLE_HEIGHT = 0.039
SHOULDER_WIDTH = 0.259
HIP_WIDTH = 0.191

# How thick each part is drawn, also in body heights. Not anthropometry: the proportions of
# a public-information pictogram (AIGA/ISO 7001), where limbs are bold and the trunk wider.
HEAD_RADIUS = 0.060
TRUNK_WIDTH = 0.105
NECK_WIDTH = 0.050
THIGH_WIDTH = 0.066
SHANK_WIDTH = 0.054
UPPER_ARM_WIDTH = 0.052
FOREARM_WIDTH = 0.046
FOOT_WIDTH = 0.040
# The hand is drawn to its middle (the palm), so an arm does not look a hand too long.
PALM = HAND * 0.45
HEEL_BACK = 0.035       # heel behind the ankle; the rest of the foot is in front

SIDES = ("right", "left")


@dataclass(frozen=True)
class Segment:
    """One drawn part: from joint `start` to joint `end`, a line `width` thick.

    `rest` is the direction of the part in its parent's frame with every angle at 0
    (standing, arms hanging); `frame` names the segment whose orientation it inherits;
    `joint` names the angle set that turns it (None: rigid with its parent).
    """

    name: str
    start: str
    end: str
    rest: tuple[float, float, float]
    length: float
    width: float
    frame: str
    joint: str | None
    side: str | None = None
    drawn: bool = True


def _limbs(side: str) -> list[Segment]:
    s = 1.0 if side == "right" else -1.0
    p = f"{side}_"
    return [
        Segment(p + "clavicle", "neck_base", p + "shoulder", (0, 0, s), SHOULDER_WIDTH / 2,
                TRUNK_WIDTH, "thorax", p + "scapula", side, drawn=False),
        Segment(p + "upper_arm", p + "shoulder", p + "elbow", (0, -1, 0), UPPER_ARM,
                UPPER_ARM_WIDTH, "thorax", p + "shoulder", side),
        Segment(p + "forearm", p + "elbow", p + "wrist", (0, -1, 0), FOREARM,
                FOREARM_WIDTH, p + "upper_arm", p + "elbow", side),
        Segment(p + "hand", p + "wrist", p + "hand", (0, -1, 0), PALM,
                FOREARM_WIDTH, p + "forearm", p + "wrist", side),
        Segment(p + "pelvis", "pelvis", p + "hip", (0, 0, s), HIP_WIDTH / 2,
                TRUNK_WIDTH, "pelvis", None, side, drawn=False),
        Segment(p + "thigh", p + "hip", p + "knee", (0, -1, 0), THIGH,
                THIGH_WIDTH, "pelvis", p + "hip", side),
        Segment(p + "shank", p + "knee", p + "ankle", (0, -1, 0), SHANK,
                SHANK_WIDTH, p + "thigh", p + "knee", side),
        # The foot is drawn along the sole, from heel to toe, half a line width above it.
        Segment(p + "heel_post", p + "ankle", p + "heel",
                _unit((-HEEL_BACK, -(ANKLE_HEIGHT - FOOT_WIDTH / 2), 0)),
                _norm((-HEEL_BACK, -(ANKLE_HEIGHT - FOOT_WIDTH / 2), 0)),
                FOOT_WIDTH, p + "shank", p + "ankle", side, drawn=False),
        Segment(p + "foot", p + "heel", p + "toe", (1, 0, 0), FOOT - HEEL_BACK - FOOT_WIDTH / 2,
                FOOT_WIDTH, p + "heel_post", None, side),
    ]


def _norm(v: tuple[float, float, float]) -> float:
    return float(sum(c * c for c in v) ** 0.5)


def _unit(v: tuple[float, float, float]) -> tuple[float, float, float]:
    n = _norm(v)
    return (v[0] / n, v[1] / n, v[2] / n)


# In the order the solver walks them: every segment after the one whose end it starts from.
# The spine bends in two halves (lumbar, thoracic), so a rounded or arched back reads as
# a curve; the pelvis is the root and carries the whole body's orientation.
SKELETON: tuple[Segment, ...] = (
    Segment("lumbar", "pelvis", "waist", (0, 1, 0), TRUNK / 2, TRUNK_WIDTH, "pelvis", "spine_low"),
    Segment("thorax", "waist", "neck_base", (0, 1, 0), TRUNK / 2, TRUNK_WIDTH, "lumbar", "spine_high"),
    Segment("neck", "neck_base", "head_base", (0, 1, 0), NECK, NECK_WIDTH, "thorax", "neck"),
    Segment("head", "head_base", "head_top", (0, 1, 0), HEAD, 0, "neck", "head", drawn=False),
    *_limbs("left"),
    *_limbs("right"),
)
SEGMENTS = {seg.name: seg for seg in SKELETON}
JOINT_POINTS = ("pelvis", *(seg.end for seg in SKELETON))


def standing_height() -> float:
    """Ankle height + shank + thigh + trunk + neck + head: 1.0 by construction of the table."""
    return ANKLE_HEIGHT + SHANK + THIGH + TRUNK + NECK + HEAD
