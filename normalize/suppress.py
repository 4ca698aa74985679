"""Inline suppression: comments in a draft that switch rules off for a region or the next line.

Markdown (the comment may stand on its own line or inside a paragraph)::

    <!-- normalize: off -->                          all rules off until "on"
    <!-- normalize: off variant,foreign-form -->     only these rules off
    <!-- normalize: on -->                           all rules back on ("on RULE" for some)
    <!-- normalize: disable-next-line -->            nothing reported on the next line
    <!-- normalize: disable-next-line variant -->    only this rule

Plain text: the same directives on a line of their own, with or without the comment markers,
e.g. ``normalize: off``. A directive inside a Markdown code block is text, not a directive.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .findings import Finding

_BODY = r"normalize:[ \t]*(?P<verb>off|on|disable-next-line)\b(?P<rules>[ \t]+[\w, \t-]*?)?[ \t]*"
_COMMENT = re.compile(r"<!--[ \t]*" + _BODY + r"-->")
_LINE = re.compile(r"^[ \t]*(?:<!--[ \t]*)?" + _BODY + r"(?:-->)?[ \t]*\r?$", re.MULTILINE)

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class _Switch:
    offset: int
    on: bool
    rules: frozenset[str] | None
    """``None`` for all rules."""


@dataclass(frozen=True, slots=True)
class Suppressions:
    """The directives of one draft; :meth:`allows` says whether a finding is reported."""

    switches: tuple[_Switch, ...] = ()
    next_lines: tuple[tuple[int, frozenset[str] | None], ...] = ()
    """(line, rules) for each ``disable-next-line``; ``None`` for all rules."""

    def allows(self, finding: Finding) -> bool:
        """``False`` when a directive switches the finding's rule off at its start."""
        for line, rules in self.next_lines:
            if line == finding.line and (rules is None or finding.rule in rules):
                return False
        every = False
        some: set[str] = set()
        for switch in self.switches:
            if switch.offset > finding.start:
                break
            if switch.rules is None:
                every, some = not switch.on, set()
            elif switch.on:
                some -= switch.rules
            else:
                some |= switch.rules
        return not every and finding.rule not in some

    def filter(self, findings: Iterable[Finding]) -> list[Finding]:
        """The findings not suppressed."""
        if not self.switches and not self.next_lines:
            return list(findings)
        return [f for f in findings if self.allows(f)]


def parse(text: str, markdown: bool, html: Iterable[Span] = ()) -> Suppressions:
    """Directives in ``text``; for Markdown only inside the HTML spans the parser found."""
    if markdown:
        matches = [m for start, end in html for m in _COMMENT.finditer(text, start, end)]
    else:
        matches = list(_LINE.finditer(text))
    switches: list[_Switch] = []
    next_lines: list[tuple[int, frozenset[str] | None]] = []
    for match in matches:
        rules = _rules(match.group("rules"))
        if match.group("verb") == "disable-next-line":
            line = text.count("\n", 0, match.end()) + 1
            next_lines.append((line + 1, rules))
        else:
            switches.append(_Switch(match.start(), match.group("verb") == "on", rules))
    return Suppressions(tuple(sorted(switches, key=lambda s: s.offset)), tuple(next_lines))


def _rules(raw: str | None) -> frozenset[str] | None:
    names = frozenset(n for n in re.split(r"[\s,]+", raw or "") if n)
    return names or None
