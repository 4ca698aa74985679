"""Benchmark normalize's exact pass: glossary load and compile, lint throughput, raw Aho-Corasick baselines.

For each glossary (the bundled one, and generated ones of 10k and 100k entries) a fresh worker process
measures:

* load: YAML files -> validated :class:`normalize.Glossary` (with a breakdown: YAML compose, entry
  reader, cross-entry checks) and compile (the Aho-Corasick matcher), medians of several runs;
* scan throughput in MB/s of UTF-8 on German news (``fang_covid_de/professional_sample``):
  ``fold_text``, the exact pass (``Document`` + ``checks.terms.resolve``) and the full ``lint``
  (exact pass + gloss checks), beside two raw pyahocorasick baselines over the same folded forms:
  ``Automaton.iter()`` over ``text.casefold()`` and over ``fold_text(text).text``;
* resident memory after load and compile, and a cProfile of one full lint (100k by default).

Generated glossaries are written as YAML into ``--workdir`` and loaded with
``normalize.load_glossary(path, bundled=False)``; their entity names are mentioned in the news text
once every 100-300 words (as in ``shared/bench/peers.py``), so the per-hit work is part of the timing.

    python benchmarks/bench_exact.py --quick          # 1 MB, bundled + 10k
    python benchmarks/bench_exact.py                  # 10 MB, bundled + 10k + 100k
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import gzip
import importlib
import io
import json
import os
import platform
import pstats
import random
import re
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpora" / "fang_covid_de" / "professional_sample.jsonl.gz"
DEFAULT_WORKDIR = Path(os.environ.get("NORMALIZE_BENCH_DIR", "/tmp/normalize-bench"))
GENERATOR_VERSION = 2
#: Checks run by ``lint`` after the exact pass, timed one by one where this version of normalize has them.
STAGES = ("glosses", "nearmiss", "consistency")
T = TypeVar("T")


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


# ----------------------------------------------------------------------------- memory and timing


def _status_mb(field: str) -> float | None:
    """A field of /proc/self/status in MB (Linux), else None."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def rss_mb() -> float:
    """Current resident set size in MB (falls back to the peak from getrusage)."""
    current = _status_mb("VmRSS")
    if current is not None:
        return current
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def peak_mb() -> float:
    """Peak resident set size in MB since the last :func:`reset_peak`."""
    peak = _status_mb("VmHWM")
    if peak is not None:
        return peak
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def reset_peak() -> bool:
    """Reset the peak RSS to the current RSS (Linux >= 4.0); False where not allowed."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as f:
            f.write("5")
        return True
    except OSError:
        return False


class GcClock:
    """Time spent in the cyclic garbage collector (all generations) while installed, via ``gc.callbacks``."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.full = 0  # generation-2 collections
        self._t0 = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._t0 = time.perf_counter()
        else:
            self.seconds += time.perf_counter() - self._t0
            self.full += info.get("generation") == 2

    def __enter__(self) -> GcClock:
        gc.callbacks.append(self)
        return self

    def __exit__(self, *exc: object) -> None:
        gc.callbacks.remove(self)


def timed(fn: Callable[[], T], runs: int) -> tuple[list[float], list[float], list[float], T]:
    """Wall, CPU and in-GC seconds of ``runs`` calls of ``fn`` (GC collected before each), and the last result."""
    wall: list[float] = []
    cpu: list[float] = []
    in_gc: list[float] = []
    result: Any = None
    for _ in range(max(1, runs)):
        result = None
        gc.collect()
        with GcClock() as clock:
            c0, t0 = time.process_time(), time.perf_counter()
            result = fn()
            wall.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        in_gc.append(clock.seconds)
    return wall, cpu, in_gc, result


# ----------------------------------------------------------------------------- corpus


def read_articles(path: Path, target_bytes: int) -> list[str]:
    """Articles (``header + "\\n\\n" + article + "\\n\\n"``) in file order until ``target_bytes`` of UTF-8."""
    out: list[str] = []
    size = 0
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            chunk = f"{record.get('header') or ''}\n\n{record.get('article') or ''}\n\n"
            out.append(chunk)
            size += len(chunk.encode("utf-8"))
            if size >= target_bytes:
                break
    return out


def inject_mentions(articles: list[str], mentions: list[str], seed: int = 7) -> tuple[list[str], int]:
    """Insert a glossary mention after every 100-300 words (word breaks kept), as peers.py does."""
    if not mentions:
        return articles, 0
    rng = random.Random(seed)
    out: list[str] = []
    count = 0
    next_at = rng.randint(100, 300)
    seen = 0
    for article in articles:
        pieces = re.split(r"( +)", article)
        words: list[str] = []
        for piece in pieces:
            words.append(piece)
            if piece and not piece.isspace():
                seen += 1
                if seen >= next_at:
                    next_at = seen + rng.randint(100, 300)
                    words.append(" " + rng.choice(mentions))
                    count += 1
        out.append("".join(words))
    return out, count


# ----------------------------------------------------------------------------- synthetic glossaries

