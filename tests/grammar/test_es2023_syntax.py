"""ES2018-ES2023 syntax: fetchflow's ESTree against acorn 8's, per feature.

Each corpus program must parse to the same tree as acorn's (see
acorn_compare.py for the normalisation), and must print and re-parse to the
same tree (printer round trip).  Node types new since ES2017 are also compared
with their source ranges.  The oracle runs all programs in one node process;
acorn is installed into a cache outside the repository by ``acorn_package``
(skipped only when node/npm are missing: CI has both).
"""
from __future__ import annotations

from typing import Any, Dict, List

import pytest

from fetchflow import JSSyntaxError, parse
from fetchflow.grammar.printer import to_source

try:
    from tests.grammar.acorn_compare import (acorn_trees, ensure_acorn, normalise, our_dict,
                                             with_start_end)
except ImportError:  # pytest rootdir-relative import mode
    from acorn_compare import (acorn_trees, ensure_acorn, normalise, our_dict,  # type: ignore
                               with_start_end)

CORPUS: Dict[str, List[str]] = {
    "object rest/spread (ES2018)": [
        "x = {...a};", "x = {a, ...b, c: 1, ...{d}};", "x = {...a, ...b,};",
        "let {a, ...rest} = o;", "const {a: {b}, ...r} = o;", "var {...r} = o;",
        "({a, ...r} = o);", "({...o.p} = q);", "({...o[k]} = q);",
        "function f({a, ...r}, ...args) {}", "({a, ...r}) => r;", "async ({...r}) => r;",
        "for (const {a, ...r} of xs) ;", "try {} catch ({message, ...r}) {}",
        "f(...a, {...b});", "x = [...a, {...b}];",
    ],
    "async generators and for await (ES2018)": [
        "async function* g() { yield 1; yield* h(); await x; }",
        "x = async function* () {}; y = async function* named() {};",
        "class A { async *m() { yield await 1 } static async *[k]() {} }",
        "x = { async *m() {}, async *[k]() {}, async *'s'() {} };",
        "async function f() { for await (const x of xs) {} for await (x of ys) ; for await (let [a] of z) ; }",
        "async function* f() { for await (x.y of z) yield x; }",
        "for await (const page of pages()) console.log(page);",
        "async () => { for await (var v of w) {} };",
    ],
    "template literal revision (ES2018)": [
        "tag`\\unicode and \\u{55}`;", "tag`\\xg${a}\\01`;", "tag`\\u{110000}`;", "a.b`\\9`;",
    ],
    "optional catch binding, JSON superset (ES2019)": [
        "try { a } catch { b }", "try {} catch {} finally {}",
        "x = '\u2028\u2029';", 'x = "a\u2028b";',
    ],
    "optional chaining (ES2020)": [
        "a?.b;", "a?.[b];", "a?.(b);", "a?.b.c.d;", "a?.b?.c;", "a?.b();", "a?.b?.();",
        "a.b?.c.d();", "f()?.g;", "f?.()?.a?.[0];", "(a?.b).c;", "(a?.b)();", "x = a?.b ?? c;",
        "delete a?.b;", "delete a?.[0];", "new (a?.b)();", "a?.b[c](d).e;", "x = a?.b.c`t`.length === undefined;".replace("a?.b.c`t`", "(a?.b.c)`t`"),
        "async?.(x);", "a?.0:1;", "x = y ? .5 : 1;", "await a?.b(fetch(u));", "a?.b\n.c;",
        "x = { a: o?.p };", "`${a?.b}`;", "a?.b++ === undefined;".replace("a?.b++", "(a?.b)"),
        "if (a?.b) {}", "for (const x of a?.b ?? []) ;", "x = a?.[++i]?.(y)?.z;",
    ],
    "nullish coalescing (ES2020)": [
        "a ?? b;", "a ?? b ?? c;", "(a || b) ?? c;", "a ?? (b && c);", "(a ?? b) || c;",
        "a ?? b | c;", "a | b ?? c;", "x = a ?? b ? c : d;", "a ?? b, c;", "x = a == b ?? c;",
        "data?.items ?? [];",
    ],
    "BigInt literals (ES2020)": [
        "x = 1n;", "x = 0n;", "x = 0x1Fn + 0o17n + 0b101n;", "x = 12345678901234567890123n;",
        "x = 1_000n;", "x = -1n;", "x = { 1n: a };", "x = a[1n];",
    ],
    "logical assignment, numeric separators (ES2021)": [
        "a ??= b;", "a ||= b;", "a &&= b;", "a.b ??= c; a[b] ||= c;", "a ??= b ??= c;",
        "x = 1_000_000 + 0x_ff.length;".replace("0x_ff.length", "0xf_f"), "x = 1_0.0_1e1_0;",
        "x = .1_1;", "x = 0b1_0 + 0o7_7;", "x = 1e+1_0;",
    ],
    "class fields, private names, static blocks (ES2022)": [
        "class A { x; y = 1; 'z' = 2; [k] = 3; 4 = 5; }",
        "class A { static x; static y = 1; static [k]; }",
        "class A { #x; #y = 1; static #z = 2; }",
        "class A { #m() {} get #g() { return 1 } set #g(v) {} static #s() {} static async *#ag() {} }",
        "class A { #x; m(o) { return this.#x + o.#x + this?.#x; } }",
        "class A { #x; static has(o) { return #x in o; } }",
        "class A { #x; m(o) { return a && #x in o || #x in o in b; } }",
        "class A { static { this.x = 1; } static {} }",
        "class A { static { var x; let y; function f() {} } }",
        "class A { x = 1\n y = 2\n static z\n }", "class A { x\n y }", "class A { a\n #b\n ['c']\n 'd' }",
        "class A { static }", "class A { get; set; async; static static; }",
        "class A { async\n m() {} }", "class A { get\n x() {} static\n y = 1 }",
        "class A { x = () => this; y = function () { return arguments }; }",
        "class A extends B { x = super.y; static { super.z } }",
        "class A { x = new.target; static y = this; }",
        "class A { constructor() {} 'constructor'() {} }".replace(" 'constructor'() {}", ""),
        "class A { #\\u0061; m() { this.#a } }",
        "x = class { #p = 1; m() { return this.#p } };",
        "class A { #x; m() { class B { n(o) { return o.#x } } } }",
        "class A { x = await; }".replace("await", "1"),
        "class A { static async *m() {} static get [a]() {} static set b(v) {} }",
    ],
    "hashbang (ES2023)": [
        "#!/usr/bin/env node\nx;", "#! anything\n", "#!\n'use strict';",
    ],
    "await/yield of parameters and for-await heads": [
        "async function f() { function g(a = await) {} }", "function* g() { function h(a = yield) {} }",
        "class C { static { ({ set a(x = await) {} }); } }", "async function f() { for await (async of [7]); }",
        "async function f() { var o = { m(a = await) { return a; } }; }",
    ],
    "ES2017 forms still the same": [
        "for (x in s = o);", "for (x in a += c);", "x = a ? b : c;", "a = b = c;",
        "for (a in (b) => 1);", "for (a in b => 1, {c: 1});", "for (a.b in async x => 1);",
        "class A extends B { constructor() { super(); } }", "label: for (;;) break label;",
    ],
}

