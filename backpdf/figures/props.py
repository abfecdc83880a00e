"""Props as small parametric shapes: where their surfaces are, and what to draw.

A prop stands still in the picture; the solver moves the body until its contacts rest on
the prop's surfaces. Sizes are in body heights (a chair seat 0.265 high is 45 cm for a
170 cm adult). Shapes are plain data (`Shape`), turned into reportlab objects by `draw`.
Only the side view knows every prop; the front view draws the few a front view needs.
"""

from __future__ import annotations

from dataclasses import dataclass

from backpdf.figures.model import Prop

SEAT_HEIGHT = 0.265
SEAT_DEPTH = 0.24
TABLE_HEIGHT = 0.53


@dataclass(frozen=True)
class Surface:
    """Where a contact can rest. `kind` is `top` (a horizontal surface at y = value) or
    `side` (a vertical one at x = value; `toward` +1 if the body is on its right, -1 on its
    left, 0 if body parts lie in its plane, as forearms on a door frame). `anchor` is the x
    a resting part is centred on, for surfaces with an end (a chair seat, a pillow)."""

    kind: str
    value: float
    anchor: float | None = None
    toward: int = 0
    solid: bool = False     # nothing of the body may be behind it (a wall)


@dataclass(frozen=True)
class Shape:
    """One drawn piece of a prop. `kind`: line (open polyline), polygon, circle (points =
    centre, size = radius), floor (a line across the whole picture at y = points[0][1]).
    `role`: outline (thin black), solid (black fill), light (light grey fill with outline),
    band (an elastic band or towel held by the hands)."""

    kind: str
    points: tuple[tuple[float, float], ...]
    role: str = "outline"
    size: float = 0.0


def _rect(x0, y0, x1, y1, role="light"):
    return Shape("polygon", ((x0, y0), (x1, y0), (x1, y1), (x0, y1)), role)


def _line(*pts, role="outline"):
    return Shape("line", tuple(pts), role)


def _chair(prop: Prop, view: str):
    x, back = prop.x, prop.param("back", "high")
    top = {"high": SEAT_HEIGHT + 0.30, "low": SEAT_HEIGHT + 0.17, "none": SEAT_HEIGHT}[back]
    half = SEAT_DEPTH / 2
    if view == "front":
        half = 0.15
        shapes = [_rect(x - half, SEAT_HEIGHT - 0.03, x + half, SEAT_HEIGHT),
                  _line((x - half + 0.02, 0), (x - half + 0.02, SEAT_HEIGHT - 0.03)),
                  _line((x + half - 0.02, 0), (x + half - 0.02, SEAT_HEIGHT - 0.03))]
        surfaces = {"seat": Surface("top", SEAT_HEIGHT, x)}
        # Facing the reader, the body's right is on the picture's left.
        points = {"seat_edge_right": (x - half + 0.01, SEAT_HEIGHT),
                  "seat_edge_left": (x + half - 0.01, SEAT_HEIGHT)}
        return shapes, surfaces, points
    shapes = [_rect(x - half, SEAT_HEIGHT - 0.03, x + half, SEAT_HEIGHT),
              _line((x - half + 0.015, 0), (x - half + 0.015, top)),
              _line((x + half - 0.015, 0), (x + half - 0.015, SEAT_HEIGHT - 0.03))]
    surfaces = {"seat": Surface("top", SEAT_HEIGHT, x - 0.02)}
    points = {"seat_edge": (x + half - 0.03, SEAT_HEIGHT), "chair_back": (x - half + 0.015, top)}
    if back != "none":
        shapes.append(_rect(x - half, SEAT_HEIGHT + 0.08, x - half + 0.03, top))
        surfaces["chair_back"] = Surface("side", x - half + 0.03, None, 1)
    return shapes, surfaces, points


def _wall(prop: Prop, view: str):
    x = prop.x
    if view == "front":   # behind the body: a plain panel
        return [_rect(x - 0.45, 0, x + 0.45, 1.12)], {}, {}
    toward = 1 if prop.param("body", "right") == "right" else -1
    thick = 0.05 * toward
    shapes = [_rect(x - thick, 0, x, 1.12)]
    return shapes, {"wall": Surface("side", x, None, toward, solid=True)}, {"wall_high": (x, 0.95)}


def _doorway(prop: Prop, view: str):
    x = prop.x
    if view == "front":   # the opening around the body: two jambs and the top
        half = prop.param("width", 0.34)
        shapes = [_rect(x - half - 0.05, 0, x - half, 1.2), _rect(x + half, 0, x + half + 0.05, 1.2),
                  _rect(x - half - 0.05, 1.15, x + half + 0.05, 1.2)]
        return shapes, {}, {}
    shapes = [_rect(x - 0.025, 0, x + 0.025, 1.2)]
    return shapes, {"doorway": Surface("side", x, None, 0)}, {"door_frame": (x, 0.9)}


def _table(prop: Prop, view: str):
    x, half = prop.x, 0.22
    shapes = [_rect(x - half, TABLE_HEIGHT - 0.035, x + half, TABLE_HEIGHT),
              _line((x - half + 0.03, 0), (x - half + 0.03, TABLE_HEIGHT - 0.035)),
              _line((x + half - 0.03, 0), (x + half - 0.03, TABLE_HEIGHT - 0.035))]
    return shapes, {"table": Surface("top", TABLE_HEIGHT, x)}, {"table_edge": (x - half, TABLE_HEIGHT)}


