"""``normalize glossary suggest --native TEXT``: candidate forms of a native name, for contributors.

The transliteration schemes (:mod:`normalize.translit`) romanise the native form into every target
language; the result is a list of *candidates*, never glossary facts. Alongside them the glossary is
consulted, since it is the authority:

- if the native form (in any word order) already belongs to an entry, that entry and its curated
  forms are reported;
- a name part the glossary already writes for another person (Александр → Alexander in German) is
  reported as attested, and preferred in the skeleton over the scheme's form (Alexandr);
- a candidate the glossary lists as a deprecated or wrong form (Schaparow for Dschaparow) is flagged.

The name is split into ``given``/``patronymic``/``family`` parts (glossaries/README.md): Chinese
names are family-first; for Cyrillic names the order is read from patronymic and family-name endings
and from the parts the glossary knows, else given-first is assumed and said so. The YAML output is a
ready-to-edit entry with ``sources: []``, each candidate marked by a comment: ``glossary check``
flags it (``no-source``) until the contributor has verified the forms and cited a source.

Everything here is pure: the CLI loads the glossary and prints. (The module is not called
``suggest``: that name is :func:`normalize.workflow.lookup.suggest`, ``normalize lookup``'s close
spellings, re-exported by the package, and a submodule of that name would shadow it.)
"""

from __future__ import annotations

import json
import re
import shlex
import textwrap
import unicodedata
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Final, Literal

from unidecode import unidecode

from ..fold import fold
from ..forms import entry_forms
from ..langs import char_script, language_name, primary, script_of
from ..model import Glossary
from ..translit import SCHEMES, Scheme
from ..translit.chinese import COMPOUND_SURNAMES
from .lookup import FormInfo, entry_infos, lookup

__all__ = [
    "CYRILLIC_SOURCES",
    "Attestation",
    "KnownEntry",
    "NameParts",
    "SchemeCandidate",
    "SuggestError",
    "Suggestion",
    "TargetForms",
    "render_suggestion",
    "suggest_forms",
    "target_languages",
]

Order = Literal["given-first", "family-first"]
PARTS: Final = ("given", "patronymic", "family")

#: Source languages written in Cyrillic that ``--from`` accepts. The Russian schemes read the
#: letters of the others approximately (:mod:`normalize.translit._cyrillic`).
CYRILLIC_SOURCES: Final = ("ru", "uk", "be", "kk", "ky", "uz", "tg", "mn", "bg", "sr", "mk")

#: Letters Russian lacks, and the languages (of :data:`CYRILLIC_SOURCES`) whose alphabets have them.
_NON_RUSSIAN: Final = {
    "ә": "kk", "ғ": "kk uz tg", "қ": "kk uz tg", "ң": "kk ky", "ө": "kk ky mn", "ұ": "kk",
    "ү": "kk ky mn", "һ": "kk", "і": "uk be kk", "ҳ": "uz tg", "ҷ": "tg", "ӣ": "tg", "ӯ": "tg",
    "ў": "be uz", "є": "uk", "ї": "uk", "ґ": "uk", "ј": "sr mk", "љ": "sr mk", "њ": "sr mk",
    "џ": "sr mk", "ђ": "sr", "ћ": "sr", "ѓ": "mk", "ќ": "mk", "ѕ": "mk",
}

#: Endings of East Slavic patronymics (and the Turkic oglu/kyzy forms of Russian documents).
_PATRONYMIC: Final = re.compile(r"(вич|вна|ична|инична|оглы|кызы|улы|уулу)$", re.IGNORECASE)
#: Endings of family names in the Russian form (also Russified Central Asian names): strong ones.
_FAMILY: Final = re.compile(r"(ов|ев|ёв|ова|ева|ёва|ский|цкий|ская|цкая|енко)$", re.IGNORECASE)
#: Weaker: also the ending of given names (Валентин, Ирина).
_FAMILY_WEAK: Final = re.compile(r"(ин|ын|ина|ына)$", re.IGNORECASE)

CANDIDATE_LABEL: Final = "not a glossary fact — check a source"


