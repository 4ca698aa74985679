"""Hanzi → pinyin for names, and pinyin ↔ Wade–Giles over every syllable.

Name forms asserted as press forms are attested at the address given next to them; Wade–Giles forms
of modern names are outputs of the conversion table, not claims about press use, unless a source is given.
"""

from __future__ import annotations

import unicodedata
from types import MappingProxyType

import pytest
from hypothesis import given
from hypothesis import strategies as st

from normalize.translit.chinese import (
    PINYIN_TO_WADEGILES,
    WADEGILES_TO_PINYIN,
    hanzi_to_pinyin,
    pinyin_syllables,
    pinyin_to_wadegiles,
    wadegiles_to_pinyin,
    wadegiles_to_pinyin_readings,
)

# Pinyin syllables that share a Wade–Giles form with another one (documented in _wadegiles_table):
# the interjections o and lo are read back as e and luo.
SHARED = {"o": "e", "lo": "luo"}
# Syllables pypinyin 0.55 can return that the table leaves out on purpose (no vowel / no table lists them).
EXCLUDED = {"m", "n", "ng", "hm", "hng", "biang", "bong", "din", "fiao", "len", "wong"}


def strip_marks(wade: str) -> str:
    return wade.replace("'", "").replace("ü", "u")


# --- Hanzi → pinyin ------------------------------------------------------------------------------

REUTERS_FACTBOX = (
    "english.alarabiya.net/News/world/2022/10/23/Factbox-China-s-new-elite-Communist-Party-leadership"
)

# (Hanzi, press form, where attested)
NAMES = [
    # Reuters factbox: "General Secretary of the Central Committee: Xi Jinping ... Cai Qi ... Li Xi ...
    # Wang Yi, 69, state councilor and foreign minister"
    ("习近平", "Xi Jinping", REUTERS_FACTBOX),
    ("蔡奇", "Cai Qi", REUTERS_FACTBOX),
    ("李希", "Li Xi", REUTERS_FACTBOX),
    ("王毅", "Wang Yi", REUTERS_FACTBOX),
    ("赵乐际", "Zhao Leji", REUTERS_FACTBOX),
    ("丁薛祥", "Ding Xuexiang", REUTERS_FACTBOX),
    # AP: "A member of the Politburo Standing Committee until October, Han Zheng was made vice president."
    ("韩正", "Han Zheng", "web.nepalnews.com.np/s/global/china-s-other-top-leaders-take-posts"),
    # Surname readings that differ from the everyday reading pypinyin returns:
    # Wikipedia's Xi Jinping infobox: "Preceded by Zeng Qinghong" (曾 is ceng in everyday use)
    ("曾庆红", "Zeng Qinghong", "netlibrary.net/articles/Xi_Jinping"),
    # English Wikipedia, Bo Xilai: "Bo Xilai (Chinese: 薄熙来; pinyin: Bó Xīlái)" (薄 is bao in everyday use)
    ("薄熙来", "Bo Xilai", "wikipedia.com/wiki/Bo_Xilai"),
    # same infobox: "Preceded by Lü Fuyuan" (ü kept)
    ("吕福源", "Lü Fuyuan", "wikipedia.com/wiki/Bo_Xilai"),
    # Compound surnames, English Wikipedia "Chinese compound surname": "Dongfang Shuo (東方朔)",
    # "Gongsun Zan, Gongsun Long"
    ("东方朔", "Dongfang Shuo", "en.m.wikipedia.org/wiki/Chinese_compound_surname"),
    ("東方朔", "Dongfang Shuo", "en.m.wikipedia.org/wiki/Chinese_compound_surname"),
    ("公孙龙", "Gongsun Long", "en.m.wikipedia.org/wiki/Chinese_compound_surname"),
]


@pytest.mark.parametrize(("hanzi", "press", "source"), NAMES, ids=[n[1] for n in NAMES])
def test_hanzi_names(hanzi: str, press: str, source: str) -> None:
    assert hanzi_to_pinyin(hanzi) == press, source


def test_hanzi_places_and_other_text() -> None:
    assert hanzi_to_pinyin("上海", person=False) == "Shanghai"
    assert hanzi_to_pinyin("习近平（Xi）") == "Xi Jinping（Xi）"
    # a name in transcription has no family name to split off
    assert hanzi_to_pinyin("普京·弗拉基米尔") == "Pujing·Fulajimi'er"


# --- the table -----------------------------------------------------------------------------------


def test_table_covers_every_syllable_pypinyin_returns() -> None:
    from pypinyin.pinyin_dict import pinyin_dict

    syllables: set[str] = set()
    for readings in pinyin_dict.values():
        for reading in readings.split(","):
            decomposed = unicodedata.normalize("NFD", reading)
            plain = "".join(c for c in decomposed if not unicodedata.combining(c) or c == "\u0308")
            syllables.add(unicodedata.normalize("NFC", plain))
    assert syllables - EXCLUDED <= set(PINYIN_TO_WADEGILES)
    assert len(PINYIN_TO_WADEGILES) == 415
    assert isinstance(PINYIN_TO_WADEGILES, MappingProxyType)


