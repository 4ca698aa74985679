"""Folding: map text to a lower-case ASCII key space and back to exact offsets.

Folded text holds only ``[a-z0-9]``, spaces, and ``|`` for a paragraph break. Letters go through
unidecode (``ß`` → ``ss``, ``Л`` → ``l``, ``习`` → ``xi``); every punctuation mark becomes a space;
a run of whitespace becomes one space (a blank line becomes `` | ``). So ``Nur-Sultan`` and
``Nur Sultan`` fold alike and a line break inside a name is a space, while a comma still separates
words by two spaces, which no key contains. Every folded character remembers the original span it
came from, so a match in folded text maps back to exact ``str`` offsets.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from unidecode import unidecode

_NON_KEY = re.compile(r"[^a-z0-9]+")
PARAGRAPH_BREAK = " | "


class _FoldTable(dict[int, str]):
    """``str.translate`` table computed on demand, one entry per distinct character."""

    def __missing__(self, code: int) -> str:
        value = fold_char(chr(code))
        self[code] = value
        return value


@lru_cache(maxsize=None)
def fold_char(char: str) -> str:
    """Fold one character: ``""``, ``" "``, or letters/digits possibly with inner spaces."""
    if unicodedata.category(char)[0] == "M":
        return ""
    if char in "\u00ad\u200b\u200c\u200d\u2060\ufeff":
        return ""
    folded = unidecode(char).lower()
    if not folded:
        return "" if unicodedata.category(char) in ("Cf", "Mn") else " "
    if folded.isalnum() and folded.isascii():
        return folded
    pieces = _NON_KEY.sub(" ", folded)
    if not pieces.strip():
        return " "
    # keep a trailing space from unidecode ("Xi " for 习): syllables of scripts without spaces
    return pieces.lstrip(" ")


_TABLE = _FoldTable()
_TABLE[ord("|")] = "|"  # a hard break: no key contains it


_WHITESPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """The folded key of a glossary form or any short string, folded as :func:`fold_text` does."""
    return _WHITESPACE.sub(" ", text.strip()).translate(_TABLE).strip(" ")


@dataclass(frozen=True, slots=True)
class FoldedText:
    """A document in folded form, padded with one space on each side, with the way back."""

    text: str
    """Folded text: ``" " + folded + " "``."""
    fold_starts: tuple[int, ...]
    """Start of each irregular segment in :attr:`text` (sorted)."""
    fold_ends: tuple[int, ...]
    orig_starts: tuple[int, ...]
    orig_ends: tuple[int, ...]

    def orig_start(self, pos: int) -> int:
        """Offset in the original text of the character that produced folded ``pos``."""
        k = bisect_right(self.fold_starts, pos) - 1
        if k >= 0 and pos < self.fold_ends[k]:
            return self.orig_starts[k]
        base_f, base_o = (self.fold_ends[k], self.orig_ends[k]) if k >= 0 else (1, 0)
        return base_o + pos - base_f

    def orig_end(self, pos: int) -> int:
        """Offset just past the original character that produced folded ``pos``."""
        k = bisect_right(self.fold_starts, pos) - 1
        if k >= 0 and pos < self.fold_ends[k]:
            return self.orig_ends[k]
        base_f, base_o = (self.fold_ends[k], self.orig_ends[k]) if k >= 0 else (1, 0)
        return base_o + pos - base_f + 1


def _char_class(chars: list[str]) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


def fold_text(text: str) -> FoldedText:
    """Fold a document, keeping the map back to original offsets."""
    distinct = set(text)
    spacey: list[str] = []
    irregular: list[str] = []
    for char in distinct:
        value = _TABLE[ord(char)]
        if char.isspace():
            if char != " ":
                spacey.append(char)
        elif len(value) != 1:
            irregular.append(char)
    alternatives = []
    if spacey or "  " in text:
        alternatives.append(_char_class([*spacey, " "]) + "{2,}")
    if irregular:
        alternatives.append(_char_class(irregular) + "+")
    irregular_chars = frozenset(irregular)
    f_starts: list[int] = []
    f_ends: list[int] = []
    o_starts: list[int] = []
    o_ends: list[int] = []
    if alternatives:
        pattern = re.compile("|".join(alternatives))
        delta = 1  # the leading pad space
        pieces: list[str] = []
        last = 0
        for match in pattern.finditer(text):
            start, end = match.span()
            segment = match.group()
            if segment[0] in irregular_chars:
                folded = "".join(_TABLE[ord(c)] for c in segment)
                _record_chars(segment, start, start + delta, f_starts, f_ends, o_starts, o_ends)
            else:
                folded = PARAGRAPH_BREAK if segment.count("\n") >= 2 else " "
                f_starts.append(start + delta)
                f_ends.append(start + delta + len(folded))
                o_starts.append(start)
                o_ends.append(end)
            pieces.append(text[last:start])
            pieces.append(folded)
            delta += len(folded) - (end - start)
            last = end
        pieces.append(text[last:])
        body = "".join(pieces)
    else:
        body = text
    folded_body = body.translate(_TABLE)
    return FoldedText(
        " " + folded_body + " ",
        tuple(f_starts),
        tuple(f_ends),
        tuple(o_starts),
        tuple(o_ends),
    )


def _record_chars(
    segment: str,
    orig_start: int,
    fold_start: int,
    f_starts: list[int],
    f_ends: list[int],
    o_starts: list[int],
    o_ends: list[int],
) -> None:
    """One map segment per irregular character, so offsets stay exact inside a run."""
    f = fold_start
    for i, char in enumerate(segment):
        width = len(_TABLE[ord(char)])
        f_starts.append(f)
        f_ends.append(f + width)
        o_starts.append(orig_start + i)
        o_ends.append(orig_start + i + 1)
        f += width
