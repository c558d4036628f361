"""PostgreSQL with procrastinate: a step's commit defers its jobs in the same transaction."""
from __future__ import annotations

import time

import pytest

from fetchflow.durable import Store, Worker
from fetchflow.durable.pgqueue import run_procrastinate_worker

from .conftest import new_pg_database
from .httpserver import LocalServer

SCRIPT = '''
const a = await (await fetch("%(base)s/item/1")).json();
const [b, c] = await Promise.all([fetch("%(base)s/item/2"), fetch("%(base)s/flaky/x?fail=1")]);
console.log("fetched", a.n, b.status, c.status);
await new Promise(r => setTimeout(r, 300));
const ev = await waitForEvent("go");
console.log("event", ev.v);
a.n + ev.v
'''


@pytest.fixture
def pg_url(pg_cluster: str) -> str:
    pytest.importorskip("procrastinate")
    return new_pg_database(pg_cluster)


def _exec(s: Store, sql: str, *params: object) -> None:
    with s.db.transaction() as tx:
        tx.execute(sql, params)


def _jobs(s: Store) -> list:
    return s.db.query("SELECT task_name, status, COALESCE(args->>'request_id', args->>'request_ids'),"
                      " scheduled_at IS NOT NULL FROM procrastinate_jobs ORDER BY id")


def test_commit_and_jobs_are_one_transaction(pg_url: str) -> None:
    s = Store(pg_url, queue="procrastinate")
    rid = s.start('await Promise.all([fetch("https://a.test/1"), fetch("https://a.test/2")]);'
                  ' await new Promise(r => setTimeout(r, 5000))')
    assert _jobs(s) == [("fetchflow.step", "todo", None, False)]
    claim = s.claim_this_run(rid, "w", 60)
    from fetchflow.durable.step import run_step
    out = run_step(claim.source, claim.state, claim.options, [], [], s.key, set())
    # a conflicting commit (the version moved) rolls the jobs back with the state
    _exec(s, "UPDATE ff_runs SET version = version + 1 WHERE id = ?", rid)
    from fetchflow.durable import ConflictError
    with pytest.raises(ConflictError):
        s.commit_step(claim, out, "w")
    assert len(_jobs(s)) == 1
    _exec(s, "UPDATE ff_runs SET version = version - 1 WHERE id = ?", rid)
    s.commit_step(claim, out, "w")
    # one job performs the step's two fetches
    assert [j[:3] for j in _jobs(s)[1:]] == [("fetchflow.fetch", "todo", '["req_1", "req_2"]')]
    # another Store on the same database defers jobs too (the queue is remembered)
    Store(pg_url).send_event(rid, "x", 1)
    assert _jobs(s)[-1][:2] == ("fetchflow.step", "todo")


def test_procrastinate_worker_runs_fetches_timers_and_events(pg_url: str) -> None:
    server = LocalServer()
    try:
        s = Store(pg_url, queue="procrastinate")
        rid = s.start(SCRIPT % {"base": server.url})
        from fetchflow.durable import RetryPolicy
        w = Worker(s, retry=RetryPolicy(base=0.05), status_line=False)
        run_procrastinate_worker(w, until_idle=True)
        d = s.show(rid)
        assert d["status"] == "waiting" and d["console"] == ["fetched 1 200 200"]
        s.send_event(rid, "go", {"v": 41})
        t = time.time()
        run_procrastinate_worker(Worker(s, status_line=False), until_idle=True)
        assert time.time() - t < 10
        d = s.show(rid)
        assert d["status"] == "completed" and d["result"] == 42
        assert d["console"] == ["fetched 1 200 200", "event 41"]
        # the timer was a scheduled job
        assert any(j[0] == "fetchflow.step" and j[3] for j in _jobs(s))
        assert server.hits["/flaky/x"] == 2
    finally:
        server.close()


def test_a_run_that_only_fetches_is_one_job(pg_url: str) -> None:
    server = LocalServer()
    try:
        s = Store(pg_url, queue="procrastinate")
        rid = s.start('const a = await (await fetch("%(b)s/item/1")).json();'
                      ' const r = await Promise.all([2, 3, 4].map(n => fetch("%(b)s/item/" + n)));'
                      ' const bs = await Promise.all(r.map(x => x.json()));'
                      ' a.n + bs.reduce((t, b) => t + b.n, 0)' % {"b": server.url})
        w = Worker(s, status_line=False)
        stats = run_procrastinate_worker(w, until_idle=True)
        d = s.show(rid)
        assert d["status"] == "completed" and d["result"] == 10
        assert stats["fetches"] == 4 and stats["steps"] >= 3
        # the start's job stepped the run, performed its fetches and stepped it again
        assert _jobs(s) == [("fetchflow.step", "succeeded", None, False)]
    finally:
        server.close()


def test_an_answer_leases_its_run_to_the_caller_and_a_dead_callers_work_is_swept(pg_url: str) -> None:
    from fetchflow.durable.pgqueue import sweep
    from fetchflow.durable.step import run_step
    s = Store(pg_url, queue="procrastinate")
    rid = s.start('await Promise.all([fetch("https://a.test/1"), fetch("https://a.test/2")])')
    claim = s.claim_this_run(rid, "w", 60)
    out = run_step(claim.source, claim.state, claim.options, [], [], s.key, set())
    leased = s.commit_step(claim, out, "w", "start", lambda q: True, 60)
    # the fetches are leased to "w" in the commit: no fetch job
    assert [q["id"] for _, q, _ in leased] == ["req_1", "req_2"]
    assert len(_jobs(s)) == 1
    answer = {"id": "req_1", "success": True, "status": 200, "status_text": "OK", "data": "x",
              "headers": {}, "timestamp": 0.0}
    got = s.finish_fetches([(rid, "req_1", answer)], (rid, "w", 60))
    assert got is not None and got.run_id == rid and [r["id"] for r in got.responses] == ["req_1"]
    assert s.db.query("SELECT status, lease_owner FROM ff_runs")[0] == ("runnable", "w")
    assert len(_jobs(s)) == 1   # no step job: the caller steps it
    # the run is no longer waiting: a later answer leases nothing and defers nothing
    assert s.finish_fetches([(rid, "req_2", dict(answer, id="req_2"))], (rid, "w", 60)) is None
    assert len(_jobs(s)) == 1
    # "w" dies: nothing is swept while its lease lasts
    assert sweep(s, 0.0) == 0
    _exec(s, "UPDATE ff_runs SET lease_expires = 0")
    # nor while a step job for the run waits to be taken (the start's, here)
    assert sweep(s, 0.0) == 0
    _exec(s, "UPDATE procrastinate_jobs SET status = 'succeeded'")
    assert sweep(s, 0.0) == 1
    assert _jobs(s)[-1][:2] == ("fetchflow.step", "todo")


def test_a_job_waits_for_its_run_row_rather_than_passing_it_by(pg_url: str) -> None:
    # a sweep or an event holding the run's row for a moment must not spend the run's only
    # step job (the run then waited for a sweep a lease later: 60 s)
    import threading
    import psycopg
    s = Store(pg_url, queue="procrastinate")
    rid = s.start("1")
    with psycopg.connect(pg_url) as other:
        other.execute("SELECT id FROM ff_runs WHERE id = %s FOR UPDATE", (rid,))
        got: list = []
        t = threading.Thread(target=lambda: got.append(s.claim_this_run(rid, "w", 60)))
        t.start()
        time.sleep(0.3)
        assert not got            # it waits for the row
        other.rollback()
        t.join(10)
    assert got and got[0] is not None and got[0].run_id == rid
