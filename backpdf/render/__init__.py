"""Turning a `Handout` into PDF bytes with reportlab (imported only when rendering)."""

from backpdf.render.lazy_uri_pattern import lazy_uri_pattern

with lazy_uri_pattern():
    import reportlab.platypus.paragraph  # noqa: F401 - first imported here, see lazy_uri_pattern

from backpdf.render.document import RenderedPDF, render

__all__ = ["RenderedPDF", "render"]
