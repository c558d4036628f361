"""Issue 6, adversarial: what a hostile script or a hostile state can and cannot reach.

A script sees JavaScript values only (no walk to Python objects), changes to builtins stay
in its VM, it has no I/O but fetch (and fetch obeys the policy), and every kind of runaway is
bounded.  A state that is not exactly what fetchflow wrote is refused with StateError before
anything in it runs.
"""
from __future__ import annotations

import hashlib
import io
import os
import pickle
import time
import zlib

import pytest

import fetchflow
from fetchflow import (FetchResponse, FetchVM, JSError, LimitExceeded, Limits, StateError,
                       execute_code, resume_execution)
from fetchflow.host.policy import FetchPolicy, normalize_url

API = "https://api.example.com"


def js(src: str, **kw):
    return execute_code(src, quiet=True, **kw).result


# -- no walk from JavaScript to Python --------------------------------------------------------------

def test_function_constructor_gives_the_js_global_object() -> None:
    assert js("({}).constructor.constructor('return this')() === globalThis") is True
    assert js("Function('return this')() === globalThis") is True
    assert js("(0, eval)('this') === globalThis") is True
    assert js("eval('this') === globalThis") is True
    assert js("Object.getPrototypeOf(async function(){}).constructor('return this')") == "[Function anonymous]"
    assert js("typeof Object.getPrototypeOf(function*(){}).constructor('return this')().next") \
        == "function"


PY_NAMES = ["__class__", "__dict__", "__globals__", "func_globals", "__code__", "__closure__",
            "__module__", "__builtins__", "__subclasses__", "__mro__", "__bases__", "__init__",
            "__getattribute__", "__reduce__", "__reduce_ex__", "__self__", "__func__", "fn",
            "props", "proto", "realm", "machine", "f_globals", "gi_frame", "cr_frame", "__slots__",
            "__weakref__", "__qualname__", "native_name", "scope", "code", "elems"]

VALUES = ["({})", "[]", "function(){}", "(() => 1)", "Math.max", "Object", "Function.prototype",
          "new Error('x')", "Promise.resolve()", "/a/g", "Symbol('s')", "new Map()", "'str'", "42",
          "true", "(function*(){})()", "(async function(){})", "JSON", "globalThis",
          "new Response('x')", "new Headers()", "fetch", "Math.max.bind(null)", "Reflect",
          "(function(){ return arguments })()", "new Date(0)", "Object.prototype"]


@pytest.mark.parametrize("value", VALUES)
def test_python_attribute_names_are_undefined(value: str) -> None:
    names = ", ".join(repr(n) for n in PY_NAMES)
    r = js(f"""const v = {value}; const out = [];
        for (const n of [{names}]) {{
            const x = v[n];
            if (x !== undefined) out.push(n + ':' + typeof x);
        }}
        out""")
    assert r == []


@pytest.mark.parametrize("value", VALUES)
def test_own_keys_and_prototype_chain_are_js_only(value: str) -> None:
    r = js(f"""const seen = []; let o = Object({value});
        for (let i = 0; o !== null && i < 10; i++) {{
            for (const k of Reflect.ownKeys(o)) seen.push(typeof k === 'symbol' ? 'sym' : k);
            o = Object.getPrototypeOf(o);
        }}
        seen.filter(k => k.startsWith('__') && !['__proto__', '__defineGetter__', '__defineSetter__',
                                                 '__lookupGetter__', '__lookupSetter__'].includes(k))""")
    assert r == []


def test_proto_and_constructor_walks_end_in_js_objects() -> None:
    r = js("""const kinds = [];
        let o = Math.max;
        for (let i = 0; i < 6; i++) { kinds.push(typeof o, Object.prototype.toString.call(o));
                                      o = o.constructor }
        o = [].__proto__.__proto__.__proto__;
        kinds.concat([String(o)])""")
    assert r[-1] == "null"
    assert set(r[:-1]) <= {"function", "[object Function]"}


def test_errors_do_not_expose_python() -> None:
    r = js("""const out = [];
        for (const f of [() => null.x, () => undefinedVar, () => JSON.parse('{'), () => new Array(-1),
                         () => Symbol() + '', () => { function f(){ f() } f() }]) {
            try { f() } catch (e) { out.push(String(e) + ' ' + e.stack) }
        }
        out.join('\\n')""")
    for word in (".py", "Traceback", "Python", "fetchflow/", "AttributeError", "KeyError"):
        assert word not in r


