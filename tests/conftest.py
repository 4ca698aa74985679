"""Shared fixtures: the bundled glossary and the small test glossary."""

from __future__ import annotations

from pathlib import Path

import pytest

import normalize

HERE = Path(__file__).parent
ROOT = HERE.parent
DATA = HERE / "data"


@pytest.fixture(scope="session")
def bundled() -> normalize.Glossary:
    return normalize.load_glossary()


@pytest.fixture(scope="session")
def mini() -> normalize.Glossary:
    return normalize.load_glossary(DATA / "mini.yaml", bundled=False)
