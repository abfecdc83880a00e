"""Geometry -> a reportlab `Drawing` of a given size in millimetres.

Deterministic: shapes are emitted in a fixed order (props, the start frame ghosted, far
limbs, trunk and head, near limbs, arrows) from numbers only, with no text, so the same
picture gives the same bytes. Frame numbers in a sequence are drawn as strokes, not as
text, so no font has to be embedded for them.
"""

from __future__ import annotations

import itertools
import math

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Polygon, PolyLine
from reportlab.lib.colors import Color
from reportlab.lib.units import mm

from backpdf.figures import body, style
from backpdf.figures.geometry import FrameGeometry, Point, solve
from backpdf.figures.model import PictureSpec
from backpdf.figures.props import TOP_VIEW_PROPS, build, surfaces_and_points

_DIGITS = {
    1: [[(0.25, 1.25), (0.6, 1.6), (0.6, 0.0)]],
    2: [[(0.08, 1.2), (0.3, 1.55), (0.7, 1.55), (0.92, 1.25), (0.88, 0.95), (0.08, 0.0), (0.95, 0.0)]],
    3: [[(0.1, 1.55), (0.9, 1.55), (0.45, 0.95), (0.78, 0.9), (0.95, 0.55), (0.88, 0.2),
         (0.6, 0.0), (0.3, 0.0), (0.05, 0.2)]],
    4: [[(0.72, 0.0), (0.72, 1.6), (0.05, 0.45), (0.98, 0.45)]],
}

Box = tuple[float, float, float, float]   # a crop: x0, y0, x1, y1 in body heights


def _grey(level: float) -> Color:
    return Color(level, level, level)


class _Canvas:
    """Maps picture coordinates (body heights) to the drawing (points) at one scale."""

    def __init__(self, scale_pt: float, origin: Point, box: Box | None, line_scale: float | None = None):
        self.scale = scale_pt
        # Arrows, props and gaps keep the weight of a whole-body picture in a close-up.
        self.line_scale = line_scale or scale_pt
        self.ox, self.oy = origin
        self.box = box          # None: no cropping
        self.group = Group()

    def xy(self, p):
        return (self.ox + p[0] * self.scale, self.oy + p[1] * self.scale)

    def width(self, body_width: float, floor_mm: float = style.MIN_LINE_MM) -> float:
        """A body part's drawn width, in points, never under `floor_mm`."""
        return max(body_width * self.scale, floor_mm * mm)

    def stroke(self, body_width: float, floor_mm: float = style.MIN_LINE_MM) -> float:
        """An arrow's, prop's or gap's width, in points, never under `floor_mm`."""
        return max(body_width * self.line_scale, floor_mm * mm)

    def length(self, body_length: float) -> float:
        """An arrow's length in body heights, kept at whole-body size in a close-up."""
        return body_length * self.line_scale / self.scale

    def line(self, a, b, width, grey, cap=1):
        clipped = _clip(a, b, self.box)
        if clipped is None:
            return
        (a2, b2) = clipped
        (x0, y0), (x1, y1) = self.xy(a2), self.xy(b2)
        colour = _grey(grey)
        if cap == 1 and self.box is not None:
            # In a crop: square ends where the crop cuts the limb, round ends where the limb
            # really ends, unless the round end would itself stick out of the crop.
            self.group.add(Line(x0, y0, x1, y1, strokeColor=colour, strokeWidth=width,
                                strokeLineCap=0))
            for end, orig in ((a2, a), (b2, b)):
                if end == orig and _inside(end, self.inset(width)):
                    cx, cy = self.xy(end)
                    self.group.add(Circle(cx, cy, width / 2, fillColor=colour, strokeColor=None))
            return
        self.group.add(Line(x0, y0, x1, y1, strokeColor=colour, strokeWidth=width,
                            strokeLineCap=cap))

    def polyline(self, pts, width, grey):
        for run in _clip_polyline(pts, self.box):
            flat = [c for p in run for c in self.xy(p)]
            self.group.add(PolyLine(flat, strokeColor=_grey(grey), strokeWidth=width,
                                    strokeLineCap=1, strokeLineJoin=1))

    def inset(self, width: float) -> Box | None:
        """The crop box shrunk by half a stroke `width` (points), or None: no cropping."""
        if self.box is None:
            return None
        d = width / 2 / self.scale
        return (self.box[0] + d, self.box[1] + d, self.box[2] - d, self.box[3] - d)

    def polygon(self, pts, fill, stroke, width, join=1):
        pts = _clip_polygon(pts, self.inset(width))
        if len(pts) < 3:
            return
        flat = [c for p in pts for c in self.xy(p)]
        self.group.add(Polygon(flat, fillColor=None if fill is None else _grey(fill),
                               strokeColor=None if stroke is None else _grey(stroke),
                               strokeWidth=width, strokeLineJoin=join))

    def circle(self, centre, radius, fill, stroke=None, width=0.0):
        if self.box and not _inside(centre, self.box, radius):
            return
        x, y = self.xy(centre)
        self.group.add(Circle(x, y, radius * self.scale,
                              fillColor=None if fill is None else _grey(fill),
                              strokeColor=None if stroke is None else _grey(stroke),
                              strokeWidth=width))


