"""The cache's layout: what the key covers, the lazy tables, and files of another layout version."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

import normalize
from normalize import cache, loader

from .cli_support import GLOSSARY, lint

DRAFT = "Die GOS tagte mit Weißrussland und Wladimir Putin.\n"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("NORMALIZE_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _cached(folder: Path) -> Path:
    (entry,) = folder.glob("glossary-*.pickle")
    return entry


def test_warm_load_equals_fresh_and_loads_lazily(folder: Path) -> None:
    cold = cache.load([str(GLOSSARY)], bundled=False)
    warm = cache.load([str(GLOSSARY)], bundled=False)
    fresh = normalize.load_glossary(GLOSSARY, bundled=False)
    assert type(cold.matcher.keys) is tuple and isinstance(warm.matcher.keys, cache.LazyTuple)
    assert warm.entries == fresh.entries == cold.entries
    assert warm.matcher.keys == fresh.matcher.keys and fresh.matcher.keys == warm.matcher.keys
    assert warm.matcher.near.keys == fresh.matcher.near.keys
    assert normalize.lint(DRAFT, "de", warm) == normalize.lint(DRAFT, "de", fresh)

    again = cache.load([str(GLOSSARY)], bundled=False)
    keys = again.matcher.keys
    assert isinstance(keys, cache.LazyTuple) and all(item is cache._MISSING for item in keys._items)
    found = normalize.lint(DRAFT, "de", again)
    loaded = [i for i, item in enumerate(keys._items) if item is not cache._MISSING]
    assert found == normalize.lint(DRAFT, "de", fresh)
    assert 0 < len(loaded) < len(keys) / 4  # only the keys the draft hits were unpickled
    assert pickle.loads(pickle.dumps(again)).matcher.keys == fresh.matcher.keys  # workers get plain tuples


def test_entries_and_near_keys_load_lazily(folder: Path) -> None:
    """A warm lint unpickles only the entries its findings name and the near-miss keys its words are
    close to; ``entry(id)`` finds them through the stored positions."""
    fresh = normalize.load_glossary(GLOSSARY, bundled=False)
    cache.load([str(GLOSSARY)], bundled=False)
    warm = cache.load([str(GLOSSARY)], bundled=False)
    entries, near = warm.entries, warm.matcher.near.keys
    assert isinstance(entries, cache.LazyTuple) and isinstance(near, cache.LazyTuple)
    text = DRAFT + "Waldimir Putin sprach.\n"
    found = normalize.lint(text, "de", warm)
    assert found == normalize.lint(text, "de", fresh) and any(f.rule == "near-miss" for f in found)
    named = {f.entry for f in found if f.entry}
    assert sum(item is not cache._MISSING for item in entries._items) <= len(named) < len(entries)
    assert 0 < sum(item is not cache._MISSING for item in near._items) < len(near) / 4
    assert [warm.entry(e.id) for e in fresh.entries] == list(fresh.entries) and warm.entry("nobody") is None
    assert warm.entries + () == fresh.entries and () + warm.entries == fresh.entries
    plain = pickle.loads(pickle.dumps(warm))  # what a spawned worker gets
    assert type(plain.entries) is tuple and plain.entry(fresh.entries[0].id) == fresh.entries[0]


def test_lazy_tuple_behaves_like_its_tuple() -> None:
    items = ("a", ("b", 2), None, 4.5)
    lazy = cache.LazyTuple(tuple(pickle.dumps(item) for item in items))
    assert len(lazy) == 4 and lazy[1] == ("b", 2) and lazy[-1] == 4.5
    assert [i for i, item in enumerate(lazy._items) if item is not cache._MISSING] == [1, 3]
    assert lazy[1:3] == (("b", 2), None) and lazy[::-1] == items[::-1]
    assert lazy == items and items == lazy and lazy != items[:3] and lazy != list(items)
    assert hash(lazy) == hash(items) and list(lazy) == list(items) and ("b", 2) in lazy
    copy = pickle.loads(pickle.dumps(lazy))
    assert type(copy) is tuple and copy == items
    with pytest.raises(IndexError):
        lazy[4]


def test_file_of_another_layout_is_not_read(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache.load([str(GLOSSARY)], bundled=False)
    entry = _cached(folder)
    key = cache._key([str(GLOSSARY)], False)
    assert key is not None and cache._read(key) is not None
    data = entry.read_bytes()
    assert data.startswith(f"normalize-glossary-cache {cache.LAYOUT}\n".encode())
    older = data.replace(f"cache {cache.LAYOUT}\n".encode(), f"cache {cache.LAYOUT - 1}\n".encode(), 1)
    entry.write_bytes(older)
    assert cache._read(key) is None  # same name, other layout: rebuilt, never misread
    rebuilt = cache.load([str(GLOSSARY)], bundled=False)
    assert rebuilt.entries == normalize.load_glossary(GLOSSARY, bundled=False).entries
    assert _cached(folder).read_bytes() != older
    monkeypatch.setattr(cache, "LAYOUT", cache.LAYOUT + 1)
    assert cache._key([str(GLOSSARY)], False) != key  # a new layout never even opens the old files


def test_key_covers_every_module_and_glossary_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "pkg"
    for name in ("a.py", "sub/b.py", "sub/deeper/c.py", "__pycache__/d.py", "glossaries/e.py", "notes.txt"):
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text("x = 1\n", encoding="utf-8")
    assert [name for name, _ in cache._modules(str(package))] == ["a.py", "sub/b.py", "sub/deeper/c.py"]
    names = [name for name, _ in cache._modules(os.path.dirname(cache.__file__))]
    assert {"cache.py", "checks/terms.py", "report/text.py"} <= set(names)

    glossary = tmp_path / "g.yaml"
    glossary.write_bytes(GLOSSARY.read_bytes())
    before = cache._key([str(glossary)], False)
    stat = os.stat(glossary)
    glossary.write_bytes(GLOSSARY.read_bytes().replace(b"form: GOS", b"form: GUS"))
    os.utime(glossary, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size, same time: the bytes decide
    edited = cache._key([str(glossary)], False)
    assert edited not in (before, None)
    stats = [(name, SimpleNamespace(st_size=s.st_size, st_mtime_ns=s.st_mtime_ns)) for name, s in
             cache._modules(os.path.dirname(cache.__file__))]
    monkeypatch.setattr(cache, "_modules", lambda folder: iter(stats))
    assert cache._key([str(glossary)], False) == edited
    stats[-1][1].st_mtime_ns += 1
    assert cache._key([str(glossary)], False) != edited  # an edited module is a new key


def test_glossary_files_are_the_loaders(tmp_path: Path) -> None:
    root = tmp_path / "g"
    for name in ("a.yaml", "sub/b.yml", ".hidden/c.yaml", "README.md", ".yaml", "x.yaml.bak", "y.YAML", "dir.yaml/d.yaml"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("entries: []\n", encoding="utf-8")
    (root / "link").symlink_to(root / "sub", target_is_directory=True)
    (root / "file-link.yml").symlink_to(root / "a.yaml")
    (root / "dangling.yaml").symlink_to(root / "missing.yaml")
    single = tmp_path / "single.txt"
    expected = [str(p) for p in loader.glossary_files([root, single])]
    assert cache.glossary_files([str(root), str(single)]) == [str(p) for p in expected]
    assert str(loader.bundled_dir()) == cache.bundled_dir()
    bundled = [str(p) for p in loader.glossary_files([loader.bundled_dir()])]
    assert cache.glossary_files([cache.bundled_dir()]) == bundled


def test_unreadable_glossary_gives_no_key(tmp_path: Path) -> None:
    assert cache._key([str(tmp_path / "missing.yaml")], False) is None


def test_long_output_is_complete_through_a_pipe(tmp_path: Path) -> None:
    """The command ends without tearing the interpreter down: everything written is flushed first."""
    draft = tmp_path / "d.txt"
    draft.write_text("Die GOS tagte.\n" * 3000, encoding="utf-8")
    out = lint(draft, "--lang", "de", "-q")
    assert out.returncode == 1 and out.stderr == ""
    lines = out.stdout.splitlines()
    assert len(lines) == 3000 and lines[-1].startswith(f"{draft}:3000:5: error [mistranslation]")


def test_closed_pipe_is_quiet(tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("Die GOS tagte.\n" * 3000, encoding="utf-8")
    env = {**os.environ, "NORMALIZE_CACHE_DIR": str(tmp_path / "cache")}
    command = [sys.executable, "-m", "normalize", "lint", "--no-bundled", "--glossary", str(GLOSSARY)]
    proc = subprocess.Popen([*command, "--lang", "de", str(draft)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(100)
    proc.stdout.close()
    assert proc.wait(timeout=120) == 1
    assert b"Traceback" not in proc.stderr.read()


def test_jobs_two_prints_what_one_prints(tmp_path: Path) -> None:
    for i in range(12):
        text = ("Die GOS tagte in Weißrussland.\n" if i % 3 else "Nichts.\n") + "Die Sitzung dauerte lange.\n" * (i * 40)
        (tmp_path / f"d{i:02}.md").write_text(text, encoding="utf-8")
    one = lint(tmp_path, "--lang", "de", "-j", "1", "--color", "always")
    two = lint(tmp_path, "--lang", "de", "-j", "2", "--color", "always")
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout and one.stderr == two.stderr == ""
    assert one.stdout.count("[mistranslation]") == 8


@pytest.mark.parametrize("where", [0.3, 0.6, 0.9])
def test_damage_inside_the_lazy_tables_is_caught_at_load(folder: Path, where: float) -> None:
    """A flipped byte deep in the file (inside an item unpickled only later) means a rebuild, not a crash."""
    fresh = normalize.load_glossary(GLOSSARY, bundled=False)
    cache.load([str(GLOSSARY)], bundled=False)
    entry = _cached(folder)
    data = bytearray(entry.read_bytes())
    data[int(len(data) * where)] ^= 0x20
    entry.write_bytes(bytes(data))
    key = cache._key([str(GLOSSARY)], False)
    assert key is not None and cache._read(key) is None
    rebuilt = cache.load([str(GLOSSARY)], bundled=False)
    assert normalize.lint(DRAFT, "de", rebuilt) == normalize.lint(DRAFT, "de", fresh)
    assert cache._read(key) is not None  # written again, whole
