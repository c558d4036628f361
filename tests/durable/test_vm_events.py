"""waitForEvent and real timers in the VM itself, without a store."""
from __future__ import annotations

import time

import pytest

from fetchflow import FetchResponse, JSError, execute_code, resume_execution


def test_wait_for_event_pauses_and_resumes_with_the_payload() -> None:
    r = execute_code('console.log("a"); const e = await waitForEvent("approve"); e.who + "!"', quiet=True)
    assert r.type == "paused" and r.fetch_requests == [] and r.fetch_request is None
    assert r.pending_events == [{"id": "evt_1", "name": "approve", "timeout": None}]
    r2 = resume_execution(r.state, [], events=[("approve", {"who": "ada"})], quiet=True)
    assert r2.type == "completed" and r2.result == "ada!"
    # resuming with another name keeps waiting (the event waits in the inbox)
    r3 = resume_execution(r.state, [], events={"other": 1}, quiet=True)
    assert r3.type == "paused" and [e["name"] for e in r3.pending_events] == ["approve"]


def test_events_and_fetches_pause_together() -> None:
    r = execute_code('''
      const [res, ev] = await Promise.all([fetch("https://x.test/"), waitForEvent("go")]);
      [res.status, ev]''', quiet=True)
    assert [q.url for q in r.fetch_requests] == ["https://x.test/"]
    assert [e["name"] for e in r.pending_events] == ["go"]
    r2 = resume_execution(r.state, FetchResponse("req_1", True, 201, "Created", "x"), quiet=True)
    assert r2.type == "paused" and r2.fetch_requests == []
    r3 = resume_execution(r2.state, [], events=[("go", [1, 2])], quiet=True)
    assert r3.result == [201, [1, 2]]


def test_an_event_sent_before_the_wait_is_kept() -> None:
    r = execute_code('await waitForEvent("first"); (await waitForEvent("second")).n', quiet=True)
    r2 = resume_execution(r.state, [], events=[("second", {"n": 2}), ("first", None)], quiet=True)
    assert r2.type == "completed" and r2.result == 2


def test_timeout_rejects_with_a_timeout_error() -> None:
    r = execute_code('''
      try { await waitForEvent("x", {timeout: 500}) } catch (e) { console.log(e.name, e instanceof Error, e.message) }
      "after"''', quiet=True)
    assert r.type == "paused"
    t = r.state.timestamp
    r2 = resume_execution(r.state, [], quiet=True)
    assert r2.type == "paused" or time.time() - t >= 0.5  # not yet due (unless the host is slow)
    time.sleep(max(0.0, t + 0.55 - time.time()))
    r3 = resume_execution(r.state, [], quiet=True)
    assert r3.type == "completed" and r3.result == "after"
    assert r3.console == ['TimeoutError true waitForEvent("x") timed out after 500 ms']
    st = execute_code('await waitForEvent("x", {timeout: 50})', quiet=True).state
    time.sleep(0.06)
    with pytest.raises(JSError) as ei:
        resume_execution(st, [], quiet=True)
    assert ei.value.name == "TimeoutError"


def test_real_timers_pause_with_wake_at_virtual_stays_the_default() -> None:
    src = 'console.log(1); await new Promise(r => setTimeout(r, 400)); console.log(2); 3'
    v = execute_code(src, quiet=True)
    assert v.type == "completed" and v.console == ["1", "2"]
    t = time.time()
    r = execute_code(src, quiet=True, timers="real")
    assert r.type == "paused" and r.fetch_requests == [] and r.pending_events == []
    assert r.wake_at is not None and 0.39 < r.wake_at - t < 0.41 + (time.time() - t)
    early = resume_execution(r.state, [], quiet=True)
    assert early.type == "paused" or time.time() >= r.wake_at  # too early: still asleep
    time.sleep(max(0.0, r.wake_at - time.time()))
    r2 = resume_execution(r.state, [], quiet=True)
    assert r2.type == "completed" and r2.result == 3 and r2.console == ["2"]
    with pytest.raises(ValueError):
        execute_code("1", timers="sundial")


def test_cleared_timers_do_not_hold_the_run() -> None:
    r = execute_code('const t = setTimeout(() => {}, 100000); clearTimeout(t); 5', quiet=True, timers="real")
    assert r.type == "completed" and r.result == 5


def test_inspect_shows_the_awaited_event() -> None:
    r = execute_code('const e = await waitForEvent("go", {timeout: 1000})', quiet=True)
    rep = r.state.inspect()
    assert rep.status == "paused" and rep.events == [{"id": "evt_1", "name": "go", "timeout": 1000.0}]
    text = str(rep)
    assert 'evt_1  waitForEvent("go") (timeout 1000 ms)' in text and "awaiting event 'go' (evt_1)" in text


def test_run_sleeps_through_real_timers_and_refuses_a_lone_event_wait() -> None:
    import asyncio

    import fetchflow
    from fetchflow import FetchflowError
    t = time.time()
    r = fetchflow.run('await new Promise(r => setTimeout(r, 300)); "woke"', timers="real", quiet=True)
    assert r.result == "woke" and time.time() - t >= 0.3
    with pytest.raises(FetchflowError, match="'approve'"):
        fetchflow.run('await waitForEvent("approve")', quiet=True)

    async def never(req):  # type: ignore[no-untyped-def]
        raise AssertionError(req)
    with pytest.raises(FetchflowError):
        asyncio.run(fetchflow.arun('await waitForEvent("approve")', never, quiet=True))
