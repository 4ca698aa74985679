"""Running lint and fix over many files: one job per file, sequential or on every core."""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from ._record import Record, setfield
from .api import MAX_FIX_ROUNDS, lint
from .files import InputError, Source, encode, read_source, write_atomic
from .findings import SEVERITY_ORDER, Finding
from .model import Glossary
from .report import FileResult
from .rewrite import apply_fixes

#: A glossary is identified by its files (absolute paths) and whether the bundled ones are included.
GlossaryKey = tuple[tuple[str, ...], bool]

#: Below these sizes the work is done in this process: starting workers would cost more.
PARALLEL_MIN_FILES = 8
PARALLEL_MIN_BYTES = 256 * 1024


class Job(Record):
    """One file to lint or fix, with everything resolved from configuration and flags."""

    __slots__ = _fields = ("path", "lang", "glossary", "markup", "select", "ignore", "fail_on", "source")
    path: str
    lang: str
    glossary: GlossaryKey
    markup: str
    select: tuple[str, ...] | None
    ignore: tuple[str, ...]
    fail_on: str
    source: Source | None
    """Already read (stdin); otherwise the file is read by the worker."""

    def __init__(
        self,
        path: str,
        lang: str,
        glossary: GlossaryKey,
        markup: str,
        select: tuple[str, ...] | None = None,
        ignore: tuple[str, ...] = (),
        fail_on: str = "warning",
        source: Source | None = None,
    ) -> None:
        setfield(self, "path", path)
        setfield(self, "lang", lang)
        setfield(self, "glossary", glossary)
        setfield(self, "markup", markup)
        setfield(self, "select", select)
        setfield(self, "ignore", ignore)
        setfield(self, "fail_on", fail_on)
        setfield(self, "source", source)


class Task(Record):
    """What to do with every job."""

    __slots__ = _fields = ("fix", "write")
    fix: bool
    write: bool
    """Write fixed files in place."""

    def __init__(self, fix: bool = False, write: bool = False) -> None:
        setfield(self, "fix", fix)
        setfield(self, "write", write)


class Outcome(Record):
    """The result of one job: findings (left after fixing), or an error message."""

    __slots__ = _fields = ("job", "result", "error", "source", "fixes")
    job: Job
    result: FileResult | None
    error: str | None
    source: Source | None
    """The file as read (before fixing)."""
    fixes: int
    """Fixes applied (or that would be applied)."""

    def __init__(
        self,
        job: Job,
        result: FileResult | None = None,
        error: str | None = None,
        source: Source | None = None,
        fixes: int = 0,
    ) -> None:
        setfield(self, "job", job)
        setfield(self, "result", result)
        setfield(self, "error", error)
        setfield(self, "source", source)
        setfield(self, "fixes", fixes)

    @property
    def changed(self) -> bool:
        """Whether fixing changed the text."""
        return self.result is not None and self.source is not None and self.result.text != self.source.text

    @property
    def failed(self) -> bool:
        """Whether a finding is at or above the job's ``fail_on`` severity."""
        if self.result is None:
            return False
        limit = SEVERITY_ORDER.index(self.job.fail_on)
        return any(SEVERITY_ORDER.index(f.severity) <= limit for f in self.result.findings)


def check(text: str, job: Job, glossary: Glossary) -> list[Finding]:
    """Findings for a text: prose only for Markdown, minus those suppressed by comments."""
    markdown = job.markup == "markdown"
    if markdown:
        from .markup import prose

        view = prose(text)
        found = lint(view.masked, job.lang, glossary, select=job.select, ignore=job.ignore)
        found = [f for f in found if view.inside(text, f.start, f.end)]
    else:
        found = lint(text, job.lang, glossary, select=job.select, ignore=job.ignore)
    if "normalize:" not in text:  # no directives: the suppression module is not even imported
        return found
    from .suppress import parse

    return parse(text, markdown, view.html if markdown else ()).filter(found)


def fix(text: str, job: Job, glossary: Glossary) -> tuple[str, int, list[Finding]]:
    """Apply safe fixes until none applies; return the text, the fixes applied and what is left."""
    applied = 0
    for _ in range(MAX_FIX_ROUNDS):
        findings = check(text, job, glossary)
        new, count = apply_fixes(text, findings)
        if not count or new == text:
            return text, applied, findings
        text, applied = new, applied + count
    return text, applied, check(text, job, glossary)


