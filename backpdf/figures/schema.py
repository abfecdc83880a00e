"""The published JSON Schema of one `picture:` block (`backpdf/schema/picture.schema.json`)."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def picture_schema() -> dict:
    text = resources.files("backpdf.schema").joinpath("picture.schema.json").read_text("utf-8")
    return json.loads(text)
