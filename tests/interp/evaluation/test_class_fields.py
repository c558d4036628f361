"""Public class fields (ES2022 15.7.10 ClassFieldDefinitionEvaluation, 7.3.33 DefineField,
7.3.34 InitializeInstanceElements): instance and static, defined with
CreateDataPropertyOrThrow (no setter runs), base classes before the constructor body,
derived classes right after super() returns, computed keys evaluated once at definition,
initializers with this = the instance and new.target undefined, anonymous functions named
by the field, the class binding visible; pauses inside a field's arrow function."""
from __future__ import annotations

import textwrap

import pytest

from tests.host.pause_check import assert_pause_transparent
from tests.node_oracle import assert_same_as_node, node_output
from tests.test_pause_equivalence import NODE_PRELUDE, run_paused_in_fresh_processes

T = ("const t = (f) => { try { console.log(f()) } catch (e) { console.log(e.constructor.name + ': ' + e.message) } };\n")

PROGRAMS = [
    # instance and static fields, console.log as node prints them
    "class A { a = 1; b; 'quoted key' = 2; 42 = 'n'; static s = 'S'; static t; }\n"
    "console.log(new A(), A, Object.keys(new A()), A.s, A.t, 'b' in new A());",
    # order: fields before the base constructor body, after super() in a derived one
    "var log = [];\n"
    "class B { x = (log.push('B.x'), 1); constructor() { log.push('B body ' + this.x) } }\n"
    "class C extends B { y = (log.push('C.y ' + this.x), 2); constructor() { log.push('C before');"
    " super(); log.push('C after ' + this.y) } }\n"
    "new C(); console.log(log.join(' | '));",
    # default constructors, base and derived
    "class P { p = 'p'; } class Q extends P { q = this.p + 'q'; } class R extends Q {}\n"
    "console.log(new P(), new Q(), new R(), new R() instanceof Q);",
    # computed keys are evaluated once, in order, at definition
    "var n = 0, log = [];\n"
    "class K { [(log.push('k1'), 'f' + ++n)] = n; static [(log.push('k2'), 's' + ++n)] = n;"
    " [(log.push('k3'), 'g' + ++n)] = (log.push('init g'), n); }\n"
    "log.push('defined'); new K(); var k = new K(); console.log(k, K.s2, log.join());",
    # this, new.target, class binding, arrow capture in initializers
    "class D { self = this; nt = new.target; cls = D; arrow = () => this; static me = D; static st = this;"
    " static name2 = this.name; }\n"
    "var d = new D(); console.log(d.self === d, d.nt, d.cls === D, d.arrow() === d, D.me === D, D.st === D, D.name2);",
    # anonymous function names
    "var sym = Symbol('desc');\n"
    "class N { f = function () {}; g = () => 1; h = class {}; ['c' + 1] = function () {}; [sym] = () => 0;"
    " static s = function () {}; named = function own() {}; 5 = () => 1; }\n"
    "var o = new N(); console.log(o.f.name, o.g.name, o.h.name, o.c1.name, o[sym].name, N.s.name, o.named.name, o[5].name);",
    # DefineField defines: no setter on the prototype chain runs, a non-extensible receiver throws
    T + "class S { set x(v) { console.log('setter', v) } } class S2 extends S { x = 1 }\n"
    "var s = new S2(); console.log(Object.getOwnPropertyDescriptor(s, 'x'));\n"
    "class Base { constructor() { return Object.freeze({}) } } class F extends Base { z = 1 }\n"
    "t(() => new F());\n"
    "class Base2 { constructor() { Object.defineProperty(this, 'v', {value: 1}) } } class G extends Base2 { v = 2 }\n"
    "t(() => new G());",
    # super property in a field initializer, static and instance
    "class H0 { greet() { return 'hi' } static sgreet() { return 'static hi' } }\n"
    "class H extends H0 { a = super.greet(); static b = super.sgreet(); }\n"
    "console.log(new H().a, H.b);",
    # initializer throws: construction fails, later fields not defined
    T + "var made = null;\n"
    "class E { a = 1; b = (() => { throw new RangeError('no b') })(); c = 3; }\n"
    "t(() => new E());\n"
    "class E2 { static a = 1; static b = (() => { throw new TypeError('static b') })(); }\n"
    "t(() => E2);",
    # fields shadow accessors on the prototype, and each instance gets its own object
    "class L { list = []; add(x) { this.list.push(x); return this } }\n"
    "var l1 = new L().add(1), l2 = new L(); console.log(l1.list, l2.list, l1.list !== l2.list);",
    # class expressions and fields with the same name as methods
    "var X = class { m = 'field'; m() { return 'method' } }; var x = new X();\n"
    "console.log(typeof x.m, X.prototype.m(), X.name);",
    # a field initializer sees the class scope, not the constructor's
    "var v = 'outer'; class V { a = v; constructor() { var v = 'ctor'; } } console.log(new V().a);",
    # Reflect.construct with a new.target and fields
    "class A1 { a = 1 } class B1 { b = 2 }\n"
    "var o = Reflect.construct(A1, [], B1); console.log(o, Object.getPrototypeOf(o) === B1.prototype);",
]


@pytest.mark.parametrize("src", PROGRAMS)
def test_like_node(src: str) -> None:
    assert_same_as_node(src)


def test_field_arrow_with_fetch_pauses_and_resumes_from_bytes() -> None:
    assert_pause_transparent(
        "class Client { base = 'https://api.test'; hits = 0;\n"
        "  load = async (id) => { this.hits++; PAUSE return this.base + '/' + id };\n"
        "  static made = 0; constructor() { Client.made++ } }\n"
        "(async () => { const c = new Client(); console.log(await c.load(7), c.hits, Client.made, c); })();")


def test_static_field_async_iife_pauses() -> None:
    assert_pause_transparent(
        "class Conf { static ready = (async () => { PAUSE return 'ready' })(); static n = 2; }\n"
        "(async () => { console.log(await Conf.ready, Conf.n); })();")


def test_class_elements_resume_in_fresh_processes(tmp_path) -> None:
    """Each fetch (in a static block's async IIFE; in a private async method awaited by a
    field's arrow) pauses, and each resume runs in a new Python process: node's output."""
    src = textwrap.dedent('''
        class Api {
          #base = "https://api.test"; #calls = 0;
          static boot;
          static { Api.boot = (async () => (await fetch("https://boot.test")).status)(); }
          async #get(id) { this.#calls++; return (await fetch(this.#base + "/" + id)).text() }
          load = async (id) => [await this.#get(id), this.#calls, #calls in this];
        }
        const api = new Api();
        console.log(await Api.boot, await api.load(1), api);
    ''')
    expected = node_output(NODE_PRELUDE + "(async () => {\n" + src + "\n})();")
    assert run_paused_in_fresh_processes(src, tmp_path) == expected


def test_constructing_after_a_resume() -> None:
    """A class defined before the pause keeps its fields, private names and initializers in
    the state: instances made after the resume get them."""
    out = assert_pause_transparent(
        "class K { #a = 1; b = this.#a + 1; static #n = 0; static make() { K.#n++; return new K() }\n"
        "  get a() { return this.#a } static get n() { return K.#n } static has(o) { return #a in o } }\n"
        "(async () => { PAUSE const k = K.make(); class L extends K { c = this.b * 10 }\n"
        "  console.log(k, k.a, new L(), K.n, K.has(k)); })().catch(e => console.log(String(e)));")
    assert out == ["K { b: 2 } 1 L { b: 2, c: 20 } 1 true"]
