"""Russian → German press transcription (the Duden rules, as German Wikipedia and dpa apply them).

No package implements it, so this is a table plus the context rules of the Duden as quoted by German
Wikipedia's transcription notes (copy read: https://studopedia.info/5-39741.html; table also at
https://de.m.wiktionary.org/wiki/Wiktionary:Kyrillisches_Alphabet):

- е → je at the start of a word, after a vowel letter and after ъ ь, else e (Ельцин → Jelzin);
- ё → jo, but o after ж ч ш щ (Горбачёв → Gorbatschow);
- й → j before a vowel (the j of a following ё ю я is enough: Майя → Maja); after и ы it is
  dropped at the end of a word and j before a consonant (Горький → Gorki, Новороссийск →
  Noworossijsk); otherwise i (Андрей → Andrei, Чуйков → Tschuikow);
- ж ш → sch, щ → schtsch, ч → tsch, х → ch, ц → z, з → s, в → w, ы → y, э → e, ю → ju, я → ja;
- с → ss between vowel letters (Касым → Kassym), else s; кс → x ("in allen Fällen", says the Duden;
  German Wikipedia keeps ks in words of Slavic origin, which a rule cannot tell);
- ъ is dropped; ь is dropped, but j before о.

Two variants differ in one point, ей at the end of a word: the Duden and German Wikipedia write ei
(Sergei, Alexei), German agencies and most newspapers ej (Sergej Lawrow, Alexej Nawalny):
``variant="press"`` (the default) or ``variant="strict"``.

Not covered, by design: г → w in the adjective endings -ого/-его (names hardly have them, and Того
must stay Togo); an е that stands for an unwritten ё (write the ё in the glossary's native form);
traditional spellings (Alexander, not Alexandr; Maria, not Marija) and names that come from another
language (Dschaparow, Toqajew). The output is a candidate; the glossary stays the authority.
"""

from __future__ import annotations

from functools import partial
from types import MappingProxyType
from typing import Final, Literal

from ._cyrillic import VOWELS, neighbours, transliterate

Variant = Literal["press", "strict"]

_LETTERS: Final = MappingProxyType({
    "а": "a", "б": "b", "в": "w", "г": "g", "д": "d", "ж": "sch", "з": "s", "и": "i", "к": "k",
    "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "т": "t", "у": "u", "ф": "f",
    "х": "ch", "ц": "z", "ч": "tsch", "ш": "sch", "щ": "schtsch", "ъ": "", "ы": "y", "э": "e",
    "ю": "ju", "я": "ja",
})
_IOTATED: Final = frozenset("ёюя")
_HUSHING: Final = frozenset("жчшщ")
_IOTATING: Final = VOWELS | frozenset("ъь")


def romanize(text: str, *, variant: Variant = "press") -> str:
    """Transcribe the Cyrillic words of ``text`` into German (``Сергей Лавров`` → ``Sergej Lawrow``)."""
    return transliterate(text, partial(_rule, final_ej=variant == "press"))


def _rule(word: str, i: int, *, final_ej: bool) -> tuple[str, int]:
    char = word[i]
    prev, nxt = neighbours(word, i)
    if char == "е":
        return ("je" if not prev or prev in _IOTATING else "e"), 1
    if char == "ё":
        return ("o" if prev in _HUSHING else "jo"), 1
    if char == "й":
        return _short_i(prev, nxt, final_ej), 1
    if char == "ь":
        return ("j" if nxt == "о" else ""), 1
    if char == "к" and nxt == "с":
        return "x", 2
    if char == "с":
        return ("ss" if prev in VOWELS and nxt in VOWELS else "s"), 1
    return _LETTERS[char], 1


def _short_i(prev: str, nxt: str, final_ej: bool) -> str:
    """й by its neighbours (the Duden's note on й, plus the press's -ej)."""
    if nxt in _IOTATED:
        return ""
    if nxt in VOWELS or not prev:
        return "j"
    if prev in ("и", "ы"):
        return "j" if nxt else ""
    if prev == "е" and not nxt and final_ej:
        return "j"
    return "i"