def _lump(name, half_width, height, round_=False):
    def make(prop: Prop, view: str):
        x = prop.x
        if view == "top":   # seen from above: a flat shape at (x, y) on the page
            y, half = prop.param("y", 0.0), max(half_width, 0.06)
            return [_rect(x - half, y - 0.06, x + half, y + 0.06)], {}, {}
        if round_:
            shapes = [Shape("circle", ((x, height / 2),), "light", height / 2)]
        else:
            shapes = [_rect(x - half_width, 0, x + half_width, height)]
        return shapes, {name: Surface("top", height, x)}, {}
    return make


MAT_THICKNESS = 0.016


def _mat(prop: Prop, view: str):
    # The mat lies on the floor; whatever rests "on floor" rests on the mat.
    x, half = prop.x, prop.param("length", 0.62)
    top = Surface("top", MAT_THICKNESS)
    if view == "top":   # seen from above: the mat is the page under the body
        return [_rect(x - half, -0.2, x + half, 0.2)], {"floor": top, "mat": top}, {}
    return [_rect(x - half, 0, x + half, MAT_THICKNESS)], {"floor": top, "mat": top}, {}


def _floor(prop: Prop, view: str):
    return ([] if view == "top" else [Shape("floor", ((0.0, 0.0),))]), {}, {}


def _band(prop: Prop, view: str):
    # Drawn between two points, resolved against the body in `draw`; nothing to rest on.
    return [], {}, {}


def _post(prop: Prop, view: str):
    x, h = prop.x, prop.param("height", 0.55)
    return ([_rect(x - 0.02, 0, x + 0.02, 0.9)],
            {}, {"post": (x - 0.02 if prop.param("body", "left") == "left" else x + 0.02, h)})


def _bike(prop: Prop, view: str):
    x = prop.x
    seat = (x, 0.47)
    crank = (x + 0.17, 0.19)
    bar = (x + 0.38, 0.66)
    shapes = [_rect(x - 0.12, 0, x + 0.55, 0.03, "solid"),
              _line((x + 0.02, 0.03), (x + 0.01, seat[1] - 0.03), crank, (x + 0.40, 0.03)),
              _line(crank, (bar[0] - 0.04, bar[1] - 0.05), bar),
              Shape("circle", (crank,), "outline", 0.10),
              _rect(x - 0.07, seat[1] - 0.03, x + 0.06, seat[1], "solid")]
    return (shapes, {"saddle": Surface("top", seat[1], x - 0.01)},
            {"handlebar": bar, "pedal": (crank[0] + 0.07, crank[1] - 0.07)})


def _elliptical(prop: Prop, view: str):
    """A low base, the flywheel housing in front, two long foot pedals (one bar, as they
    overlap from the side) on an arm to the flywheel, and a tall handle held at chest height."""
    x = prop.x
    flywheel = (x + 0.40, 0.16)
    shapes = [_rect(x - 0.35, 0, x + 0.52, 0.035, "solid"),
              Shape("circle", (flywheel,), "outline", 0.11),
              _line((x + 0.08, 0.12), flywheel),
              _line(flywheel, (x + 0.36, 0.55), (x + 0.30, 0.70)),
              _rect(x - 0.30, 0.10, x + 0.22, 0.13, "solid")]
    return (shapes, {"pedals": Surface("top", 0.13, x - 0.22)},
            {"handles": (x + 0.30, 0.70)})


def _water(prop: Prop, view: str):
    level = prop.param("level", 0.62)
    return [Shape("water", ((0.0, level),), "outline")], {}, {}


# Each builder returns (shapes, surfaces by name, points by name) for one placed prop.
BUILDERS = {
    "floor": _floor,
    "mat": _mat,
    "chair": _chair,
    "wall": _wall,
    "doorway": _doorway,
    "table": _table,
    "counter": _table,
    "pillow": _lump("pillow", 0.09, 0.05),
    "towel_roll": _lump("towel_roll", 0.035, 0.07, round_=True),
    "folded_towel": _lump("folded_towel", 0.06, 0.025),
    "band": _band,
    "towel": _band,
    "post": _post,
    "stationary_bike": _bike,
    "elliptical": _elliptical,
    "water": _water,
}
PROP_NAMES = tuple(BUILDERS)
# What a picture seen from above shows: things that lie flat on the floor.
TOP_VIEW_PROPS = ("mat", "pillow", "folded_towel")


def build(prop: Prop, view: str):
    """(shapes, surfaces, points) of one prop as seen from `view`."""
    return BUILDERS[prop.name](prop, view)


def surfaces_and_points(props, view: str):
    """Every surface and point the props offer; the floor is always there when there is one."""
    surfaces = {"floor": Surface("top", 0.0)}
    points: dict[str, tuple[float, float]] = {}
    for prop in props:
        _, s, p = build(prop, view)
        surfaces.update(s)
        points.update(p)
    return surfaces, points
