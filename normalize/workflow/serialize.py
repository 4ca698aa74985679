"""Model entries back to glossary YAML (for imports): plain data, then the canonical layout."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import yaml

from ..model import Entry, LanguageNames, Variant
from .fmt import format_text


def variant_data(variant: Variant) -> str | dict[str, str]:
    """A listed form: a bare string when it has nothing but the form."""
    extra = {
        k: v for k, v in (("use", variant.use), ("note", variant.note), ("source", variant.source)) if v is not None
    }
    return {"form": variant.form, **extra} if extra else variant.form


def block_data(block: LanguageNames) -> dict[str, Any]:
    """A language block as the glossary file writes it (empty fields left out)."""
    data: dict[str, Any] = {}
    if block.preferred is not None:
        data["preferred"] = block.preferred
    if block.abbreviations:
        data["abbreviation"] = block.abbreviations[0] if len(block.abbreviations) == 1 else list(block.abbreviations)
    for name in ("adjective", "given", "patronymic", "family"):
        value = getattr(block, name)
        if value is not None:
            data[name] = value
    for name in ("admitted", "deprecated", "mistranslations"):
        variants = getattr(block, name)
        if variants:
            data[name] = [variant_data(v) for v in variants]
    if block.note is not None:
        data["note"] = block.note
    if block.sources:
        data["sources"] = list(block.sources)
    return data


def entry_data(entry: Entry) -> dict[str, Any]:
    """An entry as the glossary file writes it; ``expect`` is left out where it equals ``text``."""
    data: dict[str, Any] = {"id": entry.id, "type": entry.type}
    if entry.wikidata is not None:
        data["wikidata"] = entry.wikidata
    if entry.name_order != "given-first":
        data["name_order"] = entry.name_order
    if entry.note is not None:
        data["note"] = entry.note
    data["sources"] = list(entry.sources)
    data["names"] = {block.lang: block_data(block) for block in entry.names}
    if entry.examples:
        data["examples"] = [
            {"lang": e.lang, "text": e.text, **({"expect": e.expect} if e.expect != e.text else {})}
            for e in entry.examples
        ]
    return data


def entries_to_yaml(entries: Iterable[Entry], header: str | None = None) -> str:
    """A glossary file holding ``entries``, in the canonical layout; ``header`` becomes a comment."""
    text = yaml.safe_dump(
        {"entries": [entry_data(e) for e in entries]}, allow_unicode=True, sort_keys=False, width=10**9
    )
    if header:
        text = "".join(f"# {line}".rstrip() + "\n" for line in header.splitlines()) + text
    return format_text(text)
