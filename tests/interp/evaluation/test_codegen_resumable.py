"""Generated step functions for function bodies with calls (evaluation/codegen_resumable.py).

Every program runs its work in functions whose bodies are generated on their first call
(HOT 1 here; a generation failure raises instead of keeping the frames path), and prints
the same as node (both modes) and as the frames path with generation off.  Each site kind
is covered: JS callees that push frames, plain built-ins that answer at once, built-ins
that call back, and nodes left to their own frames (try, switch, for-of, new, spread,
optional chains, super calls), resumed inside conditionals, logical operators, loops with
per-iteration scopes, nested loops with break/continue, and blocks with scopes of their own.
"""
from __future__ import annotations

import pytest

import fetchflow
from fetchflow.interp.evaluation import codegen_resumable
from fetchflow.limits import LimitExceeded, Limits
from tests.interp.test_stack_trace import FRAMES
from tests.node_oracle import assert_same_as_node


@pytest.fixture(autouse=True)
def generate_at_once(monkeypatch: pytest.MonkeyPatch) -> list:
    """Bodies generate on their first call; failures raise; the generated bodies are counted."""
    monkeypatch.setattr(codegen_resumable, "HOT", 1)
    monkeypatch.setattr(codegen_resumable, "RAISE_ERRORS", True)
    monkeypatch.setattr(codegen_resumable, "ENABLED", True)
    seen: list = []
    real = codegen_resumable.generate_body

    def counting(prog, body):  # type: ignore[no-untyped-def]
        f = real(prog, body)
        seen.append(body.line)
        return f
    monkeypatch.setattr(codegen_resumable, "generate_body", counting)
    return seen


def console(src: str, **options: object) -> list:
    try:
        return list(fetchflow.execute_code(src, quiet=True, **options).console)  # type: ignore[arg-type]
    except fetchflow.JSError as e:
        return ["UNCAUGHT " + str(e).splitlines()[0]]


def check(src: str, seen: list) -> None:
    """Same as node, and as the frames path with generation off; some body was generated."""
    on = console(src)
    assert seen, "no body was generated"
    codegen_resumable.ENABLED = False
    try:
        off = console(src)
    finally:
        codegen_resumable.ENABLED = True
    assert on == off
    assert_same_as_node(src)


RECURSION = """
function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
function ack(m, n) { return m === 0 ? n + 1 : n === 0 ? ack(m - 1, 1) : ack(m - 1, ack(m, n - 1)); }
const tri = n => n && n + tri(n - 1);
console.log(fib(15), ack(2, 3), tri(30));
"""

CONDITIONALS = """
function inc(x) { return x + 1; }
function dec(x) { return x - 1; }
function pick(a, b) { return a ? inc(b) : dec(b); }
function logic(a, b) { return (a && inc(a)) || (b ?? dec(7)); }
function both(a) { return inc(a) > 3 ? inc(inc(a)) : a > 0 && dec(a) || 'none'; }
const out = [];
for (const a of [0, 1, 2, 5, null, undefined, '', 'x']) {
  out.push(pick(a, 10), logic(a, a), logic(a, null), both(typeof a === 'number' ? a : 0));
}
console.log(out.join(' '));
"""

LOOPS = """
function sq(x) { return x * x; }
function loops(n) {
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (i % 3 === 0) continue;
    if (sq(i) > 200) break;
    total += sq(i);
  }
  let j = 0;
  while (sq(j) < 50) { j = j + 1; }
  do { j = sq(2) - j; } while (j > 0 && sq(j) < 10);
  const fns = [];
  for (let k = 0; k < 4; k++) { fns.push(() => k * sq(k)); }
  outer: for (let a = 0; a < 3; a++) { for (let b = 0; b < 3; b++) { if (b > a) continue outer; total += sq(b); } }
  return [total, j, fns.map(f => f()).join(',')].join(';');
}
console.log(loops(10), loops(20), loops(3));
"""

