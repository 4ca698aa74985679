"""False alarms and recall of normalize on real German news (fang_covid_de), with the bundled glossary.

``--corpus professional`` (default) lints the first 1,500 articles (file order) of
``professional_sample.jsonl.gz`` — clean copy from Zeit, Tagesspiegel and SZ — as ``header + "\\n\\n" +
article`` with ``lang="de"``, and reports findings per rule, warnings + errors per 100,000 words
(whitespace-separated tokens) and every finding with its context into ``--report`` so a human can judge
which ones are real deviations.

``--corpus naming`` lints the 894 articles of ``naming_subset.jsonl.gz`` and checks recall: every
occurrence of ``Weißrussland|Weissrussland|[Ww]eißrussisch\\w*|[Ww]eissrussisch\\w*`` in the raw text must
lie inside a finding of rule ``variant``; prints found/total and lists the misses.

    python benchmarks/false_alarms.py                      # report in /tmp/false_alarms.txt
    python benchmarks/false_alarms.py --corpus naming      # report in /tmp/false_alarms_naming.txt
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
CORPORA = REPO.parent / "shared" / "corpora" / "fang_covid_de"
CORPUS_FILES = {"professional": "professional_sample.jsonl.gz", "naming": "naming_subset.jsonl.gz"}
RECALL_PATTERN = re.compile(r"Weißrussland|Weissrussland|[Ww]eißrussisch\w*|[Ww]eissrussisch\w*")


def missing_dependencies(dist: str = "normalize-names") -> list[str]:
    """Declared runtime dependencies of normalize that are not installed (a missing one can change results)."""
    from importlib.metadata import PackageNotFoundError, requires, version

    missing: list[str] = []
    try:
        requirements = requires(dist) or []
    except PackageNotFoundError:
        return []
    for requirement in requirements:
        if "extra ==" in requirement:
            continue
        if ";" in requirement and "python_version" in requirement:
            continue
        name = re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0]
        try:
            version(name)
        except PackageNotFoundError:
            missing.append(name)
    return missing


def articles(path: Path, limit: int | None) -> Iterator[dict[str, Any]]:
    """Records of a JSON Lines corpus in file order (at most ``limit``)."""
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if limit is not None and i >= limit:
                return
            yield json.loads(line)


def article_text(record: dict[str, Any]) -> str:
    """The text that is linted: header, a blank line, the body."""
    return f"{record.get('header') or ''}\n\n{record.get('article') or ''}"


def context(text: str, start: int, end: int, width: int = 60) -> str:
    """``text[start:end]`` in brackets with ``width`` characters either side, on one line."""
    before = text[max(0, start - width) : start]
    after = text[end : end + width]
    return " ".join(f"{before}[[{text[start:end]}]]{after}".split())


def glossary_state(glossary: Any) -> str:
    """Entries per file of a loaded glossary, e.g. ``95 entries (countries.yaml 40, people.yaml 55)``."""
    per_file: Counter[str] = Counter()
    for entry in glossary.entries:
        position = getattr(entry, "position", None)
        per_file[Path(position.path).name if position is not None else "?"] += 1
    files = ", ".join(f"{name} {n}" for name, n in sorted(per_file.items()))
    return f"{len(glossary.entries)} entries ({files})"


def run_professional(args: argparse.Namespace, glossary: Any) -> int:
    import normalize

    path = Path(args.path or CORPORA / CORPUS_FILES["professional"])
    words = 0
    n_articles = 0
    by_rule: Counter[str] = Counter()
    by_severity: Counter[str] = Counter()
    by_form: Counter[tuple[str, str, str | None]] = Counter()
    lines: list[str] = []
    t0 = time.perf_counter()
    for record in articles(path, args.limit):
        text = article_text(record)
        n_articles += 1
        words += len(text.split())
        for f in normalize.lint(text, lang="de", glossary=glossary):
            by_rule[f.rule] += 1
            by_severity[f.severity] += 1
            by_form[(f.rule, f.text, f.replacement)] += 1
            lines.append(
                f"{record['id']}\t{record.get('source')}\t{f.line}:{f.column}\t{f.severity}\t{f.rule}\t{f.text!r} -> "
                f"{f.replacement!r}\t{f.entry}\n    {context(text, f.start, f.end, args.context)}\n    {f.message}"
            )
    elapsed = time.perf_counter() - t0
    flagged = by_severity["warning"] + by_severity["error"]
    rate = flagged / words * 100_000 if words else 0.0
    summary = [
        f"corpus: {path.name}, first {n_articles} articles (file order), lang de",
        f"glossary: {glossary_state(glossary)}",
        f"words (whitespace tokens): {words:,}; lint time {elapsed:.1f} s",
        f"findings: {sum(by_rule.values())}; by rule: {dict(sorted(by_rule.items())) or '{}'}; "
        f"by severity: {dict(sorted(by_severity.items())) or '{}'}",
        f"warnings + errors per 100,000 words: {rate:.2f} ({flagged} / {words:,} words)",
    ]
    report = [*summary, "", "# distinct (rule, text, replacement), most frequent first"]
    report += [f"{n:5d}  {rule:16s} {text!r} -> {repl!r}" for (rule, text, repl), n in by_form.most_common()]
    report += ["", "# every finding: id, source, line:col, severity, rule, text -> replacement, entry / context / message"]
    report += lines
    Path(args.report).write_text("\n".join(report) + "\n", encoding="utf-8")
    print("\n".join(summary))
    print("\ndistinct findings (rule, text -> replacement):")
    for (rule, text, repl), n in by_form.most_common(args.show):
        print(f"{n:5d}  {rule:16s} {text!r} -> {repl!r}")
    print(f"\nreport with every finding in context: {args.report}")
    return 0


def run_naming(args: argparse.Namespace, glossary: Any) -> int:
    import normalize

    path = Path(args.path or CORPORA / CORPUS_FILES["naming"])
    total = found = 0
    n_articles = 0
    words = 0
    by_rule: Counter[str] = Counter()
    covering_rules: Counter[str] = Counter()
    by_form: Counter[tuple[str, str, str | None]] = Counter()
    misses: list[str] = []
    t0 = time.perf_counter()
    for record in articles(path, args.limit):
        text = article_text(record)
        n_articles += 1
        words += len(text.split())
        findings = normalize.lint(text, lang="de", glossary=glossary)
        by_rule.update(f.rule for f in findings)
        by_form.update((f.rule, f.text, f.replacement) for f in findings)
        for m in RECALL_PATTERN.finditer(text):
            total += 1
            covering = [f for f in findings if f.start <= m.start() and m.end() <= f.end]
            if any(f.rule == "variant" for f in covering):
                found += 1
                covering_rules["variant"] += 1
                continue
            others = [f"{f.rule} {f.text!r}" for f in findings if f.start < m.end() and m.start() < f.end]
            covering_rules["other rule" if covering else ("partial overlap" if others else "none")] += 1
            misses.append(
                f"{record['id']}\t{record.get('source')}\t{m.group()!r}\toverlapping: {', '.join(others) or '-'}\n"
                f"    {context(text, m.start(), m.end(), args.context)}"
            )
    elapsed = time.perf_counter() - t0
    share = found / total * 100 if total else 100.0
    summary = [
        f"corpus: {path.name}, {n_articles} articles, {words:,} words, lang de; lint time {elapsed:.1f} s",
        f"glossary: {glossary_state(glossary)}",
        f"recall of {RECALL_PATTERN.pattern}: {found}/{total} occurrences inside a 'variant' finding ({share:.1f} %)",
        f"misses by what covers them: {dict(covering_rules - Counter({'variant': covering_rules['variant']})) or '{}'}",
        f"all findings in the subset by rule: {dict(sorted(by_rule.items()))}",
    ]
    distinct = [f"{n:5d}  {rule:16s} {text!r} -> {repl!r}" for (rule, text, repl), n in by_form.most_common()]
    report = [*summary, "", "# misses", *misses, "", "# all findings: distinct (rule, text, replacement)", *distinct]
    Path(args.report).write_text("\n".join(report) + "\n", encoding="utf-8")
    print("\n".join(summary))
    if misses:
        print(f"\nmisses ({len(misses)}):")
        print("\n".join(misses[: args.show]))
    print(f"\nreport: {args.report}")
    return 0 if found == total else 1


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", choices=sorted(CORPUS_FILES), default="professional")
    p.add_argument("--path", help="corpus file (default: ../shared/corpora/fang_covid_de/<corpus file>)")
    p.add_argument("--limit", type=int, help="articles to lint (default: 1500 for professional, all for naming)")
    p.add_argument("--glossary", nargs="*", help="glossary files/folders added to the bundled ones")
    p.add_argument("--report", help="report file (default /tmp/false_alarms.txt or /tmp/false_alarms_naming.txt)")
    p.add_argument("--context", type=int, default=60, help="characters of context either side")
    p.add_argument("--show", type=int, default=200, help="lines printed to stdout")
    args = p.parse_args(argv)
    if args.limit is None and args.corpus == "professional":
        args.limit = 1500
    args.report = args.report or ("/tmp/false_alarms.txt" if args.corpus == "professional" else "/tmp/false_alarms_naming.txt")

    missing = missing_dependencies()
    if missing:
        print(f"warning: normalize's dependencies {missing} are not installed; results may differ", file=sys.stderr)

    import normalize

    glossary = normalize.load_glossary(*(args.glossary or ()))
    if not glossary.entries:
        print("the bundled glossary is empty", file=sys.stderr)
        return 2
    if args.corpus == "naming":
        return run_naming(args, glossary)
    return run_professional(args, glossary)


if __name__ == "__main__":
    sys.exit(main())
