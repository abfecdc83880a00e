"""What a batch writes into every handout, compressed once and not for each handout.

Most of a handout's streams are the same bytes in every handout of a batch: the two font
subsets (every document encodes the same characters the same, see `typeface.fix_codes`),
their character maps, the picture forms, and the body of every page after the first
(each page's footer, which names the patient, is a stream of its own: render/page.py).
Building a subset and Flate-compressing those streams was a sixth of a warm render.
Page 1 and the footers differ in every handout, so a stream's compressed bytes are kept
only from the second time its content is seen: those leave a hash behind, not a copy.

The compressed bytes are zlib's for the same input at the same level, so the PDF is the
same byte for byte (tests/test_same_bytes.py and tests/test_drawn_paragraphs.py).
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from reportlab.pdfbase import pdfdoc

from backpdf.render.met_before import MetBefore

SEEN_KEPT = 4096  # hashes of streams seen once: pages, mostly
MADE_KEPT = 512   # compressed streams: a library's pictures and a few font subsets


class KeptFlate:
    """reportlab's Flate filter (`pdfdoc.PDFStreamFilterZCompress`) that compresses a
    content it has met before from memory."""

    pdfname = "FlateDecode"

    def __init__(self) -> None:
        self._seen = MetBefore(SEEN_KEPT)
        self._made: dict[bytes, bytes] = {}

    def encode(self, content: str | bytes) -> bytes:
        data = content.encode("utf8") if isinstance(content, str) else content  # as reportlab's
        found = self._made.get(data)
        if found is not None:
            return found
        made = zlib.compress(data)
        if self._seen.again(data):
            if len(self._made) >= MADE_KEPT:
                self._made.clear()
            self._made[data] = made
        return made

    def decode(self, encoded: bytes) -> bytes:
        return zlib.decompress(encoded)


_flate = KeptFlate()


@contextmanager
def kept_flate() -> Iterator[None]:
    """reportlab's one Flate filter object replaced by the remembering one while a
    document is built and written (reportlab's pdfdoc and ttfonts read the module
    attribute each time they make a stream; reportlab <6, pinned), and put back after."""
    previous = pdfdoc.PDFZCompress
    pdfdoc.PDFZCompress = _flate
    try:
        yield
    finally:
        pdfdoc.PDFZCompress = previous


def kept_subsets(make_subset: Callable[[list[int]], bytes]) -> Callable[[list[int]], bytes]:
    """A font face's `makeSubset` that builds each distinct subset once per process: the
    same characters with the same codes make the same font file, the same bytes object
    (which KeptFlate then finds by identity)."""
    made: dict[tuple[int, ...], bytes] = {}

    def make(subset: list[int]) -> bytes:
        key = tuple(subset)
        found = made.get(key)
        if found is None:
            if len(made) >= MADE_KEPT:
                made.clear()
            found = made[key] = make_subset(subset)
        return found

    return make
