"""Rule near-miss: typos and unlisted spellings of glossary names, and the words that must stay silent."""

from __future__ import annotations

import pickle
import random

import pytest
from rapidfuzz.distance import OSA

import normalize
from normalize.fold import fold
from normalize.lexicon import COMMON_ZIPF, is_common
from normalize.model import Entry, Glossary, LanguageNames
from normalize.nearkeys import (
    _parts,
    _probe,
    _segment_index,
    skeleton,
    spelled,
    tau_for,
)


def found(text: str, glossary: normalize.Glossary, lang: str = "de") -> list[tuple[str, str, str | None]]:
    return [
        (f.rule, f.text, f.replacement)
        for f in normalize.lint(text, lang=lang, glossary=glossary)
        if f.rule in ("near-miss", "foreign-form")
    ]


def person(entity: str, de: tuple[str, str], en: tuple[str, str] | None = None) -> Entry:
    names = [LanguageNames("de", given=de[0], family=de[1])]
    if en:
        names.append(LanguageNames("en", given=en[0], family=en[1]))
    return Entry(entity, "person", tuple(names), ())


@pytest.mark.parametrize(
    "text",
    [
        "Die Reise nach Teheran dauerte lange.",
        "Reise nach Teheran: ein Bericht.",
        "Die Iren feierten in Dublin.",
        "Iren und Schotten feierten.",
        "Der Mensch im Mittelpunkt.",
        "Mensch, sagte er, das ist viel.",
        "Die Lawine verschüttete das Dorf.",
        "Lawine im Tal: drei Verletzte.",
        "Er kritisierte die Pläne scharf.",
        "Scharf kritisierte er die Pläne.",
        "Im Modus der Krise regiert es sich anders.",
        "Modus vivendi gesucht.",
    ],
)
def test_trap_words_stay_silent(text: str, bundled: normalize.Glossary) -> None:
    glossary = Glossary(
        bundled.entries
        + (
            person("ebrahim-raisi", ("Ebrahim", "Raisi")),
            person("narendra-modi-test", ("Narendra", "Modi")),
        )
    )
    assert found(text, glossary) == []


def test_trap_words_are_common_words() -> None:
    for word in ("Reise", "Iren", "Mensch", "Lawine", "scharf", "Modus"):
        assert is_common(word, "de"), word
    for word in ("Lukaschneko", "Japarow", "Dzhaparov"):
        assert not is_common(word, "de"), word
    assert COMMON_ZIPF == 3.0


def test_typo_message(bundled: normalize.Glossary) -> None:
    [finding] = [f for f in normalize.lint("Präsident Lukaschneko sprach.", "de", bundled)]
    assert finding.rule == "near-miss" and finding.replacement == "Lukaschenko"
    assert finding.message == "'Lukaschneko' looks like 'Lukaschenko' (Alexander Lukaschenko), similarity 91."
    assert finding.entry == "alexander-lukashenko"


def test_run_of_words_and_genitive(bundled: normalize.Glossary) -> None:
    assert found("Alexander Lukaschneko sprach.", bundled) == [
        ("near-miss", "Alexander Lukaschneko", "Alexander Lukaschenko")
    ]
    assert found("Lukaschnekos Rede", bundled) == [("near-miss", "Lukaschnekos", "Lukaschenkos")]


@pytest.mark.parametrize("spelling", ["Japarow", "Dzhaparov", "Japarov", "Zhaparov"])
def test_wrong_scheme_is_foreign_form(spelling: str, bundled: normalize.Glossary) -> None:
    result = found(f"Der kirgisische Präsident {spelling} kam.", bundled)
    assert result == [("foreign-form", spelling, "Dschaparow")]


def test_foreign_near_miss_names_the_form(bundled: normalize.Glossary) -> None:
    [finding] = normalize.lint("Präsident Japarow kam.", "de", bundled)
    assert "the English form of Sadyr Dschaparow" in finding.message
    assert finding.message.endswith("German copy writes 'Dschaparow'.")


def test_generated_transliteration_keys(bundled: normalize.Glossary) -> None:
    # BGN/PCGN of Мирзиёев (English) in German copy; Wade–Giles of a pinyin name
    assert found("Präsident Mirziyoev sprach.", bundled)[0][2] == "Mirsijojew"
    assert found("Hsi Chin-p'ing kam.", bundled) == [("foreign-form", "Hsi Chin-p'ing", "Xi Jinping")]
    assert found("Li Ch'iang kam.", bundled) == [("foreign-form", "Li Ch'iang", "Li Qiang")]


