"""Many files: worker processes give the same output, in the same order, as one process."""

from __future__ import annotations

from pathlib import Path

import pytest

from normalize.runner import Progress

from .cli_support import fix, lint

TEXTS = ["Die GOS tagte.\n", "Weißrussland und Vladimir Putin.\n", "Nichts.\n", "Wang Yi (Wang I) und OKSB.\n"]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    filler = "Die Sitzung dauerte bis in den Abend.\n" * 600  # 22 KB: 16 such files make the run large
    for i in range(48):
        (tmp_path / f"d{i:02}.txt").write_text(TEXTS[i % 4] + filler * (i % 3 == 0), encoding="utf-8")
    (tmp_path / "broken.txt").write_bytes(b"\xff\xfe GOS")
    return tmp_path


def test_parallel_output_equals_sequential(folder: Path) -> None:
    one = lint(folder, "--lang", "de", "--format", "json", "-j", "1")
    auto = lint(folder, "--lang", "de", "--format", "json")  # > 256 KB: worker processes
    two = lint(folder, "--lang", "de", "--format", "json", "-j", "2")
    assert one.returncode == auto.returncode == two.returncode == 2  # broken.txt
    assert one.stdout == auto.stdout == two.stdout
    assert (
        one.stderr
        == auto.stderr
        == two.stderr
        == f"normalize: {folder / 'broken.txt'}:1: not valid UTF-8 (byte 0xff); not linted\n"
    )


def test_parallel_fix_in_place(folder: Path, tmp_path: Path) -> None:
    out = fix(folder, "--lang", "de", "--in-place", "-j", "2", "-q")
    assert out.returncode == 2
    assert all("GOS" not in p.read_text(encoding="utf-8") for p in folder.glob("d*.txt"))
    assert fix(folder, "--lang", "de", "--check", "-j", "2").stdout == ""


def test_progress_bar_draws_late_and_erases(capsys: pytest.CaptureFixture[str]) -> None:
    now = [0.0]
    bar = Progress(4, clock=lambda: now[0])
    bar.step()
    assert capsys.readouterr().err == ""  # the first second: nothing
    now[0] = 1.5
    bar.step()
    assert capsys.readouterr().err == "\r" + "█" * 15 + "░" * 15 + " 2/4 files"
    now[0] = 1.55
    bar.step()
    assert capsys.readouterr().err == ""  # at most ten times a second
    now[0] = 1.6
    bar.step()
    assert capsys.readouterr().err.endswith(" 4/4 files")
    bar.close()
    assert capsys.readouterr().err == "\r\033[K"
