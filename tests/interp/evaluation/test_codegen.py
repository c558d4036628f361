"""Generated Python for call-free code (evaluation/codegen.py) behaves like the closures.

Every program here runs its work inside call-free loops and subtrees, so the default mode
runs the generated functions; each is checked against node (both modes) and against the
closures with generation off.  A generation failure raises here instead of keeping the
closure.
"""
from __future__ import annotations

import pytest

import fetchflow
from fetchflow.interp.evaluation import codegen, codegen_resumable
from fetchflow.limits import Limits, LimitExceeded
from tests.node_oracle import assert_same_as_node

VALUES = ("[0, -0, 1, -1, 2.5, -7.5, NaN, Infinity, -Infinity, 2147483647, 2147483648, "
          "-2147483649, 4294967296.5, 1e21, '3', 'x', '', true, false, null, undefined, 10n, -3n, "
          "{valueOf() { return 7; }}, {toString() { return '5'; }}, [2], Symbol.iterator]")

SHOW = """
function show(x) {
  if (typeof x === "bigint") return x + "n";
  if (typeof x === "symbol") return "sym";
  if (Object.is(x, -0)) return "-0";
  return String(x);
}
"""

# ``**`` differs from V8 in the last digit for some operands (math.pow): checked against
# the closures only
BIN_OPS = ["+", "-", "*", "/", "%", "&", "|", "^", "<<", ">>", ">>>", "<", ">", "<=",
           ">=", "==", "!=", "===", "!=="]


@pytest.fixture(autouse=True)
def raise_generation_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    """Generation failures raise; every call-free subtree generates on its first run (so
    the programs' own drivers run generated too).  Function bodies keep their frames
    (codegen_resumable.py, tested in test_codegen_resumable.py), so the call-free code
    here runs in codegen.py's own generated functions."""
    monkeypatch.setattr(codegen, "RAISE_ERRORS", True)
    monkeypatch.setattr(codegen_resumable, "ENABLED", False)
    monkeypatch.setattr(codegen, "ROOT_HOT", 1)


def generated_count(monkeypatch: pytest.MonkeyPatch) -> list:
    seen: list = []
    real = codegen.generate_loop

    def counting(prog, node):  # type: ignore[no-untyped-def]
        seen.append(node.type)
        return real(prog, node)
    monkeypatch.setattr(codegen, "generate_loop", counting)
    return seen


def same_as_closures(src: str, **options: object) -> list:
    """The console of ``src`` with generation on equals the one with it off."""
    def run() -> list:
        try:
            return list(fetchflow.execute_code(src, quiet=True, **options).console)  # type: ignore[arg-type]
        except fetchflow.JSError as e:
            return ["UNCAUGHT " + str(e)]
    on = run()
    codegen.ENABLED = False
    try:
        off = run()
    finally:
        codegen.ENABLED = True
    assert on == off
    return on


def check(src: str) -> None:
    same_as_closures(src)
    assert_same_as_node(src)


def _op_program(ops: list, const_right: bool) -> str:
    fns = []
    for i, op in enumerate(ops):
        rhs = "3" if const_right else "b"
        fns.append(f"function op{i}(a, b) {{ var r; for (var i = 0; i < 2; i++) r = a {op} {rhs}; return r; }}")
    return SHOW + "\n".join(fns) + f"""
var vals = {VALUES};
var ops = [{", ".join(f"op{i}" for i in range(len(ops)))}];
for (var o = 0; o < ops.length; o++) {{
  var line = [];
  for (var a = 0; a < vals.length; a++) for (var b = 0; b < vals.length; b++) {{
    try {{ line.push(show(ops[o](vals[a], vals[b]))); }} catch (e) {{ line.push(e.name); }}
  }}
  console.log(o, line.join(" "));
}}
"""


