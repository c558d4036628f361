"""The public API: execute_code / resume_execution / FetchVM, pausing at fetch()."""
from __future__ import annotations

import pickle
import subprocess
import sys
import textwrap

import pytest

import fetchflow
from fetchflow import FetchResponse


def answer(req, data="ok", status=200, headers=None):
    return FetchResponse(req.id, True, status, "OK", data, headers=headers)


def drive(src, reply):
    """Run src to completion answering every request with reply(req); return (result, log)."""
    r = fetchflow.execute_code(src, quiet=True)
    log = list(r.console)
    pauses = 0
    while r.type == "paused":
        pauses += 1
        r = fetchflow.resume_execution(r.state.to_bytes(), [reply(q) for q in r.fetch_requests], quiet=True)
        log += r.console
    return r, log, pauses


def test_completes_without_fetch():
    r = fetchflow.execute_code("const x = [1, 2].map(v => v * 2); x", quiet=True)
    assert r.type == "completed"
    assert r.result == [2, 4]
    assert r.state is None


def test_pause_at_await_fetch_and_resume():
    r = fetchflow.execute_code('const r = await fetch("https://e.x/a"); console.log("got", await r.text()); 7',
                               quiet=True)
    assert r.type == "paused"
    assert r.fetch_request.url == "https://e.x/a"
    assert r.fetch_request.options == {"method": "GET", "headers": {}, "body": None}
    assert [q.id for q in r.fetch_requests] == [r.fetch_request.id]
    r2 = fetchflow.resume_execution(r.state, answer(r.fetch_request, "hello"), quiet=True)
    assert r2.type == "completed"
    assert r2.result == 7
    assert r2.console == ["got hello"]


def test_promise_all_pauses_once_with_all_requests():
    src = 'const rs = await Promise.all(["a","b","c"].map(u => fetch("https://e.x/" + u))); ' \
          '(await Promise.all(rs.map(r => r.text()))).join("|")'
    r = fetchflow.execute_code(src, quiet=True)
    assert r.type == "paused"
    assert [q.url for q in r.fetch_requests] == ["https://e.x/a", "https://e.x/b", "https://e.x/c"]
    # answer a subset: the VM pauses again with the rest pending
    r2 = fetchflow.resume_execution(r.state, [answer(r.fetch_requests[1], "B")], quiet=True)
    assert r2.type == "paused"
    assert [q.url for q in r2.fetch_requests] == ["https://e.x/a", "https://e.x/c"]
    r3 = fetchflow.resume_execution(r2.state, [answer(q, q.url[-1].upper()) for q in r2.fetch_requests],
                                    quiet=True)
    assert r3.result == "A|B|C"


def test_request_fields_and_response_object():
    src = textwrap.dedent('''
        const r = await fetch("https://e.x/p", {method: "post", body: "payload",
                                                headers: {"Content-Type": "text/plain", "X-A": "1"}});
        console.log(r.ok, r.status, r.statusText, r.url, r.headers.get("x-reply"), r.headers.has("X-REPLY"));
        const t = await r.text();
        try { await r.text(); } catch (e) { console.log(e.constructor.name, e.message); }
        t
    ''')
    r = fetchflow.execute_code(src, quiet=True)
    q = r.fetch_request
    assert q.options["method"] == "POST"
    assert q.options["body"] == "payload"
    assert q.options["headers"] == {"content-type": "text/plain", "x-a": "1"}
    r2 = fetchflow.resume_execution(r.state, FetchResponse(q.id, True, 201, "Created", "body!",
                                                           headers={"X-Reply": "yes"}), quiet=True)
    assert r2.result == "body!"
    assert r2.console[0] == "true 201 Created https://e.x/p yes true"
    assert r2.console[1].startswith("TypeError Body is unusable")


def test_failed_fetch_rejects_with_type_error_across_pause():
    src = 'try { await fetch("https://down"); } catch (e) { console.log(e instanceof TypeError, e.message); } 1'
    r = fetchflow.execute_code(src, quiet=True)
    r2 = fetchflow.resume_execution(r.state, FetchResponse(r.fetch_request.id, False, 0, "", error="ECONNREFUSED"),
                                    quiet=True)
    assert r2.console == ["true ECONNREFUSED"]


