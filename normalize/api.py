"""The library API: lint a text, fix a text."""

from __future__ import annotations

from collections.abc import Collection

from . import identifiers
from .checks import consistency, glosses, nearmiss, terms
from .document import Document
from .findings import Finding
from .model import Glossary
from .rewrite import apply_fixes

_DEFAULT: Glossary | None = None

#: Fixing stops after this many rounds even if a fix keeps enabling another.
MAX_FIX_ROUNDS = 5


def default_glossary() -> Glossary:
    """The bundled glossary, loaded once per process."""
    global _DEFAULT
    if _DEFAULT is None:
        from .loader import load_glossary

        _DEFAULT = load_glossary()
    return _DEFAULT


def lint(
    text: str,
    lang: str,
    glossary: Glossary | None = None,
    *,
    select: Collection[str] | None = None,
    ignore: Collection[str] = (),
) -> list[Finding]:
    """Findings for ``text`` written in ``lang``, sorted by start offset.

    ``select`` keeps only those rule ids; ``ignore`` drops rule ids.
    """
    doc = Document(text, lang, glossary if glossary is not None else default_glossary())
    resolved = terms.resolve(doc)
    gloss_findings = glosses.check(doc, resolved)
    covered = [(f.start, f.end) for f in gloss_findings]
    findings = list(gloss_findings)
    for item in resolved:
        if item.finding is None:
            continue
        if any(s <= item.start and item.end <= e for s, e in covered):
            continue
        findings.append(item.finding)
    findings += [
        f for f in nearmiss.check(doc, resolved) if not any(s <= f.start and f.end <= e for s, e in covered)
    ]
    findings += consistency.check(doc, resolved)
    findings = [
        f for f in findings if (select is None or f.rule in select) and f.rule not in ignore
    ]
    ids = identifiers.spans(text)
    if ids:  # web and e-mail addresses, handles, hashtags: names of things elsewhere, never prose
        findings = [f for f in findings if not identifiers.inside(ids, f.start, f.end)]
    findings.sort(key=lambda f: (f.start, f.end, f.rule))
    return findings


def fix(
    text: str,
    lang: str,
    glossary: Glossary | None = None,
    *,
    select: Collection[str] | None = None,
    ignore: Collection[str] = (),
) -> str:
    """``text`` with every safe fix applied, repeated until nothing changes (at most a few rounds)."""
    glossary = glossary if glossary is not None else default_glossary()
    for _ in range(MAX_FIX_ROUNDS):
        new, applied = apply_fixes(text, lint(text, lang, glossary, select=select, ignore=ignore))
        if not applied or new == text:
            return new
        text = new
    return text
