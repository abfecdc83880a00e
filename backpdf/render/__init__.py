"""Turning a `Handout` into PDF bytes with reportlab (imported only when rendering)."""

from backpdf.render.document import RenderedPDF, render

__all__ = ["RenderedPDF", "render"]