NATIVES = """
function build(n) {
  var s = '', parts = [];
  for (var i = 0; i < n; i++) s += String.fromCharCode(97 + i % 26);
  for (var j = 0; j < s.length; j += 3) parts.push(s.slice(j, j + 3).toUpperCase());
  var h = 0;
  for (var k = 0; k < s.length; k++) h = (h * 31 + s.charCodeAt(k)) % 1000003;
  return [h, parts.join('-'), parts.map(p => p.toLowerCase() + Math.max(p.length, 2)).join(''),
          [3, 1, 2].sort((a, b) => b - a).join()];
}
console.log(build(40).join('|'));
"""

METHODS = """
class Shape {
  constructor(w) { this.w = w; this.log = []; }
  area() { return this.w * this.w; }
  grow(k) { this.w = this.w + k; this.log.push(this.area()); return this; }
  get twice() { return this.area() * 2; }
}
class Box extends Shape {
  constructor(w, d) { super(w); this.d = d; }
  area() { return super.area() * this.d; }
}
function run() {
  const b = new Box(2, 3), s = new Shape(4);
  b.grow(1).grow(2);
  s.grow(-1);
  const o = { n: 1, f() { return this.n + 1; }, g: function () { return typeof this; } };
  const g = o.g;
  return [b.area(), b.twice, b.log.join(), s.log.join(), o.f(), o['f'](), g(), (0, o.g)()].join(' ');
}
console.log(run());
"""

ERRORS = """
function thrower(x) { if (x > 1) throw new RangeError('big ' + x); return x; }
function middle(x) { const y = thrower(x) + 1; return y * 2; }
function outer(xs) {
  const out = [];
  for (const x of xs) {
    try { out.push(middle(x)); } catch (e) { out.push(e.name + ':' + e.message); }
  }
  return out.join(',');
}
function nullish(o) { return o.a.b(1); }
function notFn(o) { return o.f(2) + 1; }
console.log(outer([0, 1, 2, 3]));
function notCtor(x) { const k = x; return new k(thrower(0)); }
for (const f of [() => nullish({}), () => notFn({ f: 3 }), () => undefinedName(1), () => notCtor(3),
                 () => notCtor(Math.max)]) {
  try { f(); } catch (e) { console.log(e.constructor.name, e.message); }
}
"""

FRAMES_SITES = """
function id(x) { return x; }
function mixed(arr) {
  let r = [];
  switch (id(arr.length)) { case 3: r.push('three'); break; default: r.push('other'); }
  for (const v of arr) r.push(id(v));
  r.push(...arr.map(id));
  r.push(new Date(id(0)).getTime(), Math.max(...arr), arr?.[id(0)], `${id(1)}-${id(2)}`);
  const o = { a: id(1), [id('k')]: id(2) };
  r.push(JSON.stringify(o), [id(1), , id(3)].length, typeof id(1), -id(4), !id(0));
  r.push(id`t${1}`.length);
  label: { if (id(true)) break label; r.push('skipped'); }
  return r.join(' ');
}
console.log(mixed([4, 5, 6]));
"""

ASSIGN = """
function k() { return 2; }
function assign() {
  let x = 1, o = { p: 1, q: [0, 0, 0] }, s = 'a';
  x += k(); x -= k(); x *= k(); x |= k(); x &= k() + 1;
  s += k(); s += 'b' + k();
  o.p = k(); o.q[k()] = k() + 1; o['r' + k()] = k();
  let y = (k(), k() + 1);
  var z;
  z = o.q[k() - 1] = 9;
  o.p += k(); o.q[k()] += k(); o['r' + k()] *= k(); o.q[0] -= o.p + k();
  o.s = 'a'; o.s += k() + 'b'; o.q[k() - 2] **= k();
  let w;
  try { w.p += k(); } catch (e) { o.err = e.constructor.name; }
  try { null[k()] += 1; } catch (e) { o.err2 = e.constructor.name; }
  return [x, s, JSON.stringify(o), y, z].join(' ');
}
console.log(assign(), assign());
"""


