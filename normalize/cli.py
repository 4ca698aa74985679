"""The ``normalize`` command: ``lint`` and ``fix`` drafts, with the exit codes linters use; the
glossary commands (``glossary check|fmt|diff|export|import``, ``lookup``) are in :mod:`.cli_glossary`.

Exit codes: 0 nothing at or above ``--fail-on``; 1 findings at or above it (or ``fix --check``
would change something); 2 usage error, invalid configuration or glossary, unreadable input.
"""

from __future__ import annotations

import gc
import os
import sys

_GC = gc.isenabled()
gc.disable()  # the modules imported now live until the end: a collection would walk them and free nothing
try:
    import argparse
    import functools
    from collections.abc import Sequence
    from typing import TYPE_CHECKING, NoReturn, TextIO

    from . import __version__, config
    from .config import ConfigError, Options
    from .files import (
        DEFAULT_EXCLUDE,
        DEFAULT_INCLUDE,
        InputError,
        Source,
        encode,
        expand,
        markup_for,
        read_source,
    )
    from .findings import RULES, SEVERITY_ORDER
    from .report import FORMATS, Context, FileResult, emitter
    from .runner import GlossaryKey, Job, Outcome, Task, run
finally:
    if _GC:
        gc.enable()

if TYPE_CHECKING:
    from .model import Glossary


class UsageError(Exception):
    """Bad arguments; the message is printed on one line and the exit code is 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see '{self.prog} --help')")


class _Formatter(argparse.HelpFormatter):
    """Help at the terminal's width, measured without importing shutil (start-up time)."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=_width())