class SuggestError(ValueError):
    """Input that has no suggestion: empty, an unsupported script, an unknown language."""


@dataclass(frozen=True, slots=True)
class NameParts:
    """A person's name parts, as the glossary's person blocks hold them."""

    given: str | None = None
    patronymic: str | None = None
    family: str | None = None

    def items(self) -> list[tuple[str, str]]:
        """The parts that are set, in glossary order (given, patronymic, family)."""
        return [(p, v) for p in PARTS if (v := getattr(self, p))]

    def short(self, order: Order) -> str:
        """Given and family name in ``order`` (the glossary's derived short name)."""
        words = [self.given, self.family] if order == "given-first" else [self.family, self.given]
        return " ".join(w for w in words if w)

    def full(self, order: Order) -> str:
        """All parts: given patronymic family, or family given patronymic."""
        if order == "given-first":
            words = [self.given, self.patronymic, self.family]
        else:
            words = [self.family, self.given, self.patronymic]
        return " ".join(w for w in words if w)


@dataclass(frozen=True, slots=True)
class SchemeCandidate:
    """What one or more schemes (that agree) give for the name: a candidate, never an authority."""

    schemes: tuple[str, ...]
    parts: NameParts
    form: str
    """The short name (given and family) in the target's order."""
    full: str
    """All parts, when there is a patronymic; else equal to :attr:`form`."""


@dataclass(frozen=True, slots=True)
class Attestation:
    """A native name part the glossary already writes, in one target language, for other entries."""

    part: str
    native: str
    form: str
    entries: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TargetForms:
    """Everything suggested for one target language block."""

    lang: str
    candidates: tuple[SchemeCandidate, ...]
    attested: tuple[Attestation, ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class KnownEntry:
    """A glossary entry the native form belongs to, with its curated forms per target language."""

    id: str
    display: str
    matched: str
    """The glossary form the input matched (word order aside)."""
    lang: str
    where: str | None
    forms: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]
    """(lang, ((form, status description), ...)) for each requested target language."""


@dataclass(frozen=True, slots=True)
class Suggestion:
    """The result of :func:`suggest_forms`."""

    native: str
    script: str
    """``Cyrl`` or ``Hani``."""
    source: str
    """Language of the native form (``ru``, ``kk``, ``zh``)."""
    order: Order
    parts: NameParts
    targets: tuple[TargetForms, ...]
    known: tuple[KnownEntry, ...] = ()
    notes: tuple[str, ...] = ()
    warnings: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict (``asdict``, with the label every candidate carries)."""
        data = asdict(self)
        data["candidate_label"] = CANDIDATE_LABEL
        return data


# --- input ----------------------------------------------------------------------------------------


_SCRIPT_NAMES: Final = {"CYRILLIC": "Cyrl", "CJK": "Hani"}
_HUMAN: Final = {"Cyrl": "Cyrillic", "Hani": "Han"}
_SCRIPT_ALIASES: Final = {"cyrl": "Cyrl", "cyrillic": "Cyrl", "hani": "Hani", "han": "Hani", "hanzi": "Hani"}


def detect_script(text: str) -> str:
    """``Cyrl`` or ``Hani`` for the letters of ``text``; :class:`SuggestError` for anything else."""
    if any(unicodedata.name(c, "").startswith(("HIRAGANA", "KATAKANA")) for c in text):
        raise SuggestError("no transliteration scheme for Japanese kana: suggest takes Cyrillic or Han script")
    scripts = {s for c in text if (s := char_script(c)) is not None}
    if not scripts:
        raise SuggestError("the native form has no letters")
    if len(scripts) > 1:
        mixed = ", ".join(sorted(scripts))
        raise SuggestError(f"the native form mixes scripts ({mixed}): give one name in one script")
    (script,) = scripts
    if script not in _SCRIPT_NAMES:
        raise SuggestError(
            f"no transliteration scheme for {script.title()} script: suggest takes a native form in "
            "Cyrillic or Han script"
        )
    return _SCRIPT_NAMES[script]


def target_languages(script: str | None = None) -> list[str]:
    """Target languages the schemes cover (for ``script``, or for all); defaults first."""
    langs: list[str] = []
    for scheme in SCHEMES.values():
        if script is not None and scheme.script != script:
            continue
        for lang in (*sorted(scheme.languages), scheme.target):
            if lang not in langs and (lang in ("de", "en") or scheme.script == "Hani"):
                langs.append(lang)
    return langs


def _default_targets(script: str) -> list[str]:
    # pinyin is the de/en form, so a zh-Latn-pinyin block adds nothing; Wade–Giles has its own block
    return ["de", "en"] if script == "Cyrl" else ["de", "en", "zh-Latn-wadegile"]


def _schemes_for(script: str, lang: str) -> list[Scheme]:
    return [s for s in SCHEMES.values() if s.script == script and (lang == s.target or primary(lang) in s.languages)]


# --- name parts -----------------------------------------------------------------------------------


def _split_chinese(text: str) -> NameParts:
    words = text.split()
    if len(words) >= 2:
        return NameParts(given="".join(words[1:]), family=words[0])
    joined = words[0]
    surname = next((s for s in COMPOUND_SURNAMES if joined.startswith(s) and len(joined) > len(s)), None)
    cut = len(surname) if surname else 1
    if len(joined) <= cut:
        return NameParts(family=joined)
    return NameParts(given=joined[cut:], family=joined[:cut])


def _known_parts(glossary: Glossary | None, script: str) -> dict[str, set[str]]:
    """Folded native parts the glossary's persons use, by part, for the blocks in ``script``."""
    known: dict[str, set[str]] = {p: set() for p in PARTS}
    if glossary is None:
        return known
    for entry in glossary.entries:
        if entry.type != "person":
            continue
        for block in entry.names:
            for part in PARTS:
                value = getattr(block, part)
                if value and _script(value) == script:
                    known[part].add(fold(value))
    return known