def test_unknown_request_id_is_an_error_and_state_stays_usable():
    r = fetchflow.execute_code('(await fetch("https://e.x")).status', quiet=True)
    with pytest.raises(fetchflow.UnknownRequestError):
        fetchflow.resume_execution(r.state, FetchResponse("nope", True, 200))
    r2 = fetchflow.resume_execution(r.state, answer(r.fetch_request), quiet=True)
    assert r2.result == 200


def test_an_object_body_is_sent_as_its_string():
    # as node: BodyInit falls back to USVString, so {a: 1} is "[object Object]" as text/plain
    r = fetchflow.execute_code('await fetch("u", {method: "POST", body: {a: 1}})', quiet=True)
    assert r.type == "paused" and r.fetch_request.body == "[object Object]"
    assert r.fetch_request.headers == {"content-type": "text/plain;charset=UTF-8"}


def test_many_pauses_in_loops_and_try_finally():
    src = textwrap.dedent('''
        let log = [];
        async function get(i) { try { const r = await fetch("u" + i); return +(await r.text()); }
                                finally { log.push("f" + i); } }
        let sum = 0;
        for (let i = 0; i < 5; i++) { sum += await get(i); }
        log.join(",") + " " + sum
    ''')
    result, _, pauses = drive(src, lambda q: answer(q, q.url[1:]))
    assert result.result == "f0,f1,f2,f3,f4 10"
    assert pauses == 5


def test_uncaught_error_raises_jserror():
    with pytest.raises(fetchflow.JSError) as ei:
        fetchflow.execute_code("function f() { null.x } f()", quiet=True)
    assert ei.value.name == "TypeError"
    assert "Cannot read properties of null" in ei.value.message


def test_syntax_error():
    with pytest.raises(fetchflow.JSSyntaxError):
        fetchflow.execute_code("let = ;", quiet=True)


def test_state_bytes_resume_in_fresh_process(tmp_path):
    src = textwrap.dedent('''
        class Acc { constructor() { this.items = []; } async add(u) { const r = await fetch(u);
                    this.items.push(await r.text()); return this.items.length; } }
        function* ids() { let i = 0; while (true) yield i++; }
        const acc = new Acc(), g = ids();
        let out = [];
        for (const n of [1, 2]) {
          try { out.push(await acc.add("https://e.x/" + g.next().value)); }
          finally { out.push("fin" + n); }
        }
        out.join(",") + ":" + acc.items.join(",") + ":" + g.next().value
    ''')
    r = fetchflow.execute_code(src, quiet=True)
    assert r.type == "paused"
    p = tmp_path / "state.bin"
    p.write_bytes(r.state.to_bytes())
    child = textwrap.dedent(f'''
        import fetchflow
        data = open({str(p)!r}, "rb").read()
        r = fetchflow.resume_execution(data, fetchflow.FetchResponse("req_1", True, 200, "OK", "A"), quiet=True)
        r = fetchflow.resume_execution(r.state, fetchflow.FetchResponse(r.fetch_request.id, True, 200, "OK", "B"),
                                       quiet=True)
        print(r.type, r.result)
    ''')
    out = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "completed 1,fin1,2,fin2:A,B:2"


def test_machine_pickles_with_plain_pickle():
    from fetchflow.host.environment import create_machine
    from tests.engine import run_on
    m = create_machine()
    run_on(m, "var x = 40; function inc(){ return ++x }")
    m2 = pickle.loads(pickle.dumps(m))
    assert run_on(m2, "inc() + 1").value == 42.0


def test_fetch_vm_keeps_globals():
    with fetchflow.FetchVM(quiet=True) as vm:
        assert vm.execute("let counter = 0").type == "completed"
        assert vm.execute("counter++").result == 0
        r = vm.execute('counter += +(await (await fetch("https://e.x")).text()); counter')
        assert r.type == "paused"
        data = r.state.to_bytes()
        r2 = vm.resume(data, answer(r.fetch_request, "10"))
        assert r2.result == 11
        assert vm.execute("counter * 2").result == 22
        assert vm.globals["counter"] == 11


