"""Writing CSV rosters and reading manifests back, for the batch tests."""

from __future__ import annotations

import csv
import json
from pathlib import Path

COLUMNS = ("patient", "exercises", "template", "date", "output")


def write_roster(path: Path, rows: list[dict], columns=COLUMNS) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    return path


def manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text("utf-8"))
