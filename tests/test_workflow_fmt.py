"""``glossary fmt``: canonical layout, idempotent, comments kept, never changes what the loader reads."""

from __future__ import annotations

import os
import stat
import textwrap
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from normalize.loader import bundled_dir, glossary_files, parse_text
from normalize.model import Entry
from normalize.workflow._layout import comments, scan
from normalize.workflow.fmt import FormatError, format_file, format_text

HERE = Path(__file__).parent

MESSY = textwrap.dedent(
    """\
    # File header: kept at the top.
    entries:
      # about SCO: travels with the SCO entry
      - names:
          en: {abbreviation: SCO, preferred: Shanghai Cooperation Organisation}   # English
          de:
            mistranslations:
              - {use: SOZ, form: GOS}  # seen in machine translation
              # a comment inside the list, before the next form
              - form: "no"
                use: SOZ
            abbreviation: SOZ
            preferred: 'Shanghaier Organisation für Zusammenarbeit'
        sources:
        - "https://de.wikipedia.org/wiki/SOZ"
        type: organization
        id: sco
        note: >-
          A long note that the author wrapped by hand,
          and which fmt keeps wrapped where the author wrapped it.
        examples: [{text: 'Die GOS tagte.', lang: de, expect: "Die SOZ tagte."}]
        # closes the SCO entry (indented like its keys): stays with SCO
      # about Belarus
      - id: belarus
        type: country
        sources: [https://de.wikipedia.org/wiki/Belarus]
        names:
          de:
            preferred: Belarus
            deprecated:
            - Weißrussland
            - {form: Weißrusslands, use: "Belarus'"}
    # trailing comment of the file
    """
)


def comment_lines(text: str) -> list[str]:
    return sorted(c.text for c in comments(text, scan(text)))


def loader_view(text: str) -> list[Entry]:
    entries, problems = parse_text(text)
    assert problems == []
    return sorted(entries, key=lambda e: e.id)


CANONICAL = """\
# File header: kept at the top.
entries:
  # about Belarus
  - id: belarus
    type: country
    sources:
      - https://de.wikipedia.org/wiki/Belarus
    names:
      de:
        preferred: Belarus
        deprecated:
          - Weißrussland
          - {form: Weißrusslands, use: Belarus'}

  # about SCO: travels with the SCO entry
  - id: sco
    type: organization
    note: >-
      A long note that the author wrapped by hand,
      and which fmt keeps wrapped where the author wrapped it.
    sources:
      - https://de.wikipedia.org/wiki/SOZ
    names:
      en:  # English
        preferred: Shanghai Cooperation Organisation
        abbreviation: SCO
      de:
        preferred: Shanghaier Organisation für Zusammenarbeit
        abbreviation: SOZ
        mistranslations:
          - {form: GOS, use: SOZ}  # seen in machine translation
          # a comment inside the list, before the next form
          - {form: "no", use: SOZ}
    examples:
      - {lang: de, text: "Die GOS tagte.", expect: "Die SOZ tagte."}
    # closes the SCO entry (indented like its keys): stays with SCO
# trailing comment of the file
"""


def test_messy_file_gets_the_canonical_layout() -> None:
    out = format_text(MESSY)
    assert out == CANONICAL
    assert comment_lines(out) == comment_lines(MESSY)
    assert loader_view(out) == loader_view(MESSY)


def test_idempotent_on_the_messy_file() -> None:
    once = format_text(MESSY)
    assert format_text(once) == once


def bundled_and_mini() -> list[Path]:
    return [HERE / "data" / "mini.yaml", *glossary_files([bundled_dir()])]


