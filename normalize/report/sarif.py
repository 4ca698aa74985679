"""SARIF 2.1.0 output for code scanning: rules from :data:`RULES`, safe fixes as SARIF ``fixes``.

Columns are UTF-16 code units (``columnKind``), as GitHub expects; offsets are converted here,
at output, from the ``str`` offsets the linter uses.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from ..findings import RULES, Finding
from . import Context, FileResult

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
_BASE = "%SRCROOT%"


def emit(stream: TextIO, results: Sequence[FileResult], context: Context) -> None:
    """Write one SARIF log with one run."""
    from .. import __version__

    rule_ids = list(RULES)
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "normalize",
                "version": __version__,
                "rules": [_rule(rule_id) for rule_id in rule_ids],
            }
        },
        "originalUriBaseIds": {_BASE: {"uri": Path.cwd().as_uri() + "/"}},
        "columnKind": "utf16CodeUnits",
        "results": [_result(r, f, rule_ids) for r in results for f in r.findings],
    }
    json.dump({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}, stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def _rule(rule_id: str) -> dict[str, Any]:
    severity, description = RULES[rule_id]
    return {
        "id": rule_id,
        "name": "".join(part.capitalize() for part in rule_id.split("-")),
        "shortDescription": {"text": description},
        "defaultConfiguration": {"level": LEVELS[severity]},
    }


def _result(result: FileResult, finding: Finding, rule_ids: list[str]) -> dict[str, Any]:
    location = _artifact(result.path)
    region = _region(result, finding)
    out: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_ids.index(finding.rule),
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": {"artifactLocation": location, "region": region}}],
    }
    if finding.entry is not None:
        out["properties"] = {"entry": finding.entry}
    if finding.replacement is not None:
        verb = f"Replace with '{finding.replacement}'" if finding.replacement else "Remove"
        deleted = {k: v for k, v in region.items() if k != "snippet"}
        change = {"deletedRegion": deleted, "insertedContent": {"text": finding.replacement}}
        out["fixes"] = [
            {
                "description": {"text": verb},
                "artifactChanges": [{"artifactLocation": location, "replacements": [change]}],
            }
        ]
    return out


def _artifact(path: str) -> dict[str, str]:
    """A URI relative to the working folder (``%SRCROOT%``) when possible, else an absolute one."""
    if path == "-":
        return {"uri": "stdin"}
    absolute = os.path.abspath(path)
    relative = os.path.relpath(absolute)
    if relative.startswith(".."):
        return {"uri": Path(absolute).as_uri()}
    return {"uri": quote(relative.replace(os.sep, "/")), "uriBaseId": _BASE}


def _region(result: FileResult, finding: Finding) -> dict[str, Any]:
    end_line, _ = result.position(finding.end)
    return {
        "startLine": finding.line,
        "startColumn": _utf16_column(result, finding.start),
        "endLine": end_line,
        "endColumn": _utf16_column(result, finding.end),
        "snippet": {"text": finding.text},
    }


def _utf16_column(result: FileResult, offset: int) -> int:
    line, _ = result.position(offset)
    before = result.text[result.line_starts[line - 1] : offset]
    return 1 + len(before.encode("utf-16-le")) // 2
