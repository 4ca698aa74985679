"""Findings: what a check reports about a span of the linted text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]

#: Severities from most to least severe; ``--fail-on`` and sorting use this order.
SEVERITY_ORDER: tuple[Severity, ...] = ("error", "warning", "info")

#: Rule ids are a public contract: (rule id, default severity, one-line description).
RULES: dict[str, tuple[Severity, str]] = {
    "variant": ("warning", "A deprecated form of a name; the preferred form replaces it."),
    "mistranslation": ("error", "A known wrong form of a name, e.g. from machine translation."),
    "foreign-form": ("warning", "A name written as another language writes it."),
    "duplicated-gloss": ("warning", "A name followed by a parenthesis repeating it."),
    "variant-gloss": ("warning", "A name followed by a parenthesis holding another spelling of it."),
    "near-miss": ("warning", "A name spelled almost like a glossary name: a typo or an unlisted spelling."),
    "inconsistent": ("info", "One entity written in two valid forms in one document."),
}


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in a text, with exact offsets and an optional safe fix."""

    rule: str
    """Rule id, one of :data:`RULES`."""
    severity: Severity
    start: int
    """Offset (``str`` index) of the first character of the span."""
    end: int
    """Offset just past the span: ``text[start:end]`` is :attr:`text`."""
    line: int
    """1-based line of ``start``."""
    column: int
    """1-based column of ``start``, in characters."""
    text: str
    """The offending text, ``text[start:end]`` of the linted document."""
    replacement: str | None
    """What replaces the span when fixing; ``None`` when no fix is safe."""
    entry: str | None
    """Glossary entry id, or ``None`` for checks that need no glossary."""
    message: str
    """A sentence an editor understands."""

    def to_dict(self) -> dict[str, object]:
        """The finding as plain JSON-ready data, keys in a fixed order."""
        return {
            "rule": self.rule,
            "severity": self.severity,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "text": self.text,
            "replacement": self.replacement,
            "entry": self.entry,
            "message": self.message,
        }