def _split_cyrillic(words: list[str], order: Order | None, known: dict[str, set[str]]) -> tuple[NameParts, Order, str]:
    """Parts and order of a Cyrillic name, with the reason for the order."""
    if len(words) == 1:
        return NameParts(family=words[0]), order or "given-first", "one word, taken as the family name"
    patronymic = next((i for i, w in enumerate(words) if i and _PATRONYMIC.search(w)), None)
    rest = [i for i in range(len(words)) if i != patronymic]
    first, last = rest[0], rest[-1]
    reason = "as given by --order"
    if order is None:
        scores = {i: _family_score(words[i], known) for i in (first, last)}
        if patronymic is not None and patronymic == len(words) - 1 and len(rest) >= 2:
            order, reason = "family-first", f"the patronymic {words[patronymic]} comes last"
        elif scores[first] > scores[last]:
            order, reason = "family-first", f"{words[first]} looks like the family name"
        elif scores[last] > scores[first]:
            order, reason = "given-first", f"{words[last]} looks like the family name"
        else:
            order, reason = "given-first", "assumed: the endings do not tell; pass --order family-first if it is"
    family_i = first if order == "family-first" else last
    given = " ".join(words[i] for i in rest if i != family_i) or None
    parts = NameParts(given=given, patronymic=words[patronymic] if patronymic is not None else None, family=words[family_i])
    return parts, order, reason


def _family_score(word: str, known: dict[str, set[str]]) -> float:
    key = fold(word)
    score = 2.0 * (key in known["family"]) - 2.0 * (key in known["given"])
    if _FAMILY.search(word):
        score += 1
    elif _FAMILY_WEAK.search(word):
        score += 0.5
    return score


def _script(text: str) -> str | None:
    """The script of the first letter, named as ``--script`` names it (``Cyrl``, ``Hani``, else Unicode's word)."""
    script = script_of(text)
    return None if script is None else _SCRIPT_NAMES.get(script, script)


# --- the suggestion -------------------------------------------------------------------------------


