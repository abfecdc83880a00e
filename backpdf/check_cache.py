"""A cache of check results: which exact input files already passed every check.

Checking a library or layout costs ~70 ms (importing jsonschema, then validating), a seventh of a
cold `backpdf generate`. A file whose bytes, schemas and backpdf version are all unchanged
since it last passed cannot fail now, so its check is skipped. Only a hash is stored per
file that passed (never any content), under `passed/` in backpdf's cache folder (see `places`). A file that fails is
never remembered, so its errors are reported every time.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from backpdf import __version__, places
from backpdf.errors import BackpdfError
from backpdf.resources import schema_dir


def _folder() -> Path:
    return places.cache_dir() / "passed"


@cache
def _schemas_digest() -> str:
    digest = hashlib.sha256(__version__.encode())
    for entry in sorted(schema_dir().glob("*.json"), key=lambda e: e.name):
        digest.update(entry.read_bytes())
    return digest.hexdigest()


def check_once(doc, kind: str, find_problems) -> None:
    """Raise what `find_problems(doc)` reports, unless these exact bytes passed before."""
    mark = hashlib.sha256(f"{kind}:{doc.digest}:{_schemas_digest()}".encode()).hexdigest()
    if (_folder() / mark).is_file():
        return
    problems = find_problems(doc)
    if problems:
        raise BackpdfError.from_problems(problems)
    _remember(mark)


def _remember(mark: str) -> None:
    """Best effort: a read-only or full home folder only means checking again next time."""
    try:
        _folder().mkdir(parents=True, exist_ok=True)
        (_folder() / mark).touch()
    except OSError:
        pass
