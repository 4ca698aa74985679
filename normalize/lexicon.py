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

import contextlib
import os
import struct
import sys
import zlib
from array import array
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import TYPE_CHECKING, TypeVar

from .langs import primary

if TYPE_CHECKING:
    from collections.abc import Callable

T = TypeVar("T")

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


# --- the fast path: the two thresholds as sorted 64-bit word hashes, cached on disk -------------
# Importing wordfreq and loading a language's list costs about half a second, more than linting a
# draft. The questions asked are only "Zipf >= COMMON_ZIPF?" and "Zipf >= KNOWN_ZIPF?", so the
# words above each threshold are kept as a sorted array of hashes (about 3 MB per language) in the
# user cache folder; a warm run maps the file into memory (only the pages a lookup touches are read)
# and answers by binary search. A hash collision (about one in 10^12 per question) could only
# silence a near-miss.

_LEXICON_MAGIC = b"normalize-lexicon 2\n"
#: Each sorted array of hashes comes with a directory of its hashes' top bits (2**14 buckets, about
#: 20 hashes each for 300,000 words), so a lookup searches one bucket: a few cache lines of memory
#: instead of about 18 in a 3 MB array, which is most of the cost on a first pass over new words.
_BUCKET_BITS = 14
_SHIFT = 64 - _BUCKET_BITS


def _hash(word: str) -> int:
    data = word.casefold().encode("utf-8")
    return (zlib.crc32(data) << 32) | zlib.crc32(data, 0x9E3779B9)


@dataclass(frozen=True)
class _Table:
    """Sorted hashes (arrays when just built, views of the mapped file when read from the cache)."""

    common: array[int] | memoryview
    known: array[int] | memoryview
    common_starts: array[int] | memoryview
    """``common_starts[b]``: where the hashes whose top bits are ``b`` begin in ``common``."""
    known_starts: array[int] | memoryview

    def level(self, word: str) -> int:
        """2 for a common word, 1 for a known one, 0 otherwise."""
        return self.level_of(_hash(word))

    def level_of(self, key: int) -> int:
        """:meth:`level` of a word's :func:`_hash` (the common words first: most words asked are)."""
        bucket = key >> _SHIFT
        keys, starts = self.common, self.common_starts
        end = starts[bucket + 1]
        i = bisect_left(keys, key, starts[bucket], end)
        if i < end and keys[i] == key:
            return 2
        keys, starts = self.known, self.known_starts
        end = starts[bucket + 1]
        i = bisect_left(keys, key, starts[bucket], end)
        return 1 if i < end and keys[i] == key else 0


@lru_cache(maxsize=None)
def _table(lang: str) -> _Table | None:
    """The hash table of ``lang``, from the cache folder or built from wordfreq (``None``: no list)."""
    stamp = _installed_stamp("wordfreq")
    header = _LEXICON_MAGIC + f"{lang} {COMMON_ZIPF} {KNOWN_ZIPF} wordfreq {stamp}\n".encode()
    return _stored(
        f"lexicon-{lang}-{COMMON_ZIPF}-{KNOWN_ZIPF}-b{_BUCKET_BITS}-{_short(stamp)}.bin",
        header, _decode, lambda: _build(lang), _encode,
    )


def _short(stamp: str) -> str:
    """A few characters naming an installed wordfreq in a table's file name, so that two
    environments (a project's venv and pre-commit's) keep a table each instead of rebuilding and
    replacing each other's on every switch."""
    return f"{zlib.crc32(stamp.encode()):08x}"


def _stored(
    name: str,
    header: bytes,
    decode: Callable[[memoryview], T],
    build: Callable[[], T | None],
    encode: Callable[[T], bytes],
) -> T | None:
    """A word table from the cache folder if its file starts with ``header``, else built and stored."""
    from .cache import _store

    header += b" " * (-len(header) % 8)  # the tables start 8-byte aligned, to be read in place
    path = _cached(name)
    try:
        data = _mapped(path)
    except (OSError, ValueError):  # missing, or empty (nothing to map)
        data = None
    if data is not None:
        try:
            if data[: len(header)] == header:
                return decode(data[len(header) :])
        except (ValueError, TypeError, struct.error):
            pass
        _unmap(data)  # before the file is replaced: Windows refuses to replace a mapped file
    built = build()
    if built is not None:
        _store(path, header + encode(built), name.split("-", 1)[0] + "-*.bin")
    return built


