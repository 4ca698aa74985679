"""Rules ``duplicated-gloss`` and ``variant-gloss``: a name followed by a parenthesis that adds nothing.

``Cai Qi (Cai Qi)`` repeats the name: any name, in the glossary or not. ``Wang Yi (Wang I)`` and
``Lukaschenko (Lukašenko)`` give another spelling of the same name: found when both spellings are
forms of one glossary person, or when they differ only in diacritics; for names in no glossary, when
one is the other's Wade–Giles (``Han Zheng (Han Cheng)``) or both share a transliteration skeleton
(``Maria Sacharowa (Maria Zakharova)``). A parenthesis giving an
abbreviation, a native-script form or a form valid in the document's language is left alone.
"""

from __future__ import annotations

import re

from ..document import Document
from ..findings import Finding
from ..fold import fold
from ..langs import language_name, script_of
from ..model import Slot
from ..nearkeys import spelled
from .terms import Resolved

_GLOSS = re.compile(r"\((?P<inner>[^()\n]{1,120})\)")
_WORD_END = re.compile(r"\w$")


def check(doc: Document, resolved: list[Resolved]) -> list[Finding]:
    """Findings for glosses; they replace term findings inside the parenthesis."""
    by_end = {r.end: r for r in resolved}
    by_start = {r.start: r for r in resolved}
    findings: list[Finding] = []
    text = doc.text
    for match in _GLOSS.finditer(text):
        start = _space_before(text, match.start())
        if start == 0 or not _WORD_END.search(text[max(0, start - 1) : start]):
            continue
        inner = match.group("inner").strip()
        if not any(c.isalpha() for c in inner):
            continue
        words = inner.split()
        before = text[max(0, start - 40 * len(words) - 40) : start].split()[-len(words) :]
        name = " ".join(before)
        if len(before) == len(words) and name.casefold() == " ".join(words).casefold():
            if inner[0].isupper() or not inner[0].islower():
                findings.append(
                    doc.finding(
                        "duplicated-gloss",
                        start,
                        match.end(),
                        "",
                        None,
                        f"The parenthesis repeats '{name}'; remove it.",
                    )
                )
            continue
        if len(before) == len(words) and fold(name) == fold(inner) and script_of(name) == script_of(inner):
            findings.append(
                doc.finding(
                    "variant-gloss",
                    start,
                    match.end(),
                    "",
                    None,
                    f"'{inner}' spells '{name}' again with other accents; remove the parenthesis.",
                )
            )
            continue
        gloss = by_start.get(match.start("inner") + _lead(match))
        finding = _glossary_gloss(doc, start, match, by_end.get(start), gloss)
        whole_valid = gloss is not None and gloss.ok and gloss.end - gloss.start == len(inner)
        if finding is None and len(before) == len(words) and not whole_valid:
            finding = _transliteration_gloss(doc, start, match.end(), name, inner)
        if finding is not None:
            findings.append(finding)
    return findings


def _transliteration_gloss(doc: Document, start: int, end: int, name: str, inner: str) -> Finding | None:
    """``Han Zheng (Han Cheng)``, ``Maria Sacharowa (Maria Zakharova)``: one name in two romanisations.

    For names in no glossary: both must look like names (every word capitalised, Latin script),
    and either the parenthesis read as Wade–Giles gives the name in pinyin (or the other way round),
    or both have the same transliteration skeleton (:func:`normalize.nearkeys.spelled`).
    """
    if not (_name_shaped(name) and _name_shaped(inner)) or script_of(name) != "LATIN" or script_of(inner) != "LATIN":
        return None
    how = _wade_giles(name, inner)
    if how is None:
        a, b = fold(name), fold(inner)
        if a == b or spelled(name, a) != spelled(inner, b):
            return None
        how = "another transliteration"
    return doc.finding(
        "variant-gloss", start, end, "", None, f"'{inner}' is {how} of '{name}'; remove the parenthesis."
    )


def _name_shaped(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= 4 and all(w[:1].isupper() and any(c.isalpha() for c in w) for w in words)


def _wade_giles(name: str, inner: str) -> str | None:
    """Which romanisation ``inner`` is when it is ``name`` in pinyin ↔ Wade–Giles, else ``None``."""
    from ..translit.chinese import wadegiles_to_pinyin_readings

    for pinyin, wade, how in ((name, inner, "the Wade–Giles spelling"), (inner, name, "the pinyin spelling")):
        try:
            readings = wadegiles_to_pinyin_readings(wade.replace("’", "'"))
        except ValueError:
            continue
        if fold(pinyin) != fold(wade) and any(fold(r) == fold(pinyin) for r in readings):
            return how
    return None


def _space_before(text: str, pos: int) -> int:
    """Start of the blanks (not line breaks) just before ``pos``."""
    while pos > 0 and text[pos - 1] in " \t\u00a0\u202f":
        pos -= 1
    return pos


def _lead(match: re.Match[str]) -> int:
    inner = match.group("inner")
    return len(inner) - len(inner.lstrip())


def _glossary_gloss(
    doc: Document, start: int, match: re.Match[str], name: Resolved | None, gloss: Resolved | None
) -> Finding | None:
    if name is None or gloss is None or not name.ok or gloss.ok:
        return None
    inner = match.group("inner").strip()
    if gloss.end - gloss.start != len(inner):
        return None
    shared = name.entities & gloss.entities
    if not shared:
        return None
    entity = doc.glossary.entry(next(iter(sorted(shared))))
    if entity is None or entity.type != "person":
        return None
    if any(r.candidate.form.slot is Slot.ABBREVIATION for r in gloss.readings):
        return None
    if script_of(inner) != script_of(doc.text[name.start : name.end]):
        return None
    spelled = doc.text[name.start : name.end]
    scheme = {r.candidate.form.lang for r in gloss.readings if r.candidate.form.entity == entity.id}
    how = " or ".join(sorted(language_name(s) for s in scheme))
    return doc.finding(
        "variant-gloss",
        start,
        match.end(),
        "",
        entity.id,
        f"'{inner}' is the {how} spelling of '{spelled}'; remove the parenthesis.",
    )
