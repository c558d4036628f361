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