def test_every_syllable_round_trips() -> None:
    for syllable, wade in PINYIN_TO_WADEGILES.items():
        assert WADEGILES_TO_PINYIN[wade] == SHARED.get(syllable, syllable), (syllable, wade)
        # the same through the name functions, one syllable as a name
        assert wadegiles_to_pinyin(pinyin_to_wadegiles(syllable)) == SHARED.get(syllable, syllable)


def test_wade_giles_forms_are_distinct_except_the_documented_pairs() -> None:
    by_form: dict[str, list[str]] = {}
    for syllable, wade in PINYIN_TO_WADEGILES.items():
        by_form.setdefault(wade, []).append(syllable)
    shared = {form: sorted(s) for form, s in by_form.items() if len(s) > 1}
    assert shared == {"o": ["e", "o"], "lo": ["lo", "luo"]}


def test_every_syllable_survives_losing_its_marks() -> None:
    """Without apostrophes and umlauts Wade–Giles is ambiguous; the reading is still among the candidates."""
    for syllable, wade in PINYIN_TO_WADEGILES.items():
        readings = wadegiles_to_pinyin_readings(strip_marks(wade))
        assert SHARED.get(syllable, syllable) in readings, (syllable, wade, readings)


# chinaknowledge.de, "Wade-Giles – Hanyu Pinyin" table
# (http://chinaknowledge.de/Literature/Script/wadegilespinyin.html); aspiration mark as ASCII apostrophe
CHINAKNOWLEDGE_ROWS = {
    "cha": "zha", "ch'a": "cha", "chi": "ji", "ch'i": "qi", "chieh": "jie", "chien": "jian", "chih": "zhi",
    "ch'ih": "chi", "chiung": "jiong", "cho": "zhuo", "ch'o": "chuo", "chü": "ju", "ch'ü": "qu",
    "chüan": "juan", "chüeh": "jue", "chün": "jun", "chung": "zhong", "ch'ung": "chong", "erh": "er",
    "hai": "hai", "ho": "he", "hsi": "xi", "hsieh": "xie", "hsien": "xian", "hsiung": "xiong", "hsü": "xu",
    "hsüeh": "xue", "hui": "hui", "huai": "huai",
}


def test_table_agrees_with_a_published_conversion_table() -> None:
    for wade, pinyin in CHINAKNOWLEDGE_ROWS.items():
        assert WADEGILES_TO_PINYIN[wade] == pinyin


# English Wikipedia, "Wade–Giles table" (copy: goodnames.eth.limo/wiki/Wade%E2%80%93Giles_table.html),
# rows ei and ou, Giles's circumflex dropped: "ei pei pʻei mei fei tei tʻei nei lei kei hei chei shei tsei",
# "ou pʻou mou fou tou tʻou nou lou kou kʻou hou chou chʻou shou jou tsou tsʻou sou"
WIKIPEDIA_ROWS = {
    "ei": "ei", "pei": "bei", "p'ei": "pei", "mei": "mei", "fei": "fei", "tei": "dei", "t'ei": "tei",
    "nei": "nei", "lei": "lei", "kei": "gei", "hei": "hei", "chei": "zhei", "shei": "shei", "tsei": "zei",
    "ou": "ou", "p'ou": "pou", "mou": "mou", "fou": "fou", "tou": "dou", "t'ou": "tou", "nou": "nou",
    "lou": "lou", "kou": "gou", "k'ou": "kou", "hou": "hou", "chou": "zhou", "ch'ou": "chou",
    "shou": "shou", "jou": "rou", "tsou": "zou", "ts'ou": "cou", "sou": "sou",
}


def test_table_agrees_with_wikipedia_rows() -> None:
    for wade, pinyin in WIKIPEDIA_ROWS.items():
        assert WADEGILES_TO_PINYIN[wade] == pinyin


# pypinyin 0.55 Style.WADEGILES gets these wrong (an identity entry falls through to a rewrite rule)
PYPINYIN_WRONG = {
    "ai": "ai", "hai": "hai", "lai": "lai", "mai": "mai", "nai": "nai", "sai": "sai", "wai": "wai",
    "yai": "yai", "shai": "shai", "huo": "huo", "shuo": "shuo", "tie": "t'ieh",
}


def test_known_wrong_pypinyin_syllables_are_right_here() -> None:
    for syllable, wade in PYPINYIN_WRONG.items():
        assert PINYIN_TO_WADEGILES[syllable] == wade
    assert pinyin_to_wadegiles("Shanghai") == "Shang-hai"  # pypinyin: "shang hei"


def test_pypinyin_disagrees_only_where_known() -> None:
    """Compare with pypinyin's Style.WADEGILES: every disagreement is one of its known faults."""
    from pypinyin import Style
    from pypinyin.style import convert

    disagree = set()
    for syllable, wade in PINYIN_TO_WADEGILES.items():
        theirs = str(convert(syllable, Style.WADEGILES, strict=False)).replace("v", "ü").replace("`", "'")
        if theirs != wade:
            disagree.add(syllable)
    assert disagree <= set(PYPINYIN_WRONG)


