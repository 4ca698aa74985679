"""The canonical glossary layout: ruamel.yaml parses (round-trip: comments, folds, marks), a small
emitter writes. Every comment is attached to a key or list item, so it moves with it when keys are
reordered and entries sorted:

- a comment at the end of a line belongs to what that line holds;
- a full-line comment belongs to the next key or item, unless it is indented deeper than that one:
  then it closes the block above and stays after it.

Scalars are judged as the glossary loader (PyYAML, YAML 1.1) reads them: a value PyYAML would read
as a number, boolean or null is written back exactly as it was, so formatting never changes what
the loader sees (``fmt.format_text`` verifies that, and that no comment was lost, before returning).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field

import yaml
from ruamel.yaml import YAML
from ruamel.yaml import nodes as rn

#: Flow lists ``[a, b]`` are used when the whole line stays within this many columns.
WIDTH = 100
INDENT = 2

ENTRY_ORDER = ("id", "type", "wikidata", "name_order", "note", "sources", "names", "examples")
LANG_ORDER = (
    "preferred",
    "abbreviation",
    "adjective",
    "given",
    "patronymic",
    "family",
    "admitted",
    "deprecated",
    "mistranslations",
    "note",
    "sources",
)
VARIANT_ORDER = ("form", "use", "note", "source")
EXAMPLE_ORDER = ("lang", "text", "expect")
NAME_PARTS = frozenset({"given", "patronymic", "family"})
_ORDERS = {"entry": ENTRY_ORDER, "lang": LANG_ORDER, "variant": VARIANT_ORDER, "example": EXAMPLE_ORDER}

_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_RESOLVER = yaml.resolver.Resolver()

try:  # the C scanner is ~20x faster than ruamel's round-trip scanner; comments are found by us
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


class LayoutError(ValueError):
    """The text cannot be laid out (not YAML, or YAML features glossaries do not use)."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


# --- comments -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Comment:
    line: int
    """0-based line."""
    column: int
    text: str
    """From ``#`` to the end of the line, trailing spaces removed."""
    trailing: bool
    """At the end of a line that holds something else."""


