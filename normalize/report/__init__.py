"""Output formats: one module per format, each with ``emit(stream, results, context)``."""

from __future__ import annotations

import importlib
from bisect import bisect_right
from collections.abc import Callable, Sequence
from functools import cached_property
from typing import TextIO

from .._record import Record, setfield
from ..findings import SEVERITY_ORDER, Finding

FORMATS = ("text", "json", "sarif", "github")


class FileResult(Record):
    """The findings of one linted file, with the text they refer to."""

    __slots__ = ("__dict__", "findings", "path", "text")  # __dict__: for the cached line starts
    _fields = ("path", "text", "findings")
    path: str
    """The path as the user gave it (``-`` for stdin)."""
    text: str
    findings: tuple[Finding, ...]

    def __init__(self, path: str, text: str, findings: tuple[Finding, ...]) -> None:
        setfield(self, "path", path)
        setfield(self, "text", text)
        setfield(self, "findings", findings)

    @cached_property
    def line_starts(self) -> tuple[int, ...]:
        """Offset of the first character of each line."""
        from ..document import line_starts

        return line_starts(self.text)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column in characters) of an offset."""
        line = bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def line_text(self, line: int) -> str:
        """A 1-based line without its line ending."""
        start = self.line_starts[line - 1]
        end = self.line_starts[line] - 1 if line < len(self.line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r")


class Context(Record):
    """How to render: colour, verbosity, and what the run did."""

    __slots__ = _fields = ("color", "quiet", "fixed")
    color: bool
    quiet: bool
    fixed: int | None
    """Fixes applied by ``normalize fix``; ``None`` for ``normalize lint``."""

    def __init__(self, color: bool = False, quiet: bool = False, fixed: int | None = None) -> None:
        setfield(self, "color", color)
        setfield(self, "quiet", quiet)
        setfield(self, "fixed", fixed)


Emitter = Callable[[TextIO, Sequence[FileResult], Context], None]


def emitter(name: str) -> Emitter:
    """The ``emit`` function of a format (its module is imported only now)."""
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r}")
    emit: Emitter = importlib.import_module(f"{__name__}.{name}").emit
    return emit


def summary(results: Sequence[FileResult], context: Context) -> dict[str, int]:
    """Counts for the end of a report: files, findings, per severity, fixable (and fixed)."""
    findings = [f for r in results for f in r.findings]
    counts = {"files": len(results), "findings": len(findings)}
    counts.update({s: sum(f.severity == s for f in findings) for s in SEVERITY_ORDER})
    counts["fixable"] = sum(f.replacement is not None for f in findings)
    if context.fixed is not None:
        counts["fixed"] = context.fixed
    return counts