SWITCH = """
function k(x) { return x; }
function sw(v) {
  const out = [];
  for (let i = 0; i < 4; i++) {
    switch (k(v) + i) {
      case k(1): out.push('one'); break;
      case 2: out.push('two');
      case k(3): out.push('three'); continue;
      default: out.push('d' + k(i));
      case 9: { let z = k(i) * 2; out.push('nine' + z); }
    }
    out.push('after' + i);
    switch (i) { case 0: if (k(i) === 0) break; out.push('x'); default: }
  }
  switch (k('s')) { case 's': switch (k(v)) { case 1: return 'nested' + k(1); } return out.join(',') + k('!'); }
  return 'none';
}
console.log(sw(0), sw(1), sw(6), sw('a'));
"""


FOR_OF = """
function k(x) { return x; }
function* gen() { yield 1; yield 2; yield 3; }
function forOf(list) {
  const out = [];
  for (const x of list) { if (k(x) === 2) continue; out.push(k(x)); if (x === 4) break; }
  for (let x of k([5, , 7])) { out.push(String(k(x))); }
  const fns = [];
  for (const x of [1, 2]) fns.push(() => k(x) * 10);
  for (const c of 'ab') out.push(k(c));
  for (const g of gen()) { if (k(g) > 1) break; out.push('g' + g); }
  const grow = [1];
  for (const x of grow) { if (grow.length < 4) grow.push(k(x) + 1); }
  for (const [a, b] of [[1, 2]]) out.push(k(a) + b);
  const sparse = []; sparse[3] = 'z';
  for (const x of sparse) out.push(k(x));
  return out.concat(fns.map(f => f()), grow).join(',');
}
console.log(forOf([1, 2, 3, 4, 5]));
try { (function () { const v = k(5); for (const x of v) k(x); })(); } catch (e) { console.log(e.message); }
function early() { for (const x of [1, 2, 3]) if (k(x) === 2) return 'ret' + x; }
console.log(early(), early());
"""


STRING_METHODS = """
function f(s) { let r = []; for (let i = 0; i < 3; i++) { r.push(s.charCodeAt(i), s.length, s.foo, s.at(-1)); } return r.join(); }
console.log(f("abc"));
String.prototype.foo = 7;
console.log(f("xyz"));
Object.defineProperty(String.prototype, "foo", { get() { return typeof this; } });
console.log(f("pq"));
delete String.prototype.charCodeAt;
Object.prototype.charCodeAt = function () { return 'op' + this.length; };
console.log(f("hello"));
console.log("\\ud83d\\ude00x".length, f("\\ud83d\\ude00x"));
"""


OBJECTS = """
const seen = [];
function k(x) { seen.push(typeof x === 'object' ? 'obj' : String(x)); return x; }
function lit(n) {
  const src = { get g() { seen.push('getter'); return k(n); }, h: 1 };
  const proto = { inherited: k('p') };
  const o = { a: k(n), [k('b' + n)]: k(2), ...k(src), c: n, __proto__: proto, m() { return k(this.a); },
              get x() { return k('gx'); }, ['c' + k(1)]: function () {}, d: () => k(n) };
  return [o.a, o['b' + n], o.g, o.h, o.c, o.inherited, o.m(), o.x, o.c1.name, o.d(), Object.keys(o).join('')];
}
console.log(lit(1).join(' '), lit(2).join(' '), seen.join(','));
"""


TEMPLATES = """
const seen = [];
function k(x) { seen.push('k' + String(x)); return x; }
function tagged(n) {
  const o = { toString() { seen.push('str' + n); return 'O' + n; } };
  return `a${k(o)}b${k(n) + 1}c${o}d${k(`${k(n)}`)}`;
}
console.log(tagged(1), tagged(2), seen.join(','));
try { `${k(Symbol('s'))}`; } catch (e) { console.log(e.constructor.name); }
"""


