"""Scripts of letters, from Unicode character names: look-alikes and forms in the wrong script."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ..langs import primary

#: First words of Unicode names that belong to the Han/Japanese writing system.
_HAN = frozenset({"CJK", "HIRAGANA", "KATAKANA", "IDEOGRAPHIC", "KANGXI"})

#: Script subtags of BCP 47 and the script word of Unicode names they stand for.
_SUBTAG_SCRIPTS = {
    "Latn": "LATIN",
    "Cyrl": "CYRILLIC",
    "Arab": "ARABIC",
    "Grek": "GREEK",
    "Hebr": "HEBREW",
    "Hans": "CJK",
    "Hant": "CJK",
    "Hani": "CJK",
    "Jpan": "CJK",
    "Armn": "ARMENIAN",
    "Geor": "GEORGIAN",
    "Deva": "DEVANAGARI",
    "Thai": "THAI",
    "Mymr": "MYANMAR",
    "Hang": "HANGUL",
    "Kore": "HANGUL",
    "Mong": "MONGOLIAN",
}

#: The script a language is written in, for languages where that is not in dispute. Languages
#: that use two scripts today (Uzbek, Kazakh, Serbian, Azerbaijani, Mongolian ...) are left out:
#: their forms are only checked when the tag names the script (``uz-Latn``, ``kk-Cyrl``).
LANGUAGE_SCRIPTS = {
    **{
        lang: "LATIN"
        for lang in (
            "de",
            "en",
            "fr",
            "es",
            "it",
            "pt",
            "nl",
            "pl",
            "cs",
            "sk",
            "sl",
            "hr",
            "hu",
            "ro",
            "sv",
            "da",
            "nb",
            "nn",
            "no",
            "fi",
            "et",
            "lv",
            "lt",
            "tr",
            "id",
            "ms",
            "vi",
            "tl",
            "fil",
            "sq",
            "ga",
            "is",
        )
    },
    **{lang: "CYRILLIC" for lang in ("ru", "be", "uk", "bg", "mk", "ky", "tg")},
    **{lang: "ARABIC" for lang in ("ar", "fa", "ur", "ps")},
    "zh": "CJK",
    "ja": "CJK",
    "ko": "HANGUL",
    "el": "GREEK",
    "he": "HEBREW",
    "hy": "ARMENIAN",
    "ka": "GEORGIAN",
    "hi": "DEVANAGARI",
    "ne": "DEVANAGARI",
    "mr": "DEVANAGARI",
    "th": "THAI",
    "my": "MYANMAR",
    "km": "KHMER",
    "lo": "LAO",
    "si": "SINHALA",
    "ta": "TAMIL",
    "bn": "BENGALI",
}


@lru_cache(maxsize=65536)
def letter_script(char: str) -> str | None:
    """The script of a letter (``LATIN``, ``CYRILLIC``, ``CJK`` ...); ``None`` for anything that
    belongs to no script: non-letters and modifier letters (U+02BB in "O\u02bbzbekiston")."""
    if not char.isalpha() or unicodedata.category(char) == "Lm":
        return None
    try:
        word = unicodedata.name(char).split(" ", 1)[0]
    except ValueError:
        return "UNKNOWN"
    return "CJK" if word in _HAN else word


def expected_script(lang: str) -> str | None:
    """The script forms of ``lang`` are written in, or ``None`` when it is not certain."""
    for subtag in lang.split("-")[1:]:
        if len(subtag) == 4 and subtag[0].isupper():
            return _SUBTAG_SCRIPTS.get(subtag)
    return LANGUAGE_SCRIPTS.get(primary(lang))


@dataclass(frozen=True, slots=True)
class Intruder:
    """A letter whose script differs from the rest of its word."""

    char: str
    script: str
    word: str
    word_script: str

    def describe(self) -> str:
        name = unicodedata.name(self.char, "?")
        where = f"in the {self.word_script.title()} word '{self.word}'"
        return f"{self.script.title()} '{self.char}' (U+{ord(self.char):04X} {name}) {where}"


_WORD = re.compile(r"\w+")


def intruders(form: str) -> list[Intruder]:
    """Letters of another script inside a word: almost always a look-alike typed by mistake."""
    found: list[Intruder] = []
    for match in _WORD.finditer(form):
        word = match.group()
        scripts = Counter(s for s in map(letter_script, word) if s is not None)
        if len(scripts) < 2:
            continue
        # the majority script is the word's; on a tie, the script of the first letter
        first = next(s for s in map(letter_script, word) if s is not None)
        top = max(scripts.values())
        main = first if scripts[first] == top else scripts.most_common(1)[0][0]
        found.extend(Intruder(c, s, word, main) for c in word if (s := letter_script(c)) is not None and s != main)
    return found


def form_scripts(form: str) -> list[str]:
    """The scripts of a form's letters, in order of first appearance."""
    seen: dict[str, None] = {}
    for char in form:
        script = letter_script(char)
        if script is not None:
            seen.setdefault(script, None)
    return list(seen)
