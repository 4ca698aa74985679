"""Compiled-glossary cache: a pickled :class:`Glossary` with its matcher, keyed by content.

The key is a BLAKE2 digest over the layout version, the package version, the Python version, every
module of the package (path, size and mtime, subpackages included) and every glossary file's path and
bytes, so an edited glossary or an upgraded normalize never sees a stale entry. Entries are written to
a temporary file and renamed, so a concurrent writer never exposes half a file; anything unreadable is
ignored and rebuilt, and a CRC-32 of the content catches damage in the parts read only later. On a
hit no YAML is parsed, and neither the loader nor PyYAML is imported.

The three big tables load lazily: the matcher's keys, the near-miss keys and the entries are stored as
one small pickle per item, and an item is unpickled when first used (see :class:`LazyTuple`), so a
warm run builds only what its draft needs (47 of the bundled glossary's 3,112 matcher keys for the
seed draft); an entry is found by id through a stored id → position table. Everything else is one
pickle, loaded with the garbage collector paused.

Parsed configuration files are memoised the same way (by their bytes). The folder is
``$NORMALIZE_CACHE_DIR``, else ``$XDG_CACHE_HOME/normalize``, else ``~/.cache/normalize``.
"""

from __future__ import annotations

import gc
import os
import pickle
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

    from .model import Glossary

try:  # the built-in BLAKE2 needs no OpenSSL start-up and hashes 3x faster than SHA-256
    from _blake2 import blake2b as _hash
except ImportError:  # pragma: no cover - an interpreter without the built-in module
    from hashlib import blake2b as _hash

#: Bumped whenever the layout of a cache file changes: older files are then never read.
LAYOUT = 10
_MAGIC = f"normalize-glossary-cache {LAYOUT}\n".encode()
_KEEP = 16  # entries kept in the folder; older ones are removed when a new one is written
_SUFFIXES = (".yaml", ".yml")


def cache_dir() -> Path:
    """The folder holding cached glossaries."""
    from pathlib import Path

    return Path(_folder())


def _folder() -> str:
    explicit = os.environ.get("NORMALIZE_CACHE_DIR")
    if explicit:
        return explicit
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "normalize")


def load(paths: Sequence[str], *, bundled: bool = True, use_cache: bool = True) -> Glossary:
    """Like :func:`normalize.load_glossary`, through the cache; raises ``GlossaryError`` the same way."""
    key = _key(paths, bundled) if use_cache else None
    if key is not None:
        cached = _read(key)
        if cached is not None:
            return cached
    from .loader import load_glossary

    glossary = load_glossary(*paths, bundled=bundled)
    if key is not None:
        glossary.matcher  # noqa: B018 - compile now, so the pickle holds the automaton
        _write(key, glossary)
    return glossary


# --- the key ----------------------------------------------------------------------------------------


