"""Rule ``near-miss`` (and ``foreign-form`` by transliteration key): names spelled almost like a glossary name.

Only name-like spans are looked at: capitalised Latin words and runs of up to three of them, and any
word in another script, outside the spans the exact pass resolved. A word is *hot* when the blocked
index (:mod:`normalize.nearkeys`) holds a key word within reach of it; only runs holding a hot word
are scored, and only against the keys of their hot words, so the cost does not grow with the
glossary. Hot words are memoised per index: a draft's capitalised words repeat across documents.

Scoring, on folded text: the optimal-string-alignment distance (a swap of two letters is one edit)
of the span to the key's folded text must be at most :func:`normalize.nearkeys.reach_for` the two
letter counts (:func:`~normalize.nearkeys.tau_for` of the span's: none below 6 letters, one up to 8,
two from 9; and one whenever the key has 6 letters or more, so a letter dropped from a 6-letter name
is in reach), and the distance of the span's skeleton to the key's skeleton one less than
``tau_for`` of the skeleton's letters. A key equal to the span on folded text is the exact pass's
business and never reported here, unless a scheme generated it. The similarity reported is
``fuzz.ratio`` on the folded forms (Indel: ``lukaschneko`` / ``lukaschenko`` → 91); keys are ranked
by the better of that and the skeleton's ratio, then by the folded ratio.

What is reported, by the best key:

- a form of the text's language (or a spelling that language's own scheme makes) → ``near-miss``,
  fixed to the valid form of the same slot;
- a form of another language, or a spelling by another language's scheme (``Japarow`` is one edit
  from English ``Japarov``; ``Dzhaparov`` is what BGN/PCGN makes of Жапаров) → ``foreign-form``,
  fixed to the text language's form of that slot, as the exact pass does for listed foreign forms.

A fix is offered only when one entity is clearly best: the best key of any other entity must score
at least :data:`MARGIN` lower; otherwise the finding names the candidates and has no replacement.
Never reported: a span with a word that is a common word of the text's language
(:mod:`normalize.lexicon`: ``die Reise`` is not Raisi), asked only once a finding is about to be made.
"""

from __future__ import annotations

import re
import weakref
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from itertools import compress, pairwise
from operator import itemgetter

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from ..document import Document
from ..findings import Finding
from ..fold import fold
from ..forms import target_for
from ..langs import char_script, language_name, primary, script_of
from ..lexicon import is_common, is_known, is_name_like, word_class
from ..model import LanguageNames
from ..nearkeys import Key, NearIndex, reach_for, spelled, tau_for
from .terms import Resolved, _carry_ending, _match_case

#: Points of similarity by which the best entity must beat any other for a fix to be offered.
MARGIN = 5
#: Word endings that make another word of a name rather than a misspelling of it (German and English
#: inflection, inhabitants, adjectives): ``Afghanin`` is not a typo of ``Afghanen``.
DERIVATIONS = frozenset({
    "", "e", "n", "r", "s", "en", "er", "es", "em", "ern", "ns", "in", "innen", "isch", "ische",
    "ischen", "ischer", "isches", "ian", "ians", "ese", "i", "is",
})
#: Languages that capitalise every noun: a capitalised rare word next to a name may be a title.
NOUNS_CAPITALISED = frozenset({"de", "lb"})
#: Letters from which a one-word form of another language is recognised with a typo in it.
FOREIGN_TYPO_LETTERS = 8
#: Other unknown capitalised words within :data:`LIST_WINDOW` words that make a list of names.
LIST_NAMES = 3
LIST_WINDOW = 6
#: Longest run of name-like words scored as one name.
MAX_RUN = 3

_SCHEME_NAMES = {
    "duden": "the German Duden transcription",
    "duden_strict": "the German Duden transcription",
    "bgn_pcgn": "the English BGN/PCGN romanisation",
    "wadegiles": "the Wade–Giles romanisation",
    "wadegiles_plain": "the Wade–Giles romanisation",
}

# A word starting with an upper-case Latin letter or with a letter of another script; the class is a
# superset (Latin Extended mixes cases), checked again in :func:`_name_like`. The class comes first
# and the word start is asserted after it (a word character not preceded by one, nor by ``#`` or
# ``@``: a hashtag or a handle such as #XiJinping is an identifier, written so on purpose): ``re``
# then skips ahead to the next character of the class, where a leading ``\b`` is tried at every
# position (1.8x faster on news text, the same words).
_WORD = re.compile(
    r"[A-Z\u00c0-\u00de\u0100-\u024f\u0370-\u03ff\u0400-\u052f\u0530-\u1fff"
    r"\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff](?<=\w)(?<![\w#@]\w)\w*(?:['’\-]\w+)*"
)


@dataclass(frozen=True, slots=True)
class _Hit:
    """A span scored against one key."""

    start: int
    end: int
    """End of the name; an ending (genitive ``s``) follows up to :attr:`stop`."""
    stop: int
    key: Key
    sim: float
    ratio: float
    spelled: bool
    """The skeletons are equal: another spelling of the name rather than a typo."""


