"""Load time of big libraries: CPU seconds of one ``execute_code(library)`` in-process.

    python bench/library_load.py [--runs 3] [--ast-cache cold|warm|both] [lodash chance mathjs ...]

Each run is a fresh child process (so one library's garbage or parse cache never lands in
another's figure) that imports fetchflow, runs ``1`` once (realm and parser tables ready), then
times ``execute_code`` of the library as a script, split into parse (with early errors),
scope analysis and the rest (compiling what runs, running the module's top level), with the
collector's share of the whole.  Reports the run with the least total CPU time.  The bundles
come from the library tests' npm cache (~/.cache/fetchflow/npm-libs, fetched by
tests/libraries on first use); a missing one is reported, never fetched here.  Prints only.

The parse cache on disk (grammar/ast_cache.py) holds only the programs of saved states, so a
library load parses ("cold", what every first run pays); "warm" first stores the library's
parse there, as saving a state would, and then loads it from the cache.  Each run points
XDG_CACHE_HOME at a temporary directory of its own, so the user's cache is neither read nor
written.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = Path(os.environ.get("FETCHFLOW_NPM_LIBS", Path.home() / ".cache" / "fetchflow" / "npm-libs"))
LIBRARIES = {
    "lodash": "lodash-4.17.21/package/lodash.js",
    "chance": "chance-1.1.11/package/chance.js",
    "mathjs": "mathjs-11.11.0/package/lib/browser/math.js",
    "rxjs": "rxjs-7.8.1/package/dist/bundles/rxjs.umd.js",
    "immutable": "immutable-4.3.4/package/dist/immutable.js",
}

CHILD = r"""
import gc, json, sys, time
sys.path.insert(0, sys.argv[2])
import fetchflow
import fetchflow.interp.compiler as C
fetchflow.execute_code("1", quiet=True)
spent = {"parse": 0.0, "analyze": 0.0, "gc": 0.0}
def timed(name, label):
    inner = getattr(C, name)
    def run(*a, **k):
        t = time.process_time()
        try:
            return inner(*a, **k)
        finally:
            spent[label] += time.process_time() - t
    setattr(C, name, run)
timed("parse_cached" if hasattr(C, "parse_cached") else "parse", "parse")
timed("analyze", "analyze")
started = [0.0]
def on_gc(phase, info):
    if phase == "start":
        started[0] = time.process_time()
    else:
        spent["gc"] += time.process_time() - started[0]
gc.callbacks.append(on_gc)
source = "var window = {document: {}};\n" + open(sys.argv[1], encoding="utf-8").read() + "\n;1"
if sys.argv[3] == "store":
    from fetchflow.grammar import ast_cache
    ast_cache.store(source, ast_cache.parse_cached(source))
    sys.exit(0)
t = time.process_time()
r = fetchflow.execute_code(source, quiet=True)
spent["total"] = time.process_time() - t
spent["outcome"] = r.type
print(json.dumps(spent))
"""


def _child(path: Path, cache: str, mode: str) -> str:
    env = dict(os.environ, XDG_CACHE_HOME=cache)
    p = subprocess.run([sys.executable, "-c", CHILD, str(path), str(HERE.parent), mode],
                       capture_output=True, text=True, timeout=600, env=env)
    if p.returncode != 0:
        raise RuntimeError(p.stderr.strip()[-500:])
    return p.stdout


def measure(path: Path, warm: bool = False) -> dict:
    with tempfile.TemporaryDirectory(prefix="fetchflow-bench-") as cache:
        os.chmod(cache, 0o700)
        if warm:
            _child(path, cache, "store")
        return json.loads(_child(path, cache, "run").strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("libraries", nargs="*", default=["lodash", "chance", "mathjs"])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--ast-cache", choices=("cold", "warm", "both"), default="cold",
                    help="parse each time (cold, the default), or load the parse from the disk cache")
    args = ap.parse_args()
    caches = "with" if os.environ.get("PYTHONDONTWRITEBYTECODE") is None else "without"
    print(f"CPU seconds in-process ({caches} bytecode caches; irrelevant after import), "
          f"best of {args.runs} fresh processes")
    print(f"{'library':<10} {'AST':>5} {'KB':>5} {'total':>6} {'parse':>6} {'analyze':>8} {'rest':>6} "
          f"{'gc':>5}")
    for name in args.libraries:
        path = CACHE / LIBRARIES.get(name, name)
        if not path.exists():
            print(f"{name:<10} missing: {path} (run tests/libraries once to fetch it)")
            continue
        for warm in {"cold": (False,), "warm": (True,), "both": (False, True)}[args.ast_cache]:
            best = min((measure(path, warm) for _ in range(args.runs)), key=lambda s: s["total"])
            rest = best["total"] - best["parse"] - best["analyze"]
            print(f"{name:<10} {'warm' if warm else 'cold':>5} {path.stat().st_size // 1024:>5} "
                  f"{best['total']:>6.2f} {best['parse']:>6.2f} {best['analyze']:>8.2f} {rest:>6.2f} "
                  f"{best['gc']:>5.2f}"
                  + ("" if best["outcome"] == "completed" else f"  ({best['outcome']})"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