def _inside(p, box, margin=0.0):
    return box[0] - margin <= p[0] <= box[2] + margin and box[1] - margin <= p[1] <= box[3] + margin


def _clip(a: Point, b: Point, box: Box | None) -> tuple[Point, Point] | None:
    """Liang-Barsky: the part of segment a-b inside the box (None if none)."""
    if box is None:
        return a, b
    t0, t1 = 0.0, 1.0
    dx, dy = b[0] - a[0], b[1] - a[1]
    for p, q in ((-dx, a[0] - box[0]), (dx, box[2] - a[0]), (-dy, a[1] - box[1]), (dy, box[3] - a[1])):
        if p == 0:
            if q < 0:
                return None
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
    if t0 > t1:
        return None
    pa = a if t0 == 0 else (a[0] + t0 * dx, a[1] + t0 * dy)
    pb = b if t1 == 1 else (a[0] + t1 * dx, a[1] + t1 * dy)
    return pa, pb


def _clip_polyline(pts: list[Point], box: Box | None) -> list[list[Point]]:
    """The runs of a polyline that lie inside the crop box."""
    if box is None:
        return [list(pts)]
    runs: list[list[Point]] = []
    run: list[Point] = []
    for a, b in itertools.pairwise(pts):
        piece = _clip(a, b, box)
        if piece is None:
            continue
        if run and run[-1] == piece[0]:
            run.append(piece[1])
        else:
            if len(run) > 1:
                runs.append(run)
            run = list(piece)
    if len(run) > 1:
        runs.append(run)
    return runs


def _clip_polygon(pts, box):
    """Sutherland-Hodgman against the crop box."""
    if box is None:
        return list(pts)
    out = list(pts)
    edges = ((0, box[0], 1), (0, box[2], -1), (1, box[1], 1), (1, box[3], -1))
    for axis, limit, sign in edges:
        src, out = out, []
        for i, cur in enumerate(src):
            prev = src[i - 1]
            cur_in = sign * (cur[axis] - limit) >= 0
            prev_in = sign * (prev[axis] - limit) >= 0
            if cur_in != prev_in:
                t = (limit - prev[axis]) / (cur[axis] - prev[axis])
                out.append((prev[0] + t * (cur[0] - prev[0]), prev[1] + t * (cur[1] - prev[1])))
            if cur_in:
                out.append(cur)
    return out


# ---------------------------------------------------------------- the figure

def _figure(c: _Canvas, geo: FrameGeometry, ghost: bool):
    """One body: far limbs, then trunk and head, then near limbs, each with a white halo
    so a limb in front of the trunk stays readable on a photocopy."""
    halo = c.stroke(style.HALO, 0.25) * 2
    order = (("far", style.FAR_GREY), ("centre", style.BLACK), ("near", style.BLACK))
    for depth, grey in order:
        grey = style.GHOST_GREY if ghost else grey
        if depth == "centre":
            _trunk(c, geo, grey, halo)
        for seg in (s for s in geo.segments if s.depth == depth and s.name not in ("lumbar", "thorax")):
            w = c.width(seg.width)
            c.line(seg.start, seg.end, w + halo, style.WHITE)
            c.line(seg.start, seg.end, w, grey)