def suggest_forms(
    native: str,
    langs: Sequence[str] = (),
    *,
    glossary: Glossary | None = None,
    source: str | None = None,
    script: str = "auto",
    order: Order | None = None,
) -> Suggestion:
    """Candidate forms of the native name ``native`` for each of ``langs`` (default: every target
    language the schemes cover for its script), with what ``glossary`` already knows about it.

    ``source`` is the native form's language (Cyrillic: default ``ru``, with a note; Han: ``zh``);
    ``order`` overrides the name order read from the input. Raises :class:`SuggestError` for an
    empty name, a script no scheme reads, a ``script`` that does not fit, or a language no scheme
    writes.
    """
    text = " ".join(native.split())
    if not text:
        raise SuggestError("the native form is empty")
    found = detect_script(text)
    if script != "auto":
        wanted = _SCRIPT_ALIASES.get(script.lower())
        if wanted is None:
            raise SuggestError(f"unknown script '{script}' (scripts: auto, Cyrl, Hani)")
        if wanted != found:
            raise SuggestError(f"--script {script}, but the native form is in {_HUMAN[found]} script")
    notes: list[str] = []
    warnings: list[str] = []
    source = _source(text, found, source, notes, warnings)
    targets = list(dict.fromkeys(langs)) or _default_targets(found)
    for lang in targets:
        if not _schemes_for(found, lang):
            covered = ", ".join(target_languages(found))
            raise SuggestError(f"no scheme writes {_HUMAN[found]} names for '{lang}' (languages: {covered})")

    name_order: Order
    if found == "Hani":
        parts, name_order = _split_chinese(text), "family-first"
        if order == "given-first":
            raise SuggestError("Chinese names are family-first; --order given-first does not apply")
        notes.append("name order: family-first (Chinese names); the entry gets name_order: family-first")
    else:
        parts, name_order, reason = _split_cyrillic(text.split(), order, _known_parts(glossary, found))
        notes.append(f"name order in the input: {name_order} ({reason})")
    known = _known(text, found, targets, glossary)
    # de/en/Wade–Giles blocks derive given-first names, unless the entry is family-first (Chinese)
    written: Order = "family-first" if found == "Hani" else "given-first"
    target_forms = tuple(
        _target(lang, found, parts, written, glossary, {k.id for k in known}) for lang in targets
    )
    warnings.extend(_general_warnings(found, source, targets))
    return Suggestion(text, found, source, name_order, parts, target_forms, known, tuple(notes), tuple(warnings))


def _source(text: str, script: str, source: str | None, notes: list[str], warnings: list[str]) -> str:
    if script == "Hani":
        if source is not None and primary(source) != "zh":
            raise SuggestError(f"--from {source}: Han script is read as Chinese (zh) only")
        return source or "zh"
    if source is not None and primary(source) not in CYRILLIC_SOURCES:
        raise SuggestError(f"--from {source}: not a Cyrillic language the schemes read ({', '.join(CYRILLIC_SOURCES)})")
    odd = sorted({c for c in text.lower() if c in _NON_RUSSIAN})
    if odd:
        langs = sorted({lang for c in odd for lang in _NON_RUSSIAN[c].split()})
        names = ", ".join(f"{language_name(lang)} ({lang})" for lang in langs)
        warnings.append(
            f"{', '.join(odd)} {'is not a Russian letter' if len(odd) == 1 else 'are not Russian letters'}: "
            f"{names} write{'s' if len(langs) == 1 else ''} {'it' if len(odd) == 1 else 'them'}; the Russian schemes "
            "read such letters only approximately"
        )
    if source is None:
        notes.append(
            "read as Russian (ru): Cyrillic alone does not tell the language; pass --from "
            + "|".join(CYRILLIC_SOURCES[1:6])
            + "|… if it is another"
        )
        return "ru"
    if primary(source) != "ru":
        warnings.append(
            f"{language_name(source)} ({source}): there is no {language_name(source)} scheme; the candidates are the "
            "Russian rules applied to the letters, and the press often follows the national-language "
            "romanisation instead"
        )
    return source


