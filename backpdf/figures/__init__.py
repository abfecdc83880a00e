"""Exercise pictures drawn from pose data: data -> geometry -> drawing, each stage pure.

The API the rest of backpdf calls:

- `picture_schema()` — the JSON Schema of one exercise's `picture:` block;
- `problems(data)` — what is wrong with a picture block, as (message, path) pairs;
- `picture_from_data(data)` — the block as a `PictureSpec`;
- `solve(spec)` — per frame, the solved 2-D geometry;
- `natural_size(spec, longer_side_mm)` — the picture's own proportions, in mm;
- `drawing(spec, width_mm, height_mm)` — a reportlab `Drawing` of that size;
- `to_svg(drawing)`, `to_png(drawing, dpi)` — one picture as a file's bytes.
"""

from backpdf.figures.build import picture_from_data
from backpdf.figures.checks import problems
from backpdf.figures.draw import drawing, line_widths_mm, natural_size
from backpdf.figures.export import to_pdf, to_png, to_svg
from backpdf.figures.geometry import solve


def picture_schema() -> dict:
    """The published JSON Schema of one `picture:` block (schema/picture.schema.json)."""
    from backpdf.schemas import schema

    return schema("picture")


__all__ = [
           "drawing",
           "line_widths_mm",
           "natural_size",
           "picture_from_data",
           "picture_schema",
           "problems",
           "solve",
           "to_pdf",
           "to_png",
           "to_svg",
]
