"""GitHub Actions workflow commands, which become pull-request annotations."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from . import Context, FileResult

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def emit(stream: TextIO, results: Sequence[FileResult], context: Context) -> None:
    """One ``::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`` per finding."""
    for result in results:
        path = result.path.replace("\\", "/")
        for f in result.findings:
            end_line, end_column = result.position(f.end)
            fix = f" (→ {f.replacement or 'remove'})" if f.replacement is not None else ""
            props = {
                "file": path,
                "line": f.line,
                "col": f.column,
                "endLine": end_line,
                "endColumn": end_column,
                "title": f"normalize [{f.rule}]",
            }
            joined = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items())
            stream.write(f"::{LEVELS[f.severity]} {joined}::{escape_data(f.message + fix)}\n")


def escape_data(text: str) -> str:
    """Escape a message as the workflow-command parser expects."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value (``:`` and ``,`` too)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
