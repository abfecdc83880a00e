"""The one function every front end calls: a request in, a rendered handout out.

`generate`, `batch` and any task queue a hospital group puts in front of backpdf share this
path, so they cannot drift apart in how they choose layouts, paper or screening.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from backpdf.clinic import ClinicProfile
from backpdf.handout import Handout
from backpdf.layout import Layout, find_layout
from backpdf.library import Library
from backpdf.program import Request, resolve


@dataclass(frozen=True)
class Result:
    handout: Handout
    layout: Layout
    paper: str
    pdf: bytes
    pages: int
    notices: tuple[str, ...]


def choose_layout(request: Request, clinic: ClinicProfile) -> Layout:
    """The request's layout, else the clinic's, else `standard`; clinic paths are relative
    to the clinic file."""
    if request.layout:
        return find_layout(request.layout)
    relative_to = clinic.source.parent if clinic.source else None
    return find_layout(clinic.layout, relative_to=relative_to)


def make_handout(request: Request, library: Library, clinic: ClinicProfile,
                 today: _dt.date, layout: Layout | None = None) -> Result:
    """Resolve, then render. `layout` skips the lookup when the caller already has one."""
    from backpdf.render import render  # reportlab is imported only when a PDF is made

    handout, notices = resolve(request, library, clinic, today)
    layout = layout or choose_layout(request, clinic)
    paper = request.paper or clinic.paper or "letter"
    rendered = render(handout, layout, paper)
    return Result(handout, layout, paper, rendered.data, rendered.pages, tuple(notices))
