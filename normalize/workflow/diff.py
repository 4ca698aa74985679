"""``glossary diff OLD NEW``: what a change to the glossary does, for a reviewer's PR comment.

Per entity: forms added, removed, or with a changed status (or target); other fields changed. Then
the sample sentences (every example of both revisions, plus any given) that the two revisions fix
differently. :func:`render_markdown` writes it all as a Markdown comment.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from os import PathLike
from typing import Literal

from ..api import fix
from ..forms import entry_forms
from ..model import Entry, Glossary, LanguageNames, Slot, Status
from .revision import RevisionError, load_revision

__all__ = [
    "EntryChange",
    "FormChange",
    "FormState",
    "GlossaryDiff",
    "RevisionError",
    "SampleChange",
    "diff_glossaries",
    "diff_revisions",
    "load_revision",
    "render_markdown",
    "sample_changes",
]

_RANK = {Status.PREFERRED: 0, Status.ADMITTED: 1, Status.DEPRECATED: 2, Status.MISTRANSLATION: 3}


@dataclass(frozen=True, slots=True)
class FormState:
    """How a form stands in one revision."""

    status: Status
    slot: Slot
    target: str | None = None
    """For a wrong form: the valid form it is replaced by."""
    derived: bool = False
    """A person's name built from the parts, not written in the file."""

    def describe(self) -> str:
        what = self.status.value if self.slot in (Slot.FULL, Slot.SHORT) else f"{self.status.value} {self.slot.value}"
        if self.derived:
            what += " (derived)"
        return f"{what} → {self.target}" if self.target else what


@dataclass(frozen=True, slots=True)
class FormChange:
    lang: str
    form: str
    old: FormState | None
    new: FormState | None

    @property
    def kind(self) -> Literal["added", "removed", "changed"]:
        return "added" if self.old is None else "removed" if self.new is None else "changed"


@dataclass(frozen=True, slots=True)
class EntryChange:
    """What changed for one entity."""

    id: str
    kind: Literal["added", "removed", "changed"]
    forms: tuple[FormChange, ...] = ()
    fields: tuple[str, ...] = ()
    """Other fields that changed: ``type``, ``note``, ``sources``, ``examples``, ``de.note`` ..."""


@dataclass(frozen=True, slots=True)
class SampleChange:
    """A sentence the two revisions fix differently."""

    lang: str
    text: str
    old: str
    new: str
    entries: tuple[str, ...] = ()
    """Entries whose example the sentence is."""


@dataclass(frozen=True, slots=True)
class GlossaryDiff:
    entries: tuple[EntryChange, ...]
    samples: tuple[SampleChange, ...]


def form_states(entry: Entry) -> dict[tuple[str, str], FormState]:
    """(lang, form) → state; a form listed in two slots keeps its strongest status."""
    out: dict[tuple[str, str], FormState] = {}
    for form in entry_forms(entry):
        state = FormState(form.status, form.slot, form.target if not form.status.valid else None, form.generated)
        key = (form.lang, form.text)
        if key not in out or _RANK[state.status] < _RANK[out[key].status]:
            out[key] = state
    return out


def _listed(block: LanguageNames) -> dict[str, tuple[str | None, str | None]]:
    return {v.form: (v.note, v.source) for v in (*block.admitted, *block.deprecated, *block.mistranslations)}


def _field_changes(old: Entry, new: Entry) -> tuple[str, ...]:
    changed = [
        name
        for name in ("type", "wikidata", "name_order", "note", "sources", "examples")
        if getattr(old, name) != getattr(new, name)
    ]
    old_blocks = {b.lang: b for b in old.names}
    for block in new.names:
        before = old_blocks.get(block.lang)
        if before is None:
            continue
        changed.extend(
            f"{block.lang}.{name}" for name in ("note", "sources") if getattr(before, name) != getattr(block, name)
        )
        m1, m2 = _listed(before), _listed(block)
        if any(m1[form] != m2[form] for form in m1.keys() & m2.keys()):
            changed.append(f"{block.lang} notes or sources of listed forms")
    return tuple(changed)


