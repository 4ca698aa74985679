"""CONTRIBUTING.md's example entry passes ``glossary check`` and is in the canonical layout."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from normalize.loader import bundled_dir, glossary_files, parse_text
from normalize.workflow import check_glossary, format_text, render_text

ROOT = Path(__file__).parent.parent


def example_entry() -> str:
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", guide, flags=re.S)
    (entry,) = [b for b in blocks if b.startswith("entries:\n")]
    return entry


def test_the_guide_has_a_complete_example_entry() -> None:
    entries, problems = parse_text(example_entry())
    assert problems == [] and [e.id for e in entries] == ["csto"]
    assert entries[0].examples and entries[0].sources


def test_the_example_entry_passes_the_check(tmp_path: Path) -> None:
    path = tmp_path / "organizations-new.yaml"
    path.write_text(example_entry(), encoding="utf-8")
    bundled = bool(glossary_files([bundled_dir()]))
    diags = check_glossary([path], bundled=bundled)
    assert diags == [], render_text(diags)


def test_the_example_entry_is_formatted() -> None:
    assert format_text(example_entry()) == example_entry()


@pytest.mark.parametrize("name", ["CONTRIBUTING.md", ".github/pull_request_template.md"])
def test_contributors_are_asked_for_sources(name: str) -> None:
    text = (ROOT / name).read_text(encoding="utf-8")
    assert "source" in text.lower() and "invent" in text
