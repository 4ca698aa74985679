"""The glossary workflow: check, format, diff, look up, and exchange glossaries as TBX.

Library functions behind ``normalize glossary check|fmt|diff|export|import|suggest`` and
``normalize lookup``. ``import normalize`` does not import this package, so linting never loads
its dependencies (ruamel.yaml, defusedxml; wordfreq only when the ``common-word`` check runs).
"""

from __future__ import annotations

from .check import check_glossary, diagnose
from .diagnostics import CHECKS, RENDERERS, Diagnostic, exit_code, render_github, render_json, render_text
from .diff import EntryChange, GlossaryDiff, diff_glossaries, diff_revisions, render_markdown, sample_changes
from .fmt import FormatError, format_file, format_text
from .lookup import LookupResult, lookup, render_lookup, suggest
from .revision import RevisionError, load_revision
from .serialize import entries_to_yaml
from .suggestions import Suggestion, SuggestError, render_suggestion, suggest_forms
from .tbx import TbxError, export_tbx, import_tbx, read_tbx, write_tbx

__all__ = [
    "CHECKS",
    "RENDERERS",
    "Diagnostic",
    "EntryChange",
    "FormatError",
    "GlossaryDiff",
    "LookupResult",
    "RevisionError",
    "SuggestError",
    "Suggestion",
    "TbxError",
    "check_glossary",
    "diagnose",
    "diff_glossaries",
    "diff_revisions",
    "entries_to_yaml",
    "exit_code",
    "export_tbx",
    "format_file",
    "format_text",
    "import_tbx",
    "load_revision",
    "lookup",
    "read_tbx",
    "render_github",
    "render_json",
    "render_lookup",
    "render_markdown",
    "render_suggestion",
    "render_text",
    "sample_changes",
    "suggest",
    "suggest_forms",
    "write_tbx",
]
