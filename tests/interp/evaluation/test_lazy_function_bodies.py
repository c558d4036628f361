"""Function bodies compiled on their first call (evaluation/functions.py FuncData): a
function that never runs still has its name, length and source text, its early errors
still come at load, and a body first called after a resume from bytes (or whose inner Codes
a paused state named before the function's own record was filled) runs as it would have."""
from __future__ import annotations

import pytest

import fetchflow
from fetchflow import FetchResponse
from fetchflow.errors import JSSyntaxError
from fetchflow.interp.evaluation.functions import FuncData
from tests.node_oracle import MODES, assert_same_as_node

PROGRAMS = [
    # never called: only what making the function object needs
    "function never(a, b = 1, ...c) { return undefinedName + a; }\n"
    "var arrow = (x, y) => { throw new Error('never') };\n"
    "var o = { m(p) { return p }, get g() { return 1 }, ['k' + 1]: function () {} };\n"
    "console.log(never.name, never.length, arrow.name, arrow.length, o.m.name, o.k1.name);\n"
    "console.log(String(never)); console.log(String(arrow)); console.log(String(o.m));\n"
    "console.log(Object.getOwnPropertyDescriptor(o, 'g').get.toString());",
    # first call much later, from inside other functions, as a constructor, a generator
    "function outer() { var n = 0; function inc() { return ++n } return { inc, get: () => n } }\n"
    "var c = outer(); c.inc(); c.inc(); console.log(c.get());\n"
    "function P(x) { this.x = x } P.prototype.twice = function () { return this.x * 2 };\n"
    "console.log(new P(21).twice());\n"
    "function* gen(a) { yield a; yield* [a + 1, a + 2]; return arguments.length }\n"
    "console.log([...gen(1)], gen(5).next());\n"
    "async function af(v) { return await v + 1 } af(1).then(v => console.log('async', v));",
    # closures, arguments, eval, with and parameter scopes in bodies compiled late
    "function mk() { var fs = []; for (let i = 0; i < 3; i++) fs.push(() => i); return fs }\n"
    "console.log(mk().map(f => f()));\n"
    "function args(a, b) { arguments[0] = 'changed'; return a + '/' + arguments.length }\n"
    "console.log(args('x', 'y', 'z'));\n"
    "function ev(s) { var local = 7; return eval(s) } console.log(ev('local * 6'));\n"
    "function w(o) { with (o) { return p + q } } console.log(w({ p: 1, q: 2 }));\n"
    "function dflt(a, b = () => a, c = a + 1) { var a = 10; return [a, b(), c] }\n"
    "console.log(dflt(1));\n"
    "var f1 = function self(n) { return n ? self(n - 1) + 1 : 0 }; console.log(f1(5));",
    # a body that throws on its first call still runs on the second
    "function boom(x) { if (x) throw new TypeError('first'); return 'fine' }\n"
    "try { boom(1) } catch (e) { console.log(e.message) } console.log(boom(0));\n"
    "class K { constructor(v) { this.v = v } static make() { return new K(3) } m() { return this.v } }\n"
    "console.log(K.make().m());",
]


@pytest.mark.parametrize("src", PROGRAMS)
def test_like_node(src: str) -> None:
    assert_same_as_node(src)


def test_early_errors_in_bodies_that_never_run() -> None:
    for src in ("function f() { let a; let a; }",
                "var g = () => { 'use strict'; with (o) {} };",
                "function h() { return; } function k() { break; }"):
        with pytest.raises(JSSyntaxError):
            fetchflow.execute_code(src + "\nconsole.log('ran');", quiet=True)


def test_records_wait_for_a_call_after_loading_a_state() -> None:
    src = ("function ran(x) { return x + 1 }\nfunction idle(y) { return y * 2 }\n"
           "console.log(ran(1));\n(async () => { await fetch('https://pause.test/'); })();")
    r = fetchflow.execute_code(src, quiet=True)
    assert r.type == "paused" and r.console == ["2"]
    m = r.state.restore()
    fds = {name: m.realm.global_object.props[name].code.p for name in ("ran", "idle")}
    for fd in fds.values():
        assert isinstance(fd, FuncData) and fd.pending is not None   # nothing compiled yet
        assert fd.length == 1 and not fd.strict
    assert fds["idle"].nparams == 1          # the first read of a call part fills the record
    assert fds["idle"].pending is None and fds["idle"].body.node.type == "BlockStatement"
    fd = FuncData()
    fd.pending = None
    with pytest.raises(AttributeError):
        fd.body   # noqa: B018  (no program to fill it from: a plain missing attribute)


def _resume_twice(src: str, mode: str) -> list:
    opts = MODES[mode]
    plain = fetchflow.execute_code(src.replace("PAUSE", "await null;"), quiet=True, **opts)
    assert plain.type == "completed", plain
    r = fetchflow.execute_code(src.replace("PAUSE", 'await fetch("https://pause.test/");'),
                               quiet=True, **opts)
    assert r.type == "paused"
    for _ in range(2):   # a state resumes the same way every time
        out, console = r, list(r.console)
        while out.type == "paused":   # every pause resumed from bytes in a fresh load
            out = fetchflow.resume_execution(
                out.state.to_bytes(), FetchResponse(out.fetch_request.id, True, 200, "OK", ""),
                quiet=True)
            console += out.console
        assert out.type == "completed", out
        assert console == plain.console
    return plain.console


PAUSED = [
    # paused inside a body: after loading, its Codes are compiled from the state's names,
    # and the function's own record is filled by its next call (the same body Code)
    "async function step(n) { var t = n * 2; PAUSE return t + (n > 0 ? await step(n - 1) : 0) }\n"
    "(async () => { console.log(await step(2)); console.log(await step(1)); })();",
    # bodies first called after the resume: plain, generator, constructor, nested closure
    "function later(a) { return [a, typeof a] }\n"
    "function* g() { yield 1; yield 2 }\n"
    "function C(v) { this.v = v }\n"
    "function mk(k) { return function (x) { return k + x } }\n"
    "(async () => { PAUSE console.log(later(1), [...g()], new C(4).v, mk(10)(5)); })();",
    # a closure made before the pause, called for the first time after it
    "(async () => { var hidden = 41; var f = () => hidden + 1; var h = function (a, b = a) { return [a, b] };\n"
    "  PAUSE console.log(f(), h(3)); })();",
]


@pytest.mark.parametrize("mode", list(MODES))
@pytest.mark.parametrize("src", PAUSED)
def test_bodies_compiled_after_a_resume(src: str, mode: str) -> None:
    assert _resume_twice(src, mode)
