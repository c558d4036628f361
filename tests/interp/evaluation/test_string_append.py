"""``s += t`` on a plain binding appends in place when nothing else holds the string
(evaluation/assignment.py, references.make_place): whatever held the old string before must
still see the old string, in both modes and on the frame path (a call on the right)."""
from __future__ import annotations

import pytest

import fetchflow
from tests.node_oracle import assert_same_as_node

PROGRAMS = {
    "aliases keep the old string": r"""
let s = "ab"; const t = s; s += "c"; s += "d";
const arr = [s]; s += "e"; const o = {k: s}; s += "f";
function f() { var v = "x"; const keep = [v]; for (let i = 0; i < 3; i++) { v += i; keep.push(v); } return keep; }
console.log(s, t, arr[0], o.k, f().join(","));
""",
    "closures and outer scopes": r"""
var g = "g"; let l = "l";
function outer() { let x = "o"; const inner = () => { x += "i"; g += "!"; l += "?"; return x; }; inner(); const mid = x; inner(); return [mid, x]; }
console.log(outer(), g, l);
""",
    "the frame path: a call on the right": r"""
let s = ""; const seen = [];
function part(i) { seen.push(s); return String(i); }
for (let i = 0; i < 4; i++) s += part(i);
console.log(s, seen.join("|"));
""",
    "completion values of eval": r"""
console.log(eval('var q = "a"; q += "b"; q += "c";'));
console.log(eval('var w = "a"; L: { w += "b"; try { (w += "c", null.x) } catch (e) { break L } }'));
console.log(eval('let z = "a"; z += "b"; z'), eval('var y = "p"; y += 1; y += 2n;'));
""",
    "numbers, mixed and errors": r"""
let n = 1; n += 2; let m = "1"; m += 2; let k = 1; k += "2"; let u; u += "x";
const c = "c"; try { c += "x" } catch (e) { console.log(e.message) }
try { undeclared += "x" } catch (e) { console.log(e.message) }
try { (() => { q += "x"; let q = ""; })() } catch (e) { console.log(e.message) }
console.log(n, m, k, u, c);
""",
    "read-only and accessor globals": r"""
Object.defineProperty(globalThis, "ro", {value: "r", writable: false, configurable: true});
ro += "x";
let hits = 0;
Object.defineProperty(globalThis, "acc", {get() { return "a"; }, set(v) { hits++; }, configurable: true});
acc += "b";
console.log(ro, acc, hits);
""",
}


@pytest.mark.parametrize("name", list(PROGRAMS))
def test_appending_is_invisible(name: str) -> None:
    assert_same_as_node(PROGRAMS[name])


def test_a_long_string_is_built_by_appending() -> None:
    # 20,000 appends: linear with the in-place append (quadratic copying took ~10x longer)
    src = 'let s = ""; for (let i = 0; i < 20000; i++) { s += "ab" + i; } s.length'
    assert fetchflow.evaluate(src) == 128890


def test_the_length_limit_leaves_the_string_as_it_was() -> None:
    src = """let s = "x".repeat(2 ** 28); const big = "y".repeat(2 ** 28);
    let msg; try { s += big; } catch (e) { msg = e.message }
    [msg, s.length]"""
    assert fetchflow.evaluate(src) == ["Invalid string length", 2 ** 28]


def test_template_substitutions_become_strings_in_order() -> None:
    # ES2023 13.2.8.6: each substitution's ToString runs before the next substitution
    assert_same_as_node(r"""
const log = [];
const o = {toString() { log.push("ts"); return "o"; }};
function f() { log.push("call"); return 1; }
let x = 0;
const a = `${o}${log.push("b")}`;
const b = `${o}-${f()}-${o}`;
for (let i = 0; i < 10; i++) { x = `${o}${log.length}`; }
console.log(a, b, x, log.join(","));
""")
