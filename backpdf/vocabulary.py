"""The library's fixed vocabulary — areas, kinds, paper sizes, languages — read from its one source,
`schema/vocabulary.schema.json`, which the file schemas refer to and the CLI's choices are
built from. Cheap to import (one small JSON file), so `--help` stays fast.
"""

from __future__ import annotations

import json
from functools import cache

from backpdf.resources import schema_file


@cache
def _defs() -> dict:
    text = schema_file("vocabulary").read_text("utf-8")
    return json.loads(text)["$defs"]


def areas() -> tuple[str, ...]:
    return tuple(_defs()["area"]["enum"])


def kinds() -> tuple[str, ...]:
    return tuple(_defs()["kind"]["enum"])


def papers() -> tuple[str, ...]:
    return tuple(_defs()["paper"]["enum"])


def languages() -> tuple[str, ...]:
    return tuple(_defs()["language"]["enum"])


def paper_size_mm(paper: str) -> tuple[float, float]:
    width, height = _defs()["paper"]["x-size-mm"][paper]
    return float(width), float(height)


DEFAULT_PAPER = "letter"
