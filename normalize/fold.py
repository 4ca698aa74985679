"""Folding: map text to a lower-case ASCII key space and back to exact offsets.

Folded text holds only ``[a-z0-9]``, spaces, and ``|`` for a paragraph break. Letters go through
unidecode (``ß`` → ``ss``, ``Л`` → ``l``, ``习`` → ``xi``); every punctuation mark becomes a space;
a run of whitespace becomes one space (a blank line becomes `` | ``). So ``Nur-Sultan`` and
``Nur Sultan`` fold alike and a line break inside a name is a space, while a comma still separates
words by two spaces, which no key contains. Every folded character remembers the original span it
came from, so a match in folded text maps back to exact ``str`` offsets.
"""

from __future__ import annotations

import codecs
import re
import threading
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from unidecode import unidecode

_NON_KEY = re.compile(r"[^a-z0-9]+")
PARAGRAPH_BREAK = " | "


#: Letters unidecode turns into punctuation although they have a usual Latin spelling.
_LETTER_OVERRIDES = {"Ə": "a", "ə": "a", "Ǝ": "e", "ǝ": "e", "ɚ": "a"}


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
    if char in _LETTER_OVERRIDES:
        return _LETTER_OVERRIDES[char]
    folded = unidecode(char).lower()
    if not folded:
        return "" if unicodedata.category(char) in ("Cf", "Mn") or char.isalpha() else " "
    if folded.isalnum() and folded.isascii():
        return folded
    pieces = _NON_KEY.sub(" ", folded)
    if not pieces.strip():
        # a letter without a Latin letter of its own (soft sign ь, ʻ in Oʻzbekiston) stays inside its word
        return "" if char.isalpha() else " "
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


def fold_text_reference(text: str) -> FoldedText:
    """Fold a document, keeping the map back to original offsets (slow, obvious reference).

    :func:`fold_text` must give the same result; property tests compare the two.
    """
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


# --- the fast path ---------------------------------------------------------------------------
# ASCII goes through one bytes.translate (case, punctuation); only runs of non-ASCII characters
# reach Python code, through an encode error handler that folds them and records their offsets.

_HOLE = "\x00"  # a non-whitespace placeholder for the spaces that punctuation folds to
_ASCII_TABLE = bytes(
    ord(c.lower()) if c.isascii() and c.isalnum() else ord("|") if c == "|" else ord(" ")
    for c in map(chr, range(256))
)
_WHITESPACE_RUN = re.compile(rb"[\t\n\x0b\x0c\r\x1c-\x1f ]{2,}")


@lru_cache(maxsize=4096)
def _fold_run(run: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A run of non-ASCII characters folded, with (index, width) of each character of width != 1."""
    pieces: list[str] = []
    odd: list[tuple[int, int]] = []
    for i, char in enumerate(run):
        folded = " " if char.isspace() else _TABLE[ord(char)].replace(" ", _HOLE)
        if len(folded) != 1:
            odd.append((i, len(folded)))
        pieces.append(folded)
    return "".join(pieces), tuple(odd)


class _Recorder:
    """State of one fold: irregular characters seen so far, in encoded coordinates."""

    __slots__ = ("delta", "segments")

    def __init__(self) -> None:
        self.delta = 0
        self.segments: list[tuple[int, int, int, int]] = []

    def handle(self, exc: UnicodeEncodeError) -> tuple[str, int]:
        run = exc.object[exc.start : exc.end]
        folded, odd = _fold_run(run)
        if odd:
            widths = dict(odd)
            pos = exc.start + self.delta
            for i in range(len(run)):
                width = widths.get(i, 1)
                if width != 1:
                    self.segments.append((pos, pos + width, exc.start + i, exc.start + i + 1))
                pos += width
            self.delta += len(folded) - len(run)
        return folded, exc.end


_local = threading.local()


def _handler(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    recorder: _Recorder = _local.recorder
    return recorder.handle(exc)


codecs.register_error("normalize-fold", _handler)


def fold_text(text: str) -> FoldedText:
    """Fold a document, keeping the map back to original offsets."""
    recorder = _Recorder()
    _local.recorder = recorder
    try:
        encoded = text.encode("ascii", "normalize-fold")
    finally:
        _local.recorder = None
    marks = recorder.segments  # (encoded start, encoded end, original start, original end)
    runs = list(_WHITESPACE_RUN.finditer(encoded))
    if runs:
        pieces: list[bytes] = []
        last = 0
        for run in runs:
            pieces.append(encoded[last : run.start()])
            pieces.append(b" | " if run.group().count(b"\n") >= 2 else b" ")
            last = run.end()
        pieces.append(encoded[last:])
        body = b"".join(pieces)
        segments = _merge(marks, runs)
    else:
        body = encoded
        segments = marks
    folded = body.translate(_ASCII_TABLE).decode("ascii")
    return FoldedText(
        " " + folded + " ",
        tuple(s[0] + 1 for s in segments),
        tuple(s[1] + 1 for s in segments),
        tuple(s[2] for s in segments),
        tuple(s[3] for s in segments),
    )


def _merge(
    marks: list[tuple[int, int, int, int]], runs: list[re.Match[bytes]]
) -> list[tuple[int, int, int, int]]:
    """Irregular characters and collapsed whitespace runs as one segment list in final coordinates."""
    mark_starts = [m[0] for m in marks]

    def to_orig(pos: int) -> int:
        k = bisect_right(mark_starts, pos) - 1
        if k >= 0 and pos < marks[k][1]:
            return marks[k][2]
        base_e, base_o = (marks[k][1], marks[k][3]) if k >= 0 else (0, 0)
        return base_o + pos - base_e

    out: list[tuple[int, int, int, int]] = []
    shift = 0  # characters removed by collapsing so far
    i = 0
    for run in runs:
        start, end = run.span()
        while i < len(marks) and marks[i][0] < start:
            m = marks[i]
            out.append((m[0] - shift, m[1] - shift, m[2], m[3]))
            i += 1
        width = 3 if run.group().count(b"\n") >= 2 else 1
        out.append((start - shift, start - shift + width, to_orig(start), to_orig(end - 1) + 1))
        while i < len(marks) and marks[i][0] < end:
            i += 1  # an invisible character inside a whitespace run
        shift += (end - start) - width
    for m in marks[i:]:
        out.append((m[0] - shift, m[1] - shift, m[2], m[3]))
    return out
