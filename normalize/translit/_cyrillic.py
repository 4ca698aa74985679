"""Shared machinery of the Cyrillic schemes: input clean-up, words, context, letter case.

A scheme supplies a :data:`Rule` over one lower-case Russian word; :func:`transliterate` does the
rest: Unicode normalisation, splitting the text into words, folding letters of other Cyrillic
alphabets to their nearest Russian letter, and carrying the letter case over (``Ш`` → ``Sch``,
``ШАВКАТ`` → ``SCHAWKAT``). Whatever the input, the output holds no Cyrillic character.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import lru_cache
from itertools import groupby
from types import MappingProxyType
from typing import Final

from unidecode import unidecode

#: The 33 letters of the Russian alphabet, lower case.
RUSSIAN: Final = frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")
#: Russian vowel letters.
VOWELS: Final = frozenset("аеёиоуыэюя")
#: Russian consonant letters (ъ, ь and й are neither here nor in :data:`VOWELS`).
CONSONANTS: Final = frozenset("бвгджзклмнпрстфхцчшщ")

#: Letters of other Cyrillic alphabets (kk, ky, uz, tg, mn, uk, be, sr, mk) mapped to the nearest
#: Russian letters, so that a Russian scheme still proposes a candidate (Тоқаев → Tokajew). This is an
#: approximation for candidate generation, not those languages' own romanisations.
_TO_RUSSIAN: Final = MappingProxyType({
    "ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "һ": "х", "і": "и",
    "ҳ": "х", "ҷ": "ч", "ӣ": "и", "ӯ": "у", "ў": "у",
    "є": "е", "ї": "йи", "ґ": "г",
    "ј": "й", "љ": "ль", "њ": "нь", "џ": "дж", "ђ": "дж", "ћ": "ч", "ѓ": "г", "ќ": "к", "ѕ": "дз",
})

#: Stress marks in dictionary-style input (``Пу́тин``); they are not part of the name.
_STRESS: Final = frozenset("\u0300\u0301")

Rule = Callable[[str, int], tuple[str, int]]
"""``rule(word, i) -> (latin, consumed)``: romanise ``word[i:i + consumed]`` (``consumed >= 1``) of a
lower-case word of Russian letters, looking at neighbours for context; ``latin`` is lower case."""


def transliterate(text: str, rule: Rule) -> str:
    """Romanise every Cyrillic word of ``text`` with ``rule``; other characters are kept."""
    text = "".join(c for c in unicodedata.normalize("NFC", text) if c not in _STRESS)
    pieces: list[str] = []
    for is_word, run in groupby(text, key=_is_cyrillic_letter):
        chars = "".join(run)
        pieces.append(_word(chars, rule) if is_word else "".join(map(_other, chars)))
    return "".join(pieces)


def _word(word: str, rule: Rule) -> str:
    """Romanise one run of Cyrillic letters; letters no Russian letter stands for fall back to unidecode."""
    all_caps = len(word) > 1 and word.isupper()
    pieces: list[str] = []
    for foldable, run in groupby(word, key=lambda c: _fold(c.lower()) is not None):
        chars = "".join(run)
        if not foldable:
            latin = unidecode(chars)
            pieces.append(latin.upper() if all_caps else latin)
            continue
        low = ""
        upper: list[bool] = []
        for c in chars:
            folded = _fold(c.lower()) or ""
            low += folded
            upper += [c.isupper()] + [c.isupper() and all_caps] * (len(folded) - 1)
        pieces.append(_apply(low, upper, rule, all_caps))
    return "".join(pieces)


def _apply(low: str, upper: list[bool], rule: Rule, all_caps: bool) -> str:
    """Run ``rule`` over ``low`` and restore the case; a capital that maps to nothing moves on."""
    out: list[str] = []
    i = 0
    carry = False
    while i < len(low):
        latin, consumed = rule(low, i)
        capital = upper[i] or carry
        if all_caps:
            latin = latin.upper()
        elif capital and latin:
            latin = latin[:1].upper() + latin[1:]
        carry = capital and not latin
        out.append(latin)
        i += consumed
    return "".join(out)


@lru_cache(maxsize=65536)
def _fold(char: str) -> str | None:
    """The Russian letters a lower-case Cyrillic letter stands for, or ``None``."""
    if char in RUSSIAN:
        return char
    if char in _TO_RUSSIAN:
        return _TO_RUSSIAN[char]
    base = unicodedata.normalize("NFD", char)[:1]
    return base if base in RUSSIAN else None


@lru_cache(maxsize=65536)
def _is_cyrillic_letter(char: str) -> bool:
    return unicodedata.category(char)[0] == "L" and "CYRILLIC" in unicodedata.name(char, "")


@lru_cache(maxsize=65536)
def _other(char: str) -> str:
    """Keep a non-letter unless it is a Cyrillic sign or mark (``҂``, titlo): those go through unidecode."""
    return unidecode(char) if "CYRILLIC" in unicodedata.name(char, "") else char


def neighbours(word: str, i: int) -> tuple[str, str]:
    """The letters before and after ``word[i]``; ``""`` at the edges of the word."""
    return (word[i - 1] if i else "", word[i + 1] if i + 1 < len(word) else "")
