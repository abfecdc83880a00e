"""reportlab's URL pattern, deferred while its paragraph module is imported
(backpdf/render/lazy_uri_pattern.py), still matches as the real one, and nothing else
about `re` changes."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from backpdf.render.lazy_uri_pattern import LazyPattern

URIS = ["https://riverside-physio.example/v/bird-dog", "http://10.0.0.1:8080/x", "ftp://[::1]/a",
        "riverside.example", "not a link", "https://bücher.example/ü", "mailto:x@example.com"]


def test_the_deferred_pattern_matches_as_the_real_one():
    from reportlab.platypus import paragraph

    pattern = paragraph.uri_pat  # deferred, or real if a test imported reportlab first
    source = pattern._source if isinstance(pattern, LazyPattern) else (pattern.pattern, pattern.flags)
    lazy, real = LazyPattern(*source), re.compile(*source)
    for uri in URIS:
        found, exact = lazy.match(uri), real.match(uri)
        assert (found and found.groups()) == (exact and exact.groups()), uri


def test_only_that_pattern_is_deferred_and_re_compile_is_restored():
    """In a fresh process, as `backpdf generate` imports it."""
    code = ("import re; before = re.compile; import backpdf.render; "
            "from reportlab.platypus import paragraph; import json; "
            "print(json.dumps([re.compile is before, type(paragraph.uri_pat).__name__, "
            "type(paragraph._hy_letters_pat).__name__, paragraph._uri_split_pairs('https://a.example/v/x')[-1]]))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == [True, "LazyPattern", "Pattern", ["https://", "a.example/v/x"]]
