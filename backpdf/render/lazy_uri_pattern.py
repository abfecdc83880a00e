"""Importing reportlab's paragraph module without compiling a regular expression backpdf
never uses: about 34 ms of every fresh `generate`.

`reportlab.platypus.paragraph` compiles, at import, Django's URL validator as a
case-insensitive pattern over most of Unicode (`uri_pat`, about 34 ms) for one feature,
splitting long links inside a paragraph (`uriWasteReduce`), which backpdf does not use: it
breaks printed links itself (render/qrblock.py). While that module is first imported,
`re.compile` hands back a stand-in for that one pattern that compiles it on first use, so
anything that does use it still gets the real pattern. Any other pattern, or a reportlab
whose pattern differs, is compiled as usual. The reportlab range is pinned in
pyproject.toml; tests/test_lazy_uri_pattern.py checks the stand-in matches as the pattern.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

URI_PATTERN_START = "(^(?:[a-z0-9\\.\\-\\+]*)://)"  # how reportlab's uri_pat begins


class LazyPattern:
    """A compiled pattern made the first time anything asks for one of its attributes."""

    def __init__(self, pattern: str, flags: int):
        self._source = (pattern, flags)
        self._compiled: re.Pattern | None = None

    def __getattr__(self, name: str) -> Any:
        if self._compiled is None:
            self._compiled = _real_compile(*self._source)
        return getattr(self._compiled, name)


_real_compile = re.compile


def _compile(pattern, flags=0):
    if isinstance(pattern, str) and pattern.startswith(URI_PATTERN_START) and flags == re.I:
        return LazyPattern(pattern, flags)
    return _real_compile(pattern, flags)


@contextmanager
def lazy_uri_pattern() -> Iterator[None]:
    """Defer reportlab's URL pattern if its paragraph module is imported inside."""
    if "reportlab.platypus.paragraph" in sys.modules:
        yield
        return
    re.compile = _compile
    try:
        yield
    finally:
        re.compile = _real_compile
