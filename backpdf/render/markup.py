"""The only way text reaches reportlab Paragraph markup: escaped, NFC-normalised.

ReportLab parses Paragraph text as markup (CVE-2023-33733 ran code through it), so user and
library text is always escaped here; tags come only from this package's own constants.
"""

from __future__ import annotations

import unicodedata
from xml.sax.saxutils import escape


def text(value: str) -> str:
    """User or library text, safe inside Paragraph markup and printed exactly as typed."""
    return escape(unicodedata.normalize("NFC", value))


def labelled(label: str, value: str) -> str:
    """"<b>Tip:</b> user text" with only the user text escaped (labels are constants)."""
    return f"<b>{label}</b> {text(value)}"
