"""Many handouts in one run: area and template sheets, program files, roster rows.

`plan` turns the inputs into jobs, each with its output file decided up front (names are
checked and claimed before anything is rendered, so two rows can never race for one file);
`run` makes them, in a process pool or in-process, and writes `manifest.json`.

What must hold:
- one bad program, row or exercise fails only its own handout; the reason names file and
  line or row, never the patient;
- every file is written atomically, and an interrupted run (Ctrl-C, SIGTERM) cancels what
  has not started, lets the handouts being written finish, and leaves no partial file;
- outputs stay inside the out-dir and never overwrite an input or each other.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from backpdf import __version__, vocabulary
from backpdf.batch_jobs import (
    Failed,
    Job,
    Outcome,
    ProgramFile,
    Settings,
    Sheet,
    Source,
    Spec,
    Written,
    make_all,
    reason,
    stop_signals,
)
from backpdf.errors import BackpdfError
from backpdf.i18n import N_, translator
from backpdf.library_translation import in_language
from backpdf.model import ProgramEntry
from backpdf.out_dir import locked, remove_temp_files, set_aside
from backpdf.output import atomic_file, check_target_is_regular, write_atomic
from backpdf.pipeline import choose_layout
from backpdf.program import Request, handout_language
from backpdf.roster import read_roster

MANIFEST = "manifest.json"
PROGRAM_SUFFIXES = (".yaml", ".yml")
ROSTER_SUFFIXES = (".csv",)
# Folders, drive letters, control characters, and leading dots ("..", hidden files, and the
# ".backpdf-xxx.part" temp files of write_atomic) have no place in an output name.
_UNSAFE_NAME = re.compile(r"[/\\:\x00-\x1f\x7f]|^\.|^\s*$")


@dataclass(frozen=True)
class Plan:
    settings: Settings
    out_dir: Path
    steps: tuple[Job | Failed, ...]   # input order; a Failed here was refused before rendering
    combined: Path | None = None
    simplex: bool = False             # --combined for one-sided printing: no blank back pages

    @property
    def jobs(self) -> list[Job]:
        return [step for step in self.steps if isinstance(step, Job)]


@dataclass(frozen=True)
class Combined:
    path: Path
    pages: int
    sha256: str
    blank_pages: int = 0   # back pages left blank so that each handout starts a new sheet


@dataclass(frozen=True)
class SetAside:
    """An earlier run's file with the name of a handout this run did not make."""

    source: Source
    path: Path
    renamed_to: Path | None     # None: deleted (or, with `problem`, left in place)
    problem: str | None = None

    def notice(self) -> str:
        """For stderr: the row, never the file name (an `output` cell may hold a patient name)."""
        if self.problem:
            return (f"{self.source.label}: a PDF of an earlier run has this handout's name and "
                    f"could not be set aside ({self.problem}); do not print it")
        done = (f"renamed to end in '{self.renamed_to.name[len(self.path.stem):]}'" if self.renamed_to
                else "deleted")
        return f"{self.source.label}: a PDF of an earlier run had this handout's name; it was {done}"


@dataclass(frozen=True)
class Report:
    outcomes: tuple[Outcome, ...]     # input order
    not_made: int = 0                 # jobs cancelled by an interruption
    combined: Combined | None = None
    interrupted: bool = False
    set_aside: tuple[SetAside, ...] = ()
    combined_problem: str | None = None  # why the --combined file could not be written
    manifest_problem: str | None = None  # why manifest.json could not be written

    @property
    def problems(self) -> list[str]:
        """What went wrong with the run's own files, for the end of its report."""
        return [p for p in (self.combined_problem, self.manifest_problem) if p]

    @property
    def written(self) -> list[Written]:
        return [o for o in self.outcomes if isinstance(o, Written)]

    @property
    def failed(self) -> list[Failed]:
        return [o for o in self.outcomes if isinstance(o, Failed)]

    def notices(self) -> Iterator[tuple[str, str]]:
        """(where, notice) for what resolution left out or warned about, in input order."""
        for outcome in self.written:
            for notice in outcome.notices:
                yield outcome.source.label, notice