def check(doc: Document, resolved: list[Resolved]) -> list[Finding]:
    """Near-miss (and transliteration ``foreign-form``) findings outside the resolved spans."""
    index = getattr(doc.glossary.matcher, "near", None)
    if index is None or not index.keys:
        return []
    lang = primary(doc.lang)
    memo = _TOKENS.get(index, {}).get(lang)
    if memo is None:
        memo = _TOKENS.setdefault(index, {})[lang] = _Memo()
    text = doc.text
    # most texts have no candidate: no positions needed then, and the words already known to be of
    # no interest are dropped as a set, without a look at each
    listed = _WORD.findall(text)
    found = set(listed)
    found -= memo.inert
    any_live = not memo.cold.isdisjoint(found)
    found -= memo.cold
    any_hot = any_anchor = False
    variants = []
    infos_of = memo.infos
    for word in found:
        info = infos_of.get(word)
        if info is None:
            info = memo.add(word, _token(index, word, lang))
        if info[2]:
            any_live = True
            any_hot = any_hot or bool(info[3])
        elif info[4]:
            any_anchor = True
            if info[4] == VARIANT:
                variants.append(info[0])
    if not any_hot and not (any_live and any_anchor) and not _partnered(index, variants, found, infos_of):
        return []
    # (start, end, word) of every word, built by C loops (map, zip) rather than one Python step each:
    # a document of a 10k-entry glossary's reach takes this path, and most of its words are looked
    # at only as a neighbour of a candidate
    words = list(map(tuple.__add__, map(_SPAN, _WORD.finditer(text)), zip(listed)))
    infos = list(map(infos_of.__getitem__, listed))
    counts = Counter(listed)
    spans = [(r.start, r.end) for r in resolved]
    findings = _anchored(doc, index, words, infos, spans, True)
    if findings:
        spans = sorted(spans + [(f.start, f.end) for f in findings])
    keys_of = list(map(_HOT, infos))
    evidence = _Evidence(doc, resolved, counts, words)
    usable = _Usable(text, words, spans)
    done = -1
    for i in compress(range(len(keys_of)), keys_of):
        if i <= done or not usable(i):
            continue
        lo = i
        while lo > i - (MAX_RUN - 1) and lo > 0 and usable.joined(lo - 1) and usable(lo - 1):
            lo -= 1
        hi = i
        while usable.joined(hi) and hi + 1 < len(words) and usable(hi + 1) and (
            hi + 1 < i + MAX_RUN or keys_of[hi + 1]
        ):
            hi += 1
        done = hi
        run = [(words[k][0], words[k][1]) for k in range(lo, hi + 1)]
        findings.extend(_check_run(doc, index, run, keys_of[lo : hi + 1], evidence))
    spans = sorted(spans + [(f.start, f.end) for f in findings])
    findings += _anchored(doc, index, words, infos, spans, False)
    findings.sort(key=lambda f: f.start)
    return findings


#: What is known of a distinct text word: (folded, a glossary word, live (may be a near-miss:
#: name-like, not a glossary word, 4+ letters, not a common word), hot keys, an anchor (a word of a
#: multi-word glossary name: :data:`ANCHOR`, or :data:`VARIANT` when another such word is one edit
#: from it, so that it may itself stand for that word: Ghaani beside Esmail for Esmail Ghani), looked
#: at by the anchored pass (live or :data:`VARIANT`)).
TokenInfo = tuple[str, bool, bool, frozenset[int], int, bool]
ANCHOR, VARIANT = 1, 2


class _Memo:
    """Per index and language: each distinct text word's :data:`TokenInfo`, and the words of no
    interest by kind, as sets: ``inert`` (neither live nor an anchor), ``cold`` (live, no hot key)."""

    __slots__ = ("cold", "inert", "infos")

    def __init__(self) -> None:
        self.infos: dict[str, TokenInfo] = {}
        self.inert: set[str] = set()
        self.cold: set[str] = set()

    def add(self, word: str, info: TokenInfo) -> TokenInfo:
        self.infos[word] = info
        if info[2] and not info[3]:
            self.cold.add(word)
        elif not info[2] and not info[4]:
            self.inert.add(word)
        return info


_TOKENS: weakref.WeakKeyDictionary[NearIndex, dict[str, _Memo]] = weakref.WeakKeyDictionary()
_HOT, _LOOKED_AT = itemgetter(3), itemgetter(5)
_START, _END = itemgetter(0), itemgetter(1)
_SPAN = re.Match.span
_NONE: frozenset[int] = frozenset()
_SENTENCE_END = re.compile(r"(?<![0-9])[.!?](?:\s|$)")