def test_english_copy(bundled: normalize.Glossary) -> None:
    assert found("President Lukashneko spoke.", bundled, "en") == [("near-miss", "Lukashneko", "Lukashenko")]
    assert found("The Lawrow visit.", bundled, "en")[0][0] == "foreign-form"


def test_never_inside_exact_match(bundled: normalize.Glossary) -> None:
    assert found("Alexander Grigorjewitsch Lukaschenko und Wladimir Putin", bundled) == []
    # the exact pass reads Schaparow; the near-miss pass does not report it again
    assert [f.rule for f in normalize.lint("Schaparow kam.", "de", bundled)] == ["variant"]


def test_lower_case_and_short_words_are_not_names(bundled: normalize.Glossary) -> None:
    assert found("er sagte lukaschneko", bundled) == []
    assert found("Der Iram kam.", bundled) == []  # four letters: only an equal skeleton counts


def test_ambiguous_has_no_fix() -> None:
    glossary = Glossary(
        (person("a", ("Ivan", "Petrowski")), person("b", ("Iwan", "Petrowsky")))
    )
    [finding] = normalize.lint("Gestern sprach Petrowskij.", "de", glossary)
    assert finding.rule == "near-miss" and finding.replacement is None
    assert "'Petrowski'" in finding.message and "'Petrowsky'" in finding.message


def test_margin_gives_fix_when_one_is_clearly_best() -> None:
    glossary = Glossary((person("a", ("Ivan", "Petrowski")), person("b", ("Boris", "Kalinowski"))))
    assert found("Gestern sprach Petrowksi.", glossary) == [("near-miss", "Petrowksi", "Petrowski")]


def test_index_pickles_with_the_matcher(bundled: normalize.Glossary) -> None:
    clone = pickle.loads(pickle.dumps(bundled))
    assert clone.matcher.near is not None
    assert found("Präsident Lukaschneko sprach.", clone) == found("Präsident Lukaschneko sprach.", bundled)


@pytest.mark.parametrize(
    "group",
    [
        ("Dschaparow", "Japarow", "Zhaparov", "Dzhaparov", "Japarov"),
        ("Lukaschenko", "Lukashenko"),
        ("Sacharowa", "Zakharova"),
        ("Mirsijojew", "Mirziyoyev"),
        ("Jelzin", "Yeltsin"),
        ("Tokajew", "Tokayev", "Toqajew"),
        ("Mochber", "Mokhber"),
        ("Emomali", "Emomalij"),
        ("Sergej", "Sergey", "Sergei"),
    ],
)
def test_skeleton_joins_transliterations(group: tuple[str, ...]) -> None:
    from normalize.fold import fold

    assert len({skeleton(fold(name)) for name in group}) == 1, [skeleton(fold(n)) for n in group]


@pytest.mark.parametrize("pair", [("reise", "raisi"), ("iren", "iran"), ("mensch", "minsk"), ("modus", "modi")])
def test_skeleton_keeps_vowels(pair: tuple[str, str]) -> None:
    assert skeleton(pair[0]) != skeleton(pair[1])


def test_tau_by_length() -> None:
    assert [tau_for(n) for n in (3, 4, 5, 6, 8, 9, 12)] == [0, 0, 0, 1, 1, 2, 2]


def test_blocking_finds_every_word_within_reach() -> None:
    """The segment index is a superset of brute force (property on random words)."""
    rng = random.Random(5)
    letters = "abcdeiklmnorstuvz"
    words = sorted({"".join(rng.choice(letters) for _ in range(rng.randint(3, 12))) for _ in range(3000)})
    ids = {w: i for i, w in enumerate(words)}
    index = _segment_index(words, ids)
    for _ in range(400):
        base = rng.choice(words)
        query = list(base)
        for _ in range(rng.randint(0, 2)):
            op, pos = rng.randint(0, 2), rng.randrange(len(query))
            if op == 0:
                query[pos] = rng.choice(letters)
            elif op == 1 and len(query) > 3:
                del query[pos]
            else:
                query.insert(pos, rng.choice(letters))
        q = "".join(query)
        tau = 2
        got = _probe(index, q, tau)
        expected = {ids[w] for w in words if OSA.distance(q, w) <= tau and len(w) >= 3}
        # OSA swaps cost one but move a letter between segments: compare with plain Levenshtein reach
        from rapidfuzz.distance import Levenshtein

        strict = {ids[w] for w in words if Levenshtein.distance(q, w) <= tau}
        assert strict <= got, (q, [words[i] for i in strict - got])
        assert got <= set(ids.values())
        del expected