@pytest.mark.parametrize("path", bundled_and_mini(), ids=lambda p: p.name)
def test_real_files_idempotent_and_unchanged_for_the_loader(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    once = format_text(text, str(path))
    assert format_text(once) == once
    before, problems_before = parse_text(text)
    after, problems_after = parse_text(once)
    assert sorted(before, key=lambda e: e.id) == after
    assert len(problems_before) == len(problems_after)
    kept = [line.strip() for line in text.splitlines() if line.lstrip().startswith("#")]
    assert all(c in once for c in kept)


def test_key_order_entry_order_and_indentation() -> None:
    text = (
        "entries:\n- names: {en: {preferred: B}}\n  sources: [x]\n  type: city\n  id: b\n"
        "- {id: a, type: city, sources: [y], names: {en: {preferred: A}}}\n"
    )
    assert format_text(text) == (
        "entries:\n"
        "  - id: a\n    type: city\n    sources:\n      - y\n    names:\n      en:\n        preferred: A\n\n"
        "  - id: b\n    type: city\n    sources:\n      - x\n    names:\n      en:\n        preferred: B\n"
    )


def test_language_block_key_order_and_person_parts_in_flow() -> None:
    text = textwrap.dedent(
        """\
        entries:
          - id: p
            type: person
            sources: [s]
            names:
              de:
                family: Putin
                given: Wladimir
                patronymic: Wladimirowitsch
              en:
                sources: [s2]
                note: n
                mistranslations: [Putine]
                deprecated: [Poutine]
                admitted: [V. Putin]
                family: Putin
                given: Vladimir
        """
    )
    out = format_text(text)
    assert "      de: {given: Wladimir, patronymic: Wladimirowitsch, family: Putin}\n" in out
    assert out.endswith(
        "      en:\n        given: Vladimir\n        family: Putin\n        admitted: [V. Putin]\n"
        '        deprecated: [Poutine]\n        mistranslations: [Putine]\n        note: n\n        sources: ["s2"]\n'
    )


@pytest.mark.parametrize(
    "value",
    [
        "no",
        "yes",
        "on",
        "off",
        "null",
        "~",
        "1.0",
        "10",
        "0x1F",
        "2020-01-01",
        "a: b",
        "a #b",
        "- x",
        "@x",
        "`x",
        "%x",
        "'x",
        '"x',
        "x, y",
        "[x]",
        "{x}",
        "x:",
        "...",
        "---",
        "a\\b",
        "tab\there",
        "line\nbreak",
        " lead",
        "trail ",
        "ümlaut ß 漢字",
        "Belarus'",
        "https://x.org/a?b=c#d",
        "=",
        "<<",
        "?x",
        "!x",
        "&x",
        "*x",
        "|x",
        ">x",
    ],
)
def test_quoting_keeps_every_string(value: str) -> None:
    data = {
        "entries": [
            {
                "id": "x",
                "type": "other",
                "sources": [value],
                "note": value,
                "names": {"en": {"preferred": "X", "admitted": [value], "deprecated": [{"form": "Y", "note": value}]}},
                "examples": [{"lang": "en", "text": value}],
            }
        ]
    }
    text = yaml.safe_dump(data, allow_unicode=True)
    out = format_text(text)
    assert yaml.safe_load(out) == data
    assert format_text(out) == out


def test_non_strings_are_written_back_as_they_were() -> None:
    """The loader rejects them; fmt must not turn them into valid strings behind its back."""
    text = (
        "entries:\n  - id: x\n    type: other\n    wikidata: 123\n    sources: [yes, 1.5, ~]\n"
        "    names: {en: {preferred: X}}\n"
    )
    out = format_text(text)
    assert "wikidata: 123\n" in out and "sources:\n      - yes\n      - 1.5\n      - ~\n" in out
    assert yaml.safe_load(out) == yaml.safe_load(text)


def test_long_note_is_folded_within_the_width() -> None:
    note = " ".join(["Belarus is the name used by the state itself since 1991;"] * 8)
    text = yaml.safe_dump(
        {
            "entries": [
                {
                    "id": "b",
                    "type": "country",
                    "sources": ["s"],
                    "note": note,
                    "names": {"de": {"preferred": "Belarus"}},
                }
            ]
        },
        allow_unicode=True,
        width=10**6,
    )
    out = format_text(text)
    lines = out.splitlines()
    start = lines.index("    note: >-")
    body = lines[start + 1 : lines.index("    sources:")]
    assert len(body) > 2 and all(len(line) <= 100 for line in body)
    assert yaml.safe_load(out)["entries"][0]["note"] == note
    assert format_text(out) == out


def test_note_with_paragraphs_and_trailing_newline() -> None:
    for note in ("First paragraph.\nSecond paragraph.", "Ends with a newline.\n", "a\n\nb " + "x" * 120):
        data = {
            "entries": [
                {"id": "b", "type": "other", "sources": ["s"], "note": note, "names": {"de": {"preferred": "B"}}}
            ]
        }
        out = format_text(yaml.safe_dump(data, allow_unicode=True))
        assert yaml.safe_load(out) == data
        assert format_text(out) == out


def test_alias_bomb_is_refused() -> None:
    levels = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    levels += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    with pytest.raises(FormatError) as info:
        format_text("\n".join(levels) + "\nentries: *a9\n", "bomb.yaml")
    assert info.value.line == 1 and "anchors and aliases are not allowed" in str(info.value)
    assert str(info.value).startswith("bomb.yaml:1:")


def test_malformed_yaml_and_tags_are_refused() -> None:
    with pytest.raises(FormatError) as info:
        format_text("entries:\n  - id: x\n    type: [unclosed\n", "bad.yaml")
    assert "malformed YAML" in str(info.value) and info.value.line == 4
    with pytest.raises(FormatError, match="tags are not allowed"):
        format_text("entries: !!python/object:os.system [ls]\n")


def test_empty_and_comment_only_files() -> None:
    assert format_text("") == ""
    assert format_text("# nothing yet\n\n") == "# nothing yet\n"


def test_crlf_and_bom_are_normalised() -> None:
    text = "\ufeffentries:\r\n  - id: a\r\n    type: other\r\n    sources: [s]\r\n    names: {en: {preferred: A}}\r\n"
    out = format_text(text)
    assert "\r" not in out and not out.startswith("\ufeff")
    assert format_text(out) == out


def test_format_file_check_and_write(tmp_path: Path) -> None:
    path = tmp_path / "g.yaml"
    path.write_text(MESSY, encoding="utf-8")
    os.chmod(path, 0o640)
    assert format_file(path, check=True) is True
    assert path.read_text(encoding="utf-8") == MESSY  # --check never writes
    assert format_file(path) is True
    assert path.read_text(encoding="utf-8") == format_text(MESSY)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert format_file(path) is False and format_file(path, check=True) is False
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.yaml"]  # no temporary file left behind


def test_format_file_refusal_leaves_the_file_alone(tmp_path: Path) -> None:
    path = tmp_path / "g.yaml"
    path.write_text("entries: [unclosed\n", encoding="utf-8")
    with pytest.raises(FormatError):
        format_file(path)
    assert path.read_text(encoding="utf-8") == "entries: [unclosed\n"


_TEXT = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), min_size=1, max_size=30)


