"""Whether a layout's page can hold what it asks for, judged from its data alone (the file
merged over what it extends), before anything is drawn.

The schema bounds each value on its own (a QR column up to 10 cm, pictures up to 20 cm,
body text up to 32 pt), but not their sum: a 10 cm QR column in a 9 cm card column leaves
the steps no width at all, and reportlab then adds pages for ever looking for room, or
fails with "negative availWidth". So the widths and heights a layout leaves are measured
here, on the narrowest and shortest paper, and a layout that leaves too little is refused
with the key to change, by `validate` and `generate` alike.

Text widths are estimated in ems of the font size, generously (a character of DejaVu Sans
Bold is under 0.7 em on average), so a layout refused here would really print badly; the
renderer keeps a page limit of its own for anything these estimates miss.
"""

from __future__ import annotations

import math
from typing import Any

PT_MM = 25.4 / 72
EM_PER_CHAR = 0.7
# Mirrors of the renderer's fixed sizes (render/cards.py, render/checklist.py), in mm.
CARD_GAP_MM = 4.0            # between the steps and the QR column beside them
PICTURE_GAP_MM = 3.0         # between a picture beside the steps and its QR code
CARD_PADDING_MM = 4 * PT_MM + 4.0  # the title bar's own padding, and the spaces under it
TICK_BOX_MM = 9.0
CELL_PADDING_MM = 8 * PT_MM  # left + right padding of a table cell
QR_QUIET_FACTOR = 1 + 8 / 21  # the quiet zone (4 modules a side) of the smallest, 21-module code
LONGEST_KIND_LABEL = len("Strengthening")
WEEKDAYS = 7
# The least room text may be left, in ems of its own font size.
MIN_STEP_TEXT_EMS = 8        # steps beside the QR column ("shoulder-blades" is ~7 em)
MIN_TITLE_EMS = 4            # the exercise name in its title bar
MIN_CHECKLIST_NAME_EMS = 6   # the exercise name column of the checklist table

MIN_QR_COLUMN_MM = 25.0      # the schema's least qr_column_cm
MIN_LINK_CHARS_PER_LINE = 15  # a link printed under its QR code
TYPICAL_LINK_CHARS = 60      # a video link: the clinic's base address and an exercise id

# Defaults of optional keys, as layout.py gives them (merged data has them from _base; a
# Layout made in code may not).
_DEFAULTS: dict[str, Any] = {"line_spacing": 1.3, "columns": 1, "column_gap_mm": 8.0, "qr_column_cm": None,
             "link_text": "beside", "images": {"place": "beside", "width_cm": 4.5, "height_cm": 4.5}}


def layout_geometry_problems(layout_data: dict, paper_sizes_mm: dict) -> list[tuple[str, tuple]]:
    """(message, path in the layout data) for every size that leaves its content no room.

    `layout_data` must already match the layout schema; `paper_sizes_mm` maps paper names
    to (width, height) in mm, and the layout must fit the narrowest and the shortest.
    """
    narrowest = min(paper_sizes_mm, key=lambda name: paper_sizes_mm[name][0])
    shortest = min(paper_sizes_mm, key=lambda name: paper_sizes_mm[name][1])
    return _Page(layout_data, paper_sizes_mm, narrowest, shortest).problems()


