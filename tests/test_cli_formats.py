"""Output formats: JSON equals the library's findings, SARIF is schema-valid, GitHub commands escape."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import normalize

from .cli_support import DATA, GLOSSARY, lint

#: Wide and astral characters before a finding: columns differ in characters and UTF-16 units.
DRAFT = "Die GOS tagte.\r\n𝐀𝐁 中文 Weißrussland und Vladimir Putin.\nWang Yi (Wang I) und OKSB.\n"  # noqa: RUF001


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "draft.txt"
    path.write_bytes(DRAFT.encode())
    return path


@pytest.fixture(scope="module")
def glossary() -> normalize.Glossary:
    return normalize.load_glossary(GLOSSARY, bundled=False)


def test_json_is_the_library_result(draft: Path, glossary: normalize.Glossary) -> None:
    out = lint(draft, "--lang", "de", "--format", "json")
    assert out.returncode == 1
    data = json.loads(out.stdout)
    expected = [f.to_dict() for f in normalize.lint(DRAFT, "de", glossary)]
    assert data["version"] == 1
    assert data["files"] == [{"path": str(draft), "findings": expected}]
    assert data["summary"] == {
        "files": 1,
        "findings": len(expected),
        "error": 2,
        "warning": 3,
        "info": 0,
        "fixable": 4,
    }


def test_json_lists_clean_files_and_respects_select(tmp_path: Path, draft: Path) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text("Nichts.\n", encoding="utf-8")
    data = json.loads(lint(draft, clean, "--lang", "de", "--format", "json", "--select", "variant").stdout)
    assert [f["path"] for f in data["files"]] == [str(draft), str(clean)]
    assert [f["rule"] for f in data["files"][0]["findings"]] == ["variant"]
    assert data["files"][1]["findings"] == []


def test_sarif_is_valid_and_complete(draft: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    out = lint(draft, "--lang", "de", "--format", "sarif", cwd=draft.parent)
    assert out.returncode == 1
    log = json.loads(out.stdout)
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validate(log, schema, cls=jsonschema.Draft4Validator)
    run = log["runs"][0]
    assert log["version"] == "2.1.0"
    assert run["columnKind"] == "utf16CodeUnits"
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(normalize.RULES)
    assert all(r["shortDescription"]["text"] == normalize.RULES[r["id"]][1] for r in rules)
    results = run["results"]
    assert [r["ruleId"] for r in results] == [
        "mistranslation",
        "variant",
        "foreign-form",
        "variant-gloss",
        "mistranslation",
    ]
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results)
    assert {r["level"] for r in results} == {"error", "warning"}
    variant = results[1]["locations"][0]["physicalLocation"]
    assert variant["artifactLocation"] == {"uri": "draft.txt", "uriBaseId": "%SRCROOT%"}
    # "𝐀𝐁 中文 " is 6 characters but 8 UTF-16 code units (two astral letters)  # noqa: RUF003
    assert variant["region"]["startLine"] == 2
    assert variant["region"]["startColumn"] == 9
    assert variant["region"]["endColumn"] == 9 + len("Weißrussland")
    fix = results[1]["fixes"][0]["artifactChanges"][0]
    assert fix["replacements"][0]["insertedContent"] == {"text": "Belarus"}
    assert fix["replacements"][0]["deletedRegion"]["startColumn"] == 9
    assert "fixes" not in results[4]  # OKSB: no safe fix


def test_sarif_offsets_round_trip(draft: Path) -> None:
    """Applying the SARIF replacements (UTF-16 columns) gives what ``normalize fix`` gives."""
    log = json.loads(lint(draft, "--lang", "de", "--format", "sarif").stdout)
    lines = DRAFT.split("\n")
    edits = []
    for result in log["runs"][0]["results"]:
        for change in result.get("fixes", []):
            for rep in change["artifactChanges"][0]["replacements"]:
                region = rep["deletedRegion"]
                edits.append(
                    (
                        region["startLine"],
                        region["startColumn"],
                        region["endLine"],
                        region["endColumn"],
                        rep["insertedContent"]["text"],
                    )
                )
    units = [line.encode("utf-16-le") for line in lines]

    def offset(line: int, column: int) -> int:
        before = sum(len(x) + 1 for x in lines[: line - 1])
        return before + len(units[line - 1][: 2 * (column - 1)].decode("utf-16-le"))

    text = DRAFT
    for sl, sc, el, ec, new in sorted(edits, reverse=True):
        text = text[: offset(sl, sc)] + new + text[offset(el, ec) :]
    fixed = normalize.fix(DRAFT, "de", normalize.load_glossary(GLOSSARY, bundled=False))
    assert text == fixed


def test_github_annotations(tmp_path: Path) -> None:
    path = tmp_path / "d,1.txt"
    path.write_text("Die GOS tagte.\nWang Yi (Wang I).\n", encoding="utf-8")
    out = lint("d,1.txt", "--lang", "de", "--format", "github", cwd=tmp_path)
    assert out.returncode == 1
    first, second = out.stdout.splitlines()
    assert first == (
        "::error file=d%2C1.txt,line=1,col=5,endLine=1,endColumn=8,title=normalize [mistranslation]::"
        "'GOS' is a known mistranslation for Shanghai Cooperation Organisation; write 'SOZ'. (→ SOZ)"
    )
    assert second.startswith(
        "::warning file=d%2C1.txt,line=2,col=8,endLine=2,endColumn=17,title=normalize [variant-gloss]::"
    )


def test_github_escaping() -> None:
    from normalize.report.github import escape_data, escape_property

    assert escape_data("50% a\r\nb") == "50%25 a%0D%0Ab"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"


def test_formats_list_every_file_of_a_mixed_run(tmp_path: Path) -> None:
    """A binary file among drafts: exit 2, a message on stderr, the others still reported."""
    good = tmp_path / "good.txt"
    good.write_text("Die GOS.\n", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02binary")
    for fmt in ("json", "sarif", "github", "text"):
        out = lint(bad, good, "--lang", "de", "--format", fmt)
        assert out.returncode == 2, fmt
        assert out.stderr.strip() == f"normalize: {bad}: binary file (contains NUL bytes); not linted"
        assert "GOS" in out.stdout


def test_info_severity_in_machine_formats(tmp_path: Path) -> None:
    path = tmp_path / "d.txt"
    path.write_text(
        "Die Shanghaier Organisation für Zusammenarbeit.\nDie Schanghaier Organisation für Zusammenarbeit.\n",
        encoding="utf-8",
    )
    github = lint(path, "--lang", "de", "--format", "github").stdout
    assert github.startswith("::notice file=")
    sarif = json.loads(lint(path, "--lang", "de", "--format", "sarif").stdout)
    assert [r["level"] for r in sarif["runs"][0]["results"]] == ["note"]
    rules = {r["id"]: r for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["inconsistent"]["defaultConfiguration"]["level"] == "note"
