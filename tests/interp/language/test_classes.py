"""Classes (ES2017 14.5): extends, super, static, computed names, accessors, builtin
subclassing, new.target; differential programs against node."""
from __future__ import annotations

import pytest

from ._corpus import bug, check, ids

PROGRAMS = [
    "class A { constructor(x) { this.x = x } get double() { return this.x * 2 } static make() { return new this(3) } } console.log(A.make().double, typeof A, A.name)",
    "class A { m() { return 'A.m' } } class B extends A { m() { return 'B>' + super.m() } } console.log(new B().m())",
    "class A { constructor(a) { this.a = a } } class B extends A { constructor() { super(1); this.b = 2 } } console.log(new B())",
    "class A { constructor(...args) { this.args = args } } class B extends A {} console.log(new B(1, 2).args)",
    "class A {} class B extends A { constructor() { this.x = 1; super() } } try { new B() } catch (e) { console.log(e.name + ': ' + e.message) }",
    "class A {} class B extends A { constructor() {} } try { new B() } catch (e) { console.log(e.name + ': ' + e.message) }",
    "class A {} class B extends A { constructor() { super(); super() } } try { new B() } catch (e) { console.log(e.name + ': ' + e.message) }",
    "class A {} class B extends A { constructor() { return {custom: true} } } console.log(new B())",
    "class A {} class B extends A { constructor() { super(); return 5 } } try { console.log(new B()) } catch (e) { console.log(e.name + ': ' + e.message) }",
    "class A { constructor() { return 5 } } console.log(new A() instanceof A)",
    "class A {} try { A() } catch (e) { console.log(e.name + ': ' + e.message) }",
    "class A { constructor(a) { return a } } try { console.log(A(5)); console.log('no throw') } catch (e) { console.log(e.name + ': ' + e.message) }",
    "class A { static s() { return 'A.s' } static t() { return this.name } } class B extends A { static s() { return 'B>' + super.s() } } console.log(B.s(), B.t(), Object.getPrototypeOf(B) === A)",
    "var k = 'dyn'; class C { [k + 'M']() { return 1 } static [k + 'S']() { return 2 } get [k]() { return 3 } } console.log(new C().dynM(), C.dynS(), new C().dyn)",
    "class C { static get sg() { return 'static getter' } static set ss(v) { C.val = v } } C.ss = 4; console.log(C.sg, C.val)",
    "class C { m() {} } console.log(Object.keys(C.prototype), Object.getOwnPropertyNames(C.prototype), Object.getOwnPropertyDescriptor(C.prototype, 'm').enumerable)",
    "class C { m() {} } try { new C.prototype.m() } catch (e) { console.log(e.name + ': ' + e.message) } try { new (new C().m)() } catch (e) { console.log(e.name) }",
    "class C { constructor() { this.v = 1 } } var d = Object.getOwnPropertyDescriptor(C, 'prototype'); console.log(d.writable, d.enumerable, d.configurable)",
    "var C = class Named { who() { return Named.name } }; console.log(C.name, new C().who(), typeof Named)",
    "class C { static m() { return 'static' } } var c = new C(); console.log(typeof c.m, C.m())",
    "class C { 'quoted name'() { return 'q' } 42() { return 42 } } console.log(new C()['quoted name'](), new C()[42]())",
    "class P { constructor() { this.init() } init() { this.kind = 'P' } } class Q extends P { init() { this.kind = 'Q' } } console.log(new Q().kind)",
    "class A { get v() { return 'A' } } class B extends A { get v() { return super.v + 'B' } } console.log(new B().v)",
    "class A { set v(x) { this._v = 'A' + x } } class B extends A { set v(x) { super.v = x + '!' } } var b = new B(); b.v = 1; console.log(b._v)",
    "class A { m() { return this.tag } } class B extends A { m() { return super.m() } } var b = new B(); b.tag = 'me'; console.log(b.m())",
    "class A {} class B extends A { m() { super.x = 5; return this.x } } console.log(new B().m())",
    "var obj = { m() { return super.constructor === Object } }; console.log(obj.m())",
    "class A { static create() { return new this() } } class B extends A {} console.log(B.create() instanceof B, B.create().constructor.name)",
    "class A { constructor() { this.nt = new.target === B ? 'B' : new.target.name } } class B extends A {} console.log(new A().nt, new B().nt)",
    "function F() { return new.target === undefined ? 'call' : 'new' } console.log(F(), new F() instanceof F)",
    "function F() { this.nt = typeof new.target } console.log(new F().nt); var g = function() { return (() => new.target)() }; console.log(g(), new g() === undefined)",
    "class A { constructor() { console.log(new.target.name) } } class B extends A {} new B(); Reflect.construct(A, [], B)",
    "class A {} class B extends null {} console.log(typeof B, Object.getPrototypeOf(B.prototype)); try { new B() } catch (e) { console.log(e.name) }",
    "try { class X extends 5 {} } catch (e) { console.log(e.name + ': ' + e.message) }",
    "function Old(x) { this.x = x } Old.prototype.get = function() { return this.x }; class New extends Old { constructor() { super(7) } } console.log(new New().get(), new New() instanceof Old)",
    "class A { m() { return 1 } } A.prototype.m = function() { return 2 }; console.log(new A().m())",
    "class C { constructor() { this.inst = () => this } } var c = new C(); var f = c.inst; console.log(f() === c)",
    "'use strict'; class C { m() { return this } } var m = new C().m; console.log(m())",
    "class C { m() { return typeof this } } console.log(C.prototype.m.call(5))",
    "console.log(typeof class {}, (class {}).name, (class { static name() { return 'x' } }).name())",
    "class C {} try { C.prototype.constructor = 1; console.log(C.prototype.constructor) } catch (e) { console.log(e.name) }",
    "let C = class { static who() { return 'anon' } }; console.log(C.who(), C.name)",
    "class A { constructor() { this.a = 1 } } class B extends A { constructor() { const r = super(); console.log(r === this) } } new B()",
    "class A { constructor() { this.type = 'A' } } class B extends A { constructor() { var f = () => super(); f(); this.after = this.type } } console.log(new B().after)",
    "class A {} class B extends A { constructor() { try { this.x = 1 } catch (e) { console.log(e.name + ': ' + e.message) } super() } } new B()",
    "class A { static [Symbol.iterator]() { return [1, 2][Symbol.iterator]() } } console.log([...A])",
    "class Gen { *[Symbol.iterator]() { yield 'g1'; yield 'g2' } } console.log([...new Gen()])",
    "class A { async am() { return 'async method' } } new A().am().then(v => console.log(v))",
    "class A { *gm() { yield 1 } static *sgm() { yield 2 } } console.log(new A().gm().next().value, A.sgm().next().value)",
    "class A { toString() { return 'A!' } } console.log(`${new A()}`, new A() + '')",
    # extending builtins
    "class MyErr extends Error { constructor(m) { super(m); this.name = 'MyErr' } } try { throw new MyErr('boom') } catch (e) { console.log(e.name, e.message, e instanceof MyErr, e instanceof Error, String(e)) }",
    "class MyErr extends Error {} var e = new MyErr('m'); console.log(e.name, e.message, Object.prototype.toString.call(e), e.constructor.name, e.stack.split('\\n')[0])",
    "class ValidationError extends Error { get name() { return 'ValidationError' } } throw new ValidationError('bad input')",
    "class MyArr extends Array { sum() { return this.reduce((a, b) => a + b, 0) } } var a = MyArr.from([1, 2, 3]); console.log(a.sum(), a.length, a instanceof MyArr, Array.isArray(a))",
    "class MyArr extends Array {} var a = new MyArr(1, 2, 3); var m = a.map(x => x * 2); console.log(m instanceof MyArr, m.length, a.length); a.length = 1; console.log(a)",
    "class MyArr extends Array {} var a = new MyArr(); a[3] = 1; console.log(a.length, a.constructor.name)",
    "class M extends Map { getOr(k, d) { return this.has(k) ? this.get(k) : d } } var m = new M([[1, 'a']]); console.log(m.getOr(1), m.getOr(2, 'dflt'), m.size)",
    "class P extends Promise {} var p = P.resolve(1); console.log(p instanceof P); p.then(v => console.log('sub promise', v))",
    "class F extends Function {} var f = new F('a', 'return a * 2'); console.log(f(4), f instanceof F)",
    "class E2 extends TypeError {} var e = new E2('te'); console.log(e instanceof TypeError, e.name, `${e}`)",
    "class N extends Number { twice() { return this * 2 } } console.log(new N(21).twice())",
    "class S extends String { shout() { return this.toUpperCase() + '!' } } console.log(new S('hey').shout(), new S('ab').length)",
    # class scoping
    "class C { m() { return C } } var D = C; C = null; console.log(new D().m() === D)",
    "class C { static m() { try { C = 1 } catch (e) { return e.name + ': ' + e.message } } } console.log(C.m())",
    "try { class C extends C {} } catch (e) { console.log(e.name + ': ' + e.message) }",
    "var log = []; class C { [(log.push('k1'), 'a')]() {} static [(log.push('k2'), 'b')]() {} } console.log(log.join())",
    "class A { constructor() { 'not strict?'; try { undeclaredInClass = 1 } catch (e) { console.log(e.name) } } } new A()",
    "class C { m() { return typeof arguments } } console.log(new C().m(1, 2))",
    "class A { m() { return 'A' } } class B extends A { m() { return 'B' } callSuper() { return super.m() } } class Cc extends B { m() { return 'C' } } console.log(new Cc().callSuper())",
    "class A { static get [Symbol.species]() { return Array } } console.log(typeof A[Symbol.species])",
    "class A { constructor() { this.x = 1 } } class B extends A { x2() { return this.x * 2 } } class C extends B {} var c = new C(); console.log(c.x2(), Object.getPrototypeOf(Object.getPrototypeOf(C)) === A)",
]


@pytest.mark.parametrize("src", PROGRAMS, ids=ids(PROGRAMS, "cls"))
def test_classes(src: str) -> None:
    check(src)