def diff_glossaries(old_entries: Iterable[Entry], new_entries: Iterable[Entry]) -> list[EntryChange]:
    """Per entity (sorted by id): forms added, removed or changed, and other fields changed."""
    old = {e.id: e for e in old_entries}
    new = {e.id: e for e in new_entries}
    out: list[EntryChange] = []
    for entry_id in sorted(old.keys() | new.keys()):
        a, b = old.get(entry_id), new.get(entry_id)
        if a == b:
            continue
        before = form_states(a) if a is not None else {}
        after = form_states(b) if b is not None else {}
        forms = []
        for key in sorted(before.keys() | after.keys()):
            s, t = before.get(key), after.get(key)
            if s != t:
                forms.append(FormChange(key[0], key[1], s, t))
        kind: Literal["added", "removed", "changed"] = "added" if a is None else "removed" if b is None else "changed"
        fields = _field_changes(a, b) if a is not None and b is not None else ()
        out.append(EntryChange(entry_id, kind, tuple(forms), fields))
    return out


def _glossary(entries: Iterable[Entry]) -> Glossary:
    return Glossary(entries=tuple(sorted(entries, key=lambda e: e.id)))


def sample_changes(
    old_entries: Sequence[Entry],
    new_entries: Sequence[Entry],
    samples: Iterable[tuple[str, str]] = (),
) -> list[SampleChange]:
    """Sentences fixed differently by the two revisions: every example of both, plus ``samples``
    ((lang, text) pairs), each once."""
    owners: dict[tuple[str, str], list[str]] = {}
    for entry in (*old_entries, *new_entries):
        for example in entry.examples:
            ids = owners.setdefault((example.lang, example.text), [])
            if entry.id not in ids:
                ids.append(entry.id)
    for lang, text in samples:
        owners.setdefault((lang, text), [])
    old_g, new_g = _glossary(old_entries), _glossary(new_entries)
    out = []
    for (lang, text), ids in owners.items():
        before, after = fix(text, lang, old_g), fix(text, lang, new_g)
        if before != after:
            out.append(SampleChange(lang, text, before, after, tuple(ids)))
    return out


def diff_revisions(
    old_spec: str,
    new_spec: str,
    *,
    cwd: str | PathLike[str] | None = None,
    samples: Iterable[tuple[str, str]] = (),
) -> GlossaryDiff:
    """Load two revisions (paths or ``git:REV:PATH``) and diff them."""
    old, new = load_revision(old_spec, cwd=cwd), load_revision(new_spec, cwd=cwd)
    return GlossaryDiff(tuple(diff_glossaries(old, new)), tuple(sample_changes(old, new, samples)))


# --- Markdown -------------------------------------------------------------------------------------


def _cell(text: str) -> str:
    text = " ".join(text.split()).replace("|", "\\|")
    return f"`{text}`" if "`" not in text else text.replace("`", "\\`")


def render_markdown(diff: GlossaryDiff, title: str = "Glossary changes") -> str:
    """A pull-request comment: a summary line, a table per entity, the sentences fixed differently."""
    counts = {k: sum(1 for c in diff.entries if c.kind == k) for k in ("added", "changed", "removed")}
    lines = [f"## {title}", ""]
    if not diff.entries and not diff.samples:
        lines.append("No change to any entity, and no sample sentence is fixed differently.")
        return "\n".join(lines) + "\n"
    lines.append(
        f"**{counts['added']} added, {counts['changed']} changed, {counts['removed']} removed**; "
        f"{len(diff.samples)} sample sentence{'s' if len(diff.samples) != 1 else ''} fixed differently."
    )
    for change in diff.entries:
        lines += ["", f"### `{change.id}` ({change.kind})", ""]
        if change.forms:
            lines += ["| lang | form | before | after |", "|---|---|---|---|"]
            for f in change.forms:
                before = f.old.describe() if f.old else "—"
                after = f.new.describe() if f.new else "—"
                lines.append(f"| {f.lang} | {_cell(f.form)} | {before} | {after} |")
        if change.fields:
            lines += ["", "Also changed: " + ", ".join(change.fields) + "."]
    if diff.samples:
        lines += [
            "",
            "### Sentences fixed differently",
            "",
            "| lang | sentence | before | after |",
            "|---|---|---|---|",
        ]
        for s in diff.samples:
            lines.append(f"| {s.lang} | {_cell(s.text)} | {_cell(s.old)} | {_cell(s.new)} |")
    return "\n".join(lines) + "\n"
