"""Parser throughput and cold start: fetchflow vs esprima-python.

    python bench/parse.py [--reps 3] [--no-write]

Fetches lodash@4.17.21 and underscore@1.13.6 with `npm pack` into
~/.cache/fetchflow/bench (outside the repo), parses lodash.js and
underscore.js with both parsers (median of --reps runs), and times
`python -c "import fetchflow; fetchflow.parse('1')"` against the esprima
equivalent (median of 5 subprocess runs).  Figures go to stdout and to
bench/RESULTS.md under "## Parser".
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import statistics
import subprocess
import sys
import tarfile
import time
from pathlib import Path

CACHE = Path(os.path.expanduser("~/.cache/fetchflow/bench"))
PACKAGES = {"lodash@4.17.21": "lodash.js", "underscore@1.13.6": "underscore.js"}
HERE = Path(__file__).resolve().parent
RESULTS = HERE / "RESULTS.md"
SECTION = "## Parser"


def fetch() -> dict[str, Path]:
    CACHE.mkdir(parents=True, exist_ok=True)
    files = {}
    for spec, main in PACKAGES.items():
        name, version = spec.split("@")
        dest = CACHE / f"{name}-{version}"
        target = dest / "package" / main
        if not target.exists():
            out = subprocess.run(["npm", "pack", spec, "--pack-destination", str(CACHE)],
                                 check=True, capture_output=True, text=True)
            tgz = CACHE / out.stdout.strip().splitlines()[-1]
            with tarfile.open(tgz) as tf:
                tf.extractall(dest)
        files[main] = target
    return files


def median_time(fn, reps: int) -> float:
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def cold_start(code: str, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def machine() -> str:
    cpu = "unknown"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{os.cpu_count()} cores (nproc), CPU {cpu}, Python "
            f"{platform.python_version()}, {platform.system()} {platform.machine()}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()

    import esprima  # type: ignore

    from fetchflow.grammar.parser import parse

    files = fetch()
    rows = []
    for main, path in files.items():
        src = path.read_text(encoding="utf-8")
        kib = len(src.encode("utf-8")) / 1024
        parse(src)  # warm up: grammar tables, imports
        ff = median_time(lambda: parse(src), args.reps)
        es = median_time(lambda: esprima.parseScript(src), args.reps)
        rows.append((main, kib, ff, es))

    cold_ff = cold_start("import fetchflow; fetchflow.parse('1')")
    cold_es = cold_start("import esprima; esprima.parseScript('1')")

    lines = [f"Run {datetime.date.today().isoformat()} on {machine()}.", "",
             f"Throughput (median of {args.reps} parses after one warm-up parse):", "",
             "| file | KiB | fetchflow s | fetchflow KiB/s | esprima s | esprima KiB/s | "
             "fetchflow / esprima time |",
             "|---|---|---|---|---|---|---|"]
    for main, kib, ff, es in rows:
        lines.append(f"| {main} | {kib:.0f} | {ff:.2f} | {kib / ff:.0f} | {es:.2f} | "
                     f"{kib / es:.0f} | {ff / es:.2f}x |")
    lines += ["", "Cold start (median of 5 subprocess runs, includes interpreter start):", "",
              f"- `python -c \"import fetchflow; fetchflow.parse('1')\"`: {cold_ff * 1000:.0f} ms",
              f"- `python -c \"import esprima; esprima.parseScript('1')\"`: {cold_es * 1000:.0f} ms",
              f"- ratio: {cold_ff / cold_es:.2f}x"]
    report = "\n".join(lines)
    print(report)
    if not args.no_write:
        text = RESULTS.read_text() if RESULTS.exists() else "# Benchmarks\n"
        body = SECTION + "\n\n" + report + "\n"
        if SECTION + "\n" in text:
            start = text.index(SECTION + "\n")
            nxt = text.find("\n## ", start + len(SECTION))
            text = text[:start] + body + (text[nxt:] if nxt != -1 else "")
        else:
            text = text.rstrip() + "\n\n" + body
        RESULTS.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
