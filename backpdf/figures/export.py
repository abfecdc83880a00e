"""One picture as file bytes: SVG (vector, for clinics to adapt) and PNG.

No temporary files: SVG comes from reportlab's renderSVG as a string; PNG draws the
picture into a one-page PDF in memory and rasterises that with pypdfium2, so the PNG is
exactly what the handout prints. pypdfium2 is an optional extra (`backpdf[png]`), imported
only when a PNG is asked for, so the PDF path never needs it.
"""

from __future__ import annotations

import importlib
import io

from reportlab.graphics import renderPDF, renderSVG
from reportlab.graphics.shapes import Drawing

from backpdf.errors import BackpdfError


def to_svg(d: Drawing) -> bytes:
    """The drawing as SVG bytes (UTF-8), the same every time for the same drawing."""
    return renderSVG.drawToString(d).encode("utf-8")


def to_pdf(d: Drawing) -> bytes:
    """The drawing alone on a page of its own size, as PDF bytes (deterministic)."""
    return renderPDF.drawToString(d, invariant=1)


def to_png(d: Drawing, dpi: int = 300) -> bytes:
    """The drawing as PNG bytes on white, at `dpi` (needs the `png` extra: pypdfium2)."""
    try:
        pypdfium2 = importlib.import_module("pypdfium2")
    except ImportError:
        raise BackpdfError("PNG export needs the png extra: pip install 'backpdf[png]'") from None
    pdf = pypdfium2.PdfDocument(to_pdf(d))
    try:
        bitmap = pdf[0].render(scale=dpi / 72.0, fill_color=(255, 255, 255, 255))
        out = io.BytesIO()
        bitmap.to_pil().convert("L").save(out, format="PNG", optimize=True)
        return out.getvalue()
    finally:
        pdf.close()
