"""Crash test: worker processes SIGKILLed at random points lose nothing.

Realistic workflows (several fetches, a real timer, an event, a POST) run under worker
processes that are killed from outside at random moments and kill themselves (``--chaos``)
between claim and step, between step and commit, between commit and the fetches'
dispatch, and between a fetch and its record.  Afterwards every run must have completed
with the output of an uninterrupted run, and the history must show every step committed
once, every request made once and answered once.

CI runs a small size on each backend; the issue's full size is
``FETCHFLOW_CRASH_RUNS=200 FETCHFLOW_CRASH_KILLS=100 python -m pytest tests/durable/test_crash.py``.
"""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time

from fetchflow.durable import Store

from .httpserver import LocalServer

RUNS = int(os.environ.get("FETCHFLOW_CRASH_RUNS", "12"))
KILLS = int(os.environ.get("FETCHFLOW_CRASH_KILLS", "12"))
WORKERS = 2

WORKFLOW = '''
const base = "%(base)s", k = %(k)d;
console.log("begin", k);
const a = await (await fetch(`${base}/item/${k}`)).json();
const [b, c] = await Promise.all([fetch(`${base}/item/${k + 1}`), fetch(`${base}/item/${k + 2}`)])
  .then(rs => Promise.all(rs.map(r => r.json())));
console.log("sum", a.n + b.n + c.n);
await new Promise(r => setTimeout(r, 200));
const ev = await waitForEvent("go", {timeout: 600000});
const e = await (await fetch(`${base}/echo`, {method: "POST", body: JSON.stringify({k, ev})})).json();
console.log("posted", e.body, e.headers["idempotency-key"] ? "with key" : "without key");
({k, total: a.n + b.n + c.n + ev.x})
'''


def expected(k: int) -> tuple:
    return (["begin %d" % k, "sum %d" % (3 * k + 3),
             'posted {"k":%d,"ev":{"x":%d}} with key' % (k, k)], {"k": k, "total": 4 * k + 3})


def _spawn(url: str, chaos: float, queue: list) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "fetchflow", "worker", "--store", url, "--lease", "1",
                             "--max-in-flight", "16", "--chaos", str(chaos)] + queue,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def test_sigkilled_workers_lose_nothing(store_and_queue: tuple) -> None:
    store_url, queue = store_and_queue
    server = LocalServer()
    rng = random.Random(12)
    s = Store(store_url)
    ids = {s.start(WORKFLOW % {"base": server.url, "k": k}): k for k in range(RUNS)}
    unsent = list(ids)
    rng.shuffle(unsent)
    kills = 0
    procs = [_spawn(store_url, 0.04, queue) for _ in range(WORKERS)]
    deadline = time.time() + float(os.environ.get("FETCHFLOW_CRASH_TIMEOUT", 60 + RUNS * 1.5))
    next_kill = time.time() + rng.uniform(0.2, 0.8)
    try:
        while time.time() < deadline:
            if unsent and rng.random() < 0.3:
                rid = unsent.pop()
                s.send_event(rid, "go", {"x": ids[rid]})
            for i, p in enumerate(procs):
                if p.poll() is not None:
                    kills += p.returncode == -signal.SIGKILL
                    procs[i] = _spawn(store_url, 0.04 if kills < KILLS else 0.0, queue)
            if kills < KILLS and time.time() >= next_kill:
                victim = rng.choice(procs)
                if victim.poll() is None:
                    victim.send_signal(signal.SIGKILL)
                next_kill = time.time() + rng.uniform(0.2, 0.8)
            counts = s.counts()
            if not unsent and counts.get("completed", 0) + counts.get("failed", 0) == RUNS:
                break
            time.sleep(0.05)
    finally:
        for p in procs:
            p.kill()
            p.wait()
        server.close()
    assert kills >= min(KILLS, 1), kills
    for rid, k in ids.items():
        d = s.show(rid)
        console, result = expected(k)
        assert d["status"] == "completed", (k, d["status"], d["error"])
        assert d["console"] == console, k
        assert d["result"] == result
        hist = s.history(rid)
        assert [h["step"] for h in hist] == list(range(len(hist)))
        made = [q["id"] for h in hist for q in h["requests"]]
        answered = sorted(r["id"] for h in hist for r in h["responses"])
        assert made == ["req_1", "req_2", "req_3", "req_4"] and answered == made
        assert [e for h in hist for e in h["events"]] == [["go", {"x": k}]]
        assert sum(1 for h in hist if h["kind"] == "start") == 2  # the row at creation + step 1
    dup = sum(1 for v in _post_keys(server).values() if v > 1)
    print(f"\n{RUNS} runs, {kills} kills, {dup} POSTs performed twice (same Idempotency-Key)")


def _post_keys(server: LocalServer) -> dict:
    keys: dict = {}
    for e in server.log:
        if e["method"] == "POST":
            k = {a.lower(): b for a, b in e["headers"].items()}.get("idempotency-key")
            keys[k] = keys.get(k, 0) + 1
    return keys


_ = json
