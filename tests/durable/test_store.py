"""The store on both backends: a run's life, history, version-guarded commits, cancel, deadlines."""
from __future__ import annotations

import time

import pytest

from fetchflow import FetchResponse
from fetchflow.durable import ConflictError, RunNotFound, Store, Worker
from fetchflow.durable.step import run_step

SCRIPT = '''
console.log("start");
const a = await (await fetch("https://api.test/a")).json();
const [b, c] = await Promise.all([fetch("https://api.test/b"), fetch("https://api.test/c")]);
console.log("got", a.url, b.status, c.status);
const ev = await waitForEvent("approve");
console.log("approved by", ev.by);
({sum: a.n + 1, by: ev.by})
'''


def fake_fetcher(req):  # type: ignore[no-untyped-def]
    return FetchResponse(req.id, True, 200, "OK", {"url": req.url, "n": 41})


def test_a_run_lives_through_fetches_and_an_event(store_url: str) -> None:
    s = Store(store_url)
    rid = s.start(SCRIPT)
    w = Worker(s, fake_fetcher, status_line=False)
    w.run(until_idle=True)
    d = s.show(rid)
    assert d["status"] == "waiting" and [e["name"] for e in d["pending_events"]] == ["approve"]
    s.send_event(rid, "approve", {"by": "ada"})
    w.run(until_idle=True)
    d = s.show(rid)
    assert d["status"] == "completed", d
    assert d["result"] == {"sum": 42, "by": "ada"}
    assert d["console"] == ["start", "got https://api.test/a 200 200", "approved by ada"]
    hist = s.history(rid)
    assert [h["step"] for h in hist] == list(range(len(hist)))
    made = [q["id"] for h in hist for q in h["requests"]]
    answered = [r["id"] for h in hist for r in h["responses"]]
    assert made == ["req_1", "req_2", "req_3"] and sorted(answered) == made
    assert [e for h in hist for e in h["events"]] == [["approve", {"by": "ada"}]]
    # any past pause can be inspected again
    rep = s.inspect(rid, 2)
    assert [q.id for q in rep.pending_requests] == ["req_2", "req_3"] if hasattr(rep, "pending_requests") \
        else "req_2" in str(rep)
    assert s.state_at(rid, 1).pending_requests[0].url == "https://api.test/a"


def test_two_workers_resuming_the_same_step_cannot_both_commit(store_url: str) -> None:
    s = Store(store_url)
    rid = s.start('console.log(1); await fetch("https://api.test/x"); 2')
    c1 = s.claim_run("w1", lease=0.01)
    assert c1 is not None
    time.sleep(0.05)  # w1's lease expires: w2 takes the same version
    c2 = s.claim_run("w2", lease=60)
    assert c2 is not None and c2.version == c1.version == 0
    o1 = run_step(c1.source, c1.state, c1.options, c1.responses, [], s.key, c1.pending_ids)
    o2 = run_step(c2.source, c2.state, c2.options, c2.responses, [], s.key, c2.pending_ids)
    s.commit_step(c2, o2, "w2")
    with pytest.raises(ConflictError):
        s.commit_step(c1, o1, "w1")
    hist = s.history(rid)
    assert [h["step"] for h in hist] == [0, 1] and hist[1]["worker"] == "w2"
    assert s.show(rid)["console"] == ["1"]
    # exactly one fetch job exists for req_1
    assert len(s.claim_fetches("w3", 60, 10)) == 1


def test_events_sent_early_wait_in_the_inbox(store_url: str) -> None:
    s = Store(store_url)
    rid = s.start('await new Promise(r => setTimeout(r, 10)); (await waitForEvent("e")).v')
    s.send_event(rid, "e", {"v": 7})
    Worker(s, fake_fetcher, status_line=False).run(until_idle=True)
    assert s.show(rid)["result"] == 7


def test_cancel_and_errors(store_url: str) -> None:
    s = Store(store_url)
    rid = s.start('await waitForEvent("never")')
    Worker(s, fake_fetcher, status_line=False).run(until_idle=True)
    assert s.cancel(rid) is True and s.cancel(rid) is False
    assert s.show(rid)["status"] == "cancelled"
    with pytest.raises(ValueError):
        s.send_event(rid, "never", 1)
    with pytest.raises(RunNotFound):
        s.show("nope")
    bad = s.start('throw new RangeError("boom")')
    Worker(s, fake_fetcher, status_line=False).run(until_idle=True)
    d = s.show(bad)
    assert d["status"] == "failed" and d["error"]["name"] == "RangeError" and d["error"]["message"] == "boom"


def test_deadline_fails_a_waiting_run(store_url: str) -> None:
    s = Store(store_url)
    rid = s.start('console.log("a"); await waitForEvent("late"); 1', deadline=0.3)
    w = Worker(s, fake_fetcher, status_line=False)
    w.run(until_idle=True)
    time.sleep(0.35)
    w.run(until_idle=True)
    d = s.show(rid)
    assert d["status"] == "failed" and d["error"]["name"] == "DeadlineExceeded"
    assert d["console"] == ["a"]


def test_states_are_signed_with_the_store_key(tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path}/k.db"
    s = Store(url, key=b"k1")
    rid = s.start('await waitForEvent("x")')
    Worker(s, fake_fetcher, status_line=False).run(until_idle=True)
    from fetchflow import StateError
    with pytest.raises(StateError):
        Store(url, key=b"other").state_at(rid)
    assert Store(url, key=b"k1").state_at(rid).pending_requests == []


def test_policy_and_limits_travel_with_the_run(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from fetchflow import Limits
    from fetchflow.host.policy import FetchPolicy
    s = Store(f"sqlite:///{tmp_path}/runs.db")
    denied = s.start('try { await fetch("https://evil.test/") } catch (e) { console.log(e.message) }',
                     policy=FetchPolicy(allow=["https://api.test/*"]))
    limited = s.start('await fetch("https://api.test/1"); await fetch("https://api.test/2")',
                      limits=Limits(max_fetches=1))
    Worker(s, fake_fetcher, status_line=False).run(until_idle=True)
    (line,) = s.show(denied)["console"]
    assert "https://evil.test/" in line and "denied" in line
    d = s.show(limited)
    assert d["status"] == "failed" and d["error"]["name"] == "LimitExceeded"
    assert "max_fetches" in d["error"]["message"]
