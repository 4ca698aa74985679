"""Russian → English romanisation after BGN/PCGN (1947), strict or as the English-language press writes it.

Why our own table rather than a wrapper of ``iuliia`` (schema ``bgn_pcgn``, 0.13): a wrapper would
have to repair more than the one known fault. iuliia emits the Cyrillic ``ё`` (U+0451) where BGN/PCGN
has the Latin ``ë`` (``Mirziyёyev``); it cases all-capital words letter by letter (``ШАВКАТ`` →
``ShAVKAT``); it passes letters of other Cyrillic alphabets through (``Тоқаев`` → ``Toқayev``); and
press use needs ’ ” · dropped and ë resolved, which depends on the Cyrillic letter before it (ж ч ш щ)
and is cleaner to do on the Cyrillic side. The context rules are the ones the Duden transcription
needs too (:mod:`normalize.translit._cyrillic`), so our table is a dozen lines and the output can
never hold a Cyrillic letter. iuliia stays useful as an independent reference: the tests compare
``variant="strict"`` against it on random text.

Strict BGN/PCGN (``variant="strict"``):

- е → ye at the start of a word, after a vowel letter and after й ъ ь, else e; ё → yë / ë likewise;
- ж zh, х kh, ц ts, ч ch, ш sh, щ shch, й y, ы y, ю yu, я ya, ъ ”, ь ’;
- the optional middle dot where a letter pair would be misread: т·с, ш·ч, й·/ы· before а у ы э,
  ·ы after a vowel letter, ·э after a consonant letter.

Press (``variant="press"``, the default): the same without ’ ” and ·, and ë written as the press does:
``yo`` (Мирзиёев → Mirziyoyev, Пётр → Pyotr), but ``e`` after ж ч ш щ (Горбачёв → Gorbachev,
Хрущёв → Khrushchev). House styles differ beyond that (Sergei/Sergey, Dmitry/Dmitriy, Yuri/Yuriy):
the output is a candidate; the glossary stays the authority.
"""

from __future__ import annotations

from functools import partial
from types import MappingProxyType
from typing import Final, Literal

from ._cyrillic import CONSONANTS, VOWELS, neighbours, transliterate

Variant = Literal["press", "strict"]

_LETTERS: Final = MappingProxyType({
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "ë", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "\u201d", "ы": "y", "ь": "\u2019", "э": "e", "ю": "yu", "я": "ya",
})
_IOTATING: Final = VOWELS | frozenset("йъь")
_HUSHING: Final = frozenset("жчшщ")
_DOT_BEFORE: Final = frozenset("ауыэ")
_DOT_PAIRS: Final = MappingProxyType({"тс": "t·", "шч": "sh·"})


def romanize(text: str, *, variant: Variant = "press") -> str:
    """Romanise the Cyrillic words of ``text`` (``Мирзиёев`` → ``Mirziyoyev``; strict: ``Mirziyëyev``)."""
    return transliterate(text, partial(_rule, strict=variant == "strict"))


def _rule(word: str, i: int, *, strict: bool) -> tuple[str, int]:
    # order as in BGN/PCGN's notes (and iuliia): left context, then right context, then the table
    char = word[i]
    prev, nxt = neighbours(word, i)
    iotated = not prev or prev in _IOTATING
    if char == "е" and iotated:
        return "ye", 1
    if char == "ё":
        if strict:
            return ("yë" if iotated else "ë"), 1
        return ("e" if prev in _HUSHING else "yo"), 1
    if not strict:
        return ("" if char in "ъь" else _LETTERS[char]), 1
    if char == "ы" and prev in VOWELS:
        return "·y", 1
    if char == "э" and prev in CONSONANTS:
        return "·e", 1
    if char in "йы" and nxt in _DOT_BEFORE:
        return _LETTERS[char] + "·", 1
    if char + nxt in _DOT_PAIRS:
        return _DOT_PAIRS[char + nxt], 1
    return _LETTERS[char], 1