@functools.lru_cache(maxsize=1)
def _width() -> int:
    try:
        columns = os.get_terminal_size(sys.stdout.fileno()).columns
    except (OSError, ValueError):
        columns = int(os.environ["COLUMNS"]) if os.environ.get("COLUMNS", "").isdigit() else 80
    return max(40, columns - 2)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code.

    Run as the command (``argv`` is ``None``), the process ends here once the output is flushed:
    tearing the interpreter down would free the glossary's objects one by one, for nothing.
    """
    code = _guarded(argv)
    if argv is None:
        _exit_now(code)
    return code


def _exit_now(code: int) -> None:
    """``os._exit`` after flushing stdout and stderr; a normal exit when something may need one."""
    if "coverage" in sys.modules or os.environ.get("NORMALIZE_DEBUG"):
        return  # coverage writes its data, a debugger its report, when the interpreter ends
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return  # e.g. a closed pipe: let the interpreter report it as it always does
    os._exit(code)


def _guarded(argv: Sequence[str] | None) -> int:
    try:
        return _main(argv)
    except (UsageError, ConfigError) as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. piped into head: stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except Exception as exc:
        loader = sys.modules.get("normalize.loader")  # a GlossaryError comes from the loader, imported by then
        if loader is not None and isinstance(exc, loader.GlossaryError):
            for problem in exc.problems:
                print(f"normalize: {problem}", file=sys.stderr)
            return 2
        # a bug: still one line, not a traceback, unless asked for
        if os.environ.get("NORMALIZE_DEBUG"):
            raise
        return _fail(f"internal error: {type(exc).__name__}: {exc} (NORMALIZE_DEBUG=1 shows the traceback)")


def _fail(message: str) -> int:
    print(f"normalize: {message}", file=sys.stderr)
    return 2


#: Every command; ``glossary`` and ``lookup`` are defined in :mod:`normalize.cli_glossary`.
COMMANDS = ("lint", "fix", "glossary", "lookup")


def parser(commands: Sequence[str] = COMMANDS) -> argparse.ArgumentParser:
    """The argument parser; building only the command being run saves start-up time."""
    common = _Parser(add_help=False, formatter_class=_Formatter)
    common.add_argument("paths", nargs="+", metavar="PATH", help="files, folders (searched recursively) or - for stdin")
    common.add_argument("--lang", help="language of the drafts, e.g. de (default: from configuration)")
    common.add_argument(
        "--glossary", action="append", default=[], metavar="PATH", help="extra glossary file or folder (repeatable)"
    )
    common.add_argument("--no-bundled", action="store_true", help="do not load the bundled glossaries")
    common.add_argument(
        "--select", action="append", metavar="RULE", help="only these rules (comma-separated, repeatable)"
    )
    common.add_argument(
        "--ignore", action="append", metavar="RULE", help="never these rules (comma-separated, repeatable)"
    )
    common.add_argument(
        "--fail-on", choices=SEVERITY_ORDER, help="lowest severity that makes the exit code 1 (default: warning)"
    )
    common.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    common.add_argument(
        "--markup", choices=("markdown", "text"), help="how to read files (default: by extension, .md is markdown)"
    )
    common.add_argument(
        "--include",
        action="append",
        metavar="GLOB",
        help=f"files to take from folders (default: {' '.join(DEFAULT_INCLUDE)})",
    )
    common.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="GLOB",
        help="files or folders to skip in folders (repeatable)",
    )
    common.add_argument(
        "--stdin-filename", metavar="NAME", help="name for stdin: for messages, configuration and markup"
    )
    common.add_argument(
        "-q", "--quiet", action="store_true", help="only the findings: no source lines, summary or progress"
    )
    common.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour output (default: auto; honours NO_COLOR)",
    )
    common.add_argument(
        "-j", "--jobs", type=int, default=0, metavar="N", help="processes to use (default: all cores for large runs)"
    )
    common.add_argument("--no-cache", action="store_true", help="do not read or write the compiled-glossary cache")
    top = _Parser(
        prog="normalize",
        description="Keep names consistent across languages: lint and fix drafts, check and look up the glossary.",
        formatter_class=_Formatter,
    )
    top.add_argument("--version", action="version", version=f"normalize {__version__}")
    sub = top.add_subparsers(
        dest="command", required=True, metavar="{" + ",".join(COMMANDS) + "}", parser_class=_Parser
    )
    if "lint" in commands:
        sub.add_parser("lint", parents=[common], formatter_class=_Formatter, help=_LINT, description=_LINT)
    if "fix" in commands:
        fix = sub.add_parser("fix", parents=[common], formatter_class=_Formatter, help=_FIX, description=_FIX)
        mode = fix.add_mutually_exclusive_group()
        mode.add_argument("--diff", action="store_true", help="print a unified diff; change no file")
        mode.add_argument("-i", "--in-place", action="store_true", help="rewrite the files")
        fix.add_argument("--check", action="store_true", help="exit 1 if anything would change; change no file")
    if "glossary" in commands or "lookup" in commands:
        from .cli_glossary import (
            add_parsers,  # not imported by lint and fix (start-up time)
        )

        add_parsers(sub, commands)
    return top


_LINT = "Report names that break the glossary."
_FIX = "Apply the safe fixes (to stdout, as a diff or in place); report the rest."


def _main(argv: Sequence[str] | None) -> int:
    args = _arguments(sys.argv[1:] if argv is None else list(argv))
    if args.command in ("glossary", "lookup"):
        from .cli_glossary import run_command

        return run_command(args)
    select = _rules(args.select, "--select")
    ignore = _rules(args.ignore, "--ignore") or ()
    paths = list(expand(args.paths, args.include or DEFAULT_INCLUDE, DEFAULT_EXCLUDE + tuple(args.exclude)))
    if args.command == "fix" and not (args.diff or args.in_place or args.check) and len(paths) != 1:
        raise UsageError(f"fix prints one fixed file; for {len(paths)} files use --diff, --in-place or --check")
    if not paths:
        print(f"normalize: warning: no files to check in {' '.join(args.paths)}", file=sys.stderr)

    # everything that can make the run invalid is checked before the first file is read or written
    jobs, errors = _jobs(paths, args, select, ignore)
    glossaries = _glossaries({job.glossary for job in jobs}, use_cache=not args.no_cache)
    if argv is None:  # the command, not a call from Python: what exists now lives until the process ends
        gc.freeze()  # so collections (here and in forked workers, whose pages stay shared) never walk it
    task = Task(fix=args.command == "fix", write=args.command == "fix" and args.in_place)
    progress = not args.quiet and sys.stderr.isatty() and len(jobs) > 1
    outcomes = list(run(jobs, task, glossaries, workers=args.jobs, progress=progress))

    for message in errors + [o.error for o in outcomes if o.error]:
        print(f"normalize: {message}", file=sys.stderr)
    done = [o for o in outcomes if o.result is not None]
    found = _report_fix(args, done) if task.fix else _report_lint(args, done)
    return 2 if errors or len(done) < len(outcomes) else found


def _arguments(argv: list[str]) -> argparse.Namespace:
    args = parser(argv[:1] if argv[:1] and argv[0] in COMMANDS else COMMANDS).parse_args(argv)
    if args.command not in ("lint", "fix"):
        return args
    if args.paths.count("-") > 1:
        raise UsageError("stdin (-) can be given only once")
    if args.command == "fix" and args.check and args.in_place:
        raise UsageError("--check and --in-place cannot be combined")
    if args.command == "fix" and args.in_place and "-" in args.paths:
        raise UsageError("--in-place cannot rewrite stdin; without it the fixed text is printed")
    return args


def _report_lint(args: argparse.Namespace, done: list[Outcome]) -> int:
    """Every file's findings on stdout; 1 if one is at or above its ``fail-on``."""
    _emit(sys.stdout, args, _results(done), Context(color=_color(args, sys.stdout), quiet=args.quiet))
    return int(any(o.failed for o in done))


