"""The glossary commands: ``normalize glossary check|fmt|diff|export|import|suggest`` and ``normalize lookup``.

Registered by :func:`normalize.cli.parser`; the library functions (``normalize.workflow`` and its
dependencies: ruamel.yaml, defusedxml, wordfreq) are imported only when one of these commands runs,
so ``normalize lint`` starts as fast as before.

Exit codes as for ``lint``: 0 fine; 1 ``check`` found something at or above ``--fail-on``, ``fmt
--check`` would reformat a file, ``lookup`` found nothing; 2 usage error, a glossary that cannot be
loaded, formatted or read, a bad revision or TBX file. Errors are one line each, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from .cli import UsageError, _fail, _Formatter
from .findings import SEVERITY_ORDER

#: ``glossary check --format`` (the keys of ``normalize.workflow.RENDERERS``, not imported here).
CHECK_FORMATS = ("text", "github", "json")
EXPORT_FORMATS = ("tbx",)
GLOSSARY_COMMANDS = ("check", "fmt", "diff", "export", "import", "suggest")
#: ``glossary suggest --format``.
SUGGEST_FORMATS = ("text", "yaml", "json")

_GLOSSARY = "Check, format, diff and exchange glossary files."
_CHECK = (
    "Check glossaries: the loader's errors, every entry's examples, and warnings for a human (ambiguous "
    "names, common words, missing sources or preferred forms, look-alike letters). Default: the bundled glossaries."
)
_FMT = "Rewrite glossary files in the canonical layout (comments are kept). Default: the bundled glossaries."
_DIFF = (
    "A Markdown report of what changed between two glossary revisions: forms added, removed or with a new "
    "status per entity, and the sentences the two fix differently. OLD and NEW are files, folders or "
    "git:REV:PATH (e.g. git:origin/main:glossaries)."
)
_EXPORT = "Export glossaries as TBX-Basic for CAT tools. Default: the bundled glossaries."
_IMPORT = "Convert a TBX file into a glossary YAML file (canonical layout)."
_SUGGEST = (
    "Propose candidate forms of a native name (Cyrillic or Han) for each target language, one per "
    "transliteration scheme, and say what the glossary already knows about it. Candidates are not glossary "
    "facts: check every form against a source. --format yaml prints a ready-to-edit entry with sources: []."
)
_LOOKUP = "Show which entity a spelling belongs to, with all its forms per language, their status and sources."


def add_parsers(sub: Any, commands: Sequence[str]) -> None:
    """Add ``glossary`` (with its subcommands) and ``lookup`` to the ``normalize`` parser."""
    if "glossary" in commands:
        glossary = sub.add_parser("glossary", formatter_class=_Formatter, help=_GLOSSARY, description=_GLOSSARY)
        gsub = glossary.add_subparsers(
            dest="glossary_command", required=True, metavar="{" + ",".join(GLOSSARY_COMMANDS) + "}"
        )
        _add_check(gsub)
        _add_fmt(gsub)
        _add_diff(gsub)
        _add_export(gsub)
        _add_import(gsub)
        _add_suggest(gsub)
    if "lookup" in commands:
        lookup = sub.add_parser("lookup", formatter_class=_Formatter, help=_LOOKUP, description=_LOOKUP)
        lookup.add_argument("form", metavar="FORM", help="the spelling to look up (case and diacritics do not count)")
        lookup.add_argument("--lang", help="only forms of this language (and its subtags: zh includes zh-Latn-pinyin)")
        _glossary_options(lookup)
        lookup.add_argument("--no-cache", action="store_true", help="do not read or write the compiled-glossary cache")


def _glossary_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--glossary", action="append", default=[], metavar="PATH", help="extra glossary file or folder (repeatable)"
    )
    parser.add_argument("--no-bundled", action="store_true", help="do not load the bundled glossaries")


def _add_check(gsub: Any) -> None:
    check = gsub.add_parser("check", formatter_class=_Formatter, help=_CHECK, description=_CHECK)
    check.add_argument("paths", nargs="*", metavar="PATH", help="glossary files or folders (default: the bundled ones)")
    check.add_argument(
        "--no-bundled",
        action="store_true",
        help="check PATHs on their own, not in the context of the bundled glossaries",
    )
    check.add_argument("--format", choices=CHECK_FORMATS, default="text", help="output format (default: text)")
    check.add_argument(
        "--fail-on",
        choices=SEVERITY_ORDER,
        default="warning",
        help="lowest severity that makes the exit code 1 (default: warning; CI uses error)",
    )


def _add_fmt(gsub: Any) -> None:
    fmt = gsub.add_parser("fmt", formatter_class=_Formatter, help=_FMT, description=_FMT)
    fmt.add_argument("paths", nargs="*", metavar="PATH", help="glossary files or folders (default: the bundled ones)")
    fmt.add_argument("--check", action="store_true", help="change no file; exit 1 and name the files that would change")


def _add_diff(gsub: Any) -> None:
    diff = gsub.add_parser("diff", formatter_class=_Formatter, help=_DIFF, description=_DIFF)
    diff.add_argument("old", metavar="OLD", help="the old revision: a file, a folder or git:REV:PATH")
    diff.add_argument("new", metavar="NEW", help="the new revision: a file, a folder or git:REV:PATH")
    diff.add_argument(
        "--sample",
        nargs=2,
        action="append",
        default=[],
        metavar=("LANG", "SENTENCE"),
        help="also show whether this sentence is fixed differently (repeatable; every entry's examples are used)",
    )
    diff.add_argument("--title", default="Glossary changes", help="the report's heading")


def _add_export(gsub: Any) -> None:
    export = gsub.add_parser("export", formatter_class=_Formatter, help=_EXPORT, description=_EXPORT)
    export.add_argument(
        "paths", nargs="*", metavar="PATH", help="glossary files or folders, added to the bundled ones"
    )
    export.add_argument("--format", choices=EXPORT_FORMATS, default="tbx", help="exchange format (default: tbx)")
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE (atomically) instead of stdout")
    export.add_argument("--no-bundled", action="store_true", help="export only the PATHs")


def _add_import(gsub: Any) -> None:
    imp = gsub.add_parser("import", formatter_class=_Formatter, help=_IMPORT, description=_IMPORT)
    imp.add_argument("file", metavar="FILE", help="a TBX file (TBX-Basic; TBX v2 best effort)")
    imp.add_argument("-o", "--output", metavar="OUT", help="write the YAML to OUT (atomically) instead of stdout")


def _add_suggest(gsub: Any) -> None:
    suggest = gsub.add_parser("suggest", formatter_class=_Formatter, help=_SUGGEST, description=_SUGGEST)
    suggest.add_argument(
        "--native", required=True, metavar="TEXT", help='the name in its own script, e.g. "Мирзиёев Шавкат" or 王毅'
    )
    suggest.add_argument(
        "--lang",
        action="append",
        default=[],
        metavar="TAG",
        help="target language (repeatable): de, en, zh-Latn-wadegile, zh-Latn-pinyin; default: every one the "
        "schemes cover for the script (zh-Latn-pinyin only on request)",
    )
    suggest.add_argument(
        "--from",
        dest="source",
        metavar="TAG",
        help="language of the native form: ru (default for Cyrillic), uk, be, kk, ky, uz, tg, mn, bg, sr, mk; "
        "zh for Han",
    )
    suggest.add_argument("--script", default="auto", help="script of the native form: auto (default), Cyrl, Hani")
    suggest.add_argument(
        "--order",
        choices=("auto", "given-first", "family-first"),
        default="auto",
        help="name order of the input (default: auto, from patronymic and family-name endings)",
    )
    suggest.add_argument(
        "--format", choices=SUGGEST_FORMATS, default="text", help="output format (default: text; yaml: an entry skeleton)"
    )
    _glossary_options(suggest)
    suggest.add_argument("--no-cache", action="store_true", help="do not read or write the compiled-glossary cache")


def run_command(args: argparse.Namespace) -> int:
    """Run a parsed ``glossary`` or ``lookup`` command; returns the exit code."""
    if args.command == "lookup":
        return _lookup(args)
    command = {"check": _check, "fmt": _fmt, "diff": _diff, "export": _export, "import": _import, "suggest": _suggest}
    return command[args.glossary_command](args)


# --- the commands ---------------------------------------------------------------------------------


def _check(args: argparse.Namespace) -> int:
    from .loader import bundled_dir, glossary_files
    from .workflow import RENDERERS, check_glossary, exit_code

    if not args.paths and args.no_bundled:
        raise UsageError("nothing to check: give a glossary PATH, or drop --no-bundled to check the bundled ones")
    files = glossary_files(args.paths or [bundled_dir()])
    if not files:
        print(f"normalize: warning: no glossary files in {' '.join(args.paths)}", file=sys.stderr)
    diagnostics = check_glossary(args.paths, bundled=not args.no_bundled)
    text = RENDERERS[args.format](diagnostics)
    if args.format == "text":
        text += _summary([d.severity for d in diagnostics], len(files))
    _write(sys.stdout, text, machine=args.format != "text")
    return exit_code(diagnostics, args.fail_on)


def _summary(severities: list[str], files: int) -> str:
    where = f"in {files} file{'s' * (files != 1)}"
    if not severities:
        return f"No problems found {where}.\n"
    counts = [(severities.count(s), s) for s in SEVERITY_ORDER]
    parts = ", ".join(f"{n} {s}{'s' * (n != 1)}" for n, s in counts if n)
    return f"Found {parts} {where}.\n"


def _fmt(args: argparse.Namespace) -> int:
    from .loader import bundled_dir, glossary_files
    from .workflow import FormatError, format_file

    files = glossary_files(args.paths or [bundled_dir()])
    if not files:
        print(f"normalize: warning: no glossary files in {' '.join(args.paths)}", file=sys.stderr)
    changed: list[Path] = []
    failed: list[str] = []
    for path in files:
        try:
            if format_file(path, check=args.check):
                changed.append(path)
        except FormatError as exc:  # str: path:line:col: reason
            failed.append(str(exc))
        except UnicodeDecodeError as exc:
            line = exc.object[: exc.start].count(b"\n") + 1
            failed.append(f"{path}:{line}:1: file is not valid UTF-8")
        except OSError as exc:
            failed.append(f"{path}: cannot {'read' if args.check else 'format'}: {exc.strerror or exc}")
    for message in failed:
        _fail(message)
    lines = [f"{'would reformat' if args.check else 'reformatted'} {path}" for path in changed]
    n, total = len(changed), len(files) - len(failed)
    if n:
        lines.append(f"{n} of {total} file{'s' * (total != 1)} {'would be ' if args.check else ''}reformatted.")
    elif total:
        lines.append(f"{total} file{'s' * (total != 1)} already formatted.")
    _write(sys.stdout, "".join(line + "\n" for line in lines))
    return 2 if failed else int(args.check and bool(changed))


def _diff(args: argparse.Namespace) -> int:
    from .workflow import RevisionError, diff_revisions, render_markdown

    try:
        diff = diff_revisions(args.old, args.new, samples=[(lang, text) for lang, text in args.sample])
    except RevisionError as exc:
        return _fail(str(exc))
    _write(sys.stdout, render_markdown(diff, title=args.title))
    return 0


def _export(args: argparse.Namespace) -> int:
    from .loader import load_glossary
    from .workflow import export_tbx, write_tbx

    if not args.paths and args.no_bundled:
        raise UsageError("nothing to export: give a glossary PATH, or drop --no-bundled to export the bundled ones")
    entries = load_glossary(*args.paths, bundled=not args.no_bundled).entries
    if args.output is None:
        _write_bytes(export_tbx(entries))
        return 0
    try:
        write_tbx(args.output, entries)
    except OSError as exc:
        return _fail(f"{args.output}: cannot write: {exc.strerror or exc}")
    print(f"Exported {len(entries)} entr{'ies' if len(entries) != 1 else 'y'} to {args.output}.", file=sys.stderr)
    return 0


def _import(args: argparse.Namespace) -> int:
    from .workflow import FormatError, TbxError, entries_to_yaml, read_tbx
    from .workflow.fmt import write_atomic

    try:
        entries = read_tbx(args.file)
    except TbxError as exc:
        return _fail(f"{args.file}: {exc}")
    except OSError as exc:
        return _fail(f"{args.file}: cannot read: {exc.strerror or exc}")
    if not entries:
        return _fail(f"{args.file}: no concept entries to import")
    try:
        text = entries_to_yaml(entries, header=f"Imported from {Path(args.file).name} by normalize glossary import.")
    except FormatError as exc:
        return _fail(f"{args.file}: cannot write the entries as YAML: {exc.reason}")
    if args.output is None:
        _write(sys.stdout, text, machine=True)
        return 0
    try:
        write_atomic(args.output, text)
    except OSError as exc:
        return _fail(f"{args.output}: cannot write: {exc.strerror or exc}")
    print(f"Imported {len(entries)} entr{'ies' if len(entries) != 1 else 'y'} into {args.output}.", file=sys.stderr)
    return 0


def _lookup(args: argparse.Namespace) -> int:
    from .cache import load
    from .workflow import lookup, render_lookup, suggest

    if args.no_bundled and not args.glossary:
        raise UsageError("--no-bundled needs a --glossary PATH to look in")
    glossary = load(args.glossary, bundled=not args.no_bundled, use_cache=not args.no_cache)
    results = lookup(args.form, glossary, args.lang)
    close = suggest(args.form, glossary, args.lang) if not results else []
    _write(sys.stdout, render_lookup(args.form, results, close))
    return 0 if results else 1


def _suggest(args: argparse.Namespace) -> int:
    from .workflow import SuggestError, render_suggestion, suggest_forms

    glossary = None
    if args.glossary or not args.no_bundled:  # --no-bundled alone: candidates only, no glossary
        from .cache import load

        glossary = load(args.glossary, bundled=not args.no_bundled, use_cache=not args.no_cache)
    try:
        result = suggest_forms(
            args.native,
            args.lang,
            glossary=glossary,
            source=args.source,
            script=args.script,
            order=None if args.order == "auto" else args.order,
        )
    except SuggestError as exc:
        return _fail(str(exc))
    _write(sys.stdout, render_suggestion(result, args.format), machine=args.format != "text")
    return 0


# --- output ---------------------------------------------------------------------------------------


def _write(stream: TextIO, text: str, *, machine: bool = False) -> None:
    """Machine formats are always UTF-8; text on a non-UTF-8 terminal escapes what it cannot show."""
    if hasattr(stream, "reconfigure"):
        if machine:
            stream.reconfigure(encoding="utf-8")
        elif (stream.encoding or "").lower().replace("-", "") != "utf8":
            stream.reconfigure(errors="backslashreplace")
    stream.write(text)
    stream.flush()


def _write_bytes(data: bytes) -> None:
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.flush()