def _token(index: NearIndex, word: str, lang: str) -> TokenInfo:
    """The cheapest rejections first: glossary words, short words, lower case, then common words."""
    folded = word.lower() if word.isascii() and word.isalpha() else fold(word)
    exact = bool(folded) and all(part in index.folded_exact for part in folded.split())
    if exact or len(folded.replace(" ", "")) < 4 or not _name_like(word):
        anchor = 0
        if exact and folded in index.anchor_words:
            anchor = VARIANT if _name_like(word) and _near_anchors(index, folded) else ANCHOR
        return folded, exact, False, _NONE, anchor, anchor == VARIANT
    kind = word_class(word, lang)
    if kind == 2:
        return folded, exact, False, _NONE, 0, False
    # a word in real use (or made from one: Weßlinger) is never a typo: only its skeleton is looked up
    known = kind == 1 or _derived_from_known(word, lang)
    if " " in folded:
        pieces = _JOINERS.split(word)
        if len(pieces) == folded.count(" ") + 1:
            return folded, exact, True, _compound_keys(index, folded.split(), pieces, known, lang) or _NONE, 0, True
    keys = _hot_keys(index, folded, spelled_only=known, written=word)
    split = index.joined_words.get(folded)
    if split:  # two words of a listed name written as one (Yahyazadeh for Yahya Zadeh)
        keys |= frozenset(split)
    return folded, exact, True, keys or _NONE, 0, True


_JOINERS = re.compile(r"['’\-]")
#: Endings that make a word from another (inhabitants, adjectives): a known word with one of them is
#: a word in real use too (Weßlinger from Weßling), longest first.
STEM_ENDINGS = ("erinnen", "ischen", "ischer", "isches", "erin", "ische", "isch", "ern", "er")


def _derived_from_known(word: str, lang: str) -> bool:
    """``word`` is a known word of 4+ letters with one of :data:`STEM_ENDINGS` (the longest that fits)."""
    for ending in STEM_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word_class(word[: -len(ending)], lang) >= 1
    return False


def _compound_keys(
    index: NearIndex, parts: list[str], pieces: list[str], known: bool, lang: str
) -> frozenset[int]:
    """Hot keys of a hyphenated word (``Corona-Pandemie``, ``Lukaschneko-Regime``), part by part: a
    common part is not looked up (a span holding a common word is never reported), a known part only
    by its skeleton, as a word of its own would be."""
    looked: list[str] = []
    only: list[bool] = []
    skeletons: list[str] = []
    for part, piece in zip(parts, pieces):
        if part in index.folded_exact:
            continue
        kind = word_class(piece, lang)
        if kind != 2:
            looked.append(part)
            only.append(known or kind == 1)
            skeletons.append(spelled(piece, part))
    return _parts_keys(index, looked, only, skeletons)


class _Usable:
    """Which words may be part of a name: name-like, outside resolved spans; and which are joined."""

    def __init__(self, text: str, words: list[tuple[int, int, str]], spans: list[tuple[int, int]]) -> None:
        self.text, self.words, self.spans = text, words, spans
        self.starts = [s for s, _ in spans]

    def __call__(self, i: int) -> bool:
        start, end, word = self.words[i]
        k = bisect_right(self.starts, end) - 1
        if k >= 0 and self.spans[k][1] > start:
            return False
        return _name_like(word)

    def joined(self, i: int) -> bool:
        """Word ``i`` and the next are separated by exactly one space."""
        return i + 1 < len(self.words) and self.text[self.words[i][1] : self.words[i + 1][0]] == " "


def _name_like(word: str) -> bool:
    first = word[0]
    return first.isupper() or (first.isalpha() and char_script(first) != "LATIN")


def _check_run(
    doc: Document,
    index: NearIndex,
    run: list[tuple[int, int]],
    keys_of: list[frozenset[int]],
    evidence: _Evidence,
) -> list[Finding]:
    hits: list[_Hit] = []
    for i in range(len(run)):
        for j in range(i + 1, min(len(run), i + MAX_RUN) + 1):
            cands = frozenset().union(*keys_of[i:j])
            if cands and keys_of[i] | keys_of[j - 1]:
                hits.extend(_score(doc, index, run[i][0], run[j - 1][1], cands))
    lang = primary(doc.lang)
    text = doc.text
    # a short word that is neither the same spelling (equal skeletons) as another language's form nor
    # a scheme's spelling is two guesses at once (a foreign form, and a typo of it): not reported,
    # unless the document writes the entity
    hits = [
        h for h in hits
        if h.spelled or h.key.form is None or " " in h.key.text or len(h.key.text) >= FOREIGN_TYPO_LETTERS
        or not _is_foreign(h.key, lang, text[h.start : h.end]) or h.key.entity in evidence.written
    ]
    chosen: list[_Hit] = []
    for hit in sorted(hits, key=lambda h: (-len(h.key.text.split()), -h.sim, -h.ratio, h.start)):
        if all(hit.stop <= c.start or c.stop <= hit.start for c in chosen):
            chosen.append(hit)
    findings = []
    lang = primary(doc.lang)
    for hit in sorted(chosen, key=lambda h: h.start):
        if evidence.deliberate(run, hit, lang):
            continue
        rivals = [h for h in hits if h.start == hit.start and h.stop == hit.stop]
        finding = _finding(doc, hit, rivals)
        if finding is not None:
            findings.append(finding)
    return findings