def output_name(text: str) -> str:
    """A handout's file name inside the out-dir, with `.pdf` added when missing.

    The message never quotes the name: an `output` cell may hold a patient's name.
    """
    if _UNSAFE_NAME.search(text):
        raise BackpdfError("output must be a plain file name inside the out-dir: "
                           "no folders or '/', no '..', not starting with '.'")
    return text if text.lower().endswith(".pdf") else text + ".pdf"


class _Claims:
    """Files this run will write: no output may overwrite an input or another output.

    Names are compared case-blind, as a Mac or Windows share of the folder would see them.
    """

    def __init__(self, inputs: list[Path | None]):
        self.owners = {self._key(path): "an input file" for path in inputs if path}

    @staticmethod
    def _key(path: Path) -> str:
        return str(path.resolve()).casefold()

    def claim(self, path: Path, owner: str) -> Path:
        key = self._key(path)
        if key in self.owners:
            raise BackpdfError(f"output file clashes with {self.owners[key]}; "
                               "give each handout its own output name")
        self.owners[key] = owner
        return path


def plan(files, out_dir: str | Path, settings: Settings, *, by_area: bool = False,
         by_template: bool = False, combined: str | Path | None = None, simplex: bool = False,
         all_exercises: bool = False) -> Plan:
    """Every handout the run will make, with its output file; argument errors raise here.

    Raises `BackpdfError` (exit 2) for what is wrong with the run as a whole; a problem with
    one row or file becomes a `Failed` step instead, so the rest still print.
    """
    out_dir, paths = Path(out_dir), [Path(f) for f in files]
    _check_arguments(paths, out_dir, settings, by_area or by_template)
    claims = _Claims([*paths, settings.library.path, settings.clinic.source])
    claims.claim(out_dir / MANIFEST, "the manifest")
    if combined is not None:
        combined = _claim_combined(Path(combined), out_dir, claims)
    steps: list[Job | Failed] = []
    for index, (source, name, spec) in enumerate(_candidates(paths, settings, by_area, by_template,
                                                                          all_exercises)):
        try:
            if isinstance(spec, BackpdfError):
                raise spec
            assert name is not None  # only an unreadable roster has no name, and it is an error
            target = claims.claim(out_dir / output_name(name), f"the output of {source.label}")
            steps.append(Job(index, source, target, spec))
        except BackpdfError as exc:
            steps.append(Failed(index, source, reason(exc, source)))
    if not steps:  # only --by-template can ask for nothing
        raise BackpdfError("nothing to make: the library has no templates")
    return Plan(settings, out_dir, tuple(steps), combined, simplex)


def _check_arguments(paths: list[Path], out_dir: Path, settings: Settings, sheets: bool) -> None:
    """What would make the whole run pointless, refused before any work (exit 2)."""
    if not paths and not sheets:
        raise BackpdfError("nothing to make: give program (.yaml) or roster (.csv) FILES, "
                           "--by-area or --by-template")
    for path in paths:
        if path.suffix.lower() not in PROGRAM_SUFFIXES + ROSTER_SUFFIXES:
            raise BackpdfError("not a program (.yaml, .yml) or roster (.csv) file", path)
    if out_dir.exists() and not out_dir.is_dir():
        raise BackpdfError(f"--out-dir {out_dir} is a file, not a folder")
    if not out_dir.parent.is_dir():
        raise BackpdfError(f"--out-dir {out_dir}: the folder {out_dir.parent} does not exist")
    # A bad --layout or clinic layout would fail every handout: say so once, before starting.
    choose_layout(settings.command_line, settings.clinic)


def _claim_combined(path: Path, out_dir: Path, claims: _Claims) -> Path:
    """The --combined file is claimed before any handout, so a handout named like it fails."""
    if not path.parent.is_dir() and path.parent.resolve() != out_dir.resolve():
        raise BackpdfError(f"--combined {path}: the folder {path.parent} does not exist")
    check_target_is_regular(path)  # a FIFO or device: refused now, not after every handout
    try:
        return claims.claim(path, "the --combined file")
    except BackpdfError as exc:
        raise BackpdfError(f"--combined {path}: {exc}") from None


