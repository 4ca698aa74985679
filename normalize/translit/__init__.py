"""Transliteration schemes: candidate spellings of a native name for a target language.

Each :class:`Scheme` romanises names of one source script for copy in some languages:

- ``duden`` (ru → de): German press transcription, Сергей Лавров → Sergej Lawrow;
- ``duden_strict`` (ru → de): the Duden as German Wikipedia writes it, → Sergei Lawrow;
- ``bgn_pcgn`` (ru → en): BGN/PCGN as the English-language press writes it, Мирзиёев → Mirziyoyev;
- ``bgn_pcgn_strict`` (ru → en): BGN/PCGN as published, → Mirziyëyev;
- ``pinyin`` (zh → zh-Latn-pinyin): 习近平 → Xi Jinping;
- ``wadegiles`` (zh → zh-Latn-wadegile): 习近平 → Hsi Chin-p'ing;
- ``wadegiles_plain`` (zh → zh-Latn-wadegile): without apostrophes and umlauts, → Hsi Chin-ping.

A scheme's output is a *candidate*: traditional spellings (Alexander, Maria) and names that come from
another language than Russian (Dschaparow, Toqajew) do not follow the rules; the glossary stays the
authority. The Russian schemes take other Cyrillic alphabets too, approximately (Тоқаев → Tokajew).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from types import MappingProxyType
from typing import Final

from ..langs import primary, script_of
from . import bgn, chinese, duden

__all__ = ["SCHEMES", "Candidate", "Scheme", "candidates"]


@dataclass(frozen=True, slots=True)
class Scheme:
    """A romanisation: how names of one source script are written for copy in some languages."""

    name: str
    """Registry key, also usable as a glossary ``scheme`` value (``duden``, ``bgn_pcgn``)."""
    source: str
    """BCP 47 tag of the input, language and script (``ru-Cyrl``, ``zh-Hani``)."""
    target: str
    """BCP 47 tag of the output (``de``, ``en``, ``zh-Latn-pinyin``, ``zh-Latn-wadegile``)."""
    languages: frozenset[str]
    """Primary language tags of the copy that writes names this way (``{"de"}`` for ``duden``)."""
    romanize: Callable[[str], str]
    """``romanize(text) -> str``; characters of other scripts are kept. Raises ``ValueError`` when the
    text has no form in the scheme (a Han character read as a syllable Wade–Giles lacks)."""
    description: str
    """One line for listings such as ``normalize glossary suggest``."""

    @property
    def script(self) -> str:
        """The source script subtag (``Cyrl``, ``Hani``)."""
        return self.source.split("-")[1]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A spelling a scheme proposes for a native name; a suggestion, never an authority."""

    form: str
    scheme: str
    """Name of the :class:`Scheme` that produced the form (the first one, when several agree)."""


def _wadegiles(text: str, *, marks: bool) -> str:
    return chinese.pinyin_to_wadegiles(chinese.hanzi_to_pinyin(text), marks=marks)


_ALL: Final = (
    Scheme(name="duden", source="ru-Cyrl", target="de", languages=frozenset({"de"}),
           romanize=duden.romanize,
           description="German press transcription after the Duden rules, -ej for ей (Sergej)"),
    Scheme(name="duden_strict", source="ru-Cyrl", target="de", languages=frozenset({"de"}),
           romanize=partial(duden.romanize, variant="strict"),
           description="Duden transcription as German Wikipedia writes it, -ei for ей (Sergei)"),
    Scheme(name="bgn_pcgn", source="ru-Cyrl", target="en", languages=frozenset({"en"}),
           romanize=bgn.romanize,
           description="BGN/PCGN as the English-language press writes it: no apostrophes, ё as yo (Mirziyoyev)"),
    Scheme(name="bgn_pcgn_strict", source="ru-Cyrl", target="en", languages=frozenset({"en"}),
           romanize=partial(bgn.romanize, variant="strict"),
           description="BGN/PCGN as published, with ë, ’ ” and the middle dot (Mirziyëyev)"),
    Scheme(name="pinyin", source="zh-Hani", target="zh-Latn-pinyin", languages=frozenset({"de", "en"}),
           romanize=chinese.hanzi_to_pinyin,
           description="Hanyu pinyin, family name first, given name as one word (Xi Jinping)"),
    Scheme(name="wadegiles", source="zh-Hani", target="zh-Latn-wadegile", languages=frozenset({"de", "en"}),
           romanize=partial(_wadegiles, marks=True),
           description="Wade–Giles with apostrophes and umlauts (Hsi Chin-p'ing)"),
    Scheme(name="wadegiles_plain", source="zh-Hani", target="zh-Latn-wadegile", languages=frozenset({"de", "en"}),
           romanize=partial(_wadegiles, marks=False),
           description="Wade–Giles without apostrophes and umlauts, as the press often writes it (Hsi Chin-ping)"),
)

#: Every scheme by name, in the order :func:`candidates` lists them (read-only).
SCHEMES: Final[Mapping[str, Scheme]] = MappingProxyType({s.name: s for s in _ALL})

_SCRIPTS: Final = MappingProxyType({"CYRILLIC": "Cyrl", "CJK": "Hani"})


def candidates(native: str, lang: str) -> list[Candidate]:
    """Candidate spellings of ``native`` for copy in ``lang``, one per distinct form, in scheme order.

    ``lang`` is a language (``de``, ``en``: every scheme whose copy uses it) or a scheme's target tag
    (``zh-Latn-wadegile``). Word order is kept as given: ``candidates("Мирзиёев Шавкат", "de")`` →
    ``[Candidate("Mirsijojew Schawkat", "duden")]``.
    """
    script = _SCRIPTS.get(script_of(native) or "")
    found: dict[str, Candidate] = {}
    for scheme in SCHEMES.values():
        if scheme.script != script or not (lang == scheme.target or primary(lang) in scheme.languages):
            continue
        try:
            form = scheme.romanize(native)
        except ValueError:
            continue
        found.setdefault(form, Candidate(form, scheme.name))
    return list(found.values())
