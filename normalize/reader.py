"""Reading glossary YAML: nodes with positions → model objects, problems collected, never raised.

Only :func:`yaml.compose` is used: it builds nodes and never constructs Python objects, so no tag can
run code. Duplicate keys and aliases, which PyYAML would accept silently, are problems here.
"""

from __future__ import annotations

import difflib
import re

import yaml

from .loader import Problem
from .model import ENTRY_TYPES, NAME_ORDERS, Entry, Example, LanguageNames, Position, Variant

try:  # the C composer is ~10x faster; both only build nodes, never Python objects
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_LANG = re.compile(r"^[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|[0-9]{3}))?(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*$")
_WIKIDATA = re.compile(r"^Q[1-9][0-9]*$")
_INFLECTION = re.compile(r"^(?:'|’|s|'s|’s|e|em|en|er|es|n)?$")


def parse_text(text: str, name: str = "<string>") -> tuple[list[Entry], list[Problem]]:
    """Parse glossary YAML given as a string."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return [], [Problem(Position(name, line, column), f"malformed YAML: {problem}")]
    reader = _Reader(name)
    entries: list[Entry] = []
    if root is None:
        return entries, reader.problems
    top = reader.mapping(root, {"entries": "a list of entries"}, entry=None)
    if top is None:
        return entries, reader.problems
    entries_node = top.get("entries")
    if entries_node is None:
        reader.error(root, "missing field 'entries'")
        return entries, reader.problems
    for node in reader.sequence(entries_node, None) or ():
        entry = reader.entry(node)
        if entry is not None:
            entries.append(entry)
    return entries, reader.problems




class _Reader:
    """Turns YAML nodes into model objects, collecting problems instead of stopping."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[Problem] = []
        self._seen: set[int] = set()

    def pos(self, node: yaml.Node) -> Position:
        return Position(self.name, node.start_mark.line + 1, node.start_mark.column + 1)

    def error(self, node: yaml.Node, message: str, entry: str | None = None) -> None:
        self.problems.append(Problem(self.pos(node), message, entry))

    def _visit(self, node: yaml.Node, entry: str | None) -> bool:
        if id(node) in self._seen:
            self.error(node, "YAML aliases are not allowed", entry)
            return False
        self._seen.add(id(node))
        return True

    def mapping(self, node: yaml.Node, fields: dict[str, str], entry: str | None) -> dict[str, yaml.Node] | None:
        """A mapping with known keys; duplicate and unknown keys are problems."""
        if not self._visit(node, entry):
            return None
        if not isinstance(node, yaml.MappingNode):
            self.error(node, f"expected a mapping, got {_kind(node)}", entry)
            return None
        out: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str) or key_node.tag != "tag:yaml.org,2002:str":
                self.error(key_node, f"keys must be plain strings, got {_kind(key_node)}", entry)
                continue
            if key in out:
                self.error(key_node, f"duplicate key '{key}' (first at line {out[key].start_mark.line + 1})", entry)
                continue
            if key not in fields:
                close = difflib.get_close_matches(key, list(fields), n=1)
                hint = f"; did you mean '{close[0]}'?" if close else f"; known fields: {', '.join(fields)}"
                self.error(key_node, f"unknown field '{key}'{hint}", entry)
                continue
            out[key] = value_node
        return out

    def sequence(self, node: yaml.Node, entry: str | None) -> list[yaml.Node] | None:
        if not self._visit(node, entry):
            return None
        if not isinstance(node, yaml.SequenceNode):
            self.error(node, f"expected a list, got {_kind(node)}", entry)
            return None
        return list(node.value)

    def string(self, node: yaml.Node | None, entry: str | None, what: str) -> str | None:
        if node is None:
            return None
        if not self._visit(node, entry):
            return None
        if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:str":
            self.error(node, f"{what} must be a string, got {_kind(node)}", entry)
            return None
        value = str(node.value)
        if not value.strip():
            self.error(node, f"{what} must not be empty", entry)
            return None
        if what in ("note", "a source", "source"):
            return value.strip()  # prose: folded or literal block scalars end in a newline
        if value != value.strip() or "  " in value or "\n" in value:
            self.error(node, f"{what} has stray spaces: {value!r}", entry)
            return None
        return value

    def strings(self, node: yaml.Node | None, entry: str | None, what: str) -> tuple[str, ...]:
        if node is None:
            return ()
        items = self.sequence(node, entry)
        if items is None:
            return ()
        return tuple(s for s in (self.string(n, entry, what) for n in items) if s is not None)

    def entry(self, node: yaml.Node) -> Entry | None:
        fields = self.mapping(node, _ENTRY_FIELDS, entry=_peek_id(node))
        if fields is None:
            return None
        entry_id = self.string(fields.get("id"), None, "id")
        if "id" not in fields:
            self.error(node, "entry has no 'id'")
        elif entry_id is not None and not _ID.match(entry_id):
            self.error(fields["id"], f"id '{entry_id}' is not kebab-case ([a-z0-9]+(-[a-z0-9]+)*)", entry_id)
        eid = entry_id
        ok = True
        entry_type = self.string(fields.get("type"), eid, "type")
        if "type" not in fields:
            self.error(node, "entry has no 'type'", eid)
            ok = False
        elif entry_type is not None and entry_type not in ENTRY_TYPES:
            self.error(fields["type"], f"type '{entry_type}' is not one of {', '.join(ENTRY_TYPES)}", eid)
            ok = False
        sources = self.strings(fields.get("sources"), eid, "a source")
        if "sources" not in fields:
            self.error(node, "entry has no 'sources': say where its forms come from", eid)
        note = self.string(fields.get("note"), eid, "note")
        wikidata = self.string(fields.get("wikidata"), eid, "wikidata")
        if wikidata is not None and not _WIKIDATA.match(wikidata):
            self.error(fields["wikidata"], f"wikidata '{wikidata}' is not an item id like Q123", eid)
        name_order = self.string(fields.get("name_order"), eid, "name_order") or "given-first"
        if name_order not in NAME_ORDERS:
            self.error(fields["name_order"], f"name_order must be one of {', '.join(NAME_ORDERS)}", eid)
        if name_order != "given-first" and entry_type != "person":
            self.error(fields["name_order"], "name_order applies to persons only", eid)
        names: list[LanguageNames] = []
        names_node = fields.get("names")
        if names_node is None:
            self.error(node, "entry has no 'names'", eid)
            ok = False
        else:
            langs = self.mapping(names_node, _AnyKey(), eid)
            for lang, block_node in (langs or {}).items():
                key_node = _key_node(names_node, lang)
                if not _LANG.match(lang):
                    self.error(key_node, f"'{lang}' is not a BCP 47 language tag (e.g. de, en, zh-Latn-pinyin)", eid)
                    continue
                block = self.language(lang, block_node, eid, entry_type == "person")
                if block is not None:
                    names.append(block)
        examples: list[Example] = []
        for ex_node in self.sequence(fields["examples"], eid) or () if "examples" in fields else ():
            example = self.example(ex_node, eid)
            if example is not None:
                examples.append(example)
        if eid is None or entry_type is None or not ok:
            return None
        return Entry(
            id=eid,
            type=entry_type,
            names=tuple(names),
            sources=sources,
            note=note,
            wikidata=wikidata,
            name_order=name_order,
            examples=tuple(examples),
            position=self.pos(node),
        )

    def language(self, lang: str, node: yaml.Node, eid: str | None, person: bool) -> LanguageNames | None:
        fields = self.mapping(node, _LANG_FIELDS, eid)
        if fields is None:
            return None
        for part in ("given", "patronymic", "family"):
            if part in fields and not person:
                self.error(fields[part], f"'{part}' is for persons only; use 'preferred'", eid)
        abbr_node = fields.get("abbreviation")
        if abbr_node is not None and isinstance(abbr_node, yaml.ScalarNode):
            abbreviations = tuple(a for a in [self.string(abbr_node, eid, "abbreviation")] if a)
        else:
            abbreviations = self.strings(abbr_node, eid, "abbreviation")
        block = LanguageNames(
            lang=lang,
            preferred=self.string(fields.get("preferred"), eid, "preferred"),
            abbreviations=abbreviations,
            adjective=self.string(fields.get("adjective"), eid, "adjective"),
            given=self.string(fields.get("given"), eid, "given"),
            patronymic=self.string(fields.get("patronymic"), eid, "patronymic"),
            family=self.string(fields.get("family"), eid, "family"),
            admitted=self.variants(fields.get("admitted"), eid),
            deprecated=self.variants(fields.get("deprecated"), eid),
            mistranslations=self.variants(fields.get("mistranslations"), eid),
            note=self.string(fields.get("note"), eid, "note"),
            sources=self.strings(fields.get("sources"), eid, "a source"),
            position=self.pos(node),
        )
        if (block.given or block.patronymic) and not block.family and not block.preferred:
            self.error(node, f"'{lang}' has name parts but no 'family' (or give 'preferred')", eid)
        return block

    def variants(self, node: yaml.Node | None, eid: str | None) -> tuple[Variant, ...]:
        if node is None:
            return ()
        out: list[Variant] = []
        for item in self.sequence(node, eid) or ():
            if isinstance(item, yaml.ScalarNode):
                form = self.string(item, eid, "a form")
                if form:
                    out.append(Variant(form, position=self.pos(item)))
                continue
            fields = self.mapping(item, _VARIANT_FIELDS, eid)
            if fields is None:
                continue
            if "form" not in fields:
                self.error(item, "a listed form needs 'form'", eid)
                continue
            form = self.string(fields["form"], eid, "form")
            if form:
                out.append(
                    Variant(
                        form,
                        use=self.string(fields.get("use"), eid, "use"),
                        note=self.string(fields.get("note"), eid, "note"),
                        source=self.string(fields.get("source"), eid, "source"),
                        position=self.pos(fields["form"]),
                    )
                )
        return tuple(out)

    def example(self, node: yaml.Node, eid: str | None) -> Example | None:
        fields = self.mapping(node, _EXAMPLE_FIELDS, eid)
        if fields is None:
            return None
        missing = [f for f in ("lang", "text") if f not in fields]
        if missing:
            self.error(node, f"an example needs {' and '.join(repr(m) for m in missing)}", eid)
            return None
        lang = self.string(fields["lang"], eid, "lang")
        text = self._raw_string(fields["text"], eid, "text")
        expect = self._raw_string(fields["expect"], eid, "expect") if "expect" in fields else text
        if lang is None or text is None or expect is None:
            return None
        if not _LANG.match(lang):
            self.error(fields["lang"], f"'{lang}' is not a BCP 47 language tag", eid)
            return None
        return Example(lang, text, expect, position=self.pos(node))

    def _raw_string(self, node: yaml.Node, eid: str | None, what: str) -> str | None:
        if not self._visit(node, eid):
            return None
        if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:str":
            self.error(node, f"{what} must be a string, got {_kind(node)}", eid)
            return None
        return str(node.value)