def test_fetch_vm_deliver_continues_the_live_vm_like_a_resume():
    src = 'let n = 0; for (const u of ["a", "b"]) n += +(await (await fetch(u)).text()); n'
    with fetchflow.FetchVM(quiet=True) as vm:
        r = vm.execute(src)
        with pytest.raises(fetchflow.ResponseError):
            vm.deliver(answer(fetchflow.FetchRequest("nope", "u", {}, 0), "1"))
        r = vm.deliver(answer(r.fetch_request, "2"))   # the refused delivery changed nothing
        assert r.type == "paused" and r.fetch_request.url == "b"
        via_state = fetchflow.resume_execution(r.state, answer(r.fetch_request, "3"), quiet=True)
        assert vm.deliver(answer(r.fetch_request, "3")).result == via_state.result == 5
        with pytest.raises(fetchflow.FetchflowError, match="not paused"):
            vm.deliver([])
    vm.dispose()
    with pytest.raises(fetchflow.FetchflowError, match="disposed"):
        vm.deliver([])


def test_variables_snapshot():
    r = fetchflow.execute_code('var a = 1; let b = {c: [1, "x"]}; await fetch("u")', quiet=True)
    assert r.state.variables == {"a": 1, "b": {"c": [1, "x"]}}


def test_tampered_state_is_rejected():
    r = fetchflow.execute_code('await fetch("u")', quiet=True)
    data = bytearray(r.state.to_bytes())
    data[-5] ^= 0xFF
    with pytest.raises(fetchflow.StateError):
        fetchflow.resume_execution(bytes(data), answer(r.fetch_request))
    with pytest.raises(fetchflow.StateError):
        fetchflow.resume_execution(b"garbage", answer(r.fetch_request))


def test_signed_state_requires_key():
    key = b"k" * 32
    r = fetchflow.execute_code('(await fetch("u")).status', quiet=True, key=key)
    data = r.state.to_bytes()
    with pytest.raises(fetchflow.StateError):
        fetchflow.resume_execution(data, answer(r.fetch_request))
    with pytest.raises(fetchflow.StateError):
        fetchflow.resume_execution(data, answer(r.fetch_request), key=b"x" * 32)
    assert fetchflow.resume_execution(data, answer(r.fetch_request), key=key, quiet=True).result == 200


def test_forbidden_globals_in_pickle_are_rejected():
    import hashlib
    import zlib
    from fetchflow import state
    evil = pickle.dumps({"version": 1, "programs": []}) + b"cos\nsystem\n(S'echo pwned'\ntR."
    payload = zlib.compress(evil)
    data = state.MAGIC + bytes([state.VERSION, 0]) + hashlib.sha256(payload).digest() + payload
    with pytest.raises(fetchflow.StateError):
        fetchflow.resume_execution(data, FetchResponse("req_1", True))


def test_run_driver_with_fetcher():
    seen = []

    def fetcher(req):
        seen.append(req.url)
        return answer(req, "x" + req.url)
    r = fetchflow.run('const a = await fetch("1"); const b = await fetch("2"); (await a.text()) + (await b.text())',
                      fetcher, quiet=True)
    assert r.result == "x1x2"
    assert seen == ["1", "2"]


def test_arun_answers_batches_concurrently():
    import asyncio

    async def fetcher(req):
        await asyncio.sleep(0.01)
        return answer(req, req.url)
    r = asyncio.run(fetchflow.arun('(await Promise.all([fetch("a"), fetch("b")].map(p => p.then(r => r.text())))).join()',
                                   fetcher, quiet=True))
    assert r.result == "a,b"


def test_evaluate():
    assert fetchflow.evaluate("({a: [1, 2.5, null, undefined], b: 'x'})") == {"a": [1, 2.5, None, None], "b": "x"}


@pytest.mark.parametrize("src, expected", [
    ("1; while (false);", None), ("1; if (true) { 2 }", 2), ("1; if (true) {}", None),
    ("1; var x = 5", 1), ("1; do { 3; break; } while (false)", 3), ("1; switch (0) {}", None),
    ("1; {}", 1), ("let s = 0; for (let i = 0; i < 3; i++) s += i; s", 3),
    ("1; for (const x of [1,2]) x * 10", 20), ("eval('1; while(false);')", None),
])
def test_completion_values(src, expected):
    """A script's result is its completion value (ES2017 UpdateEmpty rules for statements)."""
    assert fetchflow.evaluate(src) == expected


