"""Problems in picture data, each as (message, path inside the picture block).

Two passes. Names first (posture, props, joints, contacts, reach targets, arrows), each
unknown one with a did-you-mean, since nothing can be solved with an unknown name. Then
the picture is solved and the geometry checked: angles within normal ranges of motion,
nothing below the floor, every declared contact touching, start and end that differ,
hands that reach what they should, the body outside no wall. The loader adds `file:line`
from the path.
"""

from __future__ import annotations

import difflib
import math

from backpdf.figures import body
from backpdf.figures.build import FRAME_KEYS, FREE, parse_contact, picture_from_data, prop_from_data
from backpdf.figures.catalog import Catalog, bundled_catalog
from backpdf.figures.draw import head_box
from backpdf.figures.geometry import CONTACT_TOLERANCE, contact_part_names, point_names, solve
from backpdf.figures.joints import angle_names
from backpdf.figures.props import PROP_NAMES, surfaces_and_points

Problem = tuple[str, tuple]

FLOOR_TOLERANCE = 0.008     # body heights a part may dip into the floor (line widths overlap)
SAME_TOLERANCE = 0.01       # frames closer than this everywhere look the same
HAND_NAMES = ("hands", "right_hand", "left_hand")


def _unknown(kind: str, name, known, path) -> list[Problem]:
    if name in known:
        return []
    close = difflib.get_close_matches(str(name), list(known), n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return [(f"unknown {kind} '{name}'{hint}", path)]


def name_problems(data: dict, catalog: Catalog) -> list[Problem]:
    """Every name in the block that the picture vocabulary does not know."""
    out = _unknown("posture", data["posture"], catalog.postures, ("posture",))
    for i, prop in enumerate(data.get("props", [])):
        name = prop if isinstance(prop, str) else prop["name"]
        out += _unknown("prop", name, PROP_NAMES, ("props", i))
    props = list(data.get("props", []))
    posture_props = catalog.postures.get(data["posture"], {}).get("props", [])
    view = data.get("view", catalog.postures.get(data["posture"], {}).get("view", "side"))
    surfaces, points = _vocabulary(posture_props + props, view)
    contact_lists: list[tuple[tuple, list[str]]] = [(("contacts",), data.get("contacts", []))]
    for i, frame in enumerate(data["frames"]):
        where = ("frames", i)
        for key in frame:
            if key not in FRAME_KEYS:
                out += _unknown("joint", key, angle_names(), (*where, key))
        contact_lists.append(((*where, "contacts"), frame.get("contacts", [])))
        for hand, target in frame.get("reach", {}).items():
            out += _unknown("hand", hand, HAND_NAMES, (*where, "reach", hand))
            if target != FREE:
                out += _unknown("reach target", target, (*point_names(), *points, *surfaces),
                                (*where, "reach", hand))
    for base, contacts in contact_lists:
        for j, text in enumerate(contacts):
            c = parse_contact(text, ())
            out += _unknown("body part", c.part, contact_part_names(), (*base, j))
            out += _unknown("surface", c.surface, surfaces, (*base, j))
    for i, arrow in enumerate(data.get("arrows", [])):
        out += _unknown("arrow point", arrow["point"], point_names(),
                        ("arrows", i, "point"))
    return out


def _vocabulary(props, view):
    known = [prop_from_data(p, ()) for p in props
             if (p if isinstance(p, str) else p.get("name")) in PROP_NAMES]
    return surfaces_and_points(known, view)


def problems(data: dict, catalog: Catalog | None = None) -> list[Problem]:
    """Everything wrong with one `picture:` block (already schema-valid), in block order."""
    catalog = catalog or bundled_catalog()
    out = name_problems(data, catalog)
    if out:
        return out
    spec = picture_from_data(data, catalog)
    geos = solve(spec)
    out += _range_problems(spec, catalog)
    for frame, geo in zip(spec.frames, geos):
        out += _contact_problems(geo)
        out += _floor_problems(spec, frame, geo)
        out += _wall_problems(spec, frame, geo)
        out += [(f"the {hand.replace('_', ' ')} cannot reach its target", r.path)
                for r in frame.reaches for hand in geo.unreached if hand == r.hand]
    if len(geos) > 1 and _same(geos[0], geos[-1]):
        out.append(("the start and end frames look the same; change an angle in the end frame",
                    ("frames", len(geos) - 1)))
    if spec.crop == "head":
        out += _crop_problems(spec, geos)
    return _unique(out)


def _unique(items):
    seen, out = set(), []
    for item in items:
        if item not in seen:
            seen.add(item)
            out.append(item)
    return out


def _range_problems(spec, catalog) -> list[Problem]:
    out = []
    for frame in spec.frames:
        paths = dict(frame.angle_paths)
        for name, value in frame.angles:
            kind = name.split("_", 1)[1] if name.startswith(body.SIDES) else name
            if kind not in catalog.ranges:
                continue
            low, high, meaning = catalog.ranges[kind]
            if not low <= value <= high:
                out.append((f"{name} {value:g} is outside the normal range {low:g} to {high:g} "
                            f"(a positive value {meaning})", paths[name]))
    return out


def _contact_problems(geo) -> list[Problem]:
    return [(f"'{r.contact.part} on {r.contact.surface}' does not touch after solving "
             f"({_cm(r.gap)} apart); adjust the angles so it can", r.contact.path)
            for r in geo.contacts if abs(r.gap) > CONTACT_TOLERANCE]


def _cm(gap: float) -> str:
    return f"{abs(gap) * 170:.0f} cm on an adult"


def _floor_problems(spec, frame, geo) -> list[Problem]:
    if not spec.floor or spec.view == "top":
        return []
    surfaces, _ = surfaces_and_points(spec.props, spec.view)
    floor = surfaces["floor"].value
    low = [seg.name for seg in geo.segments
           if min(seg.start[1], seg.end[1]) - seg.width / 2 < floor - FLOOR_TOLERANCE]
    if geo.head[0][1] - geo.head[1] < floor - FLOOR_TOLERANCE:
        low.append("head")
    if not low:
        return []
    return [(f"{_names(low)} below the floor", frame.path)]


def _names(parts):
    words = sorted({p.replace("_", " ") for p in parts})
    return ", ".join(words[:4]) + (" and more" if len(words) > 4 else "") + (" is" if len(words) == 1 else " are")


def _wall_problems(spec, frame, geo) -> list[Problem]:
    surfaces, _ = surfaces_and_points(spec.props, spec.view)
    out = []
    for name, surface in surfaces.items():
        if not surface.solid:
            continue
        through = [seg.name for seg in geo.segments
                   if min(surface.toward * (p[0] - surface.value) for p in (seg.start, seg.end))
                   < seg.width / 2 - FLOOR_TOLERANCE * 2]
        if through:
            out.append((f"{_names(through)} inside the {name.replace('_', ' ')}", frame.path))
    return out


def _same(a, b) -> bool:
    return all(math.dist(a.points[k], b.points[k]) < SAME_TOLERANCE for k in a.points)


def _crop_problems(spec, geos) -> list[Problem]:
    box = head_box(geos[0], spec.view)
    out = []
    for frame, geo in zip(spec.frames, geos):
        (x, y), r = geo.head
        if not (box[0] <= x - r and x + r <= box[2] and box[1] <= y - r and y + r <= box[3]):
            out.append(("the head leaves the head-and-shoulders picture", frame.path))
    return out
