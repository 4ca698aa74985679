"""The compiled key table against the obvious one: a list of (form, ending) per key, in glossary order."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import normalize
from normalize.checks import terms
from normalize.document import Document
from normalize.forms import case_shape
from normalize.matcher import endings_for, folded_forms
from normalize.model import Form

SHARED_KEY = """\
entries:
  - id: a-person
    type: person
    sources: [test]
    names:
      de: {given: Wladimir, family: Putin}
  - id: b-org
    type: organization
    sources: [test]
    names:
      de: {preferred: Putins, abbreviation: PTS}
  - id: c-person
    type: person
    sources: [test]
    names:
      en: {given: Vladimir, family: Putin}
"""


def reference(glossary: normalize.Glossary) -> dict[str, list[tuple[Form, str]]]:
    """Each folded key with every (form, ending) reading it, in glossary order, each once."""
    table: dict[str, list[tuple[Form, str]]] = defaultdict(list)
    for form, text in folded_forms(glossary):
        if text:
            for ending in ("", *endings_for(form)):
                table[text + ending].append((form, ending))
    return {key: list(dict.fromkeys(readings)) for key, readings in table.items()}


def compiled(glossary: normalize.Glossary) -> dict[str, list[tuple[Form, str]]]:
    """The same table read back from the matcher, checking each key's length and case on the way."""
    matcher = glossary.matcher
    out: dict[str, list[tuple[Form, str]]] = {}
    for padded, index in matcher.automaton.items():
        length, case, parts = matcher.keys[index]
        key = padded[1:-1]
        assert length == len(padded)
        assert all(form_length + len(ending) == len(key) for ending, form_length, _ in parts)
        readings = [(form, ending) for ending, _, forms in parts for form in forms]
        shapes = {case_shape(form.text) for form, _ in readings}
        assert case == ("upper" if shapes == {"upper"} else "any" if "any" in shapes else "capital")
        out[key] = readings
    return out


def test_key_table_equals_reference(bundled: normalize.Glossary) -> None:
    assert compiled(bundled) == reference(bundled)


def test_key_made_from_several_forms_keeps_glossary_order(tmp_path: Path) -> None:
    (tmp_path / "g.yaml").write_text(SHARED_KEY, encoding="utf-8")
    glossary = normalize.load_glossary(tmp_path, bundled=False)
    table = compiled(glossary)
    assert table == reference(glossary)
    # putins: Putin + s (a-person, de), Putins (b-org), Putin + s (c-person, en), in that order
    assert [(form.entity, ending) for form, ending in table["putins"]] == [
        ("a-person", "s"),
        ("b-org", ""),
        ("c-person", "s"),
    ]
    text = "Die PTS tagte, Pts nicht; Putins Rede."
    spans = [text[r.start : r.end] for r in terms.resolve(Document(text, "de", glossary))]
    assert spans == ["PTS", "Putins"]  # an acronym never matches a capitalised word
