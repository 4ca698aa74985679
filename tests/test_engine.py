"""Matching engine: folding, boundaries, inflection, longest match, offsets, casing."""

from __future__ import annotations

import pickle

import pytest

import normalize
from normalize.fold import fold, fold_text


def rules(text: str, glossary: normalize.Glossary, lang: str = "de") -> list[tuple[str, str, str | None]]:
    return [(f.rule, f.text, f.replacement) for f in normalize.lint(text, lang=lang, glossary=glossary)]


def test_fold_basics() -> None:
    assert fold("Weißrussland") == fold("Weissrussland") == "weissrussland"
    assert fold("Nur-Sultan") == fold("Nur Sultan")
    assert fold("Лукашенко") == "lukashenko"


def test_fold_text_maps_back() -> None:
    text = "„Weißrussland“ –\u00a0Xi\u00adJinping  (SOZ)\n\nEnde"
    folded = fold_text(text)
    i = folded.text.index("weissrussland")
    assert text[folded.orig_start(i) : folded.orig_end(i + len("weissrussland") - 1)] == "Weißrussland"
    j = folded.text.index("soz")
    assert text[folded.orig_start(j) : folded.orig_end(j + 2)] == "SOZ"
    assert " | " in folded.text  # a blank line is a hard break


def test_diacritics_and_eszett(mini: normalize.Glossary) -> None:
    assert rules("Weissrussland", mini) == [("variant", "Weissrussland", "Belarus")]
    assert rules("WEISSRUSSLAND", mini) == [("variant", "WEISSRUSSLAND", "BELARUS")]


def test_line_break_inside_name(mini: normalize.Glossary) -> None:
    text = "der Shanghai Cooperation\nOrganisation"
    assert rules(text, mini) == [
        ("foreign-form", "Shanghai Cooperation\nOrganisation", "Shanghaier Organisation für Zusammenarbeit")
    ]


def test_valid_name_across_line_break_is_protected(mini: normalize.Glossary) -> None:
    assert rules("Shanghaier Organisation für\nZusammenarbeit (SOZ)", mini) == []


def test_hyphenated_compound(mini: normalize.Glossary) -> None:
    assert rules("GOS-Mitgliedsstaaten", mini) == [("mistranslation", "GOS", "SOZ")]
    assert normalize.fix("die GOS-Mitgliedsstaaten", lang="de", glossary=mini) == "die SOZ-Mitgliedsstaaten"


def test_word_boundaries(mini: normalize.Glossary) -> None:
    assert rules("GOSSIP Gosse Weißrusslandreise Putinismus", mini) == []
    assert rules("#SOZGipfel", mini) == []


def test_all_caps_form_needs_caps(mini: normalize.Glossary) -> None:
    assert rules("gos Gos", mini) == []


def test_genitive_carried_over(mini: normalize.Glossary) -> None:
    assert normalize.fix("Putins Rede", lang="de", glossary=mini) == "Putins Rede"
    assert normalize.fix("Lukashenkos Rede", lang="de", glossary=mini) == "Lukaschenkos Rede"
    assert normalize.fix("Weißrusslands Grenze", lang="de", glossary=mini) == "Belarus' Grenze"


def test_possessive_in_english(mini: normalize.Glossary) -> None:
    assert normalize.fix("The GOS's summit", lang="en", glossary=mini) == "The SCO's summit"
    assert normalize.fix("The SOZ’s summit", lang="en", glossary=mini) == "The SCO’s summit"


def test_adjective_endings(mini: normalize.Glossary) -> None:
    assert normalize.fix("die weißrussischen Truppen", lang="de", glossary=mini) == "die belarussischen Truppen"
    assert normalize.fix("Weißrussische Truppen", lang="de", glossary=mini) == "Belarussische Truppen"
    assert rules("weißrussischkeit", mini) == []


def test_foreign_adjective_is_reported_without_a_fix(mini: normalize.Glossary) -> None:
    """An English adjective in German copy takes no German ending: naming the form is safe, replacing it is not."""
    text = "Die Belarusian Opposition und die Belarusian Railways."
    found = [f for f in normalize.lint(text, lang="de", glossary=mini) if f.rule == "foreign-form"]
    assert [(f.text, f.replacement) for f in found] == [("Belarusian", None), ("Belarusian", None)]
    assert "'belarussisch'" in found[0].message
    assert normalize.fix(text, lang="de", glossary=mini) == text
    assert rules("Die Belarus-Politik", mini) == []


def test_longest_match_wins(mini: normalize.Glossary) -> None:
    found = rules("Shavkat Miromonovich Mirziyoyev kam.", mini)
    assert found == [("foreign-form", "Shavkat Miromonovich Mirziyoyev", "Schawkat Miromonowitsch Mirsijojew")]
    assert rules("Shavkat Mirziyoyev", mini) == [("foreign-form", "Shavkat Mirziyoyev", "Schawkat Mirsijojew")]
    assert rules("Mirziyoyev", mini) == [("foreign-form", "Mirziyoyev", "Mirsijojew")]


def test_foreign_form_in_english(mini: normalize.Glossary) -> None:
    assert rules("The SOZ met.", mini, lang="en") == [("foreign-form", "SOZ", "SCO")]
    assert rules("Mirsijojew met Lukaschenko.", mini, lang="en") == [
        ("foreign-form", "Mirsijojew", "Mirziyoyev"),
        ("foreign-form", "Lukaschenko", "Lukashenko"),
    ]


