"""``glossary fmt``: one canonical layout for glossary files, so that diffs stay small.

The layout:

- entries sorted by id, one blank line between them, 2-space indentation, lists indented under
  their key (``entries:`` / ``  - id: ...``);
- keys in a fixed order: ``id, type, wikidata, name_order, note, sources, names, examples``; in a
  language block ``preferred, abbreviation, adjective, given, patronymic, family, admitted,
  deprecated, mistranslations, note, sources``; ``{form, use, note, source}``;
  ``{lang, text, expect}``; unknown keys (which the loader rejects) keep their place after these;
  languages keep the order the author gave them;
- flow style where it reads best: a person's language block of name parts only
  (``de: {given: Wang, family: Yi}``), each example and each listed-form mapping on one line, a
  list of plain forms as ``[a, b]`` when the line stays within 100 columns; block style for
  everything else (entry ``sources`` always), and for anything carrying a comment inside;
- strings plain unless they need quotes (then double quotes, with escapes); example sentences are
  always double-quoted; a ``note`` too long for its line is a folded block (``>-``), keeping the
  author's line breaks, or wrapped at 100 columns if it had none;
- comments are kept and move with the key or item they belong to.

Formatting never changes what the loader reads, and is idempotent; both are verified (the former
on every call).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections import Counter
from os import PathLike
from pathlib import Path

import yaml

from ._layout import WIDTH, LayoutError, comments, layout, scan, shape

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


class FormatError(ValueError):
    """A file cannot be formatted; :attr:`line` and :attr:`column` are 1-based."""

    def __init__(self, message: str, path: str = "<string>", line: int = 1, column: int = 1) -> None:
        super().__init__(f"{path}:{line}:{column}: {message}")
        self.path = path
        self.line = line
        self.column = column
        self.reason = message


def format_text(text: str, name: str = "<string>", *, width: int = WIDTH) -> str:
    """The canonical layout of a glossary file's text. Raises :class:`FormatError` for text that is
    not well-formed YAML, or uses anchors, aliases or tags."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    before = _compose(text, name)
    try:
        out, found = layout(text, width)
        found_before = Counter(c.text for c in found)
        found_after = Counter(c.text for c in comments(out, scan(out)))
    except LayoutError as exc:
        raise FormatError(str(exc), name, exc.line, exc.column) from exc
    if shape(_compose(out, name)) != shape(before) or found_after != found_before:
        raise FormatError("internal error: formatting would change the file's content; please report", name)
    return out


def format_file(path: str | PathLike[str], check: bool = False, *, width: int = WIDTH) -> bool:
    """Format a file in place (atomically); return whether it changed. With ``check``, only say
    whether it would change."""
    target = Path(path)
    original = target.read_bytes().decode("utf-8")
    formatted = format_text(original, str(target), width=width)
    if formatted == original:
        return False
    if not check:
        write_atomic(target, formatted)
    return True


def write_atomic(path: str | PathLike[str], text: str) -> None:
    """Write ``text`` (UTF-8) through a temporary file in the same folder and ``os.replace``, so that
    readers see the old file or the new one, never half of it; the file's mode is kept."""
    target = Path(path)
    try:
        mode: int | None = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = None
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or Path("."))
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _compose(text: str, name: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise FormatError(f"malformed YAML: {problem}", name, line, column) from exc
