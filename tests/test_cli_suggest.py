"""``normalize glossary suggest`` as a subprocess: output formats, the glossary lookup, exit codes."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
import yaml

from normalize.loader import bundled_dir, glossary_files, parse_text

from .cli_support import GLOSSARY, run

needs_bundled = pytest.mark.skipif(not glossary_files([bundled_dir()]), reason="no bundled glossary files")
LABEL = "not a glossary fact — check a source"


def suggest(*args: str) -> tuple[int, str, str]:
    out = run("glossary", "suggest", *args)
    return out.returncode, out.stdout, out.stderr


def test_mirziyoyev_candidates_per_language_without_a_glossary() -> None:
    code, out, err = suggest("--native", "Мирзиёев Шавкат", "--no-bundled")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "Мирзиёев Шавкат — Cyrillic script, Russian (ru)"
    assert "  parts: given Шавкат, family Мирзиёев" in lines
    assert f"  Schawkat Mirsijojew  — candidate (scheme duden, duden_strict), {LABEL}" in lines
    assert f"  Shavkat Mirziyoyev  — candidate (scheme bgn_pcgn), {LABEL}" in lines
    assert "de (German)" in lines and "en (English)" in lines
    assert any(line.startswith("warning: names from national languages") and "Dschaparow" in line for line in lines)


def test_one_language_and_lavrov() -> None:
    code, out, _ = suggest("--native", "Сергей Лавров", "--lang", "de", "--no-bundled")
    assert code == 0
    assert f"  Sergej Lawrow  — candidate (scheme duden), {LABEL}" in out.splitlines()
    assert "en (English)" not in out


def test_chinese_json() -> None:
    code, out, _ = suggest("--native", "王毅", "--lang", "de", "--lang", "zh-Latn-wadegile", "--format", "json", "--no-bundled")
    assert code == 0
    data = json.loads(out)
    assert data["script"] == "Hani" and data["order"] == "family-first"
    by_lang = {t["lang"]: [c["form"] for c in t["candidates"]] for t in data["targets"]}
    assert by_lang == {"de": ["Wang Yi", "Wang I"], "zh-Latn-wadegile": ["Wang I"]}


def test_known_entry_from_a_glossary_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        textwrap.dedent(
            """
            entries:
              - id: sergey-lavrov
                type: person
                sources: [https://de.wikipedia.org/wiki/Sergei_Wiktorowitsch_Lawrow]
                names:
                  de: {given: Sergej, family: Lawrow, admitted: [Sergei Lawrow]}
                  ru: {given: Сергей, family: Лавров}
            """
        ),
        encoding="utf-8",
    )
    code, out, _ = suggest("--native", "Лавров Сергей", "--lang", "de", "--no-bundled", "--glossary", str(path))
    assert code == 0
    assert f"In the glossary: sergey-lavrov — Sergej Lawrow ({path}:3:5), ru 'Сергей Лавров'." in out
    assert "  de: Sergej Lawrow (preferred, short (derived)); " in out
    assert f"  Sergej Lawrow  — candidate (scheme duden), {LABEL}" in out  # beside the entry


@needs_bundled
def test_bundled_glossary_knows_mirziyoyev() -> None:
    code, out, _ = suggest("--native", "Мирзиёев Шавкат", "--lang", "de")
    assert code == 0
    assert "In the glossary: shavkat-mirziyoyev — Schawkat Mirsijojew (" in out
    assert "Schawkat Mirsijojew (preferred, short (derived))" in out


def test_yaml_skeleton_parses_and_needs_a_source(tmp_path: Path) -> None:
    code, out, _ = suggest("--native", "Мирзиёев Шавкат", "--format", "yaml", "--no-bundled")
    assert code == 0
    (entry,) = yaml.safe_load(out)["entries"]
    assert entry["id"] == "shavkat-mirziyoyev" and entry["sources"] == []
    assert entry["names"]["de"] == {"given": "Schawkat", "family": "Mirsijojew"}
    assert entry["names"]["en"] == {"given": "Shavkat", "family": "Mirziyoyev"}
    assert "        family: Mirsijojew  # candidate: duden, duden_strict, verify against a source" in out.splitlines()
    path = tmp_path / "new.yaml"
    path.write_text(out, encoding="utf-8")
    check = run("glossary", "check", "--no-bundled", str(path))
    assert check.returncode == 1 and "[no-source] shavkat-mirziyoyev" in check.stdout
    sourced = out.replace("sources: []", "sources: [https://de.wikipedia.org/wiki/Shavkat_Mirziyoyev]")
    entries, problems = parse_text(sourced, "new.yaml")
    assert problems == [] and entries[0].sources == ("https://de.wikipedia.org/wiki/Shavkat_Mirziyoyev",)
    path.write_text(sourced, encoding="utf-8")
    clean = run("glossary", "check", "--no-bundled", str(path))
    assert clean.returncode == 0, clean.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--native", ""), "the native form is empty"),
        (("--native", "Shavkat Mirziyoyev"), "no transliteration scheme for Latin script"),
        (("--native", "Путин", "--lang", "fr"), "no scheme writes Cyrillic names for 'fr'"),
        (("--native", "Путин", "--from", "xx"), "--from xx"),
        (("--native", "王毅", "--script", "Cyrl"), "--script Cyrl, but the native form is in Han script"),
        (("--native", "王毅", "--format", "csv"), "invalid choice"),
        ((), "--native"),
    ],
)
def test_bad_input_exits_2_with_one_line(args: tuple[str, ...], message: str) -> None:
    code, out, err = suggest(*args, "--no-bundled")
    assert code == 2 and out == ""
    assert err.startswith("normalize: ") and message in err and err.count("\n") == 1
    assert "Traceback" not in err


def test_invalid_glossary_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("entries:\n  - id: x\n    type: person\n    names: {}\n    bogus: 1\n", encoding="utf-8")
    code, _, err = suggest("--native", "Путин", "--no-bundled", "--glossary", str(bad))
    assert code == 2 and "bad.yaml" in err and "Traceback" not in err


def test_own_glossary_next_to_bundled_ones_is_used() -> None:
    code, out, _ = suggest("--native", "王毅", "--lang", "de", "--no-bundled", "--glossary", str(GLOSSARY))
    assert code == 0 and "In the glossary" not in out  # cli.yaml's wang-yi has no zh block
