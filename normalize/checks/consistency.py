"""Rule ``inconsistent`` (info): one entity written in two valid forms in one document.

Each span the exact pass found valid in the document's language is read as (entity, slot, form).
The first form of a slot sets the document's spelling of that slot; a later span of the same entity
and slot in another form (``Emomalij Rahmon`` after ``Emomali Rahmon``, ``SCO`` after ``SOZ`` where
both are admitted) is reported once per occurrence, pointing at the first. A span that is valid in
some slot already spelled its way (or in a slot not yet seen) is consistent; inflection endings and
case do not count. Ambiguous spans (two entities) are skipped. No fix: which form to keep is the
editor's choice.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..document import Document
from ..findings import Finding
from ..model import Slot
from .terms import Resolved


#: Endings that make a listed form an inflection of another, not another spelling (``Rates``, ``Putins``).
INFLECTIONS = frozenset({"s", "es", "e", "en", "n", "er", "em", "'s", "’s"})


@dataclass(frozen=True, slots=True)
class _First:
    """The first form used for one (entity, slot) in the document."""

    form: str
    start: int
    end: int


def check(doc: Document, resolved: list[Resolved]) -> list[Finding]:
    """One info finding per span that writes an entity otherwise than its first valid span did."""
    first: dict[tuple[str, Slot], _First] = {}
    findings: list[Finding] = []
    for item in resolved:
        ok = [r for r in item.readings if r.verdict == "ok"]
        if _glossed(doc.text, item.start, item.end):
            continue  # "Peking (Beijing)": a gloss gives the other form on purpose
        if not ok or item.finding is not None or len({r.candidate.form.entity for r in ok}) != 1:
            continue
        entity = ok[0].candidate.form.entity
        spelled = {(r.candidate.form.slot, r.candidate.form.text.casefold()): r for r in ok}
        clashes = [first[(entity, slot)] for slot, form in spelled if (entity, slot) in first
                   and not _same_form(first[(entity, slot)].form, form)]
        agrees = any((entity, slot) in first and _same_form(first[(entity, slot)].form, form) for slot, form in spelled)
        for (slot, form), reading in spelled.items():
            first.setdefault((entity, slot), _First(form, item.start, reading.form_end))
        if not clashes or agrees:
            continue
        reading = next(iter(spelled.values()))
        earlier = min(clashes, key=lambda c: c.start)
        line, column = _position(doc, earlier.start)
        written = doc.text[earlier.start : earlier.end]
        here = doc.text[item.start : reading.form_end]
        message = (
            f"'{here}' writes {_name(doc, entity)} otherwise than '{written}' at {line}:{column}; "
            "both are valid, but keep to one form."
        )
        findings.append(doc.finding("inconsistent", item.start, reading.form_end, None, entity, message))
    return findings


def _glossed(text: str, start: int, end: int) -> bool:
    """The span is a whole parenthesis, or the name a parenthesis follows."""
    inside = text[start - 1 : start] == "(" and text[end : end + 1] == ")"
    return inside or text[end : end + 2] == " ("


def _same_form(a: str, b: str) -> bool:
    """Equal, or word by word equal up to an inflection ending (``Rat`` / ``Rates der ...``)."""
    if a == b:
        return True
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb):
        return False
    for x, y in zip(wa, wb):
        short, long = sorted((x, y), key=len)
        if x != y and not (long.startswith(short) and long[len(short) :] in INFLECTIONS):
            return False
    return True


def _position(doc: Document, offset: int) -> tuple[int, int]:
    probe = doc.finding("inconsistent", offset, offset, None, None, "")
    return probe.line, probe.column


def _name(doc: Document, entity: str) -> str:
    entry = doc.glossary.entry(entity)
    return entry.display_name(doc.lang.split("-")[0].lower()) if entry is not None else entity
