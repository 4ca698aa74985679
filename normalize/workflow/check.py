"""``glossary check``: the loader's errors, every entry's examples, and warnings that need a human.

:func:`check_glossary` reads files (the only I/O); :func:`diagnose` and the ``*_diagnostics``
functions are pure functions of the frozen model.
"""

from __future__ import annotations

import os
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from os import PathLike
from pathlib import Path

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

from ..api import fix
from ..fold import fold
from ..forms import valid_texts
from ..langs import language_name
from ..loader import Problem, bundled_dir, check_entries, glossary_files, parse_file
from ..model import Entry, Glossary, LanguageNames, Position, Slot
from .diagnostics import Diagnostic, sort_key
from .scripts import expected_script, form_scripts, intruders
from .words import COMMON_WORD_ZIPF, SMALL_LIST_FLOOR, zipf

#: Two forms of different entities whose folded forms have an ``fuzz.ratio`` at or above this are
#: ambiguous. ratio = 100 * (1 - edits / (len(a) + len(b))) with a substitution costing 2 edits, so
#: 85 is one substituted letter in a name of 7 or more letters ("Wang Yi"/"Wang Yu" = 85.7,
#: "Li Qiang"/"Li Keqiang" = 88.9), while short names that differ by a letter ("Iran"/"Irak" = 75)
#: stay below it: near-miss matching must not be applied to names that short anyway.
AMBIGUITY_RATIO = 85.0
#: ... and at most this many single-letter insertions or deletions apart (a substitution is two):
#: the ratio alone is lenient on long names ("Islamische Republik Pakistan"/"... Iran" = 88), which
#: near-miss matching, tolerating a typo or two, would never confuse.
AMBIGUITY_EDITS = 2

_UNKNOWN = Position("<unknown>", 1, 1)


def check_glossary(
    paths: Sequence[str | PathLike[str]] = (),
    *,
    bundled: bool = False,
    common_word_zipf: float = COMMON_WORD_ZIPF,
    ambiguity_ratio: float = AMBIGUITY_RATIO,
) -> list[Diagnostic]:
    """Check glossary files (or folders) and return every diagnostic, in file order.

    With ``paths`` empty and ``bundled=True`` the bundled glossary itself is checked. With both,
    ``paths`` are checked in the context of the bundled glossary, as ``load_glossary(*paths)`` would
    load them: their entries replace bundled ones with the same id, examples run against the
    combined glossary, and ambiguity is sought against bundled entries too; but only the entries of
    ``paths`` are reported on (the loader's errors are always reported).
    """
    targets = _unique(glossary_files(paths)) if paths else (_unique(glossary_files([bundled_dir()])) if bundled else [])
    known = {_key(p) for p in targets}
    context = [p for p in _unique(glossary_files([bundled_dir()])) if _key(p) not in known] if bundled and paths else []
    own: list[Entry] = []
    base: list[Entry] = []
    problems: list[Problem] = []
    for files, into in ((targets, own), (context, base)):
        for path in files:
            entries, found = parse_file(path)
            into.extend(entries)
            problems.extend(found)
    own_ids = {e.id for e in own}
    base = [e for e in base if e.id not in own_ids]
    problems.extend(check_entries([*base, *own]))
    return diagnose(own, base, problems, common_word_zipf=common_word_zipf, ambiguity_ratio=ambiguity_ratio)


def diagnose(
    own: Sequence[Entry],
    base: Sequence[Entry] = (),
    problems: Iterable[Problem] = (),
    *,
    common_word_zipf: float = COMMON_WORD_ZIPF,
    ambiguity_ratio: float = AMBIGUITY_RATIO,
) -> list[Diagnostic]:
    """All diagnostics for the entries ``own``, with ``base`` as context and the loader's problems."""
    problems = list(problems)
    out = [Diagnostic(p.position, "error", "load", p.message, p.entry) for p in problems]
    everything = [*base, *own]
    if problems:
        where = Position(problems[0].position.path, 1, 1)
        out.append(Diagnostic(where, "info", "skipped", "examples were not run: fix the errors first"))
    else:
        glossary = Glossary(entries=tuple(sorted(everything, key=lambda e: e.id)))
        out.extend(example_diagnostics(own, glossary))
    langs = sorted({b.lang for e in everything for b in e.names})
    for entry in own:
        out.extend(source_diagnostics(entry))
        out.extend(preferred_diagnostics(entry))
        out.extend(script_diagnostics(entry))
        out.extend(common_word_diagnostics(entry, langs, common_word_zipf))
    out.extend(ambiguity_diagnostics(everything, {e.id for e in own}, ambiguity_ratio))
    return sorted(set(out), key=sort_key)


# --- examples -----------------------------------------------------------------------------------


