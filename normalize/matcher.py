"""The compiled matcher: one Aho-Corasick automaton over the folded forms of a glossary.

Keys are folded forms padded with a space on both sides, so the automaton only reports whole words
(a name inside a longer word never matches). Inflected keys (``putin`` + ``s``) are added up front,
so no per-entry work happens while scanning: the cost is linear in the text.

Each key stands for one or more *parts*: an ending and the forms it follows. The forms of one folded
form are a single tuple shared by the plain key and all its inflected keys, so the table holds a few
plain tuples per key and no object per (form, ending) pair; a :class:`Candidate` is made only for a
reading the checks keep.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import ahocorasick  # type: ignore[import-not-found]  # pyahocorasick ships no type hints

from .fold import FoldedText, fold
from .forms import case_shape, entry_forms
from .model import Form, Glossary, Slot

#: Folded endings matched after a form. A leading space stands for an apostrophe (``SCO's``).
NAME_ENDINGS = ("s", " s")
ADJECTIVE_ENDINGS = ("e", "em", "en", "er", "es", "s")

Part = tuple[str, int, tuple[Form, ...]]
"""``(ending, form_length, forms)``: forms whose folded text, ``form_length`` long, the key's ending follows."""
Key = tuple[int, str, tuple[Part, ...]]
"""``(length, case, parts)``: the padded key's length; the case every form of it has (``upper``,
``capital`` or ``any``, see :func:`normalize.forms.case_shape`); its parts, forms in glossary order."""
Hit = tuple[int, int, int, tuple[Part, ...]]
"""``(start, end, first, parts)``: original offsets of a key occurrence (ending included), the folded
offset of its first character, and the key's parts."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """One reading of a key: a form, and the folded ending that follows it in the key."""

    form: Form
    ending: str
    """Folded ending after the form (``""``, ``"s"``, ``" s"``, ``"en"`` ...)."""
    form_length: int
    """Length of the folded form without the ending."""


@dataclass(frozen=True)
class Matcher:
    """The automaton and what each key stands for."""

    automaton: Any
    """Padded folded key -> its index in :attr:`keys`."""
    keys: tuple[Key, ...]
    near: Any = None
    """The near-miss index (:class:`normalize.nearkeys.NearIndex`), built with the automaton."""

    @property
    def size(self) -> int:
        """Number of distinct keys."""
        return len(self.keys)


def endings_for(form: Form) -> tuple[str, ...]:
    """The inflection endings worth a key for this form (any document language)."""
    if form.slot is Slot.ADJECTIVE:
        return ADJECTIVE_ENDINGS
    return NAME_ENDINGS


def folded_forms(glossary: Glossary) -> list[tuple[Form, str]]:
    """All forms with their folded text, without derived family names two entities share in one language."""
    forms = [(form, fold(form.text)) for entry in glossary.entries for form in entry_forms(entry)]
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for form, text in forms:
        owners[(form.lang, text)].add(form.entity)
    return [
        (form, text)
        for form, text in forms
        if not (form.generated and form.slot is Slot.FAMILY and len(owners[(form.lang, text)]) > 1)
    ]


def matchable_forms(glossary: Glossary) -> list[Form]:
    """All forms, without derived family names that two entities share in one language."""
    return [form for form, _text in folded_forms(glossary)]


def compile_matcher(glossary: Glossary) -> Matcher:
    """Build the automaton over every form of the glossary and its inflected keys."""
    from .nearkeys import build_index

    forms = folded_forms(glossary)
    positions: dict[str, list[int]] = defaultdict(list)  # folded text -> where its forms are in `forms`
    for position, (_form, text) in enumerate(forms):
        if text:
            positions[text].append(position)
    index_of: dict[str, int] = {}  # folded key -> its index in `keys`
    keys: list[Key] = []
    shared: dict[int, list[tuple[str, str, tuple[Form, ...], str]]] = {}  # keys several folded texts make
    for text, where in positions.items():
        group = tuple(dict.fromkeys(forms[p][0] for p in where)) if len(where) > 1 else (forms[where[0]][0],)
        for ending, taking, case in _endings(group):
            key = text + ending
            index = index_of.setdefault(key, len(keys))
            if index == len(keys):
                keys.append((len(key) + 2, case, ((ending, len(text), taking),)))
            else:  # rare: ``putins`` from ``Putins``, and from ``Putin`` + s
                if index not in shared:
                    (first_ending, first_length, first_forms), = keys[index][2]
                    shared[index] = [(first_ending, key[:first_length], first_forms, keys[index][1])]
                shared[index].append((ending, text, taking, case))
    for index, made_from in shared.items():
        case = _common_case(c for *_, c in made_from)
        keys[index] = (keys[index][0], case, _in_glossary_order(made_from, forms, positions))
    automaton = ahocorasick.Automaton()
    for key, index in index_of.items():
        automaton.add_word(f" {key} ", index)
    if keys:
        automaton.make_automaton()
    return Matcher(automaton, tuple(keys), build_index(glossary, [form for form, _text in forms]))


def _endings(forms: tuple[Form, ...]) -> list[tuple[str, tuple[Form, ...], str]]:
    """``(ending, forms taking it, their common case)`` for each key made from forms of one folded text."""
    shapes = [case_shape(form.text) for form in forms]
    if all(form.slot is not Slot.ADJECTIVE for form in forms):
        case = _common_case(shapes)
        return [(ending, forms, case) for ending in ("", *NAME_ENDINGS)]
    out: list[tuple[str, tuple[Form, ...], str]] = [("", forms, _common_case(shapes))]
    for ending in dict.fromkeys(NAME_ENDINGS + ADJECTIVE_ENDINGS):
        taking = [i for i, form in enumerate(forms) if ending in endings_for(form)]
        if taking:
            group = forms if len(taking) == len(forms) else tuple(forms[i] for i in taking)
            out.append((ending, group, _common_case(shapes[i] for i in taking)))
    return out


def _common_case(shapes: Iterable[str]) -> str:
    """What case text must have for every one of these forms: ``upper``, ``capital`` or ``any``."""
    found = set(shapes)
    if found == {"upper"}:
        return "upper"
    return "any" if "any" in found else "capital"


def _in_glossary_order(
    made_from: list[tuple[str, str, tuple[Form, ...], str]],
    forms: list[tuple[Form, str]],
    positions: dict[str, list[int]],
) -> tuple[Part, ...]:
    """The parts of a key several folded texts make (``putins``: ``Putins``, and ``Putin`` + s), their
    forms in glossary order, as one (form, ending) list per key would have them."""
    readings: list[tuple[int, str, int, Form]] = []
    for ending, text, group in (item[:3] for item in made_from):
        first: dict[Form, int] = {}
        for p in positions[text]:
            first.setdefault(forms[p][0], p)
        readings += [(first[form], ending, len(text), form) for form in group]
    readings.sort(key=lambda reading: reading[0])
    parts: list[Part] = []
    for _, ending, length, form in readings:
        if parts and parts[-1][:2] == (ending, length):
            parts[-1] = (ending, length, (*parts[-1][2], form))
        else:
            parts.append((ending, length, (form,)))
    return tuple(parts)


def scan(matcher: Matcher, folded: FoldedText, text: str | None = None) -> list[Hit]:
    """Every key occurrence in the folded document, leftmost first and, at one start, longest first.

    Overlapping occurrences are all kept; occurrences that tie keep the automaton's order. Given the
    original ``text``, occurrences whose case no form of the key allows are dropped here, before their
    end is mapped back (the case check would reject them anyway): in German most automaton hits are
    lower-case words where every form is capitalised (``das`` for ``Da`` + s, ``uns`` for ``UN`` + s)
    and capitalised words where every form is an acronym (``Das`` for ``DAS``).
    """
    if not matcher.keys:
        return []
    keys = matcher.keys
    orig_start, orig_end = folded.orig_start, folded.orig_end
    hits: list[Hit] = []
    for end, index in matcher.automaton.iter(folded.text):
        length, case, parts = keys[index]
        first = end - length + 2  # first folded character of the name (after the pad space)
        start = orig_start(first)
        if text is not None and case != "any":
            if text[start].islower():
                continue
            if case == "upper":
                # the shortest form's text is a prefix of every other's: a lower-case letter there is in all
                shortest = orig_end(first + min(part[1] for part in parts) - 1)
                if any(c.islower() for c in text[start:shortest]):
                    continue
        hits.append((start, orig_end(end - 1), first, parts))
    hits.sort(key=_leftmost_longest)
    return hits


def _leftmost_longest(hit: Hit) -> tuple[int, int]:
    return hit[0], -hit[1]
