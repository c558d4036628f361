"""Workers against a real local HTTP server: concurrency, Idempotency-Key, retries, secrets."""
from __future__ import annotations

import json
import time

import pytest

from fetchflow.durable import RetryPolicy, Store, Worker
from fetchflow.durable.retry import policy_for, retry_after

from .httpserver import LocalServer

FAST = RetryPolicy(max_attempts=4, base=0.05, max_delay=0.2)


def _run(store: Store, **kw) -> dict:  # type: ignore[no-untyped-def]
    kw.setdefault("status_line", False)
    return Worker(store, **kw).run(until_idle=True)


def test_fetches_run_concurrently_with_an_idempotency_key(store_url: str, server: LocalServer) -> None:
    s = Store(store_url)
    src = f'''
    const rs = await Promise.all([1,2,3,4,5,6,7,8].map(i => fetch("{server.url}/item/" + i + "?ms=150")));
    const js = await Promise.all(rs.map(r => r.json()));
    const echo = await (await fetch("{server.url}/echo", {{method: "POST", body: "hi"}})).json();
    console.log(js.map(j => j.n).join(","), echo.method, echo.body);
    echo.headers["idempotency-key"]
    '''
    rid = s.start(src)
    stats = _run(s, retry=FAST)
    d = s.show(rid)
    assert d["status"] == "completed", d
    assert d["console"] == ["1,2,3,4,5,6,7,8 POST hi"]
    assert d["result"] == f"fetchflow-{rid}-req_9"
    assert server.max_in_flight == 8 and stats["max_in_flight"] == 8  # in parallel


def test_retries_5xx_and_429_outside_the_vm(store_url: str, server: LocalServer) -> None:
    s = Store(store_url)
    src = f'''
    const r = await fetch("{server.url}/flaky/a?fail=2");
    const t0 = Date.now();
    const l = await fetch("{server.url}/limited/b");
    console.log(r.status, (await r.json()).hits, l.status);
    '''
    rid = s.start(src)
    t = time.time()
    stats = _run(s, retry=FAST)
    assert s.show(rid)["console"] == ["200 3 200"]
    assert server.hits == {"/flaky/a": 3, "/limited/b": 2}
    assert stats["retries"] == 3
    assert time.time() - t >= 1.0  # Retry-After: 1 was honoured
    # the script saw one request per fetch: the history shows the final answers only
    answered = [r for h in s.history(rid) for r in h["responses"]]
    assert [r["status"] for r in answered] == [200, 200]


def test_a_network_error_is_retried_then_rejects_the_fetch(store_url: str) -> None:
    import socket
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed once the block ends: connection refused
    s = Store(store_url)
    rid = s.start(f'try {{ await fetch("http://127.0.0.1:{port}/x") }} catch (e) {{ console.log(e.name) }}')
    stats = _run(s, retry=RetryPolicy(max_attempts=3, base=0.01))
    assert s.show(rid)["console"] == ["TypeError"] and stats["retries"] == 2


def test_secrets_reach_the_server_but_never_the_store(store_url: str, server: LocalServer) -> None:
    s = Store(store_url)
    rid = s.start(f'(await (await fetch("{server.url}/echo")).json()).headers.authorization')
    _run(s, secrets={f"{server.url}/*": {"Authorization": "Bearer s3cret"}})
    assert s.show(rid)["result"] == "Bearer s3cret"
    assert "s3cret" not in json.dumps(s.history(rid)[1]["requests"])
    row = s.db.query("SELECT COUNT(*) FROM ff_steps WHERE requests LIKE ?", ("%s3cret%",))
    assert row[0][0] == 0


def test_retry_policy_details() -> None:
    pol = RetryPolicy(max_attempts=5, base=1.0, factor=2.0, max_delay=5.0, jitter=0.0)
    err = {"success": False}
    assert [pol.delay(a, err) for a in range(1, 6)] == [1.0, 2.0, 4.0, 5.0, None]
    assert pol.delay(1, {"success": True, "status": 404}) is None
    assert pol.delay(1, {"success": True, "status": 429, "headers": {"Retry-After": "7"}}) == 7.0
    assert 0 <= (retry_after({"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"}) or 0) == 0.0
    per_host = {"*": RetryPolicy(max_attempts=2), "*.example.com": RetryPolicy(max_attempts=9)}
    assert policy_for(per_host, "https://api.example.com/x").max_attempts == 9
    assert policy_for(per_host, "https://other.org/").max_attempts == 2
    jittered = RetryPolicy(base=1.0, jitter=0.5)
    assert all(0.5 <= (jittered.delay(1, err) or 0) <= 1.0 for _ in range(50))


def test_progress_is_a_status_line_on_a_terminal(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    s = Store(f"sqlite:///{tmp_path}/runs.db")
    s.start("1")
    Worker(s, status_line=True).run(until_idle=True)
    err = capsys.readouterr().err
    assert err.startswith("\r\x1b[K") and err.endswith("\n")
    assert "completed 1" in err and "in flight" in err


def test_a_database_error_does_not_end_the_worker(tmp_path, server: LocalServer) -> None:  # type: ignore[no-untyped-def]
    s = Store(f"sqlite:///{tmp_path}/runs.db")
    rid = s.start(f'(await (await fetch("{server.url}/item/5")).json()).n')
    real = s.finish_fetches
    calls = []

    def flaky(results: list) -> None:
        calls.append(len(results))
        if len(calls) == 1:
            raise RuntimeError("database went away")
        real(results)
    s.finish_fetches = flaky  # type: ignore[method-assign]
    stats = _run(s)
    assert s.show(rid)["result"] == 5 and stats["errors"] == 1 and calls == [1, 1]


def test_a_bad_secrets_pattern_is_refused_when_the_worker_is_made(tmp_path) -> None:  # noqa: ANN001
    from fetchflow.host.policy import PolicyPatternError
    store = Store(f"sqlite:///{tmp_path / 'runs.db'}")
    with pytest.raises(PolicyPatternError):
        Worker(store, secrets={"https://api.example.com:notaport/": {"Authorization": "x"}})
