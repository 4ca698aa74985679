"""Identifiers inside prose: web addresses, e-mail addresses, @handles and #hashtags.

They name something elsewhere (a page, a mailbox, an account, a tag) and are written as that thing
is named, not as the text's language writes a name: ``https://example.org/Weißrussland`` and
``@Weißrussland`` must not become ``Belarus``. No rule reports inside them and no fix touches them.
"""

from __future__ import annotations

import re
from bisect import bisect_left

# A web address runs to the next space, quote or angle bracket; punctuation and a closing bracket at
# its end belong to the sentence (``… unter https://example.org/a.``, ``(siehe www.example.org)``).
_IDENTIFIER = re.compile(
    r"(?:\b[a-z][a-z0-9+.\-]*://|\bwww\.)[^\s<>\"]*[^\s<>\".,;:!?'’)\]]"
    r"|\b[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+"
    r"|(?<![\w&@#])[@#]\w[\w\-]*",
    re.IGNORECASE,
)
_MARKS = ("://", "www.", "@", "#")


def spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every identifier in ``text``, in order and apart, as ``str`` indices."""
    if not any(mark in text for mark in _MARKS):
        return []
    return [match.span() for match in _IDENTIFIER.finditer(text)]


def inside(found: list[tuple[int, int]], start: int, end: int) -> bool:
    """The span ``start:end`` overlaps one of ``found`` (as :func:`spans` gives them)."""
    k = bisect_left(found, (end,)) - 1  # the last identifier starting before ``end``
    return k >= 0 and found[k][1] > start
