"""``normalize glossary suggest``: candidate forms of a native name, beside what the glossary knows."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest
import yaml

import normalize
from normalize.loader import parse_text
from normalize.workflow import check_glossary
from normalize.workflow.suggestions import (
    CANDIDATE_LABEL,
    NameParts,
    SuggestError,
    render_suggestion,
    suggest_forms,
    target_languages,
)

#: Mirrors the bundled entry (people.yaml): a Kyrgyz name whose Russian-rule German form is deprecated.
JAPAROV = """
entries:
  - id: sadyr-japarov
    type: person
    sources: [https://de.wikipedia.org/wiki/Sadyr_Dschaparow]
    names:
      de:
        given: Sadyr
        family: Dschaparow
        deprecated:
          - {form: Schaparow, use: Dschaparow}
      en: {given: Sadyr, family: Japarov}
      ky: {given: Садыр, family: Жапаров}
"""


@pytest.fixture(scope="module")
def japarov(tmp_path_factory: pytest.TempPathFactory) -> normalize.Glossary:
    path = tmp_path_factory.mktemp("suggest") / "japarov.yaml"
    path.write_text(textwrap.dedent(JAPAROV), encoding="utf-8")
    return normalize.load_glossary(path, bundled=False)


def forms(result: normalize.workflow.Suggestion, lang: str) -> dict[str, tuple[str, ...]]:
    (target,) = [t for t in result.targets if t.lang == lang]
    return {c.form: c.schemes for c in target.candidates}


# --- candidates and name order --------------------------------------------------------------------


def test_mirziyoyev_family_first_input_gives_press_forms_per_scheme(mini: normalize.Glossary) -> None:
    result = suggest_forms("Мирзиёев Шавкат", glossary=mini)
    assert (result.script, result.source, result.order) == ("Cyrl", "ru", "family-first")
    assert result.parts == NameParts(given="Шавкат", family="Мирзиёев")
    assert [t.lang for t in result.targets] == ["de", "en"]  # every target language of the schemes
    assert forms(result, "de") == {"Schawkat Mirsijojew": ("duden", "duden_strict")}
    assert forms(result, "en") == {"Shavkat Mirziyoyev": ("bgn_pcgn",), "Shavkat Mirziyëyev": ("bgn_pcgn_strict",)}
    (de,) = [t for t in result.targets if t.lang == "de"]
    assert de.candidates[0].parts == NameParts(given="Schawkat", family="Mirsijojew")
    assert result.known == ()  # mini has no native block for him
    assert any("read as Russian (ru)" in n and "--from" in n for n in result.notes)


def test_lavrov_given_first_and_the_two_german_variants() -> None:
    result = suggest_forms("Сергей Лавров", ["de"])
    assert result.order == "given-first"
    assert forms(result, "de") == {"Sergej Lawrow": ("duden",), "Sergei Lawrow": ("duden_strict",)}


def test_patronymic_and_order_override() -> None:
    result = suggest_forms("Иванов Пётр Сергеевич", ["de"])
    assert result.order == "family-first"
    assert result.parts == NameParts(given="Пётр", patronymic="Сергеевич", family="Иванов")
    (cand,) = result.targets[0].candidates
    assert (cand.form, cand.full) == ("Pjotr Iwanow", "Pjotr Sergejewitsch Iwanow")
    forced = suggest_forms("Лавров Сергей", ["de"], order="given-first")
    assert forced.parts == NameParts(given="Лавров", family="Сергей")


def test_undecidable_order_is_assumed_and_said() -> None:
    result = suggest_forms("Шавкат Ислам", ["en"])
    assert result.order == "given-first"
    assert any("assumed" in n for n in result.notes)


def test_chinese_name_pinyin_and_wade_giles() -> None:
    result = suggest_forms("王毅")
    assert (result.script, result.source, result.order) == ("Hani", "zh", "family-first")
    assert [t.lang for t in result.targets] == ["de", "en", "zh-Latn-wadegile"]
    assert list(forms(result, "de")) == ["Wang Yi", "Wang I"]
    assert forms(result, "zh-Latn-wadegile") == {"Wang I": ("wadegiles", "wadegiles_plain")}
    li = suggest_forms("李强", ["zh-Latn-wadegile"])
    assert forms(li, "zh-Latn-wadegile") == {"Li Ch'iang": ("wadegiles",), "Li Chiang": ("wadegiles_plain",)}


# --- the glossary is the authority ----------------------------------------------------------------


def test_known_entry_in_any_word_order(mini: normalize.Glossary) -> None:
    for native in ("Лукашенко Александр", "Александр Григорьевич Лукашенко", "王毅"):
        (known,) = suggest_forms(native, glossary=mini).known
        assert known.id in ("alexander-lukashenko", "wang-yi")
    (known,) = suggest_forms("Лукашенко Александр", ["de"], glossary=mini).known
    (de,) = known.forms
    assert de[0] == "de" and ("Alexander Lukaschenko", "preferred, short (derived)") in de[1]


def test_traditional_given_name_attested_by_the_glossary(mini: normalize.Glossary) -> None:
    result = suggest_forms("Александр Иванов", ["de"], glossary=mini)
    assert result.known == ()
    (target,) = result.targets
    assert forms(result, "de") == {"Alexandr Iwanow": ("duden", "duden_strict")}  # the rules
    (att,) = target.attested
    assert (att.part, att.native, att.form, att.entries) == ("given", "Александр", "Alexander", ("alexander-lukashenko",))
    skeleton = render_suggestion(result, "yaml")
    assert "given: Alexander  # the glossary writes Александр as Alexander (alexander-lukashenko); candidate duden" in skeleton
    assert "id: alexander-iwanow  # from the de forms" in skeleton
    assert any("Alexander, not Alexandr" in w for w in result.warnings)


def test_candidate_listed_as_deprecated_is_flagged(japarov: normalize.Glossary) -> None:
    result = suggest_forms("Жапаров Садыр", ["de"], glossary=japarov, source="ky")
    assert result.source == "ky"
    (known,) = result.known
    assert known.id == "sadyr-japarov" and known.lang == "ky"
    assert forms(result, "de") == {"Sadyr Schaparow": ("duden", "duden_strict")}
    (target,) = result.targets
    assert any("'Schaparow'" in w and "deprecated" in w and "Dschaparow" in w for w in target.warnings)
    assert any("Dschaparow" in w and "national" in w for w in result.warnings)
    assert any("Kyrgyz (ky)" in w and "Russian rules" in w for w in result.warnings)


def test_non_russian_letters_are_named() -> None:
    result = suggest_forms("Тоқаев Қасым-Жомарт", ["de"])
    assert forms(result, "de") == {"Kassym-Schomart Tokajew": ("duden", "duden_strict")}
    assert any(w.startswith("қ is not a Russian letter: Kazakh (kk)") for w in result.warnings)


# --- output ---------------------------------------------------------------------------------------


def test_text_labels_every_candidate() -> None:
    text = render_suggestion(suggest_forms("Мирзиёев Шавкат", ["de", "en"]))
    assert "  Schawkat Mirsijojew  — candidate (scheme duden, duden_strict), " + CANDIDATE_LABEL in text
    assert "  Shavkat Mirziyoyev  — candidate (scheme bgn_pcgn), " + CANDIDATE_LABEL in text


def test_json_round_trips() -> None:
    data = json.loads(render_suggestion(suggest_forms("王毅", ["de"]), "json"))
    assert data["candidate_label"] == CANDIDATE_LABEL
    assert data["targets"][0]["candidates"][0]["form"] == "Wang Yi"
    assert data["parts"] == {"given": "毅", "patronymic": None, "family": "王"}


@pytest.mark.parametrize(
    ("native", "expected"),
    [
        ("Мирзиёев Шавкат", {"de": {"given": "Schawkat", "family": "Mirsijojew"}, "en": {"given": "Shavkat", "family": "Mirziyoyev"}, "ru": {"given": "Шавкат", "family": "Мирзиёев"}}),
        ("王毅", {"de": {"given": "Yi", "family": "Wang"}, "en": {"given": "Yi", "family": "Wang"}, "zh-Latn-wadegile": {"given": "I", "family": "Wang"}, "zh": {"given": "毅", "family": "王"}}),
    ],
)
def test_yaml_skeleton_is_an_entry_once_a_source_is_added(native: str, expected: dict[str, dict[str, str]], tmp_path: Path) -> None:
    text = render_suggestion(suggest_forms(native), "yaml")
    (entry,) = yaml.safe_load(text)["entries"]
    assert entry["sources"] == [] and entry["type"] == "person"
    assert entry["names"] == expected
    assert text.count("# candidate: ") == 2 * (len(expected) - 1)
    assert all("verify against a source" in line for line in text.splitlines() if "# candidate" in line)
    # as printed it loads, and glossary check asks for a source
    entries, problems = parse_text(text, "suggested.yaml")
    assert problems == [] and entries[0].sources == ()
    path = tmp_path / "suggested.yaml"
    path.write_text(text, encoding="utf-8")
    assert [d.check for d in check_glossary([path])] == ["no-source"]
    # with a source filled in it is a clean entry
    path.write_text(text.replace("sources: []", "sources: [https://example.org/source]"), encoding="utf-8")
    assert check_glossary([path]) == []
    (loaded,) = normalize.load_glossary(path, bundled=False).entries
    assert loaded.name_order == ("family-first" if native == "王毅" else "given-first")


def test_yaml_says_when_the_entry_exists(mini: normalize.Glossary) -> None:
    text = render_suggestion(suggest_forms("Лукашенко Александр", glossary=mini), "yaml")
    assert "# ALREADY IN THE GLOSSARY as alexander-lukashenko" in text


# --- bad input ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("native", "kwargs", "message"),
    [
        ("", {}, "empty"),
        ("   ", {}, "empty"),
        ("123", {}, "no letters"),
        ("Shavkat Mirziyoyev", {}, "no transliteration scheme for Latin script"),
        ("やまだ", {}, "no transliteration scheme for Japanese kana"),
        ("김정은", {}, "no transliteration scheme for Hangul script"),
        ("Путин 王", {}, "mixes scripts"),
        ("Путин", {"langs": ["fr"]}, "no scheme writes Cyrillic names for 'fr'"),
        ("Путин", {"langs": ["zh-Latn-wadegile"]}, "no scheme writes Cyrillic names"),
        ("Путин", {"source": "xx"}, "--from xx"),
        ("王毅", {"source": "ja"}, "Chinese (zh) only"),
        ("王毅", {"script": "Cyrl"}, "Han script"),
        ("王毅", {"script": "Latn"}, "unknown script"),
        ("王毅", {"order": "given-first"}, "family-first"),
    ],
)
def test_bad_input_raises_suggest_error(native: str, kwargs: dict[str, object], message: str) -> None:
    options = dict(kwargs)
    langs = options.pop("langs", ())
    with pytest.raises(SuggestError, match=re.escape(message)):
        suggest_forms(native, langs, **options)  # type: ignore[arg-type]


def test_target_languages() -> None:
    assert target_languages("Cyrl") == ["de", "en"]
    assert set(target_languages("Hani")) == {"de", "en", "zh-Latn-pinyin", "zh-Latn-wadegile"}


def test_lookup_suggest_is_still_the_function() -> None:
    """The package's ``suggest`` (``normalize lookup``'s close spellings) is not shadowed by a submodule."""
    from normalize import workflow
    from normalize.workflow.lookup import suggest

    assert workflow.suggest is suggest and callable(workflow.suggest)
