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
import itertools
import os
import signal
import threading
import time
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
PARENT_POLL_SECONDS = 0.5
_PR_SET_PDEATHSIG = 1


def _start_worker(settings: Settings, parent: int) -> None:
    """Pool initializer. Workers ignore Ctrl-C and SIGTERM: the parent decides when to
    stop, so a worker is never killed halfway through writing a file. A worker whose
    parent is gone (killed with SIGKILL) exits instead of waiting for work for ever."""
    global _worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    _exit_with_parent(parent)
    _worker = _Maker(settings)


def _exit_with_parent(parent: int) -> None:
    """Linux: the kernel sends SIGKILL when the parent dies (prctl PR_SET_PDEATHSIG).
    Elsewhere: a thread notices the parent is gone (we are re-parented) and exits.
    A handout cut short this way leaves at most a `.backpdf-*.part` temp file, which the
    next run into that folder removes."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL) != 0:
            raise OSError(ctypes.get_errno(), "prctl failed")
    except (OSError, AttributeError):
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # died before the watch began
        os._exit(1)


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_POLL_SECONDS)
    os._exit(1)


def _make_in_worker(job: Job) -> Outcome:
    """What the pool runs: a module-level function (picklable), using this worker's maker."""
    assert _worker is not None, "the pool initializer runs first"
    return _worker.make(job)


def make_all(jobs: list[Job], settings: Settings, workers: int, record: Callable[[Outcome], None],
             stop: StopRequest) -> list[Job]:
    """Make `jobs`, calling `record` with each outcome, until done or `stop` is set; in-process
    for one worker (or one job), else in a process pool. Stopping never cuts a handout short,
    unless asked twice: then the workers are killed, and the jobs they were making are
    returned (their files may or may not be on disk; the caller removes them)."""
    workers = min(workers, len(jobs))
    if workers <= 1:
        maker = _Maker(settings)
        for job in jobs:
            if stop.is_set():
                return []
            record(maker.make(job))
        return []
    # A worker that dies (killed, out of memory) breaks its pool: every job in flight there
    # is lost, whichever worker had it. Those are made again once, in a fresh pool; a job
    # lost twice fails alone, so one handout that kills its worker cannot stop the run.
    queue: Iterator[Job] = iter(jobs)
    retried: set[int] = set()
    while True:
        lost, unknown = _make_in_pool(queue, settings, workers, record, stop)
        if unknown or stop.is_set() or not lost:
            return unknown
        retry = [job for job in lost if job.index not in retried]
        for job in lost:
            if job.index in retried:
                record(Failed(job.index, job.source,
                              f"{job.source.label}: a worker process stopped unexpectedly twice "
                              "while making this handout (out of memory?)"))
        retried.update(job.index for job in retry)
        queue = itertools.chain(retry, queue)


def _load_before_forking() -> None:
    """Where workers are forked (Linux), they start with what this process has loaded: the
    renderer is imported and the fonts read here once, not once in every worker (about
    0.1 s of CPU a worker, a fifth of a `batch --by-area`). Elsewhere workers start afresh
    and this would only cost the parent time."""
    import multiprocessing

    if multiprocessing.get_start_method() != "fork":
        return
    import importlib

    from backpdf import typeface

    importlib.import_module("backpdf.render")
    typeface.register_fonts()


def _make_in_pool(queue: Iterator[Job], settings: Settings, workers: int,
                  record: Callable[[Outcome], None], stop: StopRequest) -> tuple[list[Job], list[Job]]:
    """Make jobs from `queue` in one pool until the queue is done, `stop` is set or a worker
    dies. Returns (jobs lost with a dead worker, to retry; jobs whose outcome is unknown
    because their workers were killed on an urgent stop). Jobs not yet taken stay in `queue`."""
    _load_before_forking()
    pool = ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(settings, os.getpid()))
    pending: dict[Future, Job] = {}
    lost: list[Job] = []
    try:
        def submit(job: Job) -> None:
            try:
                pending[pool.submit(_make_in_worker, job)] = job
            except BrokenProcessPool:  # a worker died since the last look: not started, so retried
                lost.append(job)

        # A few jobs per worker in flight, not all of them: wait() walks every pending
        # future on each call, which for a 1,000-handout run cost the parent (sharing
        # the same 2 cores as the workers) a second of CPU, and nothing is gained by
        # queueing further ahead.
        for job in islice(queue, IN_FLIGHT_PER_WORKER * workers):
            submit(job)
        while pending and not stop.is_set() and not lost:
            done, _ = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
            for future in done:
                job = pending.pop(future)
                if isinstance(future.exception(), BrokenProcessPool):
                    lost.append(job)
                    continue
                record(_outcome(future, job))
                if not lost:
                    for job in islice(queue, 1):
                        submit(job)
        for future in pending:
            future.cancel()  # not started: made by the next pool, or not made at all
        # Finish what the workers are making (their files are being written), unless
        # the stop becomes urgent meanwhile.
        while pending and not stop.urgent:
            done, _ = wait(pending, timeout=0.1, return_when=FIRST_COMPLETED)
            for future in done:
                job = pending.pop(future)
                if future.cancelled():
                    if not stop.is_set():
                        lost.append(job)
                elif isinstance(future.exception(), BrokenProcessPool):
                    lost.append(job)
                else:
                    record(_outcome(future, job))
        if pending:
            _kill_workers(pool)
            return lost, [job for future, job in pending.items() if not future.cancelled()]
        if lost:
            # The pool broke (a worker died). Python 3.11's executor then waits for the
            # other workers to take a "stop" from the job queue, but a worker killed while
            # it held the queue's lock leaves them blocked on that lock for ever, and the
            # run hung (about 1 kill in 8). The survivors' outcomes are already counted as
            # lost, so they are stopped here; the jobs are made again in a fresh pool.
            _kill_workers(pool)
        return lost, []
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _outcome(future: Future, job: Job) -> Outcome:
    """The job's outcome; a bug in one handout fails that handout, not the run. Only the
    exception's type is given: its message could quote the patient's text."""
    error = future.exception()
    if error is None:
        return future.result()
    return Failed(job.index, job.source, f"{job.source.label}: internal error ({type(error).__name__}); "
                                         "please report it")


def _kill_workers(pool: ProcessPoolExecutor) -> None:
    """Stop the pool's workers now, and wait until they are gone, so none can still write
    a file after the caller has looked at the disk. (The executor has no public way.)"""
    processes = list((pool._processes or {}).values())
    for process in processes:
        process.kill()
    for process in processes:
        process.join()


class StopRequest:
    """How often the run was asked to stop: once, finish what is being made; twice, urgent."""

    def __init__(self):
        self.asked = 0

    def is_set(self) -> bool:
        return self.asked > 0

    @property
    def urgent(self) -> bool:
        return self.asked > 1


@contextmanager
def stop_signals() -> Iterator[StopRequest]:
    """Ctrl-C and SIGTERM ask the run to stop between handouts; a second one stops the
    handouts being made too.

    Why not the usual KeyboardInterrupt: raised in the middle of rendering, it can be
    swallowed by one of reportlab's bare `except:` clauses (the run then carries on, or
    prints a handout down an error path), and raised in the middle of the pool's own
    bookkeeping it can hang the run or lose track of files already written. A count
    checked between steps cannot be lost. Only the main thread may set signal handlers;
    elsewhere (a task queue's thread) the request is never made and the host's own
    handling stays in charge.
    """
    stop = StopRequest()
    if threading.current_thread() is not threading.main_thread():
        yield stop
        return

    def request_stop(signum, frame):
        stop.asked += 1

    previous = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield stop
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
