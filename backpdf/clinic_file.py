"""Finding and reading the clinic profile: who the handout is from, where QR codes point.

Looked up in this order, first found wins: `--clinic FILE`, `$BACKPDF_CLINIC`, `clinic.yaml`
in backpdf's config folder (`backpdf paths` prints it), built-in defaults. The logo is read
and checked here, once, so rendering never opens a file.
"""

from __future__ import annotations

import os
from pathlib import Path

from backpdf import check_cache, places
from backpdf.errors import BackpdfError, Problem
from backpdf.loading import Document, load_yaml
from backpdf.model import Clinic
from backpdf.schemas import schema_problems
from backpdf.video_links import link_problem

ENV_VAR = "BACKPDF_CLINIC"
LOGO_SUFFIXES = (".png", ".jpg", ".jpeg")


def default_clinic_file() -> Path:
    return places.config_dir() / "clinic.yaml"


def find_clinic_file(flag: str | Path | None) -> Path | None:
    """The profile file to use, by the lookup order above; None means built-in defaults."""
    if flag:
        return Path(flag)
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR])
    candidate = default_clinic_file()
    return candidate if candidate.is_file() else None


def clinic_problems(doc: Document) -> list[Problem]:
    problems = schema_problems(doc, "clinic")
    if problems:
        return problems
    data = doc.data
    for key in ("video_base_url", "website"):
        if key in data and (why := link_problem(data[key])):
            problems.append(doc.problem(f"{key}: {why}", (key,)))
    for language, url in data.get("video_base_urls", {}).items():
        if why := link_problem(url):
            problems.append(doc.problem(f"video_base_urls.{language}: {why}", ("video_base_urls", language)))
    logo = data.get("logo")
    if logo:
        path = doc.path.parent / logo
        if path.suffix.lower() not in LOGO_SUFFIXES:
            problems.append(doc.problem("logo must be a PNG or JPEG file", ("logo",)))
        elif not path.is_file():
            problems.append(doc.problem(f"logo file not found: {path}", ("logo",)))
    return problems


def load_clinic(flag: str | Path | None = None) -> Clinic:
    """The clinic profile found by the lookup order, validated, its logo checked."""
    from backpdf.images import ImageProblem, open_picture

    path = find_clinic_file(flag)
    if path is None:
        return Clinic()
    doc = load_yaml(path, keep=True)  # a clinic's profile, no patient's text: kept like the library
    check_cache.check_once(doc, "clinic", clinic_problems)
    data = dict(doc.data)
    data.pop("$schema", None)
    if data.get("logo"):
        logo = path.parent / data["logo"]
        try:
            data["logo"] = open_picture(logo)
        except ImageProblem as problem:
            raise BackpdfError(f"logo {logo} {problem}", path, doc.line_of(("logo",))) from None
    return Clinic(**data, source=path)
