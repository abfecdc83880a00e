"""The one path every front end takes: a request in, a rendered handout out.

`generate`, `batch` and any task queue a hospital group puts in front of backpdf share this
path, so they cannot drift apart in how they choose layouts, paper, screening or pictures.
Resolving (decisions, no I/O) and attaching pictures (the only file reads after loading)
both happen before render, which receives checked data and reads nothing.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from backpdf import vocabulary
from backpdf.errors import BackpdfError
from backpdf.i18n import translator
from backpdf.layout import Layout
from backpdf.layout_file import find_layout
from backpdf.model import Clinic, Handout, Library
from backpdf.program import Request, resolve

THUMBNAIL_MM = 25  # a picture in a checklist row (render/checklist.py THUMBNAIL)
MIN_QR_MODULE_MM = 0.4  # smaller modules scan unreliably from paper with older phones


@dataclass(frozen=True)
class Result:
    handout: Handout
    layout: Layout
    paper: str
    pdf: bytes
    pages: int
    notices: tuple[str, ...]


def choose_layout(request: Request, clinic: Clinic) -> Layout:
    """The request's layout, else the clinic's, else `standard`; clinic paths are relative
    to the clinic file."""
    if request.layout:
        return find_layout(request.layout)
    relative_to = clinic.source.parent if clinic.source else None
    return find_layout(clinic.layout, relative_to=relative_to)


def check_qr_fit(handout: Handout, layout: Layout) -> None:
    """Refuse links whose QR code would need modules under 0.4 mm at the layout's size."""
    from backpdf.render.qr import qr_matrix

    for exercise in handout.exercises:
        # Links are at most 800 characters (schema limits), which a QR code always holds.
        if layout.qr_cm * 10 / len(qr_matrix(exercise.video_url)) < MIN_QR_MODULE_MM:
            raise BackpdfError(
                f"exercise '{exercise.id}': the video link is too long to print as a QR code "
                f"{layout.qr_cm:g} cm wide that phones can read ({len(exercise.video_url)} characters); "
                "use a shorter link (a shorter video_base_url or video path)")


def prepare(request: Request, library: Library, clinic: Clinic, today: _dt.date,
            layout: Layout | None = None) -> tuple[Handout, Layout, list[str]]:
    """Everything before drawing: decisions, pictures read and checked, the layout, the
    checks a PDF would fail; returns the handout, its layout and notices for stderr."""
    from backpdf.images import with_pictures

    handout, notices = resolve(request, library, clinic, today)
    layout = (layout or choose_layout(request, clinic)).with_tracking_log(request.tracking_log)
    layout = layout.translated(translator(handout.language))
    if layout.images.place != "none" and request.pictures:
        box = (layout.images.width_cm * 10, layout.images.height_cm * 10)
        thumbnail = THUMBNAIL_MM if "checklist" in layout.flow else None
        handout, picture_notices = with_pictures(handout, request.missing_images, box, thumbnail)
        notices += picture_notices
    check_qr_fit(handout, layout)
    return handout, layout, notices


def make_handout(request: Request, library: Library, clinic: Clinic,
                 today: _dt.date, layout: Layout | None = None) -> Result:
    """Prepare, then render. `layout` skips the lookup when the caller already has one."""
    from backpdf.render import render  # reportlab is imported only when a PDF is made

    handout, layout, notices = prepare(request, library, clinic, today, layout)
    paper = request.paper or clinic.paper or vocabulary.DEFAULT_PAPER
    rendered = render(handout, layout, paper)
    return Result(handout, layout, paper, rendered.data, rendered.pages, tuple(notices))
