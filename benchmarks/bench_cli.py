"""Command speed (issue 4): warm start of ``normalize lint`` on one draft, and a folder on 1 and 2 cores.

Run by hand, never in tests. One command, a summary at the end (about 3-6 minutes)::

    python benchmarks/bench_cli.py                 # 40 warm runs, 1,000 articles
    python benchmarks/bench_cli.py --quick         # 15 warm runs, 200 articles
    python benchmarks/bench_cli.py --normalize "/path/to/venv/bin/normalize"   # another install

**Warm start.** ``normalize lint seeds/000_e7706126799bb1c7.txt --lang de -q`` (2.6 KB, bundled
glossary) with a fresh cache folder: one cold run (compiles the glossary, writes the cache), then warm
runs. Beside it, on the same machine at the same time: ``python -c pass`` and the bare-Python baseline
of ``../shared/research/perf-anchors.md`` §3 (``shared/bench/ac_lint.py``: import PyYAML and
pyahocorasick, read a 1k-entry prh.yml with the C loader, build the automaton, scan the same draft;
0.073 s on an idle machine). The commands run interleaved, round by round, so load that drifts hits
all of them alike; the ratio to the baseline is the figure to read on a shared machine. With hyperfine
installed, ``hyperfine -N --warmup 3`` measures the same commands once more.

**Folder.** N articles of ``fang_covid_de/professional_sample`` (``header + "\\n\\n" + article``), one
``.txt`` file each, written to the work folder (``/tmp/normalize-bench-cli``, never the repository);
``normalize lint DIR --lang de -q`` with ``-j1``, ``-j2`` and the default, interleaved, median of
``--folder-runs``. The outputs of ``-j1`` and ``-j2`` are compared byte for byte. In the same rounds a
control measures what the machine itself gives: the same pure-Python work (:data:`CONTROL`) done
twice in one process, or once in each of two; on a virtual machine whose two cores share a host,
that is often well under 2x, and it bounds what ``-j2`` can reach. Last, the two halves of the folder
are linted by two ``-j1`` processes, one after the other and then at the same time: the extra CPU
time of the second way is what sharing the machine costs a lint (caches, memory), not normalize's
parallel code.

Children get the environment without ``PYTHONDONTWRITEBYTECODE`` (set on the project machine): with
it, every run compiles normalize's modules from source (≈ 50 ms), which no installed copy does.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
DRAFT = REPO / "seeds" / "000_e7706126799bb1c7.txt"
CORPUS = SHARED / "corpora" / "fang_covid_de" / "professional_sample.jsonl.gz"
PEERS = SHARED / "bench"
GOAL_WARM = 0.15  # seconds, the goal for the warm start
ANCHOR_BASELINE = 0.073  # perf-anchors §3: ac_lint.py on a 2.6 KB draft, N = 1k, idle machine
GOAL_SPEEDUP = 1.8


def machine_load() -> str:
    """The load averages and the number of cores, for the record."""
    try:
        with open("/proc/loadavg", encoding="ascii") as handle:
            one, five, fifteen = handle.read().split()[:3]
    except OSError:
        return "load average unknown"
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return f"load average {one} / {five} / {fifteen} (1 / 5 / 15 min) on {cores} cores"


def child_env(cache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "NO_COLOR", "FORCE_COLOR")}
    env["NORMALIZE_CACHE_DIR"] = str(cache)
    return env


def default_command() -> list[str]:
    """The ``normalize`` script beside this interpreter, else ``python -m normalize``."""
    script = Path(sys.executable).parent / "normalize"
    return [str(script)] if script.exists() else [sys.executable, "-m", "normalize"]


def timed(command: list[str], env: dict[str, str], *, cwd: Path | None = None) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system of the child) and exit code of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=cwd, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, proc.returncode


def interleaved(commands: dict[str, list[str]], env: dict[str, str], runs: int, warmup: int = 2) -> dict[str, dict]:
    """Each command once per round, the order rotating; medians and minima of wall and CPU time."""
    names = list(commands)
    for _ in range(warmup):
        for name in names:
            timed(commands[name], env)
    walls: dict[str, list[float]] = {n: [] for n in names}
    cpus: dict[str, list[float]] = {n: [] for n in names}
    codes: dict[str, set[int]] = {n: set() for n in names}
    for round_ in range(runs):
        shift = round_ % len(names)
        for name in names[shift:] + names[:shift]:
            wall, cpu, code = timed(commands[name], env)
            walls[name].append(wall)
            cpus[name].append(cpu)
            codes[name].add(code)
    return {
        n: {
            "median": statistics.median(walls[n]),
            "min": min(walls[n]),
            "max": max(walls[n]),
            "cpu_median": statistics.median(cpus[n]),
            "runs": runs,
            "exit_codes": sorted(codes[n]),
            "walls": walls[n],
        }
        for n in names
    }


def baseline_files(work: Path) -> Path | None:
    """The 1k-entry prh.yml of perf-anchors §3 (peers.py's generator), or ``None`` without peers.py."""
    target = work / "prh-1k.yml"
    if target.exists():
        return target
    if not (PEERS / "peers.py").exists():
        return None
    sys.path.insert(0, str(PEERS))
    try:
        import peers  # type: ignore[import-not-found]

        target.write_text(peers.prh_yaml(peers.make_glossary(1000)), encoding="utf-8")
    except Exception as exc:  # noqa: BLE001 - the baseline is optional
        print(f"  (no baseline: {type(exc).__name__}: {exc})")
        return None
    finally:
        sys.path.remove(str(PEERS))
    return target


def hyperfine(commands: dict[str, list[str]], env: dict[str, str], runs: int, work: Path) -> dict[str, float] | None:
    """Mean and median of ``hyperfine -N --warmup 3``, or ``None`` when hyperfine is missing."""
    exe = shutil.which("hyperfine")
    if not exe:
        return None
    out = work / "hyperfine.json"
    argv = [exe, "-N", "-i", "--warmup", "3", "--runs", str(runs), "--export-json", str(out), "--style", "none"]
    for name, command in commands.items():
        argv += ["-n", name, " ".join(_quote(c) for c in command)]
    if subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False).returncode:
        return None
    results = json.loads(out.read_text(encoding="utf-8"))["results"]
    return {r["command"]: r["median"] for r in results}


