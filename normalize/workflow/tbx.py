"""TBX exchange (ISO 30042:2019, TBX-Basic dialect, DCA style) for CAT tools.

Mapping, per entry::

    conceptEntry id=<id>                     (ids starting with a digit get a "_": not an XML id)
      descrip type=subjectField  <type>
      xref type=externalCrossReference        wikidata (target = the Wikidata URL)
      admin type=source                       each of <sources>
      note                                    <note>
      note  normalize:{...}                   name_order, and one per example (JSON)
      langSec xml:lang=<lang>
        note / admin type=source              the block's note and sources
        note  normalize:{"name": {...}}       a person's given/patronymic/family
        termSec                               one per form, in this order:
          term
          termNote type=termType              fullForm | abbreviation | shortForm
          termNote type=partOfSpeech          noun | adjective
          termNote type=administrativeStatus  preferred / admitted / deprecatedTerm-admn-sts
          admin type=source, note             a listed form's source and note
          note  normalize:{...}               "use", "mistranslation", "derived", "listed"

Forms: ``preferred`` (preferred fullForm), ``abbreviation`` (the first preferred, the others
admitted), ``adjective`` (preferred, partOfSpeech adjective), a person's derived full, short and
family names (preferred/admitted, marked ``derived``: CAT tools see them, import rebuilds them from
the parts), ``admitted``, ``deprecated``, and ``mistranslations`` (deprecatedTerm-admn-sts marked
``mistranslation``). The ``normalize:`` notes make the round trip lossless:
``import_tbx(export_tbx(entries)) == entries``. TBX-Basic has no ``transliteratedForm`` term type;
romanisations are told by their language tag (``zh-Latn-pinyin``).

Import also reads TBX from other tools (TBX v2 ``martif``/``termEntry``/``langSet``/``tig``, and
DCT-style elements), best effort. Parsing goes through defusedxml: entity declarations (billion
laughs, external entities) are refused.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import defusedxml  # type: ignore[import-untyped]
import defusedxml.ElementTree as SafeET  # type: ignore[import-untyped]

from ..forms import slot_of, valid_slots
from ..loader import ENTRY_TYPES
from ..model import Entry, Example, LanguageNames, Slot, Variant
from .fmt import write_atomic

NAMESPACE = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MARK = "normalize:"
WIKIDATA_URL = "https://www.wikidata.org/wiki/"

PREFERRED = "preferredTerm-admn-sts"
ADMITTED = "admittedTerm-admn-sts"
DEPRECATED = "deprecatedTerm-admn-sts"
_TERM_TYPES = {Slot.ABBREVIATION: "abbreviation", Slot.SHORT: "shortForm", Slot.FAMILY: "shortForm"}
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class TbxError(ValueError):
    """A TBX file cannot be read: not XML, refused XML (entities), or not TBX."""


# --- export ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Term:
    text: str
    status: str
    term_type: str
    adjective: bool = False
    marks: dict[str, Any] = field(default_factory=dict)
    source: str | None = None
    note: str | None = None


def _variant_term(entry: Entry, block: LanguageNames, variant: Variant, status: str, marks: dict[str, Any]) -> _Term:
    slot = slot_of(entry, block, variant)
    term_type = _TERM_TYPES.get(slot, "fullForm")
    marks = dict(marks)
    if variant.use is not None:
        marks["use"] = variant.use
    if status == ADMITTED and term_type == "abbreviation":
        marks["listed"] = True  # an admitted listed form, not one of the block's abbreviations
    return _Term(variant.form, status, term_type, slot is Slot.ADJECTIVE, marks, variant.source, variant.note)


def block_terms(entry: Entry, block: LanguageNames) -> list[_Term]:
    """The termSecs of a language block, in the order import reads them back."""
    terms: list[_Term] = []
    if block.preferred is not None:
        terms.append(_Term(block.preferred, PREFERRED, "fullForm"))
    for n, abbreviation in enumerate(block.abbreviations):
        terms.append(_Term(abbreviation, PREFERRED if n == 0 else ADMITTED, "abbreviation"))
    if block.adjective is not None:
        terms.append(_Term(block.adjective, PREFERRED, "fullForm", adjective=True))
    if block.family:
        slots = valid_slots(entry, block)
        written = {block.preferred, *block.abbreviations, block.adjective}
        seen: set[str] = set()
        for slot in (Slot.FULL, Slot.SHORT, Slot.FAMILY):
            text = slots.get(slot)
            if text is None or text in written or text in seen:
                continue
            seen.add(text)
            status = PREFERRED if slot is Slot.FULL and block.preferred is None else ADMITTED
            terms.append(_Term(text, status, _TERM_TYPES.get(slot, "fullForm"), marks={"derived": True}))
    for variant in block.admitted:
        terms.append(_variant_term(entry, block, variant, ADMITTED, {}))
    for variant in block.deprecated:
        terms.append(_variant_term(entry, block, variant, DEPRECATED, {}))
    for variant in block.mistranslations:
        terms.append(_variant_term(entry, block, variant, DEPRECATED, {"mistranslation": True}))
    return terms


def _mark(data: dict[str, Any]) -> str:
    return MARK + json.dumps(data, ensure_ascii=False, sort_keys=True)


def _sub(parent: ET.Element, tag: str, text: str, **attrib: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrib)
    element.text = text
    return element


def _concept(body: ET.Element, entry: Entry) -> None:
    concept = ET.SubElement(body, "conceptEntry", {"id": entry.id if entry.id[:1].isalpha() else "_" + entry.id})
    _sub(concept, "descrip", entry.type, type="subjectField")
    if entry.wikidata is not None:
        _sub(concept, "xref", entry.wikidata, type="externalCrossReference", target=WIKIDATA_URL + entry.wikidata)
    for source in entry.sources:
        _sub(concept, "admin", source, type="source")
    if entry.note is not None:
        _sub(concept, "note", entry.note)
    if entry.name_order != "given-first":
        _sub(concept, "note", _mark({"name_order": entry.name_order}))
    for example in entry.examples:
        _sub(
            concept, "note", _mark({"example": {"lang": example.lang, "text": example.text, "expect": example.expect}})
        )
    for block in entry.names:
        lang_sec = ET.SubElement(concept, "langSec", {XML_LANG: block.lang})
        for source in block.sources:
            _sub(lang_sec, "admin", source, type="source")
        if block.note is not None:
            _sub(lang_sec, "note", block.note)
        parts = {k: getattr(block, k) for k in ("given", "patronymic", "family") if getattr(block, k) is not None}
        if parts:
            _sub(lang_sec, "note", _mark({"name": parts}))
        for term in block_terms(entry, block):
            sec = ET.SubElement(lang_sec, "termSec")
            _sub(sec, "term", term.text)
            _sub(sec, "termNote", term.term_type, type="termType")
            _sub(sec, "termNote", "adjective" if term.adjective else "noun", type="partOfSpeech")
            _sub(sec, "termNote", term.status, type="administrativeStatus")
            if term.source is not None:
                _sub(sec, "admin", term.source, type="source")
            if term.note is not None:
                _sub(sec, "note", term.note)
            if term.marks:
                _sub(sec, "note", _mark(term.marks))


def export_tbx(entries: Iterable[Entry], *, title: str = "normalize glossary") -> bytes:
    """The entries as a TBX-Basic document (UTF-8, with XML declaration)."""
    root = ET.Element("tbx", {"xmlns": NAMESPACE, "type": "TBX-Basic", "style": "dca", XML_LANG: "en"})
    header = ET.SubElement(root, "tbxHeader")
    _sub(ET.SubElement(ET.SubElement(header, "fileDesc"), "sourceDesc"), "p", title)
    body = ET.SubElement(ET.SubElement(root, "text"), "body")
    for entry in entries:
        _concept(body, entry)
    tree = ET.ElementTree(root)
    ET.indent(tree, space="  ")
    data: bytes = ET.tostring(root, encoding="UTF-8", xml_declaration=True)
    return data + b"\n"


def write_tbx(path: str | PathLike[str], entries: Iterable[Entry], *, title: str = "normalize glossary") -> None:
    """Export to a file, atomically."""
    write_atomic(path, export_tbx(entries, title=title).decode("utf-8"))


# --- import ---------------------------------------------------------------------------------------

_STATUS = {
    "preferredterm-admn-sts": "P",
    "preferred": "P",
    "preferredterm": "P",
    "admittedterm-admn-sts": "A",
    "admitted": "A",
    "admittedterm": "A",
    "legalterm-admn-sts": "A",
    "regulatedterm-admn-sts": "A",
    "standardizedterm-admn-sts": "A",
    "standardizedterm-admin-sts": "A",
    "deprecatedterm-admn-sts": "D",
    "deprecated": "D",
    "deprecatedterm": "D",
    "supersededterm-admn-sts": "D",
    "superseded-admn-sts": "D",
    "notrecommendedterm-admn-sts": "D",
    "obsoleteterm-admn-sts": "D",
}
#: DCT-style element names and the DCA element and type they stand for.
_DCT = {
    "administrativeStatus": "termNote",
    "normativeAuthorization": "termNote",
    "termType": "termNote",
    "partOfSpeech": "termNote",
    "subjectField": "descrip",
    "definition": "descrip",
    "context": "descrip",
    "source": "admin",
    "customerSubset": "admin",
    "projectSubset": "admin",
    "externalCrossReference": "xref",
}


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _text(element: ET.Element) -> str:
    return "".join(element.itertext()).strip()


@dataclass
class _Aux:
    """The data categories of one level (concept, language, term), read from its child elements."""

    notes: list[str] = field(default_factory=list)
    marks: list[dict[str, Any]] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    cats: dict[str, list[str]] = field(default_factory=dict)
    xrefs: list[tuple[str, str]] = field(default_factory=list)

    def cat(self, name: str) -> str | None:
        values = self.cats.get(name)
        return values[0] if values else None

    def mark(self, key: str) -> Any:
        return next((m[key] for m in self.marks if key in m), None)


def _read_aux(children: Iterable[ET.Element], aux: _Aux | None = None) -> _Aux:
    aux = aux if aux is not None else _Aux()
    for child in children:
        tag = _local(child.tag)
        kind, cat = (
            (tag, child.get("type", ""))
            if tag in ("termNote", "descrip", "admin", "xref", "ref")
            else (_DCT.get(tag), tag)
        )
        if tag in ("termGrp", "descripGrp", "adminGrp", "termNoteGrp"):
            _read_aux(list(child), aux)
            continue
        value = _text(child)
        if tag == "note":
            if value.startswith(MARK):
                try:
                    data = json.loads(value[len(MARK) :])
                except ValueError:
                    data = None
                if isinstance(data, dict):
                    aux.marks.append(data)
                    continue
            if value:
                aux.notes.append(value)
        elif kind == "admin" and cat in ("source", "xSource"):
            aux.sources.append(value)
        elif kind == "xref":
            aux.xrefs.append((child.get("target", ""), value))
        elif kind == "descrip" and cat == "definition" and value:
            aux.notes.append(value)
        elif kind is not None and cat:
            aux.cats.setdefault(cat, []).append(value)
    return aux


def _sections(element: ET.Element, names: tuple[str, ...]) -> Iterator[ET.Element]:
    return (child for child in element if _local(child.tag) in names)


def _term_text(sec: ET.Element) -> str | None:
    for child in sec.iter():
        if _local(child.tag) == "term":
            text = _text(child)
            return text or None
    return None


def _read_block(lang: str, element: ET.Element) -> LanguageNames:
    terms = list(_sections(element, ("termSec", "tig", "ntig")))
    aux = _read_aux(c for c in element if _local(c.tag) not in ("termSec", "tig", "ntig"))
    parts = aux.mark("name") or {}
    preferred: str | None = None
    adjective: str | None = None
    main_abbr: list[str] = []
    more_abbr: list[str] = []
    lists: dict[str, list[Variant]] = {"admitted": [], "deprecated": [], "mistranslations": []}
    for sec in terms:
        text = _term_text(sec)
        if text is None:
            continue
        t = _read_aux(c for c in sec if _local(c.tag) != "term")
        if t.mark("derived"):
            continue
        status = _STATUS.get((t.cat("administrativeStatus") or t.cat("normativeAuthorization") or "").lower())
        term_type = t.cat("termType") or ""
        abbreviation = term_type in ("abbreviation", "acronym")
        variant = Variant(
            text,
            use=t.mark("use"),
            note="\n".join(t.notes) or None,
            source="; ".join(t.sources) or None,
        )
        if t.mark("mistranslation"):
            lists["mistranslations"].append(variant)
        elif status == "D":
            lists["deprecated"].append(variant)
        elif status == "P" and abbreviation:
            main_abbr.append(text)
        elif status == "P" and t.cat("partOfSpeech") == "adjective" and adjective is None:
            adjective = text
        elif status in ("P", None) and not abbreviation and preferred is None and not t.mark("listed"):
            preferred = text
        elif abbreviation and not t.mark("listed") and status != "P":
            more_abbr.append(text)
        else:
            lists["admitted"].append(variant)
    return LanguageNames(
        lang=lang,
        preferred=preferred,
        abbreviations=tuple(main_abbr + more_abbr),
        adjective=adjective,
        given=parts.get("given"),
        patronymic=parts.get("patronymic"),
        family=parts.get("family"),
        admitted=tuple(lists["admitted"]),
        deprecated=tuple(lists["deprecated"]),
        mistranslations=tuple(lists["mistranslations"]),
        note="\n".join(aux.notes) or None,
        sources=tuple(aux.sources),
    )


def _entry_id(raw: str | None, n: int) -> str:
    if raw and raw.startswith("_") and _ID.match(raw[1:]):
        return raw[1:]
    if raw and _ID.match(raw):
        return raw
    slug = re.sub(r"[^a-z0-9]+", "-", (raw or "").lower()).strip("-")
    return slug or f"concept-{n}"


def _read_concept(element: ET.Element, n: int) -> Entry:
    blocks = list(_sections(element, ("langSec", "langSet")))
    aux = _read_aux(c for c in element if _local(c.tag) not in ("langSec", "langSet"))
    wikidata = None
    sources = list(aux.sources)
    for target, text in aux.xrefs:
        if target.startswith(WIKIDATA_URL) and wikidata is None:
            wikidata = target[len(WIKIDATA_URL) :] or text
        elif target:
            sources.append(target)
    names = []
    for block in blocks:
        lang = block.get(XML_LANG) or block.get("lang") or "und"
        names.append(_read_block(lang, block))
    subject = aux.cat("subjectField")
    examples = []
    for mark in aux.marks:
        example = mark.get("example")
        if isinstance(example, dict) and all(isinstance(example.get(k), str) for k in ("lang", "text")):
            text = str(example["text"])
            expect = example.get("expect")
            examples.append(Example(str(example["lang"]), text, expect if isinstance(expect, str) else text))
    return Entry(
        id=_entry_id(element.get("id"), n),
        type=subject if subject in ENTRY_TYPES else "other",
        names=tuple(names),
        sources=tuple(sources),
        note="\n".join(aux.notes) or None,
        wikidata=wikidata,
        name_order=aux.mark("name_order") or "given-first",
        examples=tuple(examples),
    )


def parse_xml(data: bytes | str) -> ET.Element:
    """Parse untrusted XML: entity declarations (entity-expansion bombs, external entities) are
    refused; a DOCTYPE naming a DTD, as TBX v2 files have, is allowed but never fetched."""
    try:
        root: ET.Element = SafeET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
        return root
    except defusedxml.DefusedXmlException as exc:
        raise TbxError(f"refused XML: {exc}") from exc
    except ET.ParseError as exc:
        raise TbxError(f"not well-formed XML: {exc}") from exc


def import_tbx(data: bytes | str) -> tuple[Entry, ...]:
    """Entries from a TBX document. Raises :class:`TbxError`."""
    root = parse_xml(data)
    if _local(root.tag) not in ("tbx", "martif"):
        raise TbxError(f"not a TBX document: the root element is <{_local(root.tag)}>")
    concepts = [e for e in root.iter() if _local(e.tag) in ("conceptEntry", "termEntry")]
    return tuple(_read_concept(c, n) for n, c in enumerate(concepts, 1))


def read_tbx(path: str | PathLike[str]) -> tuple[Entry, ...]:
    """Import a TBX file."""
    return import_tbx(Path(path).read_bytes())
