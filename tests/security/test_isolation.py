"""Issue 9, finding 4: VMs driven from several threads, or by overlapping ``arun`` calls, don't
affect each other.  Every concurrent result must equal the same run done sequentially.

Before the fix the current machine was process-wide: arrays made by natives in one VM got
another VM's prototypes (``instanceof Array`` false), ``leave()`` in one thread reset the
context under another (a bare AttributeError), and overlapping ``arun`` calls returned None
or raised UnknownRequestError.
"""
from __future__ import annotations

import asyncio
import json
import threading

import fetchflow
from fetchflow import FetchResponse, FetchVM, Limits

# Each program leans on natives that create objects from the realm in CTX (arrays, iterators,
# promises, errors, regexp results, JSON), so a realm mix-up shows in the output.
PROGRAMS = [
    """
    let out = [];
    for (let i = 0; i < 300; i++) {
      const a = [i, i + 1].map(x => x * 2).filter(x => x % 3).concat(Array.from({length: 2}));
      out.push(a instanceof Array && Array.isArray(a) && Object.getPrototypeOf(a) === Array.prototype);
    }
    out.every(Boolean) + ':' + out.length
    """,
    """
    Array.prototype.tag = 'mine';
    const r = [];
    for (let i = 0; i < 200; i++) r.push([1, 2, 3].slice(i % 3).tag);
    JSON.stringify([r.length, r[0], r.filter(x => x === 'mine').length])
    """,
    """
    const res = await fetch('https://api.example.com/n/' + 7);
    const j = await res.json();
    const m = 'a1b22c333'.match(/\\d+/g);
    JSON.stringify({n: j.n, m, proto: Object.getPrototypeOf(m) === Array.prototype})
    """,
    """
    let caught = [];
    for (let i = 0; i < 100; i++) {
      try { null.x; } catch (e) { caught.push(e instanceof TypeError && e.constructor === TypeError); }
    }
    const [a, b] = await Promise.all([fetch('https://a.test/1'), fetch('https://a.test/2')]);
    caught.every(Boolean) + ':' + (await a.text()) + (await b.text())
    """,
    """
    const m = new Map(Object.entries({x: 1, y: 2}));
    const it = m[Symbol.iterator]();
    let s = 0;
    for (const [k, v] of it) s += v;
    function* g() { for (let i = 0; i < 50; i++) yield [i]; }
    s + ':' + [].concat(...g()).length + ':' + ([...g()][3] instanceof Array)
    """,
]


def _answer(req: fetchflow.FetchRequest) -> FetchResponse:
    if "/n/" in req.url:
        return FetchResponse(req.id, True, 200, "OK", {"n": int(req.url.rsplit("/", 1)[1])})
    return FetchResponse(req.id, True, 200, "OK", req.url.rsplit("/", 1)[1])


def _run(i: int) -> object:
    src = PROGRAMS[i % len(PROGRAMS)]
    r = fetchflow.execute_code(src, quiet=True, limits=Limits(max_time=60))
    while r.type == "paused":
        r = fetchflow.resume_execution(r.state.to_bytes(), [_answer(q) for q in r.fetch_requests],
                                       quiet=True)
    return r.result


def test_threads_equal_sequential_runs() -> None:
    expected = [_run(i) for i in range(len(PROGRAMS))]
    assert expected[0] == "true:300" and expected[4] == "3:50:true"
    results: dict = {}
    errors: list = []

    def worker(t: int) -> None:
        try:
            for k in range(50):
                i = t + k
                results[(t, k)] = (i % len(PROGRAMS), _run(i))
        except BaseException as e:  # noqa: BLE001 - reported below with the thread's number
            errors.append((t, repr(e)))

    threads = [threading.Thread(target=worker, args=(t,)) for t in range(8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert errors == []
    assert len(results) == 400
    wrong = [(key, got) for key, (i, got) in results.items() if got != expected[i]]
    assert wrong == []


def test_overlapping_arun_calls_equal_sequential() -> None:
    src = """
    const parts = [];
    for (let i = 0; i < 3; i++) {
      const r = await fetch('https://api.example.com/n/' + (ID * 10 + i));
      parts.push((await r.json()).n);
      parts.push([1, 2].map(x => x).constructor === Array);
    }
    parts.join(',')
    """

    async def fetcher(req: fetchflow.FetchRequest) -> FetchResponse:
        await asyncio.sleep(0.001)
        return _answer(req)

    async def main() -> list:
        return await asyncio.gather(*(fetchflow.arun(f"const ID = {n};" + src, fetcher, quiet=True)
                                      for n in range(16)))

    results = asyncio.run(main())
    for n, r in enumerate(results):
        assert r.type == "completed"
        assert r.result == ",".join(f"{n * 10 + i},true" for i in range(3))


def test_fetch_vm_per_thread() -> None:
    def session(t: int) -> list:
        out = []
        with FetchVM(quiet=True) as vm:
            vm.execute(f"let total = {t}; const seen = [];")
            for k in range(20):
                r = vm.execute(f"seen.push([{k}].concat([{t}])); total += {k}; "
                               "seen.length + ':' + total + ':' + (seen[seen.length - 1] instanceof Array)")
                out.append(r.result)
            r = vm.execute("const res = await fetch('https://api.example.com/n/' + total); (await res.json()).n")
            assert r.type == "paused"
            r = vm.resume(r.state, _answer(r.fetch_request))
            out.append(r.result)
        return out

    expected = {t: session(t) for t in range(6)}
    got: dict = {}
    errors: list = []

    def worker(t: int) -> None:
        try:
            got[t] = session(t)
        except BaseException as e:  # noqa: BLE001
            errors.append((t, repr(e)))

    threads = [threading.Thread(target=worker, args=(t,)) for t in range(6)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert errors == []
    assert got == expected
    assert json.dumps(expected[2][-1]) == str(2 + sum(range(20)))
