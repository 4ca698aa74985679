"""Applying fixes: one pass over the text with non-overlapping edits."""

from __future__ import annotations

from collections.abc import Iterable

from .findings import Finding


def apply_fixes(text: str, findings: Iterable[Finding]) -> tuple[str, int]:
    """Apply every finding that has a replacement; return the new text and the number applied.

    Edits are taken by start offset; an edit overlapping one already taken is skipped (the next
    run picks it up), so the result never depends on the order findings were produced in.
    """
    edits = sorted((f for f in findings if f.replacement is not None), key=lambda f: (f.start, -f.end))
    pieces: list[str] = []
    last = 0
    applied = 0
    for finding in edits:
        if finding.start < last:
            continue
        pieces.append(text[last : finding.start])
        pieces.append(finding.replacement or "")
        last = finding.end
        applied += 1
    pieces.append(text[last:])
    return "".join(pieces), applied
