"""The picture data files: named postures and ranges of motion.

Read once, by the loading stage (`picture_from_data` and `problems`), never while
drawing. Kept beside the code as YAML so a clinic can see and copy what a posture means.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Catalog:
    postures: dict      # name -> the posture's mapping from postures.yaml
    ranges: dict        # angle name (no side) -> (low, high, meaning)


@lru_cache(maxsize=1)
def bundled_catalog() -> Catalog:
    import yaml  # the loading stage only; drawing never reads files

    folder = resources.files("backpdf.figures")
    postures = yaml.safe_load(folder.joinpath("postures.yaml").read_text("utf-8"))
    ranges = yaml.safe_load(folder.joinpath("joints.yaml").read_text("utf-8"))
    return Catalog(postures, {k: tuple(v) for k, v in ranges.items()})