def _quote(text: str) -> str:
    import shlex

    return shlex.quote(text)


def warm_start(normalize: list[str], work: Path, runs: int) -> dict:
    cache = work / "cache-start"
    shutil.rmtree(cache, ignore_errors=True)
    env = child_env(cache)
    lint = [*normalize, "lint", str(DRAFT), "--lang", "de", "-q"]
    cold_wall, cold_cpu, code = timed(lint, env)
    if code not in (0, 1):
        sys.exit(f"normalize failed (exit {code}): {' '.join(lint)}")
    commands = {"normalize lint (warm)": lint, "python -c pass": [sys.executable, "-c", "pass"]}
    prh = baseline_files(work)
    if prh is not None:
        commands["bare-Python baseline (ac_lint.py)"] = [sys.executable, str(PEERS / "ac_lint.py"), str(prh), str(DRAFT)]
    load_before = machine_load()
    results = interleaved(commands, env, runs)
    hyper = hyperfine(commands, env, runs, work)
    return {
        "cold": {"wall": cold_wall, "cpu": cold_cpu},
        "results": results,
        "hyperfine_median": hyper,
        "load_before": load_before,
        "load_after": machine_load(),
    }


def build_folder(work: Path, count: int) -> tuple[Path, int]:
    folder = work / f"articles-{count}"
    done = folder / ".complete"
    if done.exists():
        return folder, sum(p.stat().st_size for p in folder.glob("*.txt"))
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    size = 0
    with gzip.open(CORPUS, "rt", encoding="utf-8") as handle:
        for index, line in enumerate(handle):
            if index >= count:
                break
            record = json.loads(line)
            text = f"{record.get('header') or ''}\n\n{record.get('article') or ''}\n"
            path = folder / f"a{index:04}.txt"
            path.write_text(text, encoding="utf-8")
            size += path.stat().st_size
    done.write_text("", encoding="utf-8")
    return folder, size


#: The machine's own 2-core scaling, measured in the same rounds: the same pure-Python work (string
#: keys into a dict, like a lint's memo) done twice in one process, or once in each of two processes.
CONTROL = """
import sys
from multiprocessing import get_context
def work(n):
    d = {}
    for i in range(n):
        d[str(i)] = len(d)
    return len(d)
n = int(sys.argv[1])
if sys.argv[2] == "1":
    work(n), work(n)
else:
    with get_context("fork").Pool(2) as pool:
        pool.map(work, [n, n])
"""
CONTROL_SIZE = "2000000"


