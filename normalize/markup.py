"""Markdown: the prose of a file, with everything else blanked out so offsets stay exact.

Prose is the text of headings, paragraphs, list items, table cells and image alt text. Code spans
and blocks, HTML, link targets, URLs and front matter are replaced by spaces (newlines are kept),
so the linter sees the file at its own offsets, lines and columns but cannot match outside prose.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import StateInline
    from markdown_it.token import Token

_URL = re.compile(r"(?:https?://|ftp://|www\.)[^\s<>()\[\]]+", re.IGNORECASE)
_FRONT_MATTER = re.compile(r"\A(---|\+\+\+)[ \t]*\r?\n.*?^\1[ \t]*$", re.DOTALL | re.MULTILINE)
#: Inline rules (name, function name, token made, label offset): without a label offset the whole
#: source of the token is skipped; with one, the label is prose and only the target is skipped.
_RECORDED = (
    ("backticks", "backtick", "code_inline", None),
    ("autolink", "autolink", "link_open", None),
    ("html_inline", "html_inline", "html_inline", None),
    ("link", "link", "link_open", 1),
    ("image", "image", "image", 2),
)
_KEY = "normalize_skip"
_LABEL = "normalize_label"

Span = tuple[int, int]
InlineRule = Callable[["StateInline", bool], bool]


@dataclass(frozen=True, slots=True)
class Prose:
    """A file seen as prose."""

    masked: str
    """The file with every character outside prose replaced by a space, newlines kept."""
    html: tuple[Span, ...]
    """Spans of HTML blocks and inline HTML (where suppression comments may live)."""

    def inside(self, text: str, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` lies wholly in prose."""
        return self.masked[start:end] == text[start:end]


def prose(text: str) -> Prose:
    """Parse ``text`` as Markdown (CommonMark + tables + strikethrough) and blank out non-prose."""
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    keep: list[Span] = []
    drop: list[Span] = []
    html: list[Span] = []
    cells: dict[int, int] = {}  # per table line, the index of the last cell seen
    in_table = False
    for token in _parser().parse(text):
        in_table = token.type == "table_open" or (in_table and token.type != "table_close")
        if token.type == "inline" and token.map:
            segments = _segments(token, lines, starts, cells if in_table else None)
            keep.extend((f, f + n) for _, f, n in segments)
            for child, base in _walk(token.children or (), 0):
                if _KEY in child.meta:
                    spans = _mapped([_shift(child.meta[_KEY], base)], segments)
                    drop.extend(spans)
                    if child.type == "html_inline":
                        html.extend(spans)
        elif token.type == "html_block" and token.map:
            html.append((starts[token.map[0]], _line_end(token.map[1], lines, starts)))
    front = _FRONT_MATTER.match(text)
    if front:
        drop.append(front.span())
    masked = _mask(text, _subtract(_union(keep), _union(drop)))
    masked = _URL.sub(lambda m: " " * len(m.group()), masked)
    return Prose(masked, tuple(sorted(html)))


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    """A CommonMark parser whose code, link, image, autolink and HTML rules record their spans."""
    from markdown_it import MarkdownIt, rules_inline

    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    for name, function, token_type, label in _RECORDED:
        md.inline.ruler.at(name, _recording(getattr(rules_inline, function), token_type, label))
    return md


def _recording(rule: InlineRule, token_type: str, label: int | None) -> InlineRule:
    """Wrap an inline rule so the token it makes carries the source span to skip in ``meta``."""

    def wrapped(state: StateInline, silent: bool) -> bool:
        start, count = state.pos, len(state.tokens)
        if not rule(state, silent):
            return False
        if silent:
            return True
        token = next((t for t in state.tokens[count:] if t.type == token_type), None)
        if token is None:
            return True
        if label is None:
            token.meta[_KEY] = (start, state.pos)
            return True
        end = state.pos
        label_end = state.md.helpers.parseLinkLabel(state, start + label - 1, label == 1)
        state.pos = end
        if label_end < 0:  # cannot happen after a successful parse; skip the whole link then
            token.meta[_KEY] = (start, end)
        else:
            token.meta[_KEY] = (label_end + 1, end)
            token.meta[_LABEL] = start + label
        return True

    return wrapped


