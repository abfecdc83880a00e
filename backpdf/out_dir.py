"""The out-dir of a batch run: one run at a time, and nothing on disk the manifest does not
account for.

* A run holds an exclusive `flock` on the folder itself (no lock file to leave behind or
  to clash with a handout's name); a second run into the same folder is refused at once
  instead of silently replacing the first run's handouts under its manifest. The lock goes
  with the process, however it ends.
* Temp files (`.backpdf-*.part`) left by a process that was killed mid-write are removed;
  under the lock no other run can be writing them.
* A handout this run was asked for but did not make (its row failed, the run was
  stopped) must not leave an older PDF of the same name from an earlier run in the
  folder: that file is for another patient, or another day. It is renamed with
  `.stale-YYYYmmdd-HHMMSS` before `.pdf` and listed in the manifest.
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from backpdf.errors import BackpdfError
from backpdf.output import TEMP_PREFIX, TEMP_SUFFIX

fcntl: Any
try:
    import fcntl
except ImportError:  # Windows: no flock; runs are not locked there
    fcntl = None


@contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold the folder for this run; a BackpdfError if another run holds it."""
    if fcntl is None:
        yield
        return
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError as exc:
        raise BackpdfError(f"cannot open --out-dir {folder}: {exc.strerror}") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BackpdfError(f"--out-dir {folder} is in use by another backpdf batch run; "
                               "wait for it to finish or choose another folder") from None
        except OSError:
            pass  # a filesystem without locks: run unlocked rather than not at all
        yield
    finally:
        os.close(fd)


def remove_temp_files(folder: Path) -> None:
    """Remove the temp files of writes that were cut short (a killed worker or run)."""
    for path in folder.glob(f"{TEMP_PREFIX}*{TEMP_SUFFIX}"):
        try:
            path.unlink()
        except OSError:
            pass


def set_aside(path: Path, now: _dt.datetime) -> Path | None:
    """Rename an output of an earlier run that this run did not replace. Returns its new
    path, or None when it had to be deleted instead (its name is too long to lengthen).
    Raises OSError when it can be neither renamed nor deleted."""
    stamp = now.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.stale-{stamp}{path.suffix}")
    number = 2
    while target.exists():
        target = path.with_name(f"{path.stem}.stale-{stamp}-{number}{path.suffix}")
        number += 1
    try:
        os.rename(path, target)
        return target
    except OSError:
        os.unlink(path)
        return None