class _Evidence:
    """What the document says about a close word: is it the listed name mistyped, or another name?"""

    def __init__(
        self, doc: Document, resolved: list[Resolved], counts: Counter[str], words: list[tuple[int, int, str]]
    ) -> None:
        self.doc, self.counts, self.words = doc, counts, words
        self._exact = doc.glossary.matcher.near.folded_exact
        self.written = frozenset(e for r in resolved for e in r.entities)
        """Entities the document also writes correctly (a glossary form, exactly)."""

    @cached_property
    def at(self) -> dict[int, int]:
        """Word number by start offset (asked only about a hit, so built on first use)."""
        return dict(zip(map(_START, self.words), range(len(self.words))))

    @cached_property
    def ends(self) -> dict[int, int]:
        """Word number by end offset."""
        return dict(zip(map(_END, self.words), range(len(self.words))))

    def deliberate(self, run: list[tuple[int, int]], hit: _Hit, lang: str) -> bool:
        """Signs that a close word is another name, not a misspelling of the listed one.

        A document that writes the listed name correctly elsewhere makes a close word a typo of it.
        Otherwise: a word written the same way more than once is meant, not mistyped (unless it is a
        spelling of a name the glossary knows natively, which is what ``foreign-form`` is for); a
        family name next to a given name that is not the entity's (Carsten Brosda, Jarosław
        Kaczyński) is that other person's name, unless a determiner makes that word a noun before the
        name (``der Trainer Solowevw``); and a word joined to another name by ``&`` (a firm:
        Graf & Pitkowitz) or a slash (one place's names: Blumenthal/Masloc/Máslak) is written on purpose.
        """
        if hit.key.entity in self.written:
            return False
        text = self.doc.text
        if (not hit.spelled or not _transliterated(self.doc, hit.key)) and any(
            self.counts[text[s:e]] > 1 for s, e in run if hit.start <= s and e <= hit.stop
        ):
            return True
        if min(len(hit.key.text.split()), len(fold(text[hit.start : hit.end]).split())) != 1:
            return False  # a name of several words, as listed and as written, is no other person's
        words = self.words
        first, last = self.at.get(hit.start), self.ends.get(hit.stop)
        if first is not None and self._among_names(first, last if last is not None else first, lang):
            return True
        if first is not None and first > 0:
            start, end, word = words[first - 1]
            if (
                _one_space(text[end : hit.start]) and _name_like(word) and _given_name(self.doc, word, lang)
                and not _determiner_before(text, start, lang)
            ):
                return True
            if text[end : hit.start] in _JOINED and _name_like(word):
                return True
        if last is not None and last + 1 < len(words) and hit.stop == hit.end:
            start, end, word = words[last + 1]
            if _one_space(text[hit.stop : start]) and _name_like(word) and _given_name(self.doc, word, lang):
                return True
            if text[hit.stop : start] in _JOINED and _name_like(word):
                return True
        return False


    def _among_names(self, first: int, last: int, lang: str) -> bool:
        """The word stands in a list of names the glossary does not have (a team line-up, a list of
        authors): at least :data:`LIST_NAMES` other capitalised words no word list knows, within
        :data:`LIST_WINDOW` words on either side, in the same sentence. There a close name is
        most likely another person's."""
        words, text = self.words, self.doc.text
        others = 0
        for lo, hi, step in ((first - 1, max(-1, first - 1 - LIST_WINDOW), -1), (last + 1, min(len(words), last + 1 + LIST_WINDOW), 1)):
            for k in range(lo, hi, step):
                left = k if step == -1 else k - 1
                gap = text[words[left][1] : words[left + 1][0]]
                if ("\n" in gap or _SENTENCE_END.search(gap)) and len(words[left][2]) > 1:
                    break  # a sentence ends here (not after a number or an initial: "61.", "I.")
                word = words[k][2]
                if _name_like(word) and len(word) >= 3 and not is_known(word, lang) and fold(word) not in self._exact:
                    others += 1
        return others >= LIST_NAMES


#: Articles and possessive determiners: a capitalised word right after one is a noun, a title (``der
#: Trainer``, ``seinem Coach``), not a given name, however many languages share the word.
DETERMINERS = {
    "de": frozenset({
        "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines",
        "sein", "seine", "seinen", "seinem", "seiner", "seines", "ihr", "ihre", "ihren", "ihrem", "ihrer", "ihres",
    }),
    "en": frozenset({"the", "a", "an", "his", "her", "its", "their"}),
}
_LAST_WORD = re.compile(r"(\w+)\s+$")


