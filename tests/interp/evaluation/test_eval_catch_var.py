"""ES2023 B.3.4 VariableStatements in catch blocks, for direct eval: ``var x`` declared by an
eval inside ``catch (x)`` is created in the var scope, but the eval's references (its
initializer's assignment too) find the catch parameter, which lies between the eval and that
scope; a catch parameter of an enclosing function does not (the eval's own function is nearer).
"""
from __future__ import annotations

from tests.node_oracle import assert_same_as_node

PROGRAM = """
try { throw 1 } catch (y) { eval("var y = 2"); console.log(y); } console.log(typeof y, y);
function f() { try { throw 1 } catch (z) { eval("var z = 3; console.log(z)"); console.log(z); } return typeof z + z; }
console.log(f());
function g() { try { throw 1 } catch (w) { (function () { eval("var w = 4"); console.log(w); })(); console.log(w); } return typeof w; }
console.log(g());
function h() { var q = 'v'; try { throw 1 } catch (q) { eval("var q = 5"); console.log(q); } return q; }
console.log(h());
try { throw 1 } catch (e) { eval("function e() { return 7 }"); console.log(typeof e); } console.log(typeof e);
function k2() { try { throw 'o' } catch (c) { (function inner() { try { throw 'i' } catch (d) { eval("var c = 9"); console.log(c); } })(); console.log(c); } }
k2();
function arrow() { try { throw 'a' } catch (c) { (() => { eval("var c = 'x'"); console.log(c); })(); return c; } }
console.log(arrow());
"""


def test_eval_var_in_catch_finds_the_catch_parameter() -> None:
    assert_same_as_node(PROGRAM)
