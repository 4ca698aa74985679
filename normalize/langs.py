"""Language tags: names for messages, scripts, and the inflection endings each language uses."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_NAMES = {
    "ar": "Arabic", "az": "Azerbaijani", "be": "Belarusian", "bn": "Bengali", "de": "German",
    "dv": "Dhivehi", "en": "English", "es": "Spanish", "fa": "Persian", "fr": "French",
    "hi": "Hindi", "hy": "Armenian", "it": "Italian", "kk": "Kazakh", "km": "Khmer", "ky": "Kyrgyz",
    "lo": "Lao", "mn": "Mongolian", "my": "Burmese", "ne": "Nepali", "ps": "Pashto", "ru": "Russian",
    "si": "Sinhala", "ta": "Tamil", "tg": "Tajik", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu",
    "uz": "Uzbek", "zh": "Chinese", "zh-Latn-pinyin": "pinyin", "zh-Latn-wadegile": "Wade–Giles",
}

#: Endings carried over from a matched name to its replacement, per document language.
NAME_ENDINGS: dict[str, frozenset[str]] = {
    "de": frozenset({"s", " s"}),
    "en": frozenset({" s"}),
}
ADJECTIVE_ENDINGS: dict[str, frozenset[str]] = {
    "de": frozenset({"e", "em", "en", "er", "es"}),
    "en": frozenset({"s"}),
}


def language_name(tag: str) -> str:
    """An English name for a language tag, for messages."""
    if tag in _NAMES:
        return _NAMES[tag]
    primary = tag.split("-")[0]
    return _NAMES.get(primary, tag)


def primary(tag: str) -> str:
    """The primary language subtag, lower-cased (``de-AT`` → ``de``)."""
    return tag.split("-")[0].lower()


@lru_cache(maxsize=65536)
def char_script(char: str) -> str | None:
    """The script of a letter (``LATIN``, ``CYRILLIC``, ``CJK`` ...), ``None`` for non-letters."""
    if not char.isalpha():
        return None
    try:
        name = unicodedata.name(char)
    except ValueError:
        return "UNKNOWN"
    word = name.split(" ", 1)[0]
    return "CJK" if word in ("CJK", "HIRAGANA", "KATAKANA") else word


def script_of(text: str) -> str | None:
    """The script of the first letter of ``text``."""
    for char in text:
        script = char_script(char)
        if script is not None:
            return script
    return None
