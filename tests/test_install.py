"""The installed package works from any directory, with its bundled glossaries."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .conftest import ROOT


def test_library_from_another_directory(tmp_path: Path) -> None:
    seed = (ROOT / "seeds" / "000_e7706126799bb1c7.txt").resolve()
    code = (
        "import normalize, sys; "
        f"t = open({str(seed)!r}, encoding='utf-8').read(); "
        "fs = normalize.lint(t, lang='de'); "
        "print(normalize.__file__); print(sum(f.rule == 'mistranslation' for f in fs))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    lines = out.stdout.splitlines()
    assert lines[-1] == "4", out