def test_two_segment_blocking_finds_every_word_one_edit_away() -> None:
    """The one-edit index (two segments, keyed by segment text) finds every word within one OSA edit,
    a swap across the segment border included, and its lookups of a length keep to that length."""
    rng = random.Random(11)
    letters = "aeiklnorstu"
    words = sorted({"".join(rng.choice(letters) for _ in range(rng.randint(4, 10))) for _ in range(2000)})
    ids = {w: i for i, w in enumerate(words)}
    index = _segment_index(words, ids, 1)
    assert all(isinstance(text, str) for text in index.segments)
    for _ in range(600):
        query = list(rng.choice(words))
        op, pos = rng.randint(0, 3), rng.randrange(len(query) - 1)
        if op == 0:
            query[pos] = rng.choice(letters)
        elif op == 1:
            del query[pos]
        elif op == 2:
            query.insert(pos, rng.choice(letters))
        else:
            query[pos], query[pos + 1] = query[pos + 1], query[pos]
        q = "".join(query)
        got = _probe(index, q, 1)
        expected = {ids[w] for w in words if OSA.distance(q, w) <= 1}
        assert expected <= got, (q, [words[i] for i in expected - got])
        assert all(abs(len(words[i]) - len(q)) <= 1 for i in got)


def _skeleton_by_translate(folded: str) -> str:
    """The skeleton as first written (``str.translate`` and a ``\\1`` template): the reference."""
    import re

    from normalize.nearkeys import _SKELETON_PAIRS

    for cluster, sound in _SKELETON_PAIRS:
        folded = folded.replace(cluster, sound)
    return re.sub(r"([a-z])\1+", r"\1", folded.translate(str.maketrans("jyzwq", "iisvk")))


def test_skeleton_matches_the_reference() -> None:
    rng = random.Random(3)
    for _ in range(3000):
        word = "".join(rng.choice("schtzjyxwvqkdgpouie") for _ in range(rng.randint(1, 14)))
        assert skeleton(word) == _skeleton_by_translate(word), word
    assert skeleton("dschaparow") == skeleton("zhaparov") == "iaparov"


def test_parts_cover_the_word() -> None:
    for length in range(3, 20):
        parts = _parts(length, 2)
        assert sum(size for _, size in parts) == length and parts[0][0] == 0


# --- variant-gloss for names in no glossary (normalize.checks.glosses) ----------------------------


@pytest.mark.parametrize(
    ("text", "gloss", "how"),
    [
        ("Vizepräsident Han Zheng (Han Cheng) kam.", " (Han Cheng)", "the Wade–Giles spelling"),
        ("Li Xi (Li Hsi) sprach.", " (Li Hsi)", "the Wade–Giles spelling"),
        ("Sprecherin Maria Sacharowa (Maria Zakharova) sagte.", " (Maria Zakharova)", "another transliteration"),
        ("Han Cheng (Han Zheng) kam.", " (Han Zheng)", "the pinyin spelling"),
    ],
)
def test_transliteration_gloss(text: str, gloss: str, how: str, bundled: normalize.Glossary) -> None:
    found = [f for f in normalize.lint(text, "de", bundled)]
    assert [(f.rule, f.text, f.replacement) for f in found] == [("variant-gloss", gloss, "")]
    assert how in found[0].message


@pytest.mark.parametrize(
    "text",
    ["Thomas Schmid (Thomas Schmidt) sagte.", "Anna Müller (Hamburg) sagte.", "Die Partei (SPD) sagte.",
     "Der Präsident (Wladimir Putin) sagte.", "Maria Sacharowa (Sprecherin) sagte."],
)
def test_other_parentheses_stay_silent(text: str, bundled: normalize.Glossary) -> None:
    assert [f.rule for f in normalize.lint(text, "de", bundled) if f.rule.endswith("gloss")] == []


