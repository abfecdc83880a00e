"""The clinic profile: who the handout is from and where its QR codes point.

Looked up in this order, first found wins: `--clinic FILE`, `$BACKPDF_CLINIC`, `clinic.yaml`
in the user's config folder (`click.get_app_dir("backpdf")`), built-in defaults. The
defaults point videos at a placeholder host, and the CLI warns about it, so nobody hands out
codes that lead nowhere by accident.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from backpdf import passed
from backpdf.errors import Problem
from backpdf.links import PLACEHOLDER_VIDEO_BASE, link_problem
from backpdf.loading import Document, load_yaml
from backpdf.schemas import schema_problems

ENV_VAR = "BACKPDF_CLINIC"
LOGO_SUFFIXES = (".png", ".jpg", ".jpeg")


@dataclass(frozen=True)
class ClinicProfile:
    name: str | None = None
    address: str | None = None
    phone: str | None = None
    website: str | None = None
    logo: Path | None = None
    video_base_url: str = PLACEHOLDER_VIDEO_BASE
    layout: str | None = None
    paper: str | None = None
    source: Path | None = None

    @property
    def has_placeholder_videos(self) -> bool:
        return self.video_base_url == PLACEHOLDER_VIDEO_BASE


def default_clinic_file() -> Path:
    import click  # the CLI's own dependency; its app-dir rules are the platform's conventions

    return Path(click.get_app_dir("backpdf")) / "clinic.yaml"


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
    logo = data.get("logo")
    if logo:
        path = doc.path.parent / logo
        if path.suffix.lower() not in LOGO_SUFFIXES:
            problems.append(doc.problem("logo must be a PNG or JPEG file", ("logo",)))
        elif not path.is_file():
            problems.append(doc.problem(f"logo file not found: {path}", ("logo",)))
    return problems


def load_clinic(flag: str | Path | None = None) -> ClinicProfile:
    """The clinic profile found by the lookup order, validated."""
    path = find_clinic_file(flag)
    if path is None:
        return ClinicProfile()
    doc = load_yaml(path)
    passed.check_once(doc, "clinic", clinic_problems)
    data = dict(doc.data)
    if data.get("logo"):
        data["logo"] = path.parent / data["logo"]
    return ClinicProfile(**data, source=path)