ONSETS = ["b", "d", "g", "k", "l", "m", "n", "r", "s", "t", "p", "f", "ch", "j", "w", "sch", "tsch", "dsch", "z", "h", ""]
VOWELS = ["a", "e", "i", "o", "u", "a", "o", "i"]
UMLAUTS = ["ä", "ö", "ü"]
CODAS = ["", "", "", "", "n", "r", "l", "k", "m", "s", "t", "sch", "ch"]
FAMILY_SUFFIXES = ["ow", "ew", "jew", "in", "ski", "enko", "ajew", "owa", "ewa", "ina", "ijew", "itsch", "bek", "chan",
                   "ani", "oglu", "ur", "jar", "sai", "wili", "jan"]
PLACE_SUFFIXES = [("ien", "ia"), ("stan", "stan"), ("land", "land"), ("anien", "ania"), ("onien", "onia")]
ORG_NOUNS = [("Rat", "Council"), ("Bund", "League"), ("Verband", "Association"), ("Union", "Union"),
             ("Organisation", "Organisation"), ("Allianz", "Alliance"), ("Gemeinschaft", "Community"),
             ("Partei", "Party"), ("Front", "Front"), ("Bewegung", "Movement"), ("Stiftung", "Foundation"),
             ("Akademie", "Academy"), ("Agentur", "Agency"), ("Kommission", "Commission"), ("Bank", "Bank")]
ORG_TOPICS = [("Zusammenarbeit", "Cooperation"), ("Entwicklung", "Development"), ("Sicherheit", "Security"),
              ("Handel", "Trade"), ("Frieden", "Peace"), ("Wirtschaft", "Economy"), ("Energie", "Energy"),
              ("Forschung", "Research"), ("Gesundheit", "Health"), ("Verkehr", "Transport")]
LETTERS = "ABCDEFGHIKLMNOPRSTUVWZ"

_EN_RE = re.compile(r"tsch|dsch|sch|ch|j|w|ß|[äöü]|(?<=[aeiou])s(?=[aeiou])", re.IGNORECASE)
_EN_MAP = {"tsch": "ch", "dsch": "j", "sch": "sh", "ch": "kh", "j": "y", "w": "v", "ß": "ss",
           "ä": "a", "ö": "o", "ü": "u", "s": "z"}
_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"w", re.I), "v"),
    (re.compile(r"(?<!ds)(?<!d)j", re.I), "y"),
    (re.compile(r"(?<![td])sch", re.I), "sh"),
    (re.compile(r"tsch", re.I), "ch"),
    (re.compile(r"dsch", re.I), "j"),
    (re.compile(r"(?<=[aeiou])s(?=[aeiou])", re.I), "z"),
]


def _keep_case(src: str, dst: str) -> str:
    return dst[:1].upper() + dst[1:] if src[:1].isupper() else dst


def english(name: str) -> str:
    """The English transliteration of a German-transliterated name (tsch -> ch, w -> v, ...)."""
    return _EN_RE.sub(lambda m: _keep_case(m.group(0), _EN_MAP[m.group(0).lower()]), name)


def single_rule(name: str, rule: tuple[re.Pattern[str], str]) -> str:
    """One transliteration rule applied alone (the mixed spellings seen in the press)."""
    pattern, repl = rule
    return pattern.sub(lambda m: _keep_case(m.group(0), repl), name)


def syllable_word(rng: random.Random, syllables: tuple[int, ...] = (2, 2, 2, 3, 3), suffixes: list[str] | None = None,
                  suffix_rate: float = 0.6) -> str:
    """A capitalised German-transliteration word built from syllables."""
    n = rng.choice(syllables)
    parts: list[str] = []
    for i in range(n):
        vowel = rng.choice(UMLAUTS) if rng.random() < 0.04 else rng.choice(VOWELS)
        parts.append(rng.choice(ONSETS) + vowel + (rng.choice(CODAS) if i < n - 1 else ""))
    if suffixes and rng.random() < suffix_rate:
        parts.append(rng.choice(suffixes))
    word = "".join(parts)
    return word[:1].upper() + word[1:]


class _Forms:
    """Folded surface forms already used per language, so generated entries never clash."""

    def __init__(self) -> None:
        from normalize.fold import fold

        self.fold = fold
        self.used: set[tuple[str, str]] = set()

    def free(self, lang: str, *forms: str) -> bool:
        keys = [(lang, self.fold(f)) for f in forms]
        return len(set(keys)) == len(keys) and not any(k in self.used or not k[1] for k in keys)

    def take(self, lang: str, *forms: str) -> None:
        self.used.update((lang, self.fold(f)) for f in forms)


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _variants(rng: random.Random, name: str, limit: int) -> list[str]:
    rules = [r for r in _RULES if r[0].search(name)]
    rng.shuffle(rules)
    out: list[str] = []
    for rule in rules[:limit]:
        variant = single_rule(name, rule)
        if variant != name and variant not in out:
            out.append(variant)
    return out


