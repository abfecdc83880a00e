"""Every bundled layout on Letter and A4, read back from the PDF: all text at its size,
QR codes that scan at their size, nothing outside the margins, cards kept whole, the
tracking log, the checklist's first page; and clinic-made layouts."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

import pytest
from conftest import TODAY
from layoutcheck import object_bounds, page_size, runs, text_of
from pdfcheck import fonts, normalise, pdf_text, qr_codes, qr_symbol_widths_cm, without_continued_marks
from reportlab.pdfbase.pdfmetrics import stringWidth

from backpdf import typeface
from backpdf.errors import BackpdfError
from backpdf.layout_file import available_layouts, bundled_layouts, find_layout, list_layouts, load_layout_file
from backpdf.model import ProgramEntry
from backpdf.program import Request, resolve
from backpdf.render import render
from backpdf.render.document import Page
from backpdf.render.front import printed_website

LAYOUTS = sorted(name for name in bundled_layouts() if not name.startswith("_"))
PAPERS = ("letter", "a4")
IDS = ("pelvic-tilt", "bird-dog", "bridge", "knee-to-chest", "cat-cow", "chin-tuck")


def handout_for(library, clinic, ids=IDS, **changes):
    request = Request(entries=tuple(ProgramEntry(i) for i in ids), patient="Zoë O'Brien-Nguyễn <b>",
                      clinician="Ana Ruiz, PT", note="Start with the first 3 & add <the rest> next week.",
                      **changes)
    handout, _ = resolve(request, library, replace(clinic, address="12 River Road",
                                                   website="https://riverside.example"), TODAY)
    return handout


@pytest.fixture(scope="module")
def handout(library, clinic):
    return handout_for(library, clinic)


@pytest.fixture(scope="module", params=[(name, paper) for name in LAYOUTS for paper in PAPERS],
                ids=lambda p: f"{p[0]}-{p[1]}")
def made(request, handout):
    """One render per layout and paper, with the tracking log on so it is checked too."""
    name, paper = request.param
    layout = find_layout(name).with_tracking_log(True)
    pdf = render(handout, layout, paper).data
    return layout, paper, pdf, runs(pdf)


def _read_across_page_breaks(found, layout, paper, handout) -> str:
    """The handout's text as a patient reads on from page to page: without the footers,
    and without the marks a card split across pages carries at both ends of the break."""
    bottom = Page.of(layout, paper, handout).bottom
    return without_continued_marks(text_of([r for r in found if r.y > bottom], layout.font_sizes.body),
                                   layout.labels, handout.exercises)


def test_every_text_is_printed_at_body_size_or_larger(made, handout):
    layout, paper, _, found = made
    big = _read_across_page_breaks(found, layout, paper, handout)
    for field, value in handout.texts():
        printed = printed_website(value) if field == "clinic website" else value
        assert normalise(printed) in big, field
    assert min(r.size for r in found) >= layout.font_sizes.small - 0.01


def test_qr_codes_scan_and_are_at_least_the_layout_size(made, handout):
    layout, _, pdf, _ = made
    copies = 2 if "checklist" in layout.flow else 1  # the table row and the card
    assert Counter(qr_codes(pdf)) == Counter({e.video_url: copies for e in handout.exercises})
    widths = qr_symbol_widths_cm(pdf)
    assert min(widths) >= layout.qr_cm * 0.97 >= 2 * 0.97


def test_links_are_printed_as_text(made, handout):
    squeezed = text_of(made[3]).replace(" ", "")
    for exercise in handout.exercises:
        assert exercise.video_url in squeezed


def test_nothing_is_drawn_outside_the_margins(made, handout):
    """The footer is the only thing in the bottom margin, and it keeps clear of the edge."""
    layout, paper, pdf, _ = made
    page = Page.of(layout, paper, handout)
    width, height = page_size(pdf)
    tolerance = 2.5  # pdfium counts a rule's whole width (2.2 pt at most) outside its path
    for number, kind, (left, bottom, right, top) in object_bounds(pdf):
        where = f"page {number + 1}: {kind} at {left:.0f},{bottom:.0f}-{right:.0f},{top:.0f}"
        assert left >= page.left - tolerance and right <= width - page.right + tolerance, where
        assert top <= height - page.top + tolerance, where
        if top <= page.bottom:  # the footer: rule, page number, phone, disclaimer
            assert bottom >= 4 * 2.835, where
        else:
            assert bottom >= page.bottom - tolerance, where


def test_cards_are_split_only_when_taller_than_a_column(made, handout):
    """A card is whole in one column of one page, or it starts at the top of a column (so
    waiting for the next one would not have helped) and is marked as continued."""
    layout, paper, pdf, found = made
    middle = page_size(pdf)[0] / 2
    columns: dict = {}
    for run in found:
        columns.setdefault((run.page, int(run.x >= middle) if layout.columns > 1 else 0), []).append(run)
    texts = [text_of(column) for column in columns.values()]
    for exercise in handout.exercises:
        title, last = f"{exercise.number}. {exercise.exercise.name}", normalise(exercise.cautions[-1])
        if f"{title} (continued)" not in text_of(found):
            assert any(title in text and last in text[text.index(title):] for text in texts), exercise.id
            continue
        assert layout.font_sizes.body >= 18, exercise.id  # only large-print cards outgrow a page
        column = next(c for c in columns.values() if title in text_of(c))
        start = next(i for i, r in enumerate(column) if r.text.strip() == f"{exercise.number}."
                     and r.size == layout.font_sizes.heading)
        assert {r.text.strip() for r in column[:start]} <= {layout.labels["exercises_heading"]}, exercise.id


def test_tracking_log_has_28_days_and_a_column_per_exercise(made, handout):
    layout, _, _, found = made
    log = text_of([r for r in found if r.page >= min(r.page for r in found if "4-week log" in r.text)])
    assert "Your 4-week log" in log
    for day in range(1, 29):
        assert f"Day {day} " in log + " "
    for exercise in handout.exercises:
        assert f"{exercise.number} = {normalise(exercise.exercise.name)}" in log
    head = [r.text.strip() for r in found if r.size >= layout.font_sizes.body - 0.01 and "Bold" in r.font]
    assert all(str(e.number) in head for e in handout.exercises)
    assert "Pain 0\u201310" in log


def test_no_italics_anywhere(made):
    names = [f["name"] for f in fonts(made[2])]
    assert names and not any(word in name for name in names for word in ("Oblique", "Italic"))


def test_large_print_rules(handout):
    """18 pt body, 22 pt headings, 1.5 line spacing, 3 cm codes, lines of not much more
    than 6 inches and about 50 characters (DejaVu Sans is a wide face), and no words in
    capitals in anything backpdf itself writes."""
    layout = find_layout("large-print")
    size = layout.font_sizes
    assert size.body >= 18 and size.heading >= 22 and size.title >= 22 and layout.line_spacing >= 1.5
    assert layout.qr_cm >= 3 and layout.columns == 1
    for paper in PAPERS:
        assert Page.of(layout, paper).frame_width <= 6.3 * 72
        sample = " ".join(sign for _, signs in handout.red_flags for sign in signs)
        char_width = stringWidth(sample, typeface.REGULAR, size.body) / len(sample)
        assert Page.of(layout, paper).frame_width / char_width <= 52
        text = text_of(runs(render(handout, layout.with_tracking_log(True), paper).data))
        for _, value in handout.texts():
            text = text.replace(normalise(value), " ")
        assert not re.findall(r"\b[A-Z]{2,}\b", text)


def test_checklist_starts_under_the_red_flags_and_flows_on(library, clinic):
    layout = find_layout("checklist")
    for paper in PAPERS:
        found = runs(render(handout_for(library, clinic), layout, paper).data)
        first = text_of([r for r in found if r.page == 0])
        assert "Stop these exercises and call us" in first and "Mon Tue Wed Thu Fri Sat Sun" in first
        table = text_of([r for r in found if r.page <= 1])
        for ex in handout_for(library, clinic).exercises:
            assert f"{ex.number} {ex.exercise.name} {ex.dose_short}" in table, (paper, ex.id)
    many = handout_for(library, clinic, ids=tuple(list(library.exercises)[:12]))
    pdf = render(many, layout, "letter").data
    table = text_of(runs(pdf)).split(layout.labels["exercises_heading"])[0]
    assert all(f"{ex.exercise.name} {ex.dose_short}" in table for ex in many.exercises)
    assert table.count("Mon Tue Wed Thu Fri Sat Sun") >= 2  # the header again on each page


@pytest.mark.parametrize("name", LAYOUTS)
def test_enormous_step_is_printed_whole(name, library, clinic):
    words = " ".join(f"w{i}" for i in range(3000))
    big = replace(library.exercises["bird-dog"], steps=("Start on all fours.", words))
    lib = replace(library, exercises={**library.exercises, "bird-dog": big})
    handout = handout_for(lib, clinic, ids=("chin-tuck", "bird-dog", "bridge"))
    pdf = render(handout, find_layout(name), "letter").data
    text = pdf_text(pdf)
    assert re.findall(r"\bw\d+\b", text) == words.split()
    assert "2. Bird-dog (continued)" in text and "This exercise continues" in text


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("name", LAYOUTS)
def test_red_flags_are_never_split_and_start_on_page_1(name, paper, library, clinic):
    """Whole on page 1 where page 1 can hold the box. At 15 and 18 pt with the signs of
    four areas it cannot: then each tier is its own whole box, the emergency one on page 1,
    the next whole on one page; never a sign list cut across pages."""
    handout = handout_for(library, clinic, conditions=("pregnancy",))
    layout = find_layout(name)
    found = runs(render(handout, layout, paper).data)
    pages = [text_of([r for r in found if r.page == n]) for n in range(max(r.page for r in found) + 1)]
    for tier, (title, signs) in enumerate(handout.red_flags):
        on = {n for n, text in enumerate(pages) for item in (title, *signs) if normalise(item) in text}
        assert len(on) == 1, (tier, on)  # each sign found whole, and all on one page
        assert tier or on == {0}
    if layout.font_sizes.body < 15:
        assert all(normalise(item) in pages[0] for title, signs in handout.red_flags for item in (title, *signs))
    assert "Your precautions" in text_of(found)
    for item in handout.precautions:
        assert normalise(item) in text_of(found)


def test_red_flags_no_page_can_hold_are_refused_naming_them(library, clinic):
    many = tuple(f"Sign number {n}: you feel something new and worrying in your back or legs." for n in range(40))
    handout = replace(handout_for(library, clinic), red_flags=(("Call us now if", many),))
    with pytest.raises(BackpdfError, match=r"the red flags under 'Call us now if' \(40 signs\) are \d+ mm tall"):
        render(handout, find_layout("standard"), "letter")


@pytest.mark.parametrize("name", ["large-print", "one-per-page"])
def test_a_card_starts_with_its_picture_dose_and_first_step_together(name, library, clinic):
    """Cards taller than a page split anyway, so they start where their head fits, not on
    a fresh page; but never with only the title and picture above the break."""
    layout = find_layout(name)
    handout = handout_for(library, clinic, ids=("swimming", "prone-y-raise", "knee-to-chest", "isometric-neck-hold",
                                                "wall-sit", "chin-tuck", "band-row"))
    for paper in PAPERS:
        found = runs(render(handout, layout, paper).data)
        pages = [text_of([r for r in found if r.page == n]) for n in range(max(r.page for r in found) + 1)]
        for ex in handout.exercises:
            title = f"{ex.number}. {normalise(ex.exercise.name)}"
            starts = [n for n, text in enumerate(pages)
                      if title in text and f"{title} {layout.labels['continued']}" not in text]
            assert len(starts) == 1, (paper, ex.id, starts)
            assert normalise(ex.exercise.steps[0]) in pages[starts[0]], (paper, ex.id)


def test_a_clinicians_notes_box_is_never_alone_on_a_page(library, clinic):
    """One per page: each box on its exercise's page, with fewer lines where the page is
    short, or left out; never printed by itself on a page of its own."""
    layout = find_layout("one-per-page")
    handout = handout_for(library, clinic, ids=("bird-dog", "cat-cow", "pelvic-tilt", "bridge"))
    for paper in PAPERS:
        found = runs(render(handout, layout, paper).data)
        for n in {r.page for r in found}:
            text = text_of([r for r in found if r.page == n])
            if layout.labels["exercise_notes_heading"] in text:
                assert any(normalise(ex.exercise.name) in text for ex in handout.exercises), (paper, n)


def test_tracking_log_switch(library):
    standard = find_layout("standard")
    assert standard.with_tracking_log(None) is standard
    assert standard.with_tracking_log(True).flow[-1] == "tracking_log"
    assert "tracking_log" not in find_layout("one-per-page").with_tracking_log(False).flow


def test_a_clinic_layout_is_found_by_name_and_listed(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    folder = tmp_path / "backpdf" / "layouts"
    folder.mkdir(parents=True)
    text = (bundled_layouts()["compact"].read_text().replace("name: compact", "name: ours")
            .replace("description: Two columns", "description: Our two columns"))
    (folder / "ours.yaml").write_text(text)
    (folder / "broken.yaml").write_text("name: broken\n")
    assert set(available_layouts()) == set(LAYOUTS) | {"_base", "ours", "broken"}
    assert find_layout("ours").description.startswith("Our two columns")
    listing = {row.name: row for row in list_layouts()}
    assert listing["ours"].origin == "clinic" and listing["standard"].origin == "bundled"
    assert "cannot be used" in listing["broken"].description
    assert "[clinic:" in str(listing["ours"]) and "[clinic" not in str(listing["standard"])


def test_layout_file_errors_name_file_and_line(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("name: mine\ndescription: x\nflow: [front, fridge]\nmargins_mm: {top: 15, bottom: 18, left: 17, "
                    "right: 17}\nfont_sizes: {title: 20, heading: 15, body: 12.5, small: 9.5}\nqr_cm: 2\n"
                    "images: {place: behind}\n")
    with pytest.raises(BackpdfError) as caught:
        load_layout_file(path)
    messages = [str(p) for p in caught.value.problems]
    assert any(m.startswith(f"{path}:3: flow #2 must be one of: front, guidance, checklist, cards") for m in messages), messages
    assert any(m.startswith(f"{path}:7: images.place must be one of: beside, above, none") for m in messages)
