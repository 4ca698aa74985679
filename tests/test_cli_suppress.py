"""Inline suppression in Markdown and plain text."""

from __future__ import annotations

from pathlib import Path

from .cli_support import fix, lint


def _lines(path: Path) -> list[int]:
    out = lint(path, "--lang", "de", "-q")
    return [int(line.split(":")[1]) for line in out.stdout.splitlines()]


def test_markdown_region_and_next_line(tmp_path: Path) -> None:
    path = tmp_path / "d.md"
    path.write_text(
        "Die GOS eins.\n"  # 1
        "\n"
        "<!-- normalize: off -->\n"  # 3
        "Die GOS zwei.\n"  # 4
        "<!-- normalize: on -->\n"  # 5
        "\n"
        "Die GOS drei.\n"  # 7
        "<!-- normalize: disable-next-line -->\n"  # 8
        "Die GOS vier.\n"  # 9
        "Die GOS fünf.\n"  # 10
        "\n"
        "```\n<!-- normalize: off -->\n```\n"  # 12-14: a directive in code is only text
        "Die GOS sechs.\n",  # 15
        encoding="utf-8",
    )
    assert _lines(path) == [1, 7, 10, 15]


def test_markdown_rule_lists(tmp_path: Path) -> None:
    path = tmp_path / "d.md"
    path.write_text(
        "<!-- normalize: off variant -->\n"  # 1
        "Die GOS in Weißrussland.\n"  # 2: only the mistranslation
        "<!-- normalize: on variant -->\n"
        "Die GOS in Weißrussland.\n"  # 4: both
        "<!-- normalize: disable-next-line mistranslation, variant -->\n"
        "Die GOS in Weißrussland.\n"  # 6: none
        "Text <!-- normalize: disable-next-line variant --> inline\n"  # 7
        "Die GOS in Weißrussland.\n",  # 8: only the mistranslation
        encoding="utf-8",
    )
    out = lint(path, "--lang", "de", "-q")
    found = [(int(line.split(":")[1]), line.split()[2]) for line in out.stdout.splitlines()]
    assert found == [
        (2, "[mistranslation]"),
        (4, "[mistranslation]"),
        (4, "[variant]"),
        (8, "[mistranslation]"),
    ]


def test_plain_text_directives(tmp_path: Path) -> None:
    path = tmp_path / "d.txt"
    path.write_text(
        "Die GOS eins.\n"  # 1
        "normalize: off\n"
        "Die GOS zwei.\n"  # 3
        "  normalize: on\n"
        "Die GOS drei.\n"  # 5
        "normalize: disable-next-line mistranslation\n"
        "Die GOS vier.\n"  # 7
        "<!-- normalize: disable-next-line -->\n"
        "Die GOS fünf.\n"  # 9
        "Er sagte normalize: off im Satz.\n"  # 10: not on a line of its own
        "Die GOS sechs.\n",  # 11
        encoding="utf-8",
    )
    assert _lines(path) == [1, 5, 11]


def test_suppressed_findings_are_not_fixed(tmp_path: Path) -> None:
    path = tmp_path / "d.txt"
    path.write_text("normalize: off\nDie GOS.\nnormalize: on\nDie GOS.\n", encoding="utf-8")
    fix(path, "--lang", "de", "--in-place")
    assert path.read_text(encoding="utf-8") == "normalize: off\nDie GOS.\nnormalize: on\nDie SOZ.\n"