@pytest.mark.parametrize("src", [RECURSION, CONDITIONALS, LOOPS, NATIVES, METHODS, ERRORS,
                                 FRAMES_SITES, ASSIGN, SWITCH, FOR_OF, STRING_METHODS, TEMPLATES,
                                 OBJECTS],
                         ids=["recursion", "conditionals", "loops", "natives", "methods", "errors",
                              "frames_sites", "assign", "switch", "for_of", "string_methods",
                              "templates", "objects"])
def test_generated_bodies_equal_node(src: str, generate_at_once: list) -> None:
    check(src, generate_at_once)


def test_stack_traces_from_generated_bodies(generate_at_once: list) -> None:
    """The failing operation's and each caller's line:column, as node prints them."""
    src = FRAMES + """
function c(o) { return o.missing.x; }
function b(o) { const t = 1; return t + c(o); }
function a() { let r = 0; for (let i = 0; i < 2; i++) r += b({}); return r; }
function d(xs) { return xs.map(x => x.y.z + 1).join(); }
function e(n) { if (n > 1) return e(n - 1) + 1; return n.q.r; }
function g(k) { const o = { k }; return o.k.call(1) + g(k); }
tr(a);
tr(() => d([1]));
tr(() => e(3));
tr(() => g(2));
"""
    check(src, generate_at_once)


def test_step_limit_inside_generated_loop(generate_at_once: list) -> None:
    src = "function f(x) { return x; } function spin() { let n = 0; while (true) n = f(n) + 1; } spin();"
    with pytest.raises(LimitExceeded):
        fetchflow.execute_code(src, quiet=True, limits=Limits(max_steps=100000))
    assert generate_at_once


def test_generated_function_across_a_pause(generate_at_once: list) -> None:
    """A program paused at a fetch and resumed from bytes goes on calling generated bodies."""
    src = """
function sq(x) { return x * x; }
function sum(n) { let t = 0; for (let i = 0; i < n; i++) t += sq(i); return t; }
async function main() {
  console.log(sum(10));
  const r = await fetch('https://example.test/a');
  console.log(sum(await r.text() * 1));
}
main();
"""
    r = fetchflow.execute_code(src, quiet=True)
    assert r.type == "paused" and list(r.console) == ["285"]
    resp = fetchflow.FetchResponse(r.fetch_request.id, True, 200, "OK", "4")
    done = fetchflow.resume_execution(r.state.to_bytes(), resp, quiet=True)
    assert list(done.console) == ["14"]


SCRIPT_LEVEL = """
function sq(x) { return x * x; }
var acc = 0;
let names = [];
for (let i = 0; i < 5; i++) {
  acc += sq(i);
  if (sq(i) > 8) { names.push(String(i)); continue; }
  const t = sq(i) + 1;
  names.push(t.toString(16));
}
outer: for (var a = 0; a < 3; a++) { while (true) { if (sq(a) >= 1) continue outer; break; } }
console.log(acc, names.join(), a, globalThis.acc, typeof names);
"""


def test_script_top_level_loops(generate_at_once: list) -> None:
    check(SCRIPT_LEVEL, generate_at_once)


@pytest.mark.parametrize("src", [
    "function f(x) { return x + 1; } let r; for (let i = 0; i < 3; i++) r = f(i); r",
    "function f(x) { return x + 1; } for (let i = 0; i < 3; i++) { f(i); if (i == 1) break; }",
    "function f(x) { return x; } var k = 0; while (k < 4) { k = f(k) + 1; } if (f(k)) { 'yes' } else { 'no' }",
    "function f(x) { return x; } do { f(1); } while (false); f('last') + '!'",
])
def test_script_completion_values(src: str, generate_at_once: list) -> None:
    """A script's completion value (the result of execute_code) as on frames."""
    on = fetchflow.execute_code(src, quiet=True).result
    assert generate_at_once
    codegen_resumable.ENABLED = False
    try:
        off = fetchflow.execute_code(src, quiet=True).result
    finally:
        codegen_resumable.ENABLED = True
    assert on == off
