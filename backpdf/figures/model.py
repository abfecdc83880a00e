"""What a picture says, as plain frozen data: no YAML, no reportlab, no file system.

A `PictureSpec` is already resolved: each frame carries every angle (the posture's, then
the frame's own on top), so geometry needs no posture table. `path` fields say where a
value came from inside the exercise's `picture:` block, so a problem found while solving
can be reported at its `file:line`.
"""

from __future__ import annotations

from dataclasses import dataclass

Path = tuple  # a path inside the picture block, e.g. ("frames", 1, "right_knee")


@dataclass(frozen=True)
class Contact:
    """A body part that rests on a surface: `heels` on `floor`, `back` on `wall`."""

    part: str
    surface: str
    path: Path = ()


@dataclass(frozen=True)
class Reach:
    """A hand placed on a point: `right_hand` to `right_knee`, `hands` to `chair_back`."""

    hand: str
    target: str
    path: Path = ()


@dataclass(frozen=True)
class Frame:
    """One position of the body: every angle in degrees, contacts to solve, hands to place."""

    angles: tuple[tuple[str, float], ...]
    contacts: tuple[Contact, ...]
    reaches: tuple[Reach, ...] = ()
    angle_paths: tuple[tuple[str, Path], ...] = ()
    path: Path = ()


@dataclass(frozen=True)
class Arrow:
    """A bold arrow: without `push` it follows a point from the first frame to the last;
    with `push` (up, down, forward, back) it shows a force at the point without movement."""

    point: str
    push: str | None = None
    bend: float = 0.3
    shift: str | None = None   # move the arrow off the body: up, down, forward or back
    path: Path = ()


@dataclass(frozen=True)
class Prop:
    """A thing drawn with the figure, placed in body heights (x along the floor)."""

    name: str
    x: float = 0.0
    params: tuple[tuple[str, object], ...] = ()
    path: Path = ()

    def param(self, key: str, default=None):
        return dict(self.params).get(key, default)


@dataclass(frozen=True)
class PictureSpec:
    """One exercise's picture: how it is seen, the frames, props and arrows."""

    view: str                      # "side" or "front"
    crop: str                      # "body" or "head" (head and shoulders, for neck work)
    facing: str                    # side view: "right" (right side nearest) or "left"
    layout: str                    # "ghost" (start light behind end) or "sequence"
    posture: str
    frames: tuple[Frame, ...]
    props: tuple[Prop, ...] = ()
    arrows: tuple[Arrow, ...] = ()
    free_root: bool = False        # the solver may turn the whole body to meet its contacts
    floor: bool = True             # there is a floor under the body (not while swimming)
