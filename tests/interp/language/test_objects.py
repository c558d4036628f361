"""Objects: accessors, defineProperty, prototype chains, symbols as keys, property order,
for-in, the global object (ES2017 9.1, 13.7.5, 19.1): differential programs against node."""
from __future__ import annotations

import pytest

from ._corpus import bug, check, ids

PROGRAMS = [
    # getters / setters
    "var o = {_v: 1, get v() { return this._v * 10 }, set v(x) { this._v = x }}; o.v = 5; console.log(o.v, o._v)",
    bug("var o = {get only() { return 1 }}; o.only = 2; console.log(o.only); (function() { 'use strict'; try { o.only = 3 } catch (e) { console.log(e.name + ': ' + e.message) } })()", '[msg-strict-assign] strict assignment failure messages differ from V8 (getter-only / non-extensible / primitive)'),
    "var o = {set only(v) { this.got = v }}; o.only = 2; console.log(o.only, o.got)",
    "var proto = {set x(v) { this._x = v * 2 }, get x() { return this._x }}; var c = Object.create(proto); c.x = 4; console.log(c.x, Object.keys(c), c.hasOwnProperty('x'))",
    "var proto = {}; Object.defineProperty(proto, 'ro', {value: 1, writable: false}); var c = Object.create(proto); c.ro = 2; console.log(c.ro, c.hasOwnProperty('ro'))",
    "var n = 0; var o = {get ['comp' + 'uted']() { return ++n }}; console.log(o.computed, o.computed)",
    "class T { get v() { return 'class getter' } set v(x) { console.log('class setter', x) } } var t = new T(); t.v = 1; console.log(t.v, Object.keys(t))",
    "var o = {get a() { return 1 }, a: 2}; console.log(o.a); var p = {a: 2, get a() { return 1 }}; console.log(p.a)",
    "var d = Object.getOwnPropertyDescriptor({get g() { return 1 }}, 'g'); console.log(typeof d.get, d.set, d.enumerable, d.configurable)",
    # defineProperty
    "var o = {}; Object.defineProperty(o, 'x', {value: 1}); o.x = 2; console.log(o.x, Object.keys(o), JSON.stringify(Object.getOwnPropertyDescriptor(o, 'x')))",
    "'use strict'; var o = {}; Object.defineProperty(o, 'x', {value: 1}); try { o.x = 2 } catch (e) { console.log(e.name + ': ' + e.message) }",
    bug("'use strict'; var o = Object.freeze({a: 1}); try { o.b = 2 } catch (e) { console.log(e.name + ': ' + e.message) }", '[msg-strict-assign] strict assignment failure messages differ from V8 (getter-only / non-extensible / primitive)'),
    bug("'use strict'; var o = Object.preventExtensions({}); try { o.z = 1 } catch (e) { console.log(e.message) } try { undefined.x = 1 } catch (e) { console.log(e.message) }", '[msg-strict-assign] strict assignment failure messages differ from V8 (getter-only / non-extensible / primitive)'),
    "var o = {}; Object.defineProperty(o, 'x', {get() { return 'g' }, configurable: true}); console.log(o.x); Object.defineProperty(o, 'x', {value: 'v'}); console.log(o.x)",
    "var o = {}; Object.defineProperty(o, 'x', {value: 1}); try { Object.defineProperty(o, 'x', {value: 2}) } catch (e) { console.log(e.name + ': ' + e.message) }",
    "var o = {}; Object.defineProperty(o, 'h', {value: 1, enumerable: false}); o.v = 2; var ks = []; for (var k in o) ks.push(k); console.log(ks, Object.getOwnPropertyNames(o))",
    "var arr = [1, 2, 3]; Object.defineProperty(arr, 'length', {writable: false}); try { arr.push(4) } catch (e) { console.log(e.name) } console.log(arr.length)",
    "var a = [1, 2, 3]; a.length = 1; console.log(a, a[2]); a.length = 3; console.log(a); a[5] = 6; console.log(a.length)",
    "var o = Object.defineProperties({}, {a: {value: 1, enumerable: true}, b: {get() { return this.a + 1 }, enumerable: true}}); console.log(o.a, o.b, Object.keys(o))",
    # prototype chains
    "function A() {} A.prototype.hi = function() { return 'A' }; function B() {} B.prototype = Object.create(A.prototype); B.prototype.constructor = B; var b = new B(); console.log(b.hi(), b instanceof A, b.constructor === B)",
    "var base = {greet() { return 'hi ' + this.name }}; var o = Object.create(base, {name: {value: 'o'}}); console.log(o.greet(), Object.getPrototypeOf(o) === base, base.isPrototypeOf(o))",
    "var o = {}; o.__proto__ = {p: 1}; console.log(o.p, Object.getPrototypeOf(o).p); var n = Object.create(null); n.__proto__ = 5; console.log(n.__proto__, Object.getPrototypeOf(n))",
    "var o = {__proto__: {inherited: true}, own: 1}; console.log(o.inherited, Object.keys(o))",
    "var a = {}; var b = Object.create(a); try { Object.setPrototypeOf(a, b) } catch (e) { console.log(e.name + ': ' + e.message) }",
    "var p = {x: 1}; var c = Object.create(p); p.x = 2; console.log(c.x); c.x = 3; console.log(p.x, c.x); delete c.x; console.log(c.x)",
    "function F() {} console.log(F.prototype.constructor === F, Object.getPrototypeOf(F.prototype) === Object.prototype, typeof F.prototype, Object.keys(F.prototype))",
    "console.log(Object.getPrototypeOf([]) === Array.prototype, Object.getPrototypeOf(Array.prototype) === Object.prototype, Object.getPrototypeOf(Object.prototype))",
    "var o = Object.create(null); o.x = 1; console.log('toString' in o, Object.keys(o)); try { o + '' } catch (e) { console.log(e.name + ': ' + e.message) }",
    "Object.prototype.polluted = 'yes'; var o = {}; console.log(o.polluted, [].polluted, (5).polluted); delete Object.prototype.polluted; console.log(o.polluted)",
    "Array.prototype.last = function() { return this[this.length - 1] }; console.log([1, 2, 3].last())",
    # symbols as keys
    "var s = Symbol('desc'); var o = {[s]: 1, s: 2}; console.log(o[s], o.s, Object.keys(o), Object.getOwnPropertySymbols(o).length, s.toString())",
    "var s1 = Symbol('x'), s2 = Symbol('x'); var o = {}; o[s1] = 1; o[s2] = 2; console.log(o[s1], o[s2], s1 === s2, Symbol.for('k') === Symbol.for('k'), Symbol.keyFor(Symbol.for('k')))",
    "var s = Symbol(); var o = {[s]: 'hidden', v: 1}; var ks = []; for (var k in o) ks.push(k); console.log(ks, JSON.stringify(o))",
    "var o = {[Symbol.toStringTag]: 'Custom'}; console.log(Object.prototype.toString.call(o), String(o))",
    "var o = {}; o[Symbol.iterator] = function* () { yield 1; yield 2 }; console.log([...o])",
    "try { Symbol() + 1 } catch (e) { console.log(e.name + ': ' + e.message) } try { new Symbol() } catch (e) { console.log(e.name + ': ' + e.message) }",
    "var s = Symbol('p'); class K { [s]() { return 'sym method' } static [Symbol.hasInstance](x) { return x === 1 } } console.log(new K()[s](), 1 instanceof K, 2 instanceof K)",
    # property enumeration order
    "var o = {b: 1, a: 2, 10: 'x', 2: 'y', '-1': 'z', '01': 'w', 1.5: 'v'}; console.log(Object.keys(o).join())",
    "var o = {}; o.z = 1; o[3] = 1; o.a = 1; o[1] = 1; o[Symbol('s')] = 1; o['4294967294'] = 1; o['4294967295'] = 1; console.log(Object.keys(o).join(), Reflect.ownKeys(o).length)",
    "var o = {a: 1, b: 2, c: 3}; delete o.a; o.a = 4; console.log(Object.keys(o).join()); var ks = []; for (var k in o) ks.push(k); console.log(ks.join())",
    "var a = ['x', 'y']; a.extra = 1; a[5] = 'z'; var ks = []; for (var k in a) ks.push(k); console.log(ks.join(), Object.keys(a).join())",
    "var ks = []; for (var k in 'abc') ks.push(k); console.log(ks.join())",
    "console.log(JSON.stringify({b: 1, 2: 2, a: 3, 1: 4}))",
    # for-in over prototype chains with shadowing
    "var p = {a: 1, b: 2}; var c = Object.create(p); c.b = 3; c.c = 4; var ks = []; for (var k in c) ks.push(k + '=' + c[k]); console.log(ks.join())",
    "var p = {a: 1}; Object.defineProperty(p, 'h', {value: 1, enumerable: true}); var c = Object.create(p); Object.defineProperty(c, 'a', {value: 2, enumerable: false}); var ks = []; for (var k in c) ks.push(k); console.log(ks.join())",
    "var o = {a: 1, b: 2, c: 3}; var seen = []; for (var k in o) { seen.push(k); delete o.b } console.log(seen.join())",
    "var o = {a: 1}; var seen = []; for (var k in o) { seen.push(k); o.added = 1 } console.log(seen.join())",
    "var seen = []; for (var k in null) seen.push(k); for (var k in undefined) seen.push(k); for (var k in 5) seen.push(k); console.log(seen.length)",
    "var gp = {g: 1}; var p = Object.create(gp); p.p = 2; var c = Object.create(p); c.c = 3; c.g = 'shadow'; var ks = []; for (var k in c) ks.push(k); console.log(ks.join())",
    "function F() { this.own = 1 } F.prototype.inh = 2; var ks = []; for (var k in new F()) ks.push(k); console.log(ks.join())",
    "var o = {1: 'a', b: 'b'}; var p = Object.create(o); p[0] = 'z'; p.c = 'c'; var ks = []; for (var k in p) ks.push(k); console.log(ks.join())",
    "var o = {a: 1}; for (var k in o) { var x = k } console.log(x); var obj = {}; for (obj.key in {p: 1, q: 2}); console.log(obj.key)",
    # global object
    "Object.defineProperty(globalThis, 'magic', {get() { return 'computed ' + 42 }, configurable: true}); console.log(magic, typeof magic)",
    "var count = 0; Object.defineProperty(globalThis, 'tick', {get() { return ++count }}); tick; tick; console.log(tick)",
    "Object.defineProperty(globalThis, 'sv', {set(v) { console.log('set global', v) }, get() { return 'got' }}); sv = 5; console.log(sv)",
    "globalThis.viaGlobal = 3; console.log(viaGlobal); implicitGlobal = 4; console.log(globalThis.implicitGlobal)",
    "var declared = 1; var d = Object.getOwnPropertyDescriptor(globalThis, 'declared'); console.log(d.configurable, d.enumerable, d.writable)",
    "function gfn() {} console.log(typeof globalThis.gfn, Object.getOwnPropertyDescriptor(globalThis, 'gfn').configurable)",
    "console.log(typeof globalThis, globalThis === this, typeof undefinedGlobalName, 'undefinedGlobalName' in globalThis)",
    "undefined = 5; NaN = 1; console.log(undefined, NaN, typeof Infinity)",
    "let lexGlobal = 1; console.log('lexGlobal' in globalThis); const cG = 2; console.log(globalThis.cG)",
    # object literals
    "var x = 1, y = 2; var o = {x, y, m() { return 'm' }, 'quoted key': 3, 4: 'four', [x + y]: 'three'}; console.log(o, o.m())",
    "var o = {a: 1, a: 2}; console.log(o.a, Object.keys(o).length)",
    "var o = {if: 1, class: 2, new: 3, typeof: 4}; console.log(o.if + o.class + o.new + o.typeof)",
    "var o = {0.5: 'half', 1e3: 'k', 0x10: 'hex', .1: 'dot'}; console.log(Object.keys(o).join())",
    "var o = {toString() { return 'key' }}; var m = {}; m[o] = 1; m[[1, 2]] = 2; m[null] = 3; m[undefined] = 4; m[true] = 5; console.log(Object.keys(m).join())",
    "var o = {}; o[1] = 'a'; console.log(o['1'], o[1.0], o['1.0']); var a = []; a['2'] = 'x'; console.log(a.length)",
    "var o = {m() { return super.toString === Object.prototype.toString }}; console.log(o.m())",
    "var proto = {hi() { return 'proto hi' }}; var o = {__proto__: proto, hi() { return 'own + ' + super.hi() }}; console.log(o.hi())",
    # property access on primitives
    "console.log('abc'.length, 'abc'[1], (5).toFixed(1), true.toString(), 'x'.y, (1.5).constructor.name)",
    "try { null.x } catch (e) { console.log(e.name + ': ' + e.message) } try { undefined.x } catch (e) { console.log(e.message) }",
    "var o = {}; try { o.a.b } catch (e) { console.log(e.message) } try { o.f() } catch (e) { console.log(e.message) } try { o.a.f() } catch (e) { console.log(e.message) }",
    "var o = {n: 1}; try { o.n() } catch (e) { console.log(e.message) } try { o['n']() } catch (e) { console.log(e.message) } try { (1)() } catch (e) { console.log(e.message) }",
    "var x = 5; try { x() } catch (e) { console.log(e.message) } try { new x() } catch (e) { console.log(e.message) } try { new (() => 1)() } catch (e) { console.log(e.message) }",
    bug("'use strict'; try { 'str'.prop = 1 } catch (e) { console.log(e.name + ': ' + e.message) }", '[msg-strict-assign] strict assignment failure messages differ from V8 (getter-only / non-extensible / primitive)'),
    "var s = 'str'; s.prop = 1; console.log(s.prop)",
    "var k = Symbol('s'); try { null[k] } catch (e) { console.log(e.message) } try { undefined[0] } catch (e) { console.log(e.message) }",
]


@pytest.mark.parametrize("src", PROGRAMS, ids=ids(PROGRAMS, "obj"))
def test_objects(src: str) -> None:
    check(src)
