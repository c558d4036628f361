"""The VM's one clock (fetchflow/interp/operations/clock.py): Date.now(), performance.now()
and the timers agree, in virtual time as node does in real time."""
from __future__ import annotations

import fetchflow
from fetchflow import FetchResponse
from tests.node_oracle import assert_same_as_node

SLEEP = "const sleep = ms => new Promise(r => setTimeout(r, ms));\n"


def test_date_now_moves_with_the_timers_as_in_node() -> None:
    assert_same_as_node(SLEEP + """(async () => {
  const t0 = Date.now(), p0 = performance.now();
  await sleep(5000);
  console.log(Math.round((Date.now() - t0) / 1000), Math.round((performance.now() - p0) / 1000));
  let n = 0; const deadline = Date.now() + 2000;
  while (Date.now() < deadline) { n++; await sleep(500); }
  console.log("polls", n);
  setTimeout(() => console.log("at", Math.round((Date.now() - t0) / 1000)), 1000);
})();""")


def test_a_busy_wait_on_date_now_ends() -> None:
    assert_same_as_node("""const s = Date.now(); let spins = 0;
while (Date.now() - s < 20) spins++;
console.log(spins > 0, Date.now() - s >= 20);""")


def test_the_clock_moves_by_a_pause_and_stays_monotonic() -> None:
    src = SLEEP + """const t0 = Date.now();
await sleep(1000);
const t1 = Date.now();
await fetch("https://a.example/");
const t2 = Date.now();
await sleep(10);
[t1 - t0, t2 - t1, Date.now() - t2]"""
    r = fetchflow.execute_code(src, quiet=True)
    q = r.fetch_request
    done = fetchflow.resume_execution(r.state.to_bytes(),
                                      FetchResponse(q.id, True, 200, timestamp=q.timestamp + 30.0))
    d1, d2, d3 = done.result
    assert 1000 <= d1 < 1100 and 30_000 <= d2 < 30_100 and 10 <= d3 < 100


def test_a_fixed_clock_moves_only_with_timers_and_declared_pauses() -> None:
    src = SLEEP + """const t0 = Date.now(); await sleep(250); const t1 = Date.now();
await fetch("https://a.example/"); [t0, t1, Date.now()]"""
    r = fetchflow.execute_code(src, quiet=True, clock=1_700_000_000_000)
    q = r.fetch_request
    undeclared = fetchflow.resume_execution(r.state.to_bytes(), FetchResponse(q.id, True, 200))
    assert undeclared.result == [1_700_000_000_000, 1_700_000_000_250, 1_700_000_000_250]
    declared = fetchflow.resume_execution(r.state.to_bytes(),
                                          FetchResponse(q.id, True, 200, timestamp=q.timestamp + 2))
    assert declared.result == [1_700_000_000_000, 1_700_000_000_250, 1_700_000_002_250]
