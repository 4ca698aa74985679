"""Markdown: only prose is linted and fixed; offsets, lines and columns refer to the file."""

from __future__ import annotations

import json
from pathlib import Path

from .cli_support import fix, lint

DOC = """\
---
title: GOS
---
# Die GOS in `GOS`

Die GOS tagte, siehe [Weißrussland](https://example.com/GOS "GOS") und <https://x.org/GOS>.
Bare https://example.com/GOS und <span title="GOS">GOS</span> hier.

> Zitat GOS
> > tief Weißrussland

- Punkt GOS
  weiter Weißrussland

| Land GOS | Code | Name |
|---|---|---|
| Weißrussland | `GOS` | x GOS y |

![Karte Weißrussland `GOS`](img/GOS.png)

```
GOS im Code
```

    GOS eingerückt

<div>
GOS in HTML
</div>

[ref]: https://GOS.example "GOS"
"""

#: (line, column) of every prose occurrence, and only those.
PROSE = [
    (4, 7),
    (6, 5),
    (6, 23),
    (7, 52),
    (9, 9),
    (10, 10),
    (12, 9),
    (13, 10),
    (15, 8),
    (17, 3),
    (17, 28),
    (19, 9),
]


def test_only_prose_is_linted(tmp_path: Path) -> None:
    path = tmp_path / "doc.md"
    path.write_text(DOC, encoding="utf-8")
    data = json.loads(lint(path, "--lang", "de", "--format", "json").stdout)
    findings = data["files"][0]["findings"]
    assert [(f["line"], f["column"]) for f in findings] == PROSE
    lines = DOC.split("\n")
    for f in findings:
        assert DOC[f["start"] : f["end"]] == f["text"]
        assert lines[f["line"] - 1][f["column"] - 1 :].startswith(f["text"])


def test_markup_flag_overrides_the_extension(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_text(DOC, encoding="utf-8")
    as_text = json.loads(lint(path, "--lang", "de", "--format", "json").stdout)
    as_markdown = json.loads(lint(path, "--lang", "de", "--format", "json", "--markup", "markdown").stdout)
    assert len(as_text["files"][0]["findings"]) > len(PROSE)
    assert len(as_markdown["files"][0]["findings"]) == len(PROSE)
    md = tmp_path / "doc.md"
    md.write_text("`GOS`\n", encoding="utf-8")
    assert lint(md, "--lang", "de", "--markup", "text").returncode == 1


def test_stdin_markdown_by_stdin_filename() -> None:
    out = lint("-", "--lang", "de", "--stdin-filename", "x.md", input="`GOS` und GOS\n", env={})
    assert out.stdout.splitlines()[0].startswith("x.md:1:11: error")
    assert "Found 1 problem" in out.stdout


def test_fix_touches_prose_only(tmp_path: Path) -> None:
    path = tmp_path / "doc.md"
    path.write_text(DOC, encoding="utf-8")
    out = fix(path, "--lang", "de", "--in-place")
    assert out.returncode == 0, out.stdout + out.stderr
    fixed = path.read_text(encoding="utf-8")
    assert "```\nGOS im Code\n```" in fixed
    assert '(https://example.com/GOS "GOS")' in fixed
    assert "[Belarus](https://example.com/GOS" in fixed
    assert "| Belarus | `GOS` | x SOZ y |" in fixed
    assert "![Karte Belarus `GOS`](img/GOS.png)" in fixed
    assert fixed.count("GOS") == DOC.count("GOS") - len(
        [p for p in PROSE if DOC.split("\n")[p[0] - 1][p[1] - 1 :].startswith("GOS")]
    )
    again = fix(path, "--lang", "de", "--check")
    assert again.returncode == 0


def test_crlf_markdown_keeps_offsets(tmp_path: Path) -> None:
    path = tmp_path / "doc.md"
    path.write_bytes(b"# Titel\r\n\r\nDie `GOS` und GOS.\r\n")
    out = lint(path, "--lang", "de", "-q")
    assert out.stdout.strip().startswith(f"{path}:3:15: error [mistranslation]")


def test_table_cells_are_found_in_their_own_column(tmp_path: Path) -> None:
    """An escaped pipe makes a cell unfindable: it is skipped, and the next cells still line up."""
    path = tmp_path / "t.md"
    path.write_text("> | a \\| GOS | GOS |\n> |---|---|\n> | x GOS | `GOS` | GOS extra |\n", encoding="utf-8")
    data = json.loads(lint(path, "--lang", "de", "--format", "json").stdout)
    assert [(f["line"], f["column"]) for f in data["files"][0]["findings"]] == [(1, 16), (3, 7)]
