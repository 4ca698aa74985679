"""``normalize fix``: stdout, --diff, --check, --in-place keeping every byte that is not fixed."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from .cli_support import GLOSSARY, OWN, fix, lint, run, run_bytes

BOM = b"\xef\xbb\xbf"
DRAFT = "Die GOS tagte in Weißrussland.\nVladimir Putin traf Wang Yi (Wang I).\nDie OKSB auch.\n"
FIXED = "Die SOZ tagte in Belarus.\nWladimir Putin traf Wang Yi.\nDie OKSB auch.\n"


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "draft.txt"
    path.write_text(DRAFT, encoding="utf-8")
    return path


def test_fix_prints_the_fixed_text_and_reports_the_rest(draft: Path) -> None:
    out = fix(draft, "--lang", "de")
    assert out.stdout == FIXED
    assert draft.read_text(encoding="utf-8") == DRAFT  # untouched
    assert out.returncode == 1  # OKSB is left, and it is an error
    assert "OKSB" in out.stderr and "GOS" not in out.stderr
    assert fix(draft, "--lang", "de", "--ignore", "mistranslation").returncode == 0


def test_fix_stdin_keeps_bom_and_crlf() -> None:
    data = BOM + DRAFT.replace("\n", "\r\n").encode()
    out = run_bytes("fix", *OWN, "--lang", "de", "-", input=data)
    assert out.stdout == BOM + FIXED.replace("\n", "\r\n").encode()


def test_fix_needs_one_file_without_diff_or_in_place(draft: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text("x\n", encoding="utf-8")
    out = fix(draft, other, "--lang", "de")
    assert out.returncode == 2
    assert "--diff, --in-place or --check" in out.stderr


def test_diff(draft: Path) -> None:
    out = fix(draft, "--lang", "de", "--diff")
    assert out.stdout.splitlines() == [
        f"--- {draft}",
        f"+++ {draft}",
        "@@ -1,3 +1,3 @@",
        "-Die GOS tagte in Weißrussland.",
        "-Vladimir Putin traf Wang Yi (Wang I).",
        "+Die SOZ tagte in Belarus.",
        "+Wladimir Putin traf Wang Yi.",
        " Die OKSB auch.",
    ]
    assert draft.read_text(encoding="utf-8") == DRAFT
    assert out.returncode == 1  # OKSB left
    assert "OKSB" in out.stderr


def test_diff_applies_with_patch(draft: Path, tmp_path: Path) -> None:
    import shutil
    import subprocess

    if shutil.which("patch") is None:
        pytest.skip("patch(1) is not installed")
    draft.write_bytes(b"Erste Zeile\r\nDie GOS.\r\nohne Ende GOS")
    diff = run_bytes("fix", *OWN, "--lang", "de", "--diff", "draft.txt", cwd=tmp_path).stdout
    assert b"\\ No newline at end of file" in diff
    subprocess.run(["patch", "-p0", "--binary", "-s"], input=diff, cwd=tmp_path, check=True)
    assert draft.read_bytes() == b"Erste Zeile\r\nDie SOZ.\r\nohne Ende SOZ"


def test_check(draft: Path, tmp_path: Path) -> None:
    out = fix(draft, "--lang", "de", "--check")
    assert out.returncode == 1
    assert out.stdout == f"Would fix 4 problems in {draft}\n"
    assert draft.read_text(encoding="utf-8") == DRAFT
    clean = tmp_path / "clean.txt"
    clean.write_text("Die OKSB.\n", encoding="utf-8")  # a finding, but nothing to fix
    assert fix(clean, "--lang", "de", "--check").returncode == 0
    both = fix(draft, "--lang", "de", "--check", "--diff")
    assert both.returncode == 1 and both.stdout.startswith(f"--- {draft}")
    assert fix(draft, "--lang", "de", "--check", "--in-place").returncode == 2


def test_in_place_reports_what_is_left(draft: Path) -> None:
    out = fix(draft, "--lang", "de", "--in-place")
    assert draft.read_text(encoding="utf-8") == FIXED
    assert out.returncode == 1
    assert out.stdout.splitlines()[0].startswith(f"{draft}:3:5: error [mistranslation] 'OKSB'")
    assert out.stdout.splitlines()[-1] == "Fixed 4 problems; 1 problem (1 error) left in 1 file."


def test_in_place_is_idempotent(draft: Path) -> None:
    fix(draft, "--lang", "de", "--in-place")
    first = draft.read_bytes()
    second = fix(draft, "--lang", "de", "--in-place")
    assert draft.read_bytes() == first
    assert "Fixed 0 problems" in second.stdout
    assert fix(draft, "--lang", "de", "--check").returncode == 0


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (BOM + b"Die GOS.\r\nUnd GOS.\r\n", BOM + b"Die SOZ.\r\nUnd SOZ.\r\n"),
        (b"Die GOS.\r\nUnd GOS.", b"Die SOZ.\r\nUnd SOZ."),  # no final newline
        (b"Die GOS.\nUnd GOS.\r\nDrei GOS.\r", b"Die SOZ.\nUnd SOZ.\r\nDrei SOZ.\r"),  # mixed endings
        (BOM + b"Die GOS.", BOM + b"Die SOZ."),
        ("Zeile\u2028Die GOS.\x0c\n".encode(), "Zeile\u2028Die SOZ.\x0c\n".encode()),
    ],
)
def test_in_place_keeps_bytes(tmp_path: Path, before: bytes, after: bytes) -> None:
    path = tmp_path / "d.txt"
    path.write_bytes(before)
    out = fix(path, "--lang", "de", "--in-place")
    assert out.returncode == 0, out.stderr
    assert path.read_bytes() == after


def test_in_place_keeps_permissions_and_links(tmp_path: Path) -> None:
    path = tmp_path / "d.txt"
    path.write_text("Die GOS.\n", encoding="utf-8")
    path.chmod(0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(path)
    fix(link, "--lang", "de", "--in-place")
    assert link.is_symlink()
    assert path.read_text(encoding="utf-8") == "Die SOZ.\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.txt", "link.txt"]  # no temporary file left


def test_unchanged_files_are_not_rewritten(tmp_path: Path) -> None:
    path = tmp_path / "d.txt"
    path.write_text("Die SOZ.\n", encoding="utf-8")
    os.utime(path, (1_000_000, 1_000_000))
    fix(path, "--lang", "de", "--in-place")
    assert path.stat().st_mtime == 1_000_000


def test_binary_and_undecodable_input(tmp_path: Path, draft: Path) -> None:
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Zeile\nDie GOS in Weißrussland.\n".encode("latin-1"))
    out = fix(binary, latin1, draft, "--lang", "de", "--in-place")
    assert out.returncode == 2
    assert out.stderr.splitlines() == [
        f"normalize: {binary}: binary file (contains NUL bytes); not linted",
        f"normalize: {latin1}:2: not valid UTF-8 (byte 0xdf); not linted",
    ]
    assert "Traceback" not in out.stderr
    assert draft.read_text(encoding="utf-8") == FIXED  # the good file is still fixed
    assert latin1.read_bytes() == "Zeile\nDie GOS in Weißrussland.\n".encode("latin-1")
    assert lint(binary, "--lang", "de").returncode == 2


def test_bad_glossary_exit_2_with_file_and_line(tmp_path: Path, draft: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("entries:\n  - id: x\n    type: persn\n", encoding="utf-8")
    for args in (["lint"], ["fix", "--in-place"]):
        out = run(*args, "--no-bundled", "--glossary", bad, "--lang", "de", draft)
        assert out.returncode == 2
        assert out.stdout == ""
        assert "Traceback" not in out.stderr
        lines = out.stderr.splitlines()
        assert all(line.startswith(f"normalize: {bad}:") for line in lines), lines
        assert any(line.startswith(f"normalize: {bad}:3:") and "persn" in line for line in lines), lines
    assert draft.read_text(encoding="utf-8") == DRAFT  # nothing written
    broken = tmp_path / "broken.yaml"
    broken.write_text("entries:\n  - id: [unclosed\n", encoding="utf-8")
    out = run("lint", "--no-bundled", "--glossary", broken, "--lang", "de", draft)
    assert out.returncode == 2 and out.stderr.startswith(f"normalize: {broken}:")
    missing = run("lint", "--no-bundled", "--glossary", tmp_path / "nope.yaml", "--lang", "de", draft)
    assert missing.returncode == 2 and "nope.yaml" in missing.stderr


def test_glossary_given_twice_and_config_glossary(tmp_path: Path, draft: Path) -> None:
    out = run("fix", "--no-bundled", "--glossary", GLOSSARY, "--glossary", GLOSSARY, "--lang", "de", draft)
    assert out.returncode == 2  # the same ids twice are a glossary problem, reported like any other
    assert "Traceback" not in out.stderr


def test_killed_run_leaves_every_file_whole(tmp_path: Path) -> None:
    """SIGKILL in the middle of --in-place: each draft is as it was or fully fixed, never half."""
    import signal
    import subprocess
    import sys
    import time

    before, after = "Die GOS tagte in Weißrussland.\n" * 300, "Die SOZ tagte in Belarus.\n" * 300
    folder = tmp_path / "drafts"
    folder.mkdir()
    for i in range(200):
        (folder / f"d{i:03}.txt").write_text(before, encoding="utf-8")
    env = {**os.environ, "NORMALIZE_CACHE_DIR": str(tmp_path / "cache")}
    command = [sys.executable, "-m", "normalize", "fix", *OWN, "--lang", "de", "--in-place", "-q", "-j", "1", folder]
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if (folder / "d005.txt").read_text(encoding="utf-8") == after:
            break
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    contents = {p.name: p.read_text(encoding="utf-8") for p in folder.iterdir() if not p.name.startswith(".")}
    assert len(contents) == 200
    assert set(contents.values()) <= {before, after}
    assert after in contents.values()
    leftovers = [p.name for p in folder.iterdir() if p.name.startswith(".")]
    assert all(name.endswith(".normalize") for name in leftovers)  # at most a temporary file, never a draft
