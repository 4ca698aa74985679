"""Rule inconsistent: one entity written in two valid forms in one document."""

from __future__ import annotations

import normalize


def infos(text: str, glossary: normalize.Glossary, lang: str = "de") -> list[normalize.Finding]:
    return [f for f in normalize.lint(text, lang=lang, glossary=glossary) if f.rule == "inconsistent"]


def test_two_valid_forms_of_one_person(bundled: normalize.Glossary) -> None:
    text = "Emomali Rahmon reiste an.\nSpäter sprach Emomalij Rahmon."
    [finding] = infos(text, bundled)
    assert finding.text == "Emomalij Rahmon" and finding.severity == "info"
    assert finding.replacement is None and finding.entry == "emomali-rahmon"
    assert "'Emomali Rahmon' at 1:1" in finding.message
    assert (finding.line, finding.column) == (2, 15)


def test_one_finding_per_extra_occurrence(bundled: normalize.Glossary) -> None:
    text = "Emomali Rahmon kam. Emomalij Rahmon sprach. Emomalij Rahmon ging. Emomali Rahmon blieb."
    found = infos(text, bundled)
    assert [f.text for f in found] == ["Emomalij Rahmon", "Emomalij Rahmon"]
    assert all("at 1:1" in f.message for f in found)


def test_same_form_and_other_slots_are_consistent(bundled: normalize.Glossary) -> None:
    assert infos("Emomali Rahmon kam. Rahmon sprach. Emomali Rahmons Rede.", bundled) == []
    assert infos("Die Shanghaier Organisation für Zusammenarbeit (SOZ) tagte; die SOZ beschloss.", bundled) == []


def test_inflected_listed_form_is_not_another_form(bundled: normalize.Glossary) -> None:
    assert infos("Der Rat der Staatsoberhäupter tagte. Beschlüsse des Rates der Staatsoberhäupter.", bundled) == []


def test_two_names_of_one_body(bundled: normalize.Glossary) -> None:
    [finding] = infos("Der Rat der Staatschefs tagte. Der Rat der Staatsoberhäupter beschloss.", bundled)
    assert finding.text == "Rat der Staatsoberhäupter" and "'Rat der Staatschefs' at 1:5" in finding.message


def test_gloss_is_deliberate(bundled: normalize.Glossary) -> None:
    assert infos("Peking (Beijing) meldete. Peking", bundled) == []
    assert [f.text for f in infos("Peking meldete. Beijing bestätigte.", bundled)] == ["Beijing"]


def test_wrong_forms_are_not_inconsistent(bundled: normalize.Glossary) -> None:
    # a deprecated form is a variant finding, not a second valid form
    assert infos("Belarus und Weißrussland", bundled) == []


def test_abbreviations_in_two_forms(mini_sco: normalize.Glossary) -> None:
    [finding] = infos("Die SOZ tagte. Später tagte die SCO erneut.", mini_sco)
    assert finding.text == "SCO" and "'SOZ' at 1:5" in finding.message


import pytest  # noqa: E402

from normalize.model import Entry, Glossary, LanguageNames  # noqa: E402


@pytest.fixture
def mini_sco() -> Glossary:
    """An organisation with two admitted German abbreviations."""
    de = LanguageNames("de", preferred="Shanghaier Organisation für Zusammenarbeit", abbreviations=("SOZ", "SCO"))
    return Glossary((Entry("sco", "organization", (de,), ()),))
