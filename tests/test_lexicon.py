"""The cached lexicon answers exactly as wordfreq does, and survives a damaged cache file."""

from __future__ import annotations

import mmap
from pathlib import Path

import pytest
from wordfreq import top_n_list, zipf_frequency

from normalize import lexicon


def expected(word: str, lang: str) -> int:
    z = zipf_frequency(word, lang)
    return 2 if z >= lexicon.COMMON_ZIPF else 1 if z >= lexicon.KNOWN_ZIPF else 0


@pytest.fixture(autouse=True)
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NORMALIZE_CACHE_DIR", str(tmp_path))
    lexicon._table.cache_clear()
    lexicon.level.cache_clear()


@pytest.mark.parametrize("lang", ["de", "en"])
def test_levels_agree_with_wordfreq(lang: str) -> None:
    words = top_n_list(lang, 300000)[::151] + ["Lukaschneko", "Japarow", "Reise", "Mensch", "Lawine", "Iren"]
    assert [lexicon.level(w, lang) for w in words] == [expected(w, lang) for w in words]


def test_warm_table_is_read_from_the_cache(tmp_path: Path) -> None:
    assert lexicon.level("Reise", "de") == 2
    files = list(tmp_path.glob("lexicon-de-*.bin"))
    assert len(files) == 1
    lexicon._table.cache_clear()
    lexicon.level.cache_clear()
    assert lexicon.level("Reise", "de") == 2


def test_bucket_directory_points_at_each_bucket() -> None:
    """Each bucket of the directory starts where a plain binary search of its smallest hash lands."""
    from bisect import bisect_left

    table = lexicon._table("en")
    assert table is not None
    for keys, starts in ((table.common, table.common_starts), (table.known, table.known_starts)):
        assert len(starts) == (1 << lexicon._BUCKET_BITS) + 1 and starts[-1] == len(keys)
        for bucket in range(0, 1 << lexicon._BUCKET_BITS, 97):
            assert starts[bucket] == bisect_left(keys, bucket << lexicon._SHIFT)
    words = top_n_list("en", 300000)[::997]
    assert [table.level(w) for w in words] == [expected(w, "en") for w in words]


def test_damaged_cache_is_rebuilt(tmp_path: Path) -> None:
    lexicon.level("Reise", "de")
    (path,) = tmp_path.glob("lexicon-de-*.bin")
    path.write_bytes(path.read_bytes()[:1000])
    lexicon._table.cache_clear()
    lexicon.level.cache_clear()
    assert lexicon.level("Mensch", "de") == 2
    assert lexicon.level("Japarow", "de") == 0


def test_language_without_list_falls_back() -> None:
    assert lexicon.level("Reise", "xx") == 0


def test_table_read_back_is_mapped_and_answers_the_same(tmp_path: Path) -> None:
    """A warm run reads the table in place (a view of the mapped file) and answers like wordfreq."""
    built = lexicon._table("de")
    assert built is not None and not isinstance(built.common, memoryview)
    lexicon._table.cache_clear()
    read = lexicon._table("de")
    assert read is not None and isinstance(read.common, memoryview) and isinstance(read.common.obj, mmap.mmap)
    assert bytes(read.common) == bytes(built.common) and bytes(read.known_starts) == bytes(built.known_starts)
    words = top_n_list("de", 300000)[::499] + ["Lukaschneko", "Reise"]
    assert [read.level(w) for w in words] == [expected(w, "de") for w in words]


@pytest.mark.parametrize("damage", [b"", b"normalize-lexicon 2\n", None])
def test_empty_or_foreign_table_file_is_rebuilt(tmp_path: Path, damage: bytes | None) -> None:
    lexicon.level("Reise", "de")
    (path,) = tmp_path.glob("lexicon-de-*.bin")
    data = path.read_bytes()
    # None: a table whose header is right but whose arrays are cut in the middle of a hash
    path.write_bytes(data[: len(data) // 2 + 3] if damage is None else damage)
    lexicon._table.cache_clear()
    lexicon.level.cache_clear()
    assert lexicon.level("Mensch", "de") == 2 and lexicon.level("Japarow", "de") == 0
    assert path.read_bytes() == data  # rebuilt and stored again


def test_name_table_read_back_is_mapped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The given-name table is stored once and read back in place (a small table stands in for the
    one built from nine wordfreq lists, which takes seconds)."""
    from array import array

    table = memoryview(array("Q", sorted({lexicon._hash("Michael"), lexicon._hash("Carsten")})))
    monkeypatch.setattr(lexicon, "_build_names", lambda: table)
    for _ in range(2):
        lexicon._names.cache_clear()
        lexicon.is_name_like.cache_clear()
        assert lexicon.is_name_like("Carsten", "de") and not lexicon.is_name_like("Präsident", "de")
    read = lexicon._names()
    assert isinstance(read, memoryview) and isinstance(read.obj, mmap.mmap) and read.tolist() == table.tolist()
    assert len(list(tmp_path.glob("names-*.bin"))) == 1
    lexicon._names.cache_clear()
    lexicon.is_name_like.cache_clear()


def test_stale_table_is_unmapped_before_it_is_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A table file of another header is let go before the rebuilt one replaces it (Windows refuses
    to replace a mapped file)."""
    lexicon.level("Reise", "de")
    (path,) = tmp_path.glob("lexicon-de-*.bin")
    data = path.read_bytes()
    path.write_bytes(data.replace(b"wordfreq", b"wordfreX", 1))  # a header of another wordfreq
    closed: list[bool] = []
    real = lexicon._unmap

    def spy(view: memoryview) -> None:
        mapping = view.obj
        real(view)
        closed.append(mapping.closed)  # type: ignore[attr-defined]

    monkeypatch.setattr(lexicon, "_unmap", spy)
    lexicon._table.cache_clear()
    lexicon.level.cache_clear()
    assert lexicon.level("Mensch", "de") == 2
    assert closed == [True] and path.read_bytes() == data


def test_two_installs_keep_a_table_each(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two environments with their own wordfreq (a project's venv, pre-commit's) share the cache folder
    without rebuilding each other's table on every switch."""
    built: list[str] = []
    real = lexicon._build

    def counting(lang: str) -> lexicon._Table | None:
        built.append(lang)
        return real(lang)

    monkeypatch.setattr(lexicon, "_build", counting)
    for stamp in ("100-1", "100-2", "100-1", "100-2"):
        monkeypatch.setattr(lexicon, "_installed_stamp", lambda module, stamp=stamp: stamp)
        lexicon._table.cache_clear()
        lexicon.level.cache_clear()
        assert lexicon.level("Reise", "de") == 2
    assert built == ["de", "de"]
    assert len(list(tmp_path.glob("lexicon-de-*.bin"))) == 2
