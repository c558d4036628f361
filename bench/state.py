"""Pause/resume cost: state size, serialize time, load-and-resume time.

Scenarios:
* the README example (one fetch, a JSON body);
* a script paused inside a loop after N iterations with a 1,000-element array and 100
  closures live, compared with pickling equivalent plain Python data.

Also the README example resumed in a fresh process (``env -u PYTHONDONTWRITEBYTECODE``:
with bytecode caches, as an installed package runs), timed inside that process: load and
resume to completion, after ``import fetchflow``.

Run: ``python bench/state.py [--runs N] [--fresh N]``; prints a Markdown table (CPU time,
medians) with each state's size and its number of records (the object table).
"""
from __future__ import annotations

import argparse
import io
import os
import pickle
import statistics
import subprocess
import sys
import tempfile
import time
import zlib

import fetchflow
from fetchflow import FetchResponse
from fetchflow.state import _Unpickler, _unsigned, dump_machine, load_machine

README = '''
const res = await fetch("https://api.example.com/user/1");
const user = await res.json();
console.log("hello", user.name);
user.id
'''

LOOP = '''
const data = Array.from({length: 1000}, (_, i) => ({id: i, name: "item" + i, tags: [i % 7, i % 11]}));
const fns = [];
for (let i = 0; i < 100; i++) { const k = i * 3; fns.push(x => x + k + data[i].id); }
let total = 0;
for (let n = 0; n < 50; n++) {
  const r = await fetch("https://api.example.com/page/" + n);
  total += fns[n % 100](+(await r.text()));
}
total
'''


def cpu_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.process_time()
        fn()
        times.append((time.process_time() - t) * 1000)
    return statistics.median(times)


def plain_python_equivalent() -> object:
    data = [{"id": i, "name": f"item{i}", "tags": [i % 7, i % 11]} for i in range(1000)]
    fns = [(i * 3, i) for i in range(100)]  # closures as (captured k, index) pairs
    return {"data": data, "fns": fns, "total": 0, "n": 10}


def records(b: bytes) -> int:
    """The number of objects a state holds: its records (the object table) and the
    built-in functions it rebuilds by name (format 2 writes every untouched one so)."""
    f = io.BytesIO(_unsigned(b, None))
    pids: set = set()

    class Count(pickle.Unpickler):
        def persistent_load(self, pid):  # noqa: ANN001, ANN201
            if type(pid[0]) is int or pid[0] == "N":
                pids.add(pid)
            return None

        def find_class(self, module, name):  # noqa: ANN001, ANN201
            raise pickle.UnpicklingError(name)

    u = Count(f)
    u.load()   # the header, then the machine record and the records up to None
    while u.load() is not None:
        pass
    return len(pids)


FRESH = """
import time
t = time.perf_counter()
import fetchflow
from fetchflow import FetchResponse
t0, c0 = time.perf_counter(), time.process_time()
b = open(%r, "rb").read()
r = fetchflow.resume_execution(b, FetchResponse(%r, True, 200, "OK", {"id": 1, "name": "Ada"}), quiet=True)
assert r.result == 1, r
print((time.perf_counter() - t0) * 1000, (t0 - t) * 1000, (time.process_time() - c0) * 1000)
"""


def fresh_resume(state: bytes, rid: str, runs: int) -> tuple:
    """Medians (load + resume ms wall, import ms wall, load + resume ms CPU) of a fresh
    process resuming ``state``."""
    with tempfile.NamedTemporaryFile(suffix=".state", delete=False) as f:
        f.write(state)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    try:
        root = os.path.dirname(os.path.dirname(os.path.abspath(fetchflow.__file__)))
        out = [subprocess.run([sys.executable, "-c", FRESH % (f.name, rid)], env=env, check=True, cwd=root,
                              capture_output=True, text=True).stdout.split() for _ in range(runs)]
    finally:
        os.unlink(f.name)
    return tuple(statistics.median(float(o[i]) for o in out) for i in range(3))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--fresh", type=int, default=9, help="fresh processes for the resume figure")
    a = ap.parse_args()
    rows = []
    r = fetchflow.execute_code(README, quiet=True)
    b = r.state.to_bytes()
    resp = FetchResponse(r.fetch_request.id, True, 200, "OK", {"id": 1, "name": "Ada"})
    m = load_machine(b)
    readme = (b, r.fetch_request.id)
    rows.append(("README example", len(b), records(b), cpu_ms(lambda: dump_machine(m), a.runs),
                 cpu_ms(lambda: fetchflow.resume_execution(b, resp, quiet=True), a.runs)))
    r = fetchflow.execute_code(LOOP, quiet=True)
    for n in range(10):
        r = fetchflow.resume_execution(r.state, FetchResponse(r.fetch_request.id, True, 200, "OK", str(n)),
                                       quiet=True)
    b = r.state.to_bytes()
    m = load_machine(b)
    resp = FetchResponse(r.fetch_request.id, True, 200, "OK", "7")
    rows.append(("loop, 1,000-element array + 100 closures, paused at n=10", len(b), records(b),
                 cpu_ms(lambda: dump_machine(m), a.runs),
                 cpu_ms(lambda: fetchflow.resume_execution(b, resp, quiet=True), a.runs)))
    plain = plain_python_equivalent()
    pb = zlib.compress(pickle.dumps(plain, protocol=5), 6)
    rows.append(("same data as plain Python objects (pickle + zlib)", len(pb), 0,
                 cpu_ms(lambda: zlib.compress(pickle.dumps(plain, protocol=5), 6), a.runs),
                 cpu_ms(lambda: pickle.loads(zlib.decompress(pb)), a.runs)))
    print("| scenario | state bytes | objects | serialize ms (CPU) | load + resume to next pause ms (CPU) |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, size, nrec, dump_t, resume_t in rows:
        print(f"| {name} | {size:,} | {nrec or '-'} | {dump_t:.1f} | {resume_t:.1f} |")
    if a.fresh:
        ms, imp, cpu = fresh_resume(readme[0], readme[1], a.fresh)
        print(f"\nREADME example resumed in a fresh process (bytecode caches, median of {a.fresh}): "
              f"load + resume {ms:.1f} ms wall, {cpu:.1f} ms CPU (after import fetchflow: {imp:.0f} ms)")


if __name__ == "__main__":
    main()
