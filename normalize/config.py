"""Configuration: ``[tool.normalize]`` in ``pyproject.toml`` or ``.normalize.toml``, nearest wins.

The nearest folder, walking up from a linted file, that holds a ``.normalize.toml`` or a
``pyproject.toml`` with a ``[tool.normalize]`` table gives the configuration (``.normalize.toml``
first when both exist), as ruff does. Keys::

    lang = "de"                     # language of the drafts
    glossaries = ["terms/"]         # files or folders, relative to the configuration file
    bundled = true                  # also load the bundled glossaries
    select = ["variant"]            # only these rules
    ignore = ["foreign-form"]       # never these rules
    fail-on = "warning"             # error | warning | info
    markup = "markdown"             # markdown | text; default from the file extension

    [[tool.normalize.overrides]]    # in .normalize.toml: [[overrides]]
    paths = ["drafts/en/**"]        # globs relative to the configuration file
    lang = "en"                     # any key above except glossaries and bundled
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from typing import Any

from ._record import Record, setfield
from .files import matches_any
from .findings import RULES, SEVERITY_ORDER

NAMES = (".normalize.toml", "pyproject.toml")
#: A ``[tool.normalize…]`` table, a dotted ``tool.normalize…`` key, or a bare ``[tool]`` table.
_MENTIONS_US = re.compile(rb'tool"?\s*\.\s*"?normalize\b|^\s*\[\s*"?tool"?\s*\]', re.MULTILINE)
MARKUPS = ("markdown", "text")


class ConfigError(Exception):
    """An invalid configuration file; ``str()`` is ``path:line: message``."""


class Options(Record):
    """Settings for one file; ``None`` means not set (a later layer or the default decides)."""

    __slots__ = _fields = ("lang", "glossaries", "bundled", "select", "ignore", "fail_on", "markup")
    lang: str | None
    glossaries: tuple[str, ...] | None
    """Absolute paths."""
    bundled: bool | None
    select: tuple[str, ...] | None
    ignore: tuple[str, ...] | None
    fail_on: str | None
    markup: str | None

    def __init__(
        self,
        lang: str | None = None,
        glossaries: tuple[str, ...] | None = None,
        bundled: bool | None = None,
        select: tuple[str, ...] | None = None,
        ignore: tuple[str, ...] | None = None,
        fail_on: str | None = None,
        markup: str | None = None,
    ) -> None:
        setfield(self, "lang", lang)
        setfield(self, "glossaries", glossaries)
        setfield(self, "bundled", bundled)
        setfield(self, "select", select)
        setfield(self, "ignore", ignore)
        setfield(self, "fail_on", fail_on)
        setfield(self, "markup", markup)

    def over(self, base: Options) -> Options:
        """These options, with unset ones taken from ``base``."""
        return Options(*(mine if mine is not None else theirs for mine, theirs in zip(self._values(), base._values())))


class Config(Record):
    """One configuration file."""

    __slots__ = _fields = ("path", "base", "overrides")
    path: str
    base: Options
    overrides: tuple[tuple[tuple[str, ...], Options], ...]

    def __init__(self, path: str, base: Options, overrides: tuple[tuple[tuple[str, ...], Options], ...] = ()) -> None:
        setfield(self, "path", path)
        setfield(self, "base", base)
        setfield(self, "overrides", overrides)

    def options(self, file: str) -> Options:
        """The options for ``file``: the base, then every override whose globs match, in order."""
        options = self.base
        rel = os.path.relpath(os.path.abspath(file), os.path.dirname(self.path)).replace(os.sep, "/")
        for patterns, override in self.overrides:
            if matches_any(patterns, rel):
                options = override.over(options)
        return options


_FOUND: dict[str, Config | None] = {}


def find(start: str, *, use_cache: bool = True) -> Config | None:
    """The configuration for a file or folder, searching its folder and then each parent."""
    folder = os.path.abspath(start)
    if not os.path.isdir(folder):
        folder = os.path.dirname(folder)
    visited: list[str] = []
    config: Config | None = None
    while True:
        if folder in _FOUND:
            config = _FOUND[folder]
            break
        visited.append(folder)
        config = _load_in(folder, use_cache)
        if config is not None:
            break
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
    for path in visited:
        _FOUND[path] = config
    return config


def _load_in(folder: str, use_cache: bool) -> Config | None:
    for name in NAMES:
        path = os.path.join(folder, name)
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError:
            continue
        if name == "pyproject.toml" and not _MENTIONS_US.search(data):
            continue  # most pyproject.toml files are not ours, and need no TOML parser
        table = _parse(path, data, use_cache)
        if name == "pyproject.toml":
            table = table.get("tool", {}).get("normalize")
            if table is None:
                continue
        return _config(path, data.decode("utf-8", "replace"), table, pyproject=name == "pyproject.toml")
    return None


def _parse(path: str, data: bytes, use_cache: bool) -> dict[str, Any]:
    from .cache import load_toml

    try:
        return load_toml(data, use_cache=use_cache)
    except UnicodeDecodeError:
        raise ConfigError(f"{path}:1: not valid UTF-8") from None
    except ValueError as exc:  # tomllib.TOMLDecodeError
        line = getattr(exc, "lineno", None)
        if line is None:
            found = re.search(r"line (\d+)", str(exc))
            line = int(found.group(1)) if found else 1
        message = str(exc).split(" (at ")[0]
        raise ConfigError(f"{path}:{line}: invalid TOML: {message}") from None


def _config(path: str, text: str, table: Any, *, pyproject: bool) -> Config:
    prefix = "tool.normalize." if pyproject else ""
    where = _Where(path, text)
    if not isinstance(table, Mapping):
        raise where.error("tool.normalize", "must be a table")
    base = _options(table, where, prefix, top=True)
    overrides = []
    raw = table.get("overrides", [])
    if not isinstance(raw, list) or not all(isinstance(o, Mapping) for o in raw):
        raise where.error("overrides", f"'{prefix}overrides' must be an array of tables ([[{prefix}overrides]])")
    for number, item in enumerate(raw):
        patterns = item.get("paths")
        if isinstance(patterns, str):
            patterns = [patterns]
        if not isinstance(patterns, list) or not patterns or not all(isinstance(p, str) for p in patterns):
            raise where.error("overrides", f"each [[{prefix}overrides]] needs 'paths', a list of globs", number)
        options = _options({k: v for k, v in item.items() if k != "paths"}, where, prefix + "overrides.", top=False)
        overrides.append((tuple(p.lstrip("/") for p in patterns), options))
    return Config(path, base, tuple(overrides))


def _options(table: Mapping[str, Any], where: _Where, prefix: str, *, top: bool) -> Options:
    allowed = {"lang", "select", "ignore", "fail-on", "markup"} | (
        {"glossaries", "bundled", "overrides"} if top else set()
    )
    for key in table:
        if key not in allowed:
            raise where.error(key, f"unknown key '{prefix}{key}' (expected one of: {', '.join(sorted(allowed))})")
    values: dict[str, Any] = {}
    if "lang" in table:
        values["lang"] = where.string(table, "lang", prefix)
    for key in ("select", "ignore"):
        if key in table:
            rules = where.strings(table, key, prefix)
            unknown = [r for r in rules if r not in RULES]
            if unknown:
                raise where.error(key, f"'{prefix}{key}': unknown rule '{unknown[0]}' (rules: {', '.join(RULES)})")
            values[key] = rules
    if "fail-on" in table:
        values["fail_on"] = where.choice(table, "fail-on", prefix, SEVERITY_ORDER)
    if "markup" in table:
        values["markup"] = where.choice(table, "markup", prefix, MARKUPS)
    if "glossaries" in table:
        folder = os.path.dirname(os.path.abspath(where.path))
        values["glossaries"] = tuple(os.path.join(folder, p) for p in where.strings(table, "glossaries", prefix))
    if "bundled" in table:
        if not isinstance(table["bundled"], bool):
            raise where.error("bundled", f"'{prefix}bundled' must be true or false")
        values["bundled"] = table["bundled"]
    return Options(**values)


class _Where:
    """Turns a key into ``path:line`` for messages (TOML parsers do not keep positions)."""

    __slots__ = ("path", "text")

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text

    def error(self, key: str, message: str, nth: int = 0) -> ConfigError:
        """An error at the ``nth`` line that sets ``key`` or opens a table named by it (else line 1)."""
        pattern = rf"^[ \t]*\[*[ \t]*(?:[\w.\"-]*\.)?\"?{re.escape(key)}\"?[ \t]*[=\].]"
        found = list(re.finditer(pattern, self.text, re.MULTILINE))
        line = self.text.count("\n", 0, found[min(nth, len(found) - 1)].start()) + 1 if found else 1
        return ConfigError(f"{self.path}:{line}: {message}")

    def string(self, table: Mapping[str, Any], key: str, prefix: str) -> str:
        value = table[key]
        if not isinstance(value, str) or not value:
            raise self.error(key, f"'{prefix}{key}' must be a non-empty string")
        return value

    def strings(self, table: Mapping[str, Any], key: str, prefix: str) -> tuple[str, ...]:
        value = table[key]
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise self.error(key, f"'{prefix}{key}' must be a list of strings")
        return tuple(value)

    def choice(self, table: Mapping[str, Any], key: str, prefix: str, choices: tuple[str, ...]) -> str:
        value = table[key]
        if value not in choices:
            raise self.error(key, f"'{prefix}{key}' must be one of: {', '.join(choices)}")
        return str(value)