PROGRAMS = [(feature, src) for feature, srcs in CORPUS.items() for src in srcs]
_NEW_TYPES = frozenset(("ChainExpression", "PrivateIdentifier", "PropertyDefinition", "StaticBlock"))


@pytest.fixture(scope="session")
def acorn_results() -> Dict[str, Any]:
    package = ensure_acorn()
    if package is None:
        pytest.skip("node and npm are needed for the acorn oracle")
    sources = [src for _, src in PROGRAMS]
    return dict(zip(sources, acorn_trees(package, sources)))


@pytest.mark.parametrize("feature,src", PROGRAMS, ids=[f"{f[:20]}:{s[:40]}" for f, s in PROGRAMS])
def test_same_as_acorn(feature: str, src: str, acorn_results: Dict[str, Any]) -> None:
    expected = acorn_results[src]
    assert "error" not in expected, f"acorn rejects {src!r}: {expected['error']}"
    assert normalise(our_dict(src)) == normalise(expected)


def _new_nodes(tree: Any) -> List[Any]:
    found: List[Any] = []
    todo = [tree]
    while todo:
        n = todo.pop()
        if isinstance(n, list):
            todo.extend(n)
        elif isinstance(n, dict):
            if n.get("type") in _NEW_TYPES or n.get("optional") or n.get("bigint"):
                found.append(n)
            todo.extend(v for v in n.values() if isinstance(v, (dict, list)))
    return found


@pytest.mark.parametrize("feature,src", PROGRAMS, ids=[f"{f[:20]}:{s[:40]}" for f, s in PROGRAMS])
def test_new_node_ranges_as_acorn(feature: str, src: str, acorn_results: Dict[str, Any]) -> None:
    """The new node types carry acorn's source ranges (start/end offsets)."""
    ours = _new_nodes(normalise(with_start_end(our_dict(src)), positions=True))
    theirs = _new_nodes(normalise(acorn_results[src], positions=True))
    assert [(n["type"], n["start"], n["end"]) for n in ours] == \
        [(n["type"], n["start"], n["end"]) for n in theirs]


@pytest.mark.parametrize("feature,src", PROGRAMS, ids=[f"{f[:20]}:{s[:40]}" for f, s in PROGRAMS])
def test_printer_round_trip(feature: str, src: str) -> None:
    tree = parse(src).to_dict()
    printed = to_source(tree)
    assert normalise(parse(printed).to_dict()) == normalise(tree), printed


