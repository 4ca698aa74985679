"""Surface forms of an entry: the valid name per slot and every form the matcher must know."""

from __future__ import annotations

from collections.abc import Iterator

from .model import Entry, Form, LanguageNames, Slot, Status, Variant


def case_shape(form: str) -> str:
    """``upper`` (an acronym: two or more letters, all capitals), ``capital`` or ``any``.

    Text matches an ``upper`` form only when it has no lower-case letter, a ``capital`` one only when it
    does not start lower-case.
    """
    if len(form) > 1 and form[0].isalpha() and form[0].isupper() and form[1].isalpha() and form[1].islower():
        return "capital"  # most names: decided by their first two letters
    letters = [c for c in form if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return "upper"
    if letters and letters[0].isupper():
        return "capital"
    return "any"


def person_forms(entry: Entry, block: LanguageNames) -> dict[Slot, str]:
    """Full, short and family name built from a person's parts (empty if it has none)."""
    if not block.family:
        return {}
    given = block.given or ""
    if entry.name_order == "family-first":
        short = f"{block.family} {given}".strip()
        full = f"{block.family} {given} {block.patronymic or ''}".strip()
    else:
        short = f"{given} {block.family}".strip()
        full = " ".join(p for p in (block.given, block.patronymic, block.family) if p)
    return {Slot.FULL: full, Slot.SHORT: short, Slot.FAMILY: block.family}


def valid_slots(entry: Entry, block: LanguageNames) -> dict[Slot, str]:
    """The preferred text of each slot this language block fills."""
    slots: dict[Slot, str] = dict(person_forms(entry, block))
    if block.preferred:
        slots[Slot.FULL] = block.preferred
        slots.setdefault(Slot.SHORT, block.preferred)
    elif Slot.SHORT in slots:
        pass
    if block.abbreviations:
        slots[Slot.ABBREVIATION] = block.abbreviations[0]
    if block.adjective:
        slots[Slot.ADJECTIVE] = block.adjective
    return slots


def valid_texts(
    entry: Entry, block: LanguageNames, slots: dict[Slot, str] | None = None
) -> list[tuple[str, Slot, Status]]:
    """Every valid form written or derived for this block, with its slot and status.

    ``slots`` is ``valid_slots(entry, block)`` if the caller has it already.
    """
    out: list[tuple[str, Slot, Status]] = []
    if slots is None:
        slots = valid_slots(entry, block)
    preferred = dict(slots)
    if Slot.FULL in preferred and preferred.get(Slot.FULL) == preferred.get(Slot.SHORT):
        # one text, one slot: a person's name without patronymic maps like for like to the short
        # name of a language that has one; anything else is just its full name
        del preferred[Slot.FULL if entry.type == "person" else Slot.SHORT]
    for slot, text in preferred.items():
        out.append((text, slot, Status.PREFERRED))
    for abbreviation in block.abbreviations[1:]:
        out.append((abbreviation, Slot.ABBREVIATION, Status.ADMITTED))
    for variant in block.admitted:
        out.append((variant.form, slot_of(entry, block, variant, slots), Status.ADMITTED))
    return out


def slot_of(entry: Entry, block: LanguageNames, variant: Variant, slots: dict[Slot, str] | None = None) -> Slot:
    """The slot a listed form stands for: from ``use`` if given, else from its shape.

    ``slots`` is ``valid_slots(entry, block)`` if the caller has it already.
    """
    if slots is None:
        slots = valid_slots(entry, block)
    if variant.use:
        best: tuple[int, Slot] | None = None
        for slot, text in slots.items():
            if variant.use.startswith(text) and (best is None or len(text) > best[0]):
                best = (len(text), slot)
        for abbreviation in block.abbreviations:
            if variant.use.startswith(abbreviation) and (best is None or len(abbreviation) > best[0]):
                best = (len(abbreviation), Slot.ABBREVIATION)
        if best is not None:
            return best[1]
    return guess_slot(entry, variant.form, slots)


def guess_slot(entry: Entry, form: str, slots: dict[Slot, str]) -> Slot:
    """Guess a slot from the shape of a form (all caps, lower-case initial, one word)."""
    letters = [c for c in form if c.isalpha()]
    if Slot.ABBREVIATION in slots and len(letters) >= 2 and all(c.isupper() for c in letters):
        return Slot.ABBREVIATION
    if Slot.ADJECTIVE in slots and form[:1].islower():
        return Slot.ADJECTIVE
    if entry.type == "person":
        words = len(form.split())
        if words == 1 and Slot.FAMILY in slots:
            return Slot.FAMILY
        if words == 2 and Slot.SHORT in slots:
            return Slot.SHORT
    return Slot.FULL


def target_for(entry: Entry, lang: str, slot: Slot) -> tuple[str | None, bool]:
    """The valid text replacing a form of ``slot`` in ``lang``, and whether that is like for like.

    Returns ``(None, False)`` when the language has no form for the entity at all.
    """
    block = entry.language(lang)
    if block is None:
        return None, False
    slots = valid_slots(entry, block)
    if slot in slots:
        return slots[slot], True
    fallbacks = {
        Slot.SHORT: (Slot.FULL,),
        Slot.FAMILY: (),
        Slot.ABBREVIATION: (Slot.FULL,),
        Slot.ADJECTIVE: (),
        Slot.FULL: (Slot.SHORT,),
    }
    for other in fallbacks[slot]:
        if other in slots:
            return slots[other], slot is Slot.FULL
    return None, False


def entry_forms(entry: Entry) -> Iterator[Form]:
    """Every surface form of an entry, valid or wrong, for the matcher."""
    for block in entry.names:
        slots = valid_slots(entry, block)
        written = {block.preferred, *block.abbreviations, block.adjective}
        for text, slot, status in valid_texts(entry, block, slots):
            generated = entry.type == "person" and text not in written
            yield Form(text, entry.id, block.lang, status, slot, generated=generated)
        for status, variants in (
            (Status.DEPRECATED, block.deprecated),
            (Status.MISTRANSLATION, block.mistranslations),
        ):
            for variant in variants:
                slot = slot_of(entry, block, variant, slots)
                target = variant.use or slots.get(slot)
                yield Form(variant.form, entry.id, block.lang, status, slot, target=target)
