"""Near-miss keys: every spelling a name may be looked up by, blocked so lookups cost the same at any size.

The index holds the capitalised glossary forms of every language (valid or wrong) and the spellings
the transliteration schemes give for the entries' native forms (:mod:`normalize.translit`): Russian,
Ukrainian, Belarusian, Kazakh, Kyrgyz and Tajik names through ``duden``, ``duden_strict`` and
``bgn_pcgn``; Chinese names through Wade–Giles (with and without marks) from the glossary's own pinyin
forms, so pypinyin is never loaded to build it. Each key is stored twice: its folded text and its
:func:`skeleton`.

Lookups are blocked at the level of single words: every distinct word of every key goes into a
PassJoin-style segment index (a word of length ``L`` split into ``tau + 1`` segments; a word within
``tau`` edits of it shares one segment at a nearby offset), so a query probes a fixed number of
segments whatever the number of keys, and only the keys holding a near word are scored.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from operator import itemgetter

from rapidfuzz.distance import OSA

from .fold import fold
from .forms import valid_slots
from .langs import char_script, primary
from .model import Entry, Form, Glossary, Slot

#: Native languages whose Cyrillic forms the Russian schemes romanise (approximately for kk/ky/tg).
CYRILLIC_LANGS = frozenset({"ru", "uk", "be", "kk", "ky", "tg"})
#: Schemes used for Cyrillic native forms, with the copy language that writes them.
CYRILLIC_SCHEMES = (("duden", "de"), ("duden_strict", "de"), ("bgn_pcgn", "en"))

# The skeleton: spellings that transliteration schemes use for one sound map to one letter. Longest
# first (so ``dsch`` is never read as ``d`` + ``sch``), then the single letters:
#   dsch dzh dj zh ž j y  → i   (Dschaparow, Dzhaparov, Zhaparov, Japarow; Jelzin, Yeltsin)
#   schtsch shch sch sh  → s   (Lukaschenko, Lukashenko);  tsch tch → c (Gorbatschow)
#   kh ch h → h (Mochber, Mokhber; Sacharowa, Zakharova);  ts tz z → s (Jelzin, Yeltsin; Sacharowa)
#   w v → v;  ph f → f;  q ck k → k;  x ks → ks;  ie → i;  ou → u;  th dh gh → t d g
# then any doubled letter is written once (Emomalij / Emomali, Kassym / Kasym, Mirziyoyev / Mirsijojew).
# Vowels are kept: they are what tells Reise from Raisi and Iren from Iran.
_SKELETON_PAIRS = (
    ("schtsch", "s"), ("shch", "s"), ("dsch", "i"), ("tsch", "c"), ("dzh", "i"), ("sch", "s"),
    ("tch", "c"), ("dj", "i"), ("zh", "i"), ("sh", "s"), ("kh", "h"), ("ch", "h"), ("ts", "s"),
    ("tz", "s"), ("ph", "f"), ("ck", "k"), ("ie", "i"), ("ou", "u"), ("th", "t"), ("dh", "d"),
    ("gh", "g"), ("x", "ks"),
)
_SKELETON_LETTERS = (("j", "i"), ("y", "i"), ("z", "s"), ("w", "v"), ("q", "k"))
_DOUBLE = re.compile(r"([a-z])\1+")
#: Letters from which two words of a name written as one are looked up.
JOINED_LETTERS = 6

_FIRST_GROUP = itemgetter(1)
"""``match[1]``: a C function, so ``sub`` calls no Python code per doubled letter."""


@lru_cache(maxsize=200_000)
def skeleton(folded: str) -> str:
    """The transliteration-blind key of a folded string: ``dschaparow``, ``zhaparov`` → ``iaparov``.

    The clusters are replaced longest first, in the order listed (``str.replace`` is far cheaper
    than a regular expression with a callback), then the single letters (``replace`` again: cheaper
    than ``str.translate``), then doubled letters (a function, not the template ``\\1``, which
    ``re`` expands in Python for every match).
    """
    for cluster, sound in _SKELETON_PAIRS:
        if cluster in folded:
            folded = folded.replace(cluster, sound)
    for letter, sound in _SKELETON_LETTERS:
        if letter in folded:
            folded = folded.replace(letter, sound)
    return _DOUBLE.sub(_FIRST_GROUP, folded)


#: Letters that Czech, Slovak, Croatian, Baltic and scholarly Cyrillic romanisations write with a
#: háček or a stroke, as the digraphs other schemes write for the same sound (Naščokin /
#: Naschtschokin, Hviča / Khvicha, Šódžiró / Shojiro, Đoković / Djokovic); folding alone would drop
#: the sound (``š`` → ``s``). Polish ``ś ź ż ć`` are left to folding: English and German copy write
#: Polish names without their marks (Świątek / Swiatek), not transcribed.
_DIGRAPHS = str.maketrans({
    "š": "sh", "Š": "Sh", "č": "ch", "Č": "Ch", "ž": "zh", "Ž": "Zh", "đ": "dj", "Đ": "Dj",
})


def spelled(text: str, folded: str | None = None) -> str:
    """The :func:`skeleton` of ``text`` as written (``folded``: its :func:`~normalize.fold.fold`, if known).

    Letters with a háček or a stroke that stand for a digraph elsewhere are read as that digraph
    first (:data:`_DIGRAPHS`), so ``Naščokin`` and ``Naschtschokin`` share a skeleton.
    """
    if not text.isascii():
        written = text.translate(_DIGRAPHS)
        if written != text:
            return skeleton(fold(written))
    return skeleton(fold(text) if folded is None else folded)


@dataclass(frozen=True, slots=True)
class Key:
    """One spelling of an entity the near-miss check can recognise."""

    text: str
    """Folded text (words separated by single spaces)."""
    skeleton: str
    display: str
    """The spelling as written in the glossary or produced by the scheme."""
    entity: str
    lang: str
    """Primary language of the copy that writes it this way (``de``, ``en``, or ``zh`` for Wade–Giles)."""
    slot: Slot
    form: Form | None
    """The glossary form, or ``None`` for a spelling a scheme generated."""
    scheme: str | None = None
    """For generated keys: the scheme name (``duden``, ``bgn_pcgn``, ``wadegiles`` ...)."""


@dataclass(frozen=True, slots=True)
class _WordIndex:
    """PassJoin segments of distinct words: segment text → (word length, segment number, word ids).

    Keyed by the text alone, so a query looks each of its substrings up once, whatever the number
    of word lengths and segment numbers it could stand for; most lookups find nothing.
    """

    words: tuple[str, ...]
    segments: dict[str, tuple[tuple[int, int, tuple[int, ...]], ...]]
    tau: int
    lengths: frozenset[int] = frozenset()
    """Lengths of the indexed words (a probe skips the others)."""
    exact: dict[str, int] = field(default_factory=dict)
    """Each indexed word's id, for lookups without edits."""
    longest: int = 0


