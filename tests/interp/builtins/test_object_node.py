"""Object (ES2017 19.1): JS programs whose console output must match node's."""
from __future__ import annotations

import pytest

from .core_helpers import check_like_node


def xfail(src: str, reason: str) -> object:
    return pytest.param(src, marks=pytest.mark.xfail(strict=False, reason=reason))


PROGRAMS = [
    # constructor
    "console.log(typeof Object(), Object(1) instanceof Number, typeof Object('s'), Object(null), Object(undefined))",
    "const o = {a: 1}; console.log(Object(o) === o, new Object(o) === o, new Object(true) instanceof Boolean)",
    "class A extends Object { constructor() { super(); this.x = 1 } }; const a = new A(); console.log(a, a instanceof A, Object.getPrototypeOf(a) === A.prototype)",
    "console.log(Object.length, Object.name, Object.prototype.constructor === Object, typeof Object.prototype)",
    # keys / values / entries
    "console.log(Object.keys({b: 1, 2: 2, a: 3, 1: 4}), Object.values({b: 1, 2: 2}), Object.entries({x: 1, y: [2]}))",
    "console.log(Object.keys('abc'), Object.values('ab'), Object.entries([7, 8]))",
    "console.log(Object.keys(Object.create({inherited: 1}, {own: {value: 2, enumerable: true}, hidden: {value: 3}})))",
    "const s = Symbol('s'); console.log(Object.keys({[s]: 1, a: 2}), Object.getOwnPropertySymbols({[s]: 1, a: 2}))",
    "try { Object.keys(null) } catch (e) { console.log(e instanceof TypeError, e.message) }",
    xfail("console.log(Object.getOwnPropertyNames([1, 2]), Object.getOwnPropertyNames('ab'), Object.getOwnPropertyNames(function f(a) {}).sort())",
          "machine: V8 gives sloppy functions own 'arguments'/'caller' (null) properties"),
    "console.log(Object.keys(5), Object.entries(true), Object.getOwnPropertyNames(1))",
    # assign
    "const t = {a: 1}; const r = Object.assign(t, {b: 2}, null, undefined, 'xy', {a: 3}); console.log(r === t, t)",
    "const src = {get g() { return 42 }}; console.log(Object.assign({}, src))",
    "const log = []; const tgt = {set x(v) { log.push(v) }}; Object.assign(tgt, {x: 1}, {x: 2}); console.log(log)",
    "const s1 = Symbol('k'); const o = Object.assign({}, {[s1]: 1}); console.log(o[s1])",
    "try { Object.assign(Object.freeze({a: 1}), {a: 2}) } catch (e) { console.log(e.constructor.name) }",
    # create / defineProperty / descriptors
    "const p = {greet() { return 'hi' }}; const o = Object.create(p); console.log(o.greet(), Object.getPrototypeOf(o) === p)",
    "const o = Object.create(null); o.x = 1; console.log(o, 'toString' in o)",
    "try { Object.create(1) } catch (e) { console.log(e.message) }",
    "const o = {}; Object.defineProperty(o, 'x', {value: 1}); o.x = 2; console.log(o.x, Object.keys(o), JSON.stringify(Object.getOwnPropertyDescriptor(o, 'x')))",
    "'use strict'; const o = {}; Object.defineProperty(o, 'x', {value: 1}); try { o.x = 2 } catch (e) { console.log(e instanceof TypeError) }",
    "const o = {}; let v = 0; Object.defineProperty(o, 'x', {get() { return ++v }, enumerable: true}); console.log(o.x, o.x, Object.getOwnPropertyDescriptor(o, 'x'))",
    "const o = {}; Object.defineProperty(o, 'x', {set(v) { this.y = v * 2 }}); o.x = 5; console.log(o.y, o.x)",
    "try { Object.defineProperty({}, 'x', {get() {}, value: 1}) } catch (e) { console.log(e.name) }",
    "try { Object.defineProperty({}, 'x', {get: 1}) } catch (e) { console.log(e.message) }",
    "try { Object.defineProperty(1, 'x', {}) } catch (e) { console.log(e.message) }",
    "try { Object.defineProperty({}, 'x', 1) } catch (e) { console.log(e.message) }",
    "const o = Object.freeze({x: 1}); try { Object.defineProperty(o, 'x', {value: 2}) } catch (e) { console.log(e.message) }",
    "const o = Object.preventExtensions({}); try { Object.defineProperty(o, 'y', {value: 2}) } catch (e) { console.log(e.message) }",
    "const o = {}; Object.defineProperties(o, {a: {value: 1, enumerable: true}, b: {value: 2}}); console.log(o, o.b)",
    "const d = Object.getOwnPropertyDescriptors({a: 1, get b() { return 2 }}); console.log(d)",
    "console.log(Object.getOwnPropertyDescriptor([1], 'length'), Object.getOwnPropertyDescriptor('ab', 0))",
    "console.log(Object.getOwnPropertyDescriptor({}, 'x'), Object.getOwnPropertyDescriptor(Object.prototype, '__proto__'))",
    "const a = [1, 2, 3]; Object.defineProperty(a, 'length', {value: 1}); console.log(a, a.length)",
    # prototypes
    "console.log(Object.getPrototypeOf(1) === Number.prototype, Object.getPrototypeOf(Object.prototype), Object.getPrototypeOf('') === String.prototype)",
    "const a = {}; const b = {}; Object.setPrototypeOf(a, b); console.log(Object.getPrototypeOf(a) === b, b.isPrototypeOf(a))",
    "const a = {}; try { Object.setPrototypeOf(Object.prototype, a) } catch (e) { console.log(e.message) }",
    "try { Object.setPrototypeOf(null, {}) } catch (e) { console.log(e.message) }",
    "try { Object.setPrototypeOf({}, 3) } catch (e) { console.log(e.message) }",
    "const a = {}; try { Object.setPrototypeOf(a, Object.create(a)) } catch (e) { console.log(e.message) }",
    "console.log(Object.setPrototypeOf(1, null), Object.setPrototypeOf('x', {}))",
    "const o = {}; o.__proto__ = Array.prototype; console.log(o instanceof Array, Array.isArray(o), ({}).__proto__ === Object.prototype)",
    "const o = {__proto__: {x: 1}}; console.log(o.x, Object.keys(o))",
    "const o = Object.create(null); o.__proto__ = 5; console.log(Object.keys(o), o.__proto__)",
    "const a = {}; try { a.__proto__ = Object.create(a) } catch (e) { console.log(e.message) }",
    # integrity
    "const o = Object.freeze({a: 1, n: {b: 2}}); o.a = 9; o.n.b = 3; o.c = 1; console.log(o, Object.isFrozen(o), Object.isSealed(o), Object.isExtensible(o))",
    "const o = Object.seal({a: 1}); o.a = 2; delete o.a; o.b = 3; console.log(o, Object.isSealed(o), Object.isFrozen(o))",
    "const o = Object.preventExtensions({a: 1}); o.b = 1; delete o.a; console.log(o, Object.isExtensible(o), Object.isFrozen(o))",
    "console.log(Object.isFrozen(1), Object.isSealed('x'), Object.isExtensible(1), Object.freeze(5), Object.seal('s'), Object.preventExtensions(true))",
    "const a = Object.freeze([1, 2]); try { 'use strict'; a.push(3) } catch (e) { console.log(e.constructor.name) } console.log(a)",
    "console.log(Object.isFrozen({}), Object.isFrozen(Object.preventExtensions({})), Object.isFrozen(Object.preventExtensions({a: 1})))",
    "'use strict'; const o = Object.freeze({a: 1}); try { o.a = 2 } catch (e) { console.log(e.message) }",
    # is
    "console.log(Object.is(NaN, NaN), Object.is(0, -0), Object.is(-0, -0), Object.is('a', 'a'), Object.is({}, {}), Object.is(null, undefined))",
    # prototype methods
    "const o = {a: 1}; console.log(o.hasOwnProperty('a'), o.hasOwnProperty('toString'), 'abc'.hasOwnProperty(1), [1].hasOwnProperty(0), [1].hasOwnProperty('length'))",
    "try { Object.prototype.hasOwnProperty.call(null, 'x') } catch (e) { console.log(e.message) }",
    "console.log(Object.prototype.isPrototypeOf({}), Array.prototype.isPrototypeOf([]), ({}).isPrototypeOf(1), Object.prototype.isPrototypeOf(Object.create(null)))",
    "console.log([1].propertyIsEnumerable(0), [1].propertyIsEnumerable('length'), ({a: 1}).propertyIsEnumerable('a'), Math.propertyIsEnumerable('PI'))",
    "const ts = Object.prototype.toString; console.log(ts.call(undefined), ts.call(null), ts.call(1), ts.call('s'), ts.call(true), ts.call([]), ts.call({}), ts.call(function(){}), ts.call(new Error('x')), ts.call(/x/), ts.call(new Date(0)), ts.call(Symbol()))",
    "const ts = Object.prototype.toString; (function() { console.log(ts.call(arguments)) })(); console.log(ts.call(new Map()), ts.call(new Set()), ts.call(Math), ts.call(JSON), ts.call(Promise.resolve()), ts.call(new TypeError()))",
    "class T { get [Symbol.toStringTag]() { return 'Tee' } }; console.log(String(new T()), `${{[Symbol.toStringTag]: 'X'}}`, Object.prototype.toString.call({[Symbol.toStringTag]: 5}))",
    "console.log(String({}), ({}).toLocaleString(), [1, 2].toLocaleString === Array.prototype.toLocaleString, ({a: 1}).valueOf())",
    "const o = {toString() { return 'custom' }}; console.log(`${o}`, o + '', String(o), Object.prototype.toString.call(o))",
    # __defineGetter__ & co.
    "const o = {}; o.__defineGetter__('x', function() { return 7 }); o.__defineSetter__('y', function(v) { this.z = v }); o.y = 3; console.log(o.x, o.z, typeof o.__lookupGetter__('x'), o.__lookupSetter__('x'), Object.keys(o))",
    # property order
    "const o = {}; o.b = 1; o[2] = 1; o.a = 1; o[1] = 1; o[Symbol('s')] = 1; o['-1'] = 1; o['01'] = 1; console.log(Object.keys(o), Reflect.ownKeys(o).length)",
    "const o = {a: 1, b: 2}; delete o.a; o.a = 3; console.log(Object.keys(o), JSON.stringify(o))",
    "for (const k in Object.assign(Object.create({p: 1}), {o: 2})) console.log(k)",
]


@pytest.mark.parametrize("src", PROGRAMS)
def test_object_like_node(src: str) -> None:
    check_like_node(src)