# --- anchored near-misses, document evidence, another person's name -------------------------------


def three_part(entity: str, given: str, patronymic: str, family: str) -> Entry:
    return Entry(entity, "person", (LanguageNames("de", given=given, patronymic=patronymic, family=family),), ())


def test_anchored_typo_in_patronymic_beside_an_exact_family_name() -> None:
    glossary = Glossary((three_part("vz", "Viktor", "Wassiljewitsch", "Solotow"),))
    [finding] = [f for f in normalize.lint("Gestern sprach Viktor Wasrljewitsch Solotow.", "de", glossary)
                 if f.rule == "near-miss"]
    assert (finding.text, finding.replacement, finding.entry) == ("Wasrljewitsch", "Wassiljewitsch", "vz")
    assert finding.message.startswith("'Wasrljewitsch' looks like 'Wassiljewitsch' (")


def test_anchored_reach_two_edits_and_other_first_letter() -> None:
    glossary = Glossary((person("ms", ("Michel", "Samaha")),))
    # two edits in a 6-letter given name, first letter changed: only the exact family name makes it safe
    assert found("Laut Nichwl Samaha kam es anders.", glossary) == [("near-miss", "Nichwl", "Michel")]
    assert found("Laut Nichwl kam es anders.", glossary) == []


def test_anchored_needs_the_other_words_exact() -> None:
    glossary = Glossary((person("ms", ("Michel", "Samaha")),))
    assert found("Laut Nichwl Samahi kam es anders.", glossary) == []


def test_swapped_letters_are_one_edit() -> None:
    glossary = Glossary((person("d", ("Othman", "Deramchi")), person("x", ("Boris", "Kalinowski"))))
    assert found("Gestern sagte Dreamchi nichts.", glossary) == [("near-miss", "Dreamchi", "Deramchi")]


def test_name_of_another_person_before_or_after() -> None:
    glossary = Glossary((person("b", ("Jan", "Brózda")), person("j", ("Anna", "Jaroslawa"))))
    assert found("Gestern sagte Brosda nichts.", glossary) == [("near-miss", "Brosda", "Brózda")]
    # a given name in use across languages before it; a family name after it: another person
    assert found("Gestern sagte Carsten Brosda nichts.", glossary) == []
    assert found("Gestern sagte Parteichef Jarosław Kaczyński nichts.", glossary) == []
    # a German compound title before it is not a given name
    assert found("Gestern sagte Kultursenator Brosda nichts.", glossary) == [("near-miss", "Brosda", "Brózda")]


def test_title_after_a_determiner_is_no_given_name() -> None:
    glossary = Glossary((person("s", ("Igor", "Solowjow")),))
    # "Trainer" is in use across languages, like a given name, but after an article it is a noun
    assert found("Er spielte nicht mehr unter Trainer Solowjw.", glossary) == []
    assert found("Er spielte nicht mehr unter dem Trainer Solowjw.", glossary) == [
        ("near-miss", "Solowjw", "Solowjow")
    ]
    assert found("Er spielte nicht mehr unter seinem Trainer Solowjw.", glossary) == [
        ("near-miss", "Solowjw", "Solowjow")
    ]


def test_listed_word_may_stand_for_a_near_one_beside_an_exact_word() -> None:
    glossary = Glossary((
        person("eg", ("Esmail", "Ghani")),
        person("ea", ("Esmaeil", "Ghaani Akbarnejad")),
        person("xy", ("Jose Gerardo", "Alvarez Vazquez")),
        person("av", ("Alfredo", "Vasquez Hernandez")),
    ))
    # Ghaani and Vazquez are words of other listed names: only the exact word beside them makes the reading
    assert found("Gestern sprach Esmail Ghaani in Teheran.", glossary) == [("near-miss", "Ghaani", "Ghani")]
    assert found("Gestern sprach Alfredo Vazquez Hernandez.", glossary) == [("near-miss", "Vazquez", "Vasquez")]
    assert found("Gestern sprach Vazquez in Teheran.", glossary) == []
    assert found("Gestern sprach Esmaeil Ghaani Akbarnejad in Teheran.", glossary) == []