def _trunk(c: _Canvas, geo: FrameGeometry, grey: float, halo: float):
    centre, radius = geo.head
    c.circle(centre, radius + halo / 2 / c.scale, style.WHITE)
    c.circle(centre, radius, grey)
    if geo.torso:
        w = c.width(0.045)
        c.polygon(geo.torso, style.WHITE, style.WHITE, w + halo)
        c.polygon(geo.torso, grey, grey, w)
    else:
        for seg in geo.segments:
            if seg.name in ("lumbar", "thorax"):
                c.line(seg.start, seg.end, c.width(seg.width) + halo, style.WHITE)
        for seg in geo.segments:
            if seg.name in ("lumbar", "thorax"):
                c.line(seg.start, seg.end, c.width(seg.width), grey)
    nx, ny = geo.nose
    dx, dy = nx - centre[0], ny - centre[1]
    if math.hypot(dx, dy) > 0.45 * radius:   # the face points somewhere we can see: show it
        c.circle((centre[0] + dx * 0.92, centre[1] + dy * 0.92), radius * 0.32, grey)


# ---------------------------------------------------------------- props and bands

def _props(c: _Canvas, spec: PictureSpec, extent):
    if spec.crop == "head":     # head and shoulders: the chair and floor are out of the picture
        return
    line = c.stroke(style.PROP_LINE)
    for prop in spec.props:
        if spec.view == "top" and prop.name not in TOP_VIEW_PROPS:   # the rest stand up
            continue
        shapes, _, _ = build(prop, spec.view)
        for shape in shapes:
            if shape.kind == "floor":
                c.line((extent[0], 0.0), (extent[2], 0.0), c.stroke(style.FLOOR_LINE), style.BLACK, cap=0)
            elif shape.kind == "water":
                _water(c, shape.points[0][1], extent, line)
            elif shape.kind == "line":
                c.polyline(shape.points, line, style.BLACK)
            elif shape.kind == "circle":
                c.circle(shape.points[0], shape.size, _fill(shape.role), style.BLACK, line)
            else:
                c.polygon(shape.points, _fill(shape.role), style.BLACK, line, join=0)


def _fill(role):
    return {"solid": style.BLACK, "light": style.PROP_FILL}.get(role)


def _water(c: _Canvas, level, extent, width):
    step = 0.06
    n = max(2, int((extent[2] - extent[0]) / step))
    pts = [(extent[0] + i * (extent[2] - extent[0]) / n,
            level + (0.012 if i % 2 else -0.012)) for i in range(n + 1)]
    c.polyline(pts, width, style.BLACK)


def _bands(c: _Canvas, spec: PictureSpec, geo: FrameGeometry, ghost: bool, prop_points):
    for prop in spec.props:
        if prop.name not in ("band", "towel"):
            continue
        ends = [geo.points.get(prop.param(k)) or prop_points.get(prop.param(k)) for k in ("from", "to")]
        if None in ends:
            continue
        width = style.BAND_LINE * (2.2 if prop.name == "towel" else 1.0)
        c.line(ends[0], ends[1], c.stroke(width), style.GHOST_GREY if ghost else style.BLACK)


# ---------------------------------------------------------------- arrows

def _arrow(c: _Canvas, start, end, bend: float):
    """A bold arrow along a gentle curve from `start` to `end` (body heights)."""
    dx, dy = end[0] - start[0], end[1] - start[1]
    length = math.hypot(dx, dy)
    if length < 1e-6:
        return
    shortest = c.length(style.ARROW_MIN)
    if length < shortest:   # too small a move to show: stretch the arrow around it
        grow = (shortest - length) / 2 / length
        start = (start[0] - dx * grow, start[1] - dy * grow)
        end = (end[0] + dx * grow, end[1] + dy * grow)
        dx, dy, length = dx * (1 + 2 * grow), dy * (1 + 2 * grow), shortest
    ctrl = (start[0] + dx / 2 - dy * bend, start[1] + dy / 2 + dx * bend)
    pts = [_bezier(start, ctrl, end, i / 16) for i in range(17)]
    head = c.stroke(style.ARROW_HEAD) / c.scale
    tip = pts[-1]
    # Walk back along the curve to where the head starts.
    back = next((p for p in reversed(pts) if math.dist(p, tip) >= head), pts[0])
    ux, uy = (tip[0] - back[0]) / max(math.dist(tip, back), 1e-9), (tip[1] - back[1]) / max(math.dist(tip, back), 1e-9)
    base = (tip[0] - ux * head, tip[1] - uy * head)
    shaft = [p for p in pts if math.dist(p, tip) > head * 0.9] + [base]
    width = c.stroke(style.ARROW_LINE, 0.8)
    c.polyline(shaft, width + c.stroke(style.HALO, 0.25) * 2, style.WHITE)
    c.polyline(shaft, width, style.BLACK)
    half = head * 0.55
    wing = [(base[0] - uy * half, base[1] + ux * half), tip, (base[0] + uy * half, base[1] - ux * half)]
    c.polygon(wing, style.BLACK, style.BLACK, c.stroke(0.004, 0.1))


