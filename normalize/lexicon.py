"""Common words of a language, from the ``wordfreq`` package (its Zipf frequency).

A word with a Zipf frequency of at least :data:`COMMON_ZIPF` in the text's language is a common word
and never a near-miss of a name. 3.0 is about once per million words; the traps sit above it
(Reise 4.9, Mensch 5.2, scharf 4.4, Modus 4.2, Iren 3.5, Lawine 3.2) and typos or unlisted spellings
of names sit far below (Lukaschneko 0, Japarow 0, Dzhaparov 0). wordfreq lists frequent names too
(Lawrow 3.2, Putin 4.4), so glossary names themselves are never asked about: only the words of a
span that differ from the name they resemble. Loading wordfreq takes about half a second, so it is
imported on the first question, and answers are memoised.
"""

from __future__ import annotations

from functools import lru_cache

from .langs import primary

#: Zipf frequency (log10 of occurrences per billion words) from which a word counts as common.
COMMON_ZIPF = 3.0
#: Zipf frequency from which a word is known (in the text's language or English): never a typo.
KNOWN_ZIPF = 1.5


@lru_cache(maxsize=65536)
def zipf(word: str, lang: str) -> float:
    """wordfreq's Zipf frequency of ``word`` in ``lang`` (0.0 for unknown words or languages)."""
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover - wordfreq is a dependency
        return 0.0
    try:
        return float(zipf_frequency(word, primary(lang)))
    except (LookupError, ValueError):
        return 0.0


def is_known(word: str, lang: str) -> bool:
    """Whether wordfreq knows ``word`` as a word or name of its own, in ``lang`` or in English.

    A Zipf frequency of :data:`KNOWN_ZIPF` or more is a word in real use (Laschet, Auckland, Fielmann):
    such a word is not a typo of a glossary name, though it may still be another spelling of one.
    """
    return zipf(word, lang) >= KNOWN_ZIPF or zipf(word, "en") >= KNOWN_ZIPF


def is_common(word: str, lang: str) -> bool:
    """Whether ``word`` is a common word of ``lang`` (Zipf frequency ≥ :data:`COMMON_ZIPF`)."""
    return zipf(word, lang) >= COMMON_ZIPF
