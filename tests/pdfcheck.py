"""Reading PDFs back: text, QR codes, fonts, metadata. Tests assert on what a reader sees."""

from __future__ import annotations

import io
import re
import unicodedata
import warnings

import pikepdf
import pypdf
import pypdfium2
import zxingcpp


def normalise(text: str) -> str:
    """Whitespace folded and NFC, so line breaks chosen by the layout don't matter."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return normalise(" ".join(page.extract_text() for page in reader.pages))


def page_count(data: bytes) -> int:
    return len(pypdf.PdfReader(io.BytesIO(data)).pages)


def qr_codes(data: bytes, dpi: int = 150) -> list[str]:
    """Every QR code a scanner finds on the rendered pages, in page order."""
    found = []
    pdf = pypdfium2.PdfDocument(data)
    for page in pdf:
        image = page.render(scale=dpi / 72).to_pil()
        found += [r.text for r in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]
    return found


def qr_symbol_widths_cm(data: bytes, dpi: int = 150) -> list[float]:
    """Printed width of each QR symbol, from the corner points the decoder reports."""
    widths = []
    pdf = pypdfium2.PdfDocument(data)
    for page in pdf:
        image = page.render(scale=dpi / 72).to_pil()
        for r in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode):
            p = r.position
            width_px = ((p.top_right.x - p.top_left.x) ** 2 + (p.top_right.y - p.top_left.y) ** 2) ** 0.5
            widths.append(width_px / dpi * 2.54)
    return widths


def open_strict(data: bytes) -> pikepdf.Pdf:
    """Open with pikepdf and fail on any warning qpdf reports while checking the file."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        pdf = pikepdf.open(io.BytesIO(data))
        problems = pdf.check_pdf_syntax()
    assert problems == [], problems
    return pdf


def fonts(data: bytes) -> list[dict]:
    """Each font used: its base name and whether a font file is embedded."""
    result = []
    pdf = pikepdf.open(io.BytesIO(data))
    seen = set()
    for page in pdf.pages:
        for _, font in page.resources.get("/Font", {}).items():
            if font.objgen in seen:
                continue
            seen.add(font.objgen)
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font.DescendantFonts[0].get("/FontDescriptor")
            embedded = descriptor is not None and any(
                k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            result.append({"name": str(font.get("/BaseFont")), "embedded": embedded})
    return result


def metadata_text(data: bytes) -> str:
    """Everything in the Info dictionary and XMP, as one string."""
    pdf = pikepdf.open(io.BytesIO(data))
    parts = [f"{k}={v}" for k, v in pdf.docinfo.items()]
    if "/Metadata" in pdf.Root:
        parts.append(pdf.Root.Metadata.read_bytes().decode("utf-8", "replace"))
    return " ".join(parts)


def without_continued_marks(text: str, labels, exercises) -> str:
    """`text` (normalised) without the marks a card split across pages carries at both
    ends of the break ("... continues on the next page.", "2. Bridge (continued)"), so a
    sentence cut by the break reads on as one."""
    for key in ("continues_next_page", "continues_next_column"):
        text = text.replace(normalise(labels[key]), " ")
    for ex in exercises:
        text = text.replace(normalise(f"{ex.number}. {ex.exercise.name} {labels['continued']}"), " ")
    return normalise(text)
