"""Writing PDFs so that a failed run never leaves half a file or clobbers a good one.

The bytes go to a temporary file in the target's own folder (same filesystem, so the
rename is atomic), are flushed to disk, and only then replace the target.
"""

from __future__ import annotations

import datetime as _dt
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from backpdf.errors import BackpdfError

# Temporary files start with a dot, which no batch output name may (see batch.output_name),
# and have a short name of their own: the target's name plus a suffix would pass the
# 255-byte limit of a file name when the target's name is near it.
TEMP_PREFIX = ".backpdf-"
TEMP_SUFFIX = ".part"


def _temporary_file(folder: Path) -> tuple[int, str]:
    """A new file beside the target, opened exclusively. Mode 0666 less the umask, as a
    plain `open()` would give (mkstemp's 0600 would hide handouts from a shared print
    folder), without touching the process-wide umask."""
    while True:
        # os.urandom is what secrets.token_hex reads, without importing secrets (4 ms)
        tmp_name = str(folder / f"{TEMP_PREFIX}{os.urandom(6).hex()}{TEMP_SUFFIX}")
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
    with atomic_file(path, sync) as handle:
        handle.write(data)
    return Path(path)


@contextmanager
def atomic_file(path: str | Path, sync: bool = True) -> Iterator[BinaryIO]:
    """A file to write in pieces (a print job too large to hold in memory) that replaces
    `path` only when the block ends without an error, as `write_atomic` does."""
    path = Path(path)
    folder = check_target_folder(path)
    try:
        fd, tmp_name = _temporary_file(folder)
    except OSError as exc:
        raise BackpdfError(f"cannot write {path}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
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


def write_new(path: str | Path, data: bytes) -> Path:
    """Write a file that must not exist yet (a saved program): an existing file, even one
    made between an earlier check and this write, is never replaced. A write that fails
    halfway removes what it wrote."""
    path = Path(path)
    check_new_target(path)
    try:
        handle = open(path, "xb")  # noqa: SIM115 - closed below, and removed if the write fails
    except FileExistsError:
        raise BackpdfError(f"{path} already exists; choose another name (it is never overwritten)") from None
    except OSError as exc:
        raise BackpdfError(f"cannot write {path}: {exc.strerror}") from None
    try:
        with handle:
            handle.write(data)
    except OSError as exc:
        path.unlink(missing_ok=True)
        raise BackpdfError(f"cannot write {path}: {exc.strerror}") from None
    return path


def check_new_target(path: Path) -> None:
    """An error now, before any work, if `path` exists or its folder does not."""
    if path.exists() or path.is_symlink():
        raise BackpdfError(f"{path} already exists; choose another name (it is never overwritten)")
    check_target_folder(path)


def check_target_is_regular(path: Path) -> None:
    """Refuse to replace anything but a regular file (or nothing).

    The write ends in a rename, which would put a regular file in place of a FIFO, a device
    node (as root, `-o /dev/null` would destroy it) or a socket. Writing into such a file
    instead would make the write non-atomic and could block for ever, so it is refused;
    `-o -` writes to stdout for piping.
    """
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise BackpdfError(f"cannot write {path}: {exc.strerror}") from None
    if stat.S_ISDIR(mode):
        raise BackpdfError(f"cannot write {path}: it is a folder")
    if not stat.S_ISREG(mode):
        raise BackpdfError(f"cannot write {path}: it is not a regular file (a pipe, device or "
                           "socket); give a file name, or - to write to stdout")


def check_target_folder(path: Path) -> Path:
    """The folder `path` goes in; an error now, before any work, if it does not exist or
    `path` is something a write must not replace."""
    folder = path.parent
    if not folder.is_dir():
        raise BackpdfError(f"cannot write {path}: the folder {folder} does not exist")
    check_target_is_regular(path)
    return folder


def default_output_name(date: _dt.date, folder: Path = Path(".")) -> Path:
    """`handout-2026-11-21.pdf` (then -2, -3 ...): never a patient's name, never an overwrite."""
    candidate = folder / f"handout-{date.isoformat()}.pdf"
    number = 2
    while candidate.exists():
        candidate = folder / f"handout-{date.isoformat()}-{number}.pdf"
        number += 1
    return candidate
