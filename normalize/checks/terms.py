"""Rules ``variant``, ``mistranslation`` and ``foreign-form``: glossary forms judged in a language.

Every match of the automaton is read in the document's language: a form valid there protects its
span; a deprecated one is a ``variant``; a known wrong one a ``mistranslation``; a form of another
language written in the same script is a ``foreign-form``. Among overlapping matches the leftmost
longest wins, so ``Alexander Lukaschenko`` is one name and not two.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..document import Document
from ..findings import Finding
from ..fold import fold
from ..forms import target_for, valid_slots
from ..langs import ADJECTIVE_ENDINGS, NAME_ENDINGS, language_name, primary, script_of
from ..matcher import Candidate, Match, scan
from ..model import Entry, Slot, Status

_RANK = {"mistranslation": 0, "variant": 1, "foreign-form": 2}


@dataclass(frozen=True, slots=True)
class Reading:
    """One candidate judged in the document's language."""

    candidate: Candidate
    form_end: int
    """Original offset where the form ends and its ending starts."""
    verdict: str
    """``ok`` or a rule id."""


@dataclass(frozen=True, slots=True)
class Resolved:
    """A chosen, non-overlapping match: its span, what it is, and the finding it raises (if any)."""

    start: int
    end: int
    readings: tuple[Reading, ...]
    finding: Finding | None

    @property
    def ok(self) -> bool:
        """A form valid in the document's language."""
        return any(r.verdict == "ok" for r in self.readings)

    @property
    def entities(self) -> frozenset[str]:
        return frozenset(r.candidate.form.entity for r in self.readings)


def resolve(doc: Document) -> list[Resolved]:
    """Judge every match and keep the leftmost-longest non-overlapping ones that mean something."""
    judged: list[tuple[Match, tuple[Reading, ...]]] = []
    for match in scan(doc.glossary.matcher, doc.folded, doc.text):
        readings = _spelled_as(doc, match, [r for r in (_judge(doc, match, c, e) for c, e in match.readings) if r])
        if readings:
            judged.append((match, readings))
    judged.sort(key=lambda item: (item[0].start, -item[0].end))
    chosen: list[Resolved] = []
    last_end = -1
    for match, readings in judged:
        if match.start < last_end:
            continue
        chosen.append(Resolved(match.start, match.end, readings, _finding(doc, match, readings)))
        last_end = match.end
    return chosen


def _spelled_as(doc: Document, match: Match, readings: list[Reading]) -> tuple[Reading, ...]:
    """Readings whose form is spelled exactly as the text (case aside), if any; else all of them.

    Folding makes ``Ilham Aliyev`` and ``İlham Əliyev`` one key; the text's own spelling says which
    form the writer used.
    """
    exact = [
        r
        for r in readings
        if doc.text[match.start : r.form_end].casefold() == r.candidate.form.text.casefold()
    ]
    return tuple(exact or readings)


def _judge(doc: Document, match: Match, cand: Candidate, form_end: int) -> Reading | None:
    form = cand.form
    surface = doc.text[match.start : form_end]
    if not _case_fits(surface, form.text) or script_of(surface) != script_of(form.text):
        return None
    lang = primary(doc.lang)
    if cand.ending and not _ending_fits(doc.text[form_end : match.end], cand, lang):
        return None
    if primary(form.lang) == lang:
        if form.status.valid:
            return Reading(cand, form_end, "ok")
        rule = "variant" if form.status is Status.DEPRECATED else "mistranslation"
        return Reading(cand, form_end, rule)
    entry = doc.glossary.entry(form.entity)
    home = entry.language(lang) if entry is not None else None
    if form.status is Status.MISTRANSLATION:
        return Reading(cand, form_end, "mistranslation")
    if home is None or entry is None:
        return None
    if script_of(_any_valid(entry, lang)) != script_of(form.text):
        return None  # a native-script form (a gloss), not a foreign spelling
    return Reading(cand, form_end, "foreign-form")


def _any_valid(entry: Entry, lang: str) -> str:
    block = entry.language(lang)
    slots = valid_slots(entry, block) if block is not None else {}
    return next(iter(slots.values()), "")


def _case_fits(surface: str, form: str) -> bool:
    """All-caps forms match only all-caps text; capitalised forms only capitalised text."""
    shape = case_shape(form)
    if shape == "upper":
        return not any(c.islower() for c in surface)
    if shape == "capital":
        return not surface[:1].islower()
    return True


