"""Joint angles: the names a picture uses, and how each turns the skeleton.

A picture names angles the way a therapist does (`right_hip: 90` is 90 degrees of hip
flexion); this table turns a name into a rotation about one axis of the part's own frame.
Ranges of motion are data (`joints.yaml`), read by the loader, not here.

Axes of a part's frame: x forward, y along the part (up at rest for the spine, down for a
limb), z to the body's right. Every joint turns as Rz(flexion) . Rx(sideways) . Ry(twist),
so a twist is about the part's own long axis and flexion happens last.
"""

from __future__ import annotations

from dataclasses import dataclass

from backpdf.figures.body import SIDES


@dataclass(frozen=True)
class AngleKind:
    """One named angle: the joint (without side) it turns, the axis, and its sign per side."""

    joint: str
    axis: str           # "z" flexion, "x" sideways, "y" twist
    right_sign: float
    left_sign: float
    paired: bool        # has a right_ and left_ version
    halves: tuple[str, ...] = ()   # spread over these joints (the spine bends in two halves)


# Signs follow from the axes: a positive value is the movement in the comment.
ANGLE_KINDS: dict[str, AngleKind] = {
    "trunk": AngleKind("root", "z", -1, -1, False),           # lean forward from upright
    "trunk_tilt": AngleKind("root", "x", 1, 1, False),         # lean to the right side
    "trunk_turn": AngleKind("root", "y", -1, -1, False),       # turn to the right
    "spine": AngleKind("spine", "z", -1, -1, False, ("spine_low", "spine_high")),  # round forward
    "spine_bend": AngleKind("spine", "x", 1, 1, False, ("spine_low", "spine_high")),  # bend right
    "spine_turn": AngleKind("spine", "y", -1, -1, False, ("spine_low", "spine_high")),  # twist right
    "neck": AngleKind("neck", "z", -1, -1, False),             # chin toward chest
    "neck_bend": AngleKind("neck", "x", 1, 1, False),          # right ear toward right shoulder
    "neck_turn": AngleKind("neck", "y", -1, -1, False),        # look over the right shoulder
    "head": AngleKind("head", "z", -1, -1, False),             # nod: chin down on the neck
    "scapula_up": AngleKind("scapula", "x", -1, 1, True),      # shrug
    "scapula_back": AngleKind("scapula", "y", -1, 1, True),    # shoulder blades squeezed back
    "shoulder": AngleKind("shoulder", "z", 1, 1, True),        # arm forward and up (180 overhead)
    "shoulder_abduction": AngleKind("shoulder", "x", -1, 1, True),  # arm out to the side
    "shoulder_rotation": AngleKind("shoulder", "y", -1, 1, True),   # outward (external) rotation
    "elbow": AngleKind("elbow", "z", 1, 1, True),              # bend
    "wrist": AngleKind("wrist", "z", 1, 1, True),              # hand turns the way the elbow bends
    "hip": AngleKind("hip", "z", 1, 1, True),                  # thigh forward and up
    "hip_abduction": AngleKind("hip", "x", -1, 1, True),       # leg out to the side
    "hip_rotation": AngleKind("hip", "y", -1, 1, True),        # outward (external) rotation
    "knee": AngleKind("knee", "z", -1, -1, True),              # bend (heel toward buttock)
    "ankle": AngleKind("ankle", "z", 1, 1, True),              # toes up (dorsiflexion)
}


def angle_names() -> tuple[str, ...]:
    """Every name a frame may use: `trunk`, `right_hip`, `left_elbow`, and bare `hip` for both."""
    names = []
    for name, kind in ANGLE_KINDS.items():
        names.append(name)
        if kind.paired:
            names.extend(f"{side}_{name}" for side in SIDES)
    return tuple(names)


def expand(name: str) -> list[tuple[str, str | None]]:
    """`hip` -> [("hip", "right"), ("hip", "left")]; `right_hip` -> [("hip", "right")]."""
    for side in SIDES:
        if name.startswith(side + "_") and name[len(side) + 1:] in ANGLE_KINDS:
            return [(name[len(side) + 1:], side)]
    kind = ANGLE_KINDS[name]
    return [(name, side) for side in SIDES] if kind.paired else [(name, None)]


def side_name(kind_name: str, side: str | None) -> str:
    return f"{side}_{kind_name}" if side else kind_name
