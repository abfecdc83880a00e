"""The ASCII fast path (render/ascii_streams.py) gives reportlab's codec's bytes, or its
error, for every character it might meet, and is in place only while a PDF is written."""

from __future__ import annotations

import pytest
from reportlab.pdfbase import pdfdoc

from backpdf.render.ascii_streams import ascii_fast_path, pdfdoc_encode

REPORTLAB = pdfdoc.pdfdocEnc


@pytest.mark.parametrize("value", [
    "".join(map(chr, range(24))) + "".join(map(chr, range(32, 128))),  # all the codec maps
    "BT /F1+0 12 Tf 72 700 Td (Patient \\351) Tj ET\n" * 100,
    "Zoë · Nguyen", "", b"\x00bytes\xff", "café", "\u2022",
])
def test_the_same_bytes_as_reportlabs_codec(value):
    assert pdfdoc_encode(value) == REPORTLAB(value)


@pytest.mark.parametrize("code", range(0x18, 0x20))
def test_the_same_error_for_what_the_codec_has_no_byte_for(code):
    with pytest.raises(UnicodeEncodeError):
        REPORTLAB(f"a{chr(code)}b")
    with pytest.raises(UnicodeEncodeError):
        pdfdoc_encode(f"a{chr(code)}b")


def test_in_place_only_while_writing():
    with ascii_fast_path():
        assert pdfdoc.pdfdocEnc is pdfdoc_encode
    assert pdfdoc.pdfdocEnc is REPORTLAB