@pytest.mark.parametrize("ops", [BIN_OPS[:10], BIN_OPS[10:]])
def test_binary_operators_on_edge_values(ops: list, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = generated_count(monkeypatch)
    check(_op_program(ops, False))
    assert seen   # the operators ran in generated loops


def test_binary_operators_with_a_constant_right_operand() -> None:
    check(_op_program(BIN_OPS, True))


def test_exponent_like_the_closures() -> None:
    same_as_closures(_op_program(["**"], False))
    same_as_closures(_op_program(["**"], True))


def test_unary_logical_conditional_sequence() -> None:
    check(SHOW + f"""
var vals = {VALUES};
function f(a, b) {{
  var r = [];
  for (var i = 0; i < 1; i++) {{
    r[0] = -a; r[1] = !a; r[2] = typeof a; r[3] = void a; r[4] = a && b; r[5] = a || b;
    r[6] = a ?? b; r[7] = a ? 1 : 2; r[8] = (a, b); r[9] = typeof undeclared_global;
    r[10] = a == null; r[11] = a != null; r[12] = !(a && !b);
  }}
  try {{ r[13] = +a; }} catch (e) {{ r[13] = e.name; }}
  try {{ r[14] = ~a; }} catch (e) {{ r[14] = e.name; }}
  return r.map(show).join(",");
}}
for (var a = 0; a < vals.length; a++) console.log(a, f(vals[a], vals[(a + 3) % vals.length]));
""")


def test_update_and_compound_assignment() -> None:
    check(SHOW + f"""
var vals = {VALUES};
function f(a) {{
  var x = a, y = a, z = a, w = a, o = {{p: a}}, arr = [a], out = [];
  try {{
    for (var i = 0; i < 2; i++) {{
      out.length = 0;
      out[0] = x++; out[1] = ++y; out[2] = z--; out[3] = --w;
      out[4] = o.p++; out[5] = --arr[0]; out[6] = (o.q += 2); out[7] = (arr[1] *= 3);
      out[8] = (x -= 1); out[9] = (y %= 5); out[10] = (z **= 2); out[11] = (w <<= 1);
    }}
  }} catch (e) {{ return e.name; }}
  return out.map(show).join(",");
}}
for (var a = 0; a < vals.length; a++) console.log(a, f(vals[a]));
""")


def test_tdz_const_and_globals() -> None:
    check("""
function tdz() { try { for (var i = 0; i < 1; i++) { x = x + 1; } let x = 0; } catch (e) { return e.message; } }
function tdz2() { try { for (var i = 0; i < 1; i++) { x++; } let x = 0; } catch (e) { return e.message; } }
function tdz3() { try { for (var i = 0; i < 1; i++) { x = 1; } let x = 0; } catch (e) { return e.message; } }
function cst() { const c = 1; try { for (var i = 0; i < 1; i++) { c += 1; } } catch (e) { return e.message + " " + c; } }
function cst2() { const c = 1; try { for (var i = 0; i < 1; i++) { c++; } } catch (e) { return e.message + " " + c; } }
function glob() { try { for (var i = 0; i < 1; i++) { i = notDefinedAnywhere; } } catch (e) { return e.message; } }
function strictGlob() { "use strict"; try { for (var i = 0; i < 1; i++) { newStrictGlobal = 1; } } catch (e) { return e.message; } }
function fname() { return (function g() { for (var i = 0; i < 2; i++) { g = 1; } return typeof g; })(); }
function fnameStrict() { "use strict"; try { (function g() { for (var i = 0; i < 2; i++) { g = 1; } })(); } catch (e) { return e.message; } }
console.log(tdz()); console.log(tdz2()); console.log(tdz3()); console.log(cst()); console.log(cst2());
console.log(glob()); console.log(strictGlob()); console.log(fname()); console.log(fnameStrict());
let g1 = 0; const g2 = 5; var g3 = 1;
for (var k = 0; k < 5; k++) { g1 += k; g3 *= 2; sloppyGlobal = k; globalThis.viaThis = k; }
console.log(g1, g2, g3, sloppyGlobal, viaThis);
try { for (var k = 0; k < 5; k++) { laterLet = k; } } catch (e) { console.log(e.message); }
let laterLet = 1;
Object.defineProperty(globalThis, "acc", { get() { return 40; }, set(v) { console.log("set", v); }, configurable: true });
for (var k = 0; k < 2; k++) { acc += k; }
""")


def test_members_getters_setters_and_errors() -> None:
    check("""
var log = [];
var o = { get x() { log.push("get"); return 1; }, set x(v) { log.push("set " + v); }, y: 1 };
var a = [1, 2, 3], s = "abc", t = new Int8Array(3), r = "";
for (var i = 0; i < 3; i++) {
  o.x += i; o.y += o.x; a[i] = a[i] * 2; r += s[i] + s.length + a.length; t[i] = 200 + i;
  o["k" + i] = i; a[i + 10] = i; o.x++; a.length;
}
console.log(log.join(","), o.y, a.join(","), r, Array.from(t).join(","), Object.keys(o).join(","));
function f(v) { try { for (var i = 0; i < 1; i++) v.p = v.q.r; } catch (e) { return e.message; } return "ok"; }
console.log(f(null), f(undefined), f({}), f({q: null}), f({q: {r: 1}}), f(1));
function g(v, k) { try { for (var i = 0; i < 1; i++) v[k]++; } catch (e) { return e.message; } return "ok"; }
console.log(g(null, "a"), g(undefined, Symbol("s")), g([1], 0));
function frozen() { "use strict"; var fz = Object.freeze({a: 1}); try { for (var i = 0; i < 1; i++) fz.a = 2; } catch (e) { return e.message; } }
console.log(frozen());
var p = new Proxy({}, { get(t, k) { return k === "n" ? 5 : undefined; }, set(t, k, v) { log.push("pset " + String(k)); return true; } });
var n = 0;
for (var i = 0; i < 2; i++) { n += p.n; p.m = i; p[i] = n; }
console.log(n, log.slice(-4).join(","));
""")


def test_this_in_methods_and_derived_constructors() -> None:
    check("""
class A { constructor() { this.n = 0; } }
class B extends A {
  constructor(early) {
    if (early) { for (var i = 0; i < 1; i++) this.x = 1; }
    super();
    for (var i = 0; i < 3; i++) this.n += i;
  }
  sum(k) { var t = 0; for (var i = 0; i < k; i++) t += this.n * i; return t; }
}
var b = new B(false);
console.log(b.n, b.sum(4));
try { new B(true); } catch (e) { console.log(e.constructor.name, e.message); }
var o = { v: 2, f() { var r = 0; for (var i = 0; i < 3; i++) { r += this.v; } return r; } };
console.log(o.f());
function sloppy() { var r; for (var i = 0; i < 1; i++) r = this === globalThis; return r; }
function strict() { "use strict"; var r; for (var i = 0; i < 1; i++) r = this; return r; }
console.log(sloppy(), strict());
var top; for (var i = 0; i < 1; i++) top = this === globalThis;
console.log(top);
""")


def test_with_scopes() -> None:
    check("""
var o = { x: 1, i: 100 };
var x = 5;
with (o) { for (var i = 0; i < 3; i++) { x += i; } }
console.log(o.x, o.i, x, i);
function f() {
  var inner = { y: 2 }, y = 10, k = 0;
  with (inner) { while (k < 3) { y = y * 2; k++; } }
  return inner.y + " " + y;
}
console.log(f());
var u = { v: 1, [Symbol.unscopables]: { v: true } };
var v = 7;
with (u) { for (var j = 0; j < 2; j++) v++; }
console.log(u.v, v);
""")


def test_labels_break_continue_return() -> None:
    check("""
function f(n) {
  var out = "";
  outer: for (var i = 0; i < n; i++) {
    inner: for (var j = 0; j < n; j++) {
      if (j === 1) continue;
      if (j === 3) continue outer;
      if (i === 3) break outer;
      if (i + j === 2) break inner;
      out += i + "" + j + " ";
    }
    out += "|";
  }
  var k = 0;
  do { k++; if (k === 2) continue; out += "d" + k; } while (k < 4);
  for (;;) { k++; if (k > 8) break; }
  while (true) { if (k-- < 3) break; }
  blk: { for (var m = 0; m < 3; m++) { if (m === 1) break blk; out += "m" + m; } out += "unreached"; }
  lbl: while (k < 10) { k++; sw: switch (k) { case 5: continue lbl; case 7: break lbl; default: out += "s" + k; } }
  return out + " " + k;
}
console.log(f(5));
function ret(n) { for (var i = 0; ; i++) { for (var j = 0; j < n; j++) { if (i * j > 6) return i + ":" + j; } } }
console.log(ret(4));
function thr() { try { for (var i = 0; i < 5; i++) { if (i === 2) throw i * 10; } } catch (e) { return "caught " + e; } }
console.log(thr());
function blocks(n) { var r = 0; for (var i = 0; i < n; i++) { { let q = i * 2; r += q; } if (i % 2) { const c = i; r -= c; } else r++; } return r; }
console.log(blocks(10));
""")


def test_let_per_iteration_and_declarations() -> None:
    check("""
var fns = [];
for (let i = 0; i < 3; i++) { fns[i] = function () { return i; }; }
console.log(fns[0](), fns[1](), fns[2]());
var gs = [];
for (let i = 0, j = 10; i < 3; i++, j--) { let k = i * j; gs[i] = () => k + i; }
console.log(gs[0](), gs[1](), gs[2]());
function decl() {
  var t = 0;
  for (var i = 0; i < 3; i++) { var a = i, b; let c = a + 1; const d = c * 2; var [e, f] = [d, c]; t += a + c + d + e + f + (b === undefined); }
  return t;
}
console.log(decl());
function tdzLoop() { try { for (let i = 0; i < 2; i++) { let z = z + 1; } } catch (e) { return e.message; } }
console.log(tdzLoop());
""")


def test_script_completion_values_in_eval() -> None:
    check("""
console.log(eval("for (var i = 0; i < 3; i++) i * 2;"));
console.log(eval("var k = 0; while (k < 3) { k++; }"));
console.log(eval("var q = 0; do { q += 2; if (q > 3) break; } while (true);"));
console.log(eval("for (var z = 0; z < 2; z++) { if (z) 'yes'; else 'no'; }"));
console.log(eval("1; for (var y = 0; y < 0; y++) 5;"));
""")


def test_templates_and_typeof() -> None:
    check(SHOW + f"""
var vals = {VALUES};
var out = [];
for (var i = 0; i < vals.length; i++) {{
  var v = vals[i];
  try {{ out[i] = `<${{v}}>` + `${{v}}${{i}}-${{`in${{v}}`}}` + `plain`; }} catch (e) {{ out[i] = e.name; }}
}}
console.log(out.join("|"));
var a = {{ toString() {{ return "A"; }} }}, b = {{ toString() {{ return "B"; }} }}, t;
for (var i = 0; i < 2; i++) t = `${{a}}:${{b}}:${{i}}`;
console.log(t);
function ty() {{
  var r = [];
  for (var i = 0; i < 1; i++) {{ r[0] = typeof notDeclared; r[1] = typeof r; r[2] = typeof globalThis; r[3] = typeof i; }}
  try {{ for (var i = 0; i < 1; i++) r[4] = typeof lateLet; }} catch (e) {{ r[4] = e.name; }}
  let lateLet = 1;
  return r.join();
}}
console.log(ty());
""")


def test_array_literals() -> None:
    check("""
var rows = [];
for (var i = 0; i < 3; i++) { rows[i] = [i, i * 2, [i, "x" + i], [], [, i], [...[i, i]]]; }
console.log(JSON.stringify(rows), rows[0] === rows[1], rows[2][4].length, 1 in rows[2][4]);
var old = Array.prototype;
function f() { var a; for (var i = 0; i < 2; i++) a = [i]; return Object.getPrototypeOf(a) === old; }
console.log(f());
""")


def test_string_append_in_generated_loops() -> None:
    check("""
var g = "";
let l = "";
function f() {
  var s = "", t = "", keep = [], n = 0;
  for (var i = 0; i < 5; i++) { t = s; s += "ab" + i; keep[i] = t; n += s.length; }
  let u = "x";
  for (var j = 0; j < 3; j++) { u += u; }
  const c = "c";
  try { for (var k = 0; k < 1; k++) { c += "d"; } } catch (e) { keep.push(e.message); }
  var mix = 1;
  for (var k = 0; k < 3; k++) { mix += "s"; mix += 2; }
  return [s, keep.join("|"), n, u, mix].join(" ");
}
console.log(f());
for (var i = 0; i < 4; i++) { g += i; l += "-" + i; }
console.log(g, l);
console.log(eval("var e = ''; for (var i = 0; i < 3; i++) e += i;"));
console.log(eval("var e2 = 'q'; for (var i = 0; i < 3; i++) { e2 += i; e2; }"));
""")


HOSTILE = r"""
var o = {};
var names = ["'); __import__('os').system('echo pwned') #", "\"\n\\", "__import__", "\u2028x\u2029",
             "K0", "t1", "s", "__builtins__", "a\\nb", "\x00"];
var \u0061bc = 1, K0 = 2, t1 = 3, n = 4, first = 5, POLL = 6, $__import__ = 7;
for (var i = 0; i < names.length; i++) {
  o[names[i]] = i;
  o["__class__"] = "c"; o.__proto_x = 1; o['__import__("os")'] = 'x"y\'z\\';
  abc += K0 + t1 + n + first + POLL + $__import__;
  lbl_$: for (var j = 0; j < 1; j++) { continue lbl_$; }
}
var s = "";
for (var k = 0; k < 2; k++) { s += "\"'\\\n" + '\\x22\\x22\\x22' + "'''" + `${k}` + "\u{1F600}"; }
console.log(JSON.stringify(o), abc, JSON.stringify(s));
"""


def test_hostile_names_and_strings_stay_data() -> None:
    check(HOSTILE)


def test_hostile_text_never_reaches_the_source(monkeypatch: pytest.MonkeyPatch) -> None:
    sources: list = []
    real = codegen.StmtGen.module_source

    def keep(self):  # type: ignore[no-untyped-def]
        src = real(self)
        sources.append(src)
        return src
    monkeypatch.setattr(codegen.StmtGen, "module_source", keep)
    same_as_closures(HOSTILE)
    assert sources
    text = "\n".join(sources)
    for fragment in ("__import__", "'''", '"', "\\", "names", "abc", "lbl_", "pwned"):
        assert fragment not in text


def test_step_budget_is_counted_as_by_the_closures() -> None:
    src = "var k = 0; for (var i = 0; i < 100000; i++) { for (var j = 0; j < 3; j++) k += j; if (i % 7 == 3) continue; k--; }"
    msgs = []
    for enabled in (True, False):
        codegen.ENABLED = enabled
        try:
            with pytest.raises(LimitExceeded) as e:
                fetchflow.execute_code(src, quiet=True, limits=Limits(max_steps=20000))
            msgs.append(str(e.value))
        finally:
            codegen.ENABLED = True
    assert msgs[0] == msgs[1]
    src2 = "var n = 0; while (true) { n++; }"
    with pytest.raises(LimitExceeded):
        fetchflow.execute_code(src2, quiet=True, limits=Limits(max_steps=5000))


def test_generated_code_runs_once_per_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    seen = generated_count(monkeypatch)
    out = same_as_closures("function f(n) { var s = 0; for (var i = 0; i < n; i++) { var j = 0; while (j < i) j++; s += j; } return s; }"
                           "var t = 0; for (var r = 0; r < 5; r++) t += f(r); console.log(t);")
    assert out == ["10"]
    # the script loop calls f (not call-free); f's loop is generated once with its while inside
    assert seen == ["ForStatement"]


def test_subtrees_generate_once_hot(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(codegen, "ROOT_HOT", 8)
    seen: list = []
    real = codegen.generate_root

    def counting(prog, node, attr):  # type: ignore[no-untyped-def]
        seen.append(node.type)
        return real(prog, node, attr)
    monkeypatch.setattr(codegen, "generate_root", counting)
    src = ("function f(o, i) { if (o.k > i) { o.k -= i; } return o.k * 2 + i; }"
           "var o = { k: 100 }, t = [];"
           "function g(n) { t.push(f(o, n)); }"
           "g(0); g(1); g(2); g(3); g(4); g(5); g(6); g(7); g(8); g(9); console.log(t.join());")
    assert same_as_closures(src) == ["200,199,196,191,184,175,164,151,136,119"]
    # f's if statement and return statement, each on f's 8th call
    assert sorted(seen) == ["IfStatement", "ReturnStatement"]