class _AnyKey(dict[str, str]):
    """Field table accepting every key (for the language map)."""

    def __contains__(self, key: object) -> bool:
        return True


_ENTRY_FIELDS = {
    k: k for k in ("id", "type", "wikidata", "note", "sources", "name_order", "names", "examples")
}
_LANG_FIELDS = {
    k: k
    for k in (
        "preferred", "abbreviation", "adjective", "given", "patronymic", "family",
        "admitted", "deprecated", "mistranslations", "note", "sources",
    )
}
_VARIANT_FIELDS = {k: k for k in ("form", "use", "note", "source")}
_EXAMPLE_FIELDS = {k: k for k in ("lang", "text", "expect")}


def _peek_id(node: yaml.Node) -> str | None:
    """The entry's id, read ahead so that problems in the rest of the entry can name it."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == "id" and isinstance(value_node, yaml.ScalarNode):
                return str(value_node.value)
    return None


def _key_node(mapping: yaml.Node, key: str) -> yaml.Node:
    for key_node, _ in mapping.value:
        if key_node.value == key:
            return key_node
    return mapping


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    tag = node.tag.rsplit(":", 1)[-1]
    return {"str": "a string", "int": "a number", "float": "a number", "bool": "a boolean", "null": "nothing"}.get(
        tag, f"a value tagged {node.tag}"
    )