def _determiner_before(text: str, start: int, lang: str) -> bool:
    """The word before ``start`` (a word's start) is a determiner of ``lang``."""
    found = _LAST_WORD.search(text, max(0, start - 12), start)
    return found is not None and found[1].lower() in DETERMINERS.get(lang, ())


#: What joins a close word to another name when both are written on purpose: ``&`` makes a firm's
#: name (Graf & Pitkowitz), a slash lists one place's names in several languages (Blumenthal/Masloc).
_JOINED = frozenset({" & ", "/"})


def _one_space(gap: str) -> bool:
    """Words of one name: a space, or a line break inside a paragraph."""
    return gap == " " or (gap.isspace() and gap.count("\n") <= 1)


def _given_name(doc: Document, word: str, lang: str) -> bool:
    """``word`` reads as a personal name: in use across languages, a listed given name, or (where nouns
    are not capitalised, so a capitalised rare word is a name) not a common word."""
    if is_name_like(word, lang) or fold(word) in doc.glossary.matcher.near.given_names:
        return True
    if is_common(word, lang):
        return False
    return lang not in NOUNS_CAPITALISED or not _compound(word, lang)


def _compound(word: str, lang: str) -> bool:
    """A capitalised rare word ending in a common word of 4+ letters: a compound noun (Kultursenator)."""
    letters = word.replace("-", "")
    return any(is_common(letters[i:].capitalize(), lang) for i in range(1, len(letters) - 3))


def _transliterated(doc: Document, key: Key) -> bool:
    """The key is a scheme's spelling, or its entity has a native-script name the schemes read."""
    if key.form is None:
        return True
    entry = doc.glossary.entry(key.entity)
    return entry is not None and any(script_of(v) != "LATIN" for b in entry.names for v in _block_texts(b))


def _block_texts(block: LanguageNames) -> Iterator[str]:
    for text in (block.preferred, block.given, block.family):
        if text:
            yield text


def _hot_keys(index: NearIndex, folded: str, spelled_only: bool = False, written: str = "") -> frozenset[int]:
    """Keys one of whose words is within reach of ``folded`` (a text word, folded; ``written`` as in the
    text); none for a glossary word."""
    if not folded or folded in index.folded_exact:
        return frozenset()
    parts = folded.split()
    skeletons = [spelled(written, folded)] if written and len(parts) == 1 else None
    return _parts_keys(index, parts, [spelled_only] * len(parts), skeletons)


def _parts_keys(
    index: NearIndex, parts: list[str], spelled_only: list[bool], skeletons: list[str] | None = None
) -> frozenset[int]:
    """Keys with a word within reach of one of ``parts`` (glossary words skipped), by skeleton only
    where ``spelled_only`` says so (the parts' ``skeletons`` as written, if given)."""
    found: set[int] = set()
    for i, (part, only) in enumerate(zip(parts, spelled_only)):
        if part not in index.folded_exact:
            found |= index.near_keys(part, spelled_only=only, sk=skeletons[i] if skeletons else None)
    return frozenset(found)


def _score(doc: Document, index: NearIndex, start: int, end: int, cands: frozenset[int]) -> list[_Hit]:
    """Hits of ``text[start:end]`` (and of it without a genitive ``s``) against the candidate keys."""
    surface = doc.text[start:end]
    query = fold(surface)
    options = [(query, end)]
    if surface[-1:] == "s" and primary(doc.lang) in ("de", "en"):
        cut = end - 1 - (1 if surface[-2:-1] in ("'", "’") else 0)
        options.append((fold(doc.text[start:cut]), cut))
    hits: list[_Hit] = []
    words = len(query.split())
    script = script_of(surface)
    choices: dict[int, Key] = {}
    for kid in cands:
        key = index.keys[kid]
        if script_of(key.display) != script:
            continue
        count = len(key.text.split())
        if count == words:
            choices[kid] = key
        elif abs(count - words) == 1:
            # the same letters split otherwise (Yahyazadeh / Yahya Zadeh): another spelling, never a typo
            for q, name_end in options:
                if q.replace(" ", "") == key.text.replace(" ", ""):
                    ratio = fuzz.ratio(q, key.text)
                    hits.append(_Hit(start, name_end, end, key, ratio, ratio, True))
    if not choices:
        return hits
    for q, name_end in options:
        letters = len(q.replace(" ", ""))
        sk = spelled(doc.text[start:name_end], q)
        typo = {
            kid
            for _, dist, kid in process.extract(
                q, {k: c.text for k, c in choices.items()}, scorer=OSA.distance,
                score_cutoff=reach_for(letters, letters + 1), limit=None,
            )
            if choices[kid].text[:1] == q[:1] and dist <= reach_for(letters, _letters(choices[kid].text))
        }
        same_sound = {
            kid
            for _, _, kid in process.extract(
                sk, {k: c.skeleton for k, c in choices.items()}, scorer=OSA.distance,
                score_cutoff=max(0, tau_for(len(sk)) - 1), limit=None,
            )
        } if letters >= 6 else set()
        # another word formed from one of the entity's names (Malediver from Malediven): none of its keys
        other_word = {c.entity for c in choices.values() if _derived(q, c.text)}
        for kid in typo | same_sound:
            key = choices[kid]
            if key.form is not None and q == key.text or key.entity in other_word:
                continue  # the exact pass's business (it chose not to read it), or another word
            ratio = fuzz.ratio(q, key.text)
            sim = max(ratio, fuzz.ratio(sk, key.skeleton))
            hits.append(_Hit(start, name_end, end, key, sim, ratio, sk == key.skeleton))
    return hits


