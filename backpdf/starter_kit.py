"""`backpdf init DIR`: the files a clinic starts from, for pip users who have no checkout
of the repository to copy from.

Writes a clinic profile, a layout of the clinic's own (extending `standard`), an empty
library for the clinic's own exercises (extending the bundled one), and the JSON Schemas
beside them, each YAML file starting with the
`# yaml-language-server: $schema=` line that gives editors (VS Code with the YAML extension)
completion and red squiggles offline. Never overwrites: an existing file is an error.
"""

from __future__ import annotations

import json
from pathlib import Path

from backpdf.errors import BackpdfError
from backpdf.schemas import SCHEMA_FILES, schema

CLINIC_PROFILE = """\
# yaml-language-server: $schema=schema/clinic.schema.json
#
# Your clinic profile: printed at the top of every handout, and where QR codes point.
# Use it with `--clinic {folder}/clinic.yaml`, or save it as clinic.yaml in the folder
# `backpdf paths` prints, so every command finds it.
name: Your Clinic Name
address: 1 Main Street, Springfield
phone: 555-0100                     # printed on every page: how patients reach you
website: https://clinic.example
# logo: logo.png                    # PNG or JPEG, next to this file
# Relative video paths in the library are joined to this address to make each QR code.
video_base_url: https://clinic.example/videos/
layout: layouts/clinic.yaml         # your own layout, below; or a bundled name like standard
paper: letter                       # letter or a4
"""

CLINIC_LAYOUT = """\
# yaml-language-server: $schema=../schema/layout.schema.json
#
# Your clinic's layout: it builds on `standard` and changes only what is written here.
# Every key is described in the schema (`backpdf schema layout`).
name: clinic
extends: standard
description: The standard layout with our own wording.
labels:
  disclaimer: This handout does not replace advice from your physiotherapist.
"""

CLINIC_LIBRARY = """\
# yaml-language-server: $schema=schema/library.schema.json
#
# Your clinic's own exercises, built on the bundled library (`extends: bundled`): add
# exercises, conditions, templates or area sheets here; an entry with a bundled id
# replaces the bundled one. Use it with `--library {folder}/library.yaml` and check it
# with `backpdf validate --library {folder}/library.yaml`. `backpdf show bird-dog` shows a
# bundled exercise in full to copy from.
version: 1
extends: bundled

# exercises:
#   - id: hip-hinge
#     name: Hip hinge
#     purpose: Teaches you to bend at your hips so your back stays safe.
#     areas: [lower-back]
#     kind: mobility
#     moves: [stands, bends-forward]      # screening uses these tags; see `backpdf review`
#     steps:
#       - Stand tall with your feet apart.
#       - Push your hips back as if to close a door behind you.
#       - Keep your back straight.
#     dose: {{reps: 10, times_per_day: 1, days_per_week: 5}}
#     video: hip-hinge                    # joined to video_base_url in clinic.yaml
"""


def write_starter_kit(folder: Path) -> list[Path]:
    """Write the kit into `folder` (made if missing); returns the files written."""
    files = {
        folder / "clinic.yaml": CLINIC_PROFILE.format(folder=folder),
        folder / "layouts" / "clinic.yaml": CLINIC_LAYOUT,
        folder / "library.yaml": CLINIC_LIBRARY.format(folder=folder),
        **{folder / "schema" / name: json.dumps(schema(kind), indent=2, ensure_ascii=False) + "\n"
           for kind, name in SCHEMA_FILES.items()},
    }
    clashes = [str(path) for path in files if path.exists()]
    if clashes:
        raise BackpdfError(f"{clashes[0]} already exists; backpdf init never overwrites a file "
                           "(choose an empty folder)")
    for path, content in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    return list(files)
