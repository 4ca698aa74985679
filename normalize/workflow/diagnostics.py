"""Diagnostics of ``glossary check``: one dataclass and three renderings (text, GitHub, JSON)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from ..model import Position

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER: tuple[Severity, ...] = ("error", "warning", "info")

#: Check ids are a public contract: (check id, severity, one-line description).
CHECKS: dict[str, tuple[Severity, str]] = {
    "load": ("error", "The loader rejects the file (syntax, fields, types, clashing forms)."),
    "example": ("error", "An entry's example is not fixed as its 'expect' says."),
    "mixed-script": ("error", "A word of a form mixes scripts (look-alikes such as Cyrillic '\u0430' in 'Belarus')."),
    "ambiguity": ("warning", "Two entities have forms so close that near-miss matching cannot tell them apart."),
    "common-word": ("warning", "A deprecated or mistranslated form is a common word of its language."),
    "no-source": ("warning", "An entry lists no source."),
    "no-preferred": ("warning", "A language block has no preferred form, family name, abbreviation or adjective."),
    "wrong-script": ("warning", "A form is written in another script than its language uses."),
    "skipped": ("info", "A check could not run (the glossary has errors)."),
}


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One thing ``glossary check`` found, at a file position."""

    position: Position
    severity: Severity
    check: str
    """Check id, one of :data:`CHECKS`."""
    message: str
    entry: str | None = None
    """The entry id, when the diagnostic concerns one entry."""

    def to_dict(self) -> dict[str, object]:
        """Plain JSON-ready data, keys in a fixed order."""
        return {
            "path": self.position.path,
            "line": self.position.line,
            "column": self.position.column,
            "severity": self.severity,
            "check": self.check,
            "entry": self.entry,
            "message": self.message,
        }


def sort_key(d: Diagnostic) -> tuple[str, int, int, int, str, str]:
    """File order, then severity, then check id."""
    p = d.position
    return (p.path, p.line, p.column, SEVERITY_ORDER.index(d.severity), d.check, d.message)


def render_text(diagnostics: Iterable[Diagnostic]) -> str:
    """``file:line:col: severity [check] entry: message``, one line each."""
    lines = []
    for d in diagnostics:
        who = f"{d.entry}: " if d.entry else ""
        lines.append(f"{d.position}: {d.severity} [{d.check}] {who}{d.message}")
    return "".join(line + "\n" for line in lines)


_GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _gh_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(value: str) -> str:
    return _gh_data(value).replace(":", "%3A").replace(",", "%2C")


def render_github(diagnostics: Iterable[Diagnostic]) -> str:
    """GitHub Actions workflow commands (``::error file=...,line=...::message``), one line each."""
    lines = []
    for d in diagnostics:
        props = ",".join(
            (
                f"file={_gh_property(d.position.path)}",
                f"line={d.position.line}",
                f"col={d.position.column}",
                f"title={_gh_property(f'glossary {d.check}')}",
            )
        )
        who = f"{d.entry}: " if d.entry else ""
        lines.append(f"::{_GITHUB_LEVEL[d.severity]} {props}::{_gh_data(who + d.message)}")
    return "".join(line + "\n" for line in lines)


def render_json(diagnostics: Iterable[Diagnostic]) -> str:
    """A JSON array of :meth:`Diagnostic.to_dict` objects."""
    return json.dumps([d.to_dict() for d in diagnostics], ensure_ascii=False, indent=2) + "\n"


def exit_code(diagnostics: Sequence[Diagnostic], fail_on: Severity = "warning") -> int:
    """As for ``normalize lint``: 2 if the glossary cannot be loaded, 1 if anything at or above
    ``fail_on`` was found, else 0. CI passes ``fail_on="error"`` so that warnings do not block."""
    if any(d.check == "load" for d in diagnostics):
        return 2
    limit = SEVERITY_ORDER.index(fail_on)
    return 1 if any(SEVERITY_ORDER.index(d.severity) <= limit for d in diagnostics) else 0


RENDERERS = {"text": render_text, "github": render_github, "json": render_json}