def example_diagnostics(entries: Iterable[Entry], glossary: Glossary) -> list[Diagnostic]:
    """Run every example through :func:`normalize.fix`; an error for each one that differs."""
    out: list[Diagnostic] = []
    for entry in entries:
        for example in entry.examples:
            where = example.position or entry.position or _UNKNOWN
            try:
                fixed = fix(example.text, example.lang, glossary)
            except Exception as exc:  # an engine crash is reported, not raised, in CI
                out.append(Diagnostic(where, "error", "example", f"fixing the example crashed: {exc!r}", entry.id))
                continue
            if fixed != example.expect:
                out.append(
                    Diagnostic(
                        where,
                        "error",
                        "example",
                        f"fixing the {example.lang} example gives {_q(fixed)}, expected {_q(example.expect)}",
                        entry.id,
                    )
                )
    return out


# --- per-entry warnings -------------------------------------------------------------------------


def source_diagnostics(entry: Entry) -> list[Diagnostic]:
    """``no-source``: the entry lists no source at all."""
    if entry.sources:
        return []
    return [
        Diagnostic(
            entry.position or _UNKNOWN,
            "warning",
            "no-source",
            "no sources: list where the forms come from (URL or reference)",
            entry.id,
        )
    ]


def preferred_diagnostics(entry: Entry) -> list[Diagnostic]:
    """``no-preferred``: a language block with nothing that a wrong form could be replaced by."""
    out = []
    for block in entry.names:
        if block.preferred or block.family or block.abbreviations or block.adjective:
            continue
        out.append(
            Diagnostic(
                block.position or entry.position or _UNKNOWN,
                "warning",
                "no-preferred",
                f"the '{block.lang}' block has no preferred form, family name, abbreviation or adjective",
                entry.id,
            )
        )
    return out


def written_forms(block: LanguageNames) -> list[tuple[str, str, Position | None]]:
    """Every form written in a block: (text, field, position), in field order, without repeats."""
    pos = block.position
    out: list[tuple[str, str, Position | None]] = []
    for field_name in ("preferred", "adjective", "given", "patronymic", "family"):
        value = getattr(block, field_name)
        if value:
            out.append((value, field_name, pos))
    out.extend((a, "abbreviation", pos) for a in block.abbreviations)
    for field_name in ("admitted", "deprecated", "mistranslations"):
        out.extend((v.form, field_name, v.position or pos) for v in getattr(block, field_name))
    seen: set[str] = set()
    return [t for t in out if not (t[0] in seen or seen.add(t[0]))]  # type: ignore[func-returns-value]


def script_diagnostics(entry: Entry) -> list[Diagnostic]:
    """``mixed-script`` (error): a word mixing scripts, the look-alike hazard (fold() maps Cyrillic
    "\u0430" to "a", so matching would not notice, but fixing would write the look-alike into copy).
    ``wrong-script`` (warning): a form in another script than its language uses."""
    out: list[Diagnostic] = []
    for block in entry.names:
        expected = expected_script(block.lang)
        for text, field_name, position in written_forms(block):
            where = position or entry.position or _UNKNOWN
            found = intruders(text)
            if found:
                listed = "; ".join(i.describe() for i in found[:3])
                more = f" and {len(found) - 3} more" if len(found) > 3 else ""
                out.append(
                    Diagnostic(
                        where,
                        "error",
                        "mixed-script",
                        f"{block.lang} {field_name} {_q(text)} mixes scripts: {listed}{more}",
                        entry.id,
                    )
                )
                continue
            scripts = form_scripts(text)
            other = [s for s in scripts if s != expected]
            if expected is not None and other:
                out.append(
                    Diagnostic(
                        where,
                        "warning",
                        "wrong-script",
                        f"{block.lang} {field_name} {_q(text)} is written in {' and '.join(s.title() for s in other)}; "
                        f"{language_name(block.lang)} ({block.lang}) is written in {expected.title()}",
                        entry.id,
                    )
                )
    return out


def common_word_diagnostics(
    entry: Entry, langs: Sequence[str], threshold: float = COMMON_WORD_ZIPF
) -> list[Diagnostic]:
    """``common-word``: a deprecated form that is a common word of its own language, or a
    mistranslation that is a common word of any language of the glossary (mistranslations are
    flagged in every language) in the same script. An all-capitals form only matches
    all-capitals text, so it is reported as ``info``. Languages without a wordfreq list are skipped."""
    out: list[Diagnostic] = []
    wordlist = "small" if threshold >= SMALL_LIST_FLOOR else "best"
    for block in entry.names:
        checks = [("deprecated", v, [block.lang]) for v in block.deprecated]
        for variant in block.mistranslations:
            scripts = set(form_scripts(variant.form))
            others = [lang for lang in langs if lang != block.lang and expected_script(lang) in scripts]
            checks.append(("mistranslated", variant, [block.lang, *others]))
        for what, variant, in_langs in checks:
            hits: list[str] = []
            for lang in in_langs:
                z = zipf(variant.form, lang, wordlist)
                if z is not None and z >= threshold:
                    hits.append(f"{language_name(lang)} ({lang}, Zipf {z:.1f})")
            if not hits:
                continue
            letters = [c for c in variant.form if c.isalpha()]
            caps = len(letters) >= 2 and all(c.isupper() for c in letters)
            out.append(
                Diagnostic(
                    variant.position or block.position or entry.position or _UNKNOWN,
                    "info" if caps else "warning",
                    "common-word",
                    f"{what} form {_q(variant.form)} is a common word in {', '.join(hits)}, at or above {threshold}: "
                    + (
                        "it is flagged only in all-capitals text"
                        if caps
                        else "clean prose using the word would be flagged"
                    ),
                    entry.id,
                )
            )
    return out


