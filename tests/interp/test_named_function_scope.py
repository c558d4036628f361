"""A named function expression's own name lives in a scope around the function (ES2017
14.1.21 steps 3-5), so a var, parameter, function or lexical declaration of the same name
inside shadows it; assigning the name itself is a no-op in sloppy code and a TypeError in
strict code (issue 10: marked and nunjucks)."""
from __future__ import annotations

import pytest

from tests.node_oracle import assert_same_as_node

T = ("const t = (f) => { try { console.log(f()) } catch (e) { console.log(e.constructor.name + ': ' + e.message) } };\n")

PROGRAMS = [
    T + "t(() => { var f = function g() { var g = 1; return typeof g }; return f() });\n"
    "t(() => { 'use strict'; var f = function g() { var g = 1; return typeof g }; return f() });\n"
    "t(() => { var f = function g() { return typeof g; var g; }; return f() });\n"
    "t(() => { var f = function g(g) { return typeof g }; return f(1) });\n"
    "t(() => { var f = function g() { function g() {} return g === f }; return f() });\n"
    "t(() => { var f = function g() { let g = 2; return g }; return f() });\n"
    "t(() => { var f = function g(a = g) { var g = 3; return [typeof a, g] }; return f() });\n"
    "t(() => { var f = function g() { g = 1; return typeof g }; return f() });\n"
    "t(() => { 'use strict'; var f = function g() { g = 1; return typeof g }; return f() });\n"
    "t(() => { var f = function g() { return arguments.length + typeof g }; return f(1, 2) });",
    # the shape marked's and nunjucks's bundles have
    "var lib = function inline() { var inline = { rules: ['a', 'b'] }; inline.count = inline.rules.length;"
    " return inline }; console.log(lib());\n"
    "var Obj = function Obj() { if (!(this instanceof Obj)) return new Obj(); var Obj2 = 1; this.k = Obj2 };"
    " console.log(Obj());",
]


@pytest.mark.parametrize("src", PROGRAMS)
def test_like_node(src: str) -> None:
    assert_same_as_node(src)
