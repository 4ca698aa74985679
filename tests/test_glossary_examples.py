"""Every example carried by every bundled glossary entry runs as a test (as prh's specs do)."""

from __future__ import annotations

import pytest

import normalize
import normalize.model
from normalize.loader import bundled_dir, glossary_files, load_files

_ENTRIES = load_files(glossary_files([bundled_dir()]))
_CASES = [
    pytest.param(entry.id, example, id=f"{entry.id}-{i}-{example.lang}")
    for entry in _ENTRIES
    for i, example in enumerate(entry.examples)
]


def test_every_entry_has_examples_and_sources() -> None:
    assert _ENTRIES, "the bundled glossary is empty"
    missing = [e.id for e in _ENTRIES if not e.examples]
    assert missing == [], f"entries without examples: {missing}"
    unsourced = [e.id for e in _ENTRIES if not e.sources]
    assert unsourced == [], f"entries without sources: {unsourced}"


@pytest.mark.parametrize(("entry_id", "example"), _CASES)
def test_example(bundled: normalize.Glossary, entry_id: str, example: normalize.model.Example) -> None:
    fixed = normalize.fix(example.text, lang=example.lang, glossary=bundled)
    assert fixed == example.expect, f"{example.position}: [{entry_id}] fixing gave {fixed!r}"