def _walk(tokens: Iterable[Token], base: int) -> Iterable[tuple[Token, int]]:
    """Inline tokens with the offset of the source their spans refer to (image alts nest)."""
    for token in tokens:
        yield token, base
        if token.type == "image" and token.children and _LABEL in token.meta:
            yield from _walk(token.children, base + token.meta[_LABEL])


def _shift(span: Span, base: int) -> Span:
    return span[0] + base, span[1] + base


def _segments(
    token: Token, lines: list[str], starts: list[int], cells: dict[int, int] | None
) -> list[tuple[int, int, int]]:
    """Where each line of an inline token's content lies in the file: (content offset, file offset, length).

    A content line is the end of its file line (after container markers and indentation). In a
    table (``cells`` counts the cells seen per line) it lies in the next cell of its row. A line not
    found (tab expansion, escaped pipes) is left out: not linted rather than linted at the wrong place.
    """
    assert token.map is not None
    segments: list[tuple[int, int, int]] = []
    offset = 0
    for i, content_line in enumerate(token.content.split("\n")):
        number = token.map[0] + i
        stripped = content_line.strip()
        lead = len(content_line) - len(content_line.lstrip())
        if number < len(lines):
            file_line = lines[number].rstrip("\r")
            if cells is None:
                at = file_line.rfind(stripped) if stripped else -1
            else:
                index = cells[number] = cells.get(number, -1) + 1
                row = _cells(file_line)
                at = file_line.find(stripped, *row[index]) if stripped and index < len(row) else -1
            if at >= 0:
                segments.append((offset + lead, starts[number] + at, len(stripped)))
        offset += len(content_line) + 1
    return segments


def _cells(line: str) -> list[Span]:
    """The cells of a table row, split at unescaped pipes as markdown-it splits them."""
    pipes: list[int] = []
    escaped = False
    for i, char in enumerate(line):
        if char == "|" and not escaped:
            pipes.append(i)
        escaped = char == "\\"
    edges = [-1, *pipes, len(line)]
    spans = [(a + 1, b) for a, b in pairwise(edges)]
    if pipes and not line[: pipes[0]].strip(" \t>"):  # only indentation or quote markers before it
        spans = spans[1:]
    if pipes and not line[pipes[-1] + 1 :].strip():
        spans = spans[:-1]
    return spans


def _mapped(spans: Iterable[Span], segments: list[tuple[int, int, int]]) -> list[Span]:
    """Content spans as file spans (a span crossing lines becomes one span per line)."""
    out: list[Span] = []
    for start, end in spans:
        for c, f, n in segments:
            lo, hi = max(start, c), min(end, c + n)
            if lo < hi:
                out.append((f + lo - c, f + hi - c))
    return out


def _line_end(end_line: int, lines: list[str], starts: list[int]) -> int:
    last = min(end_line, len(lines)) - 1
    return starts[last] + len(lines[last])


def _union(spans: Iterable[Span]) -> list[Span]:
    out: list[Span] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        elif start < end:
            out.append((start, end))
    return out


def _subtract(keep: list[Span], drop: list[Span]) -> list[Span]:
    out: list[Span] = []
    for start, end in keep:
        for d_start, d_end in drop:
            if d_end <= start or d_start >= end:
                continue
            if d_start > start:
                out.append((start, d_start))
            start = max(start, d_end)
        if start < end:
            out.append((start, end))
    return out


def _mask(text: str, keep: list[Span]) -> str:
    pieces: list[str] = []
    last = 0
    for start, end in keep:
        pieces.append(_blank(text[last:start]))
        pieces.append(text[start:end])
        last = end
    pieces.append(_blank(text[last:]))
    return "".join(pieces)


def _blank(text: str) -> str:
    return re.sub(r"[^\r\n]", " ", text)