@dataclass(frozen=True, eq=False)
class NearIndex:
    """The blocked near-miss index of a glossary; built with the matcher and pickled with it."""

    keys: tuple[Key, ...]
    word_keys: tuple[tuple[int, ...], ...]
    """For each distinct word (folded or skeleton), the keys containing it."""
    folded_words: _WordIndex
    skeleton_words: _WordIndex
    folded_exact: frozenset[str] = field(default=frozenset())
    """Every folded word of a glossary form (a text word equal to one is never near-missed alone)."""
    folded_words1: _WordIndex | None = None
    skeleton_words1: _WordIndex | None = None
    """The same words in two segments, for lookups within one edit (longer segments, fewer candidates)."""
    anchor_words: frozenset[str] = field(default=frozenset())
    """Folded words of persons' multi-word glossary names: what can anchor a near-miss beside it."""
    given_names: frozenset[str] = field(default=frozenset())
    """Folded given names of the glossary's persons."""
    part_keys: dict[str, tuple[int, ...]] = field(default_factory=dict)
    """For each folded word of a multi-word key as written (``Al-Hasan`` is one word), the keys holding it."""
    joined_words: dict[str, tuple[int, ...]] = field(default_factory=dict)
    """Two neighbouring folded words of a key written as one (``yahya zadeh`` → ``yahyazadeh``), and the
    keys holding them: a text word written so (Yahyazadeh, Alkhafaji) is the same name."""

    def near_keys(
        self, word: str, *, tau: int | None = None, spelled_only: bool = False, sk: str | None = None
    ) -> set[int]:
        """Keys holding a word within reach of ``word`` (folded), or one edit less of its skeleton
        (``sk``, when the word as written gives another than :func:`skeleton` of ``word``: :func:`spelled`).

        The reach is :func:`reach_for` the two words' lengths unless ``tau`` fixes it. The skeleton
        is consulted from 6 letters on, as the near-miss check's skeleton route is; ``spelled_only``
        consults only the skeleton (for a known word, which can only be another spelling of a name,
        never a typo of it).
        """
        found: set[int] = set()
        if not spelled_only:
            reach = tau_for(len(word)) if tau is None else tau
            one = self.folded_words1 if reach == 1 and self.folded_words1 is not None else self.folded_words
            self._collect(one, word, reach, found)
            if tau is None and reach == 0 and reach_for(len(word), len(word) + 1):
                # a name word one letter longer allows an edit the word itself does not (a letter
                # dropped from a 6-letter name): the only case where the name's length adds one
                one = self.folded_words1 if self.folded_words1 is not None else self.folded_words
                self._collect(one, word, 1, found, longer=True)
        if len(word) >= 6:
            sk = skeleton(word) if sk is None else sk
            reach = tau_for(len(sk)) - 1
            one = self.skeleton_words1 if reach == 1 and self.skeleton_words1 is not None else self.skeleton_words
            self._collect(one, sk, reach, found)
        return found

    def near_words(self, word: str, tau: int) -> list[str]:
        """Folded glossary words within ``tau`` (at most 2) edits of ``word`` (folded), other than itself."""
        if tau <= 0:
            return []
        index = self.folded_words1 if tau == 1 and self.folded_words1 is not None else self.folded_words
        words = index.words
        return [words[wid] for wid in _within(index, word, tau) if words[wid] != word]

    def _collect(self, index: _WordIndex, probe: str, reach: int, found: set[int], longer: bool = False) -> None:
        """Add to ``found`` the keys of the words of ``index`` within ``reach`` edits of ``probe``
        (``longer``: only of the words longer than ``probe``)."""
        if reach <= 0:
            wid = index.exact.get(probe) if reach == 0 else None
            if wid is not None:
                found.update(self.word_keys[wid])
            return
        word_keys = self.word_keys
        for wid in _within(index, probe, reach, longer):
            found.update(word_keys[wid])


