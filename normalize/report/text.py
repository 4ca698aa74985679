"""Text output, like a compiler: a location line, the source line, a caret under the span."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import TextIO

from ..findings import Finding
from . import Context, FileResult, summary

#: Longest source excerpt shown; longer lines are cut around the span.
WIDTH = 100
_COLORS = {"error": "1;31", "warning": "1;33", "info": "1;36", "path": "1", "dim": "2", "fix": "32"}


def emit(stream: TextIO, results: Sequence[FileResult], context: Context) -> None:
    """Write every finding, then (unless quiet) a summary line."""
    paint = _painter(context.color)
    for result in results:
        for finding in result.findings:
            stream.write(headline(result.path, finding, paint) + "\n")
            if not context.quiet:
                stream.write(excerpt(result, finding, paint))
    if not context.quiet:
        stream.write(summary_line(summary(results, context)) + "\n")


def headline(path: str, finding: Finding, paint: _Paint | None = None) -> str:
    """``path:line:col: severity [rule] message (→ replacement)``."""
    paint = paint or _painter(False)
    fix = ""
    if finding.replacement is not None:
        fix = " " + paint("fix", f"(→ {finding.replacement or 'remove'})")
    location = paint("path", f"{path}:{finding.line}:{finding.column}:")
    severity = paint(finding.severity, finding.severity)
    return f"{location} {severity} {paint('dim', f'[{finding.rule}]')} {finding.message}{fix}"


def excerpt(result: FileResult, finding: Finding, paint: _Paint) -> str:
    """The line of the finding with carets under its span (up to the end of that line)."""
    line = result.line_text(finding.line)
    start = finding.column - 1
    end = min(len(line), start + len(finding.text.split("\n", 1)[0].rstrip("\r")))
    end = max(end, start + 1)
    left, right = 0, len(line)
    if len(line) > WIDTH // 2 and _width(line) > WIDTH:
        left = max(0, start - (WIDTH - (end - start)) // 2)
        right = min(len(line), max(end, left + WIDTH))
    shown = ("…" if left else "") + line[left:right] + ("…" if right < len(line) else "")
    pad = ("…" if left else "") + line[left:start]
    gutter = f"{finding.line:>5} | "
    carets = "".join("\t" if c == "\t" else " " * _width(c) for c in pad) + "^" * max(1, _width(line[start:end]))
    return f"{paint('dim', gutter)}{shown}\n{paint('dim', ' ' * 6 + '| ')}{paint(finding.severity, carets)}\n"


def summary_line(counts: dict[str, int]) -> str:
    """One sentence: what was found (and fixed)."""
    where = f"in {_plural(counts['files'], 'file')}"
    kinds = ", ".join(_plural(counts[s], s) for s in ("error", "warning", "info") if counts[s])
    found = f"{_plural(counts['findings'], 'problem')} ({kinds})"
    if "fixed" in counts:
        left = f"{found} left" if counts["findings"] else "no problems left"
        return f"Fixed {_plural(counts['fixed'], 'problem')}; {left} {where}."
    if not counts["findings"]:
        return f"No problems found {where}."
    fixable = f"; {counts['fixable']} fixable with `normalize fix`" if counts["fixable"] else ""
    return f"Found {found} {where}{fixable}."


class _Paint:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, style: str, text: str) -> str:
        if not self.enabled or not text:
            return text
        return f"\033[{_COLORS[style]}m{text}\033[0m"


def _painter(enabled: bool) -> _Paint:
    return _Paint(enabled)


def _width(text: str) -> int:
    """Terminal columns: wide East Asian characters take two, combining marks none."""
    if text.isascii():
        return len(text)
    total = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        total += 2 if unicodedata.east_asian_width(char) in "WF" else 1
    return total


def _plural(count: int, word: str) -> str:
    if word == "info":
        return f"{count} info"
    return f"{count} {word}{'' if count == 1 else 's'}"
