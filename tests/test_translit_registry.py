"""The scheme registry and ``candidates``: which schemes answer for which language, in which order."""

from __future__ import annotations

import dataclasses

import pytest

from normalize.translit import SCHEMES, Candidate, Scheme, candidates


def test_registry_shape() -> None:
    assert list(SCHEMES) == [
        "duden", "duden_strict", "bgn_pcgn", "bgn_pcgn_strict", "pinyin", "wadegiles", "wadegiles_plain",
    ]
    for name, scheme in SCHEMES.items():
        assert isinstance(scheme, Scheme) and scheme.name == name
        assert scheme.script in ("Cyrl", "Hani")
        assert scheme.description
    assert SCHEMES["duden"].target == "de"
    assert SCHEMES["bgn_pcgn"].target == "en"
    assert SCHEMES["pinyin"].target == "zh-Latn-pinyin"
    assert SCHEMES["wadegiles"].target == "zh-Latn-wadegile"


def test_registry_is_immutable() -> None:
    with pytest.raises(TypeError):
        SCHEMES["mine"] = SCHEMES["duden"]  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        SCHEMES["duden"].target = "en"  # type: ignore[misc]


def test_romanize_per_scheme() -> None:
    assert SCHEMES["duden"].romanize("Сергей Лавров") == "Sergej Lawrow"
    assert SCHEMES["duden_strict"].romanize("Сергей Лавров") == "Sergei Lawrow"
    assert SCHEMES["bgn_pcgn"].romanize("Мирзиёев") == "Mirziyoyev"
    assert SCHEMES["bgn_pcgn_strict"].romanize("Мирзиёев") == "Mirziyëyev"
    assert SCHEMES["pinyin"].romanize("韩正") == "Han Zheng"
    assert SCHEMES["wadegiles"].romanize("韩正") == "Han Cheng"
    assert SCHEMES["wadegiles_plain"].romanize("蔡奇") == "Tsai Chi"


def test_candidates_for_german_keep_word_order() -> None:
    assert candidates("Мирзиёев Шавкат", "de") == [Candidate("Mirsijojew Schawkat", "duden")]


def test_candidates_list_each_distinct_form_once() -> None:
    assert candidates("Сергей Лавров", "de") == [
        Candidate("Sergej Lawrow", "duden"),
        Candidate("Sergei Lawrow", "duden_strict"),
    ]
    assert candidates("Мирзиёев", "en") == [
        Candidate("Mirziyoyev", "bgn_pcgn"),
        Candidate("Mirziyëyev", "bgn_pcgn_strict"),
    ]


def test_candidates_for_chinese() -> None:
    assert candidates("习近平", "de") == [
        Candidate("Xi Jinping", "pinyin"),
        Candidate("Hsi Chin-p'ing", "wadegiles"),
        Candidate("Hsi Chin-ping", "wadegiles_plain"),
    ]
    assert candidates("王毅", "zh-Latn-wadegile") == [Candidate("Wang I", "wadegiles")]
    assert candidates("李希", "zh-Latn-pinyin") == [Candidate("Li Xi", "pinyin")]


def test_candidates_by_language_region_tag() -> None:
    assert candidates("Токаев", "de-AT") == [Candidate("Tokajew", "duden")]


def test_candidates_skip_what_does_not_apply() -> None:
    assert candidates("Xi Jinping", "de") == []  # Latin input: nothing to romanise
    assert candidates("Токаев", "fr") == []  # no scheme for French copy
    assert candidates("嗯", "en") == [Candidate("N", "pinyin")]  # no Wade–Giles syllable: skipped, not raised
