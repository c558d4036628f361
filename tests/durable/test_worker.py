"""Workers against a real local HTTP server: concurrency, Idempotency-Key, retries, secrets."""
from __future__ import annotations

import json
import threading
import time

import pytest

from fetchflow.api import FetchflowError
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
    stats = _run(s, retry=FAST, max_per_host=0)  # no per-host limit: all 8 at once
    d = s.show(rid)
    assert d["status"] == "completed", d
    assert d["console"] == ["1,2,3,4,5,6,7,8 POST hi"]
    assert d["result"] == f"fetchflow-{rid}-req_9"
    assert server.max_in_flight == 8 and stats["max_in_flight"] == 8  # in parallel


def test_a_worker_starts_no_run_while_its_fetches_are_at_the_limit(store_url: str, server: LocalServer) -> None:
    # runs wait in the store, not live in the worker (a realm each), until there is room
    s = Store(store_url)
    rids = [s.start(f'(await (await fetch("{server.url}/item/{k}?ms=150")).json()).n') for k in range(12)]
    seen: list = []
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            seen.append(Store(store_url).counts().get("waiting", 0))
            time.sleep(0.01)
    t = threading.Thread(target=watch)
    t.start()
    try:
        stats = _run(s, max_in_flight=2, max_per_host=0)
    finally:
        done.set()
        t.join()
    assert [s.show(r)["result"] for r in rids] == list(range(12))
    assert stats["max_in_flight"] == 2 and server.max_in_flight == 2
    assert max(seen) <= 3, seen   # 2 runs with a fetch in flight (+1 answered, not yet stepped)


def test_fetches_to_one_origin_are_limited_per_worker(store_url: str, server: LocalServer) -> None:
    # 3 runs x 8 fetches to 127.0.0.1 and 3 runs x 4 to localhost (the same server, another
    # origin): at most 3 at a time per origin, so 6 in all, and never more per Host header
    port = server.server_address[1]
    s = Store(store_url)
    rids = []
    for host, n in (("127.0.0.1", 8), ("localhost", 4)):
        for k in range(3):
            rids.append(s.start(f'''
            const rs = await Promise.all(Array.from({{length: {n}}}, (_, i) =>
              fetch("http://{host}:{port}/item/" + ({k} * 10 + i) + "?ms=120")));
            (await Promise.all(rs.map(r => r.json()))).reduce((a, j) => a + j.n, 0)
            '''))
    stats = _run(s, retry=FAST, max_per_host=3)
    assert [s.show(r)["status"] for r in rids] == ["completed"] * 6
    assert s.show(rids[1])["result"] == sum(10 + i for i in range(8))
    assert server.max_by_host == {f"127.0.0.1:{port}": 3, f"localhost:{port}": 3}
    assert server.max_in_flight == 6
    assert stats["fetches"] == 36


def test_the_default_per_host_limit_is_6(store_url: str, server: LocalServer) -> None:
    s = Store(store_url)
    rid = s.start(f'''(await Promise.all(Array.from({{length: 10}}, (_, i) =>
        fetch("{server.url}/item/" + i + "?ms=100")))).length''')
    _run(s)
    assert s.show(rid)["result"] == 10
    assert server.max_in_flight == 6


def test_steps_continue_live_machines_with_the_same_outcome(tmp_path, server: LocalServer) -> None:  # noqa: ANN001
    # the next step of a run paused here continues its live machine instead of loading the
    # state; the runs and their histories are the same as with every state loaded
    src = f'''
    let total = 0;
    const seen = new Map();
    for (let i = 0; i < 4; i++) {{
      const r = await fetch("{server.url}/item/" + i);
      const j = await r.json();
      seen.set(i, j.n * 2);
      total += j.n;
      console.log("step", i, total, [...seen.values()].join("+"));
    }}
    await new Promise(r => setTimeout(r, 10));
    ({{total, keys: [...seen.keys()]}})
    '''
    results = []
    for cache in (256, 0):
        s = Store(f"sqlite:///{tmp_path}/c{cache}.db")
        rid = s.start(src)
        stats = _run(s, cache=cache)
        d = s.show(rid)
        hist = [(h["kind"], h["status"], [q["url"] for q in h["requests"]], h["console"])
                for h in s.history(rid)]
        results.append((d["status"], d["console"], d["result"], hist))
        if cache:
            assert stats["cached_steps"] >= 4, stats
        else:
            assert stats["cached_steps"] == 0
    assert results[0] == results[1]
    assert results[0][2] == {"total": 6, "keys": [0, 1, 2, 3]}


def test_a_cached_machine_is_used_only_for_its_own_state() -> None:
    from fetchflow.durable.step import MachineCache
    from fetchflow import FetchVM
    c = MachineCache(2)
    m1, m2, m3 = FetchVM(), FetchVM(), FetchVM()
    c.put("a", b"s1", m1)
    assert c.take("a", b"other") is None and "a" not in c  # another state: dropped, not used
    c.put("a", b"s1", m1)
    c.put("b", b"s2", m2)
    c.put("c", b"s3", m3)
    assert "a" not in c and len(c) == 2  # least recently used dropped
    with pytest.raises(FetchflowError, match="disposed"):   # and disposed: its realm may be reused
        m1.execute("1")
    assert c.take("b", b"s2") is m2 and c.take("b", b"s2") is None  # used once


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


def test_binary_bodies_survive_the_store_both_ways(store_url: str, server: LocalServer) -> None:
    s = Store(store_url)
    rid = s.start(f'''
    const sent = await (await fetch("{server.url}/echo?hex=1", {{method: "POST", body: new Uint8Array([0, 255, 128])}})).json();
    const got = new Uint8Array(await (await fetch("{server.url}/binary")).arrayBuffer());
    [sent.body_hex, got.length, got[0], got[128], got[255]]''')
    _run(s)
    assert s.show(rid)["result"] == ["00ff80", 256, 0, 128, 255]


def test_redirects_keep_secrets_to_their_origin_and_obey_the_policy(store_url: str,
                                                                     server: LocalServer) -> None:
    from fetchflow import FetchPolicy
    other = server.url.replace("127.0.0.1", "localhost")   # the same server, another origin
    s = Store(store_url)
    to_other = f"{server.url}/redirect?to={other}/echo"
    rid = s.start(f'''
    const r = await fetch("{to_other}");
    const echo = await r.json();
    [r.redirected, r.url, echo.headers["x-api-key"] ?? null]'''.replace("?? null", "|| null"))
    _run(s, secrets={f"{server.url}/*": {"X-Api-Key": "k"}})
    assert s.show(rid)["result"] == [True, f"{other}/echo", None]
    denied = s.start(f'try {{ await fetch("{to_other}") }} catch (e) {{ console.log(e.name, e.cause.message) }}',
                     policy=FetchPolicy(allow=[f"{server.url}/*"]))
    _run(s)
    line = s.show(denied)["console"][0]
    assert line.startswith("TypeError fetch to") and "denied by policy" in line, line


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


@pytest.mark.parametrize("kw", [{"max_in_flight": 0}, {"max_in_flight": 2.5}, {"max_per_host": -1}])
def test_bad_limits_are_refused_when_the_worker_is_made(tmp_path, kw: dict) -> None:  # noqa: ANN001
    store = Store(f"sqlite:///{tmp_path / 'runs.db'}")
    with pytest.raises(ValueError, match=next(iter(kw))):
        Worker(store, **kw)