def _letters(text: str) -> int:
    return len(text) - text.count(" ")


def _derived(query: str, name: str) -> bool:
    """``query`` is ``name`` with another inflection or derivation ending (Afghanin / Afghanen)."""
    common = 0
    for a, b in zip(query, name):
        if a != b:
            break
        common += 1
    return common >= 4 and query[common:] in DERIVATIONS and name[common:] in DERIVATIONS


def _finding(doc: Document, hit: _Hit, rivals: list[_Hit]) -> Finding | None:
    text = doc.text
    lang = primary(doc.lang)

    def rank(h: _Hit) -> tuple[float, float, bool, bool]:
        # the text language's own forms first, glossary forms before generated ones
        return (-h.sim, -h.ratio, h.key.lang != lang, h.key.form is None)

    best: dict[str, _Hit] = {}
    for rival in sorted(rivals, key=rank):
        best.setdefault(rival.key.entity, rival)
    ranked = sorted(best.values(), key=rank)
    top = ranked[0] if ranked else hit
    # judged by the key reported: a known word may be another language's spelling of the name, never
    # a typo of this language's form (Kalaschnikow is German for the English Kalashnikov); a word of
    # any of the entity's forms close to the span is the name itself, however common (Pawel)
    name_words = {word for h in rivals if h.key.entity == top.key.entity for word in h.key.text.split()}
    written = fold(text[top.start : top.end])
    if written.replace(" ", "") == top.key.text.replace(" ", ""):
        name_words.update(written.split())  # the name's own letters, split otherwise
    for start, end in _word_spans(text, hit.start, hit.end):
        word = text[start:end]
        if fold(word) in name_words:
            continue
        if is_common(word, lang) or (not (top.spelled and _is_foreign(top.key, lang, word)) and is_known(word, lang)):
            return None
        if _inner_capital(word) and not _inner_capital(top.key.display):
            return None  # MaLisa, iPhone: a brand's spelling, not a name mistyped
    entry = doc.glossary.entry(top.key.entity)
    if entry is None:
        return None
    found = text[hit.start : hit.stop]
    name = entry.display_name(lang)
    similarity = round(top.ratio)
    if len(ranked) > 1 and ranked[1].sim > top.sim - MARGIN:
        others = []
        for rival in ranked[:3]:
            other = doc.glossary.entry(rival.key.entity)
            others.append(f"'{rival.key.display}' ({other.display_name(lang) if other else rival.key.entity})")
        message = f"'{found}' looks like {' or '.join(others)}, similarity {similarity}; check it by hand."
        return doc.finding("near-miss", hit.start, hit.stop, None, None, message)
    key = top.key
    foreign = _is_foreign(key, lang, text[top.start : top.end])
    if key.form is not None and not foreign and key.form.status.valid:
        target: str | None = key.form.text
        safe = True
    elif key.form is not None and not foreign and key.form.target:
        target, safe = key.form.target, True
    else:
        target, safe = target_for(entry, lang, key.slot)
    replacement = None
    if target is not None and safe:
        surface = text[top.start : top.end]
        replacement = _match_case(surface, key.display, target) + _carry_ending(text[top.end : top.stop], target, lang)
        if replacement == found:
            return None
    rule = "foreign-form" if foreign else "near-miss"
    message = _message(found, key, name, similarity, foreign, lang, target, safe)
    return doc.finding(rule, top.start, top.stop, replacement, entry.id, message)


def _inner_capital(text: str) -> bool:
    """An upper-case letter right after a lower-case one (MaLisa, McDonald)."""
    return any(a.islower() and b.isupper() for a, b in pairwise(text))


def _word_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    for match in re.finditer(r"[^\W\d_]+", text[start:end]):
        yield start + match.start(), start + match.end()


def _is_foreign(key: Key, lang: str, surface: str) -> bool:
    """A spelling of another language or scheme, in the text's script (a native-script form is not)."""
    if key.lang == lang:
        return False
    return script_of(key.display) == script_of(surface) == "LATIN"


