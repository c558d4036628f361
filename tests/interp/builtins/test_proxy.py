"""Proxy (ES2023 10.5, 28.2) against node 20: every trap, every invariant's TypeError, and
the order and arguments of the traps each engine operation calls (node's order is the
oracle).  Errors print as ``Name: message``."""
from __future__ import annotations

import pytest

import fetchflow
from tests.interp.across_pause import across_pause
from tests.node_oracle import assert_same_as_node

T = "const t = (f) => { try { console.log(f()) } catch (e) { console.log(e.constructor.name + ': ' + e.message) } };\n"

# a handler whose every trap logs its name and key-ish arguments, then forwards to Reflect
LOGGER = T + """
const show = (v) => typeof v === 'symbol' ? v.toString() : typeof v === 'string' ? v :
  Array.isArray(v) ? '[' + v.map(show).join(',') + ']' : typeof v === 'object' && v !== null ? 'obj' : String(v);
const TRAPS = ['getPrototypeOf', 'setPrototypeOf', 'isExtensible', 'preventExtensions',
  'getOwnPropertyDescriptor', 'defineProperty', 'has', 'get', 'set', 'deleteProperty', 'ownKeys',
  'apply', 'construct'];
function logged(target, log) {
  const h = {};
  for (const name of TRAPS) h[name] = function (t, ...rest) {
    const shown = name === 'defineProperty' ? [show(rest[0]), Object.keys(rest[1]).join('/')] :
      name === 'set' ? [show(rest[0]), show(rest[1])] :
      name === 'get' || name === 'has' || name === 'deleteProperty' || name === 'getOwnPropertyDescriptor' ? [show(rest[0])] :
      name === 'apply' ? [show(rest[1])] : name === 'construct' ? [show(rest[0])] : [];
    log.push(name + (shown.length ? ' ' + shown.join(' ') : ''));
    return Reflect[name](t, ...rest);
  };
  return new Proxy(target, h);
}
const ops = (label, target, f) => {
  const log = [];
  const p = logged(target, log);
  let r;
  try { r = f(p) } catch (e) { r = e.constructor.name + ': ' + e.message }
  console.log(label + ' -> ' + show(r) + ' | ' + log.join(', '));
};
"""

