"""reportlab's URL pattern, deferred while its paragraph module is imported
(backpdf/render/lazy_uri_pattern.py), still matches as the real one, and nothing else
about `re` changes."""

from __future__ import annotations

import json
import re
import subprocess
import sys

URIS = ["https://riverside-physio.example/v/bird-dog", "http://10.0.0.1:8080/x", "ftp://[::1]/a",
        "riverside.example", "not a link", "https://bücher.example/ü", "mailto:x@example.com"]


def test_the_deferred_pattern_matches_as_the_real_one():
    from backpdf.render import render  # noqa: F401 - the import under test
    from backpdf.render.lazy_uri_pattern import LazyPattern
    from reportlab.platypus import paragraph

    assert isinstance(paragraph.uri_pat, LazyPattern)
    real = re.compile(*paragraph.uri_pat._source)
    for uri in URIS:
        lazy, exact = paragraph.uri_pat.match(uri), real.match(uri)
        assert (lazy and lazy.groups()) == (exact and exact.groups()), uri
    assert paragraph._uri_split_pairs(URIS[0])[-1] == ("https://", "riverside-physio.example/v/bird-dog")


def test_re_compile_is_left_as_it_was_in_a_fresh_process():
    code = ("import re; before = re.compile; import backpdf.render; "
            "from reportlab.platypus import paragraph; import json; "
            "print(json.dumps([re.compile is before, type(paragraph.uri_pat).__name__, "
            "type(paragraph._hy_letters_pat).__name__]))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == [True, "LazyPattern", "Pattern"]
