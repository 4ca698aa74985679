"""Web and e-mail addresses, @handles and #hashtags are never linted nor fixed, in any format."""

from __future__ import annotations

from pathlib import Path

import pytest

import normalize
from normalize.identifiers import inside, spans
from normalize.loader import load_glossary

from .cli_support import GLOSSARY, OWN, run


@pytest.fixture(scope="module")
def glossary() -> normalize.Glossary:
    return load_glossary(GLOSSARY, bundled=False)


@pytest.mark.parametrize(
    ("text", "identifier"),
    [
        ("Mehr unter https://example.org/Weißrussland/gipfel dazu.", "https://example.org/Weißrussland/gipfel"),
        ("Mehr unter https://example.org/Weißrussland.", "https://example.org/Weißrussland"),
        ("(siehe www.example.org/Weißrussland)", "www.example.org/Weißrussland"),
        ("Post an info@weissrussland.example, bitte.", "info@weissrussland.example"),
        ("Folgen Sie @Weißrussland!", "@Weißrussland"),
        ("Heute #Weißrussland-Gipfel.", "#Weißrussland-Gipfel"),
    ],
)
def test_identifier_spans(text: str, identifier: str) -> None:
    start = text.index(identifier)
    assert spans(text) == [(start, start + len(identifier))]


@pytest.mark.parametrize("text", ["C# und F#", "Nr. 5 # Titel", "&#39;", "Weißrussland", "a@b"])
def test_no_identifier(text: str) -> None:
    assert spans(text) == []


def test_inside() -> None:
    found = [(5, 10), (20, 30)]
    assert [inside(found, s, e) for s, e in [(0, 5), (0, 6), (9, 12), (10, 20), (29, 40), (30, 31)]] == [
        False, True, True, False, True, False,
    ]


def test_lint_skips_identifiers_and_keeps_prose(glossary: normalize.Glossary) -> None:
    text = (
        "Weißrussland: https://example.org/Weißrussland, www.example.org/Weißrussland, "
        "@Weißrussland und #Weißrussland. Dann Weißrussland."
    )
    found = [(f.text, f.start) for f in normalize.lint(text, "de", glossary)]
    assert found == [("Weißrussland", 0), ("Weißrussland", text.rindex("Weißrussland"))]
    assert normalize.fix(text, "de", glossary) == text.replace("Weißrussland:", "Belarus:").replace(
        "Dann Weißrussland.", "Dann Belarus."
    )


@pytest.mark.parametrize("name", ["draft.txt", "draft.md"])
def test_fix_leaves_identifiers_alone(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("Die Seite https://example.org/Weißrussland und @Weißrussland über Weißrussland.\n", "utf-8")
    proc = run("fix", "--in-place", path, "--lang", "de", *OWN)
    assert proc.returncode == 0, proc.stderr
    assert path.read_text("utf-8") == "Die Seite https://example.org/Weißrussland und @Weißrussland über Belarus.\n"
