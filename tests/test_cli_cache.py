"""The compiled-glossary cache: warm runs parse no YAML; stale, corrupt or shared caches are safe."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .cli_support import GLOSSARY

DRAFT = "Die GOS tagte.\n"


def _run(cache: Path, glossary: Path, draft: Path, *, forbid_yaml: bool = False) -> subprocess.CompletedProcess[str]:
    """``normalize lint`` in a subprocess; with ``forbid_yaml`` the loader's parser raises."""
    args = ["lint", "--no-bundled", "--glossary", str(glossary), "--lang", "de", "-q", str(draft)]
    code = "import sys\n"
    if forbid_yaml:
        code += (
            "import normalize.loader as loader\n"
            "def parse(*args, **kwargs):\n"
            "    raise SystemExit('YAML was parsed')\n"
            "loader.parse_file = loader.parse_text = parse\n"
        )
    code += f"from normalize.cli import main\nsys.exit(main({args!r}))\n"
    env = {**os.environ, "NORMALIZE_CACHE_DIR": str(cache)}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, Path, Path]:
    glossary = tmp_path / "g.yaml"
    glossary.write_bytes(GLOSSARY.read_bytes())
    draft = tmp_path / "d.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    return tmp_path / "cache", glossary, draft


def test_warm_run_parses_no_yaml(setup: tuple[Path, Path, Path]) -> None:
    cache, glossary, draft = setup
    assert _run(cache, glossary, draft, forbid_yaml=True).stderr.strip() == "YAML was parsed"  # cold
    cold = _run(cache, glossary, draft)
    assert cold.returncode == 1 and "GOS" in cold.stdout
    assert len(list(cache.glob("glossary-*.pickle"))) == 1
    warm = _run(cache, glossary, draft, forbid_yaml=True)
    assert (warm.returncode, warm.stdout, warm.stderr) == (cold.returncode, cold.stdout, "")


def test_edited_glossary_is_not_served_stale(setup: tuple[Path, Path, Path]) -> None:
    cache, glossary, draft = setup
    assert _run(cache, glossary, draft).returncode == 1
    glossary.write_text(glossary.read_text(encoding="utf-8").replace("form: GOS", "form: GUS"), encoding="utf-8")
    out = _run(cache, glossary, draft)
    assert (out.returncode, out.stdout) == (0, "")


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "wrong-object"])
def test_corrupt_cache_is_rebuilt(setup: tuple[Path, Path, Path], damage: str) -> None:
    cache, glossary, draft = setup
    good = _run(cache, glossary, draft)
    (entry,) = cache.glob("glossary-*.pickle")
    data = entry.read_bytes()
    if damage == "garbage":
        entry.write_bytes(os.urandom(len(data)))
    elif damage == "truncated":
        entry.write_bytes(data[: len(data) // 2])
    elif damage == "empty":
        entry.write_bytes(b"")
    else:
        import pickle

        header = data[: data.index(b"\n", data.index(b"\n") + 1) + 1]
        entry.write_bytes(header + pickle.dumps({"not": "a glossary"}))
    damaged = entry.read_bytes()
    out = _run(cache, glossary, draft)
    assert (out.returncode, out.stdout, out.stderr) == (good.returncode, good.stdout, "")
    assert entry.read_bytes() != damaged  # rebuilt: the next run needs no YAML
    assert _run(cache, glossary, draft, forbid_yaml=True).stdout == good.stdout


def test_unwritable_cache_only_costs_time(setup: tuple[Path, Path, Path]) -> None:
    cache, glossary, draft = setup
    cache.write_text("a file where the folder should be", encoding="utf-8")
    out = _run(cache, glossary, draft)
    assert out.returncode == 1 and out.stderr == ""


def test_concurrent_cold_runs(setup: tuple[Path, Path, Path]) -> None:
    cache, glossary, draft = setup
    args = ["lint", "--no-bundled", "--glossary", str(glossary), "--lang", "de", "-q", str(draft)]
    env = {**os.environ, "NORMALIZE_CACHE_DIR": str(cache)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "normalize", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
        )
        for _ in range(6)
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert {p.returncode for p in procs} == {1}
    assert len({o for o, _ in outputs}) == 1 and all(e == b"" for _, e in outputs)
    assert len(list(cache.glob("glossary-*.pickle"))) == 1
    assert not [p for p in cache.iterdir() if not p.name.endswith(".pickle")]  # no temporary files left


def test_no_cache_flag(setup: tuple[Path, Path, Path]) -> None:
    cache, glossary, draft = setup
    env = {**os.environ, "NORMALIZE_CACHE_DIR": str(cache)}
    args = ["lint", "--no-cache", "--no-bundled", "--glossary", str(glossary), "--lang", "de", str(draft)]
    out = subprocess.run([sys.executable, "-m", "normalize", *args], capture_output=True, env=env, timeout=120)
    assert out.returncode == 1
    assert not cache.exists()


def test_cached_glossary_equals_a_fresh_one(tmp_path: Path) -> None:
    """The cache's own pickling (constructor calls) rebuilds exactly the loaded glossary."""
    code = f"""
import normalize
from normalize import cache
fresh = normalize.load_glossary({str(GLOSSARY)!r})
cold = cache.load([{str(GLOSSARY)!r}])
warm = cache.load([{str(GLOSSARY)!r}])
assert warm is not cold
assert warm.entries == fresh.entries == cold.entries
assert warm.matcher.keys == fresh.matcher.keys
text = open({str(Path(__file__).parent.parent / "seeds" / "000_e7706126799bb1c7.txt")!r}, encoding="utf-8").read()
assert normalize.lint(text, "de", warm) == normalize.lint(text, "de", fresh)
print("ok")
"""
    env = {**os.environ, "NORMALIZE_CACHE_DIR": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    if "GlossaryError" in out.stderr:
        pytest.skip("the bundled glossaries do not load right now")
    assert out.stdout.strip() == "ok", out.stderr


def test_configuration_is_memoised_without_tomllib(tmp_path: Path) -> None:
    """A second run with the same .normalize.toml neither imports tomllib nor trusts a damaged memo."""
    (tmp_path / ".normalize.toml").write_text(
        f'lang = "de"\nbundled = false\nglossaries = ["{GLOSSARY}"]\n', encoding="utf-8"
    )
    (tmp_path / "d.txt").write_text(DRAFT, encoding="utf-8")
    env = {**os.environ, "NORMALIZE_CACHE_DIR": str(tmp_path / "cache")}

    def imports() -> str:
        command = [sys.executable, "-X", "importtime", "-m", "normalize", "lint", "-q", "d.txt"]
        out = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, env=env, timeout=120)
        assert out.returncode == 1 and "GOS" in out.stdout
        return out.stderr

    assert "tomllib" in imports() or sys.version_info < (3, 11)
    assert "toml" not in imports().replace(".normalize.toml", "")
    (memo,) = (tmp_path / "cache").glob("toml-*.pickle")
    memo.write_bytes(b"garbage")
    imports()  # parsed again
    assert "toml" not in imports().replace(".normalize.toml", "")
