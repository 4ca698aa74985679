"""Loading glossary files: safe YAML, every problem reported at once with file, line and column."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from os import PathLike
from pathlib import Path

from .fold import fold
from .forms import valid_slots, valid_texts
from .model import (
    ENTRY_TYPES,
    NAME_ORDERS,
    Entry,
    Glossary,
    LanguageNames,
    Position,
    gc_paused,
)

_INFLECTION = re.compile(r"^(?:'|’|s|'s|’s|e|em|en|er|es|n)?$")


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a glossary file."""

    position: Position
    message: str
    entry: str | None = None

    def __str__(self) -> str:
        where = f" [{self.entry}]" if self.entry else ""
        return f"{self.position}:{where} {self.message}"


class GlossaryError(Exception):
    """A glossary could not be loaded; :attr:`problems` lists every reason, in file order."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(sorted(problems, key=lambda p: (p.position.path, p.position.line, p.position.column)))
        super().__init__("\n".join(str(p) for p in self.problems))


def bundled_dir() -> Path:
    """The folder of the glossaries shipped with normalize."""
    here = Path(__file__).resolve().parent
    installed = here / "glossaries"  # inside a wheel
    checkout = here.parent / "glossaries"  # a source checkout or an editable install
    return installed if installed.is_dir() or not checkout.is_dir() else checkout


def glossary_files(paths: Iterable[str | PathLike[str]]) -> list[Path]:
    """Expand files and folders (``*.yaml``/``*.yml``, sorted) into a list of files."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()))
        else:
            files.append(path)
    return files


def load_glossary(*paths: str | PathLike[str], bundled: bool = True) -> Glossary:
    """Load the bundled glossaries plus ``paths`` (files or folders).

    An entry in ``paths`` whose id is also bundled replaces the bundled one. With ``bundled=False``
    only ``paths`` are loaded. Raises :class:`GlossaryError` listing every problem found.
    """
    with gc_paused():
        base = load_files(glossary_files([bundled_dir()])) if bundled else ()
        own = load_files(glossary_files(paths)) if paths else ()
        own_ids = {e.id for e in own}
        entries = tuple(e for e in base if e.id not in own_ids) + own
        if base and own:  # load_files has checked each set on its own; check them together
            problems = check_entries(entries)
            if problems:
                raise GlossaryError(problems)
    files = tuple(str(p) for p in ((glossary_files([bundled_dir()]) if bundled else []) + glossary_files(paths)))
    return Glossary(entries=tuple(sorted(entries, key=lambda e: e.id)), sources=files)


def load_files(files: Sequence[Path]) -> tuple[Entry, ...]:
    """Parse and validate files one by one, then across them; raise on any problem."""
    entries: list[Entry] = []
    problems: list[Problem] = []
    for path in files:
        parsed, found = parse_file(path)
        entries.extend(parsed)
        problems.extend(found)
    problems.extend(check_entries(entries))
    if problems:
        raise GlossaryError(problems)
    return tuple(entries)


def parse_file(path: Path) -> tuple[list[Entry], list[Problem]]:
    """Read one file into entries; problems are returned, not raised."""
    name = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return [], [Problem(Position(name, 1, 1), f"cannot read file: {exc.strerror or exc}")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return [], [Problem(Position(name, line, 1), "file is not valid UTF-8")]
    return parse_text(text, name)


def parse_text(text: str, name: str = "<string>") -> tuple[list[Entry], list[Problem]]:
    """Parse glossary YAML given as a string; problems are returned, not raised."""
    from .reader import (
        parse_text as read,  # PyYAML is imported only when YAML is really read
    )

    return read(text, name)


def check_entries(entries: Sequence[Entry]) -> list[Problem]:
    """Problems across entries: duplicate ids, clashing forms, dangling ``use``."""
    problems: list[Problem] = []
    first: dict[str, Entry] = {}
    for entry in entries:
        if entry.id in first:
            other = first[entry.id].position
            problems.append(Problem(_p(entry.position), f"id '{entry.id}' is defined twice (also at {other})", entry.id))
        else:
            first[entry.id] = entry
    # (lang, folded form) -> [(entry id, status word, position)]
    owners: dict[tuple[str, str], list[tuple[str, str, Position | None]]] = defaultdict(list)
    for entry in first.values():
        for block in entry.names:
            problems.extend(_check_block(entry, block))
            for text, status, position in _explicit_forms(entry, block):
                key = (block.lang, fold(text))
                if all(owner != entry.id for owner, _, _ in owners[key]):
                    owners[key].append((entry.id, status, position))
    for (lang, _key), found in owners.items():
        if len(found) < 2:
            continue
        (a_id, a_status, _a_pos), *rest = found
        for b_id, b_status, b_pos in rest:
            if (a_status == "valid") != (b_status == "valid"):
                valid_id, wrong_id, wrong_status = (a_id, b_id, b_status) if a_status == "valid" else (b_id, a_id, a_status)
                message = f"a valid {lang} form of '{valid_id}' is listed as {wrong_status} for '{wrong_id}'"
            else:
                message = f"the same {lang} form names two entities: '{a_id}' and '{b_id}'"
            problems.append(Problem(_p(b_pos), message, b_id))
    return problems


def _explicit_forms(entry: Entry, block: LanguageNames) -> list[tuple[str, str, Position | None]]:
    """Forms that must belong to one entity per language (person family names alone excluded)."""
    out: list[tuple[str, str, Position | None]] = []
    pos = block.position
    for text, slot, _status in valid_texts(entry, block):
        if entry.type == "person" and slot.value == "family" and text == block.family:
            continue
        position = next((v.position for v in block.admitted if v.form == text), pos)
        out.append((text, "valid", position))
    for word, variants in (("deprecated", block.deprecated), ("a mistranslation", block.mistranslations)):
        for variant in variants:
            out.append((variant.form, word, variant.position or pos))
    return out


def _check_block(entry: Entry, block: LanguageNames) -> list[Problem]:
    problems: list[Problem] = []
    valid = {fold(text): text for text, _slot, _status in valid_texts(entry, block)}
    wrong_seen: dict[str, str] = {}
    for word, variants in (("deprecated", block.deprecated), ("a mistranslation", block.mistranslations)):
        for variant in variants:
            key = fold(variant.form)
            if key in valid:
                problems.append(
                    Problem(_p(variant.position), f"'{variant.form}' is both admitted and {word} in {block.lang}", entry.id)
                )
            elif key in wrong_seen:
                problems.append(
                    Problem(_p(variant.position), f"'{variant.form}' is listed twice ({wrong_seen[key]} and {word})", entry.id)
                )
            wrong_seen[key] = word
    slots = valid_slots(entry, block)
    targets = [*slots.values(), *block.abbreviations]
    for variant in (*block.admitted, *block.deprecated, *block.mistranslations):
        if variant.use is None:
            continue
        if not any(variant.use.startswith(t) and _INFLECTION.match(variant.use[len(t):]) for t in targets):
            problems.append(
                Problem(
                    _p(variant.position),
                    f"'use: {variant.use}' is not a valid {block.lang} form of '{entry.id}' (valid: {', '.join(targets) or 'none'})",
                    entry.id,
                )
            )
    return problems


def _p(position: Position | None) -> Position:
    return position or Position("<unknown>", 1, 1)


__all__ = ["ENTRY_TYPES", "NAME_ORDERS", "GlossaryError", "Problem", "bundled_dir", "glossary_files", "load_files", "load_glossary", "parse_file", "parse_text", "check_entries"]