def make_person(rng: random.Random, idx: int, forms: _Forms, given_pool: list[str]) -> tuple[list[str], list[str]] | None:
    """A person with de/en name parts and deprecated de spellings: (YAML lines, mentions) or None on a clash."""
    family_first = rng.random() < 0.1
    if family_first:  # short family names, like Xi, Li, Wang
        family = (rng.choice(ONSETS[:-1]) + rng.choice(VOWELS) + rng.choice(["", "", "n", "ng", "o", "i"])).capitalize()
        given = syllable_word(rng, (2,)).lower().capitalize()
        patronymic = None
    else:
        family = syllable_word(rng, (2, 2, 3), FAMILY_SUFFIXES, 0.7)
        given = rng.choice(given_pool)
        patronymic = rng.choice(given_pool) + rng.choice(["owitsch", "ewitsch", "owna"]) if rng.random() < 0.25 else None
    en_family, en_given = english(family), english(given)
    en_patr = english(patronymic) if patronymic else None

    def person(g: str, p: str | None, f: str) -> tuple[str, str]:
        if family_first:
            return f"{f} {g}", f"{f} {g}"
        return f"{g} {f}", " ".join(x for x in (g, p, f) if x)

    de_short, de_full = person(given, patronymic, family)
    en_short, en_full = person(en_given, en_patr, en_family)
    deprecated = [v for v in _variants(rng, family, 2) if v != en_family]
    if rng.random() < 0.3:
        deprecated += [v for v in _variants(rng, de_short, 1) if v != en_short and v.split()[-1] not in deprecated]
    de_all = [family, de_short, de_full, *deprecated]
    en_all = [en_family, en_short, en_full]
    if not (forms.free("de", *dict.fromkeys(de_all)) and forms.free("en", *dict.fromkeys(en_all))):
        return None
    forms.take("de", *de_all)
    forms.take("en", *en_all)
    lines = [f"  - id: person-{idx:06d}", "    type: person"]
    if family_first:
        lines.append("    name_order: family-first")
    lines += ["    sources: [synthetic]", "    names:", "      de:", f"        given: {_q(given)}"]
    if patronymic:
        lines.append(f"        patronymic: {_q(patronymic)}")
    lines.append(f"        family: {_q(family)}")
    if deprecated:
        lines.append(f"        deprecated: [{', '.join(_q(d) for d in deprecated)}]")
    lines += ["      en:", f"        given: {_q(en_given)}"]
    if en_patr:
        lines.append(f"        patronymic: {_q(en_patr)}")
    lines.append(f"        family: {_q(en_family)}")
    mentions = [de_short, family, family + "s", *deprecated, en_short, en_family]
    return lines, mentions


def _abbreviation(rng: random.Random, name: str) -> str:
    """Initials of the capitalised words, padded with letters to 3-5 (so most are 4-5 letters long)."""
    initials = "".join(w[0] for w in name.split() if w[0].isupper() and w != "For").upper()
    length = max(len(initials), rng.choice((3, 4, 4, 5, 5)))
    return initials + "".join(rng.choice(LETTERS) for _ in range(length - len(initials)))


def make_org(rng: random.Random, idx: int, forms: _Forms) -> tuple[list[str], list[str]] | None:
    """An organisation with de/en names and abbreviations, deprecated spellings, a mistranslated abbreviation."""
    stem = syllable_word(rng, (2, 2, 3))
    noun_de, noun_en = rng.choice(ORG_NOUNS)
    de = f"{stem}er {noun_de}"
    en = f"{english(stem)} {noun_en}"
    if rng.random() < 0.5:
        topic_de, topic_en = rng.choice(ORG_TOPICS)
        de += f" für {topic_de}"
        en += f" for {topic_en}"
    abbr_de = _abbreviation(rng, de) if rng.random() < 0.7 else None
    abbr_en = _abbreviation(rng, en) if abbr_de and rng.random() < 0.7 else None
    deprecated = [de.replace(f"{stem}er", v, 1) for v in _variants(rng, f"{stem}er", 1)]
    wrong = "".join(rng.sample(abbr_de, len(abbr_de))) if abbr_de and rng.random() < 0.3 else None
    if wrong == abbr_de or wrong == abbr_en:
        wrong = None
    de_all = [de, *([abbr_de] if abbr_de else []), *deprecated, *([wrong] if wrong else [])]
    en_all = [en, *([abbr_en] if abbr_en else [])]
    if not (forms.free("de", *de_all) and forms.free("en", *en_all)):
        return None
    forms.take("de", *de_all)
    forms.take("en", *en_all)
    lines = [
        f"  - id: org-{idx:06d}", "    type: organization", "    sources: [synthetic]", "    names:", "      de:",
        f"        preferred: {_q(de)}",
    ]
    if abbr_de:
        lines.append(f"        abbreviation: {_q(abbr_de)}")
    if deprecated:
        lines.append(f"        deprecated: [{', '.join(_q(d) for d in deprecated)}]")
    if wrong and abbr_de:
        lines.append(f"        mistranslations: [{{form: {_q(wrong)}, use: {_q(abbr_de)}}}]")
    lines += ["      en:", f"        preferred: {_q(en)}"]
    if abbr_en:
        lines.append(f"        abbreviation: {_q(abbr_en)}")
    mentions = [de, *deprecated, en, *([wrong] if wrong else [])]
    if abbr_de:
        mentions += [abbr_de, f"{abbr_de}-Mitgliedsstaaten"]
    if abbr_en:
        mentions.append(abbr_en)
    return lines, mentions


