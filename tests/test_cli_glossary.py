"""``normalize glossary check|fmt|diff|export|import`` and ``normalize lookup`` as subprocesses."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from normalize.loader import bundled_dir, glossary_files, load_glossary

from .cli_support import run

BUNDLED = bool(glossary_files([bundled_dir()]))
needs_bundled = pytest.mark.skipif(not BUNDLED, reason="no bundled glossary files")

BELARUS = """
entries:
  - id: belarus
    type: country
    sources: [https://de.wikipedia.org/wiki/Belarus]
    names:
      de:
        preferred: Belarus
        deprecated: [Weißrussland]
    examples:
      - {lang: de, text: "Die Proteste in Weißrussland.", expect: "EXPECT"}
"""


def write(path: Path, body: str) -> Path:
    path.write_text(textwrap.dedent(body).lstrip("\n"), encoding="utf-8")
    return path


def glossary(tmp_path: Path, expect: str = "Die Proteste in Belarus.", name: str = "g.yaml") -> Path:
    return write(tmp_path / name, BELARUS.replace("EXPECT", expect))


def one_line_error(out: subprocess.CompletedProcess[str]) -> str:
    """Exit 2, nothing on stdout, a single ``normalize: ...`` line on stderr, no traceback."""
    assert out.returncode == 2, (out.stdout, out.stderr)
    assert "Traceback" not in out.stderr
    (line,) = out.stderr.splitlines()
    assert line.startswith("normalize: ")
    return line


# --- glossary check -------------------------------------------------------------------------------


@needs_bundled
def test_check_passes_on_the_bundled_glossaries() -> None:
    out = run("glossary", "check", "--fail-on", "error")
    assert out.returncode == 0, out.stdout + out.stderr
    assert " error [" not in out.stdout
    n = len(glossary_files([bundled_dir()]))
    assert out.stdout.splitlines()[-1].endswith(f"in {n} files.")


def test_check_a_clean_glossary(tmp_path: Path) -> None:
    path = glossary(tmp_path)
    out = run("glossary", "check", "--no-bundled", path)
    assert (out.returncode, out.stdout, out.stderr) == (0, "No problems found in 1 file.\n", "")


def test_check_loader_error_names_file_and_line(tmp_path: Path) -> None:
    path = write(
        tmp_path / "bad.yaml",
        """
        entries:
          - id: belarus
            type: country
            sources: [https://de.wikipedia.org/wiki/Belarus]
            names:
              de:
                prefered: Belarus
        """,
    )
    out = run("glossary", "check", "--no-bundled", "--fail-on", "error", path)
    assert out.returncode == 2
    assert f"{path}:7:9: error [load] belarus: unknown field 'prefered'; did you mean 'preferred'?" in out.stdout
    assert out.stdout.splitlines()[-1].startswith("Found 1 error")


def test_check_example_that_does_not_fix_as_expected(tmp_path: Path) -> None:
    path = glossary(tmp_path, expect="Die Proteste in Weißrussland.")
    out = run("glossary", "check", "--no-bundled", path)
    assert out.returncode == 1
    lines = out.stdout.splitlines()
    assert lines[0] == (
        f"{path}:10:9: error [example] belarus: fixing the de example gives 'Die Proteste in Belarus.', "
        "expected 'Die Proteste in Weißrussland.'"
    )
    assert lines[-1] == "Found 1 error in 1 file."


@pytest.mark.parametrize(("fail_on", "code"), [("error", 0), ("warning", 1), ("info", 1)])
def test_check_fail_on(tmp_path: Path, fail_on: str, code: int) -> None:
    path = glossary(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace("[https://de.wikipedia.org/wiki/Belarus]", "[]"), "utf-8")
    out = run("glossary", "check", "--no-bundled", "--fail-on", fail_on, path)
    assert "warning [no-source] belarus" in out.stdout
    assert out.returncode == code


def test_check_github_format(tmp_path: Path) -> None:
    path = glossary(tmp_path, expect="Die Proteste in Weißrussland.")
    out = run("glossary", "check", "--no-bundled", "--format", "github", path)
    assert out.returncode == 1
    (line,) = out.stdout.splitlines()
    assert line.startswith(f"::error file={path},line=10,col=9,title=glossary example::belarus: fixing")


def test_check_json_format(tmp_path: Path) -> None:
    path = glossary(tmp_path, expect="Die Proteste in Weißrussland.")
    out = run("glossary", "check", "--no-bundled", "--format", "json", path)
    assert out.returncode == 1
    (d,) = json.loads(out.stdout)
    assert d == {
        "path": str(path),
        "line": 10,
        "column": 9,
        "severity": "error",
        "check": "example",
        "entry": "belarus",
        "message": "fixing the de example gives 'Die Proteste in Belarus.', expected 'Die Proteste in Weißrussland.'",
    }
    clean = run("glossary", "check", "--no-bundled", "--format", "json", glossary(tmp_path, name="ok.yaml"))
    assert (clean.returncode, json.loads(clean.stdout)) == (0, [])


def test_check_formats_are_the_renderers() -> None:
    from normalize.cli_glossary import CHECK_FORMATS
    from normalize.workflow import RENDERERS

    assert set(CHECK_FORMATS) == set(RENDERERS)


def test_check_a_missing_file_is_a_load_error(tmp_path: Path) -> None:
    out = run("glossary", "check", "--no-bundled", tmp_path / "nope.yaml")
    assert out.returncode == 2 and "error [load] cannot read file" in out.stdout


# --- glossary fmt ---------------------------------------------------------------------------------

MESSY = """
# Test glossary: countries
entries:
- names:
    de: {deprecated: [Weißrussland], preferred: Belarus}   # the German names
  id: belarus
  type: country
  sources: [ "https://de.wikipedia.org/wiki/Belarus" ]
- type: country
  id: armenia
  sources: [https://de.wikipedia.org/wiki/Armenien]
  names: {de: {preferred: Armenien}}
"""


def test_fmt_check_then_fmt_then_check(tmp_path: Path) -> None:
    path = write(tmp_path / "messy.yaml", MESSY)
    before = path.read_bytes()
    out = run("glossary", "fmt", "--check", path)
    assert out.returncode == 1
    assert out.stdout.splitlines()[0] == f"would reformat {path}"
    assert path.read_bytes() == before  # --check changes nothing

    out = run("glossary", "fmt", path)
    assert out.returncode == 0 and out.stdout.splitlines()[0] == f"reformatted {path}"
    text = path.read_text(encoding="utf-8")
    assert "# Test glossary: countries" in text and "# the German names" in text
    assert text.index("id: armenia") < text.index("id: belarus")
    assert [e.id for e in load_glossary(path, bundled=False).entries] == ["armenia", "belarus"]

    again = run("glossary", "fmt", "--check", path)
    assert (again.returncode, again.stdout) == (0, "1 file already formatted.\n")
    assert run("glossary", "fmt", path).returncode == 0 and path.read_text(encoding="utf-8") == text


def test_fmt_folder(tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", MESSY)
    run("glossary", "fmt", tmp_path)
    write(tmp_path / "b.yaml", MESSY.replace("armenia", "armenien").replace("belarus", "weissrussland"))
    out = run("glossary", "fmt", "--check", tmp_path)
    assert out.returncode == 1
    assert out.stdout.splitlines() == [f"would reformat {tmp_path / 'b.yaml'}", "1 of 2 files would be reformatted."]


def test_fmt_malformed_yaml_is_exit_2_with_position(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("entries:\n  - id: [\n", encoding="utf-8")
    good = write(tmp_path / "good.yaml", MESSY)
    out = run("glossary", "fmt", broken, good)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert out.stderr.splitlines() == [f"normalize: {broken}:3:1: malformed YAML: did not find expected node content"]
    assert broken.read_text(encoding="utf-8") == "entries:\n  - id: [\n"
    assert f"reformatted {good}" in out.stdout  # the other files are still formatted


# --- glossary diff --------------------------------------------------------------------------------


def git(repo: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_diff_two_git_revisions(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "glossaries").mkdir(parents=True)
    git(repo, "init", "-q")
    old = BELARUS.replace("        deprecated: [Weißrussland]\n", "").split("    examples:")[0]
    write(repo / "glossaries" / "g.yaml", old)
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "v1")
    glossary(repo / "glossaries")
    git(repo, "commit", "-q", "-a", "-m", "v2")

    out = run(
        "glossary", "diff", "git:HEAD~1:glossaries", "git:HEAD:glossaries",
        "--sample", "de", "Minsk liegt in Weißrussland.",
        cwd=repo,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == "## Glossary changes"
    assert "**0 added, 1 changed, 0 removed**; 2 sample sentences fixed differently." in lines
    assert "### `belarus` (changed)" in lines
    assert "| de | `Weißrussland` | — | deprecated → Belarus |" in lines
    assert "| de | `Minsk liegt in Weißrussland.` | `Minsk liegt in Weißrussland.` | `Minsk liegt in Belarus.` |" in lines

    # the working tree against a revision, and no change at all
    same = run("glossary", "diff", "git:HEAD:glossaries", "glossaries", cwd=repo)
    assert same.returncode == 0
    assert "No change to any entity" in same.stdout

    line = one_line_error(run("glossary", "diff", "git:nope:glossaries", "glossaries", cwd=repo))
    assert "nope" in line


def test_diff_errors_are_one_line(tmp_path: Path) -> None:
    path = glossary(tmp_path)
    assert one_line_error(run("glossary", "diff", tmp_path / "nope.yaml", path)).endswith("no such file or folder")
    assert "expected git:REV:PATH" in one_line_error(run("glossary", "diff", "git:HEAD", path))


# --- glossary export / import ---------------------------------------------------------------------


@needs_bundled
def test_export_import_round_trip(tmp_path: Path) -> None:
    tbx, back = tmp_path / "all.tbx", tmp_path / "back.yaml"
    out = run("glossary", "export", "--format", "tbx", "-o", tbx)
    assert out.returncode == 0, out.stderr
    assert ET.parse(tbx).getroot().tag == "{urn:iso:std:iso:30042:ed-2}tbx"
    out = run("glossary", "import", tbx, "-o", back)
    assert out.returncode == 0, out.stderr
    bundled = load_glossary()
    imported = load_glossary(back, bundled=False)
    assert [e.id for e in imported.entries] == [e.id for e in bundled.entries]
    assert back.read_text(encoding="utf-8").startswith("# Imported from all.tbx")
    # the imported file passes the check and is already in the canonical layout
    assert run("glossary", "check", "--no-bundled", "--fail-on", "error", back).returncode == 0
    assert run("glossary", "fmt", "--check", back).returncode == 0


def test_export_to_stdout_and_import_to_stdout(tmp_path: Path) -> None:
    path = glossary(tmp_path)
    out = run("glossary", "export", "--no-bundled", path)
    assert out.returncode == 0 and out.stdout.startswith("<?xml")
    tbx = tmp_path / "g.tbx"
    tbx.write_text(out.stdout, encoding="utf-8")
    back = run("glossary", "import", tbx)
    assert back.returncode == 0 and "  - id: belarus\n" in back.stdout
    copy = write(tmp_path / "copy.yaml", back.stdout)
    assert load_glossary(copy, bundled=False).entries[0].names == load_glossary(path, bundled=False).entries[0].names


def test_import_refuses_entity_bombs_and_non_tbx(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.tbx"
    bomb.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE tbx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>\n<tbx>&b;</tbx>\n',
        encoding="utf-8",
    )
    assert f"{bomb}: refused XML" in one_line_error(run("glossary", "import", bomb, "-o", tmp_path / "out.yaml"))
    assert not (tmp_path / "out.yaml").exists()
    other = tmp_path / "other.tbx"
    other.write_text("<foo/>", encoding="utf-8")
    assert "not a TBX document" in one_line_error(run("glossary", "import", other))
    assert "cannot read" in one_line_error(run("glossary", "import", tmp_path / "nope.tbx"))


def test_export_of_an_invalid_glossary_is_exit_2(tmp_path: Path) -> None:
    path = write(tmp_path / "bad.yaml", "entries:\n  - id: x\n    type: planet\n")
    out = run("glossary", "export", "--no-bundled", path)
    assert out.returncode == 2 and out.stdout == "" and "Traceback" not in out.stderr
    assert all(line.startswith(f"normalize: {path}:") for line in out.stderr.splitlines())


# --- lookup ---------------------------------------------------------------------------------------


@needs_bundled
def test_lookup_weissrussland_shows_belarus() -> None:
    out = run("lookup", "Weißrussland", "--lang", "de")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].startswith("belarus — Belarus (country")
    assert "  'Weißrussland' is de 'Weißrussland': deprecated → Belarus" in lines
    assert any(line.split() == ["Belarus", "preferred"] for line in lines)


def test_lookup_in_an_own_glossary(tmp_path: Path) -> None:
    path = glossary(tmp_path)
    out = run("lookup", "weissrussland", "--no-bundled", "--glossary", path)
    assert out.returncode == 0 and out.stdout.startswith("belarus — ")
    assert "  'weissrussland' is de 'Weißrussland': deprecated → Belarus\n" in out.stdout


def test_lookup_unknown_form_exits_1_with_suggestions(tmp_path: Path) -> None:
    path = glossary(tmp_path)
    out = run("lookup", "Weissrusland", "--no-bundled", "--glossary", path)
    assert out.returncode == 1
    assert out.stdout.splitlines() == [
        "'Weissrusland' is not in the glossary.",
        "Did you mean: 'Weißrussland' (de, belarus)?",
    ]
    nothing = run("lookup", "Qwxzy", "--no-bundled", "--glossary", path)
    assert (nothing.returncode, nothing.stdout) == (1, "'Qwxzy' is not in the glossary.\n")


# --- usage ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("glossary",),
        ("glossary", "check", "--no-bundled"),
        ("glossary", "check", "--format", "sarif"),
        ("glossary", "export", "--format", "csv"),
        ("glossary", "export", "--no-bundled"),
        ("glossary", "diff", "only-one"),
        ("lookup",),
        ("lookup", "Belarus", "--no-bundled"),
    ],
)
def test_usage_errors(args: tuple[str, ...]) -> None:
    one_line_error(run(*args))


def test_help_lists_the_commands() -> None:
    out = run("--help")
    assert out.returncode == 0 and "{lint,fix,glossary,lookup}" in out.stdout
    sub = run("glossary", "--help")
    assert sub.returncode == 0 and "{check,fmt,diff,export,import,suggest}" in sub.stdout


def test_lint_does_not_load_the_glossary_commands(tmp_path: Path) -> None:
    """Start-up time: ``normalize lint`` imports neither the glossary commands nor their libraries."""
    draft = tmp_path / "d.txt"
    draft.write_text("Die SOZ tagte.\n", encoding="utf-8")
    code = (
        "import sys; from normalize.cli import main; "
        f"main(['lint', {str(draft)!r}, '--lang', 'de', '--no-cache', '-q']); "
        "print(sorted(m for m in sys.modules if m.startswith(('normalize.cli_glossary', 'normalize.workflow', "
        "'ruamel', 'defusedxml'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout.splitlines()[-1] == "[]", out.stdout + out.stderr
