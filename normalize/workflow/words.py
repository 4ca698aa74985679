"""How common a word is in a language, from the ``wordfreq`` word lists (optional dependency).

The measure is the Zipf frequency: log10 of occurrences per billion words, so 4.5 is about 32 per
million words. Without ``wordfreq`` installed, or for a language it has no list for, :func:`zipf`
returns ``None`` and the ``common-word`` check is skipped for that language (it never guesses).
"""

from __future__ import annotations

from functools import lru_cache

from ..langs import primary

#: Forms at or above this Zipf frequency are "common words". Chosen on German and English: it flags
#: Reise (4.9), Regen (4.6), Bank (4.9), Mission (4.6) but not frequent exonyms that are names only,
#: such as Kiew (3.9), Peking (4.0), Weißrussland (3.6), Kalkutta (3.0).
COMMON_WORD_ZIPF = 4.5


@lru_cache(maxsize=1)
def _languages() -> frozenset[str]:
    try:
        import wordfreq
    except ImportError:  # pragma: no cover - wordfreq is a declared dependency
        return frozenset()
    return frozenset(wordfreq.available_languages("best"))


def word_list_language(lang: str) -> str | None:
    """The wordfreq language for a BCP 47 tag, or ``None``.

    Tags naming a script (``zh-Latn-pinyin``, ``uz-Cyrl``) are left out: the list is for the
    language's usual script, not for a romanisation. wordfreq's "nearest language" fallback
    (``kk`` → Russian) is never used.
    """
    if any(len(s) == 4 and s[0].isupper() for s in lang.split("-")[1:]):
        return None
    code = primary(lang)
    return code if code in _languages() else None


#: wordfreq's "small" lists hold every word from Zipf 3 up and load in milliseconds (the "best" lists
#: take half a second per language); thresholds below this use the "best" lists.
SMALL_LIST_FLOOR = 3.5


@lru_cache(maxsize=65536)
def zipf(word: str, lang: str, wordlist: str = "small") -> float | None:
    """Zipf frequency of a single word in ``lang``; ``None`` if unknown (no list, or several words)."""
    code = word_list_language(lang)
    if code is None:
        return None
    try:
        from wordfreq import zipf_frequency
        from wordfreq.tokens import tokenize

        if len(tokenize(word, code)) != 1:
            return None
        return float(zipf_frequency(word, code, wordlist=wordlist))
    except Exception:  # e.g. Chinese and Japanese need optional tokenizers
        return None
