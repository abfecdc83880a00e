"""Writing PDFs so that a failed run never leaves half a file or clobbers a good one.

The bytes go to a temporary file in the target's own folder (same filesystem, so the
rename is atomic), are flushed to disk, and only then replace the target.
"""

from __future__ import annotations

import datetime as _dt
import os
import secrets
from pathlib import Path

from backpdf.errors import BackpdfError


def _temporary_file(folder: Path, name: str) -> tuple[int, str]:
    """A new file beside the target, opened exclusively. Mode 0666 less the umask, as a
    plain `open()` would give (mkstemp's 0600 would hide handouts from a shared print
    folder), without touching the process-wide umask."""
    while True:
        tmp_name = str(folder / f".{name}.{secrets.token_hex(4)}.part")
        try:
            return os.open(tmp_name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), tmp_name
        except FileExistsError:
            continue


def write_atomic(path: str | Path, data: bytes, sync: bool = True) -> Path:
    """Write `data` to `path` atomically; errors name the path and say what went wrong.

    `sync=False` skips flushing this one file to disk before the rename (a process that is
    stopped still leaves the old file or the whole new one); batch runs flush everything
    once at the end instead, which on 1,000 handouts saves over a second.
    """
    path = Path(path)
    folder = check_target_folder(path)
    try:
        fd, tmp_name = _temporary_file(folder, path.name)
    except OSError as exc:
        raise BackpdfError(f"cannot write {path}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if sync:
                os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException as exc:
        try:
            os.unlink(tmp_name)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise BackpdfError(f"cannot write {path}: {exc.strerror}") from None
        raise
    return path


def check_target_folder(path: Path) -> Path:
    """The folder `path` goes in; an error now, before any work, if it does not exist."""
    folder = path.parent
    if not folder.is_dir():
        raise BackpdfError(f"cannot write {path}: the folder {folder} does not exist")
    return folder


def default_output_name(date: _dt.date, folder: Path = Path(".")) -> Path:
    """`handout-2026-11-21.pdf` (then -2, -3 ...): never a patient's name, never an overwrite."""
    candidate = folder / f"handout-{date.isoformat()}.pdf"
    number = 2
    while candidate.exists():
        candidate = folder / f"handout-{date.isoformat()}-{number}.pdf"
        number += 1
    return candidate