# -- the Python API's edges (issue 15) ---------------------------------------------------------

def test_every_fetchflow_error_is_a_fetchflow_error() -> None:
    from fetchflow import (FetchflowError, JSError, JSSyntaxError, LimitExceeded, ResponseError,
                           StateError, UnknownRequestError)
    for cls in (JSSyntaxError, JSError, LimitExceeded, StateError, ResponseError, UnknownRequestError):
        assert issubclass(cls, FetchflowError), cls
    assert issubclass(JSSyntaxError, SyntaxError) and issubclass(StateError, ValueError)
    with pytest.raises(FetchflowError):
        fetchflow.execute_code("let = ;")
    with pytest.raises(FetchflowError):
        fetchflow.resume_execution(b"junk", [])


def test_unknown_options_are_a_type_error() -> None:
    with pytest.raises(TypeError, match="quite"):
        fetchflow.execute_code("1", quite=True)   # type: ignore[call-arg]


def test_a_mapping_answers_like_a_fetch_response() -> None:
    r = fetchflow.execute_code('const r = await fetch("https://a.example/"); [r.status, await r.text()]',
                               quiet=True)
    q = r.fetch_request
    done = fetchflow.resume_execution(r.state, {"id": q.id, "success": True, "status": 201, "data": "hi"})
    assert done.result == [201, "hi"]
    with pytest.raises(fetchflow.ResponseError, match="statis"):
        fetchflow.resume_execution(r.state, {"id": q.id, "success": True, "statis": 201})
    with pytest.raises(fetchflow.ResponseError, match="'id' and 'success'"):
        fetchflow.resume_execution(r.state, {"status": 201})
    with pytest.raises(TypeError, match="FetchResponse"):
        fetchflow.resume_execution(r.state, 5)   # type: ignore[arg-type]


def test_binary_request_and_response_bodies() -> None:
    src = """const r = await fetch("https://a.example/up", {method: "POST", body: new Uint8Array([0, 255, 7])});
    const b = new Uint8Array(await r.arrayBuffer()); [b.length, b[0], b[1], r.url, r.redirected]"""
    r = fetchflow.execute_code(src, quiet=True)
    q = r.fetch_request
    assert q.body_bytes == b"\x00\xff\x07" and q.headers.get("content-type") is None
    done = fetchflow.resume_execution(r.state, FetchResponse(q.id, True, 200, data=b"\xfe\x01",
                                                             url="https://a.example/final",
                                                             redirected=True))
    assert done.result == [2, 254, 1, "https://a.example/final", True]
    text = fetchflow.execute_code('await fetch("https://a.example/", {method: "POST", body: "é"})',
                                  quiet=True)
    assert text.fetch_request.body == "é" and text.fetch_request.body_bytes == "é".encode()


def test_a_failed_fetch_carries_its_cause() -> None:
    src = """try { await fetch("https://a.example/") } catch (e) { [e.name, e.message, e.cause.message] }"""
    r = fetchflow.execute_code(src, quiet=True)
    done = fetchflow.resume_execution(r.state, FetchResponse(r.fetch_request.id, False, error="fetch failed",
                                                             cause="connect ECONNREFUSED"))
    assert done.result == ["TypeError", "fetch failed", "connect ECONNREFUSED"]


def test_an_unsettled_top_level_await_is_reported() -> None:
    assert fetchflow.execute_code("await new Promise(() => {})", quiet=True).unsettled is True
    assert fetchflow.execute_code("await 1", quiet=True).unsettled is False


def test_the_file_name_names_the_script_in_stacks_and_survives_a_pause() -> None:
    src = 'await fetch("https://a.example/");\nfunction f() { throw new Error("x") }\nf()'
    r = fetchflow.execute_code(src, quiet=True, filename="job.js")
    with pytest.raises(fetchflow.JSError) as e:
        fetchflow.resume_execution(r.state, FetchResponse(r.fetch_request.id, True, 200))
    assert e.value.stack.split("\n")[1:] == ["    at f (job.js:2:22)", "    at job.js:3:1"]
