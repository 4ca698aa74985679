"""``normalize lint``: exit codes, text output, stdin, rule selection, folders, usage errors."""

from __future__ import annotations

from pathlib import Path

import pytest

import normalize

from .cli_support import GLOSSARY, OWN, lint, run

DRAFT = "Die GOS tagte in Weißrussland.\nDie OKSB auch.\n"


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "draft.txt"
    path.write_text(DRAFT, encoding="utf-8")
    return path


def test_text_output_is_compiler_like(draft: Path) -> None:
    out = lint(draft, "--lang", "de")
    assert out.returncode == 1
    lines = out.stdout.splitlines()
    assert lines[0] == (
        f"{draft}:1:5: error [mistranslation] 'GOS' is a known mistranslation for Shanghai Cooperation "
        "Organisation; write 'SOZ'. (→ SOZ)"
    )
    assert lines[1] == "    1 | Die GOS tagte in Weißrussland."
    assert lines[2] == "      |     ^^^"
    assert lines[3].startswith(f"{draft}:1:18: warning [variant] 'Weißrussland' is a deprecated")
    assert lines[5] == "      |                  " + "^" * len("Weißrussland")
    # no safe fix: no arrow
    assert lines[6].startswith(f"{draft}:2:5: error [mistranslation] 'OKSB'") and "→" not in lines[6]
    assert lines[-1] == "Found 3 problems (2 errors, 1 warning) in 1 file; 2 fixable with `normalize fix`."
    assert out.stderr == ""


def test_clean_file_exits_0(tmp_path: Path) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text("Die SOZ tagte in Belarus.\n", encoding="utf-8")
    out = lint(clean, "--lang", "de")
    assert (out.returncode, out.stdout) == (0, "No problems found in 1 file.\n")


@pytest.mark.parametrize(
    ("fail_on", "text", "code"),
    [
        ("warning", "Weißrussland", 1),
        ("error", "Weißrussland", 0),
        ("error", "GOS", 1),
        ("info", "Weißrussland", 1),
    ],
)
def test_fail_on(tmp_path: Path, fail_on: str, text: str, code: int) -> None:
    path = tmp_path / "d.txt"
    path.write_text(f"Die {text} tagte.\n", encoding="utf-8")
    assert lint(path, "--lang", "de", "--fail-on", fail_on).returncode == code


def test_info_findings_fail_only_with_fail_on_info(tmp_path: Path) -> None:
    path = tmp_path / "d.txt"
    path.write_text(
        "Die Shanghaier Organisation für Zusammenarbeit tagte.\nDie Schanghaier Organisation für Zusammenarbeit auch.\n",
        encoding="utf-8",
    )
    out = lint(path, "--lang", "de")
    assert out.returncode == 0
    assert f"{path}:2:5: info [inconsistent]" in out.stdout
    assert out.stdout.splitlines()[-1] == "Found 1 problem (1 info) in 1 file."
    assert lint(path, "--lang", "de", "--fail-on", "info").returncode == 1


def test_stdin(draft: Path) -> None:
    out = lint("-", "--lang", "de", "--quiet", input=DRAFT)
    assert out.returncode == 1
    assert out.stdout.splitlines()[0].startswith("-:1:5: error [mistranslation]")
    named = lint("-", "--lang", "de", "-q", "--stdin-filename", "notes/x.txt", input=DRAFT)
    assert named.stdout.splitlines()[0].startswith("notes/x.txt:1:5: error")


def test_quiet_prints_only_finding_lines(draft: Path) -> None:
    out = lint(draft, "--lang", "de", "--quiet")
    assert len(out.stdout.splitlines()) == 3
    assert all(line.startswith(str(draft)) for line in out.stdout.splitlines())


def test_select_and_ignore(draft: Path) -> None:
    only = lint(draft, "--lang", "de", "-q", "--select", "variant")
    assert [line.split()[2] for line in only.stdout.splitlines()] == ["[variant]"]
    assert only.returncode == 1
    rest = lint(draft, "--lang", "de", "-q", "--ignore", "variant,foreign-form", "--ignore", "duplicated-gloss")
    assert [line.split()[2] for line in rest.stdout.splitlines()] == ["[mistranslation]"] * 2
    none = lint(draft, "--lang", "de", "--ignore", "variant", "--ignore", "mistranslation")
    assert none.returncode == 0


def test_unknown_rule_is_a_usage_error(draft: Path) -> None:
    out = lint(draft, "--lang", "de", "--select", "varient")
    assert out.returncode == 2
    assert out.stdout == ""
    assert out.stderr.strip().splitlines() == [out.stderr.strip()]
    assert "unknown rule 'varient'" in out.stderr


def test_usage_errors_are_one_line_exit_2(draft: Path) -> None:
    for args in (["lint"], ["lint", draft, "--format", "xml"], ["frobnicate"], ["lint", draft, "--fail-on", "x"]):
        out = run(*args)
        assert out.returncode == 2, args
        assert len(out.stderr.strip().splitlines()) == 1, out.stderr
        assert "Traceback" not in out.stderr