def run_job(job: Job, task: Task, glossaries: Mapping[GlossaryKey, Glossary]) -> Outcome:
    """Lint or fix one file; input problems become an :class:`Outcome` with an error."""
    try:
        source = job.source or read_source(job.path)
    except InputError as exc:
        return Outcome(job, error=str(exc))
    glossary = glossaries[job.glossary]
    if not task.fix:
        findings = check(source.text, job, glossary)
        return Outcome(job, FileResult(job.path, source.text, tuple(findings)), source=source)
    text, applied, findings = fix(source.text, job, glossary)
    if task.write and text != source.text:
        try:
            write_atomic(job.path, encode(source, text))
        except OSError as exc:
            return Outcome(job, error=f"{job.path}: cannot write: {exc.strerror or exc}")
    return Outcome(job, FileResult(job.path, text, tuple(findings)), source=source, fixes=applied)


def run(
    jobs: Sequence[Job],
    task: Task,
    glossaries: Mapping[GlossaryKey, Glossary],
    *,
    workers: int = 0,
    progress: bool = False,
) -> Iterator[Outcome]:
    """Outcomes in the order of ``jobs``; on several processes when that pays (``workers=0``: decide)."""
    count = _workers(jobs, workers)
    bar = Progress(len(jobs)) if progress else None
    if count <= 1:
        outcomes: Iterator[Outcome] = (run_job(job, task, glossaries) for job in jobs)
    else:
        outcomes = _parallel(jobs, task, glossaries, count)
    for outcome in outcomes:
        if bar:
            bar.step()
        yield outcome
    if bar:
        bar.close()


def _workers(jobs: Sequence[Job], requested: int) -> int:
    if requested:
        return min(requested, len(jobs))
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    if cores < 2 or len(jobs) < PARALLEL_MIN_FILES:
        return 1
    size = 0
    for job in jobs:
        with contextlib.suppress(OSError):
            size += os.stat(job.path).st_size if job.source is None else 0
        if size >= PARALLEL_MIN_BYTES:
            return min(cores, len(jobs))
    return 1


_GLOSSARIES: Mapping[GlossaryKey, Glossary] = {}


def _init_worker(glossaries: Mapping[GlossaryKey, Glossary]) -> None:
    import signal

    global _GLOSSARIES
    _GLOSSARIES = glossaries
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's: no tracebacks, no half work


def _work(job_and_task: tuple[Job, Task]) -> Outcome:
    job, task = job_and_task
    outcome = run_job(job, task, _GLOSSARIES)
    if task.fix or outcome.result is None or outcome.result.findings:
        return outcome
    # a clean file in a lint: its text is never shown, so it is not sent back to the main process
    return Outcome(job, FileResult(outcome.result.path, "", ()))


def _parallel(
    jobs: Sequence[Job], task: Task, glossaries: Mapping[GlossaryKey, Glossary], count: int
) -> Iterator[Outcome]:
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, min(16, len(jobs) // (count * 32)))  # small chunks: no worker idles at the end
    pool = ProcessPoolExecutor(
        count, mp_context=_context(), initializer=_init_worker, initargs=(dict(glossaries),)
    )
    try:
        yield from pool.map(_work, [(job, task) for job in jobs], chunksize=chunk)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)  # on Ctrl-C: finish what runs, start nothing new


def _context() -> Any:
    """``fork`` on Linux: workers start at once and share the loaded glossaries' memory pages, where
    ``spawn`` or ``forkserver`` (the default from Python 3.14) would import normalize again and unpickle
    a copy of every glossary in each worker. Elsewhere the platform's default (fork is unsafe on macOS)."""
    import multiprocessing

    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return None


class Progress:
    """A progress bar on stderr, drawn only after a second and at most ten times a second."""

    def __init__(self, total: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.total, self.done, self.clock = total, 0, clock
        self.started = self.drawn = clock()
        self.visible = False

    def step(self) -> None:
        """Count one finished file."""
        self.done += 1
        now = self.clock()
        if now - self.started >= 1.0 and (now - self.drawn >= 0.1 or self.done == self.total):
            self.drawn, self.visible = now, True
            filled = 30 * self.done // self.total
            bar = "█" * filled + "░" * (30 - filled)
            sys.stderr.write(f"\r{bar} {self.done}/{self.total} files")
            sys.stderr.flush()

    def close(self) -> None:
        """Erase the bar."""
        if self.visible:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()