def _unmap(view: memoryview) -> None:
    import mmap

    mapping = view.obj
    view.release()
    if isinstance(mapping, mmap.mmap):
        with contextlib.suppress(BufferError):  # a view of it still alive: closed when collected
            mapping.close()


def _cached(name: str) -> str:
    """The path of a word table in the cache folder (a plain string: pathlib costs start-up time)."""
    from .cache import _folder

    return os.path.join(_folder(), name)


def _mapped(path: str) -> memoryview:
    """The file mapped into memory, read-only: only the pages a lookup touches are ever read.

    The cache replaces files by renaming, never rewrites them in place, so a mapping stays valid.
    """
    import mmap

    with open(path, "rb") as f:
        return memoryview(mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ))


def _installed_stamp(module: str) -> str:
    """Size and time of an installed package's ``__init__.py``: changes when it is upgraded.

    Looked up along ``sys.path`` with ``os.stat`` (``importlib.util`` costs ~7 ms at start-up); only a
    package that is not a plain folder (a zip, a custom finder) falls back to ``find_spec``.
    """
    for base in sys.path:
        try:
            stat = os.stat(os.path.join(base or os.curdir, module, "__init__.py"))
        except (OSError, ValueError):
            continue
        return f"{stat.st_size}-{int(stat.st_mtime)}"
    import importlib.util

    try:
        spec = importlib.util.find_spec(module)
        found = os.stat(spec.origin) if spec is not None and spec.origin else None
    except (ImportError, OSError, ValueError):
        found = None
    return f"{found.st_size}-{int(found.st_mtime)}" if found is not None else "none"


def _build(lang: str) -> _Table | None:
    try:
        from wordfreq import available_languages, get_frequency_dict
    except ImportError:  # pragma: no cover - wordfreq is a dependency
        return None
    if lang not in available_languages():
        return None
    common_freq = 10 ** (COMMON_ZIPF - 9)
    known_freq = 10 ** (KNOWN_ZIPF - 9)
    common: list[int] = []
    known: list[int] = []
    for word, freq in get_frequency_dict(lang).items():
        if freq >= known_freq - 1e-15:
            (common if freq >= common_freq - 1e-15 else known).append(_hash(word))
    common_keys, known_keys = array("Q", sorted(common)), array("Q", sorted(known))
    return _Table(common_keys, known_keys, _directory(common_keys), _directory(known_keys))


def _directory(keys: array[int]) -> array[int]:
    """Where each bucket of top bits starts in the sorted ``keys`` (one entry more: the end)."""
    starts = array("I", bytes(4 * ((1 << _BUCKET_BITS) + 1)))
    for key in keys:
        starts[(key >> _SHIFT) + 1] += 1
    for bucket in range(1 << _BUCKET_BITS):
        starts[bucket + 1] += starts[bucket]
    return starts


def _encode(table: _Table) -> bytes:
    return (
        struct.pack("<QQ", len(table.common), len(table.known))
        + table.common.tobytes()
        + table.known.tobytes()
        + table.common_starts.tobytes()
        + table.known_starts.tobytes()
    )


def _decode(data: memoryview) -> _Table:
    """The table over the mapped file's bytes, without copying them."""
    n_common, n_known = struct.unpack_from("<QQ", data)
    buckets = (1 << _BUCKET_BITS) + 1
    ends = list(accumulate((16, 8 * n_common, 8 * n_known, 4 * buckets, 4 * buckets)))
    if ends[-1] > len(data):
        raise ValueError("truncated lexicon")
    common, known = data[ends[0] : ends[1]].cast("Q"), data[ends[1] : ends[2]].cast("Q")
    common_starts, known_starts = data[ends[2] : ends[3]].cast("I"), data[ends[3] : ends[4]].cast("I")
    if common_starts[-1] != n_common or known_starts[-1] != n_known:
        raise ValueError("damaged lexicon")
    return _Table(common, known, common_starts, known_starts)