def scan(text: str) -> list[yaml.Token]:
    """The tokens of the text, as the loader's scanner (PyYAML) sees them. Anchors, aliases and tags
    are refused: the loader refuses aliases, and a formatter must never expand an alias bomb."""
    try:
        tokens = list(yaml.scan(text, Loader=_Loader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise LayoutError(f"malformed YAML: {getattr(exc, 'problem', exc)}", *_where(mark)) from exc
    for token in tokens:
        if isinstance(token, (yaml.AnchorToken, yaml.AliasToken)):
            raise LayoutError("YAML anchors and aliases are not allowed", *_where(token.start_mark))
        if isinstance(token, yaml.TagToken):
            raise LayoutError("explicit YAML tags are not allowed", *_where(token.start_mark))
    return tokens


def _where(mark: yaml.Mark | None) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def comments(text: str, tokens: list[yaml.Token]) -> list[Comment]:
    """Every comment of the text: a ``#`` at a line start or after a blank, outside any scalar."""
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    spans: list[tuple[int, int]] = []
    for token in tokens:
        if isinstance(token, yaml.ScalarToken):
            start, end = token.start_mark.index, token.end_mark.index  # characters, as the text's
            if token.style in ("|", ">"):
                # the header line (">-  # comment") is not content: content starts on the next line
                newline = text.find("\n", start)
                start = end if newline < 0 else min(newline + 1, end)
            spans.append((start, end))
    spans.sort()
    span_starts = [s for s, _ in spans]

    def inside(index: int) -> bool:
        k = bisect_right(span_starts, index) - 1
        return k >= 0 and spans[k][0] <= index < spans[k][1]

    found: list[Comment] = []
    for number, line in enumerate(lines):
        for col, char in enumerate(line):
            if char != "#" or (col > 0 and line[col - 1] not in " \t"):
                continue
            if inside(starts[number] + col):
                continue
            found.append(Comment(number, col, line[col:].rstrip(), bool(line[:col].strip())))
            break
    return found


# --- anchors: the keys and items comments attach to -----------------------------------------------


@dataclass(slots=True)
class Anchor:
    """A mapping key or a list item, with the comments that go with it."""

    line: int
    column: int
    last: int
    """Last line of its content."""
    before: list[str] = field(default_factory=list)
    trailing: list[str] = field(default_factory=list)
    after: list[str] = field(default_factory=list)

    @property
    def has_comments(self) -> bool:
        return bool(self.before or self.trailing or self.after)


def last_line(node: rn.Node) -> int:
    """The last line holding the node's content (block scalars end on the next line's column 0)."""
    if isinstance(node, rn.ScalarNode):
        end = node.end_mark
        return int(end.line - 1 if node.style in ("|", ">") and end.column == 0 else end.line)
    if getattr(node, "flow_style", False):
        return int(node.end_mark.line)
    if isinstance(node, rn.MappingNode):
        return max((max(last_line(k), last_line(v)) for k, v in node.value), default=node.start_mark.line)
    return max((last_line(v) for v in node.value), default=node.start_mark.line)


class Anchors:
    """Anchors of a node tree in document order, keyed by the id of the key node or item node."""

    def __init__(self, root: rn.Node, lines: list[str]) -> None:
        self.order: list[Anchor] = []
        self.by_node: dict[int, Anchor] = {}
        self._lines = lines
        self._walk(root)

    def _add(self, node: rn.Node, line: int, column: int, last: int) -> None:
        anchor = Anchor(line, column, last)
        self.order.append(anchor)
        self.by_node[id(node)] = anchor

    def _walk(self, node: rn.Node) -> None:
        if isinstance(node, rn.MappingNode):
            for key, value in node.value:
                self._add(key, key.start_mark.line, key.start_mark.column, max(last_line(key), last_line(value)))
                self._walk(value)
        elif isinstance(node, rn.SequenceNode):
            for item in node.value:
                line, col = item.start_mark.line, item.start_mark.column
                if not node.flow_style:
                    col = _dash_column(self._lines[line], col)
                self._add(item, line, col, last_line(item))
                self._walk(item)

    def attach(self, found: list[Comment]) -> list[str]:
        """Attach comments to anchors; returns those left for the end of the document."""
        leftover: list[str] = []
        order = self.order
        lines = [a.line for a in order]
        for c in found:
            if c.trailing:
                on_line = [a for a in order if a.line == c.line]
                whole = [a for a in on_line if a.last == c.line]
                if whole:
                    whole[0].trailing.append(c.text)
                elif on_line:
                    on_line[-1].trailing.append(c.text)
                else:
                    spanning = [a for a in order if a.line < c.line <= a.last]
                    if spanning:
                        spanning[-1].trailing.append(c.text)
                    else:
                        self._full_line(c, lines, leftover)
                continue
            self._full_line(c, lines, leftover)
        return leftover

    def _full_line(self, c: Comment, lines: list[int], leftover: list[str]) -> None:
        k = bisect_right(lines, c.line)
        nxt = self.order[k] if k < len(self.order) else None
        if nxt is not None and c.column <= nxt.column:
            nxt.before.append(c.text)
            return
        previous = [a for a in self.order[:k] if a.column <= c.column]
        if previous:
            previous[-1].after.append(c.text)
        elif nxt is not None:
            nxt.before.append(c.text)
        else:
            leftover.append(c.text)


def _dash_column(line: str, column: int) -> int:
    """The column of the ``-`` introducing a block-sequence item that starts at ``column``."""
    i = column - 1
    while i >= 0 and line[i] == " ":
        i -= 1
    return i if i >= 0 and line[i] == "-" else column


# --- scalars --------------------------------------------------------------------------------------

_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_BREAKS = frozenset("\n\r\x85\u2028\u2029")
_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\n": "\\n",
    "\t": "\\t",
    "\r": "\\r",
    "\x00": "\\0",
    "\x85": "\\N",
    "\u2028": "\\L",
    "\u2029": "\\P",
    "\ufeff": "\\ufeff",
}


def printable(char: str) -> bool:
    """YAML's printable set, minus line breaks, tab and the BOM."""
    code = ord(char)
    if char in _BREAKS or char in "\t\ufeff":
        return False
    return 0x20 <= code <= 0x7E or 0xA0 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or code >= 0x10000


def loader_tag(node: rn.ScalarNode) -> str:
    """The tag PyYAML (the glossary loader) gives this scalar."""
    if node.style is None:
        return _resolve(node.value)
    return _STR


def _resolve(value: str) -> str:
    """The tag PyYAML resolves a plain scalar to."""
    return str(_RESOLVER.resolve(yaml.ScalarNode, value, (True, False)))  # type: ignore[no-untyped-call]


def plain_ok(text: str, flow: bool) -> bool:
    """Whether ``text`` reads back as the same string when written without quotes."""
    if not text or text != text.strip() or text[0] in _INDICATORS or text.startswith("..."):
        return False
    if not all(printable(c) for c in text):
        return False
    if ": " in text or " #" in text or text.endswith(":"):
        return False
    if flow and any(c in ",?[]{}" for c in text):  # PyYAML ends a flow scalar at each of these
        return False
    return _resolve(text) == _STR


def double_quoted(text: str) -> str:
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif printable(char):
            out.append(char)
        else:
            code = ord(char)
            out.append(f"\\x{code:02X}" if code < 0x100 else f"\\u{code:04X}" if code < 0x10000 else f"\\U{code:08X}")
    return '"' + "".join(out) + '"'


def string(text: str, flow: bool, quote: bool = False) -> str:
    return text if not quote and plain_ok(text, flow) else double_quoted(text)


def folded_value(node: rn.ScalarNode) -> tuple[str, list[int]]:
    """The value of a scalar and, for a folded one, where the author broke its lines (ruamel marks a
    fold with BEL before the space that replaced the line break)."""
    raw = node.value
    if node.style != ">" or "\a" not in raw:
        return raw, []
    value: list[str] = []
    folds: list[int] = []
    for char in raw:
        if char == "\a":
            folds.append(len(value))
        else:
            value.append(char)
    return "".join(value), folds


def folded_lines(text: str, width: int, folds: list[int]) -> tuple[str, list[str]] | None:
    """A folded block scalar for ``text``: (header indicator, lines), or ``None`` if it cannot be one.

    Lines break at the author's folds when they are all valid, else greedily before ``width``;
    a line break in the value is an empty line; trailing line breaks set the chomping indicator.
    """
    body = text.rstrip("\n")
    trailing = len(text) - len(body)
    if not body or body[0] in " \t\n" or any(c not in "\n" and not printable(c) and c != "\t" for c in body):
        return None
    pieces = re.split(r"(\n+)", body)
    for piece in pieces[::2]:
        if piece[:1] in (" ", "\t") or piece[-1:] in (" ", "\t"):
            return None
    valid = bool(folds) and all(
        0 < i < len(text) - 1 and text[i] == " " and text[i - 1] not in " \t\n" and text[i + 1] not in " \t\n"
        for i in folds
    )
    lines: list[str] = []
    offset = 0
    for n, piece in enumerate(pieces):
        if n % 2:
            lines.extend([""] * len(piece))
        else:
            breaks = [i - offset for i in folds if offset <= i < offset + len(piece)] if valid else _wrap(piece, width)
            start = 0
            for b in breaks:
                lines.append(piece[start:b])
                start = b + 1
            lines.append(piece[start:])
        offset += len(piece)
    header = {0: ">-", 1: ">"}.get(trailing, ">+")
    lines.extend([""] * max(0, trailing - 1))
    return header, lines


def _wrap(piece: str, width: int) -> list[int]:
    """Greedy break points (indices of single spaces) keeping lines within ``width`` where possible."""
    spaces = [
        i
        for i, c in enumerate(piece)
        if c == " " and 0 < i < len(piece) - 1 and piece[i - 1] not in " \t" and piece[i + 1] not in " \t"
    ]
    breaks: list[int] = []
    start = 0
    candidate = None
    for i in spaces:
        if i - start <= width:
            candidate = i
            continue
        if candidate is not None:
            breaks.append(candidate)
            start = candidate + 1
            candidate = i if i - start <= width else None
        if candidate is None:
            breaks.append(i)
            start = i + 1
    if len(piece) - start > width and candidate is not None and candidate >= start:
        breaks.append(candidate)
    return breaks


# --- the emitter ----------------------------------------------------------------------------------


def child_kind(kind: str, key: str | None) -> str:
    """What a value is, from where it sits: the schema of a glossary file."""
    table: dict[tuple[str, str | None], str] = {
        ("root", "entries"): "entries",
        ("entry", "names"): "names",
        ("entry", "examples"): "examples",
        ("entry", "sources"): "block-list",
        ("entry", "note"): "note",
        ("lang", "admitted"): "variants",
        ("lang", "deprecated"): "variants",
        ("lang", "mistranslations"): "variants",
        ("lang", "note"): "note",
        ("lang", "sources"): "sources",
    }
    if (kind, key) in table:
        return table[(kind, key)]
    if kind == "names":
        return "lang"
    return {"entries": "entry", "variants": "variant", "examples": "example"}.get(kind, "other")


class Emitter:
    def __init__(self, anchors: Anchors, width: int = WIDTH) -> None:
        self.anchors = anchors
        self.width = width

    # comments

    def _anchor(self, node: rn.Node) -> Anchor | None:
        return self.anchors.by_node.get(id(node))

    def inner_comments(self, node: rn.Node) -> bool:
        """Whether any key or item inside ``node`` carries a comment."""
        for child in _children(node):
            anchor = self._anchor(child[0])
            if anchor is not None and anchor.has_comments:
                return True
            if self.inner_comments(child[1]):
                return True
        return False

    # decisions

    def ordered(self, node: rn.MappingNode, kind: str) -> list[tuple[rn.Node, rn.Node]]:
        order = _ORDERS.get(kind)
        pairs = list(node.value)
        if order is None:
            return pairs
        rank = {k: i for i, k in enumerate(order)}
        return sorted(
            pairs, key=lambda kv: rank.get(kv[0].value, len(order)) if isinstance(kv[0], rn.ScalarNode) else len(order)
        )

    def flow(self, node: rn.Node, kind: str, prefix: int) -> bool:
        if not node.value:
            return True
        if self.inner_comments(node):
            return False
        if isinstance(node, rn.MappingNode):
            scalars = all(isinstance(v, rn.ScalarNode) for _, v in node.value)
            if kind == "lang":
                return scalars and all(isinstance(k, rn.ScalarNode) and k.value in NAME_PARTS for k, _ in node.value)
            return scalars and kind in ("variant", "example")
        if kind in ("entries", "examples", "block-list"):
            return False
        if not all(isinstance(v, rn.ScalarNode) for v in node.value):
            return False
        return prefix + len(self.inline(node, kind)) <= self.width

    # inline (flow) text

    def inline(self, node: rn.Node, kind: str, flow: bool = True) -> str:
        if isinstance(node, rn.ScalarNode):
            return self.scalar(node, flow)
        if isinstance(node, rn.MappingNode):
            parts = []
            for k, v in self.ordered(node, kind):
                name = self.inline(k, "other")
                if isinstance(v, rn.ScalarNode):
                    value = self.scalar(v, True, quote=_quoted(kind, k))
                else:
                    value = self.inline(v, child_kind(kind, k.value if isinstance(k, rn.ScalarNode) else None))
                parts.append(f"{name}: {value}")
            return "{" + ", ".join(parts) + "}"
        quote = kind == "sources"
        return (
            "["
            + ", ".join(
                self.scalar(v, True, quote) if isinstance(v, rn.ScalarNode) else self.inline(v, child_kind(kind, None))
                for v in node.value
            )
            + "]"
        )

    def scalar(self, node: rn.ScalarNode, flow: bool, quote: bool = False) -> str:
        tag = loader_tag(node)
        if tag != _STR:
            if tag == _NULL and not node.value:
                return "null" if flow else ""
            return str(node.value)
        value, _ = folded_value(node)
        return string(value, flow, quote)

    # block text

    def document(self, root: rn.Node) -> list[str]:
        if isinstance(root, rn.MappingNode) and root.value:
            return self.mapping_body(root, 0, "root")
        if isinstance(root, rn.SequenceNode) and root.value:
            return self.sequence_body(root, 0, "other")
        return [self.inline(root, "other")]

    def mapping_body(self, node: rn.MappingNode, indent: int, kind: str, hoisted: list[str] | None = None) -> list[str]:
        """Lines of a block mapping. With ``hoisted`` (a list item's), the comments before the
        first key move there: they are written before the item's dash."""
        lines: list[str] = []
        for n, (k, v) in enumerate(self.ordered(node, kind)):
            pair = self.pair(k, v, indent, kind)
            anchor = self._anchor(k)
            if n == 0 and hoisted is not None and anchor is not None and anchor.before:
                hoisted.extend(anchor.before)
                pair = pair[len(anchor.before) :]
            lines.extend(pair)
        return lines

    def pair(self, key: rn.Node, value: rn.Node, indent: int, kind: str) -> list[str]:
        pad = " " * indent
        anchor = self._anchor(key)
        before, trailing, after = (anchor.before, anchor.trailing, anchor.after) if anchor else ([], [], [])
        lines = [pad + c for c in before]
        if not isinstance(key, rn.ScalarNode):
            raise LayoutError(
                "complex mapping keys are not allowed", key.start_mark.line + 1, key.start_mark.column + 1
            )
        name = self.scalar(key, flow=False)
        sub = child_kind(kind, key.value)
        eol = ("  " + "  ".join(trailing)) if trailing else ""
        if isinstance(value, rn.ScalarNode):
            block = self.note(value, indent, name) if sub == "note" else None
            if block is not None:
                header, body = block
                lines.append(f"{pad}{name}: {header}{eol}")
                lines.extend((pad + " " * INDENT + b) if b else "" for b in body)
            else:
                text = self.scalar(value, flow=False, quote=_quoted(kind, key, flow=False))
                lines.append(f"{pad}{name}:{' ' + text if text else ''}{eol}")
        elif self.flow(value, sub, indent + len(name) + 2):
            lines.append(f"{pad}{name}: {self.inline(value, sub)}{eol}")
        else:
            lines.append(f"{pad}{name}:{eol}")
            if isinstance(value, rn.MappingNode):
                lines.extend(self.mapping_body(value, indent + INDENT, sub))
            elif isinstance(value, rn.SequenceNode):
                lines.extend(self.sequence_body(value, indent + INDENT, sub))
        lines.extend(pad + c for c in after)
        return lines

    def note(self, node: rn.ScalarNode, indent: int, name: str) -> tuple[str, list[str]] | None:
        """A long or multi-line note as a folded block; ``None`` for a one-line scalar."""
        if loader_tag(node) != _STR:
            return None
        value, folds = folded_value(node)
        one_line = "\n" not in value and not folds
        if one_line and indent + len(name) + 2 + len(self.scalar(node, flow=False)) <= self.width:
            return None
        return folded_lines(value, self.width - indent - INDENT, folds)

    def sequence_body(self, node: rn.SequenceNode, indent: int, kind: str) -> list[str]:
        items = list(node.value)
        if kind == "entries":
            items = _sorted_entries(items)
        sub = child_kind(kind, None)
        lines: list[str] = []
        for n, item in enumerate(items):
            if kind == "entries" and n > 0:
                lines.append("")
            lines.extend(self.item(item, indent, sub))
        return lines

    def item(self, node: rn.Node, indent: int, kind: str) -> list[str]:
        pad = " " * indent
        anchor = self._anchor(node)
        before, trailing, after = (list(anchor.before), list(anchor.trailing), anchor.after) if anchor else ([], [], [])
        body: list[str]
        taken = False  # the first line already ends in a comment
        if isinstance(node, rn.MappingNode) and not self.flow(node, kind, indent + 2):
            body = self.mapping_body(node, indent + INDENT, kind, hoisted=before)
            first_key = self._anchor(self.ordered(node, kind)[0][0])
            taken = first_key is not None and bool(first_key.trailing)
        elif isinstance(node, rn.SequenceNode) and not self.flow(node, kind, indent + 2):
            body = self.sequence_body(node, indent + INDENT, kind)
            taken = True
        else:
            body = [pad + " " * INDENT + self.inline(node, kind, flow=not isinstance(node, rn.ScalarNode))]
        first = pad + "- " + body[0][indent + INDENT :]
        if trailing:
            if taken:
                before += trailing
            else:
                first += "  " + "  ".join(trailing)
        return [pad + c for c in before] + [first] + body[1:] + [pad + c for c in after]


#: Free text that is always double-quoted in flow style (where an added comma would otherwise end
#: the value): example sentences, notes and sources.
FREE_TEXT = frozenset({"text", "expect", "note", "source"})


def _quoted(kind: str, key: rn.Node, flow: bool = True) -> bool:
    if not isinstance(key, rn.ScalarNode):
        return False
    if kind == "example" and key.value in ("text", "expect"):
        return True
    return flow and kind == "variant" and key.value in FREE_TEXT


def _children(node: rn.Node) -> Iterator[tuple[rn.Node, rn.Node]]:
    """(anchor node, value) for each key or item of a collection."""
    if isinstance(node, rn.MappingNode):
        yield from node.value
    elif isinstance(node, rn.SequenceNode):
        for item in node.value:
            yield item, item


def _sorted_entries(items: list[rn.Node]) -> list[rn.Node]:
    """Entries by id; anything without a plain id keeps its place at the end."""

    def key(pair: tuple[int, rn.Node]) -> tuple[int, str, int]:
        n, item = pair
        if isinstance(item, rn.MappingNode):
            for k, v in item.value:
                if isinstance(k, rn.ScalarNode) and k.value == "id" and isinstance(v, rn.ScalarNode):
                    return (0, v.value, n)
        return (1, "", n)

    return [item for _, item in sorted(enumerate(items), key=key)]


# --- the whole layout -----------------------------------------------------------------------------


def layout(text: str, width: int = WIDTH) -> tuple[str, list[Comment]]:
    """The canonical layout of a glossary file's text, and the comments found in it (all of which
    it keeps). Raises :class:`LayoutError`."""
    found = comments(text, scan(text))
    root = YAML(typ="rt").compose(text)
    if root is None:
        return "".join(c.text + "\n" for c in found), found
    anchors = Anchors(root, text.split("\n"))
    leftover = anchors.attach(found)
    lines = Emitter(anchors, width).document(root)
    lines.extend(leftover)
    return "\n".join(line.rstrip() for line in lines) + "\n", found


def shape(node: yaml.Node | None, root: bool = True) -> object:
    """What the loader sees, with mapping order ignored and the entry list as a multiset."""
    if node is None:
        return None
    if isinstance(node, yaml.ScalarNode):
        return ("s", node.tag, "" if node.tag == _NULL else node.value)
    if isinstance(node, yaml.SequenceNode):
        return ("q", tuple(shape(v, False) for v in node.value))
    pairs = []
    for k, v in node.value:
        value = shape(v, False)
        if root and k.value == "entries" and isinstance(v, yaml.SequenceNode):
            value = ("q", tuple(sorted(value[1], key=repr)))  # type: ignore[index]
        pairs.append((shape(k, False), value))
    return ("m", tuple(sorted(pairs, key=repr)))