def _key(paths: Sequence[str], bundled: bool) -> str | None:
    """The cache key, or ``None`` when a glossary file cannot be read (the loader reports it)."""
    from . import __version__

    digest = _hash(f"{LAYOUT}\0{__version__}\0{sys.version_info[:2]}\0{bundled}\0".encode())
    package = os.path.dirname(os.path.abspath(__file__))
    try:
        for name, info in _modules(package):
            digest.update(f"{name}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
        files = (glossary_files([bundled_dir()]) if bundled else []) + glossary_files(paths)
        for file in files:
            with open(file, "rb") as handle:
                data = handle.read()
            digest.update(f"{file}\0{len(data)}\0".encode())
            digest.update(_hash(data).digest())
    except (OSError, ValueError):
        return None
    return str(digest.hexdigest())


def _modules(folder: str, prefix: str = "") -> Iterator[tuple[str, os.stat_result]]:
    """Every ``.py`` file of the package, subpackages included, in a fixed order, with its stat."""
    with os.scandir(folder) as found:
        entries = sorted(found, key=lambda e: e.name)
    for entry in entries:
        if entry.name.endswith(".py"):
            yield prefix + entry.name, entry.stat()
        elif entry.name not in ("__pycache__", "glossaries") and not entry.name.startswith(".") and entry.is_dir():
            yield from _modules(entry.path, prefix + entry.name + "/")


def bundled_dir() -> str:
    """The folder of the bundled glossaries, as :func:`normalize.loader.bundled_dir` finds it."""
    here = os.path.dirname(os.path.realpath(__file__))
    installed = os.path.join(here, "glossaries")  # inside a wheel
    checkout = os.path.join(os.path.dirname(here), "glossaries")  # a source checkout or an editable install
    return installed if os.path.isdir(installed) or not os.path.isdir(checkout) else checkout


def glossary_files(paths: Sequence[str | os.PathLike[str]]) -> list[str]:
    """The files :func:`normalize.loader.glossary_files` gives (``*.yaml``/``*.yml`` of folders,
    recursively, symbolic links to folders not followed), without importing pathlib and the loader."""
    files: list[str] = []
    for raw in paths:
        path = os.fspath(raw)
        if os.path.isdir(path):
            found: list[str] = []
            _walk(path, found)
            files.extend(sorted(found))
        else:
            files.append(path)
    return files


def _walk(folder: str, found: list[str]) -> None:
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir() and not entry.is_symlink():
                _walk(entry.path, found)
            elif _suffix(entry.name) in _SUFFIXES and entry.is_file():
                found.append(entry.path)


def _suffix(name: str) -> str:
    """``PurePath(name).suffix``."""
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


# --- configuration memo -----------------------------------------------------------------------------


def load_toml(data: bytes, *, use_cache: bool = True) -> dict[str, Any]:
    """``tomllib.loads`` of UTF-8 bytes, memoised by content: importing tomllib costs more than a lint.

    Raises ``UnicodeDecodeError`` or ``tomllib.TOMLDecodeError`` (a ``ValueError``) like the parser.
    """
    path = os.path.join(_folder(), f"toml-{_hash(_MAGIC + data).hexdigest()[:32]}.pickle")
    if use_cache:
        try:
            with open(path, "rb") as handle:
                parsed = pickle.loads(handle.read())
            if isinstance(parsed, dict):
                return parsed
        except Exception:  # absent, corrupt or foreign: parse again
            pass
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef, import-not-found, unused-ignore]
    parsed = tomllib.loads(data.decode("utf-8-sig"))
    if use_cache:
        _store(path, pickle.dumps(parsed, protocol=pickle.HIGHEST_PROTOCOL), "toml-*.pickle")
    return parsed


# --- reading and writing ----------------------------------------------------------------------------


def _entry(key: str) -> str:
    return os.path.join(_folder(), f"glossary-{key[:32]}.pickle")


def _read(key: str) -> Glossary | None:
    from zlib import crc32

    from .model import Glossary

    header = _MAGIC + key.encode() + b"\n"
    enabled = gc.isenabled()
    gc.disable()  # tens of thousands of new objects would trigger collections that find nothing to free
    try:
        with open(_entry(key), "rb") as handle:
            data = handle.read()
        if not data.startswith(header):
            return None
        payload = memoryview(data)[len(header) + 9 :]  # after the CRC-32 line
        if data[len(header) : len(header) + 9] != b"%08x\n" % crc32(payload):
            return None  # damaged: the items unpickled later would fail in the middle of a lint
        glossary = pickle.loads(payload)
        if not isinstance(glossary, Glossary):
            return None
        return glossary
    except Exception:  # a corrupt, truncated or foreign cache is rebuilt, never fatal
        return None
    finally:
        if enabled:
            gc.enable()


def _write(key: str, glossary: Glossary) -> None:
    import io

    buffer = io.BytesIO()
    try:
        _Pickler(buffer).dump(_with_lazy_tables(glossary))
    except (pickle.PicklingError, RecursionError, TypeError, AttributeError):
        return
    from zlib import crc32

    payload = buffer.getvalue()
    header = _MAGIC + key.encode() + b"\n" + b"%08x\n" % crc32(payload)
    _store(_entry(key), header + payload, "glossary-*.pickle")


def _store(path: str | os.PathLike[str], data: bytes, family: str) -> None:
    """Write atomically (temporary file + rename), then drop the oldest entries of the family."""
    import fnmatch
    import tempfile

    path = os.fspath(path)
    folder = os.path.dirname(path)
    try:
        os.makedirs(folder, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=folder)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        with os.scandir(folder) as found:
            family_files = [e for e in found if fnmatch.fnmatchcase(e.name, family)]
        family_files.sort(key=lambda e: e.stat().st_mtime, reverse=True)
        for old in family_files[_KEEP:]:
            try:
                os.unlink(old.path)
            except FileNotFoundError:
                pass
    except OSError:
        pass  # a cache that cannot be written only costs time


# --- lazy tables ------------------------------------------------------------------------------------


