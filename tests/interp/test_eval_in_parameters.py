"""A sloppy direct eval in parameter expressions (ES2023 10.2.11 steps 19-28, 19.2.1.3
EvalDeclarationInstantiation step 3.d): its vars go to an environment outside the parameters,
so a var named like a parameter (or ``arguments`` beside an arguments object) is a SyntaxError,
as is one over a lexical declaration between the eval and its var scope;
the vars it does declare are seen by closures in the parameters and, in an arrow, by
``arguments`` (fetchflow.interp.scope.eval_outer, script.start_eval)."""
from __future__ import annotations

import pytest

from tests.node_oracle import MODES, assert_same_as_node, fetchflow_output

T = ("const t = (f) => { try { console.log(f()) } catch (e) { console.log(e.constructor.name + ': ' + e.message) } };\n")

PROGRAMS = [
    # var over a parameter, before or after the eval, or over the arguments object
    T + "function f(a = eval('var a = 42')) { return a }\nt(f);\n"
    "function h(p = eval('var q = 1'), q) {}\nt(h);\n"
    "function k(arguments, p = eval('var arguments')) {}\nt(k);\n"
    "t(() => ((p = eval('var arguments = 1'), arguments) => 0)());\n"
    "t(() => ({ m(a = eval('var a')) {} }).m());\n"
    "function* gen(a = eval('var a')) {}\nt(() => gen());\n"
    "async function af(a = eval('var a')) {}\naf().catch((e) => console.log('async', e.name));\n"
    # nested eval code run by the parameter's eval
    "function n(a = eval(\"eval('var a')\")) {}\nt(n);\n",
    # what the eval may declare, and who sees it
    T + "t(() => ((p = eval('var arguments = \"param\"'), q = () => arguments) =>"
    " { let arguments = 'local'; return [arguments, q()] })());\n"
    "t(() => ((p = eval('var arguments = \"param\"'), q = () => arguments) =>"
    " { var arguments = 'local'; return [arguments, q()] })());\n"
    "t(() => ((p = eval('var arguments = \"param\"')) => { function arguments() {} return typeof arguments })());\n"
    "t(() => ((p = eval('var arguments = \"param\"')) => arguments)());\n"
    "function o() { return ((p = eval('var arguments = \"param\"')) => arguments)() }\nt(() => o(1, 2));\n"
    "function o2() { return (() => { eval('var arguments = \"body\"'); return arguments })() }\nt(() => o2(1, 2));\n"
    "function w(p = eval('var x = 1'), q = () => x) { var x = 2; return [x, q()] }\nt(w);\n"
    "t(() => ((a = 1) => (eval('var a = 2'), a))());\n"
    "function z(a = eval('{ function a() {} }')) { return typeof a }\nt(z);\n"
    "function s(a = eval('\"use strict\"; var a = 3; a')) { return a }\nt(s);\n"
    "t(() => { with ({ arguments: 'with' }) return arguments });\n",
    # a var may not hoist over a lexical declaration on its way to the var scope either
    T + "t(() => { let x; eval('var x = 1'); return x });\n"
    "t(() => { { let x; eval('var x = 1'); return x } });\n"
    "t(() => { { function x() {} eval('var x = 1'); return x } });\n"
    "t(() => { let x; { eval('var y = 1'); } return y });\n"
    "t(() => { class x {}; eval('function x() {}'); return 1 });\n"
    "t(() => { const x = 1; (() => eval('var x = 2'))(); return x });\n"
    "t(() => { for (let i of [1]) { eval('var i') } });\n"
    "t(() => (function f() { eval('var f = 1'); return f })());\n"
    "{ let gx; try { eval('var gx') } catch (e) { console.log(e.name) } }\n"
    # the parameters see the arguments object whatever the body declares
    "var args;\nfunction f(x = args = arguments) { let arguments; return typeof args }\nt(f);\n"
    "function g(x = args = arguments) { function arguments() {} return [typeof args, typeof arguments] }\nt(g);\n"
    # a plain `var arguments` starts as the arguments object
    "function f1() { return typeof arguments; var arguments = 1; }\n"
    "function f2(a) { var arguments; return arguments.length }\n"
    "function f3() { { function arguments() {} } return typeof arguments }\n"
    "function f4(x = 1) { var arguments; return typeof arguments }\n"
    "const f7 = () => { var arguments; return typeof arguments }\n"
    "console.log(f1(1), f2(1, 2), f3(), f4(), f7());\n",
]


@pytest.mark.parametrize("src", PROGRAMS)
def test_like_node(src: str) -> None:
    assert_same_as_node(src)


# Where V8 (node 20) lets the eval through, against the spec and test262
# (eval-code/direct/*-declare-arguments*): the arguments object of a non-arrow function with
# parameter expressions is in the parameter environment, whatever the body declares, and
# VarDeclaredNames of eval code include its function declarations.
SPEC_ONLY = [
    "function g(p = eval('var arguments')) {}\ntry { g() } catch (e) { console.log(e.name) }",
    "function l(p = eval('var arguments')) { let arguments = 1 }\ntry { l() } catch (e) { console.log(e.name) }",
    "try { ((p = eval('function arguments() {}'), arguments) => 0)() } catch (e) { console.log(e.name) }",
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("src", SPEC_ONLY)
def test_spec_where_node_differs(src: str, mode: str) -> None:
    assert fetchflow_output(src, mode) == "SyntaxError\n"
