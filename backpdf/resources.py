"""Where the bundled library, layouts and fonts are, installed or in a source checkout.

An installed wheel carries `exercises.yaml` and `layouts/` inside the package
(`backpdf/data/`, see pyproject.toml); a source checkout keeps them at the top of the
repository, where clinics find them to copy. Both places are looked up here, and only here.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_CANDIDATES = (_PACKAGE / "data", _PACKAGE.parent)


def _bundled(name: str) -> Path:
    for root in _CANDIDATES:
        if (root / name).exists():
            return root / name
    raise FileNotFoundError(f"backpdf is installed without its bundled {name}")


def bundled_library() -> Path:
    return _bundled("exercises.yaml")


def bundled_layouts_dir() -> Path:
    return _bundled("layouts")


def package_dir() -> Path:
    """The installed package's own folder (plain files: backpdf is never run from a zip, and
    `importlib.resources` costs a fresh process 5-12 ms to import)."""
    return _PACKAGE


def schema_dir() -> Path:
    return _PACKAGE / "schema"


def font_path(file_name: str) -> Path:
    return _PACKAGE / "fonts" / file_name


def schema_file(kind: str) -> Path:
    """A JSON Schema file, for the `$schema=` line of the files backpdf writes."""
    return schema_dir() / f"{kind}.schema.json"


def bundled_translation(language: str) -> Path:
    """The bundled library's translation into `language` (it may not exist)."""
    return _PACKAGE / "translations" / f"exercises.{language}.yaml"