# An area sheet's title, by area; `N_` marks each for the message catalogs.
AREA_SHEET_TITLES = {
    "neck": N_("Exercises for your neck"),
    "upper-back": N_("Exercises for your upper back"),
    "mid-back": N_("Exercises for your mid back"),
    "lower-back": N_("Exercises for your lower back"),
}


def _candidates(paths: list[Path], settings: Settings, by_area: bool, by_template: bool,
                all_exercises: bool = False) -> Iterator[tuple[Source, str | None, Spec | BackpdfError]]:
    """(source, output name, what to make) for every handout asked for, in input order.

    A roster that cannot be read at all gives one candidate carrying its error. Sheet
    titles are in the run's language (--language, else the clinic's).
    """
    library = settings.library
    language = handout_language(settings.command_line, settings.clinic)
    if by_area:
        tr = translator(language)
        for area in vocabulary.areas():
            sheet = library.area_sheets.get(area)
            title = tr.gettext(AREA_SHEET_TITLES[area])
            if sheet and not all_exercises:
                entries = tuple(ProgramEntry(exercise_id) for exercise_id in sheet.exercises)
                yield Source(area=area), area, Sheet(Request(entries=entries, title=title, undated=True))
            elif library.in_area(area):
                yield Source(area=area), area, Sheet(Request(areas=(area,), title=title, undated=True))
    if by_template:
        templates = in_language(library, language).templates
        for template_id in library.templates:
            title = templates[template_id].name
            yield Source(template=template_id), template_id, Sheet(Request(template=template_id, title=title))
    for path in paths:
        if path.suffix.lower() in PROGRAM_SUFFIXES:
            yield Source(file=str(path)), path.stem, ProgramFile(path)
            continue
        try:
            rows = read_roster(path)
        except BackpdfError as exc:
            yield Source(file=str(path)), None, exc
            continue
        for row in rows:
            yield Source(str(path), row.row), row.output or f"{path.stem}-row-{row.row}", row


def run(plan: Plan, jobs: int, progress: Callable[[], None] = lambda: None) -> Report:
    """Make every planned handout, then --combined and manifest.json; `progress` is called
    once per handout done. Interrupted, it still writes a manifest of what was written.

    The out-dir is locked for the run. Whatever happens, the manifest ends true to the disk:
    a handout asked for but not made leaves no file of its name (an earlier run's file is
    set aside), and a manifest that cannot be written leaves no manifest at all.
    """
    try:
        plan.out_dir.mkdir(exist_ok=True)
    except OSError as exc:
        raise BackpdfError(f"cannot create --out-dir {plan.out_dir}: {exc.strerror}") from None
    with locked(plan.out_dir), stop_signals() as stop:
        remove_temp_files(plan.out_dir)
        report = _make(plan, jobs, progress, stop)
        report = replace(report, manifest_problem=_write_manifest(report, plan))
    return report


def _make(plan: Plan, jobs: int, progress: Callable[[], None], stop) -> Report:
    outcomes: dict[int, Outcome] = {step.index: step for step in plan.steps if isinstance(step, Failed)}

    def record(outcome: Outcome) -> None:
        outcomes[outcome.index] = outcome
        progress()

    started = time.time()
    make_all(plan.jobs, plan.settings, jobs, record, stop)
    remove_temp_files(plan.out_dir)  # of workers killed mid-write
    stale = _set_aside_stale(plan, outcomes, started)
    os.sync()  # one flush to disk for every handout written, instead of one each
    interrupted = stop.is_set() or len(outcomes) < len(plan.steps)
    written = [o.path for _, o in sorted(outcomes.items()) if isinstance(o, Written)]
    combined, combined_problem = None, None
    if plan.combined and written and not interrupted:
        try:
            combined = combine(written, plan.combined, duplex=not plan.simplex)
        except BackpdfError as exc:  # a full disk: the handouts and the manifest still count
            combined_problem = f"--combined: {exc}"
    return Report(tuple(o for _, o in sorted(outcomes.items())), len(plan.steps) - len(outcomes),
                  combined, interrupted, tuple(stale), combined_problem=combined_problem)


