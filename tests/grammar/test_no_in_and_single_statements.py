"""Three grammar parameters the one-Expression-per-head grammar does not carry, checked in
to_ast.py / parser.py: a for(;;) init is Expression[~In] (no bare `in`, nor `#x in o`); an
ExpressionStatement may not start with `let [` (so `if (a) let <newline> [x] = 0` is an
error, not `let[x] = 0`); and `get <newline> *g() {}` in a class body is a field `get` and a
generator (ASI), as node parses them."""
from __future__ import annotations

import json

import pytest

from tests.node_oracle import assert_same_as_node

CASES = [
    "for (a in b;;) break;", "for (x = a in b;;) break;", "for (var x = a in b;;) break;",
    "for (x = () => a in b;;) break;", "for (x = c ? d : a in b;;) break;",
    "for ((a in b);;) break;", "for (f(a in b);;) break;", "for (x = [a in b];;) break;",
    "for (x = c ? a in b : d;;) break;", "for (var x = function () { a in b };;) break;",
    "for (x = `${a in b}`;;) break;", "for (x = {a: a in b};;) break;",
    "class C { #f; m() { for (#f in value;;) break; } }",
    "class C { #f; m() { for (x = (#f in value);;) break; } }",
    "if (1) let\n[a] = 0;", "while (0) let\n[a] = 0;", "for (;false;) let\n[a] = 0;",
    "for (var x of []) let\n[a] = 0;", "with ({}) let\n[a] = 0;", "l: let /* c */\n[a] = 0;",
    "do let\n[a] = 0; while (0)", "async function* f() { for await (var x of []) let\n[a] = 0; }",
    "if (1) (let[0] = 1);", "let [a] = [0];",
    "class A { get\n*a() {} }", "class A { static get\n*a() {} }", "class A { set\n*a() {} }",
    "class A { static\n*a() {} }",
]

PROGRAM = ("var a, b = {}, c, d, x, value = {};\nfor (const src of %s) {\n"
           "  try { (0, eval)(src); console.log('ok'); } catch (e) { console.log(e.name + ': ' + e.message); }\n"
           "}\n"
           "class A { get\n*a() {} }\nclass B { static get\n*a() {} }\n"
           "console.log(Object.getOwnPropertyNames(new A()), Object.getOwnPropertyNames(A.prototype),"
           " Object.getOwnPropertyNames(B).includes('get'), typeof B.prototype.a);")


@pytest.mark.parametrize("src", [PROGRAM % json.dumps(CASES)])
def test_like_node(src: str) -> None:
    assert_same_as_node(src)
