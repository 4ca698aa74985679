"""Configuration: discovery walking up, per-path overrides, flags win, invalid files are exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from .cli_support import GLOSSARY, run

EN_DRAFT = "The GOS met in Weißrussland.\n"  # English copy: GOS → SCO, Weißrussland is German


def _tree(tmp_path: Path, config_name: str, config: str) -> Path:
    (tmp_path / config_name).write_text(config, encoding="utf-8")
    (tmp_path / "drafts" / "en").mkdir(parents=True)
    (tmp_path / "drafts" / "de.txt").write_text("Die GOS tagte in Weißrussland.\n", encoding="utf-8")
    (tmp_path / "drafts" / "en" / "story.txt").write_text(EN_DRAFT, encoding="utf-8")
    return tmp_path


PYPROJECT = f"""\
[project]
name = "newsroom"

[tool.normalize]
lang = "de"
bundled = false
glossaries = ["{GLOSSARY}"]

[[tool.normalize.overrides]]
paths = ["drafts/en/**"]
lang = "en"
"""


def _rules(out: str) -> list[tuple[str, str, str]]:
    return [(line.split(":")[0], line.split()[2], line.split("'")[1]) for line in out.splitlines()]


def test_pyproject_discovery_and_override(tmp_path: Path) -> None:
    root = _tree(tmp_path, "pyproject.toml", PYPROJECT)
    out = run("lint", "-q", "drafts", cwd=root)
    assert out.returncode == 1, out.stderr
    assert _rules(out.stdout) == [
        ("drafts/de.txt", "[mistranslation]", "GOS"),
        ("drafts/de.txt", "[variant]", "Weißrussland"),
        ("drafts/en/story.txt", "[mistranslation]", "GOS"),
        ("drafts/en/story.txt", "[foreign-form]", "Weißrussland"),
    ]
    # found from a subfolder too, and for a file named from elsewhere
    inner = run("lint", "-q", "story.txt", cwd=root / "drafts" / "en")
    assert _rules(inner.stdout) == [
        ("story.txt", "[mistranslation]", "GOS"),
        ("story.txt", "[foreign-form]", "Weißrussland"),
    ]
    outside = run("lint", "-q", root / "drafts" / "en" / "story.txt", cwd=tmp_path.parent)
    assert "SCO" in outside.stdout


def test_dot_normalize_toml_wins_over_pyproject_and_nearest_wins(tmp_path: Path) -> None:
    root = _tree(tmp_path, "pyproject.toml", PYPROJECT)
    (root / ".normalize.toml").write_text(
        f'lang = "de"\nbundled = false\nglossaries = ["{GLOSSARY}"]\nselect = ["variant"]\n', encoding="utf-8"
    )
    out = run("lint", "-q", "drafts", cwd=root)
    assert [r[1] for r in _rules(out.stdout)] == ["[variant]", "[variant]"]  # no override: both German
    (root / "drafts" / "en" / ".normalize.toml").write_text(
        f'lang = "en"\nbundled = false\nglossaries = ["{GLOSSARY}"]\nfail-on = "error"\nignore = ["mistranslation"]\n',
        encoding="utf-8",
    )
    nearest = run("lint", "-q", "drafts/en/story.txt", cwd=root)
    assert [r[1] for r in _rules(nearest.stdout)] == ["[foreign-form]"]
    assert nearest.returncode == 0  # fail-on = error and only a warning is left


def test_relative_glossaries_are_relative_to_the_config_file(tmp_path: Path) -> None:
    (tmp_path / "terms").mkdir()
    (tmp_path / "terms" / "g.yaml").write_bytes(GLOSSARY.read_bytes())
    (tmp_path / ".normalize.toml").write_text(
        'lang = "de"\nbundled = false\nglossaries = ["terms"]\n', encoding="utf-8"
    )
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.txt").write_text("Die GOS.\n", encoding="utf-8")
    out = run("lint", "-q", "d.txt", cwd=tmp_path / "sub")
    assert out.returncode == 1 and "[mistranslation]" in out.stdout


def test_flags_win_over_configuration(tmp_path: Path) -> None:
    root = _tree(tmp_path, "pyproject.toml", PYPROJECT)
    forced = run("lint", "-q", "--lang", "de", "drafts/en/story.txt", cwd=root)
    assert [r[1] for r in _rules(forced.stdout)] == ["[mistranslation]", "[variant]"]  # read as German
    selected = run("lint", "-q", "--select", "variant", "drafts/de.txt", cwd=root)
    assert [r[1] for r in _rules(selected.stdout)] == ["[variant]"]
    failing = run("lint", "-q", "--fail-on", "error", "--select", "variant", "drafts/de.txt", cwd=root)
    assert failing.returncode == 0
    markup = run("lint", "-q", "--markup", "markdown", "drafts/de.txt", cwd=root)
    assert markup.returncode == 1


def test_pyproject_without_our_table_is_skipped(tmp_path: Path) -> None:
    (tmp_path / ".normalize.toml").write_text(
        f'lang = "de"\nbundled = false\nglossaries = ["{GLOSSARY}"]\n', encoding="utf-8"
    )
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "pyproject.toml").write_text(
        '[project]\nname = "x"\n[tool.ruff]\nline-length = 1\n', encoding="utf-8"
    )
    (tmp_path / "pkg" / "d.txt").write_text("Die GOS.\n", encoding="utf-8")
    out = run("lint", "-q", "pkg/d.txt", cwd=tmp_path)
    assert out.returncode == 1, out.stderr


@pytest.mark.parametrize(
    ("config", "line", "message"),
    [
        ('lang = "de"\nlangs = "en"\n', 2, "unknown key 'langs'"),
        ('lang = "de"\nfail-on = "never"\n', 2, "'fail-on' must be one of: error, warning, info"),
        ('lang = "de"\n\nselect = ["varient"]\n', 3, "unknown rule 'varient'"),
        ('lang = "de"\nlang = "en"\n', 2, "invalid TOML"),
        ('lang = "de"\n[[overrides]]\nlang = "en"\n', 2, "needs 'paths'"),
        ("lang = 3\n", 1, "'lang' must be a non-empty string"),
    ],
)
def test_invalid_configuration(tmp_path: Path, config: str, line: int, message: str) -> None:
    (tmp_path / ".normalize.toml").write_text(config, encoding="utf-8")
    draft = tmp_path / "d.txt"
    draft.write_text("Die GOS.\n", encoding="utf-8")
    for command in (["lint"], ["fix", "--in-place"]):
        out = run(*command, "--no-bundled", "--glossary", GLOSSARY, "d.txt", cwd=tmp_path)
        assert out.returncode == 2
        assert out.stdout == ""
        assert len(out.stderr.splitlines()) == 1, out.stderr
        assert out.stderr.startswith(f"normalize: {tmp_path / '.normalize.toml'}:{line}: "), out.stderr
        assert message in out.stderr
        assert "Traceback" not in out.stderr
    assert draft.read_text(encoding="utf-8") == "Die GOS.\n"  # nothing written


def test_invalid_pyproject_table_names_the_line(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.normalize]\nlang = "de"\nbundeled = false\n', encoding="utf-8"
    )
    (tmp_path / "d.txt").write_text("x\n", encoding="utf-8")
    out = run("lint", "d.txt", cwd=tmp_path)
    assert out.returncode == 2
    assert out.stderr.strip().startswith(
        f"normalize: {tmp_path / 'pyproject.toml'}:6: unknown key 'tool.normalize.bundeled'"
    )
