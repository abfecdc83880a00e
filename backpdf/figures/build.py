"""Picture data (plain dicts, already schema-checked) -> a resolved `PictureSpec`.

The posture gives the starting angles, contacts and props; each frame then changes only
what it names and builds on the frame before it, so an end frame reads like the step it
shows ("right_hip: 110"). Names are checked by `checks.name_problems` first; here an
unknown name is a bug in the caller and raises KeyError.
"""

from __future__ import annotations

from backpdf.figures.catalog import Catalog, bundled_catalog
from backpdf.figures.joints import expand, side_name
from backpdf.figures.model import Arrow, Contact, Frame, PictureSpec, Prop, Reach

FRAME_KEYS = ("reach", "contacts")
FREE = "free"   # `reach: {right_hand: free}` lets a hand go again


def parse_contact(text: str, path) -> Contact:
    """'heels on floor' -> Contact('heels', 'floor')."""
    part, _, surface = text.partition(" on ")
    return Contact(part.strip(), surface.strip(), path)


def prop_from_data(item, path) -> Prop:
    if isinstance(item, str):
        return Prop(item, path=path)
    params = tuple(sorted((k, v) for k, v in item.items() if k not in ("name", "x")))
    return Prop(item["name"], float(item.get("x", 0.0)), params, path)


def _merge_props(posture_props, picture_props):
    """The posture's props, each replaced by a picture prop of the same name, then the rest."""
    mine = {p.name: p for p in picture_props}
    merged = [mine.pop(p.name, p) for p in posture_props]
    return tuple(merged + [p for p in picture_props if p.name in mine])


def _set_angles(angles, paths, given: dict, where):
    """Set angles by their one-sided names: a bare `hip` sets both hips, and later
    values replace earlier ones (a frame's `right_hip` replaces the posture's `hip`)."""
    for key, value in given.items():
        for kind, side in expand(key):
            angles[side_name(kind, side)] = float(value)
            paths[side_name(kind, side)] = where if where == ("posture",) else (*where, key)


def picture_from_data(data: dict, catalog: Catalog | None = None) -> PictureSpec:
    """One exercise's `picture:` block as a `PictureSpec` with every frame fully resolved."""
    catalog = catalog or bundled_catalog()
    posture = catalog.postures[data["posture"]]
    angles: dict[str, float] = {}
    angle_paths: dict[str, tuple] = {}
    _set_angles(angles, angle_paths, posture.get("angles", {}), ("posture",))
    contacts = tuple(parse_contact(c, ("posture",)) for c in posture.get("contacts", []))
    if "contacts" in data:
        contacts = tuple(parse_contact(c, ("contacts", i)) for i, c in enumerate(data["contacts"]))
    reaches: dict[str, Reach] = {}
    frames = []
    for index, raw in enumerate(data["frames"]):
        where = ("frames", index)
        _set_angles(angles, angle_paths, {k: v for k, v in raw.items() if k not in FRAME_KEYS},
                    where)
        if "contacts" in raw:
            contacts = tuple(parse_contact(c, (*where, "contacts", i))
                             for i, c in enumerate(raw["contacts"]))
        for hand, target in raw.get("reach", {}).items():
            if target == FREE:
                reaches.pop(hand, None)
            else:
                reaches[hand] = Reach(hand, target, (*where, "reach", hand))
        frames.append(Frame(tuple(sorted(angles.items())), contacts, tuple(reaches.values()),
                            tuple(sorted(angle_paths.items())), where))
    posture_props = [prop_from_data(p, ("posture",)) for p in posture.get("props", [])]
    picture_props = [prop_from_data(p, ("props", i)) for i, p in enumerate(data.get("props", []))]
    arrows = tuple(
        Arrow(a["point"], a.get("push"), float(a.get("bend", 0.3)), a.get("shift"), ("arrows", i))
        for i, a in enumerate(data.get("arrows", [])))
    return PictureSpec(
        view=data.get("view", posture.get("view", "side")),
        crop=data.get("crop", "body"),
        facing=data.get("facing", "right"),
        layout=data.get("layout", "ghost"),
        posture=data["posture"],
        frames=tuple(frames),
        props=_merge_props(posture_props, picture_props),
        arrows=arrows,
        free_root=bool(data.get("free_root", posture.get("free_root", False))),
        floor=bool(posture.get("floor", True)),
    )