def _message(
    found: str, key: Key, name: str, similarity: int, foreign: bool, lang: str, target: str | None, safe: bool
) -> str:
    if key.form is None:
        like = f"'{found}' looks like '{key.display}', {_SCHEME_NAMES.get(key.scheme or '', 'a transliteration')} of {name}"
    elif foreign:
        like = f"'{found}' looks like '{key.display}', the {language_name(key.lang)} form of {name}"
    else:
        like = f"'{found}' looks like '{key.display}' ({name})"
    head = f"{like}, similarity {similarity}"
    if target is None:
        return f"{head}; the glossary has no {language_name(lang)} form to replace it with."
    if not safe:
        return f"{head}; {language_name(lang)} copy writes '{target}', but check the replacement by hand."
    if foreign:
        return f"{head}; {language_name(lang)} copy writes '{target}'."
    if target != key.display:
        return f"{head}; write '{target}'."
    return f"{head}."


# --- anchored near-misses: one word of a listed multi-word name, the others written exactly ----------

#: Edits allowed in a word next to an exact part of the same name (the anchor makes them safe).
def _anchored_tau(letters: int) -> int:
    return 0 if letters < 4 else 1 if letters < 6 else 2


_ANCHOR: weakref.WeakKeyDictionary[NearIndex, dict[str, tuple[int, ...]]] = weakref.WeakKeyDictionary()
_FAMILY: weakref.WeakKeyDictionary[NearIndex, dict[str, frozenset[str]]] = weakref.WeakKeyDictionary()
_PARTNERS: weakref.WeakKeyDictionary[NearIndex, dict[str, frozenset[str]]] = weakref.WeakKeyDictionary()


#: Letters from which a listed word may stand for another listed word one edit from it.
VARIANT_LETTERS = 6


def _near_anchors(index: NearIndex, folded: str) -> list[str]:
    """Words of persons' multi-word names one edit from ``folded`` (of :data:`VARIANT_LETTERS` or more)."""
    if " " in folded or len(folded) < VARIANT_LETTERS:
        return []
    anchors = index.anchor_words
    return [near for near in index.near_words(folded, 1) if near in anchors]


def _partners(index: NearIndex, folded: str) -> frozenset[str]:
    """The other words of the persons' multi-word names that hold a word one edit from ``folded``:
    beside one of them, ``folded`` (itself a glossary word) may stand for that near word."""
    memo = _PARTNERS.setdefault(index, {})
    found = memo.get(folded)
    if found is None:
        words: set[str] = set()
        for near in _near_anchors(index, folded):
            for kid in index.part_keys.get(near, ()):
                words.update(_key_parts(index, kid))
            words.discard(near)
        words.discard(folded)
        found = memo[folded] = frozenset(words)
    return found


def _partnered(index: NearIndex, variants: list[str], found: set[str], infos: dict[str, TokenInfo]) -> bool:
    """One of ``variants`` (folded listed words) has one of its :func:`_partners` among the text's words."""
    if not variants:
        return False
    folded = {infos[word][0] for word in found}
    return any(not _partners(index, variant).isdisjoint(folded) for variant in variants)


def _anchor_keys(index: NearIndex, folded: str) -> tuple[int, ...]:
    """Multi-word keys with a word within the anchored reach of ``folded`` (a text word, folded)."""
    memo = _ANCHOR.setdefault(index, {})
    found = memo.get(folded)
    if found is None:
        ids: set[int] = set()
        for part in folded.split():
            if len(part) >= 4:
                ids |= index.near_keys(part, tau=_anchored_tau(len(part)))
        keys = index.keys
        found = memo[folded] = tuple(sorted(k for k in ids if " " in keys[k].display.strip()))
    return found


def _family_names(doc: Document, index: NearIndex, entity: str) -> frozenset[str]:
    memo = _FAMILY.setdefault(index, {})
    found = memo.get(entity)
    if found is None:
        entry = doc.glossary.entry(entity)
        found = memo[entity] = frozenset(
            word for b in (entry.names if entry is not None else ()) if b.family for word in fold(b.family).split()
        )
    return found


