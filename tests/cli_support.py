"""Helpers for the command-line tests: run ``python -m normalize`` as a subprocess."""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

DATA = Path(__file__).parent / "data"
GLOSSARY = DATA / "cli.yaml"
#: Options that make a run independent of the bundled glossaries (which curators keep changing).
OWN = ("--no-bundled", "--glossary", str(GLOSSARY))
#: The glossary cache of the test runs, never the user's own.
CACHE = Path(tempfile.mkdtemp(prefix="normalize-test-cache-"))
atexit.register(shutil.rmtree, CACHE, True)


def run_bytes(
    *args: str | Path, cwd: Path | None = None, input: bytes | None = None, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m normalize ARGS``; output stays bytes."""
    full_env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    full_env["NORMALIZE_CACHE_DIR"] = str(CACHE)
    full_env.update(env or {})
    command = [sys.executable, "-m", "normalize", *map(str, args)]
    return subprocess.run(command, cwd=cwd, input=input, capture_output=True, env=full_env, timeout=120)


def run(
    *args: str | Path, cwd: Path | None = None, input: str | None = None, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Like :func:`run_bytes`, with stdin, stdout and stderr as UTF-8 text."""
    proc = run_bytes(*args, cwd=cwd, input=None if input is None else input.encode(), env=env)
    return subprocess.CompletedProcess(proc.args, proc.returncode, proc.stdout.decode(), proc.stderr.decode())


def lint(*args: str | Path, **kwargs: object) -> subprocess.CompletedProcess[str]:
    """``normalize lint ARGS`` with the test glossary only."""
    return run("lint", *OWN, *args, **kwargs)  # type: ignore[arg-type]


def fix(*args: str | Path, **kwargs: object) -> subprocess.CompletedProcess[str]:
    """``normalize fix ARGS`` with the test glossary only."""
    return run("fix", *OWN, *args, **kwargs)  # type: ignore[arg-type]
