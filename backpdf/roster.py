"""CSV rosters: the day's patients as spreadsheet rows, one handout per row.

A clinic's front desk lives in spreadsheets, not YAML, so a roster row carries the same
fields as a program file (ids, template, conditions, patient, date ...) plus `area` and
`output`. Each row is checked with the program schema and the same library look-ups as a
program file, so a row and a program fail with the same words.

Rows are numbered as a spreadsheet shows them: the header is row 1, the first patient row 2.
That number is what error lines (`roster.csv:4: ...`) and default file names
(`roster-row-4.pdf`) use, so staff can go straight to the row in their spreadsheet.
Problems never quote a patient's name or note: they name the row.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from dataclasses import dataclass, replace
from pathlib import Path

from backpdf import vocabulary
from backpdf.errors import BackpdfError, Problem
from backpdf.files import open_regular_file
from backpdf.loading import Document
from backpdf.model import Library
from backpdf.program import Request
from backpdf.program_file import program_problems, request_from_data
from backpdf.suggest import unknown

# Columns named like program-file keys are checked by the program schema; `area` and
# `output` are the roster's own.
PROGRAM_TEXT_COLUMNS = ("patient", "clinician", "note", "date", "template", "layout", "paper", "language")
PROGRAM_LIST_COLUMNS = ("exercises", "conditions", "overrides")
COLUMNS = PROGRAM_TEXT_COLUMNS + PROGRAM_LIST_COLUMNS + ("area", "output")
DELIMITERS = (",", ";", "\t")  # spreadsheets in many locales save CSV with ';'
SNIFF_LINES = 20  # the lines csv.Sniffer sees; the rest of a large roster is streamed
_LIST_SEPARATORS = re.compile(r"[\s,]+")


@dataclass(frozen=True)
class RosterRow:
    """One patient row: its cells by column name, checked only when its handout is made.

    Checking happens in the batch worker, not while reading the file, so a thousand-row
    roster is validated in parallel and one bad row never stops the others.
    """

    file: Path
    row: int
    cells: dict
    stray_cells: bool = False  # something typed outside the named columns

    @property
    def output(self) -> str | None:
        return self.cells.get("output")

    def request(self, library: Library) -> Request:
        """The row as a `Request`, or a `BackpdfError` naming the file, the row and every problem."""
        data = self._program_data()
        self._check(Document(self.file, data, {(): self.row}), library)
        return replace(request_from_data(data, self.file.parent), areas=tuple(self._list("area")))

    def _check(self, doc: Document, library: Library) -> None:
        """Every problem of the row in one error, so staff fix the row in one go."""
        problems = program_problems(doc, library) + self._area_problems(doc)
        if not self.cells.keys() & {"exercises", "template", "area"}:
            problems.append(doc.problem("no exercises chosen: fill in exercises, template or area"))
        if self.stray_cells:
            problems.append(doc.problem("a cell is filled in under no column name; "
                                        "give the column a header or clear the cell"))
        if problems:
            reasons = "; ".join(str(replace(p, file=None, line=None)) for p in problems)
            raise BackpdfError(reasons, self.file, self.row)

    def _list(self, column: str) -> list[str]:
        """A cell holding several ids, separated by spaces or commas, in any letter case."""
        return [item.lower() for item in _LIST_SEPARATORS.split(self.cells.get(column, "")) if item]

    def _program_data(self) -> dict:
        """The row shaped like a program file, so the program schema can check it."""
        data = {key: self.cells[key] for key in PROGRAM_TEXT_COLUMNS if key in self.cells}
        data.update((key, self._list(key)) for key in PROGRAM_LIST_COLUMNS if key in self.cells)
        return data

    def _area_problems(self, doc: Document) -> list[Problem]:
        return [doc.problem("area: " + unknown("area", area, vocabulary.areas(),
                                                         "use " + ", ".join(vocabulary.areas())))
                for area in self._list("area") if area not in vocabulary.areas()]


def read_roster(path: Path) -> list[RosterRow]:
    """Every non-blank row of a roster file; a `BackpdfError` if the file itself is unusable.

    Blank cells are left out (a blank date means today), so a row holds only what was given.
    The file is read as a stream: a bad header is reported before the rest is read, and a
    large roster is never held in memory twice (as text and as rows).
    """
    with open_regular_file(path) as handle:
        text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")
        try:
            first_line = text.readline()
            if not first_line.strip():
                raise BackpdfError("file is empty; a roster needs a header row", path)
            # The header is checked from the first line alone, before anything else is read
            # (a huge roster with a bad header is refused at once); then csv.Sniffer reads the
            # first lines to learn the spreadsheet's dialect for the rows.
            header = [name.strip().lower() for name in next(csv.reader([first_line], dialect=_dialect([first_line])))]
            _check_header(header, path)
            head = [first_line, *itertools.islice(text, SNIFF_LINES - 1)]
            records = csv.reader(itertools.chain(head, text), dialect=_dialect(head))
            next(records)
            rows = [row for number, record in enumerate(records, start=2)
                    if (row := _row(path, number, header, record)) is not None]
        except UnicodeDecodeError:
            raise BackpdfError("file is not UTF-8; save it as \"CSV UTF-8\"", path) from None
        except OSError as exc:
            raise BackpdfError(f"cannot read file ({exc.strerror})", path) from None
        except csv.Error as exc:
            raise BackpdfError(f"not a readable CSV file ({exc})", path) from None
    if not rows:
        raise BackpdfError("roster has no rows under its header", path)
    return rows


def _row(path: Path, number: int, header: list[str], record: list[str]) -> RosterRow | None:
    """The record as a row, or None when every cell is blank."""
    cells = {name: value.strip() for name, value in zip(header, record) if value.strip()}
    stray = cells.pop("", None) is not None or any(v.strip() for v in record[len(header):])
    return RosterRow(path, number, cells, stray) if cells or stray else None


def _dialect(lines: list[str]) -> type[csv.Dialect] | csv.Dialect:
    """The spreadsheet's CSV dialect (delimiter and quoting), found by csv.Sniffer on the
    first lines; a file too short to tell (a header alone) falls back to the delimiter
    its first line uses most."""
    try:
        return csv.Sniffer().sniff("".join(lines), delimiters="".join(DELIMITERS))
    except csv.Error:
        class Counted(csv.excel):
            delimiter = max(DELIMITERS, key=lines[0].count)
        return Counted


def _check_header(header: list[str], path: Path) -> None:
    """Unknown or repeated column names fail the whole file: every row would be misread."""
    problems = [unknown("column", name, COLUMNS, "allowed: " + ", ".join(COLUMNS))
                for name in dict.fromkeys(header) if name and name not in COLUMNS]
    problems += [f"column '{name}' appears twice" for name in dict.fromkeys(header)
                 if name and header.count(name) > 1]
    if problems:
        raise BackpdfError("; ".join(problems), path, 1)
