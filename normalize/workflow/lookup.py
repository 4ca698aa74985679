"""``normalize lookup FORM [--lang de]``: which entity a spelling belongs to, and all its forms."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from ..fold import fold
from ..forms import entry_forms
from ..model import Entry, Glossary, LanguageNames, Slot, Status

_ORDER = {Status.PREFERRED: 0, Status.ADMITTED: 1, Status.DEPRECATED: 2, Status.MISTRANSLATION: 3}


@dataclass(frozen=True, slots=True)
class FormInfo:
    """One form of an entity in one language."""

    text: str
    lang: str
    status: Status
    slot: Slot
    target: str | None = None
    """For a wrong form: the valid form that replaces it."""
    derived: bool = False
    note: str | None = None
    source: str | None = None

    def describe(self) -> str:
        what = self.status.value
        if self.slot in (Slot.ABBREVIATION, Slot.ADJECTIVE, Slot.FAMILY) or (self.derived and self.slot is Slot.SHORT):
            what += f", {self.slot.value if self.slot is not Slot.FAMILY else 'family name'}"
        elif self.derived:
            what += ", full name"
        if self.derived:
            what += " (derived)"
        if self.target and not self.status.valid:
            what += f" → {self.target}"
        return what


@dataclass(frozen=True, slots=True)
class LookupResult:
    """An entity matching the query: the forms that matched, and all its forms per language."""

    entry: Entry
    matched: tuple[FormInfo, ...]
    languages: tuple[tuple[LanguageNames, tuple[FormInfo, ...]], ...]


def _lang_matches(form_lang: str, lang: str | None) -> bool:
    return lang is None or form_lang == lang or form_lang.startswith(lang + "-")


def entry_infos(entry: Entry) -> dict[str, list[FormInfo]]:
    """lang → forms (each text once, strongest status first), with notes and sources of listed forms."""
    listed = {
        (block.lang, v.form): v
        for block in entry.names
        for v in (*block.admitted, *block.deprecated, *block.mistranslations)
    }
    out: dict[str, dict[str, FormInfo]] = {}
    for form in entry_forms(entry):
        variant = listed.get((form.lang, form.text))
        info = FormInfo(
            form.text,
            form.lang,
            form.status,
            form.slot,
            form.target,
            form.generated,
            variant.note if variant else None,
            variant.source if variant else None,
        )
        seen = out.setdefault(form.lang, {})
        if form.text not in seen or _ORDER[form.status] < _ORDER[seen[form.text].status]:
            seen[form.text] = info
    return {lang: sorted(forms.values(), key=lambda f: _ORDER[f.status]) for lang, forms in out.items()}


def lookup(form: str, glossary: Glossary, lang: str | None = None) -> list[LookupResult]:
    """Entities with a form that fold-matches ``form`` (case, diacritics, hyphens and spaces do not
    count: ``weissrussland`` finds Weißrussland). With ``lang``, only forms of that language (and
    its subtags: ``zh`` includes ``zh-Latn-pinyin``) match; its block is listed first."""
    key = fold(form)
    if not key:
        return []
    results = []
    for entry in glossary.entries:
        infos = entry_infos(entry)
        matched = tuple(
            f for forms in infos.values() for f in forms if _lang_matches(f.lang, lang) and fold(f.text) == key
        )
        if not matched:
            continue
        blocks = sorted(entry.names, key=lambda b: not _lang_matches(b.lang, lang)) if lang else list(entry.names)
        results.append(LookupResult(entry, matched, tuple((b, tuple(infos.get(b.lang, ()))) for b in blocks)))
    return results


def suggest(form: str, glossary: Glossary, lang: str | None = None, limit: int = 5) -> list[tuple[str, str, str]]:
    """Close spellings when nothing matches: (form, lang, entry id), best first."""
    choices: dict[str, tuple[str, str, str]] = {}
    for entry in glossary.entries:
        for f in entry_forms(entry):
            if _lang_matches(f.lang, lang):
                choices.setdefault(fold(f.text), (f.text, f.lang, entry.id))
    found = process.extract(fold(form), list(choices), scorer=fuzz.ratio, limit=limit, score_cutoff=60)
    return [choices[key] for key, _score, _index in found]


def _width(text: str) -> int:
    """Columns a string takes in a terminal: wide (CJK) characters take two, marks none."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def render_lookup(query: str, results: Iterable[LookupResult], suggestions: Iterable[tuple[str, str, str]] = ()) -> str:
    """Plain text for an editor: per entity its matched forms, then every form per language."""
    results = list(results)
    lines: list[str] = []
    if not results:
        lines.append(f"'{query}' is not in the glossary.")
        close = list(suggestions)
        if close:
            lines.append("Did you mean: " + ", ".join(f"'{t}' ({lang}, {eid})" for t, lang, eid in close) + "?")
        return "\n".join(lines) + "\n"
    for n, result in enumerate(results):
        entry = result.entry
        if n:
            lines.append("")
        extra = f", wikidata {entry.wikidata}" if entry.wikidata else ""
        lines.append(f"{entry.id} — {entry.display_name()} ({entry.type}{extra})")
        for m in result.matched:
            lines.append(f"  '{query}' is {m.lang} '{m.text}': {m.describe()}")
        width = max((_width(f.text) for _, forms in result.languages for f in forms), default=0)
        for block, forms in result.languages:
            lines.append(f"  {block.lang}")
            for f in forms:
                detail = "".join(
                    f"; {label}: {value}" for label, value in (("note", f.note), ("source", f.source)) if value
                )
                lines.append(f"    {f.text}{' ' * (width - _width(f.text))}  {f.describe()}{detail}")
            if block.note:
                lines.append(f"    note: {' '.join(block.note.split())}")
            for source in block.sources:
                lines.append(f"    source: {source}")
        if entry.note:
            lines.append(f"  note: {' '.join(entry.note.split())}")
        for source in entry.sources:
            lines.append(f"  source: {source}")
    return "\n".join(lines) + "\n"
