"""Golden tests on the two seed drafts with the bundled glossary.

Regenerate the golden files after a deliberate change with ``NORMALIZE_UPDATE_GOLDEN=1 pytest
tests/test_seeds.py`` and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import normalize
import normalize.rewrite

from .conftest import ROOT

SEEDS = ROOT / "seeds"
GOLDEN = Path(__file__).parent / "golden"
SEED_DIRTY = SEEDS / "000_e7706126799bb1c7.txt"
SEED_CLEAN = SEEDS / "001_aaf37afa61b012a6.txt"
UPDATE = os.environ.get("NORMALIZE_UPDATE_GOLDEN") == "1"


def _golden(name: str, actual: str) -> str:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(actual, encoding="utf-8")
    return path.read_text(encoding="utf-8")


def test_seed_000_findings(bundled: normalize.Glossary) -> None:
    text = SEED_DIRTY.read_text(encoding="utf-8")
    findings = [f.to_dict() for f in normalize.lint(text, lang="de", glossary=bundled)]
    actual = json.dumps(findings, ensure_ascii=False, indent=1) + "\n"
    assert actual == _golden("seed000.findings.json", actual)


def test_seed_000_required_findings(bundled: normalize.Glossary) -> None:
    """The findings the issue names, independent of the golden file."""
    text = SEED_DIRTY.read_text(encoding="utf-8")
    found = {(f.rule, f.text, f.replacement) for f in normalize.lint(text, lang="de", glossary=bundled)}
    gos = [f for f in normalize.lint(text, lang="de", glossary=bundled) if f.text == "GOS"]
    assert len(gos) == 4 and all(f.rule == "mistranslation" and f.replacement == "SOZ" for f in gos)
    assert ("variant", "Weißrussland", "Belarus") in found
    assert ("foreign-form", "Shanghai Cooperation Organisation", "Shanghaier Organisation für Zusammenarbeit") in found
    assert ("duplicated-gloss", " (Cai Qi)", "") in found
    assert ("variant-gloss", " (Wang I)", "") in found
    assert any(r == "foreign-form" and "Mirziyoyev" in t and "Mirsijojew" in (x or "") for r, t, x in found)
    assert any(r == "foreign-form" and "Mokhber" in t and "Mochber" in (x or "") for r, t, x in found)


def test_seed_000_fixed(bundled: normalize.Glossary) -> None:
    text = SEED_DIRTY.read_text(encoding="utf-8")
    fixed = normalize.fix(text, lang="de", glossary=bundled)
    assert fixed == _golden("seed000.fixed.txt", fixed)
    assert normalize.fix(fixed, lang="de", glossary=bundled) == fixed


def test_seed_000_fix_changes_only_finding_spans(bundled: normalize.Glossary) -> None:
    text = SEED_DIRTY.read_text(encoding="utf-8")
    findings = normalize.lint(text, lang="de", glossary=bundled)
    fixed, applied = normalize.rewrite.apply_fixes(text, findings)
    assert applied == sum(1 for f in findings if f.replacement is not None)
    assert fixed == normalize.fix(text, lang="de", glossary=bundled)


def test_seed_001_is_clean(bundled: normalize.Glossary) -> None:
    text = SEED_CLEAN.read_text(encoding="utf-8")
    findings = normalize.lint(text, lang="de", glossary=bundled)
    assert [f for f in findings if f.severity in ("error", "warning")] == []
    assert normalize.fix(text, lang="de", glossary=bundled) == text


def test_seeds_are_copies_of_the_shared_seeds() -> None:
    shared = ROOT.parent / "shared" / "seeds"
    if not shared.is_dir():
        return  # outside the workplace the copies are the reference
    for seed in (SEED_DIRTY, SEED_CLEAN):
        assert seed.read_bytes() == (shared / seed.name).read_bytes()