def test_missing_language_is_exit_2(draft: Path) -> None:
    out = lint(draft, cwd=draft.parent)
    assert out.returncode == 2
    assert "draft.txt: no language" in out.stderr and "--lang" in out.stderr


def test_missing_file_exit_2_others_still_linted(draft: Path, tmp_path: Path) -> None:
    out = lint(tmp_path / "nope.txt", draft, "--lang", "de", "-q")
    assert out.returncode == 2
    assert out.stderr.strip() == f"normalize: {tmp_path / 'nope.txt'}: no such file"
    assert len(out.stdout.splitlines()) == 3


def test_version() -> None:
    out = run("--version")
    assert (out.returncode, out.stdout.strip()) == (0, f"normalize {normalize.__version__}")


def test_console_script_matches_module(draft: Path) -> None:
    import shutil
    import subprocess
    import sys

    script = Path(sys.executable).parent / "normalize"
    if not script.exists():
        found = shutil.which("normalize")
        if found is None:
            pytest.skip("the normalize console script is not installed in this environment")
        script = Path(found)
    a = subprocess.run([script, "lint", *OWN, "--lang", "de", draft], capture_output=True, text=True)
    b = lint(draft, "--lang", "de")
    assert (a.returncode, a.stdout) == (b.returncode, b.stdout)


def test_folders_include_exclude(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("Die GOS.\n", encoding="utf-8")
    (tmp_path / "a" / "two.md").write_text("Die GOS.\n", encoding="utf-8")
    (tmp_path / "a" / "skip.py").write_text("# Die GOS.\n", encoding="utf-8")
    (tmp_path / "a" / "old").mkdir()
    (tmp_path / "a" / "old" / "three.txt").write_text("Die GOS.\n", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("Die GOS.\n", encoding="utf-8")

    def files(*args: str) -> list[str]:
        out = lint(".", "--lang", "de", "-q", *args, cwd=tmp_path)
        return [line.split(":")[0] for line in out.stdout.splitlines()]

    assert files() == ["./a/old/three.txt", "./a/one.txt", "./a/two.md"]
    assert files("--include", "*.md") == ["./a/two.md"]
    assert files("--exclude", "old") == ["./a/one.txt", "./a/two.md"]
    assert files("--exclude", "a/old/**", "--exclude", "*.md") == ["./a/one.txt"]
    assert files("--include", "**/*.py") == ["./a/skip.py"]


def test_explicit_file_is_linted_whatever_its_extension(tmp_path: Path) -> None:
    path = tmp_path / "notes.rst"
    path.write_text("Die GOS.\n", encoding="utf-8")
    assert lint(path, "--lang", "de").returncode == 1


def test_empty_folder(tmp_path: Path) -> None:
    out = lint(tmp_path, "--lang", "de")
    assert out.returncode == 0
    assert "No problems found in 0 files." in out.stdout
    assert out.stderr == f"normalize: warning: no files to check in {tmp_path}\n"


def test_color(draft: Path) -> None:
    plain = lint(draft, "--lang", "de")
    assert "\033[" not in plain.stdout  # not a terminal
    forced = lint(draft, "--lang", "de", "--color", "always", env={"NO_COLOR": "1"})
    assert "\033[1;31merror\033[0m" in forced.stdout
    assert "\033[" not in lint(draft, "--lang", "de", "--color", "never").stdout


def test_color_auto_on_a_terminal_honours_no_color(draft: Path) -> None:
    pty = pytest.importorskip("pty")
    import os
    import subprocess
    import sys

    def on_tty(env: dict[str, str]) -> str:
        leader, follower = pty.openpty()
        full = {k: v for k, v in os.environ.items() if k != "NO_COLOR"} | env
        command = [sys.executable, "-m", "normalize", "lint", *OWN, "--lang", "de", str(draft)]
        proc = subprocess.run(command, stdout=follower, stderr=subprocess.DEVNULL, env=full, timeout=60)
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        os.close(leader)
        assert proc.returncode == 1
        return b"".join(chunks).decode()

    assert "\033[" in on_tty({})
    assert "\033[" not in on_tty({"NO_COLOR": "1"})


def test_glossary_flag_adds_to_bundled(tmp_path: Path) -> None:
    """--glossary without --no-bundled loads both (an own entry id replaces a bundled one)."""
    path = tmp_path / "d.txt"
    path.write_text("Die OKSB tagte.\n", encoding="utf-8")
    out = run("lint", "--glossary", GLOSSARY, "--lang", "de", "-q", path)
    if out.returncode == 2 and "glossaries" in out.stderr:
        pytest.skip(f"the bundled glossaries do not load right now: {out.stderr.splitlines()[0]}")
    assert "OKSB" in out.stdout