def _anchored(
    doc: Document,
    index: NearIndex,
    words: list[tuple[int, int, str]],
    infos: list[TokenInfo],
    spans: list[tuple[int, int]],
    resolved_anchor: bool,
) -> list[Finding]:
    """Near-misses of one word of a multi-word name whose other words the text writes exactly.

    ``Viktor Vasrliyevich Zolotov`` for a listed ``Viktor Vasiliyevich Zolotov``: the family name is an
    exact match, so the word beside it may be two edits off (from 6 letters; one from 4) and need not
    start with the same letter; so may it beside two exact words of a three-word name. When the only
    exact word is a given name (``Nazir Chaduhry``), the differing word gets the ordinary reach. Only
    one word of the name may differ, and it may be a glossary word itself when it is close to another
    one (``Esmail Ghaani`` for the listed ``Esmail Ghani``: Ghaani is a word of another listed name). With
    ``resolved_anchor`` only names with an exact match of the exact pass beside the word are looked
    at (before the unanchored pass); without, the rest (after it).
    """
    text = doc.text
    lang = primary(doc.lang)
    n = len(words)
    findings: list[Finding] = []
    taken = -1
    for i in compress(range(n), map(_LOOKED_AT, infos)):
        if i <= taken:
            continue
        left = i > 0 and infos[i - 1][4] and text[words[i - 1][1] : words[i][0]] == " "
        right = i + 1 < n and infos[i + 1][4] and text[words[i][1] : words[i + 1][0]] == " "
        if not (left or right) or _inside(spans, words[i][0], words[i][1]):
            continue
        f = infos[i][0]
        if not infos[i][2]:
            partners = _partners(index, f)
            if not ((left and infos[i - 1][0] in partners) or (right and infos[i + 1][0] in partners)):
                continue
        cands = _anchor_keys(index, f)
        if not cands:
            continue
        # a key can only match here if one of its other words is the word before or after this one
        around = set(index.part_keys.get(infos[i - 1][0], ())) if i > 0 else set()
        if i + 1 < n:
            around.update(index.part_keys.get(infos[i + 1][0], ()))
        cands = tuple(kid for kid in cands if kid in around)
        if not cands:
            continue
        letters = len(f.replace(" ", ""))
        known: bool | None = None
        sk: str | None = None
        best: list[tuple[tuple[float, ...], Key, int, int, int]] = []
        for kid in cands:
            key = index.keys[kid]
            parts = _key_parts(index, kid)
            m = len(parts)
            for p, part in enumerate(parts):
                lo = i - p
                if lo < 0 or lo + m > n or part == f:
                    continue
                if any(infos[lo + q][0] != parts[q] for q in range(m) if q != p):
                    continue
                if any(text[words[k][1] : words[k + 1][0]] != " " for k in range(lo, lo + m - 1)):
                    continue
                if resolved_anchor and not any(_inside(spans, *words[lo + q][:2]) for q in range(m) if q != p):
                    continue  # no exact match beside it: the unanchored pass scores the whole run first
                strong = m >= 3 or bool(_family_names(doc, index, key.entity) & {parts[q] for q in range(m) if q != p})
                reach = _anchored_tau(letters) if strong else tau_for(letters)
                dist = OSA.distance(f, part, score_cutoff=reach)
                if sk is None:
                    sk = spelled(words[i][2], f)
                sk_part = spelled(key.display.split()[p], part)
                same_sound = sk == sk_part or OSA.distance(sk, sk_part, score_cutoff=1) <= max(0, tau_for(len(sk)) - 1)
                if (dist > reach and not same_sound) or (p == m - 1 and _derived(f, part)):
                    continue
                if not strong and not same_sound and f[:1] != part[:1]:
                    continue
                if known is None:
                    known = is_known(words[i][2], lang)
                if known and not (same_sound or m >= 3):
                    continue  # a word in real use beside one exact word: another name (Ivanka / Ivana Trump)
                rank = (dist, not strong, key.lang != lang, key.form is None or not key.form.status.valid)
                best.append((rank, key, p, lo, m))
        if not best:
            continue
        best.sort(key=lambda b: b[0])
        top, key, p, lo, m = best[0]
        entities = {b[1].entity for b in best if b[0][:2] == top[:2]}
        finding = _anchored_finding(doc, words[i], key, p, entities, lang)
        if finding is not None:
            findings.append(finding)
            taken = lo + m - 1
    return findings


_PARTS: weakref.WeakKeyDictionary[NearIndex, dict[int, tuple[str, ...]]] = weakref.WeakKeyDictionary()


def _key_parts(index: NearIndex, kid: int) -> tuple[str, ...]:
    """The folded words of a key as written (``Al-Hasan`` is one word), memoised."""
    memo = _PARTS.setdefault(index, {})
    parts = memo.get(kid)
    if parts is None:
        parts = memo[kid] = tuple(fold(p) for p in index.keys[kid].display.split())
    return parts


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    k = bisect_right(spans, (end, end)) - 1
    while k >= 0 and spans[k][1] > start:
        if spans[k][0] < end:
            return True
        k -= 1
    return False


def _anchored_finding(
    doc: Document, word: tuple[int, int, str], key: Key, p: int, entities: set[str], lang: str
) -> Finding | None:
    start, end, surface = word
    shown = key.display.split()[p]
    similarity = round(fuzz.ratio(fold(surface), fold(shown)))
    entry = doc.glossary.entry(key.entity)
    if entry is None:
        return None
    name = entry.display_name(lang)
    if len(entities) > 1:
        message = f"'{surface}' looks like '{shown}' in several listed names, similarity {similarity}; check it by hand."
        return doc.finding("near-miss", start, end, None, None, message)
    replacement: str | None = None
    valid = key.form is not None and key.form.status.valid and key.lang == lang
    if valid:
        replacement = _match_case(surface, shown, shown)
        message = f"'{surface}' looks like '{shown}' ({name}), similarity {similarity}."
    else:
        message = f"'{surface}' looks like '{shown}' ({name}), similarity {similarity}; check the spelling by hand."
    return doc.finding("near-miss", start, end, replacement, entry.id, message)