def _general_warnings(script: str, source: str, targets: list[str]) -> list[str]:
    """What the schemes are known not to cover (from the schemes' own documentation)."""
    if script == "Hani":
        return [
            (
                "pinyin reads each character in its most common reading: check the reading of family names "
                "(曾 Zeng, 单 Shan) and of characters with several readings; names from Taiwan, Hong Kong or "
                "the diaspora usually keep their own romanisation; Japanese and Korean names in Chinese "
                "characters are read as Chinese here, which they are not"
            )
        ]
    out = [
        (
            "names from national languages do not follow the Russian rules: for persons from Kazakhstan, "
            "Kyrgyzstan, Uzbekistan, Tajikistan … the press may write the national form (German Dschaparow, "
            "Toqajew/Tokajew), not the Russian-rule one (Schaparow)"
        )
    ]
    if "de" in map(primary, targets):
        out.append(
            "German keeps traditional spellings of common given names (Alexander, not Alexandr; Maria, "
            "not Marija) that the Duden rules do not produce"
        )
    return out


def _known(text: str, script: str, targets: list[str], glossary: Glossary | None) -> tuple[KnownEntry, ...]:
    """Entries with a form in the input's script whose words are the input's words, in any order."""
    if glossary is None:
        return ()
    key = sorted(fold(text).split())
    out: list[KnownEntry] = []
    for entry in glossary.entries:
        match = next(
            (f for f in entry_forms(entry) if _script(f.text) == script and sorted(fold(f.text).split()) == key),
            None,
        )
        if match is None:
            continue
        infos = entry_infos(entry)
        forms = tuple(
            (lang, tuple((f.text, f.describe()) for f in _infos_for(infos, lang))) for lang in targets
        )
        out.append(
            KnownEntry(
                entry.id,
                entry.display_name(targets[0]),
                match.text,
                match.lang,
                str(entry.position) if entry.position else None,
                forms,
            )
        )
    return tuple(out)


def _infos_for(infos: dict[str, list[FormInfo]], lang: str) -> list[FormInfo]:
    return infos.get(lang) or infos.get(primary(lang)) or []


def _target(
    lang: str, script: str, parts: NameParts, order: Order, glossary: Glossary | None, known: set[str]
) -> TargetForms:
    by_form: dict[NameParts, list[str]] = {}
    warnings: list[str] = []
    for scheme in _schemes_for(script, lang):
        try:
            romanised = _romanise(scheme, parts, script)
        except ValueError as exc:
            warnings.append(f"scheme {scheme.name} has no form: {exc}")
            continue
        unread = [v for _, v in romanised.items() if _script(v) not in (None, "LATIN")]
        if unread:
            warnings.append(f"scheme {scheme.name} cannot read {', '.join(unread)}")
            continue
        by_form.setdefault(romanised, []).append(scheme.name)
    candidates = tuple(
        SchemeCandidate(tuple(names), p, p.short(order), p.full(order)) for p, names in by_form.items()
    )
    attested = _attested(parts, lang, script, glossary, known)
    warnings.extend(_listed(candidates, lang, glossary, known))
    return TargetForms(lang, candidates, attested, tuple(warnings))


def _romanise(scheme: Scheme, parts: NameParts, script: str) -> NameParts:
    if script == "Hani":
        words = scheme.romanize((parts.family or "") + (parts.given or "")).split(" ", 1)
        return NameParts(given=words[1] if len(words) > 1 else None, family=words[0])
    return NameParts(**{p: scheme.romanize(v) for p, v in parts.items()})


def _attested(
    parts: NameParts, lang: str, script: str, glossary: Glossary | None, known: set[str]
) -> tuple[Attestation, ...]:
    """Parts of the input that other persons of the glossary share, and how it writes them in ``lang``."""
    if glossary is None:
        return ()
    found: dict[tuple[str, str, str], list[str]] = {}
    for part, native in parts.items():
        key = fold(native)
        for entry in glossary.entries:
            if entry.type != "person" or entry.id in known:
                continue
            target = entry.language(lang)
            written = getattr(target, part) if target is not None else None
            if not written:
                continue
            if any(
                (v := getattr(b, part)) and _script(v) == script and fold(v) == key for b in entry.names
            ):
                found.setdefault((part, native, written), []).append(entry.id)
    return tuple(Attestation(p, n, w, tuple(ids)) for (p, n, w), ids in found.items())