def _bezier(a, b, c, t):
    u = 1 - t
    return (u * u * a[0] + 2 * u * t * b[0] + t * t * c[0], u * u * a[1] + 2 * u * t * b[1] + t * t * c[1])


_PUSH = {"down": (0, -1), "up": (0, 1), "forward": (1, 0), "back": (-1, 0)}


def _direction(spec: PictureSpec, word: str):
    """A direction word as a unit vector on the page ("forward" is the way the body faces)."""
    ux, uy = _PUSH[word]
    return (-ux if spec.facing == "left" and spec.view == "side" else ux), uy


def _arrows(c: _Canvas, spec: PictureSpec, geos):
    for arrow in spec.arrows:
        sx, sy = _direction(spec, arrow.shift) if arrow.shift else (0.0, 0.0)
        start, end = geos[0].points[arrow.point], geos[-1].points[arrow.point]
        start = (start[0] + sx * style.ARROW_SHIFT, start[1] + sy * style.ARROW_SHIFT)
        end = (end[0] + sx * style.ARROW_SHIFT, end[1] + sy * style.ARROW_SHIFT)
        if arrow.push is not None:
            ux, uy = _direction(spec, arrow.push)
            gap, length = c.length(style.PUSH_GAP), c.length(style.PUSH_LENGTH)
            tip = (end[0] - ux * gap, end[1] - uy * gap)
            tail = (tip[0] - ux * length, tip[1] - uy * length)
            _arrow(c, tail, tip, 0.0)
        else:
            _arrow(c, start, end, arrow.bend)


def _number(c: _Canvas, n: int, corner):
    h = style.NUMBER_HEIGHT
    s = h / 1.6
    w = c.stroke(0.018, 0.5)
    for stroke in _DIGITS.get(n, []):
        c.polyline([(corner[0] + x * s, corner[1] - h + y * s) for x, y in stroke], w, style.BLACK)


# ---------------------------------------------------------------- layout and scale

def _extent(spec: PictureSpec, geos) -> tuple[float, float, float, float]:
    """What must be visible: the bodies, the props, arrows; with a margin."""
    xs, ys = [], []
    for g in geos:
        xs += [g.bbox[0], g.bbox[2]]
        ys += [g.bbox[1], g.bbox[3]]
    for prop in spec.props:
        if spec.view == "top" and prop.name not in TOP_VIEW_PROPS:
            continue
        for shape in build(prop, spec.view)[0]:
            if shape.kind in ("line", "polygon", "circle"):
                for x, y in shape.points:
                    xs += [x - shape.size, x + shape.size]
                    ys += [y - shape.size, y + shape.size]
    if spec.floor and spec.view != "top":
        ys.append(-0.02)
    m = style.MARGIN
    return (min(xs) - m, min(ys) - m, max(xs) + m, max(ys) + m)


def head_box(geo: FrameGeometry, view: str):
    """Head and shoulders of the start frame, for neck pictures."""
    x, y = geo.points["neck_base"]
    return (x - 0.27, y - 0.12, x + 0.27, y + 0.25)


def _fit(extent, width_pt, height_pt):
    ew, eh = extent[2] - extent[0], extent[3] - extent[1]
    scale = min(width_pt / ew, height_pt / eh)
    ox = (width_pt - ew * scale) / 2 - extent[0] * scale
    oy = (height_pt - eh * scale) / 2 - extent[1] * scale
    return scale, (ox, oy)


