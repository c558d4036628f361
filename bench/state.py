"""Pause/resume cost: state size, serialize time, load-and-resume time.

Scenarios:
* the README example (one fetch, a JSON body);
* a script paused inside a loop after N iterations with a 1,000-element array and 100
  closures live, compared with pickling equivalent plain Python data.

Run: ``python bench/state.py [--runs N]``; prints a Markdown table (CPU time, medians).
"""
from __future__ import annotations

import argparse
import pickle
import statistics
import time
import zlib

import fetchflow
from fetchflow import FetchResponse
from fetchflow.state import dump_machine, load_machine

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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=20)
    a = ap.parse_args()
    rows = []
    r = fetchflow.execute_code(README, quiet=True)
    b = r.state.to_bytes()
    resp = FetchResponse(r.fetch_request.id, True, 200, "OK", {"id": 1, "name": "Ada"})
    m = load_machine(b)
    rows.append(("README example", len(b), cpu_ms(lambda: dump_machine(m), a.runs),
                 cpu_ms(lambda: fetchflow.resume_execution(b, resp, quiet=True), a.runs)))
    r = fetchflow.execute_code(LOOP, quiet=True)
    for n in range(10):
        r = fetchflow.resume_execution(r.state, FetchResponse(r.fetch_request.id, True, 200, "OK", str(n)),
                                       quiet=True)
    b = r.state.to_bytes()
    m = load_machine(b)
    resp = FetchResponse(r.fetch_request.id, True, 200, "OK", "7")
    rows.append(("loop, 1,000-element array + 100 closures, paused at n=10", len(b),
                 cpu_ms(lambda: dump_machine(m), a.runs),
                 cpu_ms(lambda: fetchflow.resume_execution(b, resp, quiet=True), a.runs)))
    plain = plain_python_equivalent()
    pb = zlib.compress(pickle.dumps(plain, protocol=5), 6)
    rows.append(("same data as plain Python objects (pickle + zlib)", len(pb),
                 cpu_ms(lambda: zlib.compress(pickle.dumps(plain, protocol=5), 6), a.runs),
                 cpu_ms(lambda: pickle.loads(zlib.decompress(pb)), a.runs)))
    print("| scenario | state bytes | serialize ms (CPU) | load + resume to next pause ms (CPU) |")
    print("| --- | ---: | ---: | ---: |")
    for name, size, dump_t, resume_t in rows:
        print(f"| {name} | {size:,} | {dump_t:.1f} | {resume_t:.1f} |")


if __name__ == "__main__":
    main()
