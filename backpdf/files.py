"""Reading an input file that may be anything a path can name.

Every input (library, layout, clinic profile, program, roster, pictures, logo) is read
here, because a path can name a FIFO (reading it waits for a writer for ever), a device
(`/dev/zero` reports 0 bytes and never ends) or a folder. The file is opened with
O_NONBLOCK, so opening a FIFO returns at once, then `fstat` on the open descriptor (not a
second look-up by name, which could be swapped in between) must say "regular file"; and
no more than `limit` + 1 bytes are ever read, whatever the size claimed.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from backpdf.errors import BackpdfError


def open_regular_file(path: str | Path, name: str | None = None) -> BinaryIO:
    """`path` opened for reading in binary, or a BackpdfError naming `name` (default: the
    path) when it is missing, a folder, not a regular file, or unreadable."""
    name = name or str(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise BackpdfError("file not found", name) from None
    except IsADirectoryError:
        raise BackpdfError("is a folder, not a file", name) from None
    except OSError as exc:
        raise BackpdfError(f"cannot read file ({exc.strerror})", name) from None
    try:
        mode = os.fstat(fd).st_mode
    except OSError as exc:
        os.close(fd)
        raise BackpdfError(f"cannot read file ({exc.strerror})", name) from None
    if not stat.S_ISREG(mode):
        os.close(fd)
        if stat.S_ISDIR(mode):
            raise BackpdfError("is a folder, not a file", name)
        raise BackpdfError("is not a regular file (a pipe, device or socket); "
                           "give the path of an ordinary file", name)
    return os.fdopen(fd, "rb")


def read_regular_file(path: str | Path, limit: int, name: str | None = None) -> bytes:
    """The bytes of `path`, or a BackpdfError naming `name` (default: the path): as
    `open_regular_file`, or larger than `limit` bytes."""
    name = name or str(path)
    with open_regular_file(path, name) as handle:
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise BackpdfError(f"cannot read file ({exc.strerror})", name) from None
    if len(data) > limit:
        raise BackpdfError(f"file is too large: the limit is {_size(limit)}", name)
    return data


def _size(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{limit // 1024} KB"
