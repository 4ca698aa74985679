"""The compiled matcher: one Aho-Corasick automaton over the folded forms of a glossary.

Keys are folded forms padded with a space on both sides, so the automaton only reports whole words
(a name inside a longer word never matches). Inflected keys (``putin`` + ``s``) are added up front,
so no per-entry work happens while scanning: the cost is linear in the text.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import ahocorasick

from .fold import FoldedText, fold
from .forms import entry_forms
from .model import Form, Glossary, Slot

#: Folded endings matched after a form. A leading space stands for an apostrophe (``SCO's``).
NAME_ENDINGS = ("s", " s")
ADJECTIVE_ENDINGS = ("e", "em", "en", "er", "es", "s")


@dataclass(frozen=True, slots=True)
class Candidate:
    """One reading of a key: a form, and the folded ending that follows it in the key."""

    form: Form
    ending: str
    """Folded ending after the form (``""``, ``"s"``, ``" s"``, ``"en"`` ...)."""
    form_length: int
    """Length of the folded form without the ending."""


@dataclass(frozen=True, slots=True)
class Match:
    """A key found in a document, with its original offsets."""

    start: int
    end: int
    """Original offsets of the whole match, ending included."""
    readings: tuple[tuple[Candidate, int], ...]
    """Each candidate with the original offset where its form ends (its ending starts)."""


@dataclass(frozen=True)
class Matcher:
    """The automaton and what each key stands for."""

    automaton: Any
    keys: tuple[tuple[Candidate, ...], ...]
    near: Any = None
    """The near-miss index (:class:`normalize.nearkeys.NearIndex`), built with the automaton."""
    capital: tuple[bool, ...] = ()
    """Per key: every candidate form starts with a capital letter, so text starting lower-case is no match."""

    @property
    def size(self) -> int:
        """Number of distinct keys."""
        return len(self.keys)


def endings_for(form: Form) -> tuple[str, ...]:
    """The inflection endings worth a key for this form (any document language)."""
    if form.slot is Slot.ADJECTIVE:
        return ADJECTIVE_ENDINGS
    return NAME_ENDINGS


def matchable_forms(glossary: Glossary) -> list[Form]:
    """All forms, without derived family names that two entities share in one language."""
    forms = [form for entry in glossary.entries for form in entry_forms(entry)]
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for form in forms:
        owners[(form.lang, fold(form.text))].add(form.entity)
    return [
        form
        for form in forms
        if not (form.generated and form.slot is Slot.FAMILY and len(owners[(form.lang, fold(form.text))]) > 1)
    ]


def compile_matcher(glossary: Glossary) -> Matcher:
    """Build the automaton over every form of the glossary and its inflected keys."""
    from .nearkeys import build_index

    table: dict[str, list[Candidate]] = defaultdict(list)
    forms = matchable_forms(glossary)
    for form in forms:
        key = fold(form.text)
        if not key:
            continue
        table[key].append(Candidate(form, "", len(key)))
        for ending in endings_for(form):
            table[key + ending].append(Candidate(form, ending, len(key)))
    automaton = ahocorasick.Automaton()
    keys: list[tuple[Candidate, ...]] = []
    for index, (key, candidates) in enumerate(table.items()):
        padded = f" {key} "
        automaton.add_word(padded, (index, len(padded)))
        keys.append(tuple(dict.fromkeys(candidates)))
    if keys:
        automaton.make_automaton()
    capital = tuple(all(_starts_capital(c.form.text) for c in cands) for cands in keys)
    return Matcher(automaton, tuple(keys), build_index(glossary, forms), capital)


def _starts_capital(text: str) -> bool:
    """The first letter is upper-case (what ``checks.terms._case_fits`` demands of the text then)."""
    return next((c.isupper() for c in text if c.isalpha()), False)


def scan(matcher: Matcher, folded: FoldedText, text: str | None = None) -> list[Match]:
    """Every key occurrence in the folded document, overlapping ones included.

    Given the original ``text``, occurrences that start with a lower-case letter where every form of
    the key is capitalised are dropped here, before their offsets are mapped: the case check would
    reject them anyway, and in German most automaton hits are such words (``das`` for ``Da`` + s,
    ``uns`` for ``UN`` + s).
    """
    if not matcher.keys:
        return []
    matches: list[Match] = []
    keys = matcher.keys
    capital = matcher.capital if text is not None and matcher.capital else None
    for end, (index, length) in matcher.automaton.iter(folded.text):
        first = end - length + 2  # first folded character of the name (after the pad space)
        start = folded.orig_start(first)
        if capital is not None and capital[index] and text[start].islower():  # type: ignore[index]
            continue
        stop = folded.orig_end(end - 1)
        readings = tuple(
            (cand, folded.orig_end(first + cand.form_length - 1)) for cand in keys[index]
        )
        matches.append(Match(start, stop, readings))
    return matches