def _listed(candidates: Sequence[SchemeCandidate], lang: str, glossary: Glossary | None, known: set[str]) -> list[str]:
    """Candidates the glossary lists as wrong forms, or as forms of another entity."""
    if glossary is None:
        return []
    out: list[str] = []
    seen: set[str] = set()
    for cand in candidates:
        for form in dict.fromkeys(f for f in (cand.full, cand.form, cand.parts.family) if f):
            if fold(form) in seen:
                continue
            seen.add(fold(form))
            for result in lookup(form, glossary, lang):
                for m in result.matched:
                    if not m.status.valid:
                        out.append(
                            f"'{form}' ({', '.join(cand.schemes)}) is listed in the glossary as {m.describe()} "
                            f"({lang}, {result.entry.id})"
                        )
                    elif result.entry.id not in known:
                        out.append(f"'{form}' is already a {lang} form of {result.entry.id} ({m.describe()})")
    return list(dict.fromkeys(out))


# --- output ---------------------------------------------------------------------------------------


def _label(schemes: Sequence[str]) -> str:
    return f"candidate (scheme {', '.join(schemes)}), {CANDIDATE_LABEL}"


def render_suggestion(s: Suggestion, fmt: str = "text") -> str:
    """The suggestion as ``text`` (for a person), ``yaml`` (an entry skeleton) or ``json``."""
    if fmt == "json":
        return json.dumps(s.to_dict(), ensure_ascii=False, indent=2) + "\n"
    if fmt == "yaml":
        return render_yaml(s)
    if fmt != "text":
        raise ValueError(f"unknown format {fmt!r}")
    return render_text(s)


def render_text(s: Suggestion) -> str:
    """Plain text: what was read, the glossary's entries, then the candidates per target language."""
    script = "Cyrillic" if s.script == "Cyrl" else "Han"
    lines = [f"{s.native} — {script} script, {language_name(s.source)} ({s.source})"]
    lines.append("  parts: " + ", ".join(f"{p} {v}" for p, v in s.parts.items()))
    lines += [f"  note: {n}" for n in s.notes]
    for k in s.known:
        lines.append("")
        where = f" ({k.where})" if k.where else ""
        lines.append(f"In the glossary: {k.id} — {k.display}{where}, {k.lang} '{k.matched}'.")
        lines.append("  The glossary is the authority; its forms:")
        for lang, forms in k.forms:
            lines.append(f"  {lang}: " + ("; ".join(f"{t} ({d})" for t, d in forms) or "no block yet"))
    for t in s.targets:
        lines.append("")
        lines.append(f"{t.lang} ({language_name(t.lang)})")
        for c in t.candidates:
            shown = c.full if c.full != c.form else c.form
            lines.append(f"  {shown}  — {_label(c.schemes)}")
            lines.append("      " + ", ".join(f"{p}: {v}" for p, v in c.parts.items()))
        for a in t.attested:
            lines.append(
                f"  glossary: {a.part} {a.native} is written '{a.form}' in {t.lang} for {', '.join(a.entries)}"
            )
        lines += [f"  warning: {w}" for w in t.warnings]
    if s.warnings:
        lines.append("")
        lines += [f"warning: {w}" for w in s.warnings]
    return "\n".join(lines) + "\n"


_PLAIN: Final = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^#]*$")
_RESERVED: Final = frozenset({"y", "n", "yes", "no", "true", "false", "on", "off", "null", "~"})


def _scalar(value: str) -> str:
    """A YAML scalar: plain when that reads back as the same string, else double-quoted."""
    if _PLAIN.match(value) and ": " not in value and not value.endswith((" ", ":")) and value.lower() not in _RESERVED:
        try:
            float(value)
        except ValueError:
            return value
    return json.dumps(value, ensure_ascii=False)


