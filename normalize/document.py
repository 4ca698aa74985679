"""A document being linted: its text, language, glossary, folded form and line index."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property

from .findings import RULES, Finding
from .fold import FoldedText, fold_text
from .model import Glossary


def line_starts(text: str) -> tuple[int, ...]:
    """Offset of the first character of each line of ``text``."""
    starts = [0]
    find = text.find
    pos = find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = find("\n", pos + 1)
    return tuple(starts)


@dataclass(frozen=True)
class Document:
    """Everything the checks read; built once per lint call."""

    text: str
    lang: str
    glossary: Glossary
    folded: FoldedText = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "folded", fold_text(self.text))

    @cached_property
    def line_starts(self) -> tuple[int, ...]:
        """Offset of the first character of each line (computed only when a finding needs it)."""
        return line_starts(self.text)

    def finding(
        self,
        rule: str,
        start: int,
        end: int,
        replacement: str | None,
        entry: str | None,
        message: str,
    ) -> Finding:
        """A finding for ``text[start:end]`` with line and column filled in."""
        line = bisect_right(self.line_starts, start)
        column = start - self.line_starts[line - 1] + 1
        return Finding(
            rule=rule,
            severity=RULES[rule][0],
            start=start,
            end=end,
            line=line,
            column=column,
            text=self.text[start:end],
            replacement=replacement,
            entry=entry,
            message=message,
        )
