"""reportlab's text-to-bytes step for PDF objects, with a fast path for plain ASCII.

reportlab turns every page's and form's content, and every number and name it writes, into
bytes with its own 'extpdfdoc' codec (`pdfdoc.pdfdocEnc`), a Python-level character map:
about 2.7 ms for a 90 KB page, a tenth of a warm render. Page content is ASCII (text is
written as escaped string literals), and on ASCII the codec maps every character to its
own byte except the eight it has no byte for (U+0018-U+001F, where it raises). So ASCII
without those eight is encoded by `str.encode('ascii')`, the same bytes at C speed, and
anything else goes to reportlab's codec as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from reportlab.pdfbase import pdfdoc

_NOT_IN_PDFDOC = re.compile("[\x18-\x1f]")  # ASCII characters the codec has no byte for
_reportlab_encode = pdfdoc.pdfdocEnc


def pdfdoc_encode(value):
    """`pdfdoc.pdfdocEnc`, fast on ASCII."""
    if isinstance(value, str) and value.isascii() and not _NOT_IN_PDFDOC.search(value):
        return value.encode("ascii")
    return _reportlab_encode(value)


@contextmanager
def ascii_fast_path() -> Iterator[None]:
    """`pdfdoc.pdfdocEnc` replaced while a document is built and written (pdfdoc reads its
    module attribute on each call; reportlab <6, pinned), and put back after."""
    previous = pdfdoc.pdfdocEnc
    pdfdoc.pdfdocEnc = pdfdoc_encode
    try:
        yield
    finally:
        pdfdoc.pdfdocEnc = previous