def _slug(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", unidecode(text).lower())) or "new-person"


def _skeleton_block(t: TargetForms, blocks: set[str]) -> list[tuple[str, str, str]]:
    """(part, value, comment) for one language block: the first candidate, or the glossary's spelling
    of a part when every other person who has it agrees on it (Александр → Alexander)."""
    best = t.candidates[0]
    # a Wade–Giles form has its own block: it is not an alternative for the de/en block
    others = [
        o for o in t.candidates[1:]
        if not any(SCHEMES[n].target != t.lang and SCHEMES[n].target in blocks for n in o.schemes)
    ]
    out: list[tuple[str, str, str]] = []
    for part, value in best.parts.items():
        attested = [a for a in t.attested if a.part == part]
        if len(attested) == 1 and attested[0].form != value:
            a = attested[0]
            comment = (
                f"the glossary writes {a.native} as {a.form} ({', '.join(a.entries)}); "
                f"candidate {', '.join(best.schemes)}: {value}; verify against a source"
            )
            out.append((part, a.form, comment))
            continue
        alts = [f"{alt} ({', '.join(o.schemes)})" for o in others if (alt := getattr(o.parts, part)) not in (None, value)]
        alts += [f"{a.form} (glossary: {', '.join(a.entries)})" for a in attested if a.form != value]
        alt = f"; or {'; '.join(alts)}" if alts else ""
        out.append((part, value, f"candidate: {', '.join(best.schemes)}{alt}, verify against a source"))
    return out


def _comment_lines(text: str, indent: str = "") -> list[str]:
    return textwrap.wrap(text, 100, initial_indent=f"{indent}# ", subsequent_indent=f"{indent}#   ")


def render_yaml(s: Suggestion) -> str:
    """A ready-to-edit glossary entry: candidate parts per language, marked by comments, no sources."""
    lines = [
        f"# Candidate entry from: normalize glossary suggest --native {shlex.quote(s.native)}",
        "# Every Latin form below is a transliteration candidate, not a glossary fact: verify each one",
        "# against a source, correct it, and list the sources (glossary check flags no-source until then).",
    ]
    for k in s.known:
        where = f" ({k.where})" if k.where else ""
        lines += _comment_lines(f"ALREADY IN THE GLOSSARY as {k.id}{where}: edit that entry instead of adding this one.")
    for w in (*s.warnings, *(w for t in s.targets for w in t.warnings)):
        lines += _comment_lines(f"warning: {w}")
    blocks = {t.lang: _skeleton_block(t, {u.lang for u in s.targets}) for t in s.targets if t.candidates}
    id_lang = "en" if "en" in blocks else next(iter(blocks), None)
    entry_id = "new-person"
    if id_lang is not None:
        parts = NameParts(**{p: v for p, v, _ in blocks[id_lang]})
        entry_id = _slug(parts.short("family-first" if s.script == "Hani" else "given-first"))
    lines += [
        "entries:",
        f"  - id: {entry_id}  # from the {id_lang} forms; kebab-case, unique across the glossary",
        "    type: person",
    ]
    if s.order == "family-first" and s.script == "Hani":
        lines.append("    name_order: family-first")
    lines += [
        "    sources: []  # add at least one URL or reference for these forms",
        "    names:",
    ]
    for t in s.targets:
        lines.append(f"      {t.lang}:")
        if t.lang not in blocks:
            lines.append("        # no candidate: fill in from a source")
            continue
        lines += [f"        {part}: {_scalar(value)}  # {comment}" for part, value, comment in blocks[t.lang]]
    lines.append(f"      {s.source}:  # the native form as given; check it against a source too")
    lines += [f"        {part}: {_scalar(value)}" for part, value in s.parts.items()]
    lines += [
        "    # examples:  # one sentence with a wrong form and its fix, one clean sentence",
        '    #   - {lang: de, text: "…", expect: "…"}',
    ]
    return "\n".join(lines) + "\n"
