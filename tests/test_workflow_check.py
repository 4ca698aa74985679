"""``glossary check``: every check on a small bad glossary of its own, the renderings, exit codes."""

from __future__ import annotations

import json
import random
import textwrap
import time
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from normalize.fold import fold
from normalize.loader import bundled_dir, glossary_files, load_files
from normalize.model import Entry, LanguageNames, Position
from normalize.workflow.check import AMBIGUITY_RATIO, ambiguity_diagnostics, check_glossary
from normalize.workflow.diagnostics import Diagnostic, exit_code, render_github, render_json, render_text

HERE = Path(__file__).parent


def write(tmp_path: Path, body: str, name: str = "g.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(body).lstrip("\n"), encoding="utf-8")
    return path


def run(tmp_path: Path, body: str) -> list[Diagnostic]:
    return check_glossary([write(tmp_path, body)])


def only(diags: list[Diagnostic], check: str) -> list[Diagnostic]:
    return [d for d in diags if d.check == check]


# --- a clean glossary ---------------------------------------------------------------------------


def test_mini_glossary_is_clean() -> None:
    assert check_glossary([HERE / "data" / "mini.yaml"]) == []


def test_bundled_glossary_has_no_errors() -> None:
    """What CI enforces: the bundled glossaries load and every example passes."""
    if not glossary_files([bundled_dir()]):
        pytest.skip("no bundled glossary files yet")
    errors = [d for d in check_glossary([], bundled=True) if d.severity == "error"]
    assert errors == [], render_text(errors)


def test_nothing_to_check() -> None:
    assert check_glossary([]) == []


# --- loader errors ------------------------------------------------------------------------------


def test_loader_errors_have_position_and_entry(tmp_path: Path) -> None:
    diags = run(
        tmp_path,
        """
        entries:
          - id: belarus
            type: country
            sources: [https://de.wikipedia.org/wiki/Belarus]
            names:
              de: {preferred: Belarus, admited: [Weissrussland]}
        """,
    )
    loads = only(diags, "load")
    assert len(loads) == 1
    d = loads[0]
    assert (d.position.line, d.position.column, d.severity, d.entry) == (6, 32, "error", "belarus")
    assert "unknown field 'admited'" in d.message and "admitted" in d.message
    assert only(diags, "skipped")  # examples need a loadable glossary
    assert exit_code(diags) == 2


def alias_bomb() -> str:
    """A billion laughs in YAML: 10 levels of 10 aliases each (10**10 strings if expanded)."""
    levels = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    levels += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    entry = (
        "entries:\n  - id: bomb\n    type: other\n    sources: *a0\n"
        "    names: {en: {preferred: Bomb, admitted: *a0}}\n    examples: *a9\n"
    )
    return "\n".join(levels) + "\n" + entry


def test_yaml_alias_bomb_is_rejected_quickly(tmp_path: Path) -> None:
    start = time.monotonic()
    diags = check_glossary([write(tmp_path, alias_bomb())])
    assert time.monotonic() - start < 5
    loads = only(diags, "load")
    assert loads and all(d.severity == "error" for d in loads)
    assert any(d.message == "YAML aliases are not allowed" and d.entry == "bomb" for d in loads)
    assert exit_code(diags) == 2


def test_missing_file_is_a_load_error(tmp_path: Path) -> None:
    diags = check_glossary([tmp_path / "nope.yaml"])
    assert [d.check for d in diags] == ["load", "skipped"]
    assert "cannot read file" in diags[0].message


# --- examples -----------------------------------------------------------------------------------


def test_example_mismatch_is_an_error_at_the_example(tmp_path: Path) -> None:
    diags = run(
        tmp_path,
        """
        entries:
          - id: belarus
            type: country
            sources: [https://de.wikipedia.org/wiki/Belarus]
            names:
              de: {preferred: Belarus, deprecated: [Weißrussland]}
            examples:
              - {lang: de, text: "Weißrussland grenzt an Polen.", expect: "Belarus grenzt an Polen."}
              - {lang: de, text: "Weißrussland grenzt an Polen.", expect: "Weißrussland grenzt an Polen."}
        """,
    )
    examples = only(diags, "example")
    assert len(examples) == 1
    d = examples[0]
    assert (d.position.line, d.severity, d.entry) == (9, "error", "belarus")
    assert "'Belarus grenzt an Polen.'" in d.message
    assert exit_code(diags, fail_on="error") == 1


def test_examples_run_against_the_bundled_context(tmp_path: Path) -> None:
    """With bundled=True a house-style file is checked the way load_glossary(path) would load it."""
    path = write(
        tmp_path,
        """
        entries:
          - id: house-style-only
            type: other
            sources: [house style guide]
            names:
              de: {preferred: Hausname}
            examples:
              - {lang: de, text: "Die GOS tagte.", expect: "Die SOZ tagte."}
        """,
    )
    if not glossary_files([bundled_dir()]):
        pytest.skip("no bundled glossary files yet")
    assert only(check_glossary([path], bundled=True), "example") == []
    assert only(check_glossary([path], bundled=False), "example")  # GOS is unknown without the bundle


# --- no-source, no-preferred --------------------------------------------------------------------


def test_no_source_and_no_preferred(tmp_path: Path) -> None:
    diags = run(
        tmp_path,
        """
        entries:
          - id: nowhere
            type: city
            sources: []
            names:
              de:
                admitted: [Nirgendwo]
              en: {preferred: Nowhere}
        """,
    )
    assert [(d.check, d.severity, d.position.line) for d in diags] == [
        ("no-source", "warning", 2),
        ("no-preferred", "warning", 7),
    ]
    assert exit_code(diags) == 1 and exit_code(diags, fail_on="error") == 0


# --- scripts ------------------------------------------------------------------------------------


def test_lookalike_cyrillic_letter_in_a_latin_form(tmp_path: Path) -> None:
    diags = run(
        tmp_path,
        """
        entries:
          - id: belarus
            type: country
            sources: [https://de.wikipedia.org/wiki/Belarus]
            names:
              de: {preferred: Bel\u0430rus}
              en: {preferred: Belarus, deprecated: [Byel\u043erussia]}
        """,
    )
    mixed = only(diags, "mixed-script")
    assert [(d.severity, d.position.line) for d in mixed] == [("error", 6), ("error", 7)]
    assert "U+0430 CYRILLIC SMALL LETTER A" in mixed[0].message and "Latin word 'Bel\u0430rus'" in mixed[0].message
    assert "U+043E CYRILLIC SMALL LETTER O" in mixed[1].message


def test_latin_lookalike_in_a_cyrillic_form(tmp_path: Path) -> None:
    diags = run(
        tmp_path,
        """
        entries:
          - id: sco
            type: organization
            sources: [https://ru.wikipedia.org/wiki/ШОС]
            names:
              ru: {preferred: Шанхайская организация сотрудничества, abbreviation: \u0428O\u0421}
        """,
    )
    (d,) = only(diags, "mixed-script")
    assert "Latin 'O' (U+004F LATIN CAPITAL LETTER O) in the Cyrillic word '\u0428O\u0421'" in d.message


def test_modifier_letters_and_separate_words_are_not_mixed(tmp_path: Path) -> None:
    diags = run(
        tmp_path,
        """
        entries:
          - id: uzbekistan
            type: country
            sources: [https://uz.wikipedia.org/wiki/O%CA%BBzbekiston]
            names:
              uz: {preferred: O\u02bbzbekiston}
              zh-Latn-pinyin: {preferred: Wūzībiékèsītǎn}
              ja: {preferred: ウズベキスタン共和国}
        """,
    )
    assert diags == []


def test_form_in_the_wrong_script(tmp_path: Path) -> None:
    diags = run(
        tmp_path,
        """
        entries:
          - id: minsk
            type: city
            sources: [https://en.wikipedia.org/wiki/Minsk]
            names:
              en: {preferred: Минск}
              uz-Cyrl: {preferred: Minsk}
              ru: {preferred: Минск}
        """,
    )
    wrong = only(diags, "wrong-script")
    assert [d.severity for d in wrong] == ["warning", "warning"]
    assert "en preferred 'Минск' is written in Cyrillic; English (en) is written in Latin" in wrong[0].message
    assert "uz-Cyrl preferred 'Minsk' is written in Latin" in wrong[1].message


# --- common words -------------------------------------------------------------------------------


@pytest.fixture
def wordfreq() -> None:
    pytest.importorskip("wordfreq")


def test_deprecated_form_that_is_a_common_word(tmp_path: Path, wordfreq: None) -> None:
    diags = run(
        tmp_path,
        """
        entries:
          - id: ebrahim-raisi
            type: person
            sources: [https://de.wikipedia.org/wiki/Ebrahim_Raisi]
            names:
              de:
                given: Ebrahim
                family: Raisi
                deprecated: [Reise, Raissi]
          - id: belarus
            type: country
            sources: [https://de.wikipedia.org/wiki/Belarus]
            names:
              de: {preferred: Belarus, deprecated: [Weißrussland]}
        """,
    )
    (d,) = only(diags, "common-word")
    assert (d.severity, d.entry, d.position.line) == ("warning", "ebrahim-raisi", 9)
    assert "'Reise' is a common word in German (de, Zipf 4.9)" in d.message


def test_mistranslation_common_in_another_language_and_all_caps(tmp_path: Path, wordfreq: None) -> None:
    diags = run(
        tmp_path,
        """
        entries:
          - id: smart-org
            type: organization
            sources: [an invented test entry]
            names:
              de:
                preferred: Sondermission Marktaufsicht
                abbreviation: SMA
                mistranslations: [Smart, WHO]
              en: {preferred: Special Market Mission}
        """,
    )
    found = {d.message.split("'")[1]: d for d in only(diags, "common-word")}
    assert set(found) == {"Smart", "WHO"}
    assert found["Smart"].severity == "warning" and "English (en" in found["Smart"].message
    assert "German" not in found["Smart"].message  # Zipf 4.1 in German: below the threshold
    assert found["WHO"].severity == "info" and "all-capitals" in found["WHO"].message


def test_no_word_list_no_guess(tmp_path: Path) -> None:
    """Kazakh has no wordfreq list: wordfreq's 'nearest language' (Russian) is not used."""
    diags = run(
        tmp_path,
        """
        entries:
          - id: kz-test
            type: other
            sources: [test]
            names:
              kk: {preferred: Тест, deprecated: [Мир]}
              ru: {preferred: Тест}
        """,
    )
    assert only(diags, "common-word") == []


# --- ambiguity ----------------------------------------------------------------------------------


AMBIGUOUS = """
entries:
  - id: wang-yi
    type: person
    name_order: family-first
    sources: [https://de.wikipedia.org/wiki/Wang_Yi_(Politiker)]
    names:
      de: {family: Wang, given: Yi}
      en: {family: Wang, given: Yi}
  - id: wang-yu
    type: person
    name_order: family-first
    sources: [invented for the test]
    names:
      de: {family: Wang, given: Yu}
      en: {family: Wang, given: Yu}
  - id: iran
    type: country
    sources: [https://de.wikipedia.org/wiki/Iran]
    names:
      de: {preferred: Iran, admitted: [Islamische Republik Iran]}
  - id: pakistan
    type: country
    sources: [https://de.wikipedia.org/wiki/Pakistan]
    names:
      de: {preferred: Pakistan, admitted: [Islamische Republik Pakistan]}
"""


def test_ambiguity_between_close_names(tmp_path: Path) -> None:
    diags = run(tmp_path, AMBIGUOUS)
    (d,) = only(diags, "ambiguity")  # one warning for the pair, both languages listed
    assert (d.severity, d.entry) == ("warning", "wang-yu")
    assert "'Wang Yu' is close to (similarity 86 >= 85) 'Wang Yi' of 'wang-yi' in de, en" in d.message


def test_ambiguity_reports_only_own_entries(tmp_path: Path) -> None:
    entries = load_files([write(tmp_path, AMBIGUOUS)])
    assert ambiguity_diagnostics(entries, report={"iran"}) == []
    assert len(ambiguity_diagnostics(entries, report={"wang-yi"})) == 1


def _person(entry_id: str, text: str) -> Entry:
    return Entry(entry_id, "city", (LanguageNames("en", preferred=text, position=Position("x", 1, 1)),), ("s",))


def test_ambiguity_blocking_finds_what_brute_force_finds() -> None:
    rng = random.Random(6)
    letters = "aeiouklmnrst"
    names = sorted({"".join(rng.choice(letters) for _ in range(rng.randint(4, 9))).capitalize() for _ in range(400)})
    entries = [_person(f"e{i}", name) for i, name in enumerate(names)]
    found = {
        tuple(sorted((str(d.entry), d.message.split("of '")[1].split("'")[0]))) for d in ambiguity_diagnostics(entries)
    }
    expected: set[tuple[str, ...]] = set()
    for i, a in enumerate(names):
        for j in range(i + 1, len(names)):
            b = names[j]
            ka, kb = fold(a), fold(b)
            if ka[0] == kb[0] and fuzz.ratio(ka, kb) >= AMBIGUITY_RATIO and abs(len(ka) - len(kb)) <= 2:
                from rapidfuzz.distance import Indel

                if Indel.distance(ka, kb) <= 2:
                    expected.add(tuple(sorted((f"e{i}", f"e{j}"))))
    assert found == expected and expected


def test_ambiguity_scales(tmp_path: Path) -> None:
    rng = random.Random(1)
    entries = [
        _person(f"e{i}", "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(12))) for i in range(20000)
    ]
    start = time.monotonic()
    ambiguity_diagnostics(entries)
    assert time.monotonic() - start < 10


# --- renderings ---------------------------------------------------------------------------------


D = Diagnostic(Position("g/a,b.yaml", 3, 7), "warning", "no-source", "no sources: 100% sure\nreally", "x-1")


def test_render_text() -> None:
    assert render_text([D]) == "g/a,b.yaml:3:7: warning [no-source] x-1: no sources: 100% sure\nreally\n"


def test_render_github_escapes() -> None:
    assert render_github([D]) == (
        "::warning file=g/a%2Cb.yaml,line=3,col=7,title=glossary no-source::x-1: no sources: 100%25 sure%0Areally\n"
    )
    info = Diagnostic(Position("f", 1, 1), "info", "skipped", "m")
    assert render_github([info]).startswith("::notice ")


def test_render_json() -> None:
    data = json.loads(render_json([D]))
    assert data == [
        {
            "path": "g/a,b.yaml",
            "line": 3,
            "column": 7,
            "severity": "warning",
            "check": "no-source",
            "entry": "x-1",
            "message": "no sources: 100% sure\nreally",
        }
    ]


def test_exit_codes() -> None:
    assert exit_code([]) == 0
    assert exit_code([D]) == 1
    assert exit_code([D], fail_on="error") == 0
    assert exit_code([Diagnostic(Position("f", 1, 1), "error", "load", "m")], fail_on="error") == 2