# --- names both ways -----------------------------------------------------------------------------

WG_NAMES = [
    ("Xi Jinping", "Hsi Chin-p'ing", "Hsi Chin-ping"),
    ("Wang Yi", "Wang I", "Wang I"),
    ("Han Zheng", "Han Cheng", "Han Cheng"),
    ("Li Xi", "Li Hsi", "Li Hsi"),
    ("Cai Qi", "Ts'ai Ch'i", "Tsai Chi"),
    ("Lü Fuyuan", "Lü Fu-yüan", "Lu Fu-yuan"),
    ("Xi'an", "Hsi-an", "Hsi-an"),
]


@pytest.mark.parametrize(("pinyin", "wade", "plain"), WG_NAMES)
def test_names_pinyin_to_wadegiles_and_back(pinyin: str, wade: str, plain: str) -> None:
    assert pinyin_to_wadegiles(pinyin) == wade
    assert pinyin_to_wadegiles(pinyin, marks=False) == plain
    assert wadegiles_to_pinyin(wade) == pinyin
    assert pinyin in wadegiles_to_pinyin_readings(plain)


def test_wadegiles_as_wikipedia_writes_it() -> None:
    """English Wikipedia's Bo Xilai infobox: "Hanyu Pinyin Bó Xīlái", "Wade–Giles Po2 Hsi2-lai2"
    (read through a mirror: proxy.nowhereincoming.net, copy of en.wikipedia.org/wiki/Bo_Xilai)."""
    assert wadegiles_to_pinyin("Po2 Hsi2-lai2") == "Bo Xilai"
    assert pinyin_to_wadegiles("Bó Xīlái") == "Po Hsi-lai"


def test_wadegiles_input_variants() -> None:
    assert wadegiles_to_pinyin("Ts\u2019ai Ch\u2018i") == "Cai Qi"  # typographic apostrophes
    assert wadegiles_to_pinyin("Ssŭ-ma Ch\u02bbien") == "Sima Qian"  # Giles's breve, modifier letter
    assert wadegiles_to_pinyin("Szu-ma") == "Sima"
    assert wadegiles_to_pinyin("Chêng") == "Zheng"
    assert wadegiles_to_pinyin("Hsu") == "Xu"  # no plain syllable hsu: the umlaut was lost
    assert wadegiles_to_pinyin("(Han Cheng)") == "(Han Zheng)"
    assert wadegiles_to_pinyin("HSI CHIN-P'ING") == "XI JINPING"


def test_readings_without_marks() -> None:
    readings = ("Xi Jinbing", "Xi Jinping", "Xi Qinbing", "Xi Qinping")
    assert wadegiles_to_pinyin_readings("Hsi Chin-ping") == readings
    assert wadegiles_to_pinyin_readings("Hsi Chin-p'ing") == ("Xi Jinping", "Xi Qinping")
    assert wadegiles_to_pinyin_readings("Wang I") == ("Wang Yi",)


def test_pinyin_input_variants() -> None:
    assert pinyin_to_wadegiles("Xí Jìnpíng") == "Hsi Chin-p'ing"
    assert pinyin_to_wadegiles("Xi2 Jin4ping2") == "Hsi Chin-p'ing"
    assert pinyin_to_wadegiles("XI JINPING") == "HSI CHIN-P'ING"
    assert pinyin_to_wadegiles("Lv Fuyuan") == "Lü Fu-yüan"
    assert pinyin_syllables("Xian") == ("xian",)
    assert pinyin_syllables("Xi'an") == ("xi", "an")
    assert pinyin_syllables("Huning") == ("hu", "ning")
    assert pinyin_syllables("lue") == ("lüe",)


@pytest.mark.parametrize("bad", ["Smith", "Kai-shek", ""])
def test_not_wadegiles_raises(bad: str) -> None:
    with pytest.raises(ValueError):
        wadegiles_to_pinyin(f"Chiang {bad}" if bad else "Chiang Kaishek")


def test_not_pinyin_raises() -> None:
    with pytest.raises(ValueError):
        pinyin_to_wadegiles("Xi Jinpingx")


_SYLLABLES = st.sampled_from(sorted(set(PINYIN_TO_WADEGILES) - set(SHARED)))


@given(st.lists(st.lists(_SYLLABLES, min_size=1, max_size=3), min_size=1, max_size=3))
def test_property_names_round_trip(words: list[list[str]]) -> None:
    """Any name of real syllables, written as pinyin words, survives pinyin → Wade–Giles → pinyin."""
    name = " ".join("'".join(w).capitalize() for w in words)
    back = wadegiles_to_pinyin(pinyin_to_wadegiles(name))
    assert [pinyin_syllables(w) for w in back.split()] == [pinyin_syllables(w) for w in name.split()]