@lru_cache(maxsize=65536)
def level(word: str, lang: str) -> int:
    """2 if ``word`` is common in ``lang``, 1 if it is known there, 0 otherwise."""
    table = _table(primary(lang))
    if table is not None:
        return table.level(word)
    z = zipf(word, lang)
    return 2 if z >= COMMON_ZIPF else 1 if z >= KNOWN_ZIPF else 0


def word_class(word: str, lang: str) -> int:
    """2 if ``word`` is common in ``lang``, 1 if known there or in English, else 0 (one hash for both)."""
    table = _table(lang if len(lang) == 2 and lang.islower() else primary(lang))
    english = _table("en")
    if table is None or english is None:
        return 2 if is_common(word, lang) else 1 if is_known(word, lang) else 0
    key = _hash(word)
    found = table.level_of(key)
    if found:
        return found
    return 1 if english.level_of(key) else 0


def is_known(word: str, lang: str) -> bool:
    """Whether wordfreq knows ``word`` as a word or name of its own, in ``lang`` or in English.

    A Zipf frequency of :data:`KNOWN_ZIPF` or more is a word in real use (Laschet, Auckland, Fielmann):
    such a word is not a typo of a glossary name, though it may still be another spelling of one.
    """
    return level(word, lang) >= 1 or level(word, "en") >= 1


def is_common(word: str, lang: str) -> bool:
    """Whether ``word`` is a common word of ``lang`` (Zipf frequency ≥ :data:`COMMON_ZIPF`)."""
    return level(word, lang) == 2


# --- name-likeness: words in use across many languages -------------------------------------------
# A given name is written the same way in the news of every language (Michael, Carsten, Jacques),
# while a title or a noun before a name belongs to one language (Präsident, Kultursenator). A word
# known (Zipf >= KNOWN_ZIPF) in nearly all of NAME_LANGS, and not among the very frequent words of the
# text's language (function words and nouns such as Für, Herr, Frau, Mr), is taken for a name.

#: Languages whose wordfreq lists vote on name-likeness.
NAME_LANGS = ("en", "de", "fr", "es", "it", "nl", "pl", "pt", "sv")
#: How many of them must know a word for it to be name-like.
NAME_VOTES = 8
#: From this Zipf frequency in the text's language a word is too frequent to be a name.
NAME_MAX_ZIPF = 5.2

_NAMES_MAGIC = b"normalize-names 1\n"


@lru_cache(maxsize=None)
def _names() -> memoryview | None:
    stamp = _installed_stamp("wordfreq")
    header = _NAMES_MAGIC + f"{','.join(NAME_LANGS)} {NAME_VOTES} {KNOWN_ZIPF} wordfreq {stamp}\n".encode()
    return _stored(
        f"names-{NAME_VOTES}-{KNOWN_ZIPF}-{_short(stamp)}.bin", header, _hash_array, _build_names, memoryview.tobytes
    )


def _hash_array(data: memoryview) -> memoryview:
    return data.cast("Q")


def _build_names() -> memoryview | None:
    """Hashes of the words wordfreq knows in at least ``NAME_VOTES`` of the ``NAME_LANGS``."""
    try:
        from wordfreq import get_frequency_dict
    except ImportError:  # pragma: no cover - wordfreq is a dependency
        return None
    from collections import Counter

    votes: Counter[str] = Counter()
    known_freq = 10 ** (KNOWN_ZIPF - 9) - 1e-15
    for lang in NAME_LANGS:
        votes.update(w for w, f in get_frequency_dict(lang).items() if f >= known_freq and w.isalpha())
    return memoryview(array("Q", sorted({_hash(w) for w, n in votes.items() if n >= NAME_VOTES})))


@lru_cache(maxsize=65536)
def is_name_like(word: str, lang: str) -> bool:
    """Whether ``word`` is in use in nearly every language's news (a given name), but not very frequent in ``lang``."""
    keys = _names()
    if not keys:
        return False
    key = _hash(word)
    i = bisect_left(keys, key)
    if i == len(keys) or keys[i] != key:
        return False
    return zipf(word, lang) < NAME_MAX_ZIPF if level(word, lang) == 2 else True
