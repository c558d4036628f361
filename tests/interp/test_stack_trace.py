"""Stack traces (fetchflow/interp/stack_trace.py) as node prints them: the function names
with V8's receiver type and ``[as method]``, the built-ins that called back, and the exact
column of the failing operation or of the call.  Known differences, left out of these
programs: V8's inferred names for functions assigned to members (``at o.dyn``), frames of
default derived constructors, ``at g.next`` for generators, proxy traps' call positions and
eval/new Function locations."""
from __future__ import annotations

import pytest

import fetchflow
from tests.node_oracle import assert_same_as_node

# prints each stack line as "name@line:column" (a built-in: its name), node's internals left out
FRAMES = r"""
function frames(e) {
  return e.stack.split("\n").slice(1).filter(l => !l.includes("node:") && !l.includes("[eval]-wrapper"))
    .map(l => {
      l = l.trim().slice(3);
      const m = /^(.*?)\s*\(?([^()]*):(\d+):(\d+)\)?$/.exec(l);
      if (!m) return l.replace(" (<anonymous>)", "");
      return (m[1] ? m[1] + "@" : "") + m[3] + ":" + m[4];
    }).join(" | ");
}
function tr(f) { try { f(); } catch (e) { console.log(frames(e)); } }
"""

PROGRAMS = {
    'names of methods and receivers': r"""
const obj = { get g() { return null.x; }, m() { null.y; }, arrow: () => null.z, named: function nm() { null.w; } };
tr(() => obj.g);
tr(() => obj.m());
tr(() => obj.arrow());
tr(() => obj.named());
class K { constructor() { null.a; } static s() { null.b; } im() { null.c; } get acc() { return null.d; } }
tr(() => new K());
tr(() => K.s());
tr(() => { const k = Object.create(K.prototype); k.im(); });
tr(() => new K().acc);
function Plain() { null.e; }
tr(() => new Plain());
tr(() => { const o = { f: function () { null.g; } }; o.f(); });
tr(() => { const o = { f: function () { null.g; } }; const h = o.f; h(); });
tr(() => { "use strict"; function s() { null.h; } s.call("str"); });
tr(() => { function s() { null.i; } s.call([]); s.apply(1); });
tr(() => { const o = { ["comp" + 1]() { null.n; } }; o.comp1(); });
tr(() => { Object.defineProperty(Array.prototype, "zz", { value: function () { null.p; }, configurable: true }); [].zz(); });
tr(() => { async function af() { null.l; } return af(); });
""",
    'built-ins that call back': r"""
tr(function named2() { [1].map(function inner() { null.f; }); });
tr(() => { const a = [3, 1]; a.sort((x, y) => null.j); });
tr(() => JSON.parse("{"));
tr(() => { [1].forEach(x => { throw new Error("e"); }); });
tr(() => { new Map([[1, 2]]).forEach(function (v) { null.s; }); });
tr(() => { "abc".replace(/b/, () => null.t); });
tr(() => { Promise.resolve().then.call(5); });
tr(() => { [].reduce((a, b) => a); });
tr(() => { "x".repeat(-1); });
tr(() => { BigInt(1.5); });
tr(() => { [1, 2].filter(v => v.q.r); });
""",
    "the failing operation's column": r"""
tr(() => { null(); });
tr(() => { undefined.foo(); });
tr(() => { const o = {}; o.nofn(); });
tr(() => { const o = {}; o["nofn" + 2](); });
tr(() => { const o = {a: {}}; o.a.b.c.d; });
tr(() => { const o = {a: {}}; o.a["b"].c; });
tr(() => { const q = 1; q = 2; });
tr(() => { undefinedVar + 1; });
tr(() => { new 5; });
tr(() => { [...5]; });
tr(() => { const {a} = null; });
tr(() => { throw new TypeError("x"); });
tr(() => { let s = 0; for (const v of [1, 2]) { s += v; if (v === 2) missing(); } });
tr(() => { const o = {}; o.a.b = 1; });
tr(() => { const o = {}; o.a[1] = 1; });
tr(() => { const o = {}; o.a[1]; });
tr(() => { const x = 1; x.y.z; });
tr(() => { Symbol() + ""; });
tr(() => { 1n + 1; });
tr(() => { for (const x of 5) {} });
tr(() => { let f = 1; f(); });
tr(() => { Error("plain"); throw Error("plain2"); });
tr(() => { const e = new Error("made"); throw e; });
tr(() => { (function(){ null.a })(); });
tr(() => { (() => null.b)(); });
tr(() => { let a = {}; a.b.c += 1; });
tr(() => {
  const x =
     nope.y;
});
""",
    'calls across lines and nested frames': r"""
class K {
  m(o) {
    return o.a.b.c;
  }
}
function outer(x) {
  const arr = [1, 2, 3];
  return arr.map(v => {
    if (v === 2) {
      return new K().m(x);
    }
    return v;
  });
}
tr(() => outer({a: {}}));
function thrower() {
  let q = 1;
  q += 2;
  throw new Error("boom " + q);
}
tr(() => [1].forEach(function cb() { thrower(); }));
class MyErr extends Error { constructor(m) { super(m); this.name = "MyErr"; } }
function makes() { return new MyErr("mine"); }
tr(() => { throw makes(); });
function a1() { return b1() + 1; }
function b1() { return c1(); }
function c1() { return null.deep; }
tr(() => a1());
""",
}


@pytest.mark.parametrize("name", list(PROGRAMS))
def test_stack_lines_are_nodes(name: str) -> None:
    assert_same_as_node(FRAMES + PROGRAMS[name])


def test_the_script_file_name_and_positions() -> None:
    src = "function f() {\n  null.x;\n}\nf();"
    with pytest.raises(fetchflow.JSError) as e:
        fetchflow.execute_code(src, quiet=True, filename="job.js")
    assert e.value.stack.split("\n")[1:] == ["    at f (job.js:2:8)", "    at job.js:4:1"]
