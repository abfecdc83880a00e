"""How much paper each layout takes, as `benchmarks/page_counts.py` measures it (pictures on,
clinic header, patient, clinician and note, Letter and A4): never more than REACHED there,
and never a page that holds nothing but its footer."""

from __future__ import annotations

import importlib.util
import io
import re
from pathlib import Path

import pypdf
import pytest

from backpdf.library_file import load_library

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "page_counts.py"


def _page_counts():
    spec = importlib.util.spec_from_file_location("page_counts", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


page_counts = _page_counts()
FOOTER = re.compile(r"Questions\? Call 555-0100|Maria Lopez · Page \d+ of \d+|\s")


@pytest.fixture(scope="module")
def library():
    return load_library()


@pytest.mark.parametrize("paper", ["letter", "a4"])
@pytest.mark.parametrize("layout", sorted(page_counts.REACHED))
def test_no_layout_takes_more_pages_than_it_does_today(library, layout, paper):
    made = [page_counts.handout(library, layout, paper, n) for n in page_counts.COUNTS]
    ceiling = page_counts.REACHED[layout]
    assert all(m.pages <= most for m, most in zip(made, ceiling)), ([m.pages for m in made], ceiling)
    for count, m in zip(page_counts.COUNTS, made):
        for number, page in enumerate(pypdf.PdfReader(io.BytesIO(m.pdf)).pages, 1):
            assert FOOTER.sub("", page.extract_text()), f"{count} exercises: page {number} is blank but for its footer"


def test_area_sheets_have_no_blank_pages(run, tmp_path):
    result = run("batch", "--by-area", "--out-dir", tmp_path)
    assert result.exit_code == 0, result.output
    sheets = sorted(tmp_path.glob("*.pdf"))
    assert len(sheets) == 4
    for sheet in sheets:
        for number, page in enumerate(pypdf.PdfReader(sheet).pages, 1):
            body = re.sub(r"Page \d+ of \d+|\s", "", page.extract_text())
            assert body, f"{sheet.name}: page {number} is blank but for its footer"
