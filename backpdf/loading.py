"""Read YAML input files safely, remember where every value came from, check them against
the JSON Schemas shipped in `backpdf/schema/`. The YAML itself is read by `yaml_text`
(line numbers, duplicate keys, alias bombs); the library and layouts, once read, are kept
as JSON in the cache folder (see `load_yaml`).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from backpdf import __version__, kept
from backpdf.errors import BackpdfError, Problem
from backpdf.files import read_regular_file

MAX_FILE_BYTES = 5 * 1024 * 1024

Path_ = tuple  # a JSON-pointer-like path: ("exercises", 3, "dose", "reps")


@dataclass(frozen=True)
class Document:
    """A loaded YAML file: the plain data plus the line of every value in it."""

    path: Path
    data: Any
    lines: dict = field(repr=False)
    digest: str = ""  # SHA-256 of the file's bytes (lets a passed check be remembered)

    @property
    def name(self) -> str:
        return str(self.path)

    def line_of(self, path: Path_) -> int | None:
        """Line of the value at `path`, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get(())

    def problem(self, message: str, path: Path_ = (), obj: str | None = None) -> Problem:
        return Problem(message, self.name, self.line_of(path), obj)


def _looks_utf16(raw: bytes) -> bool:
    """A byte-order mark, or text whose every other byte is zero (UTF-16 without a BOM)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    head = raw[:200]
    return len(head) >= 4 and (head[0::2].count(0) > len(head) * 0.4 or head[1::2].count(0) > len(head) * 0.4)


def _decode(raw: bytes, name: str) -> str:
    """UTF-8 text, or an error that says which encoding the file seems to be in."""
    if _looks_utf16(raw):
        raise BackpdfError("file is UTF-16; save it as UTF-8", name)
    if b"\x00" in raw:
        raise BackpdfError("file is binary, not a YAML text file", name)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise BackpdfError("file is not UTF-8 (it looks like Latin-1 or Windows-1252); "
                           "save it as UTF-8", name, line) from None


def load_yaml(path: str | Path, *, display_name: str | None = None, keep: bool = False) -> Document:
    """Read one YAML file into a `Document`, or raise a `BackpdfError` naming file and line.

    keep=True (the library and layouts, never a file that may hold patient text, such as a
    program): the data and lines are kept as JSON in the cache folder under the file's
    SHA-256, and read from there the next time these exact bytes are loaded. Reading the
    bundled library's YAML (with PyYAML's import) was a tenth of a fresh `generate`.
    """
    path = Path(path)
    name = display_name or str(path)
    raw = read_regular_file(path, MAX_FILE_BYTES, name)
    digest = hashlib.sha256(raw).hexdigest()
    entry = f"{_reading_code()}:{digest}"
    stored = _read_kept(entry) if keep else None
    if stored is not None:
        return Document(path, *stored, digest=digest)
    from backpdf.yaml_text import parse_yaml

    data, lines = parse_yaml(_decode(raw, name), name)
    if keep:
        _keep(entry, data, lines)
    return Document(path, data, lines, digest=digest)


@cache
def _reading_code() -> str:
    """A digest of the code that turns YAML into data: a change to it is a new entry."""
    digest = hashlib.sha256(__version__.encode())
    digest.update((Path(__file__).parent / "yaml_text.py").read_bytes())
    return digest.hexdigest()


def _keep(entry: str, data: Any, lines: dict) -> None:
    """Keep what JSON gives back exactly (a mapping with keys that are not text, such as
    `1: x`, or a NaN, would not be, and is simply read as YAML each time)."""
    try:
        text = json.dumps({"data": data, "lines": [[list(path), line] for path, line in lines.items()]})
    except (TypeError, ValueError):
        return
    if json.loads(text)["data"] == data:
        kept.keep("documents", entry, text.encode())


def _read_kept(entry: str) -> tuple[Any, dict] | None:
    """The data and lines kept for `entry`, or None when there are none or they are damaged."""
    stored = kept.read("documents", entry)
    if stored is None:
        return None
    try:
        parsed = json.loads(stored)
        return parsed["data"], {tuple(path): line for path, line in parsed["lines"]}
    except (ValueError, TypeError, KeyError):
        return None
