"""structuredClone (HTML 2.7), against node 20, and across a pause."""
from __future__ import annotations

import fetchflow
from tests.host.pause_check import assert_pause_transparent
from tests.node_oracle import assert_same_as_node

PROGRAM = r"""
const t = (f) => { try { console.log(f()); } catch (e) { console.log(e.name, e.code, e.message, e instanceof DOMException); } };
const o = {a: 1, s: "x", n: null, u: undefined, d: new Date(0), r: /x/gi, m: new Map([[1, {z: 1}]]), st: new Set([1, "a"]), arr: [1, , 3], nested: {deep: [1, 2]}};
o.self = o; o.arr.push(o.nested);
const c = structuredClone(o);
console.log(c, c !== o, c.self === c, c.arr[3] === c.nested, c.d instanceof Date, c.r.lastIndex, c.m.get(1));
const buf = new ArrayBuffer(4); const u8 = new Uint8Array(buf); u8[0] = 7; const pair = structuredClone({a: u8, b: new Uint16Array(buf, 2, 1), buf});
console.log(pair, pair.a.buffer === pair.buf, pair.b.buffer === pair.buf);
const e = new RangeError("bad"); e.cause = 5; e.extra = 1; const ce = structuredClone(e); console.log(ce instanceof RangeError, ce.message, ce.cause, ce.extra, ce.name, ce.stack === e.stack);
class K { constructor() { this.x = 1; } m() {} get g() { return 2; } }
const ck = structuredClone(new K()); console.log(ck, ck instanceof K, Object.getPrototypeOf(ck) === Object.prototype);
t(() => structuredClone(() => 1)); t(() => structuredClone({f: function named() {}})); t(() => structuredClone(Symbol("q"))); t(() => structuredClone({s: Symbol()}));
t(() => structuredClone()); t(() => structuredClone(new WeakMap())); t(() => structuredClone(Promise.resolve()));
t(() => structuredClone(new Headers({a: "1"}))); t(() => structuredClone(new URL("http://a.com")));
t(() => structuredClone(new Blob(["x"]))); t(() => structuredClone(new DOMException("m", "AbortError")));
t(() => structuredClone([new Number(3), new String("s"), new Boolean(false), Object(Symbol.iterator)]));
t(() => structuredClone({get g() { return 5; }, [Symbol("k")]: 1}));
t(() => structuredClone(new Error("e")).constructor.name); const err = new TypeError("t"); err.name = "Custom"; t(() => structuredClone(err).name);
t(() => { const x = {}; Object.defineProperty(x, "h", {value: 1, enumerable: false}); return structuredClone(x); });
t(() => structuredClone(1, {transfer: []}));
t(() => structuredClone(-0)); t(() => Object.is(structuredClone(-0), -0));
t(() => structuredClone(Object.create(null, {a: {value: 1, enumerable: true}})));
"""


def test_like_node() -> None:
    assert_same_as_node(PROGRAM)


def test_clones_survive_a_pause():
    assert_pause_transparent("""
const src = {m: new Map([["k", [1, 2]]]), d: new Date(5), buf: new Uint8Array([1, 2, 3])};
src.self = src;
const copy = structuredClone(src);
PAUSE
copy.buf[0] = 9; copy.m.get("k").push(3);
console.log(copy, src.buf[0], src.m.get("k").length, copy.self === copy, structuredClone(copy).self.d.getTime());
""")


def test_a_deep_structure_does_not_exhaust_the_stack():
    r = fetchflow.execute_code("""
let o = {}; const root = o;
for (let i = 0; i < 20000; i++) { o.next = {i}; o = o.next; }
let c = structuredClone(root), n = 0;
while (c.next) { c = c.next; n++; }
n""", quiet=True)
    assert r.result == 20000
