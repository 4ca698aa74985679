"""The pre-commit hooks, installed by ``pre-commit try-repo`` into a throwaway repository."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .cli_support import GLOSSARY

ROOT = Path(__file__).resolve().parent.parent


def test_hooks_with_try_repo(tmp_path: Path) -> None:
    if importlib.util.find_spec("pre_commit") is None:
        pytest.skip("pre-commit is not installed (it is in the 'test' extra: pip install '.[test]')")
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout of normalize")
    repo = tmp_path / "newsroom"
    repo.mkdir()
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "GIT_AUTHOR_NAME": "test",
        "GIT_AUTHOR_EMAIL": "test@example.invalid",
        "GIT_COMMITTER_NAME": "test",
        "GIT_COMMITTER_EMAIL": "test@example.invalid",
        "NORMALIZE_CACHE_DIR": str(tmp_path / "cache"),
    }
    env.pop("NO_COLOR", None)

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)

    git("init", "-q", ".")
    (repo / ".normalize.toml").write_text(
        f'lang = "de"\nbundled = false\nglossaries = ["{GLOSSARY}"]\n', encoding="utf-8"
    )
    (repo / "draft.md").write_text("# Die GOS\n\nDie GOS und die OKSB tagten. `GOS`\n", encoding="utf-8")
    (repo / "notes.txt").write_text("Weißrussland\n", encoding="utf-8")
    (repo / "script.py").write_text("print('GOS')\n", encoding="utf-8")  # not a draft: never touched
    git("add", ".")
    out = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "--all-files", "--color", "never"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    log = out.stdout + out.stderr
    assert out.returncode == 1, log
    assert "normalize fix (names in drafts)" in log and "files were modified by this hook" in log
    assert "normalize (names in drafts)" in log
    assert "OKSB" in log  # left for a person: reported by both hooks
    assert (repo / "draft.md").read_text(encoding="utf-8") == "# Die SOZ\n\nDie SOZ und die OKSB tagten. `GOS`\n"
    assert (repo / "notes.txt").read_text(encoding="utf-8") == "Belarus\n"
    assert (repo / "script.py").read_text(encoding="utf-8") == "print('GOS')\n"