PROGRAMS = {
    "basics": T + """
t(() => typeof new Proxy({}, {}));
t(() => typeof new Proxy(function () {}, {}));
t(() => typeof new Proxy(class {}, {}));
t(() => [Proxy.length, Proxy.name, 'prototype' in Proxy, Object.getOwnPropertyNames(Proxy).sort()]);
t(() => Proxy({}, {}));
t(() => new Proxy(1, {}));
t(() => new Proxy({}, null));
t(() => new Proxy({}, 'h'));
t(() => { const r = Proxy.revocable({a: 1}, {}); return [Object.keys(r), r.proxy.a, r.revoke(), r.revoke.length, r.revoke.name] });
t(() => { const r = Proxy.revocable({}, {}); r.revoke(); r.revoke(); return new Proxy(r.proxy, {}) !== null });
t(() => Array.isArray(new Proxy([], {})));
t(() => Array.isArray(new Proxy(new Proxy([], {}), {})));
t(() => Array.isArray(new Proxy({}, {})));
t(() => { const r = Proxy.revocable([], {}); r.revoke(); return Array.isArray(r.proxy) });
t(() => Object.prototype.toString.call(new Proxy([], {})));
t(() => Object.prototype.toString.call(new Proxy(function () {}, {})));
t(() => Object.prototype.toString.call(new Proxy(new Date(0), {})));
t(() => { const r = Proxy.revocable({}, {}); r.revoke(); return Object.prototype.toString.call(r.proxy) });
t(() => { const p = new Proxy({}, {}); return p instanceof Object });
t(() => { const f = new Proxy(function F() {}, {}); return [new f() instanceof f, f.name, f.length] });
t(() => (new Proxy({}, {}))());
t(() => new (new Proxy(() => 1, {}))());
t(() => new Proxy(function (a, b) { return a + b }, {})(2, 3));
t(() => new Proxy(function (a, b) { return a + b }, {}).call(null, 2, 3));
t(() => new Proxy(function (a, b) { return a + b }, {}).apply(null, [2, 4]));
t(() => new Proxy(function (a, b) { return this.k + a + b }, {}).bind({k: 1}, 2)(3));
t(() => Reflect.apply(new Proxy(Math.max, {}), null, [1, 5, 2]));
t(() => Reflect.construct(new Proxy(Date, {}), [0]).getTime());
t(() => { class A { constructor() { this.v = new.target.name } }; const P = new Proxy(A, {}); class B extends P {}; return new B().v });
t(() => Function.prototype.toString.call(new Proxy(function f() {}, {})));
""",
    "get_set_traps": T + """
const target = {a: 1};
const p = new Proxy(target, {
  get(t, k, r) { return k === 'virtual' ? 'v:' + (r === p) : Reflect.get(t, k, r) },
  set(t, k, v, r) { if (k === 'no') return false; t[k] = v * 2; return true },
});
t(() => [p.a, p.virtual, p['virt' + 'ual'], p.missing]);
t(() => { p.b = 5; return target.b });
t(() => { p.no = 1; return 'sloppy ok' });
t(() => { 'use strict'; p.no = 1; return 'strict?' });
t(() => Reflect.set(p, 'no', 1));
t(() => { const o = Object.create(p); return [o.a, o.virtual] });
t(() => { const o = Object.create(p); o.c = 3; return [Object.keys(o), target.c] });
t(() => { const o = {}; Object.defineProperty(o, 'k', {value: 1}); return new Proxy(o, {get: () => 2}).k });
t(() => { const o = {}; Object.defineProperty(o, 'k', {value: 1}); return new Proxy(o, {get: () => 1}).k });
t(() => { const o = {}; Object.defineProperty(o, 'k', {value: {}}); return new Proxy(o, {get: () => [1]}).k });
t(() => { const o = {}; Object.defineProperty(o, 'k', {set(v) {}}); return new Proxy(o, {get: () => 1}).k });
t(() => { const o = {}; Object.defineProperty(o, 'k', {value: 1, configurable: true}); return new Proxy(o, {get: () => 2}).k });
t(() => { const o = {}; Object.defineProperty(o, 'k', {value: 1}); return Reflect.set(new Proxy(o, {set: () => true}), 'k', 2) });
t(() => { const o = {}; Object.defineProperty(o, 'k', {value: 1}); return Reflect.set(new Proxy(o, {set: () => true}), 'k', 1) });
t(() => { const o = {}; Object.defineProperty(o, 'k', {get() { return 1 }}); return Reflect.set(new Proxy(o, {set: () => true}), 'k', 2) });
t(() => new Proxy({}, {get: 1}).x);
t(() => new Proxy({}, {get: null}).x === undefined);
t(() => { const s = Symbol('s'); return new Proxy({}, {get: (t, k) => k})[s].toString() });
t(() => new Proxy({}, {get: (t, k) => typeof k})[1]);
t(() => new Proxy([1, 2, 3], {get: (t, k, r) => k === 'length' ? 2 : Reflect.get(t, k, r)}).join());
""",
    "has_delete_define_traps": T + """
const nc = {}; Object.defineProperty(nc, 'fixed', {value: 1});
t(() => 'x' in new Proxy({}, {has: () => true}));
t(() => 'fixed' in new Proxy(nc, {has: () => false}));
t(() => 'a' in new Proxy(Object.preventExtensions({a: 1}), {has: () => false}));
t(() => 'b' in new Proxy(Object.preventExtensions({a: 1}), {has: () => false}));
t(() => delete new Proxy({a: 1}, {deleteProperty: () => false}).a);
t(() => { 'use strict'; return delete new Proxy({a: 1}, {deleteProperty: () => false}).a });
t(() => delete new Proxy(nc, {deleteProperty: () => true}).fixed);
t(() => delete new Proxy(Object.preventExtensions({a: 1}), {deleteProperty: () => true}).a);
t(() => delete new Proxy(Object.preventExtensions({}), {deleteProperty: () => true}).a);
t(() => Reflect.deleteProperty(new Proxy({a: 1}, {deleteProperty: () => 0}), 'a'));
t(() => Object.defineProperty(new Proxy({}, {defineProperty: () => false}), 'x', {value: 1}));
t(() => Reflect.defineProperty(new Proxy({}, {defineProperty: () => false}), 'x', {value: 1}));
t(() => Reflect.defineProperty(new Proxy(Object.preventExtensions({}), {defineProperty: () => true}), 'x', {value: 1}));
t(() => Reflect.defineProperty(new Proxy({}, {defineProperty: () => true}), 'x', {value: 1, configurable: false}));
t(() => Reflect.defineProperty(new Proxy(nc, {defineProperty: () => true}), 'fixed', {value: 2}));
t(() => Reflect.defineProperty(new Proxy({y: 1}, {defineProperty: () => true}), 'y', {configurable: false}));
t(() => { const o = {}; Object.defineProperty(o, 'w', {value: 1, writable: true}); return Reflect.defineProperty(new Proxy(o, {defineProperty: () => true}), 'w', {writable: false, configurable: false}) });
t(() => { let seen; const p = new Proxy({}, {defineProperty(t, k, d) { seen = Object.getOwnPropertyNames(d).join('/') + ':' + Object.getPrototypeOf(d === null); return Reflect.defineProperty(t, k, d) }}); p.x = 1; const a = seen; Object.defineProperty(p, 'y', {get() {}, enumerable: true}); return [a, seen] });
""",
    "descriptor_trap": T + """
const nc = {}; Object.defineProperty(nc, 'fixed', {value: 1});
const gopd = (target, r, k = 'x') => Object.getOwnPropertyDescriptor(new Proxy(target, {getOwnPropertyDescriptor: () => r}), k);
t(() => JSON.stringify(gopd({x: 1}, {value: 2, configurable: true})));
t(() => JSON.stringify(gopd({}, {value: 2, configurable: true, enumerable: true})));
t(() => gopd({}, 5));
t(() => gopd({}, undefined));
t(() => gopd(nc, undefined, 'fixed'));
t(() => gopd(Object.preventExtensions({x: 1}), undefined));
t(() => gopd(Object.preventExtensions({}), {value: 1, configurable: true}));
t(() => gopd({}, {value: 1, configurable: false}));
t(() => gopd({x: 1}, {value: 1, configurable: false}));
t(() => gopd(nc, {value: 2, configurable: false}, 'fixed'));
t(() => JSON.stringify(gopd(nc, {value: 1, configurable: false}, 'fixed')));
t(() => { const o = {}; Object.defineProperty(o, 'w', {value: 1, writable: true}); return gopd(o, {value: 1, writable: false, configurable: false}, 'w') });
t(() => gopd({}, {get: 1}));
t(() => gopd({}, {get() {}, value: 1}));
t(() => Object.prototype.hasOwnProperty.call(new Proxy({}, {getOwnPropertyDescriptor: () => ({configurable: true})}), 'z'));
t(() => Object.prototype.propertyIsEnumerable.call(new Proxy({}, {getOwnPropertyDescriptor: () => ({configurable: true, enumerable: true})}), 'z'));
""",
    "own_keys_trap": T + """
const nc = {}; Object.defineProperty(nc, 'fixed', {value: 1, enumerable: true});
const keys = (target, r) => Reflect.ownKeys(new Proxy(target, {ownKeys: () => r}));
t(() => keys({}, ['b', 'a', Symbol.iterator]).map(String));
t(() => keys({}, [1]));
t(() => keys({}, [{}]));
t(() => keys({}, 5));
t(() => keys({}, ['a', 'a']));
t(() => keys(nc, []));
t(() => keys(nc, ['fixed', 'extra']));
t(() => keys(Object.preventExtensions({a: 1}), []));
t(() => keys(Object.preventExtensions({a: 1}), ['a', 'b']));
t(() => keys(Object.preventExtensions({a: 1}), ['a']));
t(() => keys({}, {length: 2, 0: 'x', 1: 'y'}));
t(() => Object.keys(new Proxy({a: 1, b: 2}, {ownKeys: () => ['b', 'a', 'c']})));
t(() => Object.getOwnPropertyNames(new Proxy({}, {ownKeys: () => ['z', Symbol('s')]})));
t(() => Object.getOwnPropertySymbols(new Proxy({}, {ownKeys: () => ['z', Symbol('s')]})).length);
""",
    "prototype_extensibility_traps": T + """
const proto = {inherited: 1};
t(() => Object.getPrototypeOf(new Proxy({}, {getPrototypeOf: () => proto})) === proto);
t(() => Object.getPrototypeOf(new Proxy({}, {getPrototypeOf: () => 1})));
t(() => Object.getPrototypeOf(new Proxy({}, {getPrototypeOf: () => null})));
t(() => Object.getPrototypeOf(new Proxy(Object.preventExtensions({}), {getPrototypeOf: () => proto})));
t(() => Object.getPrototypeOf(new Proxy(Object.preventExtensions({}), {getPrototypeOf: () => Object.prototype})) === Object.prototype);
t(() => new Proxy({}, {getPrototypeOf: () => Array.prototype}) instanceof Array);
t(() => Array.prototype.isPrototypeOf(new Proxy({}, {getPrototypeOf: () => Array.prototype})));
t(() => new Proxy({}, {getPrototypeOf: () => proto}).__proto__ === proto);
t(() => Object.setPrototypeOf(new Proxy({}, {setPrototypeOf: () => false}), {}));
t(() => Reflect.setPrototypeOf(new Proxy({}, {setPrototypeOf: () => false}), {}));
t(() => Reflect.setPrototypeOf(new Proxy(Object.preventExtensions({}), {setPrototypeOf: () => true}), {}));
t(() => Reflect.setPrototypeOf(new Proxy(Object.preventExtensions({}), {setPrototypeOf: () => true}), Object.prototype));
t(() => { const p = new Proxy({}, {}); const o = {}; Object.setPrototypeOf(o, p); return Reflect.setPrototypeOf(p, o) });
t(() => { 'use strict'; new Proxy({}, {set: () => false}).__proto__ = {} });
t(() => Object.isExtensible(new Proxy({}, {isExtensible: () => false})));
t(() => Object.isExtensible(new Proxy({}, {isExtensible: () => 1})));
t(() => Object.isFrozen(new Proxy(Object.freeze({a: 1}), {isExtensible: () => true})));
t(() => Object.preventExtensions(new Proxy({}, {preventExtensions: () => false})));
t(() => Reflect.preventExtensions(new Proxy({}, {preventExtensions: () => false})));
t(() => Reflect.preventExtensions(new Proxy({}, {preventExtensions: () => true})));
t(() => Object.freeze(new Proxy({}, {preventExtensions: () => false})));
t(() => Object.isExtensible(Object.seal(new Proxy({a: 1}, {}))));
t(() => Object.isFrozen(Object.freeze(new Proxy({a: 1}, {}))));
""",
    "apply_construct_traps": T + """
function F(a) { this.a = a }
const p = new Proxy(F, {
  apply(t, th, args) { return 'apply:' + (th && th.tag) + ':' + args.join('/') + ':' + Array.isArray(args) },
  construct(t, args, nt) { return {made: args.join('/'), nt: nt === p} },
});
t(() => p(1, 2));
t(() => p.call({tag: 'T'}, 3));
t(() => ({tag: 'M', p}).p(4));
t(() => JSON.stringify(new p(5, 6)));
t(() => JSON.stringify(Reflect.construct(p, [7], Object)));
t(() => new (new Proxy(F, {construct: () => 1}))());
t(() => new (new Proxy(F, {construct: () => null}))());
// V8 words these after the call site ('(intermediate value) is not a function'): names only
t(() => { try { new (new Proxy(F, {construct: 'x'}))() } catch (e) { return e.constructor.name } });
t(() => { try { new Proxy(F, {apply: {}})() } catch (e) { return e.constructor.name } });
t(() => { const r = Proxy.revocable(F, {}); r.revoke(); return r.proxy() });
t(() => { const r = Proxy.revocable(F, {}); r.revoke(); return new r.proxy() });
t(() => { const r = Proxy.revocable(F, {}); r.revoke(); return typeof r.proxy });
t(() => { const r = Proxy.revocable({}, {}); r.revoke(); return typeof r.proxy });
t(() => [1, 2, 3].map(new Proxy(x => x * 2, {apply: (t, th, a) => t(...a) + 1})));
""",
    "revoked": T + """
const r = Proxy.revocable({a: 1}, {});
r.revoke();
const p = r.proxy;
t(() => p.a);
t(() => { p.a = 1 });
t(() => 'a' in p);
t(() => delete p.a);
t(() => Object.keys(p));
t(() => Object.getPrototypeOf(p));
t(() => Object.setPrototypeOf(p, null));
t(() => Object.isExtensible(p));
t(() => Object.preventExtensions(p));
t(() => Object.getOwnPropertyDescriptor(p, 'a'));
t(() => Object.defineProperty(p, 'a', {value: 1}));
t(() => { for (const k in p) {} });
t(() => JSON.stringify(p));
t(() => JSON.stringify({x: p}));
t(() => String(p));
t(() => ({...p}));
t(() => [].concat(p));
t(() => { const o = Object.create(p); return o.a });
""",
    "trap_order_property_ops": LOGGER + """
ops('get', {a: 1}, p => p.a);
ops('get computed', {a: 1}, p => p['a']);
ops('get inherited', {a: 1}, p => Object.create(p).a);
ops('set', {a: 1}, p => { p.a = 2; return p.a });
ops('set new', {}, p => { p.b = 2; return 1 });
ops('set inherited', {}, p => { const o = Object.create(p); o.c = 1; return Object.keys(o) });
ops('in', {a: 1}, p => 'a' in p);
ops('in inherited', {a: 1}, p => 'a' in Object.create(p));
ops('delete', {a: 1}, p => delete p.a);
ops('hasOwnProperty', {a: 1}, p => p.hasOwnProperty('a'));
ops('Object.hasOwn', {a: 1}, p => Object.hasOwn(p, 'a'));
ops('propertyIsEnumerable', {a: 1}, p => Object.prototype.propertyIsEnumerable.call(p, 'a'));
ops('isPrototypeOf', {}, p => Object.prototype.isPrototypeOf.call(Object.prototype, p));
ops('instanceof', [], p => p instanceof Array);
ops('toString', [], p => Object.prototype.toString.call(p));
ops('String()', {}, p => String(p));
ops('template', [1, 2], p => `${p}`);
ops('+ number', {valueOf() { return 2 }}, p => p + 1);
ops('__proto__', {}, p => p.__proto__ === Object.prototype);
ops('__lookupGetter__', {}, p => p.__lookupGetter__('x'));
""",
    "trap_order_object_statics": LOGGER + """
const src = () => { const o = {a: 1, b: 2}; Object.defineProperty(o, 'h', {value: 3}); o[Symbol('s')] = 4; return o };
ops('Object.keys', src(), p => Object.keys(p));
ops('Object.values', src(), p => Object.values(p));
ops('Object.entries', src(), p => Object.entries(p));
ops('getOwnPropertyNames', src(), p => Object.getOwnPropertyNames(p));
ops('getOwnPropertySymbols', src(), p => Object.getOwnPropertySymbols(p).length);
ops('getOwnPropertyDescriptors', src(), p => Object.keys(Object.getOwnPropertyDescriptors(p)));
ops('assign from', src(), p => Object.keys(Object.assign({}, p)));
ops('assign to', {}, p => Object.keys(Object.assign(p, {x: 1, y: 2})));
ops('freeze', {a: 1}, p => Object.isFrozen(Object.freeze(p)));
ops('seal', {a: 1}, p => Object.isSealed(Object.seal(p)));
ops('isFrozen', {a: 1}, p => Object.isFrozen(p));
ops('preventExtensions', {}, p => Object.isExtensible(Object.preventExtensions(p)));
ops('defineProperty', {}, p => Object.keys(Object.defineProperty(p, 'x', {value: 1, enumerable: true})));
ops('defineProperties', {}, p => Object.keys(Object.defineProperties(p, {x: {value: 1}, y: {get() {}}})));
ops('create props', {x: {value: 1, enumerable: true}}, p => Object.keys(Object.create(null, p)));
ops('setPrototypeOf', {}, p => Object.setPrototypeOf(p, null) === p);
ops('getPrototypeOf', {}, p => Object.getPrototypeOf(p) === Object.prototype);
ops('fromEntries', [['a', 1]], p => Object.keys(Object.fromEntries(p)));
""",
    "trap_order_reflect": LOGGER + """
ops('Reflect.get', {a: 1}, p => Reflect.get(p, 'a'));
ops('Reflect.get receiver', {get a() { return this.r }}, p => Reflect.get(p, 'a', {r: 9}));
ops('Reflect.set', {a: 1}, p => Reflect.set(p, 'a', 2));
ops('Reflect.set receiver', {}, p => { const r = {}; Reflect.set(p, 'a', 2, r); return Object.keys(r) });
ops('Reflect.has', {a: 1}, p => Reflect.has(p, 'a'));
ops('Reflect.deleteProperty', {a: 1}, p => Reflect.deleteProperty(p, 'a'));
ops('Reflect.ownKeys', {a: 1, 0: 1}, p => Reflect.ownKeys(p));
ops('Reflect.defineProperty', {}, p => Reflect.defineProperty(p, 'x', {value: 1}));
ops('Reflect.getOwnPropertyDescriptor', {a: 1}, p => Reflect.getOwnPropertyDescriptor(p, 'a').value);
ops('Reflect.getPrototypeOf', {}, p => Reflect.getPrototypeOf(p) === Object.prototype);
ops('Reflect.setPrototypeOf', {}, p => Reflect.setPrototypeOf(p, null));
ops('Reflect.isExtensible', {}, p => Reflect.isExtensible(p));
ops('Reflect.preventExtensions', {}, p => Reflect.preventExtensions(p));
ops('Reflect.apply', function (a) { return a + 1 }, p => Reflect.apply(p, null, [1]));
ops('Reflect.construct', function (a) { this.a = a }, p => Reflect.construct(p, [1]).a);
ops('call', function (a) { return a + 1 }, p => p(1));
ops('new', function (a) { this.a = a }, p => new p(2).a);
ops('bind', function (a, b) { return a + b }, p => p.bind(null, 1)(2));
ops('apply method', function (a) { return a }, p => p.apply(null, [3]));
""",
    "trap_order_iteration_json": LOGGER + """
ops('for-in', {a: 1, b: 2}, p => { const ks = []; for (const k in p) ks.push(k); return ks });
ops('for-in inherited', {a: 1}, p => { const o = Object.create(p); o.own = 1; const ks = []; for (const k in o) ks.push(k); return ks });
ops('for-in nonenumerable', Object.defineProperty({a: 1}, 'h', {value: 1}), p => { const ks = []; for (const k in p) ks.push(k); return ks });
ops('for-of array', [1, 2], p => { const vs = []; for (const v of p) vs.push(v); return vs });
ops('spread array', [1, 2], p => [...p]);
ops('spread object', {a: 1, b: 2}, p => Object.keys({...p}));
ops('object rest', {a: 1, b: 2}, p => { const {a, ...rest} = p; return Object.keys(rest) });
ops('array destructure', [1, 2], p => { const [x, y] = p; return x + y });
ops('JSON.stringify object', {a: 1, b: [1]}, p => JSON.stringify(p));
ops('JSON.stringify array', [1, {}], p => JSON.stringify(p));
ops('JSON.stringify replacer', {a: 1, b: 2}, p => JSON.stringify({a: 1, b: 2, c: 3}, p));
ops('JSON.parse reviver', {}, p => JSON.stringify(JSON.parse('{"a": [1]}', function (k, v) { return k === 'a' ? p : v })));
ops('Array.isArray', [], p => Array.isArray(p));
ops('concat', [1, 2], p => [0].concat(p));
ops('Array.from', [1, 2], p => Array.from(p));
ops('Array.prototype.map', [1, 2], p => Array.prototype.map.call(p, x => x * 2));
ops('Array.prototype.push', [1], p => Array.prototype.push.call(p, 2));
ops('Array.prototype.includes', [1, 2], p => Array.prototype.includes.call(p, 2));
ops('apply spread args', [1, 2], p => Math.max(...p));
ops('Function.apply', [1, 2], p => Math.max.apply(null, p));
""",
    "with_scope": LOGGER + """
ops('with read', {a: 1}, p => { with (p) { return a } });
ops('with miss', {}, p => { const q = 5; with (p) { return q } });
ops('with unscopables', {a: 1, [Symbol.unscopables]: {a: true}}, p => { const a = 'outer'; with (p) { return a } });
ops('with call', {f() { return this === undefined }}, p => { with (p) { return typeof f } });
""",
    "proxy_on_prototype_chain": LOGGER + """
ops('array append', {}, p => { const a = [1, 2]; Object.setPrototypeOf(a, p); a[2] = 3; Array.prototype.push.call(a, 4); return a.length });
ops('array hole read', {1: 'from proto'}, p => { const a = [0, , 2]; Object.setPrototypeOf(a, p); return a.join() });
ops('array method holes', {}, p => { const a = [0, , 2]; Object.setPrototypeOf(a, p); return Array.prototype.map.call(a, x => x) });
ops('object get', {x: 1}, p => { const o = Object.create(p); return [o.x, o.y, o['z']] });
ops('object set', {}, p => { const o = Object.create(p); o.x = 1; o['y'] = 2; return Object.keys(o) });
ops('in', {x: 1}, p => { const o = Object.create(p); return ['x' in o, 'q' in o] });
ops('method call', {m() { return 'm' }}, p => Object.create(p).m());
ops('instanceof', {}, p => { function F() {} F.prototype = p; return Object.create(p) instanceof F });
ops('super property', {x: 'sx'}, p => { const o = {__proto__: p, f() { return super.x }}; return o.f() });
""",
    "console_inspect": T + """
const r = Proxy.revocable({}, {}); r.revoke();
const hostile = {get() { throw new Error('trap ran') }, ownKeys() { throw new Error('trap ran') }, getPrototypeOf() { throw new Error('trap ran') }};
console.log(new Proxy({a: 1}, hostile), new Proxy([1, 2], hostile), new Proxy(function f() {}, hostile), r.proxy);
console.log([new Proxy({b: {c: 2}}, hostile)], new Proxy(new Proxy({x: 1}, {}), {}));
console.log(new Proxy(new Map([[1, 2]]), hostile), {p: new Proxy({}, hostile)});
console.log(String(new Proxy({}, {})), `${new Proxy([1, 2], {})}`);
""",
}


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_proxy_like_node(name: str) -> None:
    assert_same_as_node(PROGRAMS[name])