def test_anchored_reach_beside_two_exact_words() -> None:
    glossary = Glossary((person("gk", ("Gula Khan", "Hamidi")), person("x", ("Gula", "Barakzai"))))
    # two edits in a 6-letter family name: two exact given names make it safe, one does not
    assert found("Laut Gula Khan Hameedi kam es anders.", glossary) == [("near-miss", "Hameedi", "Hamidi")]
    assert found("Laut Gula Hameedi kam es anders.", glossary) == []


@pytest.mark.parametrize(
    ("written", "other"),
    [("Naščokin", "Naschtschokin"), ("Hviča", "Khvicha"), ("Šódžiró", "Shojiro"), ("Đoković", "Djokovic"),
     ("Matolič", "Matolych")],
)
def test_hacek_letters_are_read_as_digraphs(written: str, other: str) -> None:
    assert spelled(written) == spelled(other)
    assert skeleton(fold(written)) != skeleton(fold(other))  # folding alone drops the sound


def test_spelled_is_the_skeleton_for_other_text() -> None:
    for text in ("Lukaschenko", "Mirziyoyev", "Łukaszenka", "Émile Zola"):
        assert spelled(text) == skeleton(fold(text))


def test_hacek_spelling_of_a_listed_name() -> None:
    glossary = Glossary((Entry("n", "person", (
        LanguageNames("de", given="Pawel", family="Naschtschokin"),
        LanguageNames("en", given="Pavel", family="Nashchokin"),
    ), ()),))
    assert found("Gestern sprach Naščokin in Moskau.", glossary) == [("foreign-form", "Naščokin", "Naschtschokin")]
    # the entity's own given name is no common word that rules the span out (Pawel is common in German)
    assert found("Gestern sprach Pawel Naščokin in Moskau.", glossary) == [
        ("foreign-form", "Pawel Naščokin", "Pawel Naschtschokin")
    ]


def test_name_split_otherwise() -> None:
    glossary = Glossary((
        person("y", ("Hamidreza", "Yahya Zadeh")),
        person("k", ("Muhsin", "Al-Khafaji")),
    ))
    assert found("Gestern sprach Yahyazadeh in Teheran.", glossary) == [("near-miss", "Yahyazadeh", "Yahya Zadeh")]
    assert found("Gestern sprach Muhsin Alkhafaji in Bagdad.", glossary) == [
        ("near-miss", "Muhsin Alkhafaji", "Muhsin Al-Khafaji")
    ]
    # beside another given name: another person, who writes the name as one word
    assert found("Gestern sprach Layla Alkhafaji in Bagdad.", glossary) == []
    # a hashtag or a handle is an identifier, written as one word on purpose
    assert found("Gestern sprach er in Teheran. #Yahyazadeh @Alkhafaji", glossary) == []


def test_document_evidence() -> None:
    glossary = Glossary((person("b", ("Jan", "Brózda")),))
    # written the same way twice, never as listed: meant, another person
    assert found("Brosda kam. Dann sprach Brosda.", glossary) == []
    # the document also writes the listed name: a typo after all
    assert found("Jan Brózda kam. Dann sprach Brosda.", glossary) == [("near-miss", "Brosda", "Brózda")]


def test_name_like_words() -> None:
    from normalize.lexicon import is_name_like

    for word in ("Carsten", "Michael", "Jacques"):
        assert is_name_like(word, "de"), word
    for word in ("Präsident", "Herr", "Frau", "Für", "Kremlsprecher"):
        assert not is_name_like(word, "de"), word


def test_inner_capital_is_a_brand() -> None:
    glossary = Glossary((person("m", ("Anna", "Malise")),))
    assert found("Eine Studie der Malisa Stiftung.", glossary) == [("near-miss", "Malisa", "Malise")]
    assert found("Eine Studie der MaLisa Stiftung.", glossary) == []


def test_short_foreign_form_with_a_typo_is_not_reported() -> None:
    # Kosmas is the German form; in English copy 'Koumas' is neither that spelling nor a typo of an
    # English form: two guesses at once
    entry = Entry("k", "person", (LanguageNames("de", family="Kosmas"), LanguageNames("en", family="Kozmasz")), ())
    glossary = Glossary((entry,))
    assert found("Giggs and Koumas played.", glossary, "en") == []
    assert found("Giggs and Kozmacz played.", glossary, "en") == [("near-miss", "Kozmacz", "Kozmasz")]