def _panel(spec, geos, ghost_first, extent, scale, origin, box):
    c = _Canvas(scale, origin, box, _line_scale(spec, scale))
    _props(c, spec, extent)
    _, prop_points = surfaces_and_points(spec.props, spec.view)
    if ghost_first and len(geos) > 1:
        for g in geos[:-1]:
            _figure(c, g, ghost=True)
            _bands(c, spec, g, True, prop_points)
    _figure(c, geos[-1], ghost=False)
    _bands(c, spec, geos[-1], False, prop_points)
    return c


def scale_for(spec: PictureSpec, geos, width_mm: float, height_mm: float) -> float:
    """Points per body height when this picture is drawn at this size."""
    return _layout(spec, geos, width_mm * mm, height_mm * mm)[0]


def _layout(spec, geos, width_pt, height_pt):
    if spec.layout == "sequence":
        extents = [_extent(spec, [g]) for g in geos]
        panel = (min(e[0] for e in extents), min(e[1] for e in extents),
                 max(e[2] for e in extents), max(e[3] for e in extents))
        panel = (panel[0], panel[1], panel[2], panel[3] + style.NUMBER_HEIGHT * 0.6)
        n = len(geos)
        scale, _ = _fit(panel, width_pt / n, height_pt)
        return scale, panel, None
    box = head_box(geos[0], spec.view) if spec.crop == "head" else None
    extent = box or _extent(spec, geos)
    scale, origin = _fit(extent, width_pt, height_pt)
    return scale, extent, (origin, box)


def _line_scale(spec, scale):
    """Close-ups draw arrows and gaps as heavy as a whole-body picture would, not heavier."""
    return scale * style.CLOSE_UP_LINES if spec.crop == "head" else scale


def natural_size(spec: PictureSpec, longer_side_mm: float, geos=None) -> tuple[float, float]:
    """(width, height) in mm that fits this picture without empty bands, with the longer
    side `longer_side_mm`; a layout sizes its picture box with it."""
    geos = geos or solve(spec)
    _, extent, _ = _layout(spec, geos, 1.0, 1.0)
    width = (extent[2] - extent[0]) * (len(geos) if spec.layout == "sequence" else 1)
    height = extent[3] - extent[1]
    if width >= height:
        return longer_side_mm, longer_side_mm * height / width
    return longer_side_mm * width / height, longer_side_mm


def drawing(spec: PictureSpec, width_mm: float, height_mm: float, geos=None) -> Drawing:
    """The picture as a reportlab Drawing exactly `width_mm` x `height_mm`."""
    geos = geos or solve(spec)
    width_pt, height_pt = width_mm * mm, height_mm * mm
    d = Drawing(width_pt, height_pt)
    scale, extent, placed = _layout(spec, geos, width_pt, height_pt)
    if placed is not None:
        origin, box = placed
        c = _panel(spec, geos, spec.layout == "ghost", extent, scale, origin, box)
        _arrows(c, spec, geos)
        d.add(c.group)
        return d
    n = len(geos)
    for i, g in enumerate(geos):
        _, origin = _fit(extent, width_pt / n, height_pt)
        origin = (origin[0] + i * width_pt / n, origin[1])
        c = _panel(spec, [g], False, extent, scale, origin, None)
        _number(c, i + 1, (extent[0] + 0.02, extent[3] - 0.01))
        d.add(c.group)
    return d


def line_widths_mm(spec: PictureSpec, width_mm: float, height_mm: float) -> dict[str, float]:
    """Every kind of line this picture prints, in mm, at this size (for the 0.5 mm rule)."""
    geos = solve(spec)
    scale = scale_for(spec, geos, width_mm, height_mm)
    c = _Canvas(scale, (0, 0), None, _line_scale(spec, scale))
    widths = {
        "thinnest limb": c.width(min(body.FOOT_WIDTH, body.FOREARM_WIDTH)),
        "prop": c.stroke(style.PROP_LINE),
        "floor": c.stroke(style.FLOOR_LINE),
        "band": c.stroke(style.BAND_LINE),
        "arrow": c.stroke(style.ARROW_LINE, 0.8),
        "number": c.stroke(0.018, 0.5),
    }
    return {k: v / mm for k, v in widths.items()}