def test_no_ambient_io() -> None:
    names = ["require", "process", "module", "exports", "__import__", "open", "Deno", "Bun",
             "XMLHttpRequest", "WebSocket", "importScripts", "os", "sys", "python", "window",
             "document", "SharedArrayBuffer", "Atomics", "WebAssembly", "Worker"]
    r = js("[" + ", ".join(f"typeof {n}" for n in names) + "]")
    assert r == ["undefined"] * len(names)
    for src in ["import('fs')", "import fs from 'fs'"]:
        with pytest.raises((fetchflow.JSSyntaxError, JSError)):
            execute_code(src, quiet=True)


def test_fetch_of_a_file_url_does_not_read_files(tmp_path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    src = f"""fetch('file://{secret}').then(r => r.text()).then(t => 'read ' + t,
                                                             e => 'refused ' + e.name)"""
    r = fetchflow.run(src, quiet=True)  # the default driver, urllib
    assert r.result.startswith("refused") and "TOP-SECRET" not in str(r.result)


# -- one VM cannot affect another ----------------------------------------------------------------------

POLLUTE = """
    Object.prototype.polluted = 1; Array.prototype.push = function(){ return 'hijacked' };
    JSON.parse = () => 'hijacked'; Math.max = () => -1; String.prototype.trim = () => 'x';
    Object.defineProperty(Object.prototype, 'then', { get(){ throw new Error('trap') } });
    Function.prototype.call = () => 'hijacked'; globalThis.leak = 1; Promise.prototype.then = null;
    'done'"""

CLEAN = """[({}).polluted, [].push(1), JSON.parse('1'), Math.max(1, 2), ' a '.trim(),
             typeof leak, ({}).then, typeof Promise.prototype.then]"""


def test_prototype_pollution_stays_in_its_vm() -> None:
    assert js(POLLUTE) == "done"
    assert js(CLEAN) == [None, 1, 1, 2, "a", "undefined", None, "function"]
    with FetchVM(quiet=True) as a, FetchVM(quiet=True) as b:
        a.execute(POLLUTE)
        assert b.execute(CLEAN).result == [None, 1, 1, 2, "a", "undefined", None, "function"]


def test_pollution_in_a_paused_state_stays_in_that_state() -> None:
    r = execute_code("Object.prototype.polluted = 1; fetch('%s/x')" % API, quiet=True)
    blob = r.state.to_bytes()
    resume_execution(blob, FetchResponse(r.fetch_request.id, True, 200, "OK", ""))
    assert js("({}).polluted") is None


# -- runaways are bounded ---------------------------------------------------------------------------------

@pytest.mark.parametrize("src", [
    "for(;;){}",
    "(function f(){ try { f() } catch (e) { f() } })()",
    "let a = []; for(;;) a.push([a.length])",
    "let o = {}; for (let i = 0;; i++) o['k' + i] = i",
    "new Array(1e7).fill(0)",
    "Array.prototype.fill.call({ length: 2 ** 53 - 1 }, 0)",
    "Array.apply(null, { length: 1e8 })",
    "for (;;) /(a|aa)+$/.test('aaaaaaaaaaaaaaaaaa!')",
    "(async () => { for (;;) await null })()",
    "eval('for(;;){}')",
    "new Function('for(;;){}')()",
])
def test_runaway_code_is_bounded(src: str) -> None:
    t0 = time.monotonic()
    with pytest.raises((LimitExceeded, JSError)):
        execute_code(src, quiet=True, limits=Limits(max_time=0.5, max_heap_bytes=256 << 20))
    assert time.monotonic() - t0 < 3.0


@pytest.mark.parametrize("src", [
    "new Array(2 ** 32)", "'x'.repeat(2 ** 31)", "'x'.padEnd(2 ** 31)", "new Array(2**31).join('ab')",
    "String.fromCharCode.apply(null, { length: 2 ** 31 })",
])
def test_huge_single_allocations_are_refused(src: str) -> None:
    t0 = time.monotonic()
    with pytest.raises((LimitExceeded, JSError)) as ei:
        execute_code(src, quiet=True, limits=Limits(max_time=2, max_heap_bytes=256 << 20))
    if isinstance(ei.value, JSError):
        assert ei.value.name == "RangeError"
    assert time.monotonic() - t0 < 5.0


def test_deeply_nested_source_is_a_syntax_error_or_runs() -> None:
    for src in ["[" * 5000 + "]" * 5000, "(" * 5000 + "1" + ")" * 5000, "{" * 5000 + "}" * 5000,
                "-" * 20000 + "1", "a=" * 5000 + "1", "!" * 50000 + "1"]:
        try:
            execute_code(src, quiet=True, limits=Limits(max_time=5))
        except (fetchflow.JSSyntaxError, JSError, LimitExceeded):
            pass


# -- hostile states ---------------------------------------------------------------------------------------

def paused_blob(key=None) -> bytes:
    r = execute_code(f"(async () => (await fetch('{API}/a')).status)()", quiet=True, key=key)
    return r.state.to_bytes()


def split(blob: bytes):
    raw = zlib.decompress(blob[38:])
    f = io.BytesIO(raw)
    pickle.Unpickler(f).load()  # the header is plain data
    return blob[:6], raw[:f.tell()], raw[f.tell():]


def forge(head: bytes, payload: bytes) -> bytes:
    """An unsigned state with a correct SHA-256: what anyone holding the bytes can make."""
    z = zlib.compress(payload)
    return head[:4] + bytes([head[4], 0]) + hashlib.sha256(z).digest() + z


class _Reduce:
    def __init__(self, fn, args):
        self.fn, self.args = fn, args

    def __reduce__(self):
        return self.fn, self.args


class _Global:
    """Pickles as a bare GLOBAL reference to module.name."""
    def __init__(self, module: str, name: str):
        self.module, self.name = module, name


def _global_pickle(module: str, name: str, call_args: tuple = ()) -> bytes:
    args = pickle.dumps(call_args, protocol=2)[2:-1]  # the tuple's opcodes, no PROTO/STOP
    return (b"\x80\x02c" + module.encode() + b"\n" + name.encode() + b"\n" + args + b"R.")


@pytest.fixture()
def marker(tmp_path):
    p = tmp_path / "pwned"
    yield p
    assert not p.exists(), "a hostile state executed code"


def evil_payloads(marker_path) -> dict:
    cmd = f"touch {marker_path}"
    return {
        "os.system": pickle.dumps(_Reduce(os.system, (cmd,)), protocol=5),
        "builtins.eval": pickle.dumps(_Reduce(eval, (f"open({str(marker_path)!r}, 'w')",)), protocol=5),
        "builtins.exec": _global_pickle("builtins", "exec", (f"open({str(marker_path)!r}, 'w')",)),
        "subprocess": _global_pickle("subprocess", "call", (["touch", str(marker_path)],)),
        "posix.system": _global_pickle("posix", "system", (cmd,)),
        "fetchflow.api.execute_code": _global_pickle("fetchflow.api", "execute_code", ("1",)),
        "fetchflow.state.load_machine": _global_pickle("fetchflow.state", "load_machine", (b"",)),
        "fetchflow.api.run-like": _global_pickle("fetchflow.host.drivers", "http_fetcher", (None,)),
        "fetchflow.api.Any": _global_pickle("fetchflow.api", "Any", ()),
        "module type": _global_pickle("fetchflow.api", "__class__", ("x",)),
        "decimal via fetchflow": _global_pickle("fetchflow.interp.operations.number_format", "Decimal", ("1",)),
        "fetchflow dotted name": _global_pickle("fetchflow.state", "pickle.loads", (b"",)),
        "fetchflow.__main__": _global_pickle("fetchflow.__main__", "main", ()),
        "not fetchflow": _global_pickle("fetchflowx", "anything", ()),
        "getattr": _global_pickle("builtins", "getattr", ()),
    }


@pytest.mark.parametrize("name", sorted(evil_payloads("/nonexistent")))
def test_malicious_pickles_are_refused(name: str, marker) -> None:
    head, header, _rest = split(paused_blob())
    evil = forge(head, header + evil_payloads(marker)[name])
    with pytest.raises(StateError):
        resume_execution(evil, FetchResponse("req_1", True, 200, "OK", ""))
    with pytest.raises(StateError):
        fetchflow.VMState.from_bytes(evil)


def test_malicious_header_is_refused(marker) -> None:
    head, _header, rest = split(paused_blob())
    evil = forge(head, pickle.dumps(_Reduce(os.system, (f"touch {marker}",))) + rest)
    with pytest.raises(StateError):
        resume_execution(evil, FetchResponse("req_1", True, 200, "OK", ""))


def test_decompression_bomb_is_refused() -> None:
    head, header, _ = split(paused_blob())
    d = zlib.compressobj(9)
    z = d.compress(header)
    chunk = b"\0" * (1 << 24)
    for _ in range(80):  # 1.25 GiB inflated, ~1.3 MB compressed
        z += d.compress(chunk)
    z += d.flush()
    evil = head[:4] + bytes([head[4], 0]) + hashlib.sha256(z).digest() + z
    with pytest.raises(StateError):
        fetchflow.VMState.from_bytes(evil)


@pytest.mark.parametrize("mangle", [
    lambda b: b[:-1], lambda b: b[:40], lambda b: b[:10], lambda b: b"",
    lambda b: b[:50] + bytes([b[50] ^ 1]) + b[51:], lambda b: b[:-5] + b"xxxxx",
    lambda b: b"NOPE" + b[4:], lambda b: b[:4] + b"\x09" + b[5:], lambda b: b + b"trailing",
    lambda b: os.urandom(len(b)), lambda b: b"FFVM\x01\x00" + os.urandom(200),
])
def test_tampered_states_are_refused(mangle) -> None:
    with pytest.raises(StateError):
        resume_execution(mangle(paused_blob()), FetchResponse("req_1", True, 200, "OK", ""))


def test_keys() -> None:
    blob = paused_blob(key=b"k1")
    resp = FetchResponse("req_1", True, 200, "OK", "")
    for bad in (None, b"k2"):
        with pytest.raises(StateError):
            resume_execution(blob, resp, key=bad)
    with pytest.raises(ValueError, match="must not be empty"):  # an empty key signs nothing
        resume_execution(blob, resp, key=b"")
    assert resume_execution(blob, resp, key=b"k1").result == 200
    with pytest.raises(StateError):
        resume_execution(paused_blob(), resp, key=b"k1")  # unsigned state, key expected
    head, header, rest = split(blob)  # re-signed with SHA-256 by someone without the key
    with pytest.raises(StateError):
        resume_execution(forge(head, header + rest), resp, key=b"k1")


def test_a_forged_unsigned_state_can_loosen_limits_so_sign_states() -> None:
    """Documented: without key= the digest is a checksum, not a signature."""
    r = execute_code(f"(async () => {{ await fetch('{API}/a'); for(;;){{}} }})()", quiet=True,
                     limits=Limits(max_steps=10_000))
    with pytest.raises(LimitExceeded):
        resume_execution(r.state.to_bytes(), FetchResponse("req_1", True, 200, "OK", ""))
    r = execute_code(f"(async () => {{ await fetch('{API}/a'); for(;;){{}} }})()", quiet=True,
                     limits=Limits(max_steps=10_000), key=b"secret")
    head, header, rest = split(r.state.to_bytes())
    with pytest.raises(StateError):
        resume_execution(forge(head, header + rest.replace(b"max_steps", b"max_stepz")),
                         FetchResponse("req_1", True, 200, "OK", ""), key=b"secret")


# -- fetch policy ---------------------------------------------------------------------------------------

# `**` crosses `/`, `*` does not (fetchflow.host.policy: the pattern language)
POL = FetchPolicy(allow=[f"{API}/**"], deny=[f"{API}/admin**"], methods=["GET", "POST"])


def denied(url: str, method: str = "GET", policy: FetchPolicy = POL):
    src = f"""fetch({url!r}, {{ method: {method!r}, body: {'null' if method in ('GET', 'HEAD') else "'b'"} }})
              .then(() => 'sent', e => e.name + ': ' + e.message)"""
    r = execute_code(src, quiet=True, policy=policy)
    return r


@pytest.mark.parametrize("url,method", [
    ("https://evil.example.com/", "GET"), (f"{API}/admin/users", "GET"), (f"{API}/x", "DELETE"),
    ("http://api.example.com/x", "GET"), (f"{API}.evil.com/x", "GET"), (f"{API}@evil.com/x", "GET"),
    ("https://evil.com/?u=https://api.example.com/x", "GET"), ("https://api.example.com\\@evil.com/", "GET"),
    ("file:///etc/passwd", "GET"), ("data:text/plain,hi", "GET"), (f"{API}:8443/x", "GET"),
    ("https://user:pw@api.example.com/x", "GET"), (" https://api.example.com/x", "GET"),
    ("https://api.example.com/x\n", "GET"), ("//api.example.com/x", "GET"), ("/relative", "GET"),
    (f"{API}/x/../admin/users", "GET"), (f"{API}/%2e%2e/admin", "GET"), (f"{API}/./admin", "GET"),
])
def test_policy_denies_in_js_and_nothing_reaches_the_host(url: str, method: str) -> None:
    r = denied(url, method)
    assert r.type == "completed" and r.fetch_requests == []
    assert str(r.result) == f"TypeError: fetch to {url} denied by policy"


@pytest.mark.parametrize("url,sent", [
    (f"{API}/x", f"{API}/x"), ("HTTPS://API.EXAMPLE.COM/x", f"{API}/x"),
    (f"{API}:443/x?q=1#frag", f"{API}/x?q=1"), (f"{API}/a/b/c", f"{API}/a/b/c"),
    (f"{API}/admin/../x", f"{API}/x")])
def test_policy_allows(url: str, sent: str) -> None:
    # the host receives the URL as node's fetch serializes it (new URL(url), no fragment)
    r = denied(url)
    assert r.type == "paused" and r.fetch_request.url == sent


def test_policy_is_kept_in_the_state_and_survives_resume() -> None:
    src = f"""(async () => {{ await fetch('{API}/one');
        try {{ await fetch('https://evil.com/'); return 'leaked' }} catch (e) {{ return e.message }} }})()"""
    r = execute_code(src, quiet=True, policy=POL)
    r2 = resume_execution(r.state.to_bytes(), FetchResponse(r.fetch_request.id, True, 200, "OK", ""))
    assert r2.type == "completed" and r2.result == "fetch to https://evil.com/ denied by policy"


def test_policy_with_fetchvm_and_run() -> None:
    vm = FetchVM(quiet=True, policy=POL)
    assert vm.execute("fetch('https://evil.com/').catch(e => e.name)").result == "TypeError"
    seen = []

    def fetcher(req):
        seen.append(req.url)
        return FetchResponse(req.id, True, 200, "OK", "ok")
    src = """(async () => { const out = [];
        for (const u of ['https://evil.com/', '%s/fine']) {
            try { out.push(await (await fetch(u)).text()) } catch (e) { out.push(e.name) } }
        return out })()""" % API
    r = fetchflow.run(src, fetcher, quiet=True, policy=POL)
    assert r.result == ["TypeError", "ok"] and seen == [f"{API}/fine"]


def test_policy_validation_and_normalization() -> None:
    with pytest.raises(TypeError):
        FetchPolicy(allow="https://a/*")
    with pytest.raises(TypeError):
        execute_code("1", policy={"allow": []})
    assert normalize_url("HTTPS://A.COM:443/x#f") == "https://a.com/x"
    assert normalize_url("https://a.com@b.com/") is None
    assert normalize_url("https://a.com:99999/") is None


# -- secrets stay with the driver --------------------------------------------------------------------------

SECRET = "Bearer s3cr3t-t0ken-XYZ"


def test_secrets_are_added_by_the_driver_and_never_enter_the_state() -> None:
    states, seen = [], []
    orig = fetchflow.host.drivers.resume_execution

    def fetcher(req):
        seen.append((req.url, dict(req.headers)))
        return FetchResponse(req.id, True, 200, "OK", "ok")

    def spy(state, *a, **kw):
        states.append(state.to_bytes())
        return orig(state, *a, **kw)
    src = f"""(async () => {{
        const a = await fetch('{API}/x', {{ headers: {{ Authorization: 'mine' }} }});
        const b = await fetch('https://other.example.com/y');
        return [a.headers.get('authorization'), JSON.stringify(a), typeof Authorization]
    }})()"""
    fetchflow.host.drivers.resume_execution = spy
    try:
        r = fetchflow.run(src, fetcher, quiet=True, secrets={f"{API}/*": {"Authorization": SECRET}})
    finally:
        fetchflow.host.drivers.resume_execution = orig
    assert seen[0] == (f"{API}/x", {"Authorization": SECRET})
    assert seen[1] == ("https://other.example.com/y", {})
    assert SECRET not in repr(r.result) and SECRET not in "".join(r.console)
    assert len(states) == 2
    for blob in states:
        assert SECRET.encode() not in zlib.decompress(blob[38:])
        assert b"s3cr3t" not in zlib.decompress(blob[38:])