def test_proxy_across_pause() -> None:
    """A proxy alive across a fetch pause, resumed from bytes: its traps still fire, a
    revocable proxy can still be revoked, a revoked one stays revoked."""
    lines = across_pause("""
const log = [];
const target = {a: 1};
const p = new Proxy(target, {get(t, k, r) { log.push('get ' + String(k)); return Reflect.get(t, k, r) }});
const r = Proxy.revocable(function f(x) { return x * 2 }, {apply(t, th, a) { log.push('apply'); return t(...a) + 1 }});
const gone = Proxy.revocable({}, {}); gone.revoke();
""", """
console.log(p.a, r.proxy(3), typeof r.proxy, log.join());
r.revoke();
try { r.proxy(1) } catch (e) { console.log(e.message) }
try { gone.proxy.x } catch (e) { console.log(e.message) }
console.log(p, Array.isArray(new Proxy([], {})));
""")
    assert lines == ["1 7 function get a,apply",
                     "Cannot perform 'apply' on a proxy that has been revoked",
                     "Cannot perform 'get' on a proxy that has been revoked",
                     "{ a: 1 } true"]


def test_proxy_results_convert_as_their_targets() -> None:
    """fetchflow.to_python shows a proxy's target (no trap runs, as console.log); a revoked
    proxy inside a result is a marker string."""
    # (the get trap does run once: the completion value resolves the script's promise, which reads .then)
    assert fetchflow.evaluate("new Proxy({a: 1}, {ownKeys() { throw 1 }, getOwnPropertyDescriptor() { throw 1 }})") == {"a": 1}
    assert fetchflow.evaluate("new Proxy([1, 2], {})") == [1, 2]
    assert fetchflow.evaluate("new Proxy(function f() {}, {})") == "[Function f]"
    assert fetchflow.evaluate("const r = Proxy.revocable({}, {}); r.revoke(); ({p: r.proxy})") == \
        {"p": "[Revoked Proxy]"}