# ------------------------------------------------------------------ early errors
# (source, V8's message, 1-based line, 1-based column of our report)
EARLY_ERRORS = [
    ("#x in obj", "Private field '#x' must be declared in an enclosing class", 1, 1),
    ("class A { m() { return this.#y } }", "Private field '#y' must be declared in an enclosing class", 1, 29),
    ("class A { #x; #x }", "Identifier '#x' has already been declared", 1, 15),
    ("class A { get #x(){} get #x(){} }", "Identifier '#x' has already been declared", 1, 26),
    ("class A { static get #x(){} set #x(v){} }", "Identifier '#x' has already been declared", 1, 33),
    ("class A { #x; m() { delete this.#x } }", "Private fields can not be deleted", 1, 28),
    ("class A { #x; m() { delete this?.#x } }", "Private fields can not be deleted", 1, 28),
    ("class A { #x; m() { #x } }", "Unexpected identifier '#x'", 1, 21),
    ("class A { #x; m() { return 1 + #x in o } }", "Unexpected identifier '#x'", 1, 32),
    ("class A { constructor = 1 }", "Classes may not have a field named 'constructor'", 1, 11),
    ("class A { #constructor }", "Classes may not have a field named 'constructor'", 1, 11),
    ("class A { static prototype = 1 }", "Classes may not have a static property named 'prototype'", 1, 18),
    ("class A { async *constructor() {} }", "Class constructor may not be a generator", 1, 18),
    ("class A extends B { x = super() }", "'super' keyword unexpected here", 1, 25),
    ("class A { static { super() } }", "'super' keyword unexpected here", 1, 20),
    ("class A { x = arguments }",
     "'arguments' is not allowed in class field initializer or static initialization block", 1, 15),
    ("class A { static { () => arguments } }",
     "'arguments' is not allowed in class field initializer or static initialization block", 1, 26),
    ("class A { static { await 1 } }", "Unexpected reserved word", 1, 20),
    ("class A { static { return } }", "Illegal return statement", 1, 20),
    ("a?.b = 1", "Invalid left-hand side in assignment", 1, 1),
    ("a?.b++", "Invalid left-hand side expression in postfix operation", 1, 1),
    ("++a?.b", "Invalid left-hand side expression in prefix operation", 1, 3),
    ("new a?.b()", "Invalid optional chain from new expression", 1, 6),
    ("a?.b`t`", "Invalid tagged template on optional chain", 1, 5),
    ("super?.x", "'super' keyword unexpected here", 1, 1),
    ("a ?? b || c", "Unexpected token '||'", 1, 8),
    ("a || b ?? c", "Unexpected token '??'", 1, 8),
    ("a ?? b && c", "Unexpected token '&&'", 1, 8),
    ("1_", "Numeric separators are not allowed at the end of numeric literals", 1, 2),
    ("1__0", "Only one underscore is allowed as numeric separator", 1, 3),
    ("0_1", "Numeric separator can not be used after leading 0.", 1, 2),
    ("08_1", "Invalid or unexpected token", 1, 1),
    ("1._5", "Invalid or unexpected token", 1, 3),
    ("1.5n", "Invalid or unexpected token", 1, 1),
    ("01n", "Invalid or unexpected token", 1, 1),
    ("1e3n", "Invalid or unexpected token", 1, 1),
    ("({...a,} = b)", "Rest element must be last element", 1, 7),
    ("({...a, b} = c)", "Rest element must be last element", 1, 3),
    ("({...{a}} = b)", "`...` must be followed by an assignable reference in assignment contexts", 1, 6),
    ("({...{a}}) => 0", "`...` must be followed by an identifier in declaration contexts", 1, 6),
    ('"use strict"; "\\8"', "\\8 and \\9 are not allowed in strict mode.", 1, 15),
    ("`\\8`", "\\8 and \\9 are not allowed in template strings.", 1, 2),
    ("`\\u{110000}`", "Undefined Unicode code-point", 1, 2),
    ("x = a in b = c", "Invalid left-hand side in assignment", 1, 10),
    ("x = a in b => 1", "Malformed arrow function parameter list", 1, 7),
    ("class C { static { ({ await }); } }", "Unexpected reserved word 'await'", 1, 23),
    ("function* g() { var o = { *m(a = yield) {} }; }", "Yield expression not allowed in formal parameter", 1, 34),
    ("async function f() { async function g(a = await 1) {} }",
     "Illegal await-expression in formal parameters of async function", 1, 43),
    ("for (async of [7]);", None, None, None),
    ("f(a in (b) => 1)", "Malformed arrow function parameter list", 1, 5),
    ("({#x: 1})", None, None, None),
    ("x = 1;\n#!/bin/sh", None, None, None),
]


@pytest.mark.parametrize("src,message,line,column", EARLY_ERRORS, ids=[e[0] for e in EARLY_ERRORS])
def test_early_error(src: str, message: str, line: int, column: int) -> None:
    with pytest.raises(JSSyntaxError) as info:
        parse(src)
    if message is not None:
        assert info.value.message == message
        assert (info.value.line, info.value.column) == (line, column)

