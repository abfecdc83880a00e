"""How much paper each layout takes, as `benchmarks/page_counts.py` measures it (pictures on,
clinic header, patient, clinician and note, Letter and A4): never more than REACHED there."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from backpdf.library_file import load_library

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "page_counts.py"


def _page_counts():
    spec = importlib.util.spec_from_file_location("page_counts", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


page_counts = _page_counts()


@pytest.fixture(scope="module")
def library():
    return load_library()


@pytest.mark.parametrize("paper", ["letter", "a4"])
@pytest.mark.parametrize("layout", sorted(page_counts.REACHED))
def test_no_layout_takes_more_pages_than_it_does_today(library, layout, paper):
    found = tuple(page_counts.pages(library, layout, paper, n) for n in page_counts.COUNTS)
    ceiling = page_counts.REACHED[layout]
    assert all(pages <= most for pages, most in zip(found, ceiling)), (found, ceiling)
