"""The validated glossary model: immutable entries, language blocks and derived surface forms."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .matcher import Matcher


#: The kinds of entity an entry can be.
ENTRY_TYPES = ("organization", "body", "country", "city", "region", "person", "other")
#: How a person's name parts are ordered.
NAME_ORDERS = ("given-first", "family-first")


class Status(str, Enum):
    """How a form stands in its language (TBX administrative status, plus ``mistranslation``)."""

    PREFERRED = "preferred"
    ADMITTED = "admitted"
    DEPRECATED = "deprecated"
    MISTRANSLATION = "mistranslation"

    @property
    def valid(self) -> bool:
        return self in (Status.PREFERRED, Status.ADMITTED)


class Slot(str, Enum):
    """Which kind of name a form is, so that wrong forms map like for like across languages."""

    FULL = "full"
    SHORT = "short"
    FAMILY = "family"
    ABBREVIATION = "abbreviation"
    ADJECTIVE = "adjective"


@dataclass(frozen=True, slots=True)
class Position:
    """Where something was written: file, 1-based line and column."""

    path: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class Variant:
    """A form listed under ``admitted``, ``deprecated`` or ``mistranslations``."""

    form: str
    use: str | None = None
    """The valid form it stands for (may carry an inflection), if given."""
    note: str | None = None
    source: str | None = None
    position: Position | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class LanguageNames:
    """The forms of one entity in one language."""

    lang: str
    preferred: str | None = None
    abbreviations: tuple[str, ...] = ()
    adjective: str | None = None
    given: str | None = None
    patronymic: str | None = None
    family: str | None = None
    admitted: tuple[Variant, ...] = ()
    deprecated: tuple[Variant, ...] = ()
    mistranslations: tuple[Variant, ...] = ()
    note: str | None = None
    sources: tuple[str, ...] = ()
    position: Position | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Example:
    """A test case carried by an entry: fixing ``text`` in ``lang`` gives ``expect``."""

    lang: str
    text: str
    expect: str
    position: Position | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Entry:
    """One entity: an organisation, a body, a place or a person."""

    id: str
    type: str
    names: tuple[LanguageNames, ...]
    sources: tuple[str, ...]
    note: str | None = None
    wikidata: str | None = None
    name_order: str = "given-first"
    examples: tuple[Example, ...] = ()
    position: Position | None = field(default=None, compare=False)

    def language(self, lang: str) -> LanguageNames | None:
        """The language block for ``lang``, or ``None``."""
        for block in self.names:
            if block.lang == lang:
                return block
        return None

    def display_name(self, lang: str = "en") -> str:
        """A name for messages: the preferred form in ``lang``, else English, else the id."""
        from .forms import valid_slots

        for code in (lang, "en"):
            block = self.language(code)
            if block is not None:
                slots = valid_slots(self, block)
                for slot in (Slot.SHORT, Slot.FULL):
                    if slot in slots:
                        return slots[slot]
        return self.id


@dataclass(frozen=True, slots=True)
class Form:
    """A surface form the matcher knows, with everything needed to judge it."""

    text: str
    entity: str
    lang: str
    status: Status
    slot: Slot
    target: str | None = None
    """For wrong forms: the explicit valid form (with inflection) to use in :attr:`lang`."""
    generated: bool = False
    """Derived from person parts rather than written in the glossary."""


@dataclass(frozen=True)
class Glossary:
    """A validated set of entries; compiles its matcher once, on first use."""

    entries: tuple[Entry, ...]
    sources: tuple[str, ...] = ()
    """The files the entries were loaded from."""
    _matcher: Any = field(default=None, init=False, repr=False, compare=False)

    def entry(self, entry_id: str) -> Entry | None:
        """The entry with this id, or ``None``."""
        positions = self.__dict__.get("_positions")
        if positions is not None:  # loaded from the cache: only the entry asked for is unpickled
            position = positions.get(entry_id)
            return None if position is None else self.entries[position]
        return self._by_id().get(entry_id)

    def _by_id(self) -> dict[str, Entry]:
        cached = self.__dict__.get("_by_id_cache")
        if cached is None:
            cached = {e.id: e for e in self.entries}
            object.__setattr__(self, "_by_id_cache", cached)
        return cached

    @property
    def matcher(self) -> Matcher:
        """The compiled matcher, built on first access and kept (it pickles with the glossary)."""
        if self._matcher is None:
            from .matcher import compile_matcher

            with gc_paused():
                object.__setattr__(self, "_matcher", compile_matcher(self))
        return self._matcher

    def __getstate__(self) -> dict[str, Any]:
        state = {"entries": self.entries, "sources": self.sources, "_matcher": self._matcher}
        if "_positions" in self.__dict__:
            state["_positions"] = self.__dict__["_positions"]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        for key, value in state.items():
            object.__setattr__(self, key, value)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a glossary is loaded or compiled.

    Both make millions of small objects that all stay alive: the collector would only walk them again
    and again (about half of the load and a third of the compile at 100k entries) and free nothing.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