def _within(index: _WordIndex, probe: str, reach: int, longer: bool = False) -> list[int]:
    """Ids of the words of ``index`` within ``reach`` (1 or 2) edits of ``probe``, found through the
    segments and verified (``longer``: only words longer than ``probe``)."""
    if len(probe) - reach > index.longest:
        return []
    words, distance, n = index.words, OSA.distance, len(probe)
    return [
        wid for wid in _probe(index, probe, reach)
        if (not longer or len(words[wid]) > n) and distance(probe, words[wid], score_cutoff=reach) <= reach
    ]


def build_index(glossary: Glossary, forms: Iterable[Form]) -> NearIndex:
    """The near-miss index over ``forms`` (the matcher's) and the generated transliteration keys."""
    keys: dict[tuple[str, str, str, str | None], Key] = {}
    for form in forms:
        key = _form_key(form)
        if key is not None:
            keys.setdefault((key.text, key.entity, key.lang, None), key)
    known = {k.text for k in keys.values()}
    for entry in glossary.entries:
        for key in _generated_keys(entry):
            if key.text not in known:
                keys.setdefault((key.text, key.entity, key.lang, key.scheme), key)
    ordered = tuple(keys.values())
    word_ids: dict[str, int] = {}
    owners: list[set[int]] = []
    for kid, key in enumerate(ordered):
        for word in {*key.text.split(), *key.skeleton.split()}:
            wid = word_ids.setdefault(word, len(owners))
            if wid == len(owners):
                owners.append(set())
            owners[wid].add(kid)
    folded_words = {w for k in ordered for w in k.text.split()}
    skeleton_words = {w for k in ordered for w in k.skeleton.split()}
    exact = frozenset(w for k in ordered if k.form is not None for w in k.text.split())
    persons = [e for e in glossary.entries if e.type == "person"]
    person_ids = {e.id for e in persons}
    # the folded words of each multi-word key as written (Al-Hasan is one word)
    parts_of = {
        kid: tuple(dict.fromkeys(fold(p) for p in key.display.split()))
        for kid, key in enumerate(ordered)
        if " " in key.display.strip()
    }
    part_keys: dict[str, list[int]] = defaultdict(list)
    for kid, parts in parts_of.items():
        for part in parts:
            part_keys[part].append(kid)
    joined: dict[str, set[int]] = defaultdict(set)
    for kid, key in enumerate(ordered):
        words = key.text.split()
        for left, right in pairwise(words):
            if len(left) + len(right) >= JOINED_LETTERS:
                joined[left + right].add(kid)
    return NearIndex(
        keys=ordered,
        word_keys=tuple(tuple(sorted(o)) for o in owners),
        folded_words=_segment_index(folded_words, word_ids),
        skeleton_words=_segment_index(skeleton_words, word_ids),
        folded_exact=exact,
        folded_words1=_segment_index(folded_words, word_ids, 1),
        skeleton_words1=_segment_index(skeleton_words, word_ids, 1),
        anchor_words=frozenset(
            part
            for kid, parts in parts_of.items()
            if ordered[kid].form is not None and ordered[kid].entity in person_ids
            for part in parts
        ),
        given_names=frozenset(
            word for entry in persons for block in entry.names if block.given for word in fold(block.given).split()
        ),
        part_keys={part: tuple(ids) for part, ids in part_keys.items()},
        joined_words={word: tuple(sorted(ids)) for word, ids in joined.items()},
    )