class _Page:
    def __init__(self, data: dict, paper_sizes_mm: dict, narrowest: str, shortest: str):
        self.data = data
        self.paper, self.short_paper = narrowest, shortest
        paper_width, paper_height = paper_sizes_mm[narrowest][0], paper_sizes_mm[shortest][1]
        margins, sizes = data["margins_mm"], data["font_sizes"]
        self.em = {name: size * PT_MM for name, size in sizes.items()}  # one em of each font, in mm
        self.line_spacing = data.get("line_spacing", _DEFAULTS["line_spacing"])
        self.columns = data.get("columns", _DEFAULTS["columns"])
        gap = data.get("column_gap_mm", _DEFAULTS["column_gap_mm"])
        self.frame_width = paper_width - margins["left"] - margins["right"]
        self.column_width = (self.frame_width - (self.columns - 1) * gap) / self.columns
        # The footer (page number, phone) sits in the bottom margin and makes it taller when needed.
        self.frame_height = paper_height - margins["top"] - max(margins["bottom"], 3 * self.em["small"])
        images = {**_DEFAULTS["images"], **data.get("images", {})}
        self.picture_place = images["place"]
        self.picture = (images["width_cm"] * 10, images["height_cm"] * 10)
        self.qr = data["qr_cm"] * 10 * QR_QUIET_FACTOR
        qr_column_cm = data.get("qr_column_cm", _DEFAULTS["qr_column_cm"])
        self.qr_column = max(self.qr, qr_column_cm * 10 if qr_column_cm is not None else data["qr_cm"] * 10 + 16)

    def problems(self) -> list[tuple[str, tuple]]:
        found = self._card_width() + self._title_bar() + self._link_width() + self._card_height()
        if "checklist" in self.data.get("flow", ()):
            found += self._checklist()
        return found

    def _where(self) -> str:
        columns = f"each of {self.columns} columns is" if self.columns > 1 else "the text column is"
        return f"on {self.paper} paper {columns} {self.column_width:.0f} mm wide"

    def _card_width(self) -> list[tuple[str, tuple]]:
        path: tuple[str, ...] = ("qr_column_cm",)
        side, what = self.qr_column, "the QR column"
        if self.picture_place == "beside" and self.picture[0] > side:
            side, path, what = self.picture[0], ("images", "width_cm"), "a picture beside the steps"
        needed = MIN_STEP_TEXT_EMS * self.em["body"]
        left = self.column_width - side - CARD_GAP_MM
        if left >= needed:
            return []
        if self.column_width - max(self.qr, MIN_QR_COLUMN_MM) - CARD_GAP_MM < needed:
            path = ("font_sizes", "body")  # no narrower side column would leave room either
        return [(f"{self._where()}; {what} takes {side:.0f} mm of it, leaving {max(left, 0):.0f} mm "
                 f"for the steps, and {self.data['font_sizes']['body']:g} pt text needs at least "
                 f"{needed:.0f} mm; lower {_key(path)}, or use fewer columns or smaller margins", path)]

    def _link_chars_per_line(self) -> float:
        return self.qr_column / (EM_PER_CHAR * self.em["small"])

    def _link_lines(self) -> int:
        """Lines of the printed link under the QR code, for a link of typical length."""
        if self.data.get("link_text", _DEFAULTS["link_text"]) != "beside":
            return 0
        return math.ceil(TYPICAL_LINK_CHARS / self._link_chars_per_line())

    def _link_width(self) -> list[tuple[str, tuple]]:
        """A link printed under the QR code in big type breaks into a tower of short lines."""
        if not self._link_lines() or self._link_chars_per_line() >= MIN_LINK_CHARS_PER_LINE:
            return []
        return [(f"the video link printed under each QR code would have {self._link_chars_per_line():.0f} "
                 f"characters a line in {self.data['font_sizes']['small']:g} pt; use link_text: below, "
                 "or lower font_sizes: small", ("link_text",) if "link_text" in self.data else ("font_sizes", "small"))]

    def _title_bar(self) -> list[tuple[str, tuple]]:
        number = 3 * EM_PER_CHAR * self.em["heading"] + 10 * PT_MM
        kind = LONGEST_KIND_LABEL * EM_PER_CHAR * self.em["small"] + 10 * PT_MM
        left = self.column_width - number - kind - CELL_PADDING_MM
        needed = MIN_TITLE_EMS * self.em["heading"]
        if left >= needed:
            return []
        return [(f"{self._where()}; exercise names in {self.data['font_sizes']['heading']:g} pt would have "
                 f"{max(left, 0):.0f} mm beside their number and kind, and need {needed:.0f} mm; "
                 "lower font_sizes: heading or small, or use fewer columns", ("font_sizes", "heading"))]

    def _card_height(self) -> list[tuple[str, tuple]]:
        """What cannot be split across pages must fit one column's height: the picture
        (above the steps with the QR code beside it, or beside them with the QR code under
        it) and the title bar."""
        # The title bar (two lines of a long name), with the "Your exercises" heading kept
        # with the first card, and the padding around the card's body.
        title = (2 + 1.5) * self.line_spacing * self.em["heading"] + CARD_PADDING_MM
        # the code, "Scan to watch" and the link
        qr_block = self.qr + (1 + self._link_lines()) * self.line_spacing * self.em["small"]
        tallest = {"beside": self.picture[1] + PICTURE_GAP_MM + qr_block, "above": max(self.picture[1], qr_block),
                   "none": qr_block}[self.picture_place]
        if title + tallest <= self.frame_height:
            return []
        path = ("images", "height_cm") if self.picture_place != "none" else ("qr_cm",)
        return [(f"on {self.short_paper} paper a page holds {self.frame_height:.0f} mm of text, but each "
                 f"exercise's title, picture and QR code need {title + tallest:.0f} mm; lower {_key(path)}, "
                 "the margins or the font sizes", path)]

    def _checklist(self) -> list[tuple[str, tuple]]:
        """The tick-box table spans the page: number, name, QR code, a box per weekday."""
        number = 2 * EM_PER_CHAR * self.em["heading"] + CELL_PADDING_MM + 10 * PT_MM
        day = max(TICK_BOX_MM, 3 * EM_PER_CHAR * self.em["body"]) + CELL_PADDING_MM
        left = self.frame_width - number - self.qr - WEEKDAYS * day - CELL_PADDING_MM
        needed = MIN_CHECKLIST_NAME_EMS * self.em["body"]
        if left >= needed:
            return []
        return [(f"on {self.paper} paper the checklist's seven day columns and QR codes leave "
                 f"{max(left, 0):.0f} mm for exercise names in {self.data['font_sizes']['body']:g} pt, "
                 f"which need {needed:.0f} mm; lower font_sizes: body or the side margins, "
                 "or take checklist out of the flow", ("font_sizes", "body"))]


def _key(path: tuple) -> str:
    """A path as a clinic sees it in the file: ("images", "width_cm") -> "images: width_cm"."""
    return ": ".join(str(part) for part in path)