def make_country(rng: random.Random, idx: int, forms: _Forms) -> tuple[list[str], list[str]] | None:
    """A country with de/en names and adjectives, and a deprecated old name with its adjective."""
    stem = syllable_word(rng, (2, 2, 3))
    suffix_de, suffix_en = rng.choice(PLACE_SUFFIXES)
    de, en = stem + suffix_de, english(stem) + suffix_en
    adj_de, adj_en = stem.lower() + "isch", english(stem) + "ian"
    old = syllable_word(rng, (2, 3))
    old_name, old_adj = old + "land", old.lower() + "isch"
    de_all = [de, adj_de, old_name, old_adj]
    en_all = [en, adj_en]
    if not (forms.free("de", *de_all) and forms.free("en", *en_all)):
        return None
    forms.take("de", *de_all)
    forms.take("en", *en_all)
    lines = [
        f"  - id: country-{idx:06d}", "    type: country", "    sources: [synthetic]",
        "    note: the old name is deprecated", "    names:", "      de:",
        f"        preferred: {_q(de)}", f"        adjective: {_q(adj_de)}",
        f"        deprecated: [{_q(old_name)}, {_q(old_adj)}]",
        "      en:", f"        preferred: {_q(en)}", f"        adjective: {_q(adj_en)}",
    ]
    mentions = [de, de + "s", adj_de + "en", old_name, old_name + "s", old_adj + "e", en, adj_en]
    return lines, mentions