def _set_aside_stale(plan: Plan, outcomes: dict, started: float) -> list[SetAside]:
    """Every planned output this run did not record as written but found on disk: an earlier
    run's file is set aside; one this run wrote without word of it (its worker was killed,
    or its pool broke, before the outcome came back) is removed, as unconfirmed."""
    now = _dt.datetime.now()
    result = []
    for step in plan.steps:
        target = step.target if isinstance(step, Job) else None
        if target is None or isinstance(outcomes.get(step.index), Written) or not target.is_file():
            continue
        try:
            if target.stat().st_mtime >= started:
                target.unlink()
            else:
                result.append(SetAside(step.source, target, set_aside(target, now)))
        except OSError as exc:
            result.append(SetAside(step.source, target, None, exc.strerror))
    return result


def _write_manifest(report: Report, plan: Plan) -> str | None:
    """Write manifest.json; on failure remove the one an earlier run left (it would
    describe other files) and return what went wrong, for the caller to report."""
    path = plan.out_dir / MANIFEST
    try:
        write_atomic(path, _manifest(report, plan).encode("utf-8"))
        return None
    except BackpdfError as exc:
        problem = f"{exc}; no manifest was written"
    try:
        path.unlink()
        return problem + " (the manifest of an earlier run was removed)"
    except FileNotFoundError:
        return problem
    except OSError as exc:
        return problem + f", and the manifest of an earlier run could not be removed ({exc.strerror}): ignore it"


def combine(paths: list[Path], target: Path, duplex: bool = True) -> Combined:
    """The handouts as one PDF, in order, for one print job. Each keeps its own
    "Page X of Y", because the rendered files are joined, not re-rendered; they are
    streamed into the file one at a time, with pictures and fonts that are the same
    across handouts stored once (see `pdf_join`), so memory stays flat however many.

    With `duplex` (printing on both sides), a handout that ends on a front page is followed
    by a truly blank back page (no footer), so every handout starts on the front of a new
    sheet and no sheet ever carries two patients. Not after the last handout: nothing
    follows it on that sheet.
    """
    from backpdf.pdf_join import PdfJoin  # imports pypdf: only --combined runs pay for it

    blanks = 0
    with atomic_file(target) as handle:
        join = PdfJoin(handle)
        for number, path in enumerate(paths, start=1):
            join.add_file(path)
            if duplex and join.page_count % 2 and number < len(paths) and join.last_size:
                join.add_blank_page(*join.last_size)  # the same paper as the handout it backs
                blanks += 1
        sha256 = join.finish()
    return Combined(target, join.page_count, sha256, blanks)


def _manifest(report: Report, plan: Plan) -> str:
    """What was written and what failed, enough to audit what was printed. Paths are
    relative to the manifest's folder; no patient names (they are in the PDFs only)."""
    def where(path: Path) -> str:
        return os.path.relpath(path, plan.out_dir)

    data = {
        "backpdf": __version__,
        "date": plan.settings.today.isoformat(),
        "interrupted": report.interrupted,
        "outputs": [{"source": o.source.to_json(), "path": where(o.path), "pages": o.pages,
                     "exercises": list(o.exercises), "sha256": o.sha256, "warnings": list(o.notices)}
                    for o in report.written],
        "failures": [{"source": o.source.to_json(), "reason": o.reason} for o in report.failed],
        "set_aside": [{"source": a.source.to_json(), "path": where(a.path),
                       "renamed_to": a.renamed_to and where(a.renamed_to), "problem": a.problem}
                      for a in report.set_aside],
        "combined": report.combined and {"path": where(report.combined.path), "pages": report.combined.pages,
                                         "blank_pages": report.combined.blank_pages,
                                         "sha256": report.combined.sha256},
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
