"""Compiled-glossary cache: a pickled :class:`Glossary` with its matcher, keyed by content.

The key is a SHA-256 over the package version, the Python version, the package's own modules
(size and mtime) and every glossary file's path and bytes, so an edited glossary or an upgraded
normalize never sees a stale entry. Entries are written to a temporary file and renamed, so a
concurrent writer never exposes half a file; anything unreadable is ignored and rebuilt. On a hit
no YAML is parsed. Parsed configuration files are memoised the same way (by their bytes). The
folder is ``$NORMALIZE_CACHE_DIR``, else ``$XDG_CACHE_HOME/normalize``, else ``~/.cache/normalize``.
"""

from __future__ import annotations

import dataclasses
import io
import os
import pickle
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .loader import bundled_dir, glossary_files, load_glossary
from .model import Glossary

try:  # the built-in SHA-256 loads in a tenth of the time hashlib needs to initialise OpenSSL
    from _sha2 import sha256  # Python >= 3.12
except ImportError:
    try:
        from _sha256 import sha256
    except ImportError:  # pragma: no cover - an interpreter without the built-in module
        from hashlib import sha256

_MAGIC = b"normalize-glossary-cache 2\n"
_KEEP = 16  # entries kept in the folder; older ones are removed when a new one is written


def cache_dir() -> Path:
    """The folder holding cached glossaries."""
    explicit = os.environ.get("NORMALIZE_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "normalize"


def load(paths: Sequence[str], *, bundled: bool = True, use_cache: bool = True) -> Glossary:
    """Like :func:`normalize.load_glossary`, through the cache; raises ``GlossaryError`` the same way."""
    key = _key(paths, bundled) if use_cache else None
    if key is not None:
        cached = _read(key)
        if cached is not None:
            return cached
    glossary = load_glossary(*paths, bundled=bundled)
    if key is not None:
        glossary.matcher  # noqa: B018 - compile now, so the pickle holds the automaton
        _write(key, glossary)
    return glossary


def _key(paths: Sequence[str], bundled: bool) -> str | None:
    """The cache key, or ``None`` when a glossary file cannot be read (the loader reports it)."""
    from . import __version__

    digest = sha256(f"{__version__}\0{sys.version_info[:2]}\0{bundled}\0".encode())
    package = Path(__file__).parent
    try:
        for entry in sorted(os.scandir(package), key=lambda e: e.name):
            if entry.name.endswith(".py"):
                info = entry.stat()
                digest.update(f"{entry.name}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
        files = (glossary_files([bundled_dir()]) if bundled else []) + glossary_files(paths)
        for file in files:
            digest.update(f"{file}\0".encode())
            digest.update(sha256(file.read_bytes()).digest())
    except OSError:
        return None
    return str(digest.hexdigest())


def load_toml(data: bytes, *, use_cache: bool = True) -> dict[str, Any]:
    """``tomllib.loads`` of UTF-8 bytes, memoised by content: importing tomllib costs more than a lint.

    Raises ``UnicodeDecodeError`` or ``tomllib.TOMLDecodeError`` (a ``ValueError``) like the parser.
    """
    path = cache_dir() / f"toml-{sha256(_MAGIC + data).hexdigest()[:32]}.pickle"
    if use_cache:
        try:
            parsed = pickle.loads(path.read_bytes())
            if isinstance(parsed, dict):
                return parsed
        except Exception:  # absent, corrupt or foreign: parse again
            pass
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    parsed = tomllib.loads(data.decode("utf-8-sig"))
    if use_cache:
        _store(path, pickle.dumps(parsed, protocol=pickle.HIGHEST_PROTOCOL), "toml-*.pickle")
    return parsed


def _entry(key: str) -> Path:
    return cache_dir() / f"glossary-{key[:32]}.pickle"


def _read(key: str) -> Glossary | None:
    header = _MAGIC + key.encode() + b"\n"
    try:
        data = _entry(key).read_bytes()
        if not data.startswith(header):
            return None
        glossary = pickle.loads(data[len(header) :])
    except Exception:  # a corrupt, truncated or foreign cache is rebuilt, never fatal
        return None
    return glossary if isinstance(glossary, Glossary) else None


def _write(key: str, glossary: Glossary) -> None:
    buffer = io.BytesIO()
    try:
        _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(glossary)
    except (pickle.PicklingError, RecursionError, TypeError):
        return
    _store(_entry(key), _MAGIC + key.encode() + b"\n" + buffer.getvalue(), "glossary-*.pickle")


def _store(path: Path, data: bytes, family: str) -> None:
    """Write atomically (temporary file + rename), then drop the oldest entries of the family."""
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        entries = sorted(path.parent.glob(family), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[_KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass  # a cache that cannot be written only costs time


class _Pickler(pickle.Pickler):
    """Pickles frozen slotted dataclasses as constructor calls.

    Their default ``__setstate__`` is a Python loop per object; calling the class instead halves
    the time to load a glossary's thousands of forms, which is most of a warm start.
    """

    def reducer_override(self, obj: Any) -> Any:
        cls = type(obj)
        if cls not in _PLAIN:
            _PLAIN[cls] = _plain_dataclass(cls)
        if not _PLAIN[cls]:
            return NotImplemented
        return cls, tuple(getattr(obj, f.name) for f in dataclasses.fields(obj))


_PLAIN: dict[type, bool] = {}


def _plain_dataclass(cls: type) -> bool:
    """A frozen, slotted dataclass rebuilt exactly by ``cls(*field_values)``."""
    if not dataclasses.is_dataclass(cls) or "__slots__" not in cls.__dict__ or hasattr(cls, "__post_init__"):
        return False
    params = cls.__dataclass_params__  # type: ignore[attr-defined]
    fields = dataclasses.fields(cls)
    return bool(params.frozen) and all(f.init and not f.kw_only for f in fields)