class LazyTuple(Sequence[Any]):
    """A tuple whose items are unpickled one by one, when first used.

    Equal to (and hashed like) the tuple of its items; pickles as that tuple, so worker processes
    and copies get plain data.
    """

    __slots__ = ("_blobs", "_items")

    def __init__(self, blobs: tuple[bytes, ...]) -> None:
        self._blobs = blobs
        self._items: list[Any] = [_MISSING] * len(blobs)

    def __len__(self) -> int:
        return len(self._blobs)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self._blobs))))
        item = self._items[index]
        if item is _MISSING:
            enabled = gc.isenabled()
            gc.disable()
            try:
                item = self._items[index] = _loads(self._blobs[index])
            finally:
                if enabled:
                    gc.enable()
        return item

    def __iter__(self) -> Iterator[Any]:
        for index in range(len(self._blobs)):
            yield self[index]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (tuple, LazyTuple)):
            return tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return repr(tuple(self))

    def __add__(self, other: Any) -> tuple[Any, ...]:
        return tuple(self) + tuple(other)

    def __radd__(self, other: Any) -> tuple[Any, ...]:
        return tuple(other) + tuple(self)

    def __reduce__(self) -> tuple[Any, ...]:
        return tuple, (tuple(self),)


_MISSING = object()


# --- pickling ---------------------------------------------------------------------------------------


def _with_lazy_tables(glossary: Glossary) -> Glossary:
    """A shallow copy of the glossary whose big tables pickle item by item (as :class:`_Stored`).

    A lint looks up the few matcher keys its text hits (47 of the bundled glossary's 3,112 for the
    seed draft), the few near-miss keys its candidate words are close to, and the entries its
    findings name (by id, through a stored id → position table), so only those are unpickled: the
    others are dataclass instances whose unpickling would cost more than the rest of a warm run's
    load. A table that is missing or not a tuple is simply pickled whole.
    """
    import copy

    matcher = glossary.matcher
    keys = getattr(matcher, "keys", None)
    if type(keys) is not tuple:
        return glossary
    matcher = copy.copy(matcher)
    object.__setattr__(matcher, "keys", _Stored(tuple(_dumps(item) for item in keys)))
    near = getattr(matcher, "near", None)
    if near is not None and type(near.keys) is tuple:
        near = copy.copy(near)
        object.__setattr__(near, "keys", _Stored(tuple(_dumps(key) for key in near.keys)))
        object.__setattr__(matcher, "near", near)
    copied = copy.copy(glossary)
    object.__setattr__(copied, "_matcher", matcher)
    if type(glossary.entries) is tuple:
        object.__setattr__(copied, "entries", _Stored(tuple(_dumps(entry) for entry in glossary.entries)))
        object.__setattr__(copied, "_positions", {entry.id: i for i, entry in enumerate(glossary.entries)})
    return copied


class _Stored:
    """A table as one pickle per item; unpickles as a :class:`LazyTuple`."""

    __slots__ = ("blobs",)

    def __init__(self, blobs: tuple[bytes, ...]) -> None:
        self.blobs = blobs

    def __reduce__(self) -> tuple[Any, ...]:
        return LazyTuple, (self.blobs,)


class _Pickler(pickle.Pickler):
    """Pickles frozen slotted dataclasses as constructor calls.

    Their default ``__setstate__`` is a Python loop per object; calling the class instead halves the
    time to load thousands of forms.
    """

    def __init__(self, file: Any) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)

    def reducer_override(self, obj: Any) -> Any:
        cls = type(obj)
        if cls not in _PLAIN:
            _PLAIN[cls] = _plain_dataclass(cls)
        names = _PLAIN[cls]
        if not names:
            return NotImplemented
        return cls, tuple(getattr(obj, name) for name in names)


def _dumps(obj: Any) -> bytes:
    import io

    buffer = io.BytesIO()
    _Pickler(buffer).dump(obj)
    return buffer.getvalue()


def _loads(data: bytes) -> Any:
    return pickle.loads(data)


_PLAIN: dict[type, tuple[str, ...] | None] = {}


def _plain_dataclass(cls: type) -> tuple[str, ...] | None:
    """The field names of a frozen, slotted dataclass rebuilt exactly by ``cls(*field_values)``."""
    import dataclasses

    if not dataclasses.is_dataclass(cls) or "__slots__" not in cls.__dict__ or hasattr(cls, "__post_init__"):
        return None
    params = cls.__dataclass_params__  # type: ignore[attr-defined]
    fields = dataclasses.fields(cls)
    if not params.frozen or not all(f.init and not f.kw_only for f in fields):
        return None
    return tuple(f.name for f in fields)
