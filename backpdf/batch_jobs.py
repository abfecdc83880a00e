"""Making handouts from jobs, in this process or in a pool of worker processes.

A job says what to make and where to write it; its outcome says what was written (pages,
exercise ids, SHA-256) or why it failed. Workers load nothing per handout: the library and
clinic arrive once, in the pool initializer, and fonts, styles and layouts stay cached in
each process. The parent alone decides when to stop: workers ignore Ctrl-C and SIGTERM, and
a stop cancels what has not started while each handout being made finishes its atomic
write, so no partial file is left behind.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import signal
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from itertools import islice
from pathlib import Path

from backpdf.errors import BackpdfError
from backpdf.layout import Layout
from backpdf.model import Clinic, Library
from backpdf.output import write_atomic
from backpdf.pipeline import choose_layout, make_handout
from backpdf.program import Request
from backpdf.program_file import load_program
from backpdf.roster import RosterRow


@dataclass(frozen=True)
class Source:
    """Where a handout comes from: a file and row, or a sheet. Never the patient."""

    file: str | None = None
    row: int | None = None
    area: str | None = None
    template: str | None = None

    @property
    def label(self) -> str:
        """How error lines start: `roster.csv:4`, `visit.yaml`, `area 'neck'`."""
        if self.file:
            return f"{self.file}:{self.row}" if self.row else self.file
        return f"area '{self.area}'" if self.area else f"template '{self.template}'"

    def to_json(self) -> dict:
        """Only the fields that apply, so the manifest reads {"file": ..., "row": 4}."""
        return {key: value for key, value in asdict(self).items() if value is not None}


@dataclass(frozen=True)
class Sheet:
    """An area or template sheet: its selection is known without reading a file."""

    selection: Request

    def request(self, library: Library) -> Request:
        return self.selection


@dataclass(frozen=True)
class ProgramFile:
    """A program file, read in the worker so that parsing runs in parallel too."""

    path: Path

    def request(self, library: Library) -> Request:
        return load_program(self.path, library)


Spec = Sheet | ProgramFile | RosterRow


@dataclass(frozen=True)
class Job:
    index: int        # position in input order: the manifest and --combined keep it
    source: Source
    target: Path
    spec: Spec


@dataclass(frozen=True)
class Written:
    index: int
    source: Source
    path: Path
    pages: int
    exercises: tuple[str, ...]
    sha256: str
    notices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Failed:
    index: int
    source: Source
    reason: str       # one line, starting with where: "roster.csv:4: unknown exercise ..."


Outcome = Written | Failed


@dataclass(frozen=True)
class Settings:
    """What every handout of a run shares; sent once to each worker, not with every job."""

    library: Library
    clinic: Clinic
    today: _dt.date
    command_line: Request = Request()  # --layout/--paper: they win over files and rows, as in `generate`


def reason(exc: BackpdfError, source: Source) -> str:
    """The error as one line that starts with where it happened, said once."""
    first = exc.problems[0]
    if first.file == source.file and (source.row is None or first.line == source.row):
        return str(exc)
    return f"{source.label}: {exc}"


class _Maker:
    """Makes and writes one handout at a time; layouts stay loaded between handouts."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.layouts: dict[str | None, Layout] = {}

    def make(self, job: Job) -> Outcome:
        """Resolve, render and write one handout; a user error fails this job only."""
        s = self.settings
        try:
            request = job.spec.request(s.library).overridden_by(s.command_line)
            result = make_handout(request, s.library, s.clinic, s.today, self._layout(request))
            write_atomic(job.target, result.pdf, sync=False)  # batch.run flushes once at the end
        except BackpdfError as exc:
            return Failed(job.index, job.source, reason(exc, job.source))
        return Written(job.index, job.source, job.target, result.pages,
                       tuple(e.id for e in result.handout.exercises),
                       hashlib.sha256(result.pdf).hexdigest(), result.notices)

    def _layout(self, request: Request) -> Layout:
        """Reading and checking a layout file costs ~4 ms: do it once per layout, not per handout."""
        if request.layout not in self.layouts:
            self.layouts[request.layout] = choose_layout(request, self.settings.clinic)
        return self.layouts[request.layout]


_worker: _Maker | None = None
IN_FLIGHT_PER_WORKER = 4


def _start_worker(settings: Settings) -> None:
    """Pool initializer. Workers ignore Ctrl-C and SIGTERM: the parent decides when to
    stop, so a worker is never killed halfway through writing a file."""
    global _worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    _worker = _Maker(settings)


def _make_in_worker(job: Job) -> Outcome:
    """What the pool runs: a module-level function (picklable), using this worker's maker."""
    assert _worker is not None, "the pool initializer runs first"
    return _worker.make(job)


def make_all(jobs: list[Job], settings: Settings, workers: int, record: Callable[[Outcome], None],
             stop: threading.Event) -> None:
    """Make `jobs`, calling `record` with each outcome, until done or `stop` is set; in-process
    for one worker (or one job), else in a process pool. Stopping never cuts a handout short."""
    workers = min(workers, len(jobs))
    if workers <= 1:
        maker = _Maker(settings)
        for job in jobs:
            if stop.is_set():
                return
            record(maker.make(job))
        return
    with ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(settings,)) as pool:
        pending: dict[Future, Job] = {}
        queue = iter(jobs)
        try:
            # A few jobs per worker in flight, not all of them: wait() walks every pending
            # future on each call, which for a 1,000-handout run cost the parent (sharing
            # the same 2 cores as the workers) a second of CPU, and nothing is gained by
            # queueing further ahead.
            for job in islice(queue, IN_FLIGHT_PER_WORKER * workers):
                pending[pool.submit(_make_in_worker, job)] = job
            while pending and not stop.is_set():
                done, _ = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
                for future in done:
                    record(_result(future, pending.pop(future)))
                    for job in islice(queue, 1):
                        pending[pool.submit(_make_in_worker, job)] = job
        finally:
            pool.shutdown(wait=True, cancel_futures=True)  # nothing left to cancel after a full run
            for future, job in pending.items():  # finished while stopping: on disk, so recorded
                if not future.cancelled():
                    record(_result(future, job))


def _result(future: Future, job: Job) -> Outcome:
    """The job's outcome; a worker that died (killed, out of memory) fails its jobs, not the run."""
    try:
        return future.result()
    except BrokenProcessPool:
        return Failed(job.index, job.source,
                      f"{job.source.label}: a worker process stopped unexpectedly (out of memory?)")


@contextmanager
def stop_signals() -> Iterator[threading.Event]:
    """Ctrl-C and SIGTERM ask the run to stop between handouts; a second one stops at once.

    Why not the usual KeyboardInterrupt: raised in the middle of rendering, it can be
    swallowed by one of reportlab's bare `except:` clauses (the run then carries on, or
    prints a handout down an error path). A flag checked between handouts cannot be lost.
    Only the main thread may set signal handlers; elsewhere (a task queue's thread) the
    event is never set and the host's own handling stays in charge.
    """
    stop = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield stop
        return

    def request_stop(signum, frame):
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()

    previous = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield stop
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