def test_list_of_other_names() -> None:
    glossary = Glossary((person("p", ("Zoran", "Petrakovic")),))
    assert found("Gestern sagte Petrakowic nichts.", glossary) == [("near-miss", "Petrakowic", "Petrakovic")]
    lineup = "Aufstellung: Almer – Sikorr, Rotmaller, Brantschek – Petrakowic, Hulzhauer – Gorbonn, Grunwild."
    assert found(lineup, glossary) == []


def test_known_word_judged_by_the_reported_key() -> None:
    # de and en forms are equal; 'Lebedew' is a word in use (wordfreq), so it is not a typo of the
    # German form, even though it has the English form's skeleton
    glossary = Glossary((person("l", ("Dmitri", "Lebedev"), ("Dmitri", "Lebedev")),))
    assert found("Gestern sagte Lebedew nichts.", glossary) == []
    assert found("Gestern sagte Lebdeev nichts.", glossary) == [("near-miss", "Lebdeev", "Lebedev")]


def test_word_class_agrees_with_the_lexicon() -> None:
    from normalize.lexicon import is_known, word_class

    for word in ("Haus", "Reise", "Lukaschneko", "Carsten", "Präsident", "Lebedew", "house", "Trump"):
        expected = 2 if is_common(word, "de") else 1 if is_known(word, "de") else 0
        assert word_class(word, "de") == expected, word


def test_given_name_across_a_line_break() -> None:
    glossary = Glossary((person("b", ("Jan", "Brózda")),))
    assert found("Gestern sagte Carsten\nBrosda nichts.", glossary) == []
    assert found("Gestern sagte Carsten.\n\nBrosda kam nicht.", glossary) == [("near-miss", "Brosda", "Brózda")]


def test_hyphenated_word_is_looked_up_part_by_part(bundled: normalize.Glossary) -> None:
    """A common part of a hyphenated word is not looked up (a span holding it is never reported); a
    rare part is, as a word of its own would be."""
    from normalize.checks.nearmiss import _hot_keys, _token
    from normalize.fold import fold

    index = bundled.matcher.near
    assert _hot_keys(index, fold("Armenier-Viertel"))  # Armenier is close to Armenien ...
    assert _token(index, "Armenier-Viertel", "de")[3] == frozenset()  # ... but a common word
    assert _token(index, "Belaruss-Politik", "de")[3]
    keys = _token(index, "Lukaschneko-Regime", "de")[3]
    assert "Lukaschenko" in {index.keys[k].display.split()[-1] for k in keys}
    assert _token(index, "Lukaschneko", "de")[3] <= keys


def test_word_derived_from_a_known_word_is_no_typo() -> None:
    """Weßlinger (from the town Weßling, a known word) is an inhabitant, not a mistyped Wendlinger;
    a word whose stem nobody knows still is."""
    glossary = Glossary((person("w", ("Karl", "Wendlinger")),))
    assert found("Ein Weßlinger hat sich im Landkreis angesteckt.", glossary) == []
    assert found("Ein Wendlnger hat sich im Landkreis angesteckt.", glossary) == [
        ("near-miss", "Wendlnger", "Wendlinger")
    ]


@pytest.mark.parametrize(
    "joined",
    ["Die Anwälte von Graf & Pitkowitz schreiben.", "Die Anwälte von Pitkowitz & Graf schreiben.",
     "Er stammt aus Blumenthal/Pitkowitz.", "Er stammt aus Pitkowitz/Blumenthal."],
)
def test_name_joined_by_ampersand_or_slash_is_meant(joined: str) -> None:
    """``&`` joins the names of a firm, a slash one place's names in several languages."""
    glossary = Glossary((person("p", ("Jan", "Pinkowicz")),))
    assert found(joined, glossary) == []
    assert len(found("Die Anwälte von Pitkowitz schreiben.", glossary)) == 1  # alone, it is reported


def test_letter_dropped_from_a_six_letter_name(bundled: normalize.Glossary) -> None:
    """Five letters left of a six-letter name are one edit from it: in reach, as the name's length allows."""
    assert found("Die Regierung von Kuwat erklärte am Montag.", bundled) == [("near-miss", "Kuwat", "Kuwait")]
    assert found("Die Regierung von Kuwai erklärte am Montag.", bundled) == [("near-miss", "Kuwai", "Kuwait")]