def generate_glossary(n: int, folder: Path, seed: int = 20261123) -> dict[str, Any]:
    """Write ``n`` synthetic entries (60 % persons, 25 % organisations, 15 % countries) as YAML files."""
    rng = random.Random(seed)
    forms = _Forms()
    given_pool = list(dict.fromkeys(syllable_word(rng, (2, 2, 3)) for _ in range(600)))
    files: dict[str, list[str]] = {"people": [], "organizations": [], "countries": []}
    mentions: list[str] = []
    made = 0
    attempts = 0
    while made < n:
        attempts += 1
        r = rng.random()
        if r < 0.60:
            kind, result = "people", make_person(rng, made, forms, given_pool)
        elif r < 0.85:
            kind, result = "organizations", make_org(rng, made, forms)
        else:
            kind, result = "countries", make_country(rng, made, forms)
        if result is None:
            continue
        lines, entry_mentions = result
        files[kind].extend(lines)
        mentions.extend(entry_mentions)
        made += 1
    folder.mkdir(parents=True, exist_ok=True)
    size = 0
    for name, lines in files.items():
        text = "entries:\n" + "\n".join(lines) + "\n"
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
        size += len(text.encode("utf-8"))
    meta = {"entries": n, "attempts": attempts, "yaml_bytes": size, "seed": seed, "version": GENERATOR_VERSION,
            "per_file": {k: sum(1 for line in v if line.startswith("  - id:")) for k, v in files.items()}}
    (folder / "mentions.json").write_text(json.dumps(mentions, ensure_ascii=False), encoding="utf-8")
    (folder / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return meta


def ensure_glossary(n: int, workdir: Path) -> tuple[Path, dict[str, Any]]:
    """The folder of the generated ``n``-entry glossary, written on first use."""
    folder = workdir / f"glossary_{n}"
    meta_path = folder / "meta.json"
    if meta_path.exists():
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if meta.get("version") == GENERATOR_VERSION and meta.get("entries") == n:
            return folder, meta
    t0 = time.perf_counter()
    meta = generate_glossary(n, folder)
    meta["generate_s"] = time.perf_counter() - t0
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    return folder, meta


# ----------------------------------------------------------------------------- worker: one glossary


def _count(it: Iterator[Any]) -> int:
    n = 0
    for _ in it:
        n += 1
    return n


def _profile_text(prof: cProfile.Profile, sort: str, limit: int) -> str:
    buf = io.StringIO()
    stats = pstats.Stats(prof, stream=buf)
    stats.strip_dirs().sort_stats(sort).print_stats(limit)
    text = buf.getvalue()
    start = text.find("   ncalls")
    return text[start:] if start >= 0 else text


def worker(size: str, args: argparse.Namespace) -> dict[str, Any]:
    """Measure one glossary in this process; returns a JSON-able dict (seconds are medians, wall clock)."""
    import pickle

    import ahocorasick
    import yaml

    import normalize
    from normalize import loader
    from normalize.api import lint
    from normalize.checks import terms
    from normalize.document import Document
    from normalize.fold import fold, fold_text
    from normalize.matcher import compile_matcher, matchable_forms, scan

    res: dict[str, Any] = {"size": size}

    def measure(key: str, fn: Callable[[], T], runs: int) -> T:
        wall, cpu, in_gc, result = timed(fn, runs)
        res[f"{key}_s"] = statistics.median(wall)
        res[f"{key}_cpu_s"] = statistics.median(cpu)
        res[f"{key}_gc_s"] = statistics.median(in_gc)
        res[f"{key}_runs_s"] = [round(t, 4) for t in wall]
        return result

    def measure_nogc(key: str, fn: Callable[[], T], runs: int) -> T:
        gc.collect()
        gc.disable()
        try:
            return measure(key, fn, runs)
        finally:
            gc.enable()

    workdir = Path(args.workdir)
    mentions: list[str] = []
    if size == "bundled":
        folder = loader.bundled_dir()
        load: Callable[[], normalize.Glossary] = lambda: normalize.load_glossary()  # noqa: E731
    else:
        folder, meta = ensure_glossary(int(size), workdir)
        res["generated"] = meta
        mentions = json.loads((folder / "mentions.json").read_text(encoding="utf-8"))
        load = lambda: normalize.load_glossary(folder, bundled=False)  # noqa: E731
    files = loader.glossary_files([folder])
    res["files"] = [str(p) for p in files]
    res["yaml_bytes"] = sum(p.stat().st_size for p in files)
    big = res["yaml_bytes"] > 5e6
    load_runs = min(args.load_runs, 2) if big else args.load_runs
    parts_runs = 1 if big else args.load_runs
    compile_runs = min(args.compile_runs, 2) if big else args.compile_runs

    # --- load: YAML -> validated Glossary; then the parts, and the same load with the GC off
    gc.collect()
    reset_peak()
    rss0 = rss_mb()
    glossary = measure("load", load, load_runs)
    gc.collect()
    res["rss_after_load_mb"] = rss_mb() - rss0
    res["entries"] = len(glossary.entries)
    texts = [p.read_text(encoding="utf-8") for p in files]
    yaml_loader = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader
    measure_nogc("yaml_compose", lambda: [yaml.compose(t, Loader=yaml_loader) for t in texts], parts_runs)
    parsed = measure_nogc("parse", lambda: [loader.parse_text(t, str(p)) for t, p in zip(texts, files)], parts_runs)
    entries = [e for es, _ in parsed for e in es]
    del parsed, texts
    measure_nogc("check_entries", lambda: loader.check_entries(entries), parts_runs)
    del entries
    measure_nogc("load_nogc", load, parts_runs)

    # --- compile: fresh compiles (GC on, as Glossary.matcher runs it today, and off), then keep one
    forms = measure("matchable_forms", lambda: matchable_forms(glossary), compile_runs)
    res["forms"] = len(forms)
    raw_keys = sorted({fold(f.text) for f in forms} - {""})
    del forms
    try:  # Glossary.matcher compiles with the GC paused (normalize >= c5f1087): time the compile as it runs
        from normalize.model import gc_paused
    except ImportError:
        compile_as_used: Callable[[], Any] = lambda: compile_matcher(glossary)  # noqa: E731
    else:
        def compile_as_used() -> Any:
            with gc_paused():
                return compile_matcher(glossary)
    measure("compile", compile_as_used, compile_runs)
    measure_nogc("compile_nogc", lambda: compile_matcher(glossary), 1)
    gc.collect()
    rss1 = rss_mb()
    matcher = glossary.matcher  # the one lint uses
    gc.collect()
    res["rss_after_compile_mb"] = rss_mb() - rss0
    res["rss_matcher_mb"] = rss_mb() - rss1
    res["keys"] = matcher.size
    stats = matcher.automaton.get_stats()
    res["automaton_nodes"] = stats.get("nodes_count")
    res["automaton_mb"] = round(stats.get("total_size", 0) / 1e6, 1)
    t0 = time.perf_counter()
    blob = pickle.dumps(glossary, protocol=pickle.HIGHEST_PROTOCOL)
    res["pickle_dump_s"] = time.perf_counter() - t0
    res["pickle_mb"] = round(len(blob) / 1e6, 1)
    measure("unpickle", lambda: pickle.loads(blob), 1)
    del blob
    import shutil
    import tempfile

    cache_folder = tempfile.mkdtemp(prefix=f"cache_{size}_", dir=workdir)  # removed below: 0.7 GB at 100k
    cache_env = os.environ.get("NORMALIZE_CACHE_DIR")
    try:  # the warm start: normalize.cache writes the compiled glossary, then reads it (as a second run would)
        from normalize import cache as glossary_cache

        os.environ["NORMALIZE_CACHE_DIR"] = cache_folder
        paths, bundled = ([], True) if size == "bundled" else ([str(folder)], False)
        key = glossary_cache._key(paths, bundled)
        glossary_cache._write(key, glossary)
        res["cache_pickle_mb"] = round(os.path.getsize(glossary_cache._entry(key)) / 1e6, 1)
        measure("cache_unpickle", lambda: glossary_cache._read(key), 1)
    except (ImportError, AttributeError, TypeError, OSError) as exc:  # another version of the cache
        print(f"[bench] cache not measured: {exc!r}", file=sys.stderr)
    finally:
        if cache_env is None:
            os.environ.pop("NORMALIZE_CACHE_DIR", None)
        else:
            os.environ["NORMALIZE_CACHE_DIR"] = cache_env
        shutil.rmtree(cache_folder, ignore_errors=True)
    res["peak_load_compile_mb"] = peak_mb() - rss0

    # raw pyahocorasick builds: the distinct folded forms (baseline A), and the matcher's own padded keys
    def build(keys: list[str]) -> Any:
        automaton = ahocorasick.Automaton()
        for i, key in enumerate(keys):
            automaton.add_word(key, (i, len(key)))
        automaton.make_automaton()
        return automaton

    res["raw_keys"] = len(raw_keys)
    raw_automaton = measure("raw_build", lambda: build(raw_keys), compile_runs)
    written_keys = sorted({f.text for f in matchable_forms(glossary)})
    res["written_keys"] = len(written_keys)
    written_automaton = build(written_keys)
    same_keys = list(matcher.automaton.keys())
    measure("raw_build_same_keys", lambda: build(same_keys), 1)
    del same_keys

    # --- corpus: the same text for every measurement of this glossary
    articles = read_articles(Path(args.corpus), args.corpus_bytes)
    articles, injected = inject_mentions(articles, mentions) if mentions and not args.no_inject else (articles, 0)
    text = "".join(articles)
    nbytes = len(text.encode("utf-8"))
    res.update(corpus_articles=len(articles), corpus_bytes=nbytes, corpus_chars=len(text),
               corpus_words=len(text.split()), injected_mentions=injected)
    runs = args.runs

    # peers.py's ac_raw exactly: the forms as written (case-sensitive), Automaton.iter() over the raw text
    res["raw_written_hits"] = measure("raw_written_scan", lambda: _count(written_automaton.iter(text)), runs)
    del written_automaton
    # baseline A: Automaton.iter() of the distinct folded forms over text.casefold()
    casefolded = measure("casefold", text.casefold, runs)
    res["raw_cf_hits"] = measure("raw_cf_scan", lambda: _count(raw_automaton.iter(casefolded)), runs)
    del casefolded, raw_automaton
    gc.collect()
    # baseline B: the matcher's own automaton (same padded keys, endings included) over fold_text(text).text
    folded = measure("fold_text", lambda: fold_text(text), runs)
    res["folded_chars"] = len(folded.text)
    res["fold_segments"] = len(folded.fold_starts)
    automaton = matcher.automaton
    res["raw_fold_hits"] = measure("raw_fold_scan", lambda: _count(automaton.iter(folded.text)), runs)

    # normalize: scan (offsets mapped back), Document, exact pass, full lint, lint per article
    res["scan_matches"] = len(measure("scan", lambda: scan(matcher, folded), runs))
    del folded
    measure("document", lambda: Document(text, "de", glossary), runs)
    resolved = measure("exact", lambda: terms.resolve(Document(text, "de", glossary)), runs)
    res["resolved"] = len(resolved)
    res["exact_findings"] = sum(1 for r in resolved if r.finding is not None)
    del resolved
    # the checks that run after the exact pass, each on its own (whichever this version of normalize has)
    doc = Document(text, "de", glossary)
    resolved = terms.resolve(doc)
    res["stages"] = []
    for name in STAGES:
        try:
            module = importlib.import_module(f"normalize.checks.{name}")
        except ImportError:
            continue
        check = module.check
        measure(f"stage_{name}", lambda: check(doc, resolved), runs)
        res["stages"].append(name)
    del doc, resolved
    findings = measure("lint", lambda: lint(text, "de", glossary), runs)
    res["findings"] = len(findings)
    res["findings_by_rule"] = dict(sorted(Counter(f.rule for f in findings).items()))
    del findings
    measure("lint_per_article", lambda: [lint(a, "de", glossary) for a in articles], max(1, min(runs, 3)))

    # the GC tax: the exact pass again with the glossary's objects moved out of the collector's sight
    gc.collect()
    gc.freeze()
    try:
        measure("exact_frozen", lambda: terms.resolve(Document(text, "de", glossary)), runs)
    finally:
        gc.unfreeze()

    mb = nbytes / 1e6
    for key in ("raw_written_scan", "casefold", "raw_cf_scan", "fold_text", "raw_fold_scan", "scan", "document", "exact", "exact_frozen",
                "lint", "lint_per_article"):
        res[f"{key}_mb_s"] = mb / res[f"{key}_s"]
        res[f"{key}_cpu_mb_s"] = mb / res[f"{key}_cpu_s"]
    res["peak_total_mb"] = peak_mb() - rss0

    # --- one profile of the full lint, and one of load + compile
    if size in args.profile:
        prof = cProfile.Profile()
        prof.enable()
        lint(text, "de", glossary)
        prof.disable()
        res["profile_lint_tottime"] = _profile_text(prof, "tottime", args.profile_top)
        res["profile_lint_cumulative"] = _profile_text(prof, "cumulative", args.profile_top)
        prof.dump_stats(str(workdir / f"profile_lint_{size}.prof"))
        del glossary, matcher, automaton
        gc.collect()
        prof = cProfile.Profile()
        prof.enable()
        fresh = load()
        compile_matcher(fresh)
        prof.disable()
        res["profile_load_tottime"] = _profile_text(prof, "tottime", args.profile_top)
        prof.dump_stats(str(workdir / f"profile_load_{size}.prof"))
    return res


# ----------------------------------------------------------------------------- driver and tables


def _fmt(x: float | None, digits: int = 2) -> str:
    if x is None:
        return "—"
    if abs(x) >= 100:
        return f"{x:,.0f}"
    return f"{x:.{digits}f}"


def _label(r: dict[str, Any]) -> str:
    return f"bundled ({r['entries']})" if r["size"] == "bundled" else f"{int(r['size']) // 1000}k"


def render(results: list[dict[str, Any]], meta: dict[str, Any], clock: str = "wall") -> str:
    """Markdown tables of a run; ``clock`` is ``wall`` or ``cpu`` (process time) for the scan tables."""
    c = "_cpu" if clock == "cpu" else ""

    def sec(r: dict[str, Any], key: str) -> float:
        return float(r[f"{key}{c}_s"])

    def mbs(r: dict[str, Any], key: str) -> str:
        return _fmt(r[f"{key}{c}_mb_s"], 1)

    out: list[str] = []
    first = results[0]
    out.append(f"Text: first {first['corpus_articles']} articles of professional_sample, {first['corpus_bytes'] / 1e6:.2f} MB "
               f"UTF-8, {first['corpus_words']:,} words; scans: median of {meta['runs']} runs, {clock} clock; "
               f"Python {meta['python']}, {meta['nproc']} cores, pyahocorasick {meta.get('pyahocorasick')}, "
               f"PyYAML {meta.get('pyyaml')} (libyaml {meta.get('libyaml')}); {meta['date']}; normalize at {meta.get('commit')}.")
    out.append("")
    out.append("### Load and compile (wall clock; \"GC off\" = the same call with the cyclic garbage collector disabled)")
    out.append("")
    out.append("| glossary | entries | YAML MB | load s | load, GC off s | of which: YAML compose s | entry reader s "
               "| check_entries s (one call) | compile s | compile, GC off s | forms | keys | automaton nodes "
               "| raw AC build, folded forms s | raw AC build, same keys s | ΔRSS load / + matcher MB | peak Δ MB "
               "| pickle MB | unpickle s | cache pickle MB | cache unpickle s |")
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|")
    for r in results:
        out.append(
            f"| {_label(r)} | {r['entries']:,} | {r['yaml_bytes'] / 1e6:.2f} | {_fmt(r['load_s'], 3)} | {_fmt(r['load_nogc_s'], 3)} "
            f"| {_fmt(r['yaml_compose_s'], 3)} | {_fmt(r['parse_s'] - r['yaml_compose_s'], 3)} | {_fmt(r['check_entries_s'], 3)} "
            f"| {_fmt(r['compile_s'], 3)} | {_fmt(r['compile_nogc_s'], 3)} | {r['forms']:,} | {r['keys']:,} "
            f"| {r['automaton_nodes']:,} | {_fmt(r['raw_build_s'], 3)} | {_fmt(r['raw_build_same_keys_s'], 3)} "
            f"| {r['rss_after_load_mb']:.0f} / {r['rss_after_compile_mb'] - r['rss_after_load_mb']:.0f} "
            f"| {r['peak_load_compile_mb']:.0f} | {r['pickle_mb']} | {_fmt(r['unpickle_s'], 3)} "
            f"| {r.get('cache_pickle_mb', '—')} | {_fmt(r.get('cache_unpickle_s'), 3)} |"
        )
    out.append("")
    out.append(f"### Throughput (MB/s of UTF-8, {clock} clock; higher is better)")
    out.append("")
    out.append("| glossary | injected mentions | raw AC, forms as written, raw text (peers' ac_raw) "
               "| raw AC on casefold (scan only) | casefold | raw AC on fold_text (scan only) "
               "| fold_text | scan (+offsets) | exact pass | exact pass, GC frozen | full lint | lint per article |")
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        out.append(
            f"| {_label(r)} | {r['injected_mentions']:,} | {mbs(r, 'raw_written_scan')} | {mbs(r, 'raw_cf_scan')} | {mbs(r, 'casefold')} "
            f"| {mbs(r, 'raw_fold_scan')} | {mbs(r, 'fold_text')} | {mbs(r, 'scan')} "
            f"| **{mbs(r, 'exact')}** | {mbs(r, 'exact_frozen')} | {mbs(r, 'lint')} | {mbs(r, 'lint_per_article')} |"
        )
    stages = [name for name in STAGES if any(name in r.get("stages", ()) for r in results)]
    out.append("")
    out.append(f"### Where a full lint spends its time (seconds for the whole text, {clock} clock, each part timed alone)")
    out.append("")
    out.append("| glossary | fold_text | Document (fold + index) | scan (+offsets) | exact pass (Document + resolve) "
               "| of the exact pass: in the GC "
               + "".join(f"| {name}.check " for name in stages) + "| full lint | of the full lint: in the GC |")
    out.append("|---|---:|---:|---:|---:|---:|" + "---:|" * len(stages) + "---:|---:|")
    for r in results:
        cells = "".join(f"| {_fmt(r[f'stage_{name}{c}_s'], 3) if f'stage_{name}{c}_s' in r else '—'} " for name in stages)
        out.append(f"| {_label(r)} | {_fmt(sec(r, 'fold_text'), 3)} | {_fmt(sec(r, 'document'), 3)} | {_fmt(sec(r, 'scan'), 3)} "
                   f"| {_fmt(sec(r, 'exact'), 3)} | {_fmt(r.get('exact_gc_s'), 3)} {cells}| {_fmt(sec(r, 'lint'), 3)} | {_fmt(r.get('lint_gc_s'), 3)} |")
    out.append("")
    out.append(f"### Ratios (time of the exact pass / time of the raw scan, {clock} clock; goal ≤ 2 at 100k)")
    out.append("")
    out.append("| glossary | exact / peers' ac_raw | exact / raw AC casefold (scan) | exact / (casefold + scan) "
               "| exact / raw AC fold_text (scan) | exact / (fold_text + scan) | full lint / exact "
               "| hits: ac_raw / raw casefold / raw fold_text / resolved / findings |")
    out.append("|---|---:|---:|---:|---:|---:|---:|---|")
    for r in results:
        e = sec(r, "exact")
        out.append(
            f"| {_label(r)} | {e / sec(r, 'raw_written_scan'):.1f}× | **{e / sec(r, 'raw_cf_scan'):.1f}×** "
            f"| {e / (sec(r, 'casefold') + sec(r, 'raw_cf_scan')):.1f}× "
            f"| **{e / sec(r, 'raw_fold_scan'):.1f}×** | {e / (sec(r, 'fold_text') + sec(r, 'raw_fold_scan')):.1f}× "
            f"| {sec(r, 'lint') / e:.2f}× | {r['raw_written_hits']:,} / {r['raw_cf_hits']:,} / {r['raw_fold_hits']:,} "
            f"/ {r['resolved']:,} / {r['findings']:,} |"
        )
    for r in results:
        for key, title in (("profile_lint_tottime", "one full lint"), ("profile_load_tottime", "load + compile")):
            if key in r:
                out += ["", f"### cProfile of {title}, {_label(r)} (top by tottime)", "", "```", r[key].rstrip(), "```"]
    return "\n".join(out)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true", help="1 MB of text, bundled + 10k, 3 runs")
    p.add_argument("--sizes", help="comma list of bundled, 10k, 100k, or any number (default: bundled,10k,100k; quick: bundled,10k)")
    p.add_argument("--corpus", default=str(DEFAULT_CORPUS), help="professional_sample.jsonl.gz")
    p.add_argument("--mb", type=float, help="text size in MB (default 10, quick 1)")
    p.add_argument("--runs", type=int, help="timed runs per measurement, median reported (default 5, quick 3)")
    p.add_argument("--load-runs", type=int, default=3, help="timed glossary loads (at most 2 for YAML > 5 MB)")
    p.add_argument("--compile-runs", type=int, default=3, help="timed compiles (at most 2 for YAML > 5 MB)")
    p.add_argument("--no-inject", action="store_true", help="do not mention generated glossary names in the text")
    p.add_argument("--profile", default="100000", help="comma list of sizes to cProfile (default 100k; 'none')")
    p.add_argument("--profile-top", type=int, default=25)
    p.add_argument("--workdir", default=str(DEFAULT_WORKDIR), help="generated glossaries, profiles, results")
    p.add_argument("--out", help="results JSON (default WORKDIR/results-{quick,full}.json)")
    p.add_argument("--render", metavar="JSON", help="print the tables of an earlier results file and exit")
    p.add_argument("--clock", choices=("wall", "cpu"), default="wall", help="clock of the scan tables (default wall)")
    p.add_argument("--worker", help=argparse.SUPPRESS)
    p.add_argument("--worker-out", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    args.sizes = args.sizes or ("bundled,10k" if args.quick else "bundled,10k,100k")
    args.mb = args.mb or (1.0 if args.quick else 10.0)
    args.corpus_bytes = int(args.mb * 1_000_000)
    args.runs = args.runs or (3 if args.quick else 5)
    args.profile = {_size(s) for s in args.profile.split(",") if s and s != "none"}
    return args


def _size(token: str) -> str:
    token = token.strip().lower()
    if token == "bundled":
        return token
    if token.endswith("k"):
        return str(int(float(token[:-1]) * 1000))
    return str(int(token))


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.render:
        data = json.loads(Path(args.render).read_text(encoding="utf-8"))
        print(render(data["results"], data["meta"], args.clock))
        return 0
    if args.worker:
        result = worker(args.worker, args)
        Path(args.worker_out).write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
        return 0
    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    missing = missing_dependencies()
    if missing:
        print(f"warning: normalize's dependencies {missing} are not installed; results may differ", file=sys.stderr)
    if not Path(args.corpus).exists():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    meta = {"missing_dependencies": missing, "date": time.strftime("%Y-%m-%d %H:%M %Z"), "python": platform.python_version(), "nproc": os.cpu_count(),
            "machine": platform.machine(), "runs": args.runs, "mb": args.mb, "argv": sys.argv[1:]}
    git = subprocess.run(["git", "-C", str(REPO), "describe", "--always", "--dirty"], capture_output=True, text=True,
                         check=False)
    meta["commit"] = git.stdout.strip() or None
    try:
        from importlib.metadata import version

        import yaml

        meta.update(pyahocorasick=version("pyahocorasick"), pyyaml=yaml.__version__, libyaml=yaml.__with_libyaml__,
                    unidecode=version("unidecode"))
    except ImportError:
        pass
    results: list[dict[str, Any]] = []
    for size in [_size(s) for s in args.sizes.split(",") if s]:
        out = workdir / f"worker_{size}.json"
        cmd = [sys.executable, __file__, "--worker", size, "--worker-out", str(out), "--corpus", args.corpus,
               "--mb", str(args.mb), "--runs", str(args.runs), "--load-runs", str(args.load_runs),
               "--compile-runs", str(args.compile_runs), "--workdir", str(workdir),
               "--profile", ",".join(sorted(args.profile)) or "none", "--profile-top", str(args.profile_top)]
        if args.no_inject:
            cmd.append("--no-inject")
        print(f"[bench] {size}: running ...", file=sys.stderr, flush=True)
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, check=False)
        if proc.returncode != 0:
            print(f"[bench] {size}: worker failed (exit {proc.returncode})", file=sys.stderr)
            return proc.returncode
        result = json.loads(out.read_text(encoding="utf-8"))
        print(f"[bench] {size}: {result['entries']} entries, exact {result['exact_mb_s']:.1f} MB/s, "
              f"lint {result['lint_mb_s']:.1f} MB/s ({time.perf_counter() - t0:.0f} s)", file=sys.stderr, flush=True)
        results.append(result)
    out_path = Path(args.out) if args.out else workdir / f"results-{'quick' if args.quick else 'full'}.json"
    out_path.write_text(json.dumps({"meta": meta, "results": results}, ensure_ascii=False, indent=1), encoding="utf-8")
    print(render(results, meta, args.clock))
    print(f"\nresults: {out_path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
