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
from ..forms import case_shape, target_for, valid_slots
from ..langs import ADJECTIVE_ENDINGS, NAME_ENDINGS, language_name, primary, script_of
from ..matcher import Candidate, scan
from ..model import Entry, Form, Slot, Status

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
    """Judge the matches and keep the leftmost-longest non-overlapping ones that mean something.

    Matches come leftmost first, longest first at one start; one that overlaps a match already kept
    can never be kept, so it is not judged at all.
    """
    judge = _Judge(doc)
    orig_end = doc.folded.orig_end
    chosen: list[Resolved] = []
    last_end = -1
    for start, end, first, parts in scan(doc.glossary.matcher, doc.folded, doc.text):
        if start < last_end:
            continue
        readings: list[Reading] = []
        for ending, form_length, forms in parts:
            form_end = orig_end(first + form_length - 1)
            for form in forms:
                verdict = judge(start, end, form, ending, form_end)
                if verdict is not None:
                    readings.append(Reading(Candidate(form, ending, form_length), form_end, verdict))
        if readings:
            kept = _spelled_as(doc, start, readings)
            chosen.append(Resolved(start, end, kept, _finding(doc, start, end, kept)))
            last_end = end
    return chosen


def _spelled_as(doc: Document, start: int, readings: list[Reading]) -> tuple[Reading, ...]:
    """Readings whose form is spelled exactly as the text (case aside), if any; else all of them.

    Folding makes ``Ilham Aliyev`` and ``İlham Əliyev`` one key; the text's own spelling says which
    form the writer used.
    """
    exact = [r for r in readings if doc.text[start : r.form_end].casefold() == r.candidate.form.text.casefold()]
    return tuple(exact or readings)


class _Judge:
    """Verdicts on readings of one document's text, in its language."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.lang = primary(doc.lang)
        self._home: dict[str, tuple[bool, str | None]] = {}

    def __call__(self, start: int, end: int, form: Form, ending: str, form_end: int) -> str | None:
        """``ok`` or a rule id for reading ``text[start:end]`` as ``form`` + ``ending``; None if it is no match."""
        text, lang = self.doc.text, self.lang
        surface = text[start:form_end]
        if not _case_fits(surface, form.text) or script_of(surface) != script_of(form.text):
            return None
        if ending and not _ending_fits(text[form_end:end], form, ending, lang):
            return None
        if primary(form.lang) == lang:
            if form.status.valid:
                return "ok"
            return "variant" if form.status is Status.DEPRECATED else "mistranslation"
        if form.status is Status.MISTRANSLATION:
            return "mistranslation"
        has_block, home_script = self._home_of(form.entity)
        if not has_block or home_script != script_of(form.text):
            return None  # no form in this language, or a native-script form (a gloss), not a foreign spelling
        return "foreign-form"

    def _home_of(self, entity: str) -> tuple[bool, str | None]:
        """Whether the entity has forms in the document's language, and the script of its valid ones."""
        home = self._home.get(entity)
        if home is None:
            entry = self.doc.glossary.entry(entity)
            if entry is None or entry.language(self.lang) is None:
                home = (False, None)
            else:
                home = (True, script_of(_any_valid(entry, self.lang)))
            self._home[entity] = home
        return home


def _any_valid(entry: Entry, lang: str) -> str:
    block = entry.language(lang)
    slots = valid_slots(entry, block) if block is not None else {}
    return next(iter(slots.values()), "")


def _case_fits(surface: str, form: str) -> bool:
    """All-caps forms match only all-caps text; capitalised forms only capitalised text."""
    shape = _shape_of(form)
    if shape == "upper":
        return not any(c.islower() for c in surface)
    if shape == "capital":
        return not surface[:1].islower()
    return True


_shape_of = lru_cache(maxsize=None)(case_shape)


def _ending_fits(written: str, form: Form, ending: str, lang: str) -> bool:
    """A name takes the document language's genitive; an adjective inflects only in its own language.

    ``written`` is the ending as the text has it, ``ending`` the folded one of the key.
    """
    if form.slot is Slot.ADJECTIVE:
        allowed = ADJECTIVE_ENDINGS.get(lang, frozenset()) if primary(form.lang) == lang else frozenset()
    else:
        allowed = NAME_ENDINGS.get(lang, frozenset())
    if ending not in allowed:
        return False
    if ending.startswith(" "):
        return written[:1] in ("'", "’") and fold(written[1:]) == ending.strip()
    return written.isalpha() and fold(written) == ending


def _finding(doc: Document, start: int, end: int, readings: tuple[Reading, ...]) -> Finding | None:
    if any(r.verdict == "ok" for r in readings):
        return None
    exact = [r for r in readings if not r.candidate.ending] or list(readings)
    best_rank = min(_RANK[r.verdict] for r in exact)
    top = [r for r in exact if _RANK[r.verdict] == best_rank]
    top = _most_specific(doc, start, top)
    lang = primary(doc.lang)
    options: dict[tuple[str | None, str | None, bool], Reading] = {}
    for reading in top:
        options.setdefault(_fix_for(doc, start, end, reading, lang), reading)
    reading = top[0]
    form = reading.candidate.form
    entry = _entry(doc, reading)
    found = doc.text[start:end]
    if len(options) > 1:
        names = sorted({_entry(doc, r).display_name("en") for r in top})
        message = f"'{found}' is a wrong form, but it is ambiguous: it may stand for {' or '.join(names)}."
        return doc.finding(reading.verdict, start, end, None, None, message)
    replacement, target, safe = next(iter(options))
    return doc.finding(
        reading.verdict,
        start,
        end,
        replacement if safe else None,
        entry.id,
        _message(reading.verdict, " ".join(found.split()), form.lang, lang, entry, replacement, safe),
    )


def _most_specific(doc: Document, start: int, readings: list[Reading]) -> list[Reading]:
    """Of readings of one entity, those whose form is spelled most like the text (case, accents)."""
    if len({r.candidate.form.entity for r in readings}) > 1:
        return readings
    for same in (str.__eq__, lambda a, b: a.casefold() == b.casefold()):
        closest = [r for r in readings if same(doc.text[start : r.form_end], r.candidate.form.text)]
        if closest:
            return closest
    return readings


def _entry(doc: Document, reading: Reading) -> Entry:
    entry = doc.glossary.entry(reading.candidate.form.entity)
    assert entry is not None, "matcher and glossary disagree"
    return entry


def _fix_for(doc: Document, start: int, end: int, reading: Reading, lang: str) -> tuple[str | None, str | None, bool]:
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
    if form.slot is Slot.ADJECTIVE and primary(form.lang) != lang:
        # another language's adjective carries none of this language's endings (Indian Wells): no
        # fix, and the message names the adjective as the glossary writes it
        return target, target, False
    surface = doc.text[start : reading.form_end]
    ending = doc.text[reading.form_end : end]
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