def _form_key(form: Form) -> Key | None:
    if form.slot in (Slot.ABBREVIATION, Slot.ADJECTIVE) or not form.text[:1].isupper():
        return None
    text = fold(form.text)
    if len(text.replace(" ", "")) < 4:
        return None
    return Key(text, spelled(form.text, text), form.text, form.entity, primary(form.lang), form.slot, form)


def _generated_keys(entry: Entry) -> Iterator[Key]:
    from .translit import SCHEMES, chinese

    if entry.type != "person":
        return  # places keep exonyms (Russland, not Rossija), organisations translate their names
    for block in entry.names:
        lang = primary(block.lang)
        if lang in CYRILLIC_LANGS:
            for slot, native in valid_slots(entry, block).items():
                if slot in (Slot.ABBREVIATION, Slot.ADJECTIVE) or not _is_cyrillic(native):
                    continue
                for scheme, target in CYRILLIC_SCHEMES:
                    yield from _key(SCHEMES[scheme].romanize(native), entry, target, slot, scheme)
    if entry.language("zh") is None:
        return
    pinyin = [b for b in entry.names if primary(b.lang) in ("en", "de")]
    for block in pinyin:
        for slot, text in valid_slots(entry, block).items():
            if slot in (Slot.ABBREVIATION, Slot.ADJECTIVE, Slot.FAMILY):
                continue  # a one-syllable family name alone (Tsai) is many people's
            for marks, scheme in ((True, "wadegiles"), (False, "wadegiles_plain")):
                try:
                    wade = chinese.pinyin_to_wadegiles(text, marks=marks)
                except ValueError:
                    continue
                yield from _key(wade, entry, "zh", slot, scheme)


def _key(display: str, entry: Entry, lang: str, slot: Slot, scheme: str) -> Iterator[Key]:
    text = fold(display)
    shortest = 6 if slot is Slot.FAMILY else 4  # a generated family name alone must be long to be telling
    if len(text.replace(" ", "")) >= shortest and display[:1].isupper():
        yield Key(text, spelled(display, text), display, entry.id, lang, slot, None, scheme)


def _is_cyrillic(text: str) -> bool:
    return any(char_script(c) == "CYRILLIC" for c in text)


def reach_for(query: int, name: int) -> int:
    """Edits allowed between a word of ``query`` letters and a name word of ``name`` letters: as
    :func:`tau_for` of the word, and one when the name is long enough for one (a letter dropped from a
    6-letter name), never two on the name's length alone."""
    return max(tau_for(query), min(1, tau_for(name)))


def tau_for(length: int) -> int:
    """Edits allowed in a word or name of ``length`` letters: none below 6, one up to 8, else two."""
    if length < 6:
        return 0
    return 1 if length < 9 else 2


