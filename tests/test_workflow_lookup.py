"""``normalize lookup``: which entity a spelling belongs to, with every form per language."""

from __future__ import annotations

import normalize
from normalize.model import Slot, Status
from normalize.workflow.lookup import lookup, render_lookup, suggest


def test_fold_match_finds_the_entity_and_all_its_forms(mini: normalize.Glossary) -> None:
    (result,) = lookup("WEISSRUSSLAND", mini)
    assert result.entry.id == "belarus"
    (matched,) = result.matched
    assert (matched.text, matched.lang, matched.status, matched.target) == (
        "Weißrussland",
        "de",
        Status.DEPRECATED,
        "Belarus",
    )
    forms = {lang.lang: [(f.text, f.status) for f in infos] for lang, infos in result.languages}
    assert forms["de"][:2] == [("Belarus", Status.PREFERRED), ("belarussisch", Status.PREFERRED)]
    assert ("weißrussisch", Status.DEPRECATED) in forms["de"]
    assert forms["ru"] == [("Беларусь", Status.PREFERRED)]


def test_mistranslation_and_abbreviations(mini: normalize.Glossary) -> None:
    (result,) = lookup("gos", mini)
    (m,) = result.matched
    assert (m.status, m.slot, m.target) == (Status.MISTRANSLATION, Slot.ABBREVIATION, "SOZ")
    assert m.describe() == "mistranslation, abbreviation → SOZ"


def test_derived_person_names_and_language_filter(mini: normalize.Glossary) -> None:
    (result,) = lookup("Alexander Lukaschenko", mini)
    assert [(m.lang, m.derived) for m in result.matched] == [("de", True)]
    assert lookup("Alexander Lukaschenko", mini, lang="en") == []
    (wang,) = lookup("wang i", mini, lang="zh")  # zh includes zh-Latn-wadegile
    assert wang.entry.id == "wang-yi" and wang.matched[0].lang == "zh-Latn-wadegile"
    assert wang.languages[0][0].lang == "zh"  # the asked language comes first


def test_nothing_found_suggests_close_spellings(mini: normalize.Glossary) -> None:
    assert lookup("Weisrusland", mini) == []
    close = suggest("Weisrusland", mini)
    assert close[0] == ("Weißrussland", "de", "belarus")
    text = render_lookup("Weisrusland", [], close)
    assert text.startswith("'Weisrusland' is not in the glossary.\nDid you mean: 'Weißrussland' (de, belarus)")
    assert lookup("  ", mini) == []


def test_render_lists_forms_status_and_sources(mini: normalize.Glossary) -> None:
    text = render_lookup("SOZ", lookup("SOZ", mini))
    lines = text.splitlines()
    assert lines[0] == "sco — Shanghai Cooperation Organisation (organization)"
    assert lines[1] == "  'SOZ' is de 'SOZ': preferred, abbreviation"
    assert "    GOS                                         mistranslation, abbreviation → SOZ" in lines
    assert lines[-1] == "  source: https://de.wikipedia.org/wiki/Shanghaier_Organisation_f%C3%BCr_Zusammenarbeit"
    assert any(line.startswith("    ШОС ") and line.endswith("preferred, abbreviation") for line in lines)
