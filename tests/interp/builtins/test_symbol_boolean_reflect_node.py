"""Symbol (19.4), Boolean (19.3) and Reflect (26.1): differential tests with node."""
from __future__ import annotations

import pytest

from .core_helpers import check_like_node


PROGRAMS = [
    # Symbol
    "const s = Symbol('desc'); console.log(typeof s, s.toString(), String(s), s === Symbol('desc'), Symbol().toString(), Symbol(undefined).toString(), Symbol(null).toString(), Symbol(1).toString())",
    "try { new Symbol() } catch (e) { console.log(e.name, e.message) }",
    "try { Symbol() + '' } catch (e) { console.log(e.message) } try { `${Symbol()}` } catch (e) { console.log(e.name) } try { Symbol() * 1 } catch (e) { console.log(e.message) }",
    "const a = Symbol.for('app'); console.log(a === Symbol.for('app'), Symbol.keyFor(a), Symbol.keyFor(Symbol('app')), Symbol.keyFor(Symbol.iterator), a.toString())",
    "try { Symbol.keyFor('x') } catch (e) { console.log(e.message) }",
    "console.log(Symbol.iterator.toString(), typeof Symbol.hasInstance, Symbol.toPrimitive === Symbol.toPrimitive, Object.getOwnPropertyDescriptor(Symbol, 'iterator'))",
    "const w = Object(Symbol('w')); console.log(typeof w, w instanceof Symbol, typeof w.valueOf(), w.toString(), w == w.valueOf(), Object.prototype.toString.call(w))",
    "console.log(Symbol.prototype[Symbol.toStringTag], Symbol.length, Symbol.name, typeof Symbol.prototype[Symbol.toPrimitive])",
    "try { Symbol.prototype.toString.call('x') } catch (e) { console.log(e.message) } try { Symbol.prototype.valueOf.call({}) } catch (e) { console.log(e.name) }",
    "const s = Symbol('k'); const o = {[s]: 1, k: 2}; console.log(o[s], Object.keys(o), JSON.stringify(o), s in o, o.hasOwnProperty(s))",
    "const s = Symbol('p'); const o = {}; o[s] = 'v'; for (const k in o) console.log('key', k); console.log(Object.getOwnPropertySymbols(o).length, Reflect.ownKeys(o))",
    "const obj = {[Symbol.toPrimitive](hint) { return hint === 'number' ? 42 : 'str:' + hint }}; console.log(+obj, `${obj}`, obj + '')",
    "const it = {from: 1, to: 3, [Symbol.iterator]() { let c = this.from, t = this.to; return {next: () => c <= t ? {value: c++, done: false} : {value: undefined, done: true}} }}; console.log([...it])",
    "const s = Symbol('a'); console.log(s == Object(s), Object(s) == Object(s), [s].length, typeof Object.getOwnPropertySymbols(Object(s)))",
    # Boolean
    "console.log(Boolean(0), Boolean(''), Boolean('0'), Boolean([]), Boolean({}), Boolean(NaN), Boolean(null), Boolean(-0), Boolean(Symbol()), Boolean())",
    "const b = new Boolean(false); console.log(typeof b, b ? 'truthy' : 'falsy', b.valueOf(), b.toString(), b == false, b === false, String(b))",
    "console.log(true.toString(), false.valueOf(), Boolean.prototype.valueOf(), Object.prototype.toString.call(Boolean.prototype), Boolean.length, Boolean.name)",
    "try { Boolean.prototype.toString.call(1) } catch (e) { console.log(e.message) } try { Boolean.prototype.valueOf.call('true') } catch (e) { console.log(e.name) }",
    "class B extends Boolean {} const b = new B(1); console.log(b.valueOf(), b instanceof Boolean, b instanceof B, Object.prototype.toString.call(b))",
    "console.log(new Boolean(true), [new Boolean(false)], Object(true) instanceof Boolean, typeof Object(false))",
    # Reflect
    "const o = {a: 1}; console.log(Reflect.get(o, 'a'), Reflect.has(o, 'a'), Reflect.has(o, 'toString'), Reflect.set(o, 'b', 2), o, Reflect.ownKeys(o))",
    "const o = {get x() { return this.y }}; console.log(Reflect.get(o, 'x', {y: 'recv'}))",
    "const o = {set x(v) { this.y = v }}; const r = {}; Reflect.set(o, 'x', 5, r); console.log(r, o.y)",
    "const f = Object.freeze({a: 1}); console.log(Reflect.set(f, 'a', 2), Reflect.defineProperty(f, 'b', {value: 1}), Reflect.deleteProperty(f, 'a'), Reflect.isExtensible(f))",
    "const o = {}; console.log(Reflect.defineProperty(o, 'x', {value: 1}), Reflect.getOwnPropertyDescriptor(o, 'x'), Reflect.deleteProperty(o, 'x'), Reflect.deleteProperty(o, 'nope'))",
    "function f(a, b) { return this.base + a + b } console.log(Reflect.apply(f, {base: 10}, [1, 2]), Reflect.apply(Math.max, null, [3, 9, 4]))",
    "class P { constructor(x) { this.x = x } } const p = Reflect.construct(P, [7]); console.log(p, p instanceof P)",
    "class A { constructor() { this.nt = new.target.name } } class B {} const o = Reflect.construct(A, [], B); console.log(o.nt, o instanceof B, o instanceof A)",
    "const d = Reflect.construct(Date, [0]); console.log(d instanceof Date, d.getTime())",
    "try { Reflect.construct(() => 1, []) } catch (e) { console.log(e.name) } try { Reflect.apply(1) } catch (e) { console.log(e.name) }",
    "for (const m of ['get', 'set', 'has', 'ownKeys', 'getPrototypeOf', 'defineProperty']) { try { Reflect[m](1, 'x', {}) } catch (e) { console.log(e.message) } }",
    "const o = {}; const p = {}; console.log(Reflect.setPrototypeOf(o, p), Reflect.getPrototypeOf(o) === p, Reflect.setPrototypeOf(o, null), Reflect.getPrototypeOf(o))",
    "const o = Object.preventExtensions({}); console.log(Reflect.setPrototypeOf(o, {}), Reflect.setPrototypeOf(o, Object.prototype), Reflect.preventExtensions({}))",
    "try { Reflect.setPrototypeOf({}, 1) } catch (e) { console.log(e.message) }",
    "const a = {}; const b = Object.create(a); console.log(Reflect.setPrototypeOf(a, b))",
    "console.log(Reflect.ownKeys([1, 2]), Reflect.ownKeys({b: 1, 1: 2, [Symbol.iterator]: 3}), Reflect.ownKeys(Object.create({a: 1})))",
    "console.log(typeof Reflect, Object.prototype.toString.call(Reflect), Reflect.apply.length, Reflect.construct.length, Reflect.set.length, Object.getOwnPropertyNames(Reflect).length)",
    "console.log(Reflect.has([], 'length'), Reflect.has('abc'.constructor.prototype, 'charAt'), Reflect.getOwnPropertyDescriptor([5], 0))",
]


@pytest.mark.parametrize("src", PROGRAMS)
def test_symbol_boolean_reflect_like_node(src: str) -> None:
    check_like_node(src)
