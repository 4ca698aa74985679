"""JSON output: ``{"version": 1, "files": [{"path", "findings"}], "summary"}``, findings as the library gives them."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TextIO

from . import Context, FileResult, summary

VERSION = 1


def emit(stream: TextIO, results: Sequence[FileResult], context: Context) -> None:
    """Write one JSON document; every file is listed, with or without findings."""
    document = {
        "version": VERSION,
        "files": [{"path": r.path, "findings": [f.to_dict() for f in r.findings]} for r in results],
        "summary": summary(results, context),
    }
    json.dump(document, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