# --- ambiguity ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Form:
    key: str
    text: str
    entry: str
    family: bool
    position: Position | None


def _valid_forms(entries: Iterable[Entry]) -> dict[str, list[_Form]]:
    """lang -> valid forms of all entries, one per (entry, folded form)."""
    by_lang: dict[str, list[_Form]] = defaultdict(list)
    for entry in entries:
        for block in entry.names:
            seen: set[str] = set()
            for text, slot, _status in valid_texts(entry, block):
                key = fold(text)
                if not key or key in seen:
                    continue
                seen.add(key)
                position = next((v.position for v in block.admitted if v.form == text), None) or block.position
                family = entry.type == "person" and slot is Slot.FAMILY
                by_lang[block.lang].append(_Form(key, text, entry.id, family, position or entry.position))
    return by_lang


def ambiguity_diagnostics(
    entries: Sequence[Entry],
    report: set[str] | None = None,
    threshold: float = AMBIGUITY_RATIO,
    max_edits: int = AMBIGUITY_EDITS,
) -> list[Diagnostic]:
    """``ambiguity``: valid forms of two entities, in one language, at ``fuzz.ratio >= threshold``
    and at most ``max_edits`` insertions/deletions apart (both on folded forms).

    Forms are compared only within a block of the same language and first folded letter, and only
    with forms whose length allows a match at all (at most ``max_edits`` longer, and
    ``ratio <= 200 * min / (a + b)``); the remaining comparisons run in rapidfuzz's C++ loop
    (20,000 names: about a second). A family name shared by two persons is not
    reported: the engine already refuses to match it alone. Only pairs involving an entry of
    ``report`` (default: all) are reported, once per pair of forms, listing the languages.
    """
    pairs: dict[tuple[str, str, str, str], tuple[_Form, _Form, float, list[str]]] = {}
    reach = 200.0 / threshold - 1.0  # longest partner length, as a multiple of the shorter length
    for lang, forms in _valid_forms(entries).items():
        blocks: dict[str, list[_Form]] = defaultdict(list)
        for form in forms:
            blocks[form.key[0]].append(form)
        for block in blocks.values():
            block.sort(key=lambda f: len(f.key))
            keys = [f.key for f in block]
            lengths = [len(k) for k in keys]
            for i, a in enumerate(block):
                end = bisect_right(lengths, min(len(a.key) * reach + 1e-9, len(a.key) + max_edits))
                # the inner loop runs in rapidfuzz's C++: candidates at or above the threshold only
                for _key, score, j in process.extract(
                    a.key, keys[i + 1 : end], scorer=fuzz.ratio, score_cutoff=threshold, limit=None
                ):
                    b = block[i + 1 + j]
                    if a.entry == b.entry or (a.family and b.family and a.key == b.key):
                        continue
                    if report is not None and a.entry not in report and b.entry not in report:
                        continue
                    if Indel.distance(a.key, b.key, score_cutoff=max_edits) > max_edits:
                        continue
                    first, second = sorted((a, b), key=lambda f: (f.entry, f.key))
                    ident = (first.entry, second.entry, first.key, second.key)
                    if ident in pairs:
                        pairs[ident][3].append(lang)
                    else:
                        pairs[ident] = (first, second, score, [lang])
    out: list[Diagnostic] = []
    for first, second, score, langs in pairs.values():
        this, other = (second, first) if report is None or second.entry in report else (first, second)
        how = (
            "is the same as" if first.key == second.key else f"is close to (similarity {score:.0f} >= {threshold:.0f})"
        )
        out.append(
            Diagnostic(
                this.position or _UNKNOWN,
                "warning",
                "ambiguity",
                f"{_q(this.text)} {how} {_q(other.text)} of '{other.entry}' in {', '.join(sorted(set(langs)))}: "
                "near-miss matching could not tell them apart",
                this.entry,
            )
        )
    return out


# --- helpers ------------------------------------------------------------------------------------


def _q(text: str) -> str:
    return "'" + text.replace("\n", "\\n") + "'"


def _key(path: Path) -> str:
    try:
        return os.path.realpath(path)
    except OSError:  # pragma: no cover
        return str(path)


def _unique(paths: Iterable[Path]) -> list[Path]:
    seen: set[str] = set()
    out = []
    for path in paths:
        key = _key(path)
        if key not in seen:
            seen.add(key)
            out.append(path)
    return out
