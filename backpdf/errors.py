"""One exception family for everything a user can get wrong.

The CLI turns a `BackpdfError` into one line on stderr and exit code 2; anything else is a
bug and keeps its traceback. Keeping file, line and object as fields (not baked into the
message) lets `validate` sort and print many problems uniformly.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: where it is, which object, and what is wrong."""

    message: str
    file: str | None = None
    line: int | None = None
    obj: str | None = None

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = f"{self.file}:{self.line}: " if self.line else f"{self.file}: "
        what = f"{self.obj}: " if self.obj else ""
        return f"{where}{what}{self.message}"


class BackpdfError(Exception):
    """A user-facing error: bad input file, unknown id, bad option. Never a bug."""

    def __init__(self, message: str, file: str | Path | None = None,
                 line: int | None = None, obj: str | None = None,
                 problems: list[Problem] | None = None):
        first = Problem(message, str(file) if file is not None else None, line, obj)
        self.problems = problems or [first]
        super().__init__(str(self.problems[0]))

    @classmethod
    def from_problems(cls, problems: list[Problem]) -> BackpdfError:
        """Many problems found at once; the message is the first, all are kept."""
        first = problems[0]
        return cls(first.message, first.file, first.line, first.obj, problems=list(problems))

    def __str__(self) -> str:
        text = str(self.problems[0])
        if len(self.problems) > 1:
            text += f" (and {len(self.problems) - 1} more problem(s); run `backpdf validate`)"
        return text