def folder_run(normalize: list[str], work: Path, count: int, runs: int) -> dict:
    if not CORPUS.exists():
        return {"skipped": f"no corpus at {CORPUS}"}
    folder, size = build_folder(work, count)
    env = child_env(work / "cache-folder")
    base = [*normalize, "lint", str(folder), "--lang", "de", "-q"]
    outputs = {}
    for jobs in ("1", "2"):  # warms the cache too; the outputs must be identical
        outputs[jobs] = subprocess.run([*base, "-j", jobs], capture_output=True, env=env, check=False).stdout
    commands = {
        "-j1": [*base, "-j", "1"],
        "-j2": [*base, "-j", "2"],
        "default": base,
        "control 1": [sys.executable, "-c", CONTROL, CONTROL_SIZE, "1"],
        "control 2": [sys.executable, "-c", CONTROL, CONTROL_SIZE, "2"],
    }
    load_before = machine_load()
    results = interleaved(commands, env, runs, warmup=0)
    return {
        "files": count,
        "bytes": size,
        "identical_output": outputs["1"] == outputs["2"],
        "output_lines": outputs["1"].count(b"\n"),
        "results": results,
        "speedup_j2": results["-j1"]["median"] / results["-j2"]["median"],
        "speedup_default": results["-j1"]["median"] / results["default"]["median"],
        "speedup_control": results["control 1"]["median"] / results["control 2"]["median"],
        "speedup_j2_rounds": [a / b for a, b in zip(results["-j1"]["walls"], results["-j2"]["walls"])],
        "speedup_control_rounds": [
            a / b for a, b in zip(results["control 1"]["walls"], results["control 2"]["walls"])
        ],
        "load_before": load_before,
        "load_after": machine_load(),
    }


def contention(normalize: list[str], work: Path, count: int, runs: int) -> dict:
    """CPU time of linting the two halves of the folder with ``-j1``, one after the other and at once.

    Both ways each half is linted by its own process, with its own memo: the difference is only what
    running side by side costs (the two cores share caches and memory), a cost no ``-j2`` can avoid.
    """
    folder, _ = build_folder(work, count)
    halves = []
    for part in (0, 1):
        half = work / f"articles-{count}-half{part}"
        if not half.exists():
            half.mkdir()
            for i, path in enumerate(sorted(folder.glob("*.txt"))):
                if i % 2 == part:
                    (half / path.name).write_bytes(path.read_bytes())
        halves.append(half)
    env = child_env(work / "cache-folder")
    commands = [[*normalize, "lint", str(h), "--lang", "de", "-q", "-j", "1"] for h in halves]
    apart: list[float] = []
    together: list[float] = []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        for command in commands:
            subprocess.run(command, stdout=subprocess.DEVNULL, env=env, check=False)
        middle = resource.getrusage(resource.RUSAGE_CHILDREN)
        procs = [subprocess.Popen(command, stdout=subprocess.DEVNULL, env=env) for command in commands]
        for proc in procs:
            proc.wait()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        apart.append(middle.ru_utime + middle.ru_stime - before.ru_utime - before.ru_stime)
        together.append(after.ru_utime + after.ru_stime - middle.ru_utime - middle.ru_stime)
    return {"apart_cpu": statistics.median(apart), "together_cpu": statistics.median(together), "runs": runs}


def package_of(normalize: list[str]) -> str:
    """Where the command's interpreter imports normalize from (an editable install adds an import finder)."""
    python = normalize[:-2] if normalize[-2:] == ["-m", "normalize"] else None
    if python is None:
        try:
            with open(normalize[0], encoding="utf-8") as handle:
                first = handle.readline()
        except (OSError, UnicodeDecodeError):
            return "unknown"
        python = [first[2:].strip()] if first.startswith("#!") else None
    if not python:
        return "unknown"
    code = "import normalize, sys; print(normalize.__file__, 'editable' if any('__editable__' in repr(f) for f in sys.meta_path) else '')"
    out = subprocess.run([*python, "-c", code], capture_output=True, text=True, cwd="/", check=False)
    return out.stdout.strip() or "unknown"