def _report_fix(args: argparse.Namespace, done: list[Outcome]) -> int:
    """The fixed text, the diff or the rewritten files, and what is left; the exit code (0 or 1)."""
    changed = [o for o in done if o.changed]
    if args.check:
        if args.diff:
            _write_diffs(changed)
        for outcome in changed if not args.quiet else ():
            n = outcome.fixes
            stream = sys.stderr if args.diff else sys.stdout
            print(f"Would fix {n} problem{'s' * (n != 1)} in {outcome.job.path}", file=stream)
        return int(bool(changed))
    if args.diff:
        _write_diffs(changed)
    elif not args.in_place and done:
        _write_fixed(done[0])
    results = _results(done)
    if args.in_place:
        fixed = sum(o.fixes for o in done)
        _emit(sys.stdout, args, results, Context(_color(args, sys.stdout), args.quiet, fixed))
    elif any(r.findings for r in results):  # stdout holds the fixed text or the diff
        left = [r for r in results if r.findings]
        _emit(sys.stderr, args, left, Context(_color(args, sys.stderr), args.quiet))
    return int(any(o.failed for o in done))


def _results(done: list[Outcome]) -> list[FileResult]:
    return [o.result for o in done if o.result is not None]


def _rules(values: list[str] | None, flag: str) -> tuple[str, ...] | None:
    if values is None:
        return None
    rules = tuple(r.strip() for v in values for r in v.split(",") if r.strip())
    for rule in rules:
        if rule not in RULES:
            raise UsageError(f"{flag}: unknown rule '{rule}' (rules: {', '.join(RULES)})")
    return rules


def _jobs(
    paths: list[str], args: argparse.Namespace, select: tuple[str, ...] | None, ignore: tuple[str, ...]
) -> tuple[list[Job], list[str]]:
    """A job per path with flags over configuration; unreadable stdin becomes an error message."""
    flags = Options(
        lang=args.lang,
        bundled=False if args.no_bundled else None,
        select=select,
        ignore=ignore or None,
        fail_on=args.fail_on,
        markup=args.markup,
    )
    extra = tuple(args.glossary)
    jobs: list[Job] = []
    errors: list[str] = []
    for path in paths:
        source: Source | None = None
        name = path
        if path == "-":
            name = args.stdin_filename or "-"
            try:
                source = read_source("-")
            except InputError as exc:
                errors.append(str(exc))
                continue
            source = Source(name, source.text, source.bom)
        found = config.find(name if name != "-" else os.getcwd(), use_cache=not args.no_cache)
        options = flags.over(found.options(name) if found else Options())
        if not options.lang:
            where = f" in {found.path}" if found else ""
            raise UsageError(
                f"{name}: no language: pass --lang or set 'lang'{where} ([tool.normalize] or .normalize.toml)"
            )
        jobs.append(
            Job(
                path=path if path != "-" else name,
                lang=options.lang,
                glossary=((options.glossaries or ()) + extra, options.bundled is not False),
                markup=markup_for(name, options.markup),
                select=options.select,
                ignore=options.ignore or (),
                fail_on=options.fail_on or "warning",
                source=source,
            )
        )
    return jobs, errors


def _glossaries(keys: set[GlossaryKey], *, use_cache: bool) -> dict[GlossaryKey, Glossary]:
    """Load every glossary the jobs need, before any file is touched."""
    from .cache import load

    return {key: load(key[0], bundled=key[1], use_cache=use_cache) for key in sorted(keys)}


def _color(args: argparse.Namespace, stream: TextIO) -> bool:
    if args.color != "auto":
        return bool(args.color == "always")
    return not os.environ.get("NO_COLOR") and stream.isatty() and os.environ.get("TERM") != "dumb"


def _emit(stream: TextIO, args: argparse.Namespace, results: list[FileResult], context: Context) -> None:
    if hasattr(stream, "reconfigure"):
        if args.format != "text":
            stream.reconfigure(encoding="utf-8")  # machine formats are always UTF-8
        elif (stream.encoding or "").lower().replace("-", "") != "utf8":
            stream.reconfigure(errors="backslashreplace")  # a non-UTF-8 terminal still gets every finding
    emitter(args.format)(stream, results, context)
    stream.flush()


def _write_fixed(outcome: Outcome) -> None:
    assert outcome.source is not None and outcome.result is not None
    sys.stdout.flush()
    sys.stdout.buffer.write(encode(outcome.source, outcome.result.text))
    sys.stdout.flush()


def _write_diffs(changed: list[Outcome]) -> None:
    import difflib

    out = sys.stdout
    if hasattr(out, "reconfigure"):
        out.reconfigure(encoding="utf-8", newline="")
    for outcome in changed:
        assert outcome.source is not None and outcome.result is not None
        before, after = _lines(outcome.source.text), _lines(outcome.result.text)
        for line in difflib.unified_diff(before, after, outcome.job.path, outcome.job.path):
            out.write(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    out.flush()


def _lines(text: str) -> list[str]:
    """Lines split at ``\\n`` only, each keeping its ending (``\\r\\n`` stays whole)."""
    parts = text.split("\n")
    return [p + "\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])
