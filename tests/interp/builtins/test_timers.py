"""Timers run in virtual time: ordered by due time, no real sleeping, paused while fetching."""
from __future__ import annotations

import time

import pytest

import fetchflow
from fetchflow import FetchResponse

from tests.node_oracle import assert_same_as_node

PROGRAMS = [
    # delays far apart, so node's real-time ordering is unambiguous
    'setTimeout(() => console.log("b"), 40); setTimeout(() => console.log("a"), 5); console.log("sync")',
    'const t = setTimeout(() => console.log("no"), 5); clearTimeout(t); setTimeout(() => console.log("yes"), 10)',
    'let n = 0; const iv = setInterval(() => { console.log("tick", ++n); if (n === 3) clearInterval(iv) }, 5)',
    'setTimeout((a, b) => console.log(a + b), 1, 2, 3); Promise.resolve().then(() => console.log("job first"))',
    'queueMicrotask(() => console.log("micro")); console.log("sync"); setImmediate(() => console.log("immediate"))',
    '(async () => { const sleep = ms => new Promise(r => setTimeout(r, ms)); for (let i = 0; i < 3; i++) '
    '{ await sleep(10); console.log("slept", i) } })()',
    'try { setTimeout("code", 1) } catch (e) { console.log(e.constructor.name) }',
]


@pytest.mark.parametrize("src", PROGRAMS)
def test_timers_like_node(src):
    assert_same_as_node(src)


def test_timers_take_no_real_time():
    t = time.monotonic()
    r = fetchflow.execute_code("await new Promise(r => setTimeout(r, 60000)); 'done'", quiet=True)
    assert r.result == "done"
    assert time.monotonic() - t < 5


SRC = ('setTimeout(() => console.log("timer"), 100); '
       'const r = await fetch("u"); console.log("fetched", await r.text()); '
       'await new Promise(res => setTimeout(res, 5)); console.log("end")')


@pytest.mark.parametrize("fetch_ms, order", [
    (20, ["fetched x", "end", "timer"]),      # a fast response: the 100 ms timer is still waiting
    (500, ["timer", "fetched x", "end"]),     # a slow one: the timer fell due during the fetch
])
def test_timers_wait_while_a_fetch_is_pending_and_survive_the_pause(fetch_ms, order):
    r = fetchflow.execute_code(SRC, quiet=True)
    assert r.type == "paused" and r.console == []
    q = r.fetch_request
    resp = FetchResponse(q.id, True, 200, "OK", "x", timestamp=q.timestamp + fetch_ms / 1000)
    r2 = fetchflow.resume_execution(r.state.to_bytes(), resp, quiet=True)
    assert r2.type == "completed"
    assert r2.console == order