def summary(start: dict | None, folder: dict | None, normalize: list[str]) -> str:
    lines = ["", "=" * 100, f"normalize: {' '.join(normalize)}   Python {sys.version.split()[0]}   {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}"]
    lines.append(f"package: {package_of(normalize)}")
    if start:
        res = start["results"]
        warm = res["normalize lint (warm)"]
        lines.append("")
        lines.append(f"Warm start, {DRAFT.name} ({DRAFT.stat().st_size:,} bytes), bundled glossary   [{start['load_before']}]")
        lines.append(f"  {'command':38s} {'median s':>9s} {'min s':>7s} {'max s':>7s} {'CPU s':>7s}  {'hyperfine median s':>18s}")
        for name, r in res.items():
            hyper = (start["hyperfine_median"] or {}).get(name)
            hyper_text = f"{hyper:.3f}" if hyper is not None else "-"
            lines.append(
                f"  {name:38s} {r['median']:9.3f} {r['min']:7.3f} {r['max']:7.3f} {r['cpu_median']:7.3f}  {hyper_text:>18s}"
            )
        lines.append(f"  cold run (compiles and caches the glossary): {start['cold']['wall']:.2f} s")
        verdict = "met" if warm["median"] <= GOAL_WARM else "NOT met"
        lines.append(f"  goal: warm median <= {GOAL_WARM} s: {warm['median']:.3f} s, {verdict}")
        base = res.get("bare-Python baseline (ac_lint.py)")
        if base:
            ratio = warm["median"] / base["median"]
            allowed = GOAL_WARM / ANCHOR_BASELINE
            verdict = "met" if ratio <= allowed else "NOT met"
            lines.append(
                f"  ratio to the bare-Python baseline measured alongside: {ratio:.2f}x (goal <= {GOAL_WARM}/{ANCHOR_BASELINE} = "
                f"{allowed:.2f}x, load-independent reading of the goal): {verdict}; baseline now {base['median']:.3f} s "
                f"vs {ANCHOR_BASELINE} s idle"
            )
        lines.append(f"  load after: {start['load_after']}")
    if folder:
        lines.append("")
        if "skipped" in folder:
            lines.append(f"Folder: skipped ({folder['skipped']})")
        else:
            res = folder["results"]
            lines.append(
                f"Folder: {folder['files']} articles, {folder['bytes'] / 1e6:.2f} MB, {folder['output_lines']:,} finding lines   [{folder['load_before']}]"
            )
            lines.append(f"  {'run':10s} {'median s':>9s} {'min s':>7s} {'max s':>7s} {'CPU s':>7s}")
            for name, r in res.items():
                lines.append(f"  {name:10s} {r['median']:9.2f} {r['min']:7.2f} {r['max']:7.2f} {r['cpu_median']:7.2f}")
            verdict = "met" if folder["speedup_j2"] >= GOAL_SPEEDUP else "NOT met"
            lines.append(
                f"  speedup -j1 / -j2: {folder['speedup_j2']:.2f}x (goal >= {GOAL_SPEEDUP}x on an idle 2-core machine): {verdict}; "
                f"-j1 / default: {folder['speedup_default']:.2f}x"
            )
            lines.append(
                f"  the machine's own scaling (control: the same pure-Python work on 1 and 2 processes, same rounds): "
                f"{folder['speedup_control']:.2f}x; -j2 reaches {folder['speedup_j2'] / folder['speedup_control']:.0%} of it"
            )
            per_round = ", ".join(
                f"{a:.2f}/{b:.2f}" for a, b in zip(folder["speedup_j2_rounds"], folder["speedup_control_rounds"])
            )
            lines.append(f"  per round, -j2 speedup / control speedup: {per_round}")
            lines.append(f"  -j1 and -j2 outputs identical: {folder['identical_output']}")
            side = folder.get("contention")
            if side:
                lines.append(
                    f"  the two halves with -j1, CPU s (median of {side['runs']}): one after the other "
                    f"{side['apart_cpu']:.2f}, at the same time {side['together_cpu']:.2f} "
                    f"(+{side['together_cpu'] / side['apart_cpu'] - 1:.0%}: the cost of sharing the machine)"
                )
            lines.append(f"  load after: {folder['load_after']}")
            if not folder["load_before"].startswith("load average 0."):
                lines.append("  NOTE: the machine was busy; the speedup on 2 cores is only meaningful on an idle machine.")
    lines.append("=" * 100)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="15 warm runs, 200 articles, 2 folder runs")
    ap.add_argument("--normalize", help="the command to time (default: the normalize script beside this python)")
    ap.add_argument("--runs", type=int, help="warm-start runs per command (default 40; quick 15)")
    ap.add_argument("--files", type=int, help="articles in the folder (default 1000; quick 200)")
    ap.add_argument("--folder-runs", type=int, help="runs per folder command (default 7; quick 2)")
    ap.add_argument("--skip-start", action="store_true")
    ap.add_argument("--skip-folder", action="store_true")
    ap.add_argument("--workdir", type=Path, default=Path(os.environ.get("NORMALIZE_BENCH_DIR", "/tmp/normalize-bench-cli")))
    ap.add_argument("--json", type=Path, help="also write the results here")
    args = ap.parse_args(argv)
    runs = args.runs or (15 if args.quick else 40)
    files = args.files or (200 if args.quick else 1000)
    folder_runs = args.folder_runs or (2 if args.quick else 7)
    normalize = args.normalize.split() if args.normalize else default_command()
    args.workdir.mkdir(parents=True, exist_ok=True)
    print(f"normalize: {' '.join(normalize)}; work folder {args.workdir}; {machine_load()}")
    start = folder = None
    if not args.skip_start:
        print(f"warm start: {runs} interleaved runs per command ...", flush=True)
        start = warm_start(normalize, args.workdir, runs)
    if not args.skip_folder:
        print(f"folder: {files} articles, {folder_runs} interleaved runs of -j1, -j2, default ...", flush=True)
        folder = folder_run(normalize, args.workdir, files, folder_runs)
        if "skipped" not in folder:
            folder["contention"] = contention(normalize, args.workdir, files, folder_runs)
    text = summary(start, folder, normalize)
    print(text)
    if args.json:
        args.json.write_text(json.dumps({"start": start, "folder": folder, "summary": text}, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
