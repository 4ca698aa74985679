"""The ``normalize`` command (first version: ``lint`` and ``fix`` on files)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = argparse.ArgumentParser(prog="normalize", description="Keep names consistent across languages.")
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("lint", "fix"):
        cmd = sub.add_parser(name)
        cmd.add_argument("paths", nargs="+")
        cmd.add_argument("--lang", required=True)
        cmd.add_argument("--glossary", action="append", default=[])
    args = parser.parse_args(argv)
    from . import GlossaryError, fix, lint, load_glossary

    try:
        glossary = load_glossary(*args.glossary)
    except GlossaryError as exc:
        print(exc, file=sys.stderr)
        return 2
    worst = 0
    for path in args.paths:
        try:
            with open(path, encoding="utf-8-sig") as handle:
                text = handle.read()
        except (OSError, UnicodeDecodeError) as exc:
            print(f"{path}: cannot read: {exc}", file=sys.stderr)
            worst = 2
            continue
        if args.command == "fix":
            fixed = fix(text, args.lang, glossary)
            if fixed != text:
                with open(path, "w", encoding="utf-8") as handle:
                    handle.write(fixed)
            text = fixed
        for f in lint(text, args.lang, glossary):
            print(f"{path}:{f.line}:{f.column}: {f.severity} [{f.rule}] {f.message}")
            if f.severity in ("error", "warning"):
                worst = max(worst, 1)
    return worst


if __name__ == "__main__":
    sys.exit(main())
