"""Sending handouts to the system printer through CUPS (`lp`), so the front desk needs no file.

What must hold:
- the PDF goes to `lp` on its stdin: no file is written, not even a temporary one, so no
  file name anywhere can carry a patient's name;
- the job title is the same for every handout, so the print queue (`lpstat`, the
  printer's own display and logs) never shows whose handout it is;
- double-sided along the long edge unless asked otherwise, so a handout prints as sheets
  turned like a book's pages; one-sided is asked for explicitly, so a printer that defaults
  to double-sided does not decide;
- a missing `lp`, a missing printer or a stuck spooler is one line (exit 2), quoting only
  the first line of what `lp` said, never the PDF or anything in it.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

from backpdf.errors import BackpdfError

JOB_TITLE = "backpdf handout"
LP_TIMEOUT_SECONDS = 60.0  # `lp` only hands the job to the spooler; a minute means it is stuck
DOUBLE_SIDED = "sides=two-sided-long-edge"
ONE_SIDED = "sides=one-sided"


def find_lp() -> str:
    """The path of `lp`; a `BackpdfError` before any work when CUPS is not installed."""
    lp = shutil.which("lp")
    if lp is None:
        raise BackpdfError("printing needs CUPS: the lp command was not found")
    return lp


def lp_arguments(printer: str | None, duplex: bool) -> list[str]:
    """`lp`'s options: the printer (else the system's default), the generic title, the sides."""
    destination = ["-d", printer] if printer else []
    return [*destination, "-t", JOB_TITLE, "-o", DOUBLE_SIDED if duplex else ONE_SIDED]


def send_to_printer(pdf: bytes, printer: str | None, duplex: bool = True) -> str:
    """Queue one PDF; returns what `lp` said on success (its request id), for stderr."""
    try:
        done = subprocess.run([find_lp(), *lp_arguments(printer, duplex)], input=pdf, capture_output=True,
                              timeout=LP_TIMEOUT_SECONDS, check=False)
    except subprocess.TimeoutExpired:
        raise BackpdfError(f"printing failed: lp did not finish within {LP_TIMEOUT_SECONDS:g} seconds; "
                           "check that CUPS is running") from None
    except OSError as exc:
        raise BackpdfError(f"printing failed: cannot run lp ({exc.strerror})") from None
    if done.returncode != 0:
        said = _first_line(done.stderr) or f"lp ended with exit status {done.returncode}"
        raise BackpdfError(f"printing failed: {said}")
    return _first_line(done.stdout)


def send_files(paths: Iterable[Path], printer: str | None, duplex: bool = True) -> int:
    """Queue each PDF as its own job, in order (each then starts on a new sheet); returns
    how many were sent. Stops at the first failure: the rest would fail the same way."""
    sent = 0
    for path in paths:
        send_to_printer(path.read_bytes(), printer, duplex)
        sent += 1
    return sent


def _first_line(output: bytes) -> str:
    """The first non-blank line, printable characters only (it goes to a terminal or log)."""
    for line in output.decode("utf-8", "replace").splitlines():
        if line.strip():
            return "".join(c if c.isprintable() else "?" for c in line.strip())
    return ""
