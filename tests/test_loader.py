"""Loading and validation: every kind of bad glossary is rejected with file, line and entry id."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

import normalize
from normalize.loader import GlossaryError

GOOD_ENTRY = """
  - id: belarus
    type: country
    sources: [https://de.wikipedia.org/wiki/Belarus]
    names:
      de: {preferred: Belarus, deprecated: [Weißrussland]}
      en: {preferred: Belarus}
"""


def write(tmp_path: Path, body: str, name: str = "g.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(body).lstrip("\n"), encoding="utf-8")
    return path


def problems(tmp_path: Path, body: str) -> list[str]:
    path = write(tmp_path, body)
    with pytest.raises(GlossaryError) as info:
        normalize.load_glossary(path, bundled=False)
    return [str(p) for p in info.value.problems]


def test_good_glossary_loads(tmp_path: Path) -> None:
    g = normalize.load_glossary(write(tmp_path, "entries:" + GOOD_ENTRY), bundled=False)
    assert [e.id for e in g.entries] == ["belarus"]


def test_malformed_yaml(tmp_path: Path) -> None:
    found = problems(tmp_path, "entries:\n  - id: x\n    type: [unclosed\n")
    assert len(found) == 1 and "malformed YAML" in found[0]
    assert found[0].startswith(f"{tmp_path / 'g.yaml'}:4:")


def test_duplicate_key(tmp_path: Path) -> None:
    body = "entries:" + GOOD_ENTRY.replace("    type: country\n", "    type: country\n    type: city\n")
    found = problems(tmp_path, body)
    assert any(":4:5: [belarus] duplicate key 'type'" in p for p in found), found


def test_unknown_field_with_hint(tmp_path: Path) -> None:
    body = "entries:" + GOOD_ENTRY.replace("    sources:", "    sorces: [x]\n    sources:")
    found = problems(tmp_path, body)
    assert any("unknown field 'sorces'; did you mean 'sources'?" in p and ":4:5:" in p for p in found), found


def test_unknown_language_field(tmp_path: Path) -> None:
    body = "entries:" + GOOD_ENTRY.replace("{preferred: Belarus}", "{prefered: Belarus}")
    found = problems(tmp_path, body)
    assert any("unknown field 'prefered'" in p and "[belarus]" in p for p in found), found


def test_wrong_types(tmp_path: Path) -> None:
    body = "entries:" + GOOD_ENTRY.replace("type: country", "type: 42").replace(
        "deprecated: [Weißrussland]", "deprecated: Weißrussland"
    )
    found = problems(tmp_path, body)
    assert any("type must be a string, got a number" in p and ":3:11:" in p for p in found), found
    assert any("expected a list, got a string" in p for p in found), found


def test_id_defined_twice_across_files(tmp_path: Path) -> None:
    write(tmp_path, "entries:" + GOOD_ENTRY, "a.yaml")
    write(tmp_path, "entries:" + GOOD_ENTRY, "b.yaml")
    with pytest.raises(GlossaryError) as info:
        normalize.load_glossary(tmp_path, bundled=False)
    messages = [str(p) for p in info.value.problems]
    assert any("b.yaml:2:5: [belarus] id 'belarus' is defined twice (also at" in m for m in messages), messages


def test_form_names_two_entities(tmp_path: Path) -> None:
    other = GOOD_ENTRY.replace("id: belarus", "id: belarus-2").replace("deprecated: [Weißrussland]", "admitted: [Weissrussland]")
    found = problems(tmp_path, "entries:" + GOOD_ENTRY + other)
    assert any("names two entities" in p or "is listed as deprecated" in p for p in found), found


def test_form_admitted_and_deprecated(tmp_path: Path) -> None:
    body = "entries:" + GOOD_ENTRY.replace(
        "deprecated: [Weißrussland]", "admitted: [Weißrussland], deprecated: [Weißrussland]"
    )
    found = problems(tmp_path, body)
    assert any("'Weißrussland' is both admitted and deprecated in de" in p and "[belarus]" in p for p in found), found


def test_preferred_form_listed_as_other_entitys_variant(tmp_path: Path) -> None:
    other = """
  - id: russia
    type: country
    sources: [https://de.wikipedia.org/wiki/Russland]
    names:
      de: {preferred: Russland, deprecated: [Belarus]}
"""
    found = problems(tmp_path, "entries:" + GOOD_ENTRY + other)
    assert any("a valid de form of 'belarus' is listed as deprecated for 'russia'" in p for p in found), found


def test_alias_is_rejected(tmp_path: Path) -> None:
    body = """
    entries:
      - id: a
        type: country
        sources: &s [x]
        names:
          de: {preferred: A}
        note: *s
    """
    found = problems(tmp_path, body)
    assert any("aliases are not allowed" in p for p in found), found


def test_alias_bomb_is_rejected_quickly(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 12):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i-1}"] * 9) + "]")
    found = problems(tmp_path, "\n".join(lines) + "\nentries: []\n")
    assert any("unknown field" in p or "aliases are not allowed" in p for p in found)


def test_all_problems_at_once(tmp_path: Path) -> None:
    body = "entries:" + GOOD_ENTRY.replace("type: country", "type: planet").replace("sources:", "source:")
    found = problems(tmp_path, body)
    assert len(found) >= 3, found


def test_dangling_use(tmp_path: Path) -> None:
    body = "entries:" + GOOD_ENTRY.replace("deprecated: [Weißrussland]", "deprecated: [{form: Weißrussland, use: Belarussia}]")
    found = problems(tmp_path, body)
    assert any("'use: Belarussia' is not a valid de form" in p for p in found), found


def test_use_may_carry_inflection(tmp_path: Path) -> None:
    body = "entries:" + GOOD_ENTRY.replace(
        "deprecated: [Weißrussland]", "deprecated: [Weißrussland, {form: Weißrusslands, use: \"Belarus'\"}]"
    )
    normalize.load_glossary(write(tmp_path, body), bundled=False)


def test_bad_language_tag_and_id(tmp_path: Path) -> None:
    body = "entries:" + GOOD_ENTRY.replace("id: belarus", "id: Belarus_1").replace("      en:", "      english:")
    found = problems(tmp_path, body)
    assert any("not kebab-case" in p for p in found)
    assert any("'english' is not a BCP 47 language tag" in p for p in found)


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "g.yaml"
    path.write_bytes(b"entries:\n  - id: x\n    note: \xff\xfe\n")
    with pytest.raises(GlossaryError) as info:
        normalize.load_glossary(path, bundled=False)
    assert "g.yaml:3:1" in str(info.value) and "not valid UTF-8" in str(info.value)


def test_user_entry_replaces_bundled(tmp_path: Path) -> None:
    body = "entries:" + GOOD_ENTRY.replace("deprecated: [Weißrussland]", "admitted: [Weißrussland]")
    g = normalize.load_glossary(write(tmp_path, body))
    assert normalize.lint("Weißrussland", lang="de", glossary=g) == []
    assert len(g.entries) > 1


def test_block_scalar_notes_are_fine(tmp_path: Path) -> None:
    body = "entries:" + GOOD_ENTRY.replace("    sources:", "    note: >\n      A folded\n      note.\n    sources:")
    g = normalize.load_glossary(write(tmp_path, body), bundled=False)
    assert g.entries[0].note == "A folded note."


def test_form_with_line_break_is_rejected(tmp_path: Path) -> None:
    body = "entries:" + GOOD_ENTRY.replace("{preferred: Belarus}", '{preferred: "Bela\\nrus"}')
    assert any("stray spaces" in p for p in problems(tmp_path, body))
