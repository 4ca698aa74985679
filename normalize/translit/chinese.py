"""Chinese names: Hanzi → pinyin (pypinyin), and pinyin ↔ Wade–Giles over our own syllable table.

pypinyin's ``Style.WADEGILES`` is not used: in 0.55 it gets a dozen syllables wrong (ai → ei,
hai → hei, huo → ho, shuo → sho, tie → t'oeh ...; 上海 → "shang hei"), because an entry whose
Wade–Giles form equals its pinyin falls through to a rule that rewrites it. Our table
(:mod:`normalize.translit._wadegiles_table`) lists every syllable explicitly, and the tests check it
syllable by syllable, both ways.

Names are written family name first, the syllables of the given name joined: in pinyin as one word
(``Xi Jinping``), in Wade–Giles with hyphens (``Hsi Chin-p'ing``). Wade–Giles is produced with its
marks (apostrophe for aspiration, ``ü``) or without them (``Hsi Chin-ping``), as the press often
writes it; read back, a form without marks can stand for several pinyin syllables
(:func:`wadegiles_to_pinyin_readings`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from itertools import groupby, product
from types import MappingProxyType
from typing import Final

from ._wadegiles_table import PINYIN_TO_WADEGILES

__all__ = [
    "COMPOUND_SURNAMES",
    "PINYIN_TO_WADEGILES",
    "SURNAME_READINGS",
    "WADEGILES_TO_PINYIN",
    "hanzi_to_pinyin",
    "pinyin_syllables",
    "pinyin_to_wadegiles",
    "wadegiles_to_pinyin",
    "wadegiles_to_pinyin_readings",
]

#: Wade–Giles → pinyin: the inverse of :data:`PINYIN_TO_WADEGILES` (``o`` → e and ``lo`` → luo, where
#: two pinyin syllables share a form), plus spellings only met on the way in: Giles's ``yi`` beside
#: ``i``, ``szu`` beside ``ssu``, and ``ke``/``k'e``/``he`` for the ``kê``/``k'ê``/``hê`` of Giles's
#: dictionary once the circumflex is dropped.
WADEGILES_TO_PINYIN: Final[Mapping[str, str]] = MappingProxyType(
    {wg: py for py, wg in PINYIN_TO_WADEGILES.items() if py not in ("o", "lo")}
    | {"yi": "yi", "szu": "si", "ke": "ge", "k'e": "ke", "he": "he"}
)

#: Two-character family names, with their readings. Sources: the lead and the table of
#: https://en.wikipedia.org/wiki/Chinese_compound_surname; 宇文 from the same article's Yuwen
#: section; 万俟, 单于, 尉迟 and 澹台, which a character-by-character reading gets wrong, from
#: https://m.jjdzc.com/mingzi/65.html ("万俟 应读mòqí", "单于 应读chányú", "尉迟 应读yùchí",
#: "澹台 应读tántái").
COMPOUND_SURNAMES: Final[Mapping[str, str]] = MappingProxyType({
    "欧阳": "ouyang", "歐陽": "ouyang", "上官": "shangguan", "司马": "sima", "司馬": "sima",
    "诸葛": "zhuge", "諸葛": "zhuge", "司徒": "situ", "夏侯": "xiahou", "皇甫": "huangfu",
    "呼延": "huyan", "百里": "baili", "淳于": "chunyu", "第五": "diwu", "东方": "dongfang",
    "東方": "dongfang", "东阁": "dongge", "東閣": "dongge", "东郭": "dongguo", "東郭": "dongguo",
    "东门": "dongmen", "東門": "dongmen", "端木": "duanmu", "公孙": "gongsun", "公孫": "gongsun",
    "公羊": "gongyang", "公冶": "gongye", "宇文": "yuwen", "万俟": "moqi", "萬俟": "moqi",
    "单于": "chanyu", "單于": "chanyu", "尉迟": "yuchi", "尉遲": "yuchi", "澹台": "tantai",
    "澹臺": "tantai",
})

#: Family names whose reading differs from the character's everyday reading, which pypinyin returns.
#: Source: the list "容易读错的姓氏" (摘自《小学语文学习》, copy at
#: http://00-edu.com/jaoan/2/2022-03-06/40818.html): 仇 qiu, 区 ou, 召 shao, 任 ren, 华 hua,
#: 朴 piao, 折 she, 单 shan, 黑 he, 解 xie, 繁 po, 纪 ji, 查 zha; 种 chong and 缪 miao from
#: https://m.jjdzc.com/mingzi/65.html; 曾 zeng (Zeng Qinghong) and 薄 bo (Bo Xilai, "Hanyu Pinyin
#: Bó Xīlái") from English Wikipedia. Ambiguous ones (乐 le/yue, 覃 qin/tan, 翟 zhai/di, 盖 gai/ge) are
#: left to pypinyin.
SURNAME_READINGS: Final[Mapping[str, str]] = MappingProxyType({
    "仇": "qiu", "区": "ou", "區": "ou", "召": "shao", "任": "ren", "华": "hua", "華": "hua",
    "朴": "piao", "折": "she", "单": "shan", "單": "shan", "黑": "he", "解": "xie", "繁": "po",
    "纪": "ji", "紀": "ji", "查": "zha", "种": "chong", "種": "chong", "缪": "miao", "繆": "miao",
    "曾": "zeng", "薄": "bo",
})

_APOSTROPHES: Final = "'\u2018\u2019\u02bb\u02bc\u02bd`\u00b4"
_TONE_DIGITS: Final = re.compile(r"[0-5\u00b9\u00b2\u00b3\u2070\u2074\u2075]")
_MIDDLE_DOTS: Final = frozenset("\u00b7\u2027\u30fb\u2022")
_PINYIN_VOWEL_START: Final = ("a", "o", "e")
_LONGEST: Final = max(map(len, PINYIN_TO_WADEGILES))
_PINYIN_ALIASES: Final = MappingProxyType({"lue": "lüe", "nue": "nüe"})


def hanzi_to_pinyin(text: str, *, person: bool = True) -> str:
    """Pinyin of the Han characters in ``text``; other characters are kept.

    With ``person`` (the default) the first run of Han characters is a personal name: family name
    (one character, or two for a compound surname in names of three or more), then the given name
    as one word: ``习近平`` → ``Xi Jinping``, ``东方朔`` → ``Dongfang Shuo``. Without it, and for
    names in transcription (``弗拉基米尔·普京``), every run is one word: ``上海`` → ``Shanghai``.
    """
    person = person and not any(c in _MIDDLE_DOTS for c in text)
    pieces: list[str] = []
    for is_han, run in groupby(text, key=_is_han):
        chars = "".join(run)
        if not is_han:
            pieces.append(chars)
        elif person:
            pieces.append(_personal_name(chars))
            person = False
        else:
            pieces.append(_join_pinyin(_readings(chars)).capitalize())
    return "".join(pieces)


def pinyin_to_wadegiles(name: str, *, marks: bool = True) -> str:
    """Wade–Giles of a name in pinyin: ``Xi Jinping`` → ``Hsi Chin-p'ing``, ``Wang Yi`` → ``Wang I``.

    Each word is split into syllables (tone marks and digits are ignored; ``v`` is ``ü``) and written
    with hyphens between them. Without ``marks`` the apostrophes and umlauts are left out
    (``Hsi Chin-ping``). Raises ``ValueError`` for a word that is not pinyin.
    """

    def convert(word: str) -> str:
        wade = "-".join(PINYIN_TO_WADEGILES[s] for s in pinyin_syllables(word))
        return wade if marks else _strip_marks(wade)

    return _map_words(name, convert)


def wadegiles_to_pinyin(name: str) -> str:
    """Pinyin of a name in Wade–Giles: ``Hsi Chin-p'ing`` → ``Xi Jinping``, ``Han Cheng`` → ``Han Zheng``.

    Syllables are separated by hyphens. Marks are read as written: a syllable without its apostrophe
    or umlaut is taken as the syllable it spells (``ping`` is ``bing``), or, if it spells none, as the
    one it lost its mark from (``hsu`` is ``hsü``, ``xu``). Any apostrophe-like character counts as an
    apostrophe; Giles's circumflex and breve, tone digits and superscripts are ignored. Raises
    ``ValueError`` for a word that is not Wade–Giles.
    """
    return _map_words(name, lambda word: _join_pinyin(_readings_of_wade(s)[0] for s in _wade_syllables(word)))


def wadegiles_to_pinyin_readings(name: str) -> tuple[str, ...]:
    """Every pinyin reading of a Wade–Giles name whose marks may have been left out.

    ``Hsi Chin-ping`` → ``("Xi Jinbing", "Xi Jinping", "Xi Qinbing", "Xi Qinping")``: the reading of
    :func:`wadegiles_to_pinyin` first, then the others in order. A syllable that carries a mark is
    read as written.
    """
    words = re.split(r"(\s+)", name)
    options: list[tuple[str, ...]] = []
    for word in words:
        if not word or word.isspace():
            options.append((word,))
            continue
        lead, core, trail = _peel(word)
        if not core:
            options.append((word,))
            continue
        per_syllable = [_readings_of_wade(s) for s in _wade_syllables(core)]
        joined = tuple(dict.fromkeys(_join_pinyin(combo) for combo in product(*per_syllable)))
        options.append(tuple(lead + _recase(p, core) + trail for p in joined))
    return tuple(dict.fromkeys("".join(combo) for combo in product(*options)))


def pinyin_syllables(word: str) -> tuple[str, ...]:
    """Split one pinyin word into toneless syllables: ``Jinping`` → ``("jin", "ping")``.

    Apostrophes and hyphens separate syllables; elsewhere a syllable starting with a, o or e follows
    another only after an apostrophe (``Xi'an`` but ``Xian``), unless no other split exists.
    Raises ``ValueError`` if the word is not pinyin.
    """
    plain = _TONE_DIGITS.sub("", _strip_tones(word.lower())).replace("v", "ü").replace("u:", "ü")
    syllables: list[str] = []
    for chunk in re.split(f"[{_APOSTROPHES}\\-]+", plain):
        if chunk:
            found = _segment(chunk, strict=True) or _segment(chunk, strict=False)
            if found is None:
                raise ValueError(f"not pinyin: {word!r}")
            syllables += [_PINYIN_ALIASES.get(s, s) for s in found]
    if not syllables:
        raise ValueError(f"not pinyin: {word!r}")
    return tuple(syllables)


# --- Hanzi ---------------------------------------------------------------------------------------


def _personal_name(chars: str) -> str:
    size = 2 if len(chars) >= 3 and chars[:2] in COMPOUND_SURNAMES else 1
    family = COMPOUND_SURNAMES.get(chars[:size]) or SURNAME_READINGS.get(chars[:size])
    family = family or _join_pinyin(_readings(chars[:size]))
    given = chars[size:]
    return family.capitalize() + (" " + _join_pinyin(_readings(given)).capitalize() if given else "")


def _readings(chars: str) -> list[str]:
    # imported here: loading pypinyin's dictionaries takes half a second, which only Hanzi input should pay
    from pypinyin import Style, lazy_pinyin

    return lazy_pinyin(chars, style=Style.NORMAL, v_to_u=True)


@lru_cache(maxsize=65536)
def _is_han(char: str) -> bool:
    return unicodedata.name(char, "").startswith(("CJK UNIFIED IDEOGRAPH", "CJK COMPATIBILITY IDEOGRAPH"))


# --- pinyin and Wade–Giles syllables -------------------------------------------------------------


def _join_pinyin(syllables: Iterable[str]) -> str:
    """Write syllables as one pinyin word, with an apostrophe before a, o, e inside it (``Xi'an``)."""
    out = ""
    for s in syllables:
        out += ("'" if out and s.startswith(_PINYIN_VOWEL_START) else "") + s
    return out


@lru_cache(maxsize=4096)
def _segment(chunk: str, *, strict: bool) -> tuple[str, ...] | None:
    """Longest-first split of ``chunk`` into pinyin syllables, backtracking; ``None`` if none exists."""
    if not chunk:
        return ()
    for size in range(min(len(chunk), _LONGEST), 0, -1):
        head = _PINYIN_ALIASES.get(chunk[:size], chunk[:size])
        if head not in PINYIN_TO_WADEGILES:
            continue
        rest = chunk[size:]
        if strict and rest.startswith(_PINYIN_VOWEL_START):
            continue
        tail = _segment(rest, strict=strict)
        if tail is not None:
            return (chunk[:size], *tail)
    return None


def _wade_syllables(word: str) -> tuple[str, ...]:
    """Normalised Wade–Giles syllables of one word (``Chin-p’ing²`` → ``("chin", "p'ing")``)."""
    plain = _TONE_DIGITS.sub("", _strip_tones(word.lower()))
    for apostrophe in _APOSTROPHES[1:]:
        plain = plain.replace(apostrophe, "'")
    syllables = [s for s in plain.split("-") if s]
    if not syllables or any(s not in WADEGILES_TO_PINYIN and s not in _PLAIN_WADE for s in syllables):
        raise ValueError(f"not Wade–Giles: {word!r}")
    return tuple(syllables)


def _readings_of_wade(syllable: str) -> tuple[str, ...]:
    """Pinyin readings of a Wade–Giles syllable: as written first, then those its marks were taken from."""
    exact = (WADEGILES_TO_PINYIN[syllable],) if syllable in WADEGILES_TO_PINYIN else ()
    if "'" in syllable or "ü" in syllable:
        return exact
    return tuple(dict.fromkeys(exact + _PLAIN_WADE.get(syllable, ())))


def _build_plain_wade() -> Mapping[str, tuple[str, ...]]:
    plain: dict[str, list[str]] = {}
    for wade, py in sorted(WADEGILES_TO_PINYIN.items()):
        plain.setdefault(_strip_marks(wade), []).append(py)
    return MappingProxyType({k: tuple(v) for k, v in plain.items()})


def _strip_marks(wade: str) -> str:
    return wade.replace("'", "").replace("ü", "u").replace("Ü", "U")


def _strip_tones(text: str) -> str:
    """Drop tone marks and Giles's ê and ŭ marks, keep the umlaut (``Lǚ`` → ``Lü``, ``tzŭ`` → ``tzu``)."""
    decomposed = unicodedata.normalize("NFD", text)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c) or c == "\u0308")
    return unicodedata.normalize("NFC", kept)


_PLAIN_WADE: Final = _build_plain_wade()


# --- words and case ------------------------------------------------------------------------------


def _map_words(text: str, convert: Callable[[str], str]) -> str:
    """Apply ``convert`` to each whitespace-separated word, keeping punctuation around it and its case."""
    out: list[str] = []
    for piece in re.split(r"(\s+)", text):
        if not piece or piece.isspace():
            out.append(piece)
            continue
        lead, core, trail = _peel(piece)
        out.append(lead + (_recase(convert(core), core) if core else "") + trail)
    return "".join(out)


def _peel(word: str) -> tuple[str, str, str]:
    """Split off leading and trailing punctuation: ``(Han`` → ``("(", "Han", "")``."""
    match = re.fullmatch(r"(\W*)(.*?)([^\w\u00b9\u00b2\u00b3\u2070\u2074\u2075]*)", word)
    assert match is not None  # the pattern matches any string
    return match.group(1), match.group(2), match.group(3)


def _recase(out: str, source: str) -> str:
    """Give ``out`` the case pattern of ``source``: all capitals, capitalised, or as is."""
    letters = [c for c in source if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return out.upper()
    if letters and letters[0].isupper():
        return out[:1].upper() + out[1:]
    return out