def test_mistranslation_in_every_language(mini: normalize.Glossary) -> None:
    assert rules("The GOS met.", mini, lang="en") == [("mistranslation", "GOS", "SCO")]


def test_native_script_is_not_foreign(mini: normalize.Glossary) -> None:
    assert rules("Lukaschenko (Лукашенко) und die ШОС", mini) == []


def test_language_without_block_gives_no_foreign_form(mini: normalize.Glossary) -> None:
    assert rules("La SCO", mini, lang="fr") == []


def test_duplicated_gloss_any_name(mini: normalize.Glossary) -> None:
    assert rules("Cai Qi (Cai Qi), Mitglied", mini) == [("duplicated-gloss", " (Cai Qi)", "")]
    assert normalize.fix("Cai Qi (Cai Qi), Mitglied", lang="de", glossary=mini) == "Cai Qi, Mitglied"
    assert rules("Zhang Wei (Zhang Wei)", mini) == [("duplicated-gloss", " (Zhang Wei)", "")]


def test_variant_gloss(mini: normalize.Glossary) -> None:
    assert rules("Wang Yi (Wang I), Außenminister", mini) == [("variant-gloss", " (Wang I)", "")]
    assert rules("Lukaschenko (Lukaschénko)", mini) == [("variant-gloss", " (Lukaschénko)", "")]


def test_abbreviation_gloss_is_fine(mini: normalize.Glossary) -> None:
    assert rules("Shanghaier Organisation für Zusammenarbeit (SOZ)", mini) == []
    assert rules("Shanghaier Organisation für Zusammenarbeit (SCO)", mini) == [("foreign-form", "SCO", "SOZ")]


def test_offsets_point_at_text(mini: normalize.Glossary) -> None:
    text = "„Weißrussland“ – der GOS-Gipfel\r\nmit Mirziyoyev (Mirziyoyev)."
    for f in normalize.lint(text, lang="de", glossary=mini):
        assert text[f.start : f.end] == f.text
        line_start = text.rfind("\n", 0, f.start) + 1
        assert f.column == f.start - line_start + 1
        assert f.line == text.count("\n", 0, f.start) + 1


def test_findings_sorted_and_typed(mini: normalize.Glossary) -> None:
    found = normalize.lint("GOS und Weißrussland und SCO", lang="de", glossary=mini)
    assert [f.start for f in found] == sorted(f.start for f in found)
    assert {f.severity for f in found} == {"error", "warning"}
    assert all(f.entry for f in found)


def test_select_and_ignore(mini: normalize.Glossary) -> None:
    text = "GOS und Weißrussland"
    assert [f.rule for f in normalize.lint(text, "de", mini, select={"variant"})] == ["variant"]
    assert [f.rule for f in normalize.lint(text, "de", mini, ignore={"variant"})] == ["mistranslation"]


def test_glossary_pickles_with_matcher(mini: normalize.Glossary) -> None:
    _ = mini.matcher
    clone = pickle.loads(pickle.dumps(mini))
    assert clone._matcher is not None
    assert normalize.lint("GOS", "de", clone) == normalize.lint("GOS", "de", mini)


def test_fix_is_idempotent_on_chained_fixes(mini: normalize.Glossary) -> None:
    once = normalize.fix("Mirziyoyev (Mirsijojew) und GOS", lang="de", glossary=mini)
    assert once == "Mirsijojew und SOZ"
    assert normalize.fix(once, lang="de", glossary=mini) == once


@pytest.mark.parametrize("text", ["", " ", "\n\n", "()", "(GOS)", "GOS", "ß", "\u0301", "习近平"])
def test_edge_texts(mini: normalize.Glossary, text: str) -> None:
    for f in normalize.lint(text, lang="de", glossary=mini):
        assert text[f.start : f.end] == f.text


def test_listed_inflected_form_wins_over_carried_ending(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "g.yaml"
    path.write_text(
        """entries:
  - id: belarus
    type: country
    sources: [test]
    names:
      de:
        preferred: Belarus
        deprecated: [Weißrussland, {form: Weißrusslands, use: Belarus}]
""",
        encoding="utf-8",
    )
    g = normalize.load_glossary(path, bundled=False)
    assert normalize.fix("Weißrusslands Grenze", lang="de", glossary=g) == "Belarus Grenze"
    assert normalize.fix("Weißrussland", lang="de", glossary=g) == "Belarus"


def test_letters_without_latin_spelling_stay_in_their_word() -> None:
    assert fold("Əliyev") == "aliyev"  # Azerbaijani schwa, as in Aliyev
    assert fold("Григорьевич") == "grigorevich"  # the soft sign does not split the word
    assert fold("Oʻzbekiston") == "ozbekiston"


def test_exact_spelling_decides_between_forms_that_fold_alike(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "g.yaml"
    path.write_text(
        """entries:
  - id: ilham-aliyev
    type: person
    sources: [test]
    names:
      de: {given: Ilham, family: Alijew, admitted: [İlham Əliyev]}
      en: {given: Ilham, family: Aliyev}
""",
        encoding="utf-8",
    )
    g = normalize.load_glossary(path, bundled=False)
    assert rules("İlham Əliyev", g) == []
    assert rules("Ilham Aliyev", g) == [("foreign-form", "Ilham Aliyev", "Ilham Alijew")]


def test_english_possessive_becomes_german_genitive(mini: normalize.Glossary) -> None:
    assert normalize.fix("Lukashenko's Regime", lang="de", glossary=mini) == "Lukaschenkos Regime"
    assert normalize.fix("GOS's Gipfel", lang="de", glossary=mini) == "SOZ' Gipfel"