@settings(max_examples=150, deadline=None)
@given(forms=st.lists(_TEXT, min_size=1, max_size=4), note=_TEXT, comment=st.text("abc #:-'\"", max_size=10))
def test_any_strings_survive(forms: list[str], note: str, comment: str) -> None:
    data = {
        "entries": [
            {
                "id": "z",
                "type": "other",
                "sources": list(forms),
                "note": note,
                "names": {
                    "en": {
                        "preferred": forms[0],
                        "admitted": list(forms),
                        "deprecated": [{"form": note, "note": forms[-1]}],
                    }
                },
                "examples": [{"lang": "en", "text": note, "expect": forms[0]}],
            }
        ]
    }
    text = yaml.safe_dump(data, allow_unicode=True) + "# " + comment + "\n"
    out = format_text(text)
    assert yaml.safe_load(out) == yaml.safe_load(text)  # PyYAML's own dump does not round-trip U+0085
    assert format_text(out) == out
    assert ("# " + comment).rstrip() in out


_WORD = st.text(st.characters(exclude_categories=["Cs", "Cc", "Zs", "Zl", "Zp"]), min_size=1, max_size=12)
_SEP = st.sampled_from([" ", " ", " ", " ", "  ", "\n", "\n\n", "\t", " \t", "\t ", " - ", ": ", " #"])


@settings(max_examples=150, deadline=None)
@given(words=st.lists(st.tuples(_WORD, _SEP), min_size=1, max_size=40), tail=st.sampled_from(["", "\n", "\n\n", " "]))
def test_any_long_note_survives_folding(words: list[tuple[str, str]], tail: str) -> None:
    note = "".join(w + s for w, s in words[:-1]) + words[-1][0] + tail
    data = {
        "entries": [{"id": "z", "type": "other", "sources": ["s"], "note": note, "names": {"en": {"preferred": "Z"}}}]
    }
    text = yaml.safe_dump(data, allow_unicode=True)
    out = format_text(text)
    assert yaml.safe_load(out) == yaml.safe_load(text)
    assert format_text(out) == out


def test_unknown_and_duplicate_keys_are_kept_for_the_loader_to_report() -> None:
    text = textwrap.dedent(
        """\
        entries:
          - id: x
            typ: city
            type: other
            sources: [s]
            names:
              de: {preferred: X, admited: [Y], preferred: Z}
        """
    )
    out = format_text(text)
    assert "    type: other\n    sources:\n      - s\n    names:\n" in out
    assert out.index("typ: city") > out.index("names:")  # unknown keys go last, in their order
    assert "      de:\n        preferred: X\n        preferred: Z\n        admited: [Y]\n" in out
    before = sorted(p.message.split(" (first at")[0] for p in parse_text(text)[1])
    after = sorted(p.message.split(" (first at")[0] for p in parse_text(out)[1])
    assert before == after and len(before) == 3
