"""Load figures for durable runs: runs/s and fetches in flight for 1, 2 and 4 worker processes.

R runs x 5 fetches each against a local HTTP server (127.0.0.1, 20 ms latency
by default, in its own process), on SQLite (and PostgreSQL with ``--pg URL``, a base URL such as
``postgresql://user@127.0.0.1:5432``; a fresh database is created per measurement).  Every run
fetches from the one server, so the workers run with ``--max-per-host 0`` (no per-host limit;
``--worker-args`` replaces the extra worker arguments).  Fetches in flight are counted by the
server: the peak, and the mean (the time requests spent in the server / wall time).  Two
workloads: by default each run makes its 5 fetches one after the other (6 steps a run);
with ``--parallel`` it makes them at once with ``Promise.all`` (a batch the worker performs
concurrently: the first step issues all 5).  ``cpu_s`` is the CPU time of the worker
processes (user + system), ``steps`` the steps they committed (from the runs' history).

    python bench/durable_load.py [--runs 1000] [--processes 1 2 4] [--pg URL] [--latency MS]
                                 [--stores sqlite postgres procrastinate] [--worker-args "..."]
                                 [--parallel]
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shlex
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from fetchflow.durable import Store  # noqa: E402

SCRIPT = '''
let total = 0;
for (let i = 0; i < 5; i++) {
  const r = await fetch(`%s/item/${%d * 5 + i}`);
  total += (await r.json()).n;
}
total
'''

PARALLEL_SCRIPT = '''
const rs = await Promise.all([0, 1, 2, 3, 4].map(i => fetch(`%s/item/${%d * 5 + i}`)));
let total = 0;
for (const r of rs) total += (await r.json()).n;
total
'''


def measure(url: str, server: str, runs: int, processes: int, queue: list, extra: list,
            script: str = SCRIPT) -> dict:
    s = Store(url, queue=queue[1] if queue else None)
    for k in range(runs):
        s.start(script % (server, k))
    urllib.request.urlopen(server + "/stats").read()  # reset the peak
    t = time.time()
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-m", "fetchflow", "worker", "--store", url, "--until-idle",
                    "--processes", str(processes), "--max-in-flight", "64"] + extra + queue,
                   check=True, cwd=ROOT, stderr=subprocess.DEVNULL)
    dt = time.time() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_s = (after.ru_utime - cpu.ru_utime) + (after.ru_stime - cpu.ru_stime)
    stats = json.loads(urllib.request.urlopen(server + "/stats").read())
    counts = s.counts()
    assert counts == {"completed": runs}, counts
    steps = int(s.db.query("SELECT COUNT(*) FROM ff_steps WHERE step > 0")[0][0])
    return {"workload": "parallel" if script == PARALLEL_SCRIPT else "sequential",
            "processes": processes, "runs": runs, "seconds": round(dt, 2),
            "runs_per_s": round(runs / dt, 1), "fetches_per_s": round(5 * runs / dt, 1),
            "max_fetches_in_flight": stats["max_in_flight"],
            "mean_fetches_in_flight": round(stats.get("busy", 0.0) / dt, 1),
            "steps": steps, "cpu_s": round(cpu_s, 2), "cpu_ms_per_step": round(1000 * cpu_s / steps, 2),
            "cpu_ms_per_run": round(1000 * cpu_s / runs, 2), "server_cpu_s": round(stats.get("cpu", 0.0), 2)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=1000)
    ap.add_argument("--processes", type=int, nargs="+", default=[1, 2, 4])
    ap.add_argument("--pg", help="PostgreSQL base URL (a database is created per measurement)")
    ap.add_argument("--latency", type=float, default=20.0, help="the server's latency in ms")
    ap.add_argument("--stores", nargs="+", default=["sqlite", "postgres", "procrastinate"],
                    choices=("sqlite", "postgres", "procrastinate"))
    ap.add_argument("--worker-args", default="--max-per-host 0",
                    help="extra arguments for every worker (default: %(default)s)")
    ap.add_argument("--parallel", action="store_true",
                    help="each run fetches its 5 URLs at once (Promise.all) instead of in turn")
    args = ap.parse_args()
    script = PARALLEL_SCRIPT if args.parallel else SCRIPT
    extra = shlex.split(args.worker_args)
    srv = subprocess.Popen([sys.executable, "-m", "tests.durable.httpserver", str(args.latency)], cwd=ROOT,
                           stdout=subprocess.PIPE, text=True)
    server = srv.stdout.readline().strip()  # type: ignore[union-attr]
    try:
        for n in args.processes:
            if "sqlite" in args.stores:
                with tempfile.TemporaryDirectory() as d:
                    print("sqlite", json.dumps(measure(f"sqlite:///{d}/runs.db", server, args.runs, n,
                                                       [], extra, script)), flush=True)
            if args.pg:
                import psycopg
                for label, queue in (("postgres", []), ("procrastinate", ["--queue", "procrastinate"])):
                    if label not in args.stores:
                        continue
                    name = "bench_" + uuid.uuid4().hex[:8]
                    with psycopg.connect(args.pg + "/postgres", autocommit=True) as c:
                        c.execute(f"CREATE DATABASE {name}")
                    print(label, json.dumps(measure(f"{args.pg}/{name}", server, args.runs, n, queue,
                                                    extra, script)), flush=True)
    finally:
        srv.terminate()


if __name__ == "__main__":
    main()