@lru_cache(maxsize=1024)
def _parts(length: int, tau: int) -> list[tuple[int, int]]:
    """(start, length) of the ``tau + 1`` segments of a word of ``length`` (longer ones last)."""
    n = tau + 1
    base, extra = divmod(length, n)
    out, pos = [], 0
    for i in range(n):
        size = base + (1 if i >= n - extra else 0)
        out.append((pos, size))
        pos += size
    return out


def _segment_index(words: Iterable[str], word_ids: dict[str, int], tau: int = 2) -> _WordIndex:
    segments: dict[tuple[int, int, str], list[int]] = defaultdict(list)
    for word in words:
        if len(word) < tau + 1:
            continue
        for i, (start, size) in enumerate(_parts(len(word), tau)):
            segments[(len(word), i, word[start : start + size])].append(word_ids[word])
    by_text: dict[str, list[tuple[int, int, tuple[int, ...]]]] = defaultdict(list)
    for (length, i, text), ids in sorted(segments.items()):
        by_text[text].append((length, i, tuple(ids)))
    ordered = tuple(sorted(word_ids, key=word_ids.__getitem__))
    words = set(words)
    return _WordIndex(
        ordered,
        {text: tuple(entries) for text, entries in by_text.items()},
        tau,
        frozenset(len(w) for w in words),
        {w: word_ids[w] for w in words},
        max(map(len, words), default=0),
    )


@lru_cache(maxsize=4096)
def _probes(n: int, tau: int, big: int, lengths: frozenset[int]) -> tuple[tuple[int, int, int, int], ...]:
    """(length, segment, query offset, size) to look up for a query of ``n`` letters within ``tau``.

    PassJoin's multi-match-aware window: segment ``i`` of a word of length ``L`` can only sit at an
    offset that leaves room for the edits before it (at most ``i``) and after it (``tau - i``).
    """
    out = []
    for length in range(max(big + 1, n - tau), n + tau + 1):
        if length not in lengths:
            continue
        delta = n - length
        for i, (start, size) in enumerate(_parts(length, big)):
            lo = max(0, start - i, start + delta - (tau - i))
            hi = min(n - size, start + i, start + delta + (tau - i))
            out += [(length, i, pos, size) for pos in range(lo, hi + 1)]
            if delta == 0 and not lo <= start <= hi:
                # a swap of two letters (one edit for OSA) breaks the two segments it straddles but
                # moves nothing: every segment is also looked up in its own place
                out.append((length, i, start, size))
    return tuple(out)


@lru_cache(maxsize=4096)
def _plan(
    n: int, tau: int, big: int, lengths: frozenset[int]
) -> tuple[tuple[int, int, frozenset[tuple[int, int]]], ...]:
    """:func:`_probes` grouped by substring: (query offset, size, the (length, segment) it may be)."""
    grouped: dict[tuple[int, int], set[tuple[int, int]]] = defaultdict(set)
    for length, i, pos, size in _probes(n, tau, big, lengths):
        grouped[(pos, size)].add((length, i))
    return tuple((pos, size, frozenset(found)) for (pos, size), found in grouped.items())


def _probe(index: _WordIndex, word: str, tau: int) -> set[int]:
    """Word ids within ``tau`` edits of ``word`` are among these (a superset: verified afterwards).

    The index is built for ``index.tau`` (``index.tau + 1`` segments); a word within
    ``tau <= index.tau`` edits shares at least one of them, near its place.
    """
    get = index.segments.get
    found: set[int] = set()
    for pos, size, wanted in _plan(len(word), tau, index.tau, index.lengths):
        hits = get(word[pos : pos + size])
        if hits:
            for length, i, ids in hits:
                if (length, i) in wanted:
                    found.update(ids)
    if index.tau == 1 and len(word) in index.lengths:
        # two segments: a swap across their border (one edit for OSA) breaks both; look up the word
        # with that swap undone
        n = len(word)
        (_, _), (border, size) = _parts(n, 1)
        if 0 < border < n:
            swapped = word[: border - 1] + word[border] + word[border - 1] + word[border + 1 :]
            for i, (start, length) in enumerate(((0, border), (border, size))):
                for hit_length, hit_i, ids in get(swapped[start : start + length], ()):
                    if hit_length == n and hit_i == i:
                        found.update(ids)
    return found