@lru_cache(maxsize=None)
def case_shape(form: str) -> str:
    """``upper`` (an acronym: two or more letters, all capitals), ``capital`` or ``any``."""
    letters = [c for c in form if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return "upper"
    if letters and letters[0].isupper():
        return "capital"
    return "any"


def _ending_fits(ending: str, cand: Candidate, lang: str) -> bool:
    """A name takes the document language's genitive; an adjective inflects only in its own language."""
    if cand.form.slot is Slot.ADJECTIVE:
        allowed = ADJECTIVE_ENDINGS.get(lang, frozenset()) if primary(cand.form.lang) == lang else frozenset()
    else:
        allowed = NAME_ENDINGS.get(lang, frozenset())
    if cand.ending not in allowed:
        return False
    if cand.ending.startswith(" "):
        return ending[:1] in ("'", "’") and fold(ending[1:]) == cand.ending.strip()
    return ending.isalpha() and fold(ending) == cand.ending


def _finding(doc: Document, match: Match, readings: tuple[Reading, ...]) -> Finding | None:
    if any(r.verdict == "ok" for r in readings):
        return None
    exact = [r for r in readings if not r.candidate.ending] or list(readings)
    best_rank = min(_RANK[r.verdict] for r in exact)
    top = [r for r in exact if _RANK[r.verdict] == best_rank]
    top = _most_specific(doc, match, top)
    lang = primary(doc.lang)
    options: dict[tuple[str | None, str | None, bool], Reading] = {}
    for reading in top:
        options.setdefault(_fix_for(doc, match, reading, lang), reading)
    reading = top[0]
    form = reading.candidate.form
    entry = _entry(doc, reading)
    found = doc.text[match.start : match.end]
    if len(options) > 1:
        names = sorted({_entry(doc, r).display_name("en") for r in top})
        message = f"'{found}' is a wrong form, but it is ambiguous: it may stand for {' or '.join(names)}."
        return doc.finding(reading.verdict, match.start, match.end, None, None, message)
    replacement, target, safe = next(iter(options))
    return doc.finding(
        reading.verdict,
        match.start,
        match.end,
        replacement if safe else None,
        entry.id,
        _message(reading.verdict, " ".join(found.split()), form.lang, lang, entry, replacement, safe),
    )


def _most_specific(doc: Document, match: Match, readings: list[Reading]) -> list[Reading]:
    """Of readings of one entity, those whose form is spelled most like the text (case, accents)."""
    if len({r.candidate.form.entity for r in readings}) > 1:
        return readings
    for same in (str.__eq__, lambda a, b: a.casefold() == b.casefold()):
        closest = [r for r in readings if same(doc.text[match.start : r.form_end], r.candidate.form.text)]
        if closest:
            return closest
    return readings


def _entry(doc: Document, reading: Reading) -> Entry:
    entry = doc.glossary.entry(reading.candidate.form.entity)
    assert entry is not None, "matcher and glossary disagree"
    return entry


def _fix_for(doc: Document, match: Match, reading: Reading, lang: str) -> tuple[str | None, str | None, bool]:
    """(replacement, target form, safe) for one reading."""
    form = reading.candidate.form
    entry = _entry(doc, reading)
    if primary(form.lang) == lang and form.target:
        target: str | None = form.target
        safe = True
    else:
        target, safe = target_for(entry, lang, form.slot)
    if target is None:
        return None, None, False
    surface = doc.text[match.start : reading.form_end]
    ending = doc.text[reading.form_end : match.end]
    replacement = _match_case(surface, form.text, target) + _carry_ending(ending, target, lang)
    return replacement, target, safe


def _match_case(surface: str, form: str, target: str) -> str:
    """Keep an all-caps heading all caps, and a capitalised sentence start capitalised."""
    letters = [c for c in surface if c.isalpha()]
    form_letters = [c for c in form if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters) and not all(c.isupper() for c in form_letters):
        return target.upper()
    if letters and letters[0].isupper() and target[:1].islower():
        return target[:1].upper() + target[1:]
    return target


def _carry_ending(ending: str, target: str, lang: str) -> str:
    """The matched ending as it fits the target (German genitive after s/x/z is an apostrophe)."""
    if not ending or target.endswith(("'", "’")):
        return ""
    if lang == "de" and ending.lower() in ("s", "'s", "’s"):
        genitive = "s" if ending[-1] == "s" else "S"  # an English possessive becomes a German genitive
        return "'" if target[-1:].lower() in ("s", "ß", "x", "z") else genitive
    return ending


def _message(
    rule: str,
    found: str,
    form_lang: str,
    lang: str,
    entry: Entry,
    target: str | None,
    safe: bool,
) -> str:
    name = entry.display_name("en")
    if rule == "variant":
        head = f"'{found}' is a deprecated {language_name(lang)} form of {name}"
    elif rule == "mistranslation":
        head = f"'{found}' is a known mistranslation for {name}"
    else:
        head = f"'{found}' is the {language_name(form_lang)} form of {name}"
    if target is None:
        return f"{head}; the glossary has no {language_name(lang)} form to replace it with."
    if not safe:
        return f"{head}; {language_name(lang)} copy writes '{target}', but check the replacement by hand."
    if rule == "foreign-form":
        return f"{head}; {language_name(lang)} copy writes '{target}'."
    return f"{head}; write '{target}'."
