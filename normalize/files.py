"""Files: finding drafts, reading them (UTF-8, BOM kept) and writing fixes atomically."""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys
from collections.abc import Iterator, Sequence
from functools import lru_cache

from ._record import Record, setfield

BOM = "\ufeff"
#: File names read as Markdown unless ``--markup`` or the configuration says otherwise.
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
#: Patterns included when a folder is walked, unless ``--include`` says otherwise.
DEFAULT_INCLUDE = ("*.txt", "*.md", "*.markdown")
#: Folder names never entered when a folder is walked.
DEFAULT_EXCLUDE = (".*", "node_modules", "__pycache__")
_SNIFF = 8192


class InputError(Exception):
    """A file that cannot be linted; ``str()`` is a one-line message naming it."""


class Source(Record):
    """A decoded draft. :attr:`text` has no BOM and its line endings untouched."""

    __slots__ = _fields = ("path", "text", "bom")
    path: str
    """The path as shown to the user (``-`` for stdin)."""
    text: str
    bom: bool

    def __init__(self, path: str, text: str, bom: bool = False) -> None:
        setfield(self, "path", path)
        setfield(self, "text", text)
        setfield(self, "bom", bom)


def decode(data: bytes, path: str) -> Source:
    """Decode UTF-8 (with or without BOM); raise :class:`InputError` for binary or other encodings."""
    if b"\0" in data[:_SNIFF]:
        raise InputError(f"{path}: binary file (contains NUL bytes); not linted")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        byte = data[exc.start]
        raise InputError(f"{path}:{line}: not valid UTF-8 (byte 0x{byte:02x}); not linted") from None
    if text.startswith(BOM):
        return Source(path, text[1:], bom=True)
    return Source(path, text)


def markup_for(path: str, override: str | None = None) -> str:
    """``markdown`` or ``text``: the override, else from the file name."""
    if override:
        return override
    return "markdown" if path.lower().endswith(MARKDOWN_SUFFIXES) else "text"


def read_source(path: str) -> Source:
    """Read and decode one file, or stdin for ``-``."""
    if path == "-":
        return decode(sys.stdin.buffer.read(), "-")
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return decode(data, path)


def encode(source: Source, text: str) -> bytes:
    """``text`` as bytes in the encoding of ``source`` (its BOM kept)."""
    return ((BOM if source.bom else "") + text).encode("utf-8")


def write_atomic(path: str, data: bytes) -> None:
    """Replace ``path`` by ``data``: a temporary file in the same folder, then an atomic rename.

    A run killed at any moment leaves the old file or the new one, never half of one. Permissions
    are kept; a symbolic link is followed, so the link stays a link.
    """
    import tempfile

    target = os.path.realpath(path)
    info = os.stat(target)
    folder, name = os.path.split(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".normalize", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, stat.S_IMODE(info.st_mode))
        if hasattr(os, "chown") and (info.st_uid, info.st_gid) != (os.getuid(), os.getgid()):
            with contextlib.suppress(OSError):  # only the owner's group, or root, may keep them
                os.chown(tmp, info.st_uid, info.st_gid)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def expand(paths: Sequence[str], include: Sequence[str], exclude: Sequence[str]) -> Iterator[str]:
    """Files named by ``paths``: files as given, folders walked with include/exclude globs (sorted).

    A glob without ``/`` matches a file or folder name; one with ``/`` matches the path relative to
    the folder being walked. Files named explicitly are always returned, even if excluded.
    """
    for path in paths:
        if path == "-" or not os.path.isdir(path):
            yield path
            continue
        found: list[str] = []
        for folder, dirs, files in os.walk(path):
            rel = os.path.relpath(folder, path)
            rel = "" if rel == "." else rel.replace(os.sep, "/") + "/"
            dirs[:] = [d for d in dirs if not matches_any(exclude, rel + d)]
            for name in files:
                relpath = rel + name
                if matches_any(include, relpath) and not matches_any(exclude, relpath):
                    found.append(os.path.join(folder, name))
        yield from sorted(found)


def matches_any(patterns: Sequence[str], relpath: str) -> bool:
    """Whether a ``/``-separated relative path matches one of the globs (see :func:`expand`)."""
    name = relpath.rsplit("/", 1)[-1]
    return any(glob_regex(p).fullmatch(relpath if "/" in p else name) for p in patterns)


@lru_cache(maxsize=256)
def glob_regex(pattern: str) -> re.Pattern[str]:
    """Compile a glob: ``*`` and ``?`` stay within a folder, ``**`` spans folders, ``[...]`` a class."""
    out: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        char = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[" and (close := pattern.find("]", i + 2)) != -1:
            body = pattern[i + 1 : close]
            body = "^" + body[1:] if body[0] in "!^" else body
            out.append(f"[{body.replace(chr(92), chr(92) * 2)}]")
            i = close + 1
            continue
        else:
            out.append(re.escape(char))
        i += 1
    return re.compile("".join(out), re.DOTALL)
